//! Author lines: `By Dana Whitcombe, Marren Valley Courier — 3 June 2025`, `By A and B`,
//! `Oleh Andi Wijaya`, `Penulis: Andi | Editor: Budi`, `Reporter: Sri Lestari`. The line is read
//! whole or not at all: every name must read as a name, so prose that starts with "By" ("By the
//! time the rain came") is no byline.

use super::first_date;

/// What an author line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    /// The writers, in the order given (editors are not among them).
    pub authors: Vec<String>,
    /// The publisher, when the line names one after the writers (`By NAME, PAPER`).
    pub source: Option<String>,
    /// The date the line gives, `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// Labels that open the writers' part of a byline.
pub(super) const AUTHOR_LABELS: &[&str] = &[
    "by",
    "written by",
    "oleh",
    "penulis",
    "reporter",
    "wartawan",
    "pewarta",
    "kontributor",
    "laporan",
];

/// Labels of people who edited rather than wrote: the line is a byline, but they are no authors.
pub(super) const EDITOR_LABELS: &[&str] = &["editor", "redaktur", "penyunting", "editing"];

/// Words that make the part after a writer's name their role, not the publisher
/// (`By Jane Doe, Staff Writer`).
const ROLE_WORDS: &[&str] = &[
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "staff",
    "contributor",
    "columnist",
    "wartawan",
    "koresponden",
];

/// Lowercase words that may stand inside a name (`Ludwig van Beethoven`, `Ali bin Said`).
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "di", "del", "la", "le", "bin", "binti", "al", "el",
];

/// The longest byline read, in bytes: a paragraph is no byline.
const LONGEST_BYLINE: usize = 200;

/// Reads an author line, or refuses a line that is not one.
pub fn byline(line: &str) -> Option<Byline> {
    let line = line.trim().trim_matches(['*', '_']).trim();
    if line.len() > LONGEST_BYLINE || line.ends_with(['.', '!', '?']) && !line.ends_with(".com") {
        return None;
    }
    let mut out = Byline::default();
    let mut labelled = false;
    for (i, segment) in segments(line).enumerate() {
        if let Some(names) = strip_label(segment, AUTHOR_LABELS) {
            labelled = true;
            let (authors, source) = names_and_source(names)?;
            out.authors.extend(authors);
            out.source = out.source.or(source);
        } else if let Some(names) = strip_label(segment, EDITOR_LABELS) {
            labelled = true;
            names_and_source(names)?;
        } else if i == 0 {
            return None;
        } else if let Some(date) = first_date(segment) {
            out.date = out.date.or(Some(date));
        } else if is_relative_day(segment) {
            // "yesterday", "kemarin": no date to keep.
        } else if is_proper(segment) {
            out.source = out.source.or_else(|| Some(segment.to_string()));
        } else {
            return None;
        }
    }
    labelled.then_some(out)
}

/// Splits at `|` and at ` — `, ` – `, ` -- `, ` - `; empty parts are left out.
fn segments(line: &str) -> impl Iterator<Item = &str> {
    line.split('|')
        .flat_map(|part| part.split(" — "))
        .flat_map(|part| part.split(" – "))
        .flat_map(|part| part.split(" -- "))
        .flat_map(|part| part.split(" - "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
}

/// The rest of `segment` after one of `labels` (case-insensitive, then a colon or a space).
fn strip_label<'a>(segment: &'a str, labels: &[&str]) -> Option<&'a str> {
    labels.iter().find_map(|label| {
        let head = segment.get(..label.len())?;
        if !head.eq_ignore_ascii_case(label) {
            return None;
        }
        let rest = &segment[label.len()..];
        let rest = rest
            .strip_prefix(':')
            .or_else(|| rest.strip_prefix(char::is_whitespace))?;
        Some(rest.trim_start_matches(':').trim()).filter(|r| !r.is_empty())
    })
}

/// Names separated by commas, "and", "dan" or "&"; a last comma part that holds no "and" is the
/// publisher (`By Dana Whitcombe, Marren Valley Courier`) or a role (`Staff Writer`).
fn names_and_source(text: &str) -> Option<(Vec<String>, Option<String>)> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let (names, source) = match parts.as_slice() {
        [names @ .., last] if !names.is_empty() && !joins_names(last) => (names, Some(*last)),
        _ => (&parts[..], None),
    };
    let mut authors = Vec::new();
    for part in names {
        for name in split_names(part) {
            if !is_name(name) {
                return None;
            }
            authors.push(name.to_string());
        }
    }
    if authors.is_empty() {
        return None;
    }
    let source = match source {
        Some(s) if is_role(s) => None,
        Some(s) if is_proper(s) => Some(s.to_string()),
        Some(_) => return None,
        None => None,
    };
    Some((authors, source))
}

/// The names a list of people gives ("A, B and C"), when every one of its parts reads as a
/// person's name; `None` otherwise.
pub fn names_only(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for part in text.split(',') {
        for name in split_names(part.trim()) {
            if !is_name(name) {
                return None;
            }
            out.push(name.to_string());
        }
    }
    (!out.is_empty()).then_some(out)
}

/// True when a part holds a word that joins names.
fn joins_names(part: &str) -> bool {
    part.split_whitespace()
        .any(|w| matches!(w, "and" | "dan" | "&"))
}

