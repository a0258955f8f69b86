//! Language detection between Indonesian and English.
//!
//! The first [`DETECT_BYTES`] bytes of a text decide. A vote of function words comes first: the
//! window's runs of ASCII letters are looked up in two short, disjoint lists of frequent Indonesian
//! and English words (`yang`, `dan`, `di` … / `the`, `of`, `and` …). When one language wins
//! clearly and throughout the window ([`decisive`]), that is the answer; otherwise (short or mixed
//! text, names, tables, code, a window not mostly in ASCII letters) whatlang's trigram detector,
//! allowlist Indonesian and English, decides, as it did for every text before the vote. The vote
//! is one pass over the bytes; whatlang counts and sorts the window's trigrams.
//!
//! The vote is a shortcut, not a second opinion: its thresholds are set so that it gives
//! whatlang's answer. The tests check this on English and Indonesian prose and the seeds; the
//! ignored test `files_agree_with_whatlang` checks it on any files, with mixtures of their texts
//! (run on the evaluation set, a 10,000-article corpus made from it, and ~1,400 English texts:
//! crate READMEs, licences and Python's documentation, it found no disagreement in ~145,000
//! samples and ~4.8 million mixtures; the vote decided ~58% of the samples and ~74% of the
//! mixtures, ~93% of the articles' own samples). Where whatlang and the vote could still differ,
//! the text has a clear majority of one language's function words in every quarter.

use super::Lang;

/// How many bytes of a text detection looks at.
pub const DETECT_BYTES: usize = 1024;

/// Detects whether a text is Indonesian or English from its first [`DETECT_BYTES`] bytes
/// (Indonesian on a tie, when the text is too short to tell, or when it is not in Latin script).
pub fn detect(text: &str) -> Lang {
    detect_declared(text, None)
}

/// [`detect`], with the language the text's source declares (see [`super::foreign::declared`])
/// taken where the vote is not clear, when it is one briefing reads.
#[inline(never)] // a function of its own in profiles (`bench/per_byte.sh`)
pub fn detect_declared(text: &str, declared: Option<&str>) -> Lang {
    let window = window(text);
    let votes = Votes::count(window);
    if let Some(lang) = decisive(&votes) {
        return lang;
    }
    match declared.and_then(super::foreign::declared) {
        Some(Ok(lang)) if !votes.lean_from(lang) => lang,
        _ => undecided(window, &votes),
    }
}

/// [`detect`], or the name of the language the text is clearly written in when that is neither
/// Indonesian nor English (see [`super::foreign`]). A text the function-word vote decides is
/// never foreign: the check runs only where whatlang would be asked.
pub fn detect_readable(text: &str) -> Result<Lang, &'static str> {
    detect_readable_declared(text, None)
}

/// [`detect_readable`], with the language the text's source declares (see
/// [`super::foreign::declared`]) taken where the text itself does not tell: a function-word
/// vote that is clear, or a text clearly in another language, outweighs any declaration (site
/// templates declare "en" for pages in every language), but a teaser too short to tell is read
/// in the language its feed declares, or left out when that is one briefing does not read.
#[inline(never)] // a function of its own in profiles (`bench/per_byte.sh`)
pub fn detect_readable_declared(text: &str, declared: Option<&str>) -> Result<Lang, &'static str> {
    let window = window(text);
    let votes = Votes::count(window);
    if let Some(lang) = decisive(&votes) {
        return Ok(lang);
    }
    let function_words = Votes::total(&votes.id) + Votes::total(&votes.en);
    if let Some(name) = super::foreign::language(window, function_words, Votes::total(&votes.words))
    {
        return Err(name);
    }
    // Where the few function words found lean one way, a declaration the other way is the
    // template's; another language is taken unless the trigrams, even unsure, say ours.
    match declared.and_then(super::foreign::declared) {
        Some(Ok(lang)) if !votes.lean_from(lang) => Ok(lang),
        Some(Err(name)) if !super::foreign::looks_read(window) => Err(name),
        _ => Ok(undecided(window, &votes)),
    }
}

/// whatlang's answer on a window the vote leaves undecided: worked out by [`trigram::compare`]
/// when the window is mostly ASCII letters (so that Latin is whatlang's script for it), asked of
/// whatlang otherwise or when that cannot tell.
fn undecided(window: &str, votes: &Votes) -> Lang {
    if votes.ascii_letters > votes.non_ascii
        && let Some(lang) = trigram::compare(window)
    {
        return lang;
    }
    whatlang_detect(window)
}

/// The first [`DETECT_BYTES`] bytes of `text`, cut back to a character boundary.
fn window(text: &str) -> &str {
    let mut end = text.len().min(DETECT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// whatlang's answer on a window (the detector used before the function-word vote, and still the
/// fallback when the vote is undecided).
fn whatlang_detect(window: &str) -> Lang {
    let detector =
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Ind, whatlang::Lang::Eng]);
    match detector.detect_lang(window) {
        Some(whatlang::Lang::Eng) => Lang::En,
        _ => Lang::Id,
    }
}

