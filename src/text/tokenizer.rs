//! Tokens of an article: each word analysed once per thread (normal form, stem, flags) in a
//! lexicon kept between articles, and numbered within the article, so the stages that read
//! tokens compare and count numbers instead of strings.

use std::cell::RefCell;
use std::ops::Range;

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use super::Lang;
use super::words::{self, Analysis, RawWord};

/// One word of a sentence: where it is, and its stem as a number into the article's
/// [`Vocabulary`]. Twenty bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte of the word in the sentence it came from.
    pub start: u32,
    /// Byte after its last.
    pub end: u32,
    /// Byte after the last of the word as key terms show it: without a clitic its normal form
    /// (lowercase, reduplication and clitics removed) dropped (`nuklirnya` → `nuklir`).
    pub shown_end: u32,
    /// Its stem, numbered within the article: two tokens of an article have the same number
    /// exactly when they have the same stem. Terms and themes match on it.
    pub stem: u32,
    /// [`STOP`], [`CAPITALIZED`], [`NUMERIC`], [`WORDLIKE`], [`ALPHANUMERIC`].
    pub flags: u8,
    /// The word's discourse classes ([`super::discourse::class`]).
    pub discourse: u8,
}

/// Token flag: a stopword (by form or by stem), or a single character.
pub const STOP: u8 = 1;
/// Token flag: the word starts with an uppercase letter in the text.
pub const CAPITALIZED: u8 = 2;
/// Token flag: the word is a number (`2006`, `1.500`).
pub const NUMERIC: u8 = 4;
/// Token flag: not a number, two characters or more, a letter among them.
pub const WORDLIKE: u8 = 8;
/// Token flag: the normal form holds a letter or a digit.
pub const ALPHANUMERIC: u8 = 16;

impl Token {
    /// The byte range of the word in its sentence.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// True when the token has every flag of `flags`.
    pub fn has(&self, flags: u8) -> bool {
        self.flags & flags == flags
    }

    /// True for a stopword (by form or by stem) or a single character.
    pub fn is_stop(&self) -> bool {
        self.has(STOP)
    }

    /// True for a word that can carry meaning: not a stopword, not a number, two letters or
    /// more.
    pub fn is_content(&self) -> bool {
        self.flags & (WORDLIKE | STOP) == WORDLIKE
    }
}

/// The stems an article's tokens number.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    stems: Vec<CompactString>,
    stem_hashes: Vec<u64>,
}

impl Vocabulary {
    /// A token's stem.
    pub fn stem(&self, token: &Token) -> &str {
        &self.stems[token.stem as usize]
    }

    /// A token's stem as the vocabulary holds it: cloned, it is copied without a look at its
    /// length (a stem of up to 24 bytes is held inline).
    pub fn stem_string(&self, token: &Token) -> &CompactString {
        &self.stems[token.stem as usize]
    }

    /// The stable hash of a token's stem ([`crate::stems::hash`]).
    pub fn stem_hash(&self, token: &Token) -> u64 {
        self.stem_hashes[token.stem as usize]
    }

    /// Number of distinct stems: token stem numbers are below it.
    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }
}

/// The lexicon is emptied, between articles, once it holds this many words or stems, bounding
/// memory.
const LEXICON_LIMIT: usize = 1 << 16;

/// Every word without a hyphen seen on a thread, analysed (analysing a word is a pure function
/// of its surface form and the language), and every stem; each remembers its numbers in the
/// article being tokenised.
#[derive(Default)]
struct Lexicon {
    /// Words of at most [`SHORT_WORD`] bytes (nearly all), by [`short_key`]: hashed and compared
    /// as one integer, without reading a string's heap or calling `memcmp`.
    by_short_surface: ShortWords,
    /// Longer words.
    by_surface: FxHashMap<CompactString, u32>,
    words: Vec<LexiconWord>,
    by_stem: FxHashMap<CompactString, u32>,
    stems: Vec<LexiconStem>,
    /// The number of the article being tokenised (0 before the first).
    article: u32,
}

/// A surface word of the lexicon, analysed.
struct LexiconWord {
    /// Index into the lexicon's stems.
    stem: u32,
    /// Its token flags.
    flags: u8,
    /// Its discourse classes.
    discourse: u8,
    /// How many of its bytes key terms show ([`Token::shown_end`]).
    shown_len: u32,
    /// The article in which `local_stem` is valid.
    article: u32,
    local_stem: u32,
}

