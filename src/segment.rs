//! The segment stage: a read [`Document`] becomes sentences with their tokens, in the article's
//! language. Author tags that trail a paragraph are set aside here, as dropped pieces.

use crate::config::LanguageSetting;
use crate::corpus::boilerplate::{self, Reason};
use crate::corpus::{Document, Dropped, notices};
use crate::text::{self, Lang, Token, Tokenizer, Vocabulary};

/// An article split into sentences and words. The words are the bulk of it: the per-article
/// stages read them, and only what they derive is kept for the cross-article steps.
#[derive(Debug, Clone)]
pub struct Segmented {
    /// The document it came from; its paragraphs are taken apart into `sentences`.
    pub doc: Document,
    /// The article's language.
    pub language: Lang,
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
    /// The words of each sentence (same order as `sentences`).
    pub tokens: Vec<Vec<Token>>,
    /// The title's tokens (empty when the title is the first sentence).
    pub title_tokens: Vec<Token>,
    /// The normal forms and stems that the tokens (of sentences and title) number.
    pub vocabulary: Vocabulary,
}

/// One sentence of an article.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    /// The sentence as in the source, inner whitespace folded to single spaces.
    pub text: String,
    /// The 1-based line of the paragraph it is in.
    pub line: usize,
    /// The index of its paragraph.
    pub paragraph: usize,
}

/// A sentence with its words, borrowed from a [`Segmented`] article.
#[derive(Debug, Clone, Copy)]
pub struct Tokenized<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// Its words; their ranges point into `text`.
    pub tokens: &'a [Token],
}

/// An article's sentences with their words, and the vocabulary the words number.
#[derive(Debug, Clone)]
pub struct TokenizedArticle<'a> {
    /// Each sentence with its words.
    pub sentences: Vec<Tokenized<'a>>,
    /// The article's normal forms and stems.
    pub vocabulary: &'a Vocabulary,
}

impl Segmented {
    /// Each sentence with its words.
    pub fn tokenized(&self) -> TokenizedArticle<'_> {
        TokenizedArticle {
            sentences: self
                .sentences
                .iter()
                .zip(&self.tokens)
                .map(|(s, tokens)| Tokenized {
                    text: &s.text,
                    tokens,
                })
                .collect(),
            vocabulary: &self.vocabulary,
        }
    }
}

/// The language a document is read in: its front matter's, then the configuration's, then
/// detection's (with the language its page or feed declares, where the text does not tell);
/// with detection, the name of the language it is written in instead when briefing does not
/// read that one (see `text::detect_readable_declared`).
pub fn language(doc: &Document, setting: LanguageSetting) -> Result<Lang, &'static str> {
    match (doc.language, setting) {
        (Some(lang), _) => Ok(lang),
        (None, LanguageSetting::Id) => Ok(Lang::Id),
        (None, LanguageSetting::En) => Ok(Lang::En),
        (None, LanguageSetting::Auto) => text::detect_readable_declared(
            &detection_sample(doc.paragraphs.iter().map(|p| p.text.as_str())),
            doc.declared.as_deref(),
        ),
    }
}

