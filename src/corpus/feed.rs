//! Feed files (RSS 2.0 and 1.0, Atom, JSON Feed), read with `feed-rs`: one article per item,
//! with the item's title, date, authors and link, the feed's title as source, and the item's or
//! the feed's language as a hint for reading a teaser too short to tell.
//!
//! Each item is its own article: its id is the feed file's id, a `/` and a slug of the item
//! (the last part of its link, else of its guid, else `item-N` by position; `-2`, `-3` added
//! to a slug met again), and its path is the file's path, `#` and the slug. Items are kept in
//! the order of their slugs, so a build and a merge of `--partial` records (which orders by
//! path) list them alike, and an item keeps its id when others are added to the feed.
//!
//! An item that has no full content, only a one-paragraph summary, is a teaser: kept, marked
//! (`teaser`), and named in a warning.

use chrono::{DateTime, NaiveDate, Utc};
use feed_rs::model::{Entry, Text};

use super::{Document, Paragraph, distinct_names, empty_document, page, paragraphs_of_text};

/// The longest slug kept (in bytes; slugs are ASCII).
const MAX_SLUG: usize = 60;

/// Reads a feed into one document per item (in slug order). `Err` is a message for a warning:
/// the file is not a feed that can be read.
pub fn read(
    id: &str,
    path: &str,
    bytes: &[u8],
    warn: &mut dyn FnMut(String),
) -> Result<Vec<Document>, String> {
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(local_timestamp)
        .id_generator(stable_id)
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| format!("is not a feed that can be read ({e}); fix it or remove it"))?;
    let site = feed.links.first().map(|l| l.href.as_str());
    let source = (feed.title.as_ref().map(plain))
        .filter(|t| !t.is_empty())
        .map(|title| without_section(title, site));
    let language = feed.language.clone();
    let mut used = std::collections::HashSet::new();
    let mut docs = Vec::new();
    for (index, entry) in feed.entries.into_iter().enumerate() {
        let slug = unique(slug_of(&entry, index), &mut used);
        let name = format!("item {} (`{slug}`)", index + 1);
        let mut doc = empty_document(format!("{id}/{slug}"), format!("{path}#{slug}"));
        doc.part = Some(slug);
        doc.source = source.clone();
        // An item's own language (Atom's `xml:lang`, a JSON Feed item's), else the feed's.
        doc.declared = entry.language.clone().or_else(|| language.clone());
        doc.title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
        doc.date = entry
            .published
            .or(entry.updated)
            .map(|d| d.format("%Y-%m-%d").to_string());
        // Names as feeds write them ("lberry@al.com (Lucy Berry)", "A and B").
        let names = entry.authors.iter().filter_map(|p| p.name.as_deref());
        doc.authors = distinct_names(names.flat_map(super::meta::feed_authors));
        doc.url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .map(|l| l.href.trim().to_string());
        let full = entry.content.as_ref().and_then(|c| {
            let body = c.body.as_deref()?;
            Some(text_of(body, c.content_type.as_ref()))
        });
        let summary = entry
            .summary
            .as_ref()
            .map(|s| text_of(&s.content, s.content_type.as_ref()));
        let paragraphs = match (full, summary) {
            (Some(Ok(p)), _) if !p.is_empty() => p,
            (Some(Err(e)), _) | (_, Some(Err(e))) => {
                warn(format!("{name}: {e}; skipped"));
                continue;
            }
            (_, Some(Ok(p))) => {
                doc.teaser = p.len() == 1;
                p
            }
            _ => Vec::new(),
        };
        super::body(
            &mut doc,
            paragraphs.into_iter().map(|p| (p.text, p.line, false)),
        );
        // A description of "…" alone says nothing either.
        let words = |p: &super::Paragraph| p.text.chars().any(char::is_alphanumeric);
        if !doc.paragraphs.iter().any(words) {
            warn(format!("{name} has no text, only a title; skipped"));
            continue;
        }
        if doc.teaser {
            warn(format!(
                "{name} holds only a teaser (a one-paragraph summary, no full content); kept, \
                 marked as a teaser"
            ));
        }
        docs.push(doc);
    }
    docs.sort_by(|a, b| a.part.cmp(&b.part));
    Ok(docs)
}

/// The id of an item (or feed) that has none: feed-rs's own (a hash of its link and title) where
/// it has a link, else none, so that the slug falls back to the item's place. feed-rs would
/// otherwise make a random UUID, and the article's id would change from build to build.
fn stable_id(links: &[feed_rs::model::Link], title: &Option<Text>, uri: Option<&str>) -> String {
    if links.is_empty() && (uri.is_none() || title.is_none()) {
        return String::new();
    }
    feed_rs::parser::generate_id(links, title, uri)
}