fn split_names(part: &str) -> impl Iterator<Item = &str> {
    part.split(" and ")
        .flat_map(|p| p.split(" dan "))
        .flat_map(|p| p.split(" & "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// A person's name: one to five words, each capitalised (or a particle inside the name, or
/// glued to it: `deCasparis`), one of them more than an initial (`N.` alone is no name).
fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words.first().is_some_and(|w| capitalised(w))
        && words.last().is_some_and(|w| capitalised(w))
        && words
            .iter()
            .all(|w| capitalised(w) || NAME_PARTICLES.contains(w))
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && text
            .chars()
            .all(|c| c.is_alphabetic() || " .'’-".contains(c))
}

/// A word of a name: capitalised, or a lowercase particle of at most three letters glued to a
/// capitalised rest (`deCasparis`, `dePaula`).
fn capitalised(word: &str) -> bool {
    let particle = word.chars().take_while(|c| c.is_lowercase()).count();
    starts_upper(word)
        || (1..=3).contains(&particle) && word.chars().nth(particle).is_some_and(char::is_uppercase)
}

/// A publisher's or place's name: one to six words, each capitalised or a short joining word,
/// or a domain (`KOMPAS.com`).
fn is_proper(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && starts_upper(words[0])
        && words
            .iter()
            .all(|w| starts_upper(w) || matches!(*w, "of" | "the" | "and" | "&" | "for"))
}

fn is_role(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// "yesterday", "kemarin", "5 days ago", "3 jam yang lalu": a time without a date to keep.
fn is_relative_day(text: &str) -> bool {
    let text = text.to_lowercase();
    if matches!(
        text.as_str(),
        "yesterday" | "today" | "kemarin" | "hari ini"
    ) {
        return true;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let unit =
        |w: &str| RELATIVE_UNITS.contains(&w) || RELATIVE_UNITS.contains(&w.trim_end_matches('s'));
    match words.as_slice() {
        [n, u, "ago"] | [n, u, "lalu"] | [n, u, "yang", "lalu"] => {
            n.chars().all(|c| c.is_ascii_digit()) && unit(u)
        }
        _ => false,
    }
}

/// Units of a relative time ("5 days ago", "3 jam yang lalu"), English ones without their "s".
const RELATIVE_UNITS: &[&str] = &[
    "minute", "min", "hour", "hr", "day", "week", "month", "year", "menit", "jam", "hari",
    "minggu", "pekan", "bulan", "tahun",
];

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Option<(Vec<String>, Option<String>, Option<String>)> {
        byline(line).map(|b| (b.authors, b.source, b.date))
    }

    fn some(
        authors: &[&str],
        source: Option<&str>,
        date: Option<&str>,
    ) -> Option<(Vec<String>, Option<String>, Option<String>)> {
        Some((
            authors.iter().map(|a| a.to_string()).collect(),
            source.map(String::from),
            date.map(String::from),
        ))
    }

    #[test]
    fn english_bylines() {
        assert_eq!(
            read("By Dana Whitcombe, Marren Valley Courier — 3 June 2025"),
            some(
                &["Dana Whitcombe"],
                Some("Marren Valley Courier"),
                Some("2025-06-03")
            )
        );
        assert_eq!(
            read("By Dana Whitcombe and Jason Warnock"),
            some(&["Dana Whitcombe", "Jason Warnock"], None, None)
        );
        assert_eq!(
            read("By Ann Lee, Bo Chan and Cy Díaz, The Harbour Times | June 3, 2025"),
            some(
                &["Ann Lee", "Bo Chan", "Cy Díaz"],
                Some("The Harbour Times"),
                Some("2025-06-03")
            )
        );
        assert_eq!(
            read("By Jane O'Neil, Staff Writer - yesterday"),
            some(&["Jane O'Neil"], None, None)
        );
        assert_eq!(
            read("By Lena deCasparis | Contributing Writer | 5 days ago"),
            some(&["Lena deCasparis"], Some("Contributing Writer"), None)
        );
        assert_eq!(
            read("Oleh Andi Wijaya | 3 jam yang lalu"),
            some(&["Andi Wijaya"], None, None)
        );
        assert_eq!(
            read("*By Ludwig van Hoek, Reuters*"),
            some(&["Ludwig van Hoek"], Some("Reuters"), None)
        );
    }

    #[test]
    fn indonesian_bylines() {
        assert_eq!(read("Oleh Andi Wijaya"), some(&["Andi Wijaya"], None, None));
        assert_eq!(
            read("Penulis: Sri Lestari | Editor: Budi Santoso"),
            some(&["Sri Lestari"], None, None)
        );
        assert_eq!(
            read("Reporter: Rahmat Hidayat dan Dewi Sartika"),
            some(&["Rahmat Hidayat", "Dewi Sartika"], None, None)
        );
        assert_eq!(read("Editor: Budi Santoso"), some(&[], None, None));
        assert_eq!(
            read("Oleh Andi Wijaya - Rabu, 3 Nop 2016"),
            some(&["Andi Wijaya"], None, Some("2016-11-03"))
        );
    }

    #[test]
    fn prose_is_no_byline() {
        for line in [
            "By the time the rain came, the river was dry",
            "By October the reservoir may be empty.",
            "Oleh karena itu, pemerintah menunda rencana",
            "Reporter: Apa yang terjadi di sana?",
            "Byline",
            "Dana Whitcombe, Marren Valley Courier",
            "By 2030, half of the farms",
            "By N., A.",
            "By Jo Lee | 5 apples ago",
        ] {
            assert_eq!(read(line), None, "{line}");
        }
    }
}
