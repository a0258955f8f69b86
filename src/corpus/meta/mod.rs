//! Metadata carried by the text itself: the dateline that opens a news article
//! (`MOSKOW (Arrahmah.id) –`, `REPUBLIKA.CO.ID, MOSKOW -`, `Jakarta, CNN Indonesia --`) and the
//! first full date it mentions (`Rabu (13/9/2023)`, `13 September 2023`).

use std::sync::LazyLock;

use regex::Regex;

mod byline;
mod credit;
mod date_line;
mod dates;

pub use byline::{Byline, byline};
pub use credit::{feed_authors, page_authors};

pub use date_line::{date_head, date_line};
pub use dates::{
    EventDate, anchored_event_date, event_date, first_date, first_date_at, first_day_date_at,
    is_calendar_word,
};

/// A dateline found at the start of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The dateline's bytes at the start of the paragraph, separator and spaces included.
    pub len: usize,
    /// The place, where given (`MOSKOW`, `Jakarta`).
    pub place: Option<String>,
    /// The publisher, where given (`Arrahmah.id`, `CNN Indonesia`).
    pub source: Option<String>,
}

/// A prefix of at most ~60 characters, then a dash separator, then the sentence's capital; or
/// a place in ASCII capitals whose dash the text is glued to (`JAKARTA –Sekelah …`: a prefix in
/// other case before a glued dash is a name and its aside, `Joko Widodo -Jokowi- …`; with
/// `\p{Lu}` for its capitals the pattern took 40 million instructions more to compile).
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:([^\s–—-][^–—\n]{1,60}?)\s+(?:--|-|–|—)\s+|([A-Z][A-Z .,]{1,40}?)\s+(?:--|-|–|—))[\p{Lu}“\x22‘'0-9]").unwrap()
});

/// How far into a paragraph a dateline can reach: 61 characters of prefix, spaces and the
/// separator. Searching only this head keeps the search short on long paragraphs.
const DATELINE_REACH: usize = 400;

/// A publisher's tag in brackets, after an optional place and before an optional dash, glued to
/// the text or not: `(CNN)Share`, `London (CNN)The`, `Sanaa, Yemen (CNN) -- The`.
static SOURCE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^()\n]{0,60}?)\s*\(([^()\n]{1,40})\)(\s*(?:--|-|–|—)\s*)?").unwrap()
});

/// Finds a dateline at the start of the article's first paragraph.
pub fn dateline(paragraph: &str) -> Option<Dateline> {
    let mut reach = DATELINE_REACH.min(paragraph.len());
    while !paragraph.is_char_boundary(reach) {
        reach -= 1;
    }
    let head = &paragraph[..reach];
    dashed_dateline(head).or_else(|| source_tag(head))
}

/// A dateline the text goes on from after a publisher's tag in brackets, with or without a
/// dash (`(CNN)Share`, `WASHINGTON (AP) —`): the tag must read as a name, the place (if any) as
/// a place, and the text must go on with a capital, a digit or a quotation mark, straight after
/// the bracket when no dash parts them (`Komisi Pemilihan Umum (KPU) RI memperkenalkan` is a
/// name and its acronym, not a dateline).
fn source_tag(head: &str) -> Option<Dateline> {
    // What SOURCE_TAG needs before its bracket, checked before its slower captures: the first
    // bracket opens, and what precedes it, white space at its end aside, is a place of at most
    // 60 characters on one line.
    let open = memchr::memchr2(b'(', b')', head.as_bytes())?;
    let place = head[..open].trim_end();
    if head.as_bytes()[open] != b'(' || place.contains('\n') || place.chars().nth(60).is_some() {
        return None;
    }
    let caps = SOURCE_TAG.captures(head)?;
    let tag_end = caps.get(0)?.end();
    let len = tag_end + (head[tag_end..].len() - head[tag_end..].trim_start().len());
    let next = head[len..].chars().next()?;
    let place = caps[1].trim().trim_end_matches(',').trim();
    let source = caps[2].trim();
    // Without a dash and not glued, only a wire's tag in capitals after a short place
    // (`Washington (CNN) A`); a name followed by its acronym is no dateline.
    let spaced = caps.get(3).is_none() && len > tag_end;
    if spaced
        && (is_acronym_of(source, place)
            || source.chars().any(char::is_lowercase)
            || place.split_whitespace().count() > 3)
    {
        return None;
    }
    if !(next.is_uppercase() || next.is_ascii_digit() || "“\"‘'[".contains(next)) {
        return None;
    }
    let capitalised = |s: &str, most: usize| {
        let words: Vec<&str> = s.split_whitespace().collect();
        (1..=most).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphanumeric() || ".,'’&-".contains(c))
            })
    };
    if !capitalised(source, 4) || source.chars().all(|c| !c.is_alphabetic()) {
        return None;
    }
    if !place.is_empty() && !capitalised(place, 4) {
        return None;
    }
    Some(Dateline {
        len,
        place: non_empty(place),
        source: Some(source.to_string()),
    })
}