/// A stem of the lexicon.
struct LexiconStem {
    text: CompactString,
    /// [`crate::stems::hash`] of `text`.
    hash: u64,
    /// The article in which `local` is valid.
    article: u32,
    local: u32,
}

impl Lexicon {
    /// Starts a new article: numbers given out before no longer hold.
    fn begin_article(&mut self) {
        if self.words.len() >= LEXICON_LIMIT
            || self.stems.len() >= LEXICON_LIMIT
            || self.article == u32::MAX
        {
            *self = Lexicon::default();
        }
        self.article += 1;
    }

    /// The index of a stem, added when new.
    fn stem_index(&mut self, stem: CompactString) -> u32 {
        if let Some(&index) = self.by_stem.get(stem.as_str()) {
            return index;
        }
        let index = self.stems.len() as u32;
        self.stems.push(LexiconStem {
            hash: crate::stems::hash(&stem),
            text: stem.clone(),
            article: 0,
            local: 0,
        });
        self.by_stem.insert(stem, index);
        index
    }

    /// Analyses a surface word without a hyphen and adds it.
    fn learn(&mut self, surface: &str, lang: Lang) -> u32 {
        let Analysis {
            stem,
            flags,
            discourse,
            shown_len,
        } = words::analyse_plain(surface, lang);
        let stem = self.stem_index(stem);
        let index = self.words.len() as u32;
        self.words.push(LexiconWord {
            stem,
            flags,
            discourse,
            shown_len,
            article: 0,
            local_stem: 0,
        });
        match short_key(surface.as_bytes()) {
            Some(key) => self.by_short_surface.insert(key, index),
            None => {
                self.by_surface.insert(CompactString::from(surface), index);
            }
        }
        index
    }

    /// The index of the surface word without a hyphen at `range` of `sentence`, if it is in the
    /// lexicon (a short word is read as bytes: no check that its ends are character boundaries).
    #[inline]
    fn find(&self, sentence: &str, range: Range<usize>) -> Option<u32> {
        match short_key_in(sentence.as_bytes(), range.clone()) {
            Some(key) => self.by_short_surface.get(key),
            None => self.by_surface.get(&sentence[range]).copied(),
        }
    }
}

/// Lexicon indices of short words by [`short_key`]: an open-addressed table, at most half full,
/// whose slot comes from one multiplication (a general hash map costs more instructions a look).
#[derive(Default)]
struct ShortWords {
    /// `(key, index + 1)`, `(0, 0)` for an empty slot; a power of two long, or empty.
    slots: Vec<(u128, u32)>,
    len: usize,
}

impl ShortWords {
    /// The first slot to look at for `key` (the table is not empty).
    #[inline]
    fn slot(&self, key: u128) -> usize {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let mixed = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(K);
        let bits = self.slots.len().trailing_zeros();
        (mixed.wrapping_mul(K) >> (64 - bits)) as usize
    }

