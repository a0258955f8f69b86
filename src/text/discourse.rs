//! Discourse: whether a sentence continues the one before it (a pronoun or "now" as its
//! subject, an anaphoric "tersebut", reported speech that names no new topic, a quotation
//! going on). Such a sentence, when it carries no evidence of a theme of its own, takes its
//! neighbour's themes in the learn stage.

use super::{Lang, Token};

/// First words that point back: pronouns, demonstratives and connectives.
const OPENERS_ID: &[&str] = &[
    "dia",
    "ia",
    "mereka",
    "beliau",
    "ini",
    "itu",
    "hal",
    "sekarang",
    "kini",
    "namun",
    "tetapi",
    "tapi",
    "akan",
    "kendati",
    "meski",
    "meskipun",
    "sebelumnya",
    "kemudian",
    "langkah",
];
const OPENERS_EN: &[&str] = &[
    "he", "she", "it", "they", "this", "that", "these", "those", "such", "but", "however", "now",
    "yet", "still",
];
/// Words that point back wherever they stand ("the talks in question", "he added").
const ANAPHORS_ID: &[&str] = &[
    "tersebut",
    "menambahkan",
    "katanya",
    "ujarnya",
    "tambahnya",
    "imbuhnya",
    "lanjutnya",
];
const ANAPHORS_EN: &[&str] = &["added", "adding"];
/// Verbs of saying: a sentence whose subject is one to three words and then says something
/// reports more of the story at hand ("Kremlin mengatakan …", "Officials said …").
const SAYING_ID: &[&str] = &[
    "mengatakan",
    "kata",
    "ujar",
    "menegaskan",
    "menyatakan",
    "menjelaskan",
    "membantah",
    "menanggapi",
];
const SAYING_EN: &[&str] = &[
    "said", "says", "told", "stated", "noted", "warned", "denied",
];
/// How many words may stand before a verb of saying.
const SUBJECT_WORDS: usize = 3;

/// Whether the sentence `text` (with its `tokens`) continues the sentence before it.
pub fn continues(text: &str, tokens: &[Token], lang: Lang) -> bool {
    let (openers, anaphors, saying) = match lang {
        Lang::Id => (OPENERS_ID, ANAPHORS_ID, SAYING_ID),
        Lang::En => (OPENERS_EN, ANAPHORS_EN, SAYING_EN),
    };
    if text.starts_with(['“', '"', '‘', '\'', '«']) {
        return true;
    }
    // Compared without case and without allocating: every list is ASCII.
    let is = |t: &Token, list: &[&str]| {
        let word = &text.as_bytes()[t.range()];
        list.iter().any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
    };
    let Some(first) = tokens.first() else {
        return false;
    };
    is(first, openers)
        || tokens
            .iter()
            .enumerate()
            .any(|(i, t)| is(t, anaphors) || (i > 0 && i <= SUBJECT_WORDS && is(t, saying)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> bool {
        let (tokens, _) = crate::text::analyze(s, Lang::Id);
        continues(s, &tokens, Lang::Id)
    }

    fn en(s: &str) -> bool {
        let (tokens, _) = crate::text::analyze(s, Lang::En);
        continues(s, &tokens, Lang::En)
    }

    #[test]
    fn continuations_are_told_from_new_topics() {
        assert!(id("Sekarang, bahkan itu telah berantakan."));
        assert!(id(
            "Dia menambahkan bahwa dukungan ekonomi China terus berlanjut."
        ));
        assert!(id(
            "Menteri Pertahanan Sergey Shoigu menghadiri pembicaraan tersebut."
        ));
        assert!(id(
            "Kremlin mengatakan diskusi sensitif adalah masalah pribadi."
        ));
        assert!(id("“Kami tidak tahu dengan pasti,” ujarnya."));
        assert!(!id(
            "Melaporkan dari Seoul, Florence Looi dari Al Jazeera mengatakan hal penting."
        ));
        assert!(!id("Komunis Korut dibentuk pada masa awal Perang Dingin."));
        assert!(en("He added that the plant would open in May."));
        assert!(en("Officials said the dam was safe."));
        assert!(!en("The board approved the plant on Tuesday."));
    }
}
