//! A page's title as a reader should see it: without the site's name appended to it, with
//! character references a site escaped twice read once, and the site's name given as a web
//! address shown as its host.

/// A page title without the site's name that pages append to it ("Headline - SpaceNews.com",
/// "Headline | Kompas.com"); the title as it is when that would leave nothing.
pub(super) fn without_site<'t>(title: &'t str, site: &str) -> &'t str {
    let site = site.trim();
    if site.is_empty() {
        return title;
    }
    let whole = title
        .len()
        .checked_sub(site.len())
        .filter(|&at| title.is_char_boundary(at) && title[at..].eq_ignore_ascii_case(site))
        .map(|at| title[..at].trim_end());
    if let Some(head) = whole {
        return match head.strip_suffix(['-', '|', '–', '—', ':', '·']) {
            Some(rest) if !rest.trim().is_empty() => rest.trim_end(),
            _ => title,
        };
    }
    // The site's short name after a separator ("… - Telegraph" on Telegraph.co.uk, "… - US
    // News" on US News & World Report), of five characters or more ("… - The" is no site).
    let Some((head, last)) = [" - ", " | ", " – ", " — "]
        .iter()
        .filter_map(|sep| title.rsplit_once(sep))
        .max_by_key(|(head, _)| head.len())
    else {
        return title;
    };
    let short = last.trim();
    // "… | DW" on DW.COM: the site's name before its domain's dot, however short.
    let before_dot = site.split_once('.').map(|(name, _)| name.trim());
    if before_dot.is_some_and(|name| short.chars().count() >= 2 && name.eq_ignore_ascii_case(short))
        && !head.trim().is_empty()
    {
        return head.trim_end();
    }
    let names_site = short.chars().count() >= 5
        && site
            .get(..short.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(short))
        && site[short.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
    if (names_site || names_section(short, site)) && !head.trim().is_empty() {
        head.trim_end()
    } else {
        title
    }
}