/// A feed text (a title, a summary) as plain text. A title given as plain text may still hold
/// character references (WordPress writes "Blog &#8211; InfluxData" into JSON Feed titles):
/// they are decoded; HTML ones are decoded by the extraction.
fn plain(text: &Text) -> String {
    let content = match text.content_type.as_ref() {
        plain if plain.starts_with("text/plain") => {
            html_escape::decode_html_entities(&text.content)
        }
        _ => std::borrow::Cow::Borrowed(text.content.as_str()),
    };
    text_of(&content, text.content_type.as_ref())
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Item text as paragraphs: HTML extracted, plain text split at its lines.
fn text_of(body: &str, content_type: &str) -> Result<Vec<Paragraph>, String> {
    if content_type.starts_with("text/plain") {
        Ok(paragraphs_of_text(body))
    } else {
        page::fragment_paragraphs(body)
    }
}

/// The slug of an item: the last part of its link's path, else of its guid, else `item-N`.
fn slug_of(entry: &Entry, index: usize) -> String {
    let link = entry.links.first().map(|l| l.href.as_str());
    [link, Some(entry.id.as_str())]
        .into_iter()
        .flatten()
        .map(last_part)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| format!("item-{}", index + 1))
}

/// A slug of the last non-empty part of a link or guid (query and fragment left out).
fn last_part(link: &str) -> String {
    let link = link.split(['?', '#']).next().unwrap_or("");
    let part = link
        .rsplit(['/', ':', '='])
        .map(str::trim)
        .find(|p| !p.is_empty())
        .unwrap_or("");
    let part = part
        .strip_suffix(".html")
        .or_else(|| part.strip_suffix(".htm"))
        .unwrap_or(part);
    let mut slug = String::new();
    for c in part.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= MAX_SLUG {
            break;
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// `slug`, or `slug-2`, `slug-3`… when it is taken.
fn unique(slug: String, used: &mut std::collections::HashSet<String>) -> String {
    let mut candidate = slug.clone();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{slug}-{n}");
    }
    candidate
}

/// A feed timestamp read as written: its own wall-clock time, not moved to UTC, so an item
/// published at 06:00 on the 5th in Jakarta (+07:00) is dated the 5th.
fn local_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let stamped = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_rfc2822(text))
        .ok();
    if let Some(stamp) = stamped {
        return Some(stamp.naive_local().and_utc());
    }
    let day = page::normal_date(text)?;
    let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

/// Whether `head` (a file's first bytes) starts a feed: an XML document whose root is `rss`,
/// `feed` or `rdf:RDF`, or a JSON Feed object.
pub fn sniff(head: &[u8], json: bool) -> bool {
    let text = String::from_utf8_lossy(head);
    if json {
        return text.contains("jsonfeed.org/version/");
    }
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>").map_or("", |x| x.1).trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->").map_or("", |x| x.1).trim_start();
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = r.split_once('>').map_or("", |x| x.1).trim_start();
        } else {
            break;
        }
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return false;
    };
    let name: String = tag
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
        .collect();
    let local = name.rsplit(':').next().unwrap_or("");
    matches!(local, "rss" | "feed" | "RDF")
}