/// True when `short` is made of the initials of the capitalised words of `name`, or of its
/// last ones (`KPU` of `Komisi Pemilihan Umum`).
fn is_acronym_of(short: &str, name: &str) -> bool {
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    short.chars().count() >= 2 && initials.ends_with(short)
}

/// A dateline ended by a dash (`MOSKOW (Arrahmah.id) –`, `REPUBLIKA.CO.ID, MOSKOW -`).
fn dashed_dateline(head: &str) -> Option<Dateline> {
    // The match alone, not its group: finding it is a quick scan, filling in the group takes a
    // slower engine. The group (the prefix) is what precedes the separator's spaces.
    let found = DATELINE.find(head)?.as_str();
    let sep_end = found.len() - last_char_len(found);
    let prefix = found[..separator_start(&found[..sep_end])].trim();
    let (place, source) = split_prefix(prefix)?;
    Some(Dateline {
        len: sep_end,
        place,
        source,
    })
}

fn last_char_len(s: &str) -> usize {
    s.chars().next_back().map_or(0, char::len_utf8)
}

/// Where the separator starts in a dateline match cut before the sentence's first character
/// (`MOSKOW (Arrahmah.id) – `): the dash before the closing spaces, or `--` when the character
/// before that dash is a dash too (the pattern wants a space before the separator).
fn separator_start(matched: &str) -> usize {
    let separator = matched.trim_end();
    match separator.strip_suffix("--") {
        Some(before) if before.ends_with(char::is_whitespace) => before.len(),
        _ => separator.len() - last_char_len(separator),
    }
}

