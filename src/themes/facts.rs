//! What a sentence states, for telling two sentences that state the same fact from two that
//! merely share words: its numbers, the names it mentions, its other content words, and
//! whether it is negated or speaks of what may or will happen.

use crate::stems::StemSet;
use crate::text::{self, CAPITALIZED, Lang, NUMERIC};

/// The facts of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// Its numbers, digits only (a number word as its digits), sorted.
    numbers: Vec<String>,
    /// Stems of its names: capitalised words after the first.
    names: StemSet,
    /// Stems of its other content words.
    words: StemSet,
    /// It says something did not happen ("tidak", "not").
    negated: bool,
    /// It says something will, may or should happen ("akan", "will", "may").
    modal: bool,
}

const NEGATIONS_ID: &[&str] = &[
    "tidak", "tak", "bukan", "belum", "tanpa", "jangan", "menolak",
];
const NEGATIONS_EN: &[&str] = &["not", "no", "never", "without", "n't", "refused", "denied"];
const MODALS_ID: &[&str] = &[
    "akan",
    "bakal",
    "mungkin",
    "hendak",
    "berencana",
    "rencana",
    "diperkirakan",
    "diharapkan",
    "harus",
    "sebaiknya",
];
const MODALS_EN: &[&str] = &[
    "will", "would", "may", "might", "could", "should", "plans", "planned", "expected", "expects",
];

/// Number words and their digits: "two major hurdles" and "three major hurdles" state different
/// facts however many words they share. A compound ("three hundred") stays its parts, which
/// never equal "300": such a pair is kept apart, which costs a merge, never a citation.
const NUMBER_WORDS_EN: &[(&str, &str)] = &[
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("dozen", "12"),
    ("twenty", "20"),
    ("hundred", "100"),
    ("hundreds", "100"),
    ("thousand", "1000"),
    ("thousands", "1000"),
    ("million", "1000000"),
    ("millions", "1000000"),
    ("billion", "1000000000"),
];
const NUMBER_WORDS_ID: &[(&str, &str)] = &[
    ("satu", "1"),
    ("dua", "2"),
    ("tiga", "3"),
    ("empat", "4"),
    ("lima", "5"),
    ("enam", "6"),
    ("tujuh", "7"),
    ("delapan", "8"),
    ("sembilan", "9"),
    ("sepuluh", "10"),
    ("sebelas", "11"),
    ("selusin", "12"),
    ("seratus", "100"),
    ("ratusan", "100"),
    ("seribu", "1000"),
    ("ribuan", "1000"),
    ("puluh", "10"),
    ("ratus", "100"),
    ("ribu", "1000"),
    ("juta", "1000000"),
    ("jutaan", "1000000"),
    ("miliar", "1000000000"),
];

/// Shares of names and of other words two sentences must have in common (Dice) to state the
/// same fact.
const SAME_NAMES: f64 = 0.5;
const SAME_WORDS: f64 = 0.7;

impl Facts {
    /// Reads the facts of a sentence.
    pub fn of(text: &str, lang: Lang) -> Facts {
        let (tokens, vocabulary) = text::analyze(text, lang);
        let (negations, modals, number_words) = match lang {
            Lang::Id => (NEGATIONS_ID, MODALS_ID, NUMBER_WORDS_ID),
            Lang::En => (NEGATIONS_EN, MODALS_EN, NUMBER_WORDS_EN),
        };
        let (mut numbers, mut names, mut words) = (Vec::new(), Vec::new(), Vec::new());
        let (mut negated, mut modal) = (false, false);
        for (i, t) in tokens.iter().enumerate() {
            let word = text[t.range()].to_lowercase();
            negated |= negations.contains(&word.as_str());
            modal |= modals.contains(&word.as_str());
            if t.has(NUMERIC) {
                numbers.push(word.chars().filter(char::is_ascii_digit).collect());
            } else if let Some((_, digits)) = number_words.iter().find(|(w, _)| *w == word) {
                numbers.push(digits.to_string());
            } else if t.is_content() {
                let stem = vocabulary.stem_hash(t);
                if i > 0 && t.has(CAPITALIZED) {
                    names.push(stem);
                } else {
                    words.push(stem);
                }
            }
        }
        numbers.sort_unstable();
        numbers.dedup();
        Facts {
            numbers,
            names: StemSet::new(names),
            words: StemSet::new(words),
            negated,
            modal,
        }
    }

    /// Whether two sentences state the same fact: the same numbers, the same polarity and mood,
    /// and most of their names and of their other words in common.
    pub fn same_fact(&self, other: &Facts) -> bool {
        self.numbers == other.numbers
            && self.negated == other.negated
            && self.modal == other.modal
            && (self.names.is_empty() && other.names.is_empty()
                || dice(&self.names, &other.names) >= SAME_NAMES)
            && dice(&self.words, &other.words) >= SAME_WORDS
    }
}

/// Dice coefficient of two stem sets (0 when both are empty).
pub fn dice(a: &StemSet, b: &StemSet) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 0.0;
    }
    2.0 * a.common(b) as f64 / total as f64
}