/// A feed's title without the section it adds to the site's name, when the rest names the
/// site at `url` ("ANTARA News - Ekonomi" on antaranews.com is ANTARA News, "Blog –
/// InfluxData" on influxdata.com is InfluxData); the title as it is otherwise (on another
/// host, or "BBC News - World" on bbc.co.uk, whose host carries "BBC" alone).
fn without_section(title: String, url: Option<&str>) -> String {
    for separator in [" - ", " – ", " — ", " | ", " > ", " » "] {
        if let Some((head, tail)) = title.split_once(separator) {
            for part in [head, tail] {
                let part = part.trim();
                if page::names_host(part, url) {
                    return part.to_string();
                }
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_links_and_stay_unique() {
        assert_eq!(
            last_part("https://www.antaranews.com/berita/4012345/harga-beras-naik?utm=x"),
            "harga-beras-naik"
        );
        assert_eq!(last_part("urn:uuid:1A2b-3C"), "1a2b-3c");
        assert_eq!(last_part("https://example.org/news/Story.html"), "story");
        let mut used = Default::default();
        assert_eq!(unique("a".into(), &mut used), "a");
        assert_eq!(unique("a".into(), &mut used), "a-2");
        assert_eq!(unique("a".into(), &mut used), "a-3");
    }

    #[test]
    fn an_item_with_only_an_ellipsis_has_no_text() {
        let feed = "<rss version=\"2.0\"><channel><title>Blog</title>\
                    <item><title>Compression</title><link>https://example.org/a</link>\
                    <description>...</description></item>\
                    <item><title>Packages</title><link>https://example.org/b</link>\
                    <description>Tracking leftover packages.</description></item>\
                    </channel></rss>";
        let mut warnings = Vec::new();
        let docs = read("blog", "blog.xml", feed.as_bytes(), &mut |w| {
            warnings.push(w)
        })
        .unwrap();
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["blog/b"]);
        assert!(
            warnings
                .iter()
                .any(|w| w == "item 1 (`a`) has no text, only a title; skipped"),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_reddit_link_post_is_a_title_and_its_footer_only() {
        let footer = "&amp;#32; submitted by &amp;#32; &lt;a href=&quot;https://www.reddit.com/user/k&quot;&gt; \
                      /u/k &lt;/a&gt; &lt;br/&gt; &lt;span&gt;&lt;a href=&quot;https://k.ca/a/&quot;&gt;[link]&lt;/a&gt;&lt;/span&gt; \
                      &amp;#32; &lt;span&gt;&lt;a href=&quot;https://www.reddit.com/r/k/comments/1/&quot;&gt;[comments]&lt;/a&gt;&lt;/span&gt;";
        let feed = format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>r/k</title>\
             <entry><author><name>/u/k</name></author><title>Announcing feedmail</title>\
             <link href=\"https://www.reddit.com/r/k/comments/1/announcing_feedmail/\"/>\
             <content type=\"html\">{footer}</content></entry>\
             <entry><author><name>/u/k</name></author><title>Rack</title>\
             <link href=\"https://www.reddit.com/r/k/comments/2/rack/\"/>\
             <content type=\"html\">&lt;p&gt;I rebuilt the rack this weekend.&lt;/p&gt;{footer}</content></entry>\
             </feed>"
        );
        let mut warnings = Vec::new();
        let docs = read("r", "r.xml", feed.as_bytes(), &mut |w| warnings.push(w)).unwrap();
        assert_eq!(docs.len(), 1, "{warnings:?}");
        let text: Vec<&str> = docs[0].paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, ["I rebuilt the rack this weekend."]);
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("has no text, only a title; skipped")),
            "{warnings:?}"
        );
    }

    #[test]
    fn items_without_a_link_or_a_guid_keep_their_ids_from_read_to_read() {
        let feed = "<rss version=\"0.92\"><channel><title>Weblog</title>\
                    <item><description>A weblog was started.</description></item>\
                    <item><description>A test of a change.</description></item>\
                    </channel></rss>";
        let ids = || {
            let docs = read("log", "log.xml", feed.as_bytes(), &mut |_| {}).unwrap();
            docs.into_iter().map(|d| d.id).collect::<Vec<_>>()
        };
        assert_eq!(ids(), ["log/item-1", "log/item-2"]);
        assert_eq!(ids(), ids());
    }

    #[test]
    fn character_references_in_plain_titles_are_decoded() {
        let feed = r#"{"version": "https://jsonfeed.org/version/1.1",
            "title": "Blog &#8211; InfluxData",
            "items": [{"id": "1", "url": "https://example.org/a",
                       "title": "AT&T &amp; Verizon",
                       "content_text": "Two carriers merged their networks."}]}"#;
        let docs = read("blog", "blog.json", feed.as_bytes(), &mut |_| {}).unwrap();
        assert_eq!(docs[0].source.as_deref(), Some("Blog – InfluxData"));
        // On the site the title names, the site is the source, not its section.
        let on_site = feed.replace("example.org", "www.influxdata.com").replace(
            "\"items\"",
            "\"home_page_url\": \"https://www.influxdata.com/blog/\", \"items\"",
        );
        let docs = read("blog", "blog.json", on_site.as_bytes(), &mut |_| {}).unwrap();
        assert_eq!(docs[0].source.as_deref(), Some("InfluxData"));
        assert_eq!(docs[0].title.as_deref(), Some("AT&T & Verizon"));
    }

    #[test]
    fn feed_roots_are_recognised() {
        let rss = b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- x --><rss version=\"2.0\">";
        assert!(sniff(rss, false));
        assert!(sniff(
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            false
        ));
        assert!(sniff(b"<rdf:RDF xmlns:rdf=\"x\">", false));
        assert!(!sniff(b"<?xml version=\"1.0\"?><svg>", false));
        assert!(sniff(
            br#"{"version": "https://jsonfeed.org/version/1.1"}"#,
            true
        ));
        assert!(!sniff(br#"{"name": "x"}"#, true));
    }

    #[test]
    fn timestamps_keep_the_day_they_were_written_on() {
        let day = |t: &str| local_timestamp(t).map(|d| d.format("%Y-%m-%d").to_string());
        assert_eq!(
            day("Tue, 05 Mar 2024 06:00:00 +0700").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            day("2024-03-05T06:00:00+07:00").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            day("Tue, 05 Mar 2024 06:00:00 WIB").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(day("no date"), None);
    }
}