/// Splits a dateline prefix into place and source, or refuses a prefix that reads as prose.
fn split_prefix(prefix: &str) -> Option<(Option<String>, Option<String>)> {
    let is_domain = |s: &str| {
        let s = s.trim();
        s.contains('.') && !s.contains(' ') && s.chars().next().is_some_and(char::is_alphabetic)
    };
    let proper = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        !words.is_empty()
            && words.len() <= 4
            && words.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c == '(')
            })
    };
    if let (Some(open), true) = (prefix.find('('), prefix.ends_with(')')) {
        let place = prefix[..open].trim().trim_end_matches(',').trim();
        let source = prefix[open + 1..prefix.len() - 1].trim();
        if (place.is_empty() || proper(place)) && !source.is_empty() && source.len() <= 40 {
            return Some((non_empty(place), Some(source.to_string())));
        }
        return None;
    }
    if let Some((a, b)) = prefix.split_once(',') {
        let (a, b) = (a.trim(), b.trim());
        if !proper(a) && !is_domain(a) || !proper(b) && !is_domain(b) {
            return None;
        }
        return Some(if is_domain(a) {
            (non_empty(b), Some(a.to_string()))
        } else {
            (non_empty(a), Some(b.to_string()))
        });
    }
    if is_domain(prefix) {
        return Some((None, Some(prefix.to_string())));
    }
    let single_word = !prefix.contains(' ');
    let letters = prefix.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = prefix.chars().all(|c| !c.is_lowercase());
    // Several words only in capitals (`PORT AVERLY`, `COBB'S CROSSING`): a place, not prose.
    if (single_word || all_caps) && letters >= 3 && proper(prefix) {
        return Some(if all_caps {
            (Some(prefix.to_string()), None)
        } else {
            (None, Some(prefix.to_string()))
        });
    }
    None
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(s: &str) -> Option<(String, Option<String>, Option<String>)> {
        dateline(s).map(|d| (s[d.len..].chars().take(8).collect(), d.place, d.source))
    }

    #[test]
    fn calendar_words_in_any_case() {
        for word in [
            "June",
            "JUNI",
            "senin",
            "Jum'at",
            "Wednesday",
            "Agustus",
            "Mei",
            "April",
        ] {
            assert!(is_calendar_word(word), "{word}");
        }
        // Abbreviations beyond the first two names of a month, other words, non-ASCII, long.
        for word in ["Jun", "Junee", "week", "", "Jüni", "Septemberseptember"] {
            assert!(!is_calendar_word(word), "{word}");
        }
    }

    #[test]
    fn datelines() {
        let some = |rest: &str, place: Option<&str>, source: Option<&str>| {
            Some((
                rest.to_string(),
                place.map(String::from),
                source.map(String::from),
            ))
        };
        assert_eq!(
            dl("MOSKOW (Arrahmah.id) – Pertemuan langka antara"),
            some("Pertemua", Some("MOSKOW"), Some("Arrahmah.id"))
        );
        assert_eq!(
            dl("REPUBLIKA.CO.ID, MOSKOW - Rusia dan Korea Utara"),
            some("Rusia da", Some("MOSKOW"), Some("REPUBLIKA.CO.ID"))
        );
        assert_eq!(
            dl("Jakarta, CNN Indonesia -- Demam Pokemon Go"),
            some("Demam Po", Some("Jakarta"), Some("CNN Indonesia"))
        );
        assert_eq!(
            dl("Jakarta (ANTARA News) - Nilai tukar rupiah"),
            some("Nilai tu", Some("Jakarta"), Some("ANTARA News"))
        );
        assert_eq!(
            dl("Merdeka.com - Bekerja merupakan"),
            some("Bekerja ", None, Some("Merdeka.com"))
        );
        assert_eq!(
            dl("JAKARTA - Presiden"),
            some("Presiden", Some("JAKARTA"), None)
        );
        assert_eq!(
            dl("JAKARTA, KOMPAS.com - Presiden"),
            some("Presiden", Some("JAKARTA"), Some("KOMPAS.com"))
        );
        assert_eq!(
            dl("JAKARTA –Sekelah diultimatum"),
            some("Sekelah ", Some("JAKARTA"), None)
        );
        // Glued to its dash, only a place in capitals is a dateline.
        assert_eq!(dl("Presiden Joko Widodo -Jokowi- mengatakan"), None);
        assert_eq!(dl("JAKARTA -jalan macet"), None);
    }

    #[test]
    fn english_datelines() {
        let some = |rest: &str, place: Option<&str>, source: Option<&str>| {
            Some((
                rest.to_string(),
                place.map(String::from),
                source.map(String::from),
            ))
        };
        assert_eq!(
            dl("MARREN CITY — The reservoir"),
            some("The rese", Some("MARREN CITY"), None)
        );
        assert_eq!(
            dl("COBB'S CROSSING — Farmers said"),
            some("Farmers ", Some("COBB'S CROSSING"), None)
        );
        assert_eq!(
            dl("PORT AVERLY -- “We are"),
            some("“We are", Some("PORT AVERLY"), None)
        );
        assert_eq!(
            dl("WASHINGTON (AP) — The Senate"),
            some("The Sena", Some("WASHINGTON"), Some("AP"))
        );
        assert_eq!(
            dl("LONDON (CNN) -- The Queen"),
            some("The Quee", Some("LONDON"), Some("CNN"))
        );
        assert_eq!(dl("(CNN)Share, and"), some("Share, a", None, Some("CNN")));
        assert_eq!(
            dl("(CNN)U.S. officials said"),
            some("U.S. off", None, Some("CNN"))
        );
        assert_eq!(
            dl("Sanaa, Yemen (CNN)The rebels"),
            some("The rebe", Some("Sanaa, Yemen"), Some("CNN"))
        );
        assert_eq!(
            dl("Washington (CNN) A huge decision"),
            some("A huge d", Some("Washington"), Some("CNN"))
        );
        assert_eq!(
            dl("Los Angeles (CNN)\"It was"),
            some("\"It was", Some("Los Angeles"), Some("CNN"))
        );
    }

    /// The dateline as the pattern's group finds it: what [`dateline`] must find.
    fn dateline_by_group(paragraph: &str) -> Option<(usize, &str)> {
        let mut reach = DATELINE_REACH.min(paragraph.len());
        while !paragraph.is_char_boundary(reach) {
            reach -= 1;
        }
        let caps = DATELINE.captures(&paragraph[..reach])?;
        let whole = caps.get(0)?.as_str();
        Some((
            whole.len() - last_char_len(whole),
            caps.get(1).or_else(|| caps.get(2))?.as_str().trim(),
        ))
    }

    #[test]
    fn the_pattern_and_the_standard_library_agree_on_white_space() {
        let space = Regex::new(r"^\s$").unwrap();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(
                space.is_match(c.encode_utf8(&mut [0; 4])),
                c.is_whitespace(),
                "{c:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn the_prefix_is_the_pattern_group(
            text in "[A-Za-z(). ,\u{a0}\t]{0,12}( |\u{2003}){0,2}(--|-|–|—|---){1,2}( |\u{2003}){0,2}[A-Za-z“\"0-9 –-]{0,6}",
        ) {
            let group = dateline_by_group(&text);
            let found = DATELINE.find(&text).map(|m| {
                let found = m.as_str();
                let sep_end = found.len() - last_char_len(found);
                (sep_end, found[..separator_start(&found[..sep_end])].trim())
            });
            proptest::prop_assert_eq!(found, group);
        }
    }

    #[test]
    fn prose_is_not_a_dateline() {
        assert_eq!(dl("GO - JEK perlahan tapi pasti"), None);
        assert_eq!(
            dl("Real Madrid berhasil membungkam Dortmund dengan skor 3 - 2 di"),
            None
        );
        assert_eq!(
            dl("Pertemuan antara Presiden Rusia, Vladimir Putin, dan Kim"),
            None
        );
        assert_eq!(
            dl("Korut kemudian perang dengan tetangganya Korea Selatan - AS"),
            None
        );
        assert_eq!(dl("(Putin menjawab pertanyaan wartawan.)"), None);
        assert_eq!(dl("The farmers (most of them) said"), None);
        assert_eq!(dl("(1) The first reason"), None);
        assert_eq!(
            dl("Komisi Pemilihan Umum (KPU) RI memperkenalkan 7 Komisioner"),
            None
        );
        assert_eq!(dl("Presiden Joko Widodo (Jokowi) Senin meresmikan"), None);
        assert_eq!(dl("Farmers Say - The"), None);
    }
}
