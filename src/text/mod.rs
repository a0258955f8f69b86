//! The text engine: languages, sentences, words, stopwords and stems.

pub mod discourse;
mod foreign;
mod language;
mod scan;
pub mod sentences;
pub mod stem_id;
pub mod stopwords;
mod tokenizer;
pub mod vectors;
mod words;

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use std::cell::RefCell;

use serde::{Deserialize, Serialize};

pub use language::DETECT_BYTES;
pub use tokenizer::{
    ALPHANUMERIC, CAPITALIZED, NUMERIC, STOP, Token, Tokenizer, Vocabulary, WORDLIKE,
};

/// A language the text engine knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lang {
    /// Indonesian.
    #[serde(rename = "id")]
    Id,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The BCP 47 code (`id`, `en`), as used in HTML `lang` and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// Detects whether a text is Indonesian or English from its first KB (Indonesian on a tie, when
/// the text is too short to tell, or when it is not in Latin script): a vote of frequent function
/// words when it is clear, else whatlang's trigram detector.
pub fn detect(text: &str) -> Lang {
    language::detect(text)
}

/// [`detect`], or the English name of the language a text is clearly written in when briefing
/// does not read it (Russian, Korean, Portuguese …): the text is then better left out than read
/// as Indonesian.
pub fn detect_readable(text: &str) -> Result<Lang, &'static str> {
    language::detect_readable(text)
}

/// [`detect`] and [`detect_readable`] with the language the text's source declares (a page's
/// `<html lang>`, a feed's or item's language tag), taken only where the text does not tell.
pub use language::{detect_declared, detect_readable_declared};

/// Stems cached per thread and language, with whether the word is a stopword: news repeats its
/// words, and stemming is the costliest step per token. The cache is cleared when it reaches this
/// many words, bounding memory.
const STEM_CACHE_LIMIT: usize = 1 << 16;

/// A word's stem and whether it is a stopword.
type Analysis = (CompactString, bool);

thread_local! {
    static STEM_CACHE: RefCell<[FxHashMap<CompactString, Analysis>; 2]> = RefCell::new(Default::default());
    static EN_STEMMER: rust_stemmers::Stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
}

/// The stem of a normalised (lowercase) word in `lang`: Indonesian confix stripping, or English
/// Snowball.
pub fn stem(word: &str, lang: Lang) -> CompactString {
    if is_unstemmed(word) {
        return CompactString::from(word);
    }
    stem_and_stop(word, lang).0
}

/// Words the stemmers leave alone: three bytes or fewer, or without a letter.
fn is_unstemmed(word: &str) -> bool {
    word.len() <= 3 || !word.chars().any(char::is_alphabetic)
}

/// [`stem`], and whether the word is a stopword in `lang` by its form or by its stem, or is a
/// single character; from the per-thread cache.
pub(crate) fn stem_and_stop(word: &str, lang: Lang) -> Analysis {
    STEM_CACHE.with(|cache| {
        let slot = lang as usize;
        if let Some((stem, stop)) = cache.borrow()[slot].get(word) {
            return (stem.clone(), *stop);
        }
        let stem = if is_unstemmed(word) {
            CompactString::from(word)
        } else {
            match lang {
                Lang::Id => CompactString::from(stem_id::stem(word)),
                Lang::En => EN_STEMMER.with(|s| CompactString::from(s.stem(word))),
            }
        };
        let stop = stopwords::is_stopword(word, lang)
            || stopwords::is_stopword(&stem, lang)
            || word.chars().count() < 2
            || typographic_apostrophe(word).is_some_and(|w| stopwords::is_stopword(&w, lang));
        let mut cache = cache.borrow_mut();
        if cache[slot].len() >= STEM_CACHE_LIMIT {
            cache[slot].clear();
        }
        cache[slot].insert(CompactString::from(word), (stem.clone(), stop));
        (stem, stop)
    })
}

/// The word with its typographic apostrophes (’, ʼ) written as `'`, as the stopword lists
/// write them ("didn’t" is "didn't"); none when it has none.
fn typographic_apostrophe(word: &str) -> Option<String> {
    word.contains(['’', 'ʼ'])
        .then(|| word.replace(['’', 'ʼ'], "'"))
}

/// The tokens of one text on its own (as an article of one sentence), normalised, stemmed and
/// marked as stopwords, with the vocabulary they number.
pub fn analyze(text: &str, lang: Lang) -> (Vec<Token>, Vocabulary) {
    let mut tokenizer = Tokenizer::new(lang, text.len());
    let tokens = tokenizer.tokens(text);
    (tokens, tokenizer.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_both_languages() {
        assert_eq!(stem("mengatakan", Lang::Id), "kata");
        assert_eq!(stem("sanctions", Lang::En), "sanction");
    }

    #[test]
    fn contractions_with_a_typographic_apostrophe_are_stopwords_as_with_a_straight_one() {
        let text = "We’re told they didn’t agree, and weʼre sure we're right about O’Brien.";
        let (tokens, vocabulary) = analyze(text, Lang::En);
        let stop = |word: &str| {
            let t = tokens.iter().find(|t| &text[t.range()] == word).unwrap();
            t.is_stop()
        };
        for word in ["We’re", "didn’t", "weʼre", "we're"] {
            assert!(stop(word), "{word}");
        }
        for word in ["agree", "O’Brien"] {
            assert!(!stop(word), "{word}");
        }
        assert!(vocabulary.stem_count() > 0);
    }
}