/// Splits a document into sentences and tokens; the language comes from front matter, then the
/// configuration, then detection.
pub fn segment(mut doc: Document, setting: LanguageSetting) -> Segmented {
    let language = doc.language.unwrap_or_else(|| match setting {
        LanguageSetting::Id => Lang::Id,
        LanguageSetting::En => Lang::En,
        LanguageSetting::Auto => text::detect_declared(
            &detection_sample(doc.paragraphs.iter().map(|p| p.text.as_str())),
            doc.declared.as_deref(),
        ),
    });
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    let text_len = doc.paragraphs.iter().map(|p| p.text.len()).sum();
    let mut tokenizer = Tokenizer::new(language, text_len);
    let paragraphs = std::mem::take(&mut doc.paragraphs);
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let clues = notices::Clues::of(&paragraph.text);
        let pieces = text::sentences::split(&paragraph.text, language);
        let count = pieces.len();
        // Whether the piece after the `k`th is an item of a list (it opens with a bullet).
        let leads_list = |k: usize| {
            pieces.get(k + 1).is_some_and(|next| {
                let next = &paragraph.text[next.clone()];
                text::sentences::without_list_marker(next).len() < next.len()
            })
        };
        for (k, range) in pieces.iter().cloned().enumerate() {
            let piece = text::sentences::without_list_marker(&paragraph.text[range]);
            let furniture = if boilerplate::is_author_tag(piece) {
                Some(Reason::AuthorTag)
            } else if k > 0 && boilerplate::is_glued_headline(piece)
                || boilerplate::is_caps_heading(piece)
                || boilerplate::is_label_heading(piece) && (count == 1 || leads_list(k))
            {
                Some(Reason::Heading)
            } else {
                notices::furniture_in(piece, &clues)
            };
            if let Some(reason) = furniture {
                let in_paragraph = sentences
                    .last()
                    .filter(|s: &&Sentence| s.paragraph == index);
                // The writer's bio just before a call to follow them or a disclaimer goes too.
                let bio_before = matches!(reason, Reason::Interface | Reason::Notice)
                    && in_paragraph.is_some_and(|s| notices::is_bio(&s.text));
                // A paragraph of one sentence and a picture's credit is the picture's caption
                // ("… speaks during a televised debate in Taipei. Photo: AP").
                let caption_before = (k, count) == (1, 2)
                    && in_paragraph.is_some()
                    && notices::is_photo_credit(piece);
                let before = if bio_before {
                    Some(Reason::Notice)
                } else {
                    caption_before.then_some(Reason::Credit)
                };
                if let Some(before) = before
                    && let Some(sentence) = sentences.pop()
                {
                    tokens.pop();
                    doc.dropped.push(Dropped {
                        text: sentence.text,
                        reason: before,
                        line: paragraph.line,
                    });
                }
                doc.dropped.push(Dropped {
                    text: piece.to_string(),
                    reason,
                    line: paragraph.line,
                });
                continue;
            }
            let folded = fold_whitespace(piece);
            tokens.push(tokenizer.tokens(&folded));
            sentences.push(Sentence {
                text: folded,
                line: paragraph.line,
                paragraph: index,
            });
        }
    }
    let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    if let Some(start) = notices::closing_bio(&texts, &doc.authors) {
        tokens.truncate(start);
        for bio in sentences.split_off(start) {
            doc.dropped.push(Dropped {
                text: bio.text,
                reason: Reason::Notice,
                line: bio.line,
            });
        }
    }
    doc.dropped.sort_by_key(|d| d.line);
    if doc.source.is_none() {
        doc.source = doc
            .dropped
            .iter()
            .filter(|d| d.reason == Reason::AuthorTag)
            .find_map(|d| source_in_tag(&d.text));
    }
    let title_tokens = match &doc.title {
        Some(title) => tokenizer.tokens(title),
        None => Vec::new(),
    };
    if doc.title.is_none() {
        doc.title = sentences.first().map(|s| s.text.clone());
    }
    Segmented {
        doc,
        language,
        sentences,
        tokens,
        title_tokens,
        vocabulary: tokenizer.finish(),
    }
}

/// Replaces every run of whitespace with one space (and trims).
pub fn fold_whitespace(s: &str) -> String {
    // Most sentences are folded already: single spaces between words, none at the ends.
    if is_folded(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when `s` has no whitespace but single spaces between words.
fn is_folded(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') || s.contains("  ") {
        return false;
    }
    // Bytes that are, or may start, whitespace other than a space: ASCII tab to carriage return
    // and the lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000. A pass without
    // branches (the compiler vectorises it) rules them out in nearly every sentence.
    let suspect = |b: u8| matches!(b, 0x09..=0x0D | 0xC2 | 0xE1..=0xE3);
    if !bytes.iter().fold(false, |any, &b| any | suspect(b)) {
        return true;
    }
    !s.chars().any(|c| c.is_whitespace() && c != ' ')
}

/// The first eight paragraphs, one per line, copied only as far as detection reads: a prefix of
/// their whole text that equals it or is at least [`text::DETECT_BYTES`] long.
fn detection_sample<'a>(paragraphs: impl Iterator<Item = &'a str>) -> String {
    let mut sample = String::new();
    for (i, paragraph) in paragraphs.take(8).enumerate() {
        if sample.len() >= text::DETECT_BYTES {
            break;
        }
        if i > 0 {
            sample.push('\n');
        }
        let room = text::DETECT_BYTES + 1 - sample.len();
        sample.push_str(prefix(paragraph, room));
    }
    sample
}

/// `s` cut to at most `max` bytes, or to the character boundary after them (so that a text of
/// `max` bytes or more made from it starts with the same `max` bytes).
fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end += 1;
    }
    &s[..end]
}

