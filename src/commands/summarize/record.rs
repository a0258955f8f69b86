//! The stream's output record, written straight into bytes: exactly the text `serde_json` writes
//! for it (the tests hold the two together), but with the strings escaped a word at a time.
//! A record is mostly text (every sentence, then the summary's again), and `serde_json` looks
//! its escapes up byte by byte; no well-kept crate escapes JSON strings in `serde_json`'s exact
//! bytes faster, so the scan for the few bytes that need escaping is here.

use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

use crate::model;

/// Appends an article's record, and the newline that ends it, to `out`.
pub fn write(
    out: &mut Vec<u8>,
    id: &serde_json::Value,
    article: &model::Article,
) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"id\":");
    serde_json::to_writer(&mut *out, id)?;
    // The summary's sentences, one per line, escaped as the string they make when joined.
    out.extend_from_slice(b",\"summary\":\"");
    let summary = article
        .summary
        .iter()
        .filter_map(|&i| article.sentences.get(i));
    for (n, sentence) in summary.enumerate() {
        if n > 0 {
            out.extend_from_slice(b"\\n");
        }
        string_contents(out, &sentence.text);
    }
    out.extend_from_slice(b"\",\"sentences\":[");
    for (n, sentence) in article.sentences.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"text\":");
        string(out, &sentence.text);
        out.extend_from_slice(b",\"score\":");
        float(out, sentence.score);
        out.extend_from_slice(b",\"themes\":[");
        for (t, theme) in sentence.themes.iter().enumerate() {
            if t > 0 {
                out.push(b',');
            }
            string(out, theme);
        }
        // Evidence is short and often empty: serde_json writes it.
        out.extend_from_slice(b"],\"evidence\":");
        serde_json::to_writer(&mut *out, &sentence.evidence)?;
        out.extend_from_slice(b",\"line\":");
        integer(out, sentence.line);
        out.extend_from_slice(b",\"marks\":[");
        for (m, [start, end]) in sentence.marks.iter().enumerate() {
            out.extend_from_slice(if m > 0 { b",[" } else { b"[" });
            integer(out, *start);
            out.push(b',');
            integer(out, *end);
            out.push(b']');
        }
        out.extend_from_slice(b"]}");
    }
    out.extend_from_slice(b"],\"chosen\":[");
    for (n, &index) in article.summary.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        integer(out, index);
    }
    out.extend_from_slice(b"],\"key_terms\":");
    let key_terms = article
        .key_terms
        .iter()
        .map(|t| (t.term.as_str(), t.weight));
    weighted(out, b"term", key_terms);
    out.extend_from_slice(b",\"themes\":");
    weighted(
        out,
        b"id",
        article.themes.iter().map(|t| (t.id.as_str(), t.weight)),
    );
    out.extend_from_slice(b",\"title\":");
    string(out, &article.title);
    out.extend_from_slice(b",\"language\":");
    string(out, &article.language);
    out.extend_from_slice(b"}\n");
    Ok(())
}

/// A list of `{"<name>": text, "weight": number}` objects (key terms, themes).
fn weighted<'a>(out: &mut Vec<u8>, name: &[u8], items: impl Iterator<Item = (&'a str, f64)>) {
    out.push(b'[');
    for (n, (text, weight)) in items.enumerate() {
        out.extend_from_slice(if n > 0 { b",{\"" } else { b"{\"" });
        out.extend_from_slice(name);
        out.extend_from_slice(b"\":");
        string(out, text);
        out.extend_from_slice(b",\"weight\":");
        float(out, weight);
        out.push(b'}');
    }
    out.push(b']');
}

/// A number as `serde_json` writes a `usize`.
fn integer(out: &mut Vec<u8>, value: usize) {
    // Writing to a vector cannot fail.
    let _ = CompactFormatter.write_u64(out, value as u64);
}

/// A number as `serde_json` writes an `f64`: `null` when it is not finite.
fn float(out: &mut Vec<u8>, value: f64) {
    if value.is_finite() {
        let _ = CompactFormatter.write_f64(out, value);
    } else {
        out.extend_from_slice(b"null");
    }
}

/// A JSON string.
fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    string_contents(out, text);
    out.push(b'"');
}

/// A JSON string's contents, escaped as `serde_json` escapes them.
fn string_contents(out: &mut Vec<u8>, text: &str) {
    let mut rest = text.as_bytes();
    loop {
        let clean = first_to_escape(rest);
        out.extend_from_slice(&rest[..clean]);
        let Some(&byte) = rest.get(clean) else { return };
        let _ = CompactFormatter.write_char_escape(out, escape(byte));
        rest = &rest[clean + 1..];
    }
}

/// The position of the first byte JSON escapes (`"`, `\` or a control byte), else the length.
fn first_to_escape(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8) {
        if word_needs_escape(u64::from_le_bytes(word.try_into().unwrap_or_default())) {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| byte_needs_escape(b))
        .map_or(bytes.len(), |p| at + p)
}

fn byte_needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// True when any of the eight bytes of `word` needs escaping: one below 0x20, or equal to `"`
/// or `\` (the exact zero-byte and less-than tests of "Bit Twiddling Hacks").
fn word_needs_escape(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * n as u64) & !word;
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    (below(word, 0x20) | below(quote, 1) | below(backslash, 1)) & HIGHS != 0
}

