//! Learned words: a word most of whose sentences are seeds of a theme becomes evidence for it;
//! counted from the learn stage's views ([`super::view`]). And each learned word as the
//! articles write it, for the briefing's labels.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::view::Views;
use super::{Learned, LearnedWord, WORD_SUPPORT, WORDS_KEPT};
use crate::processed::{Batches, Processed};
use crate::summary::round3;

/// Adds to `into`, per theme, how many of its seed sentences in `batch` carry each word.
pub(super) fn count_seed_words(batch: &Views, into: &mut [FxHashMap<u64, usize>]) {
    let themes = into.len();
    let part: Vec<FxHashMap<u64, usize>> = (0..batch.len())
        .into_par_iter()
        .fold(
            || vec![FxHashMap::default(); themes],
            |mut counts, a| {
                let article = batch.article(a);
                for si in 0..article.sentences {
                    for hit in article.hits(si) {
                        for &stem in article.stems(si) {
                            *counts[hit.theme].entry(stem).or_default() += 1;
                        }
                    }
                }
                counts
            },
        )
        .reduce(
            || vec![FxHashMap::default(); themes],
            |mut a, b| {
                for (into, from) in a.iter_mut().zip(b) {
                    add_into(into, from);
                }
                a
            },
        );
    for (into, from) in into.iter_mut().zip(part) {
        add_into(into, from);
    }
}

pub(super) fn add_into(into: &mut FxHashMap<u64, usize>, from: FxHashMap<u64, usize>) {
    for (stem, n) in from {
        *into.entry(stem).or_default() += n;
    }
}

/// The words that could be learned: carried by enough seed sentences of some theme.
pub(super) fn candidates(seeds: &[FxHashMap<u64, usize>]) -> FxHashSet<u64> {
    seeds
        .iter()
        .flat_map(|m| {
            m.iter()
                .filter(|(_, n)| **n >= WORD_SUPPORT)
                .map(|(s, _)| *s)
        })
        .collect()
}

/// Adds to `into` how many sentences of `batch` carry each of the `candidates`.
pub(super) fn count_totals(
    batch: &Views,
    candidates: &FxHashSet<u64>,
    into: &mut FxHashMap<u64, usize>,
) {
    let part = (0..batch.len())
        .into_par_iter()
        .fold(FxHashMap::default, |mut counts, a| {
            let article = batch.article(a);
            for si in 0..article.sentences {
                for stem in article.stems(si) {
                    if candidates.contains(stem) {
                        *counts.entry(*stem).or_default() += 1;
                    }
                }
            }
            counts
        })
        .reduce(FxHashMap::default, |mut a, b| {
            add_into(&mut a, b);
            a
        });
    add_into(into, part);
}

/// Words that the seeds of each theme use far more than the rest of the corpus: from each
/// theme's seed counts and the corpus totals of the candidates; `terms` are each theme's
/// terms' stems.
pub(super) fn learned_words(
    terms: &[FxHashSet<u64>],
    seeds: Vec<FxHashMap<u64, usize>>,
    totals: &FxHashMap<u64, usize>,
    share: f64,
) -> Vec<Vec<LearnedWord>> {
    // A theme's own terms are evidence already.
    seeds
        .into_iter()
        .enumerate()
        .map(|(theme, counts)| {
            let mut words: Vec<LearnedWord> = counts
                .into_iter()
                .filter(|(stem, n)| *n >= WORD_SUPPORT && !terms[theme].contains(stem))
                .map(|(stem, n)| LearnedWord {
                    stem,
                    seeds: n,
                    share: round3(n as f64 / totals.get(&stem).copied().unwrap_or(0).max(n) as f64),
                })
                .filter(|w| w.share >= share)
                .collect();
            words.sort_by(|a, b| {
                let strength = |w: &LearnedWord| w.share * (1.0 + w.seeds as f64).ln();
                strength(b)
                    .total_cmp(&strength(a))
                    .then(a.stem.cmp(&b.stem))
            });
            words.truncate(WORDS_KEPT);
            words
        })
        .collect()
}

impl Learned {
    /// Each learned word as the articles write it: its first occurrence in a sentence that
    /// carries a theme's terms (learned words come from those).
    pub fn word_forms(&self, articles: &dyn Batches) -> std::io::Result<FxHashMap<u64, String>> {
        let wanted = self.learned_stems();
        let mut forms = FxHashMap::default();
        if wanted.is_empty() {
            return Ok(forms);
        }
        articles.each_batch(&mut |_, batch| forms_in(batch, &wanted, &mut forms))?;
        Ok(forms)
    }
}

impl Learned {
    /// The stems of every theme's learned words.
    pub fn learned_stems(&self) -> FxHashSet<u64> {
        self.words.iter().flatten().map(|w| w.stem).collect()
    }
}

/// The forms of the `wanted` stems in `articles` not in `forms` yet, each the first found (in
/// article and sentence order) in a sentence that carries a theme's terms and a wanted stem,
/// added to `forms`.
pub fn forms_in(
    articles: &[Processed],
    wanted: &FxHashSet<u64>,
    forms: &mut FxHashMap<u64, String>,
) {
    for p in articles {
        for ((hits, stems), sentence) in p.hits.iter().zip(&p.stems).zip(&p.sentences) {
            if forms.len() == wanted.len() {
                return;
            }
            // Which sentences are read does not depend on what was found before, so that the
            // first form of a corpus is the first of its articles' first forms.
            if hits.is_empty() || !stems.hashes().iter().any(|h| wanted.contains(h)) {
                continue;
            }
            let (tokens, vocabulary) = crate::text::analyze(&sentence.text, p.language);
            for t in &tokens {
                let stem = vocabulary.stem_hash(t);
                if wanted.contains(&stem) && !forms.contains_key(&stem) {
                    let word = &sentence.text[t.start as usize..t.shown_end as usize];
                    forms.insert(stem, word.to_string());
                }
            }
        }
    }
}
