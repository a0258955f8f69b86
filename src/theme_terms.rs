//! Where an article mentions the configured themes (per article, cached): every sentence's
//! matches of each theme's terms, on stems or, for a term written `=form`, on the exact word,
//! outside the theme's excluded contexts. These matches are the confident evidence the learn
//! stage starts from.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::config::ThemeConfig;
use crate::segment::{self, Segmented};
use crate::stems::StemSet;
use crate::text::{self, ALPHANUMERIC, CAPITALIZED, Lang, STOP, Token, Tokenizer, Vocabulary};

/// The themes compiled for matching: every term and exclusion as a stem sequence, per
/// language, indexed by its first stem so a sentence is matched in one pass over its words.
#[derive(Debug, Clone)]
pub struct ThemeMatcher {
    themes: Vec<ThemeConfig>,
    compiled: BTreeMap<Lang, Compiled>,
    /// blake3 of the themes' terms and exclusions ([`ThemeMatcher::terms_key`]).
    terms_key: [u8; 32],
}

#[derive(Debug, Clone, Default)]
struct Compiled {
    /// Every phrase.
    phrases: Vec<Phrase>,
    /// The hash of a first stem ([`crate::stems::hash`]) → indices into `phrases`.
    by_first: FxHashMap<u64, Vec<usize>>,
    /// A bit for every first stem's hash ([`first_bit`]): a word whose bit is clear starts no
    /// phrase, found without a lookup in `by_first` (most words).
    first_bits: Vec<u64>,
    /// [`ThemeMatcher::theme_words`] of every theme, worked out once: the learn stage asks for
    /// them for every article, and analysing the texts each time cost more than the article.
    theme_words: Vec<Vec<u64>>,
}

/// A theme's term or exclusion, compiled.
#[derive(Debug, Clone)]
struct Phrase {
    /// Index of the theme.
    theme: usize,
    /// Index of the term in the theme's `terms` (or `exclude`) list.
    index: usize,
    /// Whether it marks an excluded context.
    exclude: bool,
    /// Its stems.
    stems: Vec<String>,
    /// Their hashes: compared first, the stems only when all agree.
    hashes: Vec<u64>,
    /// For a term written `=form`: the lowercase words that must appear as written.
    exact: Option<Vec<String>>,
    /// Per word, whether it was written with a capital (`Apple`, `NATO`): a name, which
    /// matches only a word written with one (not the fruit in "apple juice").
    capitals: Vec<bool>,
}

/// One configured term found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermMatch {
    /// Index of the term in the theme's `terms`.
    pub term: u32,
    /// Byte range `[start, end)` of the words found, in the sentence's text.
    pub span: [u32; 2],
}

/// The configured terms of one theme that one sentence carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeHit {
    /// Index of the theme in the configuration.
    pub theme: usize,
    /// Every occurrence outside an excluded context, in text order.
    pub matches: Vec<TermMatch>,
}

impl ThemeHit {
    /// Number of distinct theme terms the sentence carries.
    pub fn terms(&self) -> usize {
        let mut terms: Vec<u32> = self.matches.iter().map(|m| m.term).collect();
        terms.sort_unstable();
        terms.dedup();
        terms.len()
    }
}

/// [`ThemeMatcher::theme_words`] of one theme, analysed from its texts.
fn words_of_theme(config: &ThemeConfig, lang: Lang) -> Vec<u64> {
    let texts = std::iter::once(config.title.as_str())
        .chain(config.description.as_deref())
        .chain(config.terms.iter().map(|t| t.trim_start_matches(EXACT)));
    let mut words = Vec::new();
    for text in texts {
        let (tokens, vocabulary) = text::analyze(text, lang);
        words.extend(
            tokens
                .iter()
                .filter(|t| t.is_content())
                .map(|t| vocabulary.stem_hash(t)),
        );
    }
    words
}

/// Bits in [`Compiled::first_bits`]: a few phrases' first stems set a few percent of them.
const FIRST_BITS: usize = 4096;

/// Where a stem hash's bit is in [`Compiled::first_bits`]: the word and the bit in it, from the
/// hash's top bits (XXH3's bits are all alike).
fn first_bit(hash: u64) -> (usize, u64) {
    let n = (hash >> (64 - FIRST_BITS.trailing_zeros())) as usize;
    (n / 64, 1 << (n % 64))
}

/// The prefix that asks for a term's exact written form instead of its stem.
pub const EXACT: char = '=';