/// A publisher's domain inside an author tag: `(zarahamala/arrahmah.id)` → `arrahmah.id`.
fn source_in_tag(tag: &str) -> Option<String> {
    tag.trim_matches(|c| matches!(c, '(' | ')' | '[' | ']'))
        .split(['/', ','])
        .map(str::trim)
        .find(|part| part.contains('.') && part.len() > 3)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Paragraph;

    fn doc(paragraphs: &[&str]) -> Document {
        Document {
            id: "a".into(),
            path: "a.txt".into(),
            title: None,
            source: None,
            authors: Vec::new(),
            date: None,
            url: None,
            language: None,
            declared: None,
            part: None,
            teaser: false,
            paragraphs: paragraphs
                .iter()
                .enumerate()
                .map(|(i, t)| Paragraph {
                    text: t.to_string(),
                    line: i + 1,
                })
                .collect(),
            dropped: Vec::new(),
        }
    }

    proptest::proptest! {
        /// The sample is a prefix of the first eight paragraphs joined, and either all of them
        /// or at least what detection reads (it ends on a character boundary), so detection sees the
        /// same window.
        #[test]
        fn detection_sample_is_the_window_of_the_whole(
            paragraphs in proptest::collection::vec("[aé€ ]{0,700}", 0..12)
        ) {
            let whole = paragraphs.iter().take(8).cloned().collect::<Vec<_>>().join("\n");
            let sample = detection_sample(paragraphs.iter().map(String::as_str));
            proptest::prop_assert!(whole.starts_with(&sample));
            proptest::prop_assert!(sample == whole || sample.len() >= text::DETECT_BYTES);
        }
    }

    #[test]
    fn whitespace_is_folded() {
        for (given, folded) in [
            ("a b", "a b"),
            ("a  b", "a b"),
            (" a b ", "a b"),
            ("a\tb\nc", "a b c"),
            ("a\u{a0}b", "a b"),
            ("“a” b", "“a” b"),
            ("", ""),
            ("  ", ""),
        ] {
            assert_eq!(fold_whitespace(given), folded, "{given:?}");
        }
    }

    #[test]
    fn a_sentence_alone_with_its_photo_credit_is_a_caption() {
        let s = segment(
            doc(&[
                "The president speaks during a televised debate in Taipei on December 29. Photo: AP",
                "The debate was the last before the vote. The president spoke first.",
                "The minister left early. Both agreed on the budget. Foto: Antara",
            ]),
            LanguageSetting::En,
        );
        let kept: Vec<&str> = s.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            kept,
            [
                "The debate was the last before the vote.",
                "The president spoke first.",
                "The minister left early.",
                "Both agreed on the budget.",
            ]
        );
        assert_eq!(s.doc.dropped[0].reason, Reason::Credit);
        assert!(s.doc.dropped[0].text.starts_with("The president speaks"));
    }

    #[test]
    fn a_list_is_its_items_without_their_label_or_bullets() {
        let s = segment(
            doc(&[
                "Latest developments: . • Police searched the flat on Thursday. • The airline said the pilot passed every test.",
                "• Schools stay shut until Monday.",
                "What we know:",
                "The minister said: \"We will rebuild the bridge.\"",
            ]),
            LanguageSetting::En,
        );
        let kept: Vec<&str> = s.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            kept,
            [
                "Police searched the flat on Thursday.",
                "The airline said the pilot passed every test.",
                "Schools stay shut until Monday.",
                "The minister said: \"We will rebuild the bridge.\"",
            ]
        );
        let dropped: Vec<(&str, Reason)> = (s.doc.dropped.iter())
            .map(|d| (d.text.as_str(), d.reason))
            .collect();
        assert_eq!(
            dropped,
            [
                ("Latest developments: .", Reason::Heading),
                ("What we know:", Reason::Heading)
            ]
        );
    }

    #[test]
    fn a_label_that_introduces_a_quotation_stays() {
        let s = segment(
            doc(&[
                "Dia mengatakan: \"Kami akan membangun kembali jembatan itu.\" Warga menyambut baik.",
            ]),
            LanguageSetting::Id,
        );
        assert!(s.doc.dropped.is_empty(), "{:?}", s.doc.dropped);
    }

    #[test]
    fn author_tag_is_dropped_and_names_the_source() {
        let s = segment(
            doc(&["Putin  mengatakan\tRusia mematuhi peraturan. (zarahamala/arrahmah.id)"]),
            LanguageSetting::Auto,
        );
        assert_eq!(s.sentences.len(), 1);
        assert_eq!(
            s.sentences[0].text,
            "Putin mengatakan Rusia mematuhi peraturan."
        );
        assert_eq!(s.doc.dropped[0].reason, Reason::AuthorTag);
        assert_eq!(s.doc.source.as_deref(), Some("arrahmah.id"));
        assert_eq!(
            s.doc.title.as_deref(),
            Some("Putin mengatakan Rusia mematuhi peraturan.")
        );
        assert_eq!(s.language, Lang::Id);
    }
}