/// Whether `short` is the site's name and then a section of it, in a word or two that start
/// with a capital ("CNN Politics" on CNN, "BBC Sport" on BBC).
fn names_section(short: &str, site: &str) -> bool {
    let Some(section) = short
        .get(..site.len())
        .filter(|name| name.eq_ignore_ascii_case(site))
        .and_then(|_| short[site.len()..].strip_prefix(' '))
    else {
        return false;
    };
    let words: Vec<&str> = section.split(' ').collect();
    words.len() <= 2 && (words.iter()).all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A page title that ends with a date after a separator ("Berlin confronts … | DW |
/// 19.01.2020"): the title without it, and the date as `YYYY-MM-DD`; the title as it is and no
/// date when it does not.
pub(super) fn without_date_suffix(title: &str) -> (&str, Option<String>) {
    let Some((head, last)) = [" | ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| title.rsplit_once(sep))
        .max_by_key(|(head, _)| head.len())
    else {
        return (title, None);
    };
    let last = last.trim();
    let date = dotted_date(last).or_else(|| {
        (last.split_whitespace().count() <= 4)
            .then(|| crate::corpus::meta::first_date(last))
            .flatten()
    });
    match date {
        Some(date) if !head.trim().is_empty() => (head.trim_end(), Some(date)),
        _ => (title, None),
    }
}

/// A date written day, month, year with dots ("19.01.2020"), as `YYYY-MM-DD`.
fn dotted_date(text: &str) -> Option<String> {
    let mut parts = text.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let number = |p: &str, most: usize| {
        (!p.is_empty() && p.len() <= most && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (d, m, y) = (number(d, 2)?, number(m, 2)?, number(y, 4)?);
    (parts.next().is_none() && y >= 1000 && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A title as a reader should see it: character references that a site escaped twice
/// ("B&amp;amp;B" in the markup, "B&amp;B" once the parser has read it) decoded, and a
/// separator left at its start ("| What's Cooking") dropped.
pub(super) fn shown_title(title: &str) -> String {
    let mut title = title.to_string();
    for _ in 0..2 {
        if !title.contains('&') {
            break;
        }
        let decoded = html_escape::decode_html_entities(&title).into_owned();
        if decoded == title {
            break;
        }
        title = decoded;
    }
    let trimmed = title.trim_start_matches(['|', '-', '–', '—', ':', '·', ' ']);
    if trimmed.is_empty() {
        title
    } else {
        trimmed.to_string()
    }
}

/// A site name as a reader knows it: one given as a web address
/// (`og:site_name` "https://www.hawaiinewsnow.com") is its host, less "www."; one followed by
/// a tagline or its address after a spaced separator ("The Jerusalem Post | JPost.com",
/// "LinkNaija | Nigeria's popular news platform") is its first part.
pub(super) fn site_shown(name: String) -> String {
    let first = SITE_SEPARATORS
        .iter()
        .filter_map(|sep| name.find(sep))
        .min()
        .map(|at| name[..at].trim())
        .filter(|first| !first.is_empty())
        .map(str::to_string);
    let name = first.unwrap_or(name);
    host_of(&name).unwrap_or(name)
}

/// What parts a site's name from its tagline or address.
const SITE_SEPARATORS: [&str; 5] = [" | ", " - ", " – ", " — ", " · "];

/// The host of an http or https address, less "www."; `None` for anything else.
pub(super) fn host_of(address: &str) -> Option<String> {
    let url = url::Url::parse(address.trim()).ok()?;
    let host = url
        .host_str()
        .filter(|_| matches!(url.scheme(), "http" | "https"))?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_name_loses_its_tagline() {
        for (given, shown) in [
            ("The Jerusalem Post | JPost.com", "The Jerusalem Post"),
            ("LinkNaija | Nigeria's popular news platform", "LinkNaija"),
            (
                "pixelmonkey.org - Andrew Montalenti's blog",
                "pixelmonkey.org",
            ),
            ("https://www.hawaiinewsnow.com", "hawaiinewsnow.com"),
            ("Tribun-News", "Tribun-News"),
            (" | Site", " | Site"),
            ("KOMPAS.com", "KOMPAS.com"),
        ] {
            assert_eq!(site_shown(given.to_string()), shown, "{given}");
        }
    }

    #[test]
    fn a_title_loses_the_site_name_appended_to_it() {
        let site = "SpaceNews.com";
        let cases = [
            (
                "NASA adds five companies - SpaceNews.com",
                "NASA adds five companies",
            ),
            ("Harga beras naik | spacenews.com", "Harga beras naik"),
            ("SpaceNews.com", "SpaceNews.com"),
            ("- SpaceNews.com", "- SpaceNews.com"),
            ("Why SpaceNews.com", "Why SpaceNews.com"),
            ("Kereta — SpaceNews.com", "Kereta"),
        ];
        for (title, want) in cases {
            assert_eq!(without_site(title, site), want, "{title}");
        }
        assert_eq!(without_site("Judul – Ä", "Ä"), "Judul");
        assert_eq!(without_site("é", "xx"), "é");
        // The site's short name (newspaper4k's saved pages).
        assert_eq!(
            without_site(
                "AirAsia plane found in Java Sea: latest - Telegraph",
                "Telegraph.co.uk"
            ),
            "AirAsia plane found in Java Sea: latest"
        );
        assert_eq!(
            without_site(
                "Tracking the 2016 Presidential Candidates - US News",
                "US News & World Report"
            ),
            "Tracking the 2016 Presidential Candidates"
        );
        // The site's name and a section of it (newspaper4k's cnn_002.html).
        let cnn = "Takeaways from Donald Trump’s contentious testimony | CNN Politics";
        assert_eq!(
            without_site(cnn, "CNN"),
            "Takeaways from Donald Trump’s contentious testimony"
        );
        assert_eq!(without_site("Live | BBC Sport", "BBC"), "Live");
        // Not a section: lowercase, or more than two words after the name.
        for title in [
            "Ratings fall - CNN anchors react",
            "Ratings fall - CNN Anchors React Quickly",
        ] {
            assert_eq!(without_site(title, "CNN"), title);
        }
        assert_eq!(without_site("Launch - Space", site), "Launch - Space");
        assert_eq!(without_site("Review - The", "The Guardian"), "Review - The");
        assert_eq!(without_site("Launch - SpaceNews", site), "Launch");
        assert_eq!(without_site(" - SpaceNews", site), " - SpaceNews");
    }

    #[test]
    fn a_date_that_ends_a_title_is_cut_and_read() {
        let title = "Berlin confronts Germany's colonial past | DW | 19.01.2020";
        let (head, date) = without_date_suffix(title);
        assert_eq!(
            (head, date.as_deref()),
            (
                "Berlin confronts Germany's colonial past | DW",
                Some("2020-01-19")
            )
        );
        assert_eq!(
            without_site(head, "DW.COM"),
            "Berlin confronts Germany's colonial past"
        );
        assert_eq!(
            without_date_suffix("Harga beras naik - 5 Maret 2024")
                .1
                .as_deref(),
            Some("2024-03-05")
        );
        for title in [
            "Top phones - 2025",
            "Review | 19.13.2020",
            "| 19.01.2020",
            "Plain title",
        ] {
            assert_eq!(without_date_suffix(title), (title, None), "{title}");
        }
        assert_eq!(without_site("Launch | DW", "SpaceNews.com"), "Launch | DW");
    }

    #[test]
    fn a_title_escaped_twice_is_read_once() {
        assert_eq!(
            shown_title("Galena IL is a B&amp;B Kinda Town"),
            "Galena IL is a B&B Kinda Town"
        );
        assert_eq!(
            shown_title("Sean Penn &amp;#039;proposes to Charlize Theron&amp;#039;"),
            "Sean Penn 'proposes to Charlize Theron'"
        );
        assert_eq!(shown_title("| What's Cooking"), "What's Cooking");
        assert_eq!(shown_title("AT&T and Verizon"), "AT&T and Verizon");
        assert_eq!(shown_title("|"), "|");
    }
}