/// Function-word counts of a window, per quarter (by byte position).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Votes {
    /// Indonesian function words.
    id: [u32; PARTS],
    /// English function words.
    en: [u32; PARTS],
    /// Runs of ASCII letters.
    words: [u32; PARTS],
    /// ASCII letters.
    ascii_letters: u32,
    /// Bytes outside ASCII (every non-ASCII character has at least two).
    non_ascii: u32,
}

impl Votes {
    /// Whether the function words found are more of the other language than of `lang`'s.
    fn lean_from(&self, lang: Lang) -> bool {
        let (own, other) = match lang {
            Lang::Id => (&self.id, &self.en),
            Lang::En => (&self.en, &self.id),
        };
        Votes::total(other) > Votes::total(own)
    }
}

/// How many parts of the window are counted apart.
const PARTS: usize = 4;
/// Longest function word in either list, in bytes.
const MAX_WORD: usize = 10;

impl Votes {
    /// Counts the function words among the runs of ASCII letters of `window` (a word counts in the
    /// part where it ends).
    fn count(window: &str) -> Votes {
        let mut v = Votes::default();
        let bytes = window.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphabetic() {
                if bytes[i] >= 0x80 {
                    v.non_ascii += 1;
                }
                i += 1;
                continue;
            }
            // The word's first eight bytes at once: the letters among them, and (for a word
            // of eight letters or fewer, nearly all) its key.
            let start = i;
            let head = eight_at(bytes, start);
            let run = (!ascii_letters(head) & 0x8080_8080_8080_8080).trailing_zeros() as usize / 8;
            i = (start + run).min(bytes.len());
            if run == 8 {
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
            }
            let len = i - start;
            v.ascii_letters += len as u32;
            let part = i * PARTS / (bytes.len() + 1);
            v.words[part] += 1;
            if len <= MAX_WORD && may_be_listed(head, bytes[i - 1], len) {
                let key = match len {
                    ..=7 => pack_head(head & ((1 << (8 * len)) - 1), len, 0),
                    8 => pack_head(head, 8, 0),
                    _ => pack_head(head, len, eight_at(bytes, start + 8)),
                };
                match function_word(key) {
                    Some(Lang::Id) => v.id[part] += 1,
                    Some(Lang::En) => v.en[part] += 1,
                    None => {}
                }
            }
        }
        v
    }

    fn total(counts: &[u32; PARTS]) -> u32 {
        counts.iter().sum()
    }
}

/// The vote's answer when it is clear, `None` to ask whatlang.
///
/// The window must be mostly ASCII letters (so that whatlang, too, sees a Latin-script text: ASCII
/// letters outnumber every other script). The winner needs [`MARGIN`] times the loser's function
/// words plus [`MIN_VOTES`], at least one word in [`DENSITY`] of the window, and one word in
/// [`PART_DENSITY`] of each quarter of [`PART_MIN_WORDS`] words or more. The density rules keep
/// the vote away from texts of which a part is in neither list: names, tables, code, or a passage
/// in the other language without function words, all of which whatlang reads by trigrams. On the
/// test material, relaxing `MARGIN` to 6, `PART_MIN_WORDS` to 6 or `PART_DENSITY` to 30 already
/// gives disagreements; the values below keep a margin from those.
fn decisive(v: &Votes) -> Option<Lang> {
    if v.ascii_letters <= v.non_ascii {
        return None;
    }
    let words = Votes::total(&v.words);
    let clear = |win: &[u32; PARTS], lose: &[u32; PARTS]| {
        let (w, l) = (Votes::total(win), Votes::total(lose));
        w >= MARGIN * l + MIN_VOTES
            && w * DENSITY >= words
            && win
                .iter()
                .zip(&v.words)
                .all(|(&w, &n)| n < PART_MIN_WORDS || w * PART_DENSITY >= n)
    };
    if clear(&v.id, &v.en) {
        Some(Lang::Id)
    } else if clear(&v.en, &v.id) {
        Some(Lang::En)
    } else {
        None
    }
}

/// Fewest function words of the winning language for a decision (with no loser's words).
const MIN_VOTES: u32 = 6;
/// How many times the loser's function words the winner needs (besides [`MIN_VOTES`]).
const MARGIN: u32 = 10;
/// The winner's function words must be at least one word in this many.
const DENSITY: u32 = 5;
/// A quarter of the window with this many words or more must have its own function words …
const PART_MIN_WORDS: u32 = 4;
/// … at least one word in this many.
const PART_DENSITY: u32 = 10;

/// A lowercase word of at most [`MAX_WORD`] ASCII letters as one integer: its bytes from the
/// lowest up, and its length in the top byte (so no two words share a key, and 0 is no word's).
const fn pack(word: &[u8]) -> u128 {
    let mut key = (word.len() as u128) << 120;
    let mut i = 0;
    while i < word.len() {
        key |= (word[i] as u128) << (8 * i);
        i += 1;
    }
    key
}