/// How `serde_json` escapes a byte that needs it.
fn escape(byte: u8) -> CharEscape {
    match byte {
        b'"' => CharEscape::Quote,
        b'\\' => CharEscape::ReverseSolidus,
        0x08 => CharEscape::Backspace,
        b'\t' => CharEscape::Tab,
        b'\n' => CharEscape::LineFeed,
        0x0C => CharEscape::FormFeed,
        b'\r' => CharEscape::CarriageReturn,
        _ => CharEscape::AsciiControl(byte),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Serialize;

    use super::*;

    /// The record as `serde_json` writes it: the reference for [`write`].
    #[derive(Serialize)]
    struct Summarized<'a> {
        id: &'a serde_json::Value,
        summary: String,
        sentences: &'a [model::Sentence],
        chosen: &'a [usize],
        key_terms: &'a [model::KeyTerm],
        themes: &'a [model::ThemeWeight],
        title: &'a str,
        language: &'a str,
    }

    fn by_serde(id: &serde_json::Value, article: &model::Article) -> Vec<u8> {
        let record = Summarized {
            id,
            summary: article.summary_text(),
            sentences: &article.sentences,
            chosen: &article.summary,
            key_terms: &article.key_terms,
            themes: &article.themes,
            title: &article.title,
            language: &article.language,
        };
        let mut out = serde_json::to_vec(&record).unwrap();
        out.push(b'\n');
        out
    }

    fn written(id: &serde_json::Value, article: &model::Article) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut out, id, article).unwrap();
        out
    }

    fn sentence(
        text: &str,
        score: f64,
        themes: &[&str],
        marks: Vec<[usize; 2]>,
    ) -> model::Sentence {
        model::Sentence {
            text: text.into(),
            score,
            themes: themes.iter().map(|t| t.to_string()).collect(),
            evidence: Vec::new(),
            line: 7,
            marks,
        }
    }

    fn article(sentences: Vec<model::Sentence>, summary: Vec<usize>) -> model::Article {
        model::Article {
            id: "a".into(),
            path: "a.txt".into(),
            hash: String::new(),
            title: "Judul \"kutip\" \\ \u{1}".into(),
            source: None,
            authors: Vec::new(),
            date: None,
            url: None,
            teaser: false,
            language: "id".into(),
            key_terms: vec![
                model::KeyTerm {
                    term: "Korea Utara".into(),
                    weight: 1.0,
                },
                model::KeyTerm {
                    term: "rudal".into(),
                    weight: 0.123,
                },
            ],
            summary,
            themes: vec![
                model::ThemeWeight {
                    id: "security".into(),
                    weight: 0.5,
                },
                model::ThemeWeight {
                    id: "trade".into(),
                    weight: 1e-7,
                },
            ],
            sentences,
            quotes: Vec::new(),
            dropped: Vec::new(),
        }
    }

    #[test]
    fn records_are_what_serde_json_writes() {
        let sentences = vec![
            sentence(
                "Kalimat pertama yang cukup panjang, tanpa apa-apa.",
                1.0,
                &[],
                vec![],
            ),
            sentence(
                "“Kutipan” — \"ujarnya\"\t\\ tab\u{7f}\u{1f}\u{0}é",
                0.25,
                &["security"],
                vec![[0, 3], [5, 9]],
            ),
            sentence("", f64::NAN, &["security", "trade"], vec![[1, 2]]),
            sentence(
                "Tiga\nbaris\r\nlagi\u{8}\u{c}\u{2028}",
                f64::INFINITY,
                &[],
                vec![],
            ),
            sentence("0.1", 0.1 + 0.2, &[], vec![]),
        ];
        let id = serde_json::json!("berita/satu \"x\"");
        for summary in [vec![], vec![1], vec![0, 2, 3], vec![4, 99]] {
            let a = article(sentences.clone(), summary);
            assert_eq!(
                String::from_utf8(written(&id, &a)).unwrap(),
                String::from_utf8(by_serde(&id, &a)).unwrap()
            );
        }
        let empty = article(Vec::new(), Vec::new());
        for id in [
            serde_json::json!(17),
            serde_json::json!(null),
            serde_json::json!({"k": [1.5]}),
        ] {
            assert_eq!(written(&id, &empty), by_serde(&id, &empty));
        }
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it() {
        for c in (0u8..0x80).map(char::from).chain(['é', '\u{2028}', '😀']) {
            let text = format!("{c}abcdefgh{c}{c}ijklmnopq{c}");
            let mut out = Vec::new();
            string(&mut out, &text);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&text).unwrap()
            );
        }
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(text in "(?s).{0,80}", pad in 0usize..8) {
            let text = format!("{}{text}", "x".repeat(pad));
            let mut out = Vec::new();
            string(&mut out, &text);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&text).unwrap());
        }

        #[test]
        fn the_word_test_agrees_with_the_byte_test(word in any::<[u8; 8]>()) {
            let word_says = word_needs_escape(u64::from_le_bytes(word));
            prop_assert_eq!(word_says, word.iter().any(|&b| byte_needs_escape(b)));
        }
    }
}