impl ThemeMatcher {
    /// Compiles the configured themes for both languages.
    pub fn new(themes: &[ThemeConfig]) -> ThemeMatcher {
        let compile = |lang: Lang| {
            let mut compiled = Compiled {
                first_bits: vec![0; FIRST_BITS / 64],
                ..Compiled::default()
            };
            for (theme, config) in themes.iter().enumerate() {
                let lists = [(false, &config.terms), (true, &config.exclude)];
                for (exclude, list) in lists {
                    for (index, written) in list.iter().enumerate() {
                        let Some(Written {
                            stems,
                            exact,
                            capitals,
                        }) = phrase(written, lang)
                        else {
                            continue;
                        };
                        let hashes: Vec<u64> =
                            stems.iter().map(|s| crate::stems::hash(s)).collect();
                        let (word, bit) = first_bit(hashes[0]);
                        compiled.first_bits[word] |= bit;
                        compiled
                            .by_first
                            .entry(hashes[0])
                            .or_default()
                            .push(compiled.phrases.len());
                        compiled.phrases.push(Phrase {
                            theme,
                            index,
                            exclude,
                            stems,
                            hashes,
                            exact,
                            capitals,
                        });
                    }
                }
            }
            compiled.theme_words = (0..themes.len())
                .map(|theme| words_of_theme(&themes[theme], lang))
                .collect();
            compiled
        };
        let terms = serde_json::to_string(&crate::config::themes_terms(themes));
        ThemeMatcher {
            themes: themes.to_vec(),
            compiled: [(Lang::Id, compile(Lang::Id)), (Lang::En, compile(Lang::En))].into(),
            terms_key: *blake3::hash(terms.unwrap_or_default().as_bytes()).as_bytes(),
        }
    }

    /// A key of what the matches depend on: each theme's terms and exclusions, in order. Two
    /// matchers with the same key find the same hits in any sentence.
    pub fn terms_key(&self) -> [u8; 32] {
        self.terms_key
    }

    /// The configured themes.
    pub fn themes(&self) -> &[ThemeConfig] {
        &self.themes
    }

    /// The stem hashes of a theme's words in `lang`: its title, description and terms (not its
    /// exclusions), content words only, with repeats. What the theme "means" to the vectors.
    pub fn theme_words(&self, theme: usize, lang: Lang) -> Vec<u64> {
        self.compiled[&lang].theme_words[theme].clone()
    }

    /// The stem hashes of every configured term of every theme in `lang`.
    pub fn term_stems(&self, lang: Lang) -> impl Iterator<Item = (usize, u64)> + '_ {
        self.compiled[&lang]
            .phrases
            .iter()
            .filter(|p| !p.exclude)
            .flat_map(|p| p.hashes.iter().map(move |&h| (p.theme, h)))
    }

    /// The themes a sentence speaks to by their terms, in configuration order: every
    /// occurrence of a theme's terms that does not overlap one of its excluded contexts.
    /// Linear in the sentence's words and the occurrences found.
    pub fn match_sentence(
        &self,
        text: &str,
        tokens: &[Token],
        vocabulary: &Vocabulary,
        lang: Lang,
    ) -> Vec<ThemeHit> {
        let compiled = &self.compiled[&lang];
        if compiled.phrases.is_empty() {
            return Vec::new();
        }
        // Every phrase occurrence: (theme, is a term (not an exclusion), start token, end token,
        // phrase).
        let mut found: Vec<(usize, bool, usize, usize, usize)> = Vec::new();
        for (start, token) in tokens.iter().enumerate() {
            let hash = vocabulary.stem_hash(token);
            let (word, bit) = first_bit(hash);
            if compiled.first_bits.get(word).is_none_or(|w| w & bit == 0) {
                continue;
            }
            let Some(candidates) = compiled.by_first.get(&hash) else {
                continue;
            };
            for &pi in candidates {
                let phrase = &compiled.phrases[pi];
                let end = start + phrase.stems.len();
                if end <= tokens.len() && phrase.matches(text, &tokens[start..end], vocabulary) {
                    found.push((phrase.theme, !phrase.exclude, start, end, pi));
                }
            }
        }
        // By theme, exclusions first, then by start: each theme's excluded contexts are merged
        // into ordered intervals and each term occurrence is checked against the one before it.
        found.sort_unstable();
        let mut hits: Vec<ThemeHit> = Vec::new();
        let mut i = 0;
        while i < found.len() {
            let theme = found[i].0;
            let mut excluded: Vec<(usize, usize)> = Vec::new();
            while i < found.len() && found[i].0 == theme && !found[i].1 {
                let (_, _, a, b, _) = found[i];
                match excluded.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => excluded.push((a, b)),
                }
                i += 1;
            }
            let mut matches = Vec::new();
            while i < found.len() && found[i].0 == theme {
                let (_, _, a, b, pi) = found[i];
                // The last excluded interval starting before this occurrence's end.
                let k = excluded.partition_point(|&(x, _)| {
                    #[cfg(test)]
                    tests::STEPS.with(|c| c.set(c.get() + 1));
                    x < b
                });
                let overlaps = k > 0 && excluded[k - 1].1 > a;
                if !overlaps {
                    matches.push(TermMatch {
                        term: compiled.phrases[pi].index as u32,
                        span: [tokens[a].start, tokens[b - 1].end],
                    });
                }
                i += 1;
            }
            if !matches.is_empty() {
                matches.sort_unstable_by_key(|m| (m.span, m.term));
                hits.push(ThemeHit { theme, matches });
            }
        }
        hits
    }
}