/// The eight bytes of `bytes` from `at` as a little-endian integer, zeros past its end.
#[inline]
fn eight_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => {
            let mut padded = [0u8; 8];
            let rest = bytes.get(at..).unwrap_or_default();
            padded[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(padded)
        }
    }
}

/// The high bit of each byte of `eight` that is an ASCII letter (`A`–`Z`, `a`–`z`), all eight
/// tested at once: with `| 0x20` every letter is lowercase, and the sums below cross 0x80 from
/// `a` and from one past `z` without carrying into the next byte.
#[inline]
fn ascii_letters(eight: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lower = eight | 0x2020_2020_2020_2020;
    let low7 = lower & !HIGH;
    let from_a = low7 + 0x1f1f_1f1f_1f1f_1f1f; // 0x80 - b'a'
    let past_z = low7 + 0x0505_0505_0505_0505; // 0x80 - (b'z' + 1)
    from_a & !past_z & !lower & HIGH
}

/// [`pack`] of a word of `len` ASCII letters whose first eight bytes are `head` (its letters
/// only when it is shorter) and next ones `tail` (for a word of nine or ten letters): lowercased
/// with `| 0x20`.
#[inline]
fn pack_head(head: u64, len: usize, tail: u64) -> u128 {
    let case = |n: usize| 0x2020_2020_2020_2020u64 >> (8 * (8 - n.min(8)));
    let low = head | case(len);
    let high = match len {
        9.. => (tail & ((1 << (8 * (len - 8))) - 1)) | case(len - 8),
        _ => 0,
    };
    low as u128 | ((high | (len as u64) << 56) as u128) << 64
}

/// Slots of [`FUNCTION_WORDS`]: a power of two, about twice the words.
const SLOTS: usize = 512;

/// The first slot to look at for a [`pack`]ed word.
const fn slot(key: u128) -> usize {
    let mixed = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOTS.trailing_zeros())) as usize
}

/// Both lists in one open-addressed table of [`pack`]ed words (0 for an empty slot), built at
/// compile time: a word is looked up by one multiplication and a slot or two, where a `match`
/// on byte strings compared it with every listed word of its length.
static FUNCTION_WORDS: [(u128, Lang); SLOTS] = {
    let mut table = [(0u128, Lang::Id); SLOTS];
    let lists = [(INDONESIAN_WORDS, Lang::Id), (ENGLISH_WORDS, Lang::En)];
    let mut l = 0;
    while l < lists.len() {
        let (words, lang) = lists[l];
        let mut w = 0;
        while w < words.len() {
            assert!(words[w].len() <= MAX_WORD, "a word longer than MAX_WORD");
            let key = pack(words[w].as_bytes());
            let mut at = slot(key);
            while table[at].0 != 0 {
                assert!(table[at].0 != key, "a word listed twice");
                at = (at + 1) % SLOTS;
            }
            table[at] = (key, lang);
            w += 1;
        }
        l += 1;
    }
    table
};

/// For each length up to [`MAX_WORD`] and first letter (32 columns, so that a letter's index
/// needs no bounds check), the last letters of the listed words of that length and first letter
/// (bit 0 for `a`): most words in neither list (86% on make_corpus text) fail this, and need no
/// key and no table look.
static GATE: [[u32; 32]; MAX_WORD + 1] = {
    let mut gate = [[0u32; 32]; MAX_WORD + 1];
    let lists = [INDONESIAN_WORDS, ENGLISH_WORDS];
    let mut l = 0;
    while l < lists.len() {
        let mut w = 0;
        while w < lists[l].len() {
            let word = lists[l][w].as_bytes();
            let (first, last) = (word[0] - b'a', word[word.len() - 1] - b'a');
            gate[word.len()][first as usize] |= 1 << last;
            w += 1;
        }
        l += 1;
    }
    gate
};

/// Whether a word of `len` ASCII letters (at most [`MAX_WORD`]) whose first eight bytes are
/// `head` and whose last letter is `last` may be listed, by its length and first and last
/// letters ([`GATE`]).
#[inline]
fn may_be_listed(head: u64, last: u8, len: usize) -> bool {
    let letter = |b: u8| ((b | 0x20).wrapping_sub(b'a') & 31) as usize;
    GATE[len][letter(head as u8)] >> letter(last) & 1 == 1
}

/// Which list a [`pack`]ed word is in.
fn function_word(key: u128) -> Option<Lang> {
    let mut at = slot(key);
    loop {
        match FUNCTION_WORDS[at] {
            (0, _) => return None,
            (k, lang) if k == key => return Some(lang),
            _ => at = (at + 1) % SLOTS,
        }
    }
}

mod function_words;
mod trigram;

use function_words::{ENGLISH_WORDS, INDONESIAN_WORDS};

#[cfg(test)]
mod tests;