    /// The index of the word with this key.
    #[inline]
    fn get(&self, key: u128) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.slot(key);
        loop {
            let (k, index) = self.slots[at];
            if index == 0 {
                return None;
            }
            if k == key {
                return Some(index - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// Sets the index of the word with this key.
    fn insert(&mut self, key: u128, index: u32) {
        if 2 * (self.len + 1) > self.slots.len() {
            let size = (2 * self.slots.len()).max(1024);
            let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
            self.len = 0;
            for (key, index) in old {
                if index != 0 {
                    self.insert(key, index - 1);
                }
            }
        }
        let mask = self.slots.len() - 1;
        let mut at = self.slot(key);
        while self.slots[at].1 != 0 && self.slots[at].0 != key {
            at = (at + 1) & mask;
        }
        if self.slots[at].1 == 0 {
            self.len += 1;
        }
        self.slots[at] = (key, index + 1);
    }
}

/// The longest word [`short_key`] packs, in bytes.
const SHORT_WORD: usize = 15;

/// A word of at most [`SHORT_WORD`] bytes packed into one integer: its bytes from the lowest
/// byte up, zeros after them, and its length in the top byte, so two words have the same key
/// exactly when they are the same. Read with at most four overlapping loads, whatever the length.
#[inline]
fn short_key(b: &[u8]) -> Option<u128> {
    let n = b.len();
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"));
    let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("four bytes")) as u64;
    let (low, high) = match n {
        0 => (0, 0),
        1..=3 => {
            let mut low = 0;
            for (k, &byte) in b.iter().enumerate() {
                low |= (byte as u64) << (8 * k);
            }
            (low, 0)
        }
        // Bytes 0..4, then bytes 4..n from the four that end the word.
        4..=7 => (u32_at(0) | (u32_at(n - 4) >> (8 * (8 - n)) << 32), 0),
        8 => (u64_at(0), 0),
        // Bytes 8..n from the eight that end the word.
        9..=SHORT_WORD => (u64_at(0), u64_at(n - 8) >> (8 * (16 - n))),
        _ => return None,
    };
    Some(low as u128 | ((high | (n as u64) << 56) as u128) << 64)
}

/// [`short_key`] of `bytes[range]`, read with one 16-byte load when `bytes` holds 16 bytes from
/// the word's start (most words of a sentence but its last few).
#[inline]
fn short_key_in(bytes: &[u8], range: Range<usize>) -> Option<u128> {
    let n = range.len();
    match bytes.get(range.start..range.start + 16) {
        Some(sixteen) if n <= SHORT_WORD => {
            let all = u128::from_le_bytes(sixteen.try_into().expect("sixteen bytes"));
            Some(all & LOW_BYTES[n] | (n as u128) << 120)
        }
        _ => short_key(&bytes[range]),
    }
}

/// The mask of the `n` lowest bytes of a `u128`, for each `n` up to [`SHORT_WORD`]: one load,
/// where a shift of a `u128` by a variable amount takes a dozen instructions.
static LOW_BYTES: [u128; SHORT_WORD + 1] = {
    let mut masks = [0u128; SHORT_WORD + 1];
    let mut n = 1;
    while n <= SHORT_WORD {
        masks[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// The number of a lexicon stem in the article `article`, given out when new.
#[inline(always)] // a call and its return were a quarter of its cost
fn local_stem(stem: &mut LexiconStem, article: u32, vocabulary: &mut Vocabulary) -> u32 {
    if stem.article != article {
        stem.article = article;
        stem.local = vocabulary.stems.len() as u32;
        vocabulary.stems.push(stem.text.clone());
        vocabulary.stem_hashes.push(stem.hash);
    }
    stem.local
}

thread_local! {
    static LEXICONS: RefCell<[Lexicon; 2]> = RefCell::new(Default::default());
}

/// Splits the sentences of one article into tokens, numbering their forms and stems in the
/// article's [`Vocabulary`]. It holds its thread's lexicon while it lives.
pub struct Tokenizer {
    lang: Lang,
    lexicon: Lexicon,
    vocabulary: Vocabulary,
    /// The raw words of the sentence at hand (kept to reuse its allocation).
    raw: Vec<RawWord>,
}

/// Bytes of text per distinct stem, about: news has more, so a vocabulary sized by it seldom
/// grows.
const BYTES_PER_DISTINCT_STEM: usize = 8;

impl Tokenizer {
    /// A tokenizer for one article in `lang`, of about `text_len` bytes (to size its
    /// vocabulary).
    pub fn new(lang: Lang, text_len: usize) -> Tokenizer {
        let mut lexicon =
            LEXICONS.with(|lexicons| std::mem::take(&mut lexicons.borrow_mut()[lang as usize]));
        lexicon.begin_article();
        let stems = text_len / BYTES_PER_DISTINCT_STEM + 1;
        Tokenizer {
            lang,
            lexicon,
            vocabulary: Vocabulary {
                stems: Vec::with_capacity(stems),
                stem_hashes: Vec::with_capacity(stems),
            },
            raw: Vec::new(),
        }
    }

    /// Splits a sentence into tokens: stemmed, stopword-marked, in order.
    pub fn tokens(&mut self, sentence: &str) -> Vec<Token> {
        let mut raw = std::mem::take(&mut self.raw);
        words::raw_words(sentence, &mut raw);
        let mut out = Vec::with_capacity(raw.len());
        for &RawWord {
            ref range,
            hyphenated,
        } in &raw
        {
            if hyphenated {
                let (first, second) = words::analyse_hyphenated(sentence, range.clone(), self.lang);
                for (range, analysis) in std::iter::once(first).chain(second) {
                    out.push(self.loose_token(range, analysis));
                }
                continue;
            }
            let index = match self.lexicon.find(sentence, range.clone()) {
                Some(index) => index,
                None => self.lexicon.learn(&sentence[range.clone()], self.lang),
            };
            let Lexicon {
                words,
                stems,
                article,
                ..
            } = &mut self.lexicon;
            let word = &mut words[index as usize];
            if word.article != *article {
                word.article = *article;
                word.local_stem = local_stem(
                    &mut stems[word.stem as usize],
                    *article,
                    &mut self.vocabulary,
                );
            }
            out.push(Token {
                start: range.start as u32,
                end: range.end as u32,
                shown_end: range.start as u32 + word.shown_len,
                stem: word.local_stem,
                flags: word.flags,
                discourse: word.discourse,
            });
        }
        self.raw = raw;
        out
    }

    /// A token for a piece of a hyphenated word (not kept in the lexicon: its analysis depends
    /// on the whole word).
    fn loose_token(&mut self, range: Range<usize>, analysis: Analysis) -> Token {
        let stem = self.lexicon.stem_index(analysis.stem);
        let article = self.lexicon.article;
        let stem = local_stem(
            &mut self.lexicon.stems[stem as usize],
            article,
            &mut self.vocabulary,
        );
        Token {
            start: range.start as u32,
            end: range.end as u32,
            shown_end: (range.start + analysis.shown_len as usize) as u32,
            stem,
            flags: analysis.flags,
            discourse: analysis.discourse,
        }
    }

    /// The vocabulary of the article's tokens.
    pub fn finish(mut self) -> Vocabulary {
        std::mem::take(&mut self.vocabulary)
    }
}

impl Drop for Tokenizer {
    fn drop(&mut self) {
        let lexicon = std::mem::take(&mut self.lexicon);
        // Nothing to give back to once the thread is being torn down.
        let _ = LEXICONS.try_with(|lexicons| lexicons.borrow_mut()[self.lang as usize] = lexicon);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Two words have the same key exactly when they are the same, NUL bytes and all.
        #[test]
        fn short_keys_tell_words_apart(
            a in prop::collection::vec(prop::sample::select(&[0u8, 1, b'a', b'b', 0xff][..]), 0..18),
            b in prop::collection::vec(prop::sample::select(&[0u8, 1, b'a', b'b', 0xff][..]), 0..18),
        ) {
            let (ka, kb) = (short_key(&a), short_key(&b));
            prop_assert_eq!(ka.is_some(), a.len() <= SHORT_WORD);
            if let (Some(ka), Some(kb)) = (ka, kb) {
                prop_assert_eq!(ka == kb, a == b);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        /// A word read in place has the key of the word alone, wherever it is.
        #[test]
        fn keys_in_place_are_the_words_keys(
            text in prop::collection::vec(any::<u8>(), 0..40),
            start in 0usize..40,
            len in 0usize..20,
        ) {
            let start = start.min(text.len());
            let end = (start + len).min(text.len());
            prop_assert_eq!(short_key_in(&text, start..end), short_key(&text[start..end]));
        }
    }

    #[test]
    fn short_words_table_holds_every_word() {
        let mut table = ShortWords::default();
        assert_eq!(table.get(1), None);
        let key = |i: u32| short_key(format!("w{i}").as_bytes()).expect("short");
        for i in 0..5_000 {
            table.insert(key(i), i);
        }
        table.insert(key(7), 70);
        assert_eq!(table.len, 5_000);
        assert!(table.slots.len() >= 10_000);
        assert_eq!(table.get(key(7)), Some(70));
        assert!(
            (0..5_000)
                .filter(|&i| i != 7)
                .all(|i| table.get(key(i)) == Some(i))
        );
        assert_eq!(table.get(key(5_000)), None);
    }

    #[test]
    fn short_keys_of_every_length_differ() {
        let word = b"abcdefghijklmnop";
        let keys: Vec<u128> = (0..=SHORT_WORD)
            .filter_map(|n| short_key(&word[..n]))
            .collect();
        assert_eq!(keys.len(), SHORT_WORD + 1);
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "length {i}");
        }
        assert_eq!(short_key(&word[..16]), None);
    }
}