impl Phrase {
    /// Whether the phrase is the words `tokens` of `text`.
    fn matches(&self, text: &str, tokens: &[Token], vocabulary: &Vocabulary) -> bool {
        let stems_agree = tokens
            .iter()
            .zip(&self.hashes)
            .all(|(t, &h)| vocabulary.stem_hash(t) == h)
            && tokens
                .iter()
                .zip(&self.stems)
                .all(|(t, s)| vocabulary.stem(t) == s.as_str());
        stems_agree
            && (tokens.iter().zip(&self.capitals))
                .all(|(t, &capital)| !capital || t.has(CAPITALIZED))
            && self.exact.as_ref().is_none_or(|forms| {
                tokens.iter().zip(forms).all(|(t, form)| {
                    text.get(t.start as usize..t.shown_end as usize)
                        .is_some_and(|w| w.to_lowercase() == *form)
                })
            })
    }
}

/// One configured phrase as the matcher reads it.
struct Written {
    /// The stems of its words.
    stems: Vec<String>,
    /// For a term written `=form`, the lowercase words it must appear as.
    exact: Option<Vec<String>>,
    /// Whether each word was written with a capital.
    capitals: Vec<bool>,
}

/// Tokenises and stems one configured phrase. None when it has no words.
fn phrase(written: &str, lang: Lang) -> Option<Written> {
    let (text, exact) = match written.strip_prefix(EXACT) {
        Some(rest) => (rest, true),
        None => (written, false),
    };
    let (tokens, vocabulary) = text::analyze(text, lang);
    if tokens.is_empty() {
        return None;
    }
    let stems = tokens
        .iter()
        .map(|t| vocabulary.stem(t).to_string())
        .collect();
    let forms = exact.then(|| {
        tokens
            .iter()
            .map(|t| text[t.start as usize..t.shown_end as usize].to_lowercase())
            .collect()
    });
    let capitals = tokens.iter().map(|t| t.has(CAPITALIZED)).collect();
    Some(Written {
        stems,
        exact: forms,
        capitals,
    })
}

/// The content stems of a sentence, numbers included: what the learn stage and near-duplicate
/// points work from.
pub fn content_stems(tokens: &[Token], vocabulary: &Vocabulary) -> StemSet {
    stem_set(tokens, vocabulary, |t| {
        t.flags & (STOP | ALPHANUMERIC) == ALPHANUMERIC
    })
}

/// The set of the stems of the `tokens` that are `wanted`, allocated once at its size: the
/// hashes are gathered on the stack (counted first in a sentence of more than
/// [`STACK_STEMS`]).
pub fn stem_set(
    tokens: &[Token],
    vocabulary: &Vocabulary,
    wanted: impl Fn(&Token) -> bool,
) -> StemSet {
    let mut stack = [0u64; STACK_STEMS];
    let mut n = 0;
    for t in tokens.iter().filter(|t| wanted(t)) {
        let Some(slot) = stack.get_mut(n) else {
            let content = tokens.iter().filter(|t| wanted(t));
            let mut hashes = Vec::with_capacity(content.clone().count());
            hashes.extend(content.map(|t| vocabulary.stem_hash(t)));
            return StemSet::new(hashes);
        };
        *slot = vocabulary.stem_hash(t);
        n += 1;
    }
    StemSet::new(stack[..n].to_vec())
}

/// The most stems [`stem_set`] gathers on the stack.
const STACK_STEMS: usize = 32;

/// The theme hits of every sentence of an article.
pub fn match_article(matcher: &ThemeMatcher, article: &Segmented) -> Vec<Vec<ThemeHit>> {
    article
        .tokens
        .iter()
        .zip(&article.sentences)
        .map(|(tokens, sentence)| {
            matcher.match_sentence(
                &sentence.text,
                tokens,
                &article.vocabulary,
                article.language,
            )
        })
        .collect()
}

/// The theme hits of every sentence of `sentences` (in `lang`), tokenised anew: what
/// [`match_article`] gave when they were segmented, for a cached article matched again with
/// other terms (a sentence's tokens depend on its text and language alone).
pub fn match_sentences(
    matcher: &ThemeMatcher,
    sentences: &[segment::Sentence],
    lang: Lang,
) -> Vec<Vec<ThemeHit>> {
    let length = sentences.iter().map(|s| s.text.len()).sum();
    let mut tokenizer = Tokenizer::new(lang, length);
    let tokens: Vec<Vec<Token>> = (sentences.iter())
        .map(|s| tokenizer.tokens(&s.text))
        .collect();
    let vocabulary = tokenizer.finish();
    (sentences.iter().zip(&tokens))
        .map(|(s, tokens)| matcher.match_sentence(&s.text, tokens, &vocabulary, lang))
        .collect()
}

#[cfg(test)]
mod tests;
