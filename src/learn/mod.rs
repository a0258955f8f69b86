//! The learn stage, between the per-article stages and grouping: what the corpus teaches about
//! each theme, starting from the sentences its configured terms find (the seeds), and every
//! sentence's themes with their evidence.
//!
//! - **Learned words**: a word most of whose sentences are seeds of a theme (at least two of
//!   them) becomes evidence for that theme: names, places and jargon the user did not list.
//! - **Similarity**: a sentence is compared with each theme by word vectors (the shipped
//!   tables, [`crate::text::vectors`]): the theme's prototype is the vector of its title,
//!   description and terms, moved toward the centroid of its seeds. A sentence joins the theme
//!   when it is past the theme's threshold (where its seeds part from the rest of the corpus);
//!   in an article of three sentences or more, only the one theme the whole article is closest
//!   to, and only past the background (the sentences no theme's terms reach).
//! - **Neighbours**: a sentence with no evidence of its own that continues its neighbour
//!   ([`crate::text::discourse`]) takes the neighbour's themes, with less confidence.
//!
//! Every sum is taken in fixed point or in a fixed order, so the result does not depend on the
//! thread count.

mod sentence;
mod space;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::config::GroupingConfig;
use crate::processed::{Batches, Processed};
use crate::summary::round3;
use crate::text::Lang;
use crate::theme_terms::ThemeMatcher;

pub use space::{Space, Spaces};

/// One theme of one sentence, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Index of the theme in the configuration.
    pub theme: usize,
    /// Confidence in (0, 1], rounded to three decimals: terms 0.67–1, learned words or
    /// similarity 0.25–0.6, a neighbour's themes three quarters of the neighbour's.
    pub score: f64,
    /// Whether the sentence carries the theme's configured terms.
    pub terms: bool,
    /// The learned words of the theme the sentence carries (stem hashes).
    pub learned: Vec<u64>,
    /// Its similarity to the theme, when that is what put it there.
    pub similarity: Option<f64>,
    /// The sentence whose themes it continues, when that is what put it there.
    pub neighbour: Option<usize>,
}

/// A word the corpus taught a theme.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedWord {
    /// Its stem's hash.
    pub stem: u64,
    /// How many of the theme's seed sentences carry it.
    pub seeds: usize,
    /// The share of the sentences carrying it that are seeds of the theme.
    pub share: f64,
}

/// What the corpus taught about the themes.
#[derive(Debug, Clone)]
pub struct Learned {
    /// Per theme, its learned words, strongest first.
    pub words: Vec<Vec<LearnedWord>>,
    /// Per theme, learned word → its weight (the share).
    weights: Vec<FxHashMap<u64, f64>>,
    /// Each theme's place in the vector space of each language (none when similarity is off).
    spaces: Option<Spaces>,
    settings: GroupingConfig,
}

/// Rounds of self-training of the theme prototypes (each one a pass over the corpus; the
/// second still moved sentences, further ones little).
const SELF_TRAINING_ROUNDS: usize = 2;
/// Learned words kept per theme, the strongest.
const WORDS_KEPT: usize = 500;
/// Seed sentences a word needs to be learned.
const WORD_SUPPORT: usize = 3;
/// The learned-word weight that puts a sentence under a theme on its own (two words learned
/// firmly, or three loosely).
const LEARNED_ENOUGH: f64 = 1.2;
/// How much a unit of learned-word weight adds to a similarity.
const LEARNED_NUDGE: f64 = 0.05;
/// A neighbour's themes pass on at this share of their confidence.
const NEIGHBOUR_SHARE: f64 = 0.75;
/// Sentences from which an article has a body besides its subject (see
/// [`Learned::own_evidence`]).
const BODY: usize = 3;
/// Below this confidence a neighbour's theme is not passed on.
const NEIGHBOUR_FLOOR: f64 = 0.3;

/// Learns from every article's seeds (their configured-term matches), reading the corpus a
/// batch at a time, a few times over; fails only when the articles cannot be read back.
///
/// Passes that do not need each other's results share a read: the seeds' words are counted
/// with the corpus centres, and the words' totals with the first fit's sums (an archive too
/// large to hold is read back from a file at every pass).
pub fn learn(
    articles: &dyn Batches,
    matcher: &ThemeMatcher,
    settings: &GroupingConfig,
) -> std::io::Result<Learned> {
    let themes = matcher.themes().len();
    let (learn, similar) = (settings.learn, settings.similarity);
    let mut seeds: Vec<FxHashMap<u64, usize>> = vec![FxHashMap::default(); themes];
    let mut centres = space::Sums::new();
    if learn || similar {
        articles.each_batch(&mut |_, batch| {
            if learn {
                count_seed_words(batch, &mut seeds);
            }
            if similar {
                let part = Spaces::centre_part(batch);
                centres = space::merge(std::mem::take(&mut centres), part);
            }
        })?;
    }
    let mut spaces = similar.then(|| Spaces::from_centres(centres, themes));
    let own = space::own_terms(matcher);
    let mut totals: FxHashMap<u64, usize> = FxHashMap::default();
    let mut sums = space::Sums::new();
    let candidates = candidates(&seeds);
    if learn || similar {
        articles.each_batch(&mut |_, batch| {
            if learn {
                count_totals(batch, &candidates, &mut totals);
            }
            if let Some(spaces) = &spaces {
                let part = spaces.sums_part(batch, &own, &|_| Vec::new());
                sums = space::merge(std::mem::take(&mut sums), part);
            }
        })?;
    }
    let words = if learn {
        learned_words(matcher, seeds, &totals, settings.learned_share)
    } else {
        vec![Vec::new(); themes]
    };
    let weights = words
        .iter()
        .map(|list| list.iter().map(|w| (w.stem, w.share)).collect())
        .collect();
    let mut learned = Learned {
        words,
        weights,
        spaces: None,
        settings: settings.clone(),
    };
    if let Some(spaces) = &mut spaces {
        spaces.fit_sums(sums, articles, matcher, settings.threshold)?;
        // Self-training: the sentences the spaces put under a theme join its seeds in the
        // centroid it is moved toward, for a few rounds.
        for _ in 0..SELF_TRAINING_ROUNDS {
            learned.spaces = Some(spaces.clone());
            let members = |p: &Processed| -> Vec<Vec<usize>> {
                learned
                    .own_evidence(p)
                    .into_iter()
                    .map(|found| found.iter().map(|e| e.theme).collect())
                    .collect()
            };
            spaces.fit(articles, matcher, settings.threshold, &members)?;
        }
    }
    learned.spaces = spaces;
    Ok(learned)
}

/// Adds to `into`, per theme, how many of its seed sentences in `batch` carry each word.
fn count_seed_words(batch: &[Processed], into: &mut [FxHashMap<u64, usize>]) {
    let themes = into.len();
    let part: Vec<FxHashMap<u64, usize>> = batch
        .par_iter()
        .fold(
            || vec![FxHashMap::default(); themes],
            |mut counts, p| {
                for (hits, stems) in p.hits.iter().zip(&p.stems) {
                    for hit in hits {
                        for &stem in stems.hashes() {
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

fn add_into(into: &mut FxHashMap<u64, usize>, from: FxHashMap<u64, usize>) {
    for (stem, n) in from {
        *into.entry(stem).or_default() += n;
    }
}

/// The words that could be learned: carried by enough seed sentences of some theme.
fn candidates(seeds: &[FxHashMap<u64, usize>]) -> FxHashSet<u64> {
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
fn count_totals(
    batch: &[Processed],
    candidates: &FxHashSet<u64>,
    into: &mut FxHashMap<u64, usize>,
) {
    let part = batch
        .par_iter()
        .fold(FxHashMap::default, |mut counts, p| {
            for stems in &p.stems {
                for stem in stems.hashes() {
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
/// theme's seed counts and the corpus totals of the candidates.
fn learned_words(
    matcher: &ThemeMatcher,
    seeds: Vec<FxHashMap<u64, usize>>,
    totals: &FxHashMap<u64, usize>,
    share: f64,
) -> Vec<Vec<LearnedWord>> {
    let themes = seeds.len();
    // A theme's own terms are evidence already.
    let mut own: Vec<FxHashSet<u64>> = vec![FxHashSet::default(); themes];
    for lang in [Lang::Id, Lang::En] {
        for (theme, stem) in matcher.term_stems(lang) {
            own[theme].insert(stem);
        }
    }
    seeds
        .into_iter()
        .enumerate()
        .map(|(theme, counts)| {
            let mut words: Vec<LearnedWord> = counts
                .into_iter()
                .filter(|(stem, n)| *n >= WORD_SUPPORT && !own[theme].contains(stem))
                .map(|(stem, n)| LearnedWord {
                    stem,
                    seeds: n,
                    share: round3(n as f64 / totals[&stem].max(n) as f64),
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
    /// Every sentence's themes, strongest first, with their evidence.
    pub fn assign(&self, article: &Processed) -> Vec<Vec<Evidence>> {
        let mut out = self.own_evidence(article);
        if self.settings.neighbours {
            for si in 1..out.len() {
                // A sentence that continues its neighbour is about what the neighbour is
                // about: its own words (often a name and a verb) outweigh that only when they
                // are terms or learned words, not when only similarity put it somewhere.
                let by_similarity_only = out[si].iter().all(|e| !e.terms && e.learned.is_empty());
                if !article.continues[si] || !by_similarity_only {
                    continue;
                }
                let passed: Vec<Evidence> = out[si - 1]
                    .iter()
                    .filter(|e| e.score * NEIGHBOUR_SHARE >= NEIGHBOUR_FLOOR)
                    .map(|e| Evidence {
                        theme: e.theme,
                        score: round3(e.score * NEIGHBOUR_SHARE),
                        terms: false,
                        learned: Vec::new(),
                        similarity: None,
                        neighbour: Some(si - 1),
                    })
                    .collect();
                if !passed.is_empty() {
                    out[si] = passed;
                }
            }
        }
        out
    }

    /// Every sentence's themes by its own evidence (terms, learned words, similarity),
    /// strongest first.
    fn own_evidence(&self, article: &Processed) -> Vec<Vec<Evidence>> {
        let lang = article.language;
        let spaces = self.spaces.as_ref();
        let dims = if spaces.is_some() {
            space::dims(lang)
        } else {
            0
        };
        let mut out: Vec<Vec<Evidence>> = Vec::with_capacity(article.hits.len());
        // Each sentence's own vector, computed once: `dims` values a sentence, and whether it
        // has one.
        let mut vectors = vec![0f32; dims * article.stems.len()];
        let mut has_vector = vec![false; article.stems.len()];
        // A sentence is read in its article: its vector is added to the mean of the article's
        // other sentences (so "juara" in a report on an election leans toward the election).
        let mut context = vec![0f32; dims];
        let mut with_vectors = 0usize;
        if let Some(s) = spaces {
            for ((stems, v), has) in article
                .stems
                .iter()
                .zip(vectors.chunks_exact_mut(dims))
                .zip(&mut has_vector)
            {
                if s.sentence_vector(stems.hashes(), lang, v) {
                    context.iter_mut().zip(&*v).for_each(|(c, x)| *c += x);
                    with_vectors += 1;
                    *has = true;
                }
            }
        }
        // An article with a body (three sentences or more) carries sentences besides its
        // subject: background, logistics, attribution. There similarity speaks for the article
        // first: a sentence joins by similarity only the theme its whole article is closest to,
        // and only when the article is closer to it than to the background. An article of one
        // or two sentences (a flash, a headline and its lead) is all subject: its sentences are
        // judged against the themes alone.
        let body = article.hits.len() >= BODY;
        let article_theme = spaces
            .filter(|_| body && with_vectors > 0)
            .and_then(|s| self.article_theme(s, &context, lang));
        let mut vector = vec![0f32; dims];
        for (si, (hits, stems)) in article.hits.iter().zip(&article.stems).enumerate() {
            let known = has_vector[si];
            let sentence = &vectors[si * dims..(si + 1) * dims];
            vector.copy_from_slice(sentence);
            // Its own vector, while it is part of the background.
            let own = (known && hits.is_empty()).then_some(sentence);
            if known && with_vectors > 1 {
                let others = (with_vectors - 1) as f32;
                vector
                    .iter_mut()
                    .zip(&context)
                    .for_each(|(v, c)| *v += (c - *v) / others);
            }
            let background = spaces
                .filter(|_| known && body && self.settings.background)
                .and_then(|s| s.background_similarity(&vector, own, lang));
            let mut found: Vec<Evidence> = Vec::new();
            // The theme the sentence is closest to, past its threshold: (closeness, theme,
            // similarity, learned words).
            let mut closest: Option<(f64, usize, f64, Vec<u64>)> = None;
            for (theme, weights) in self.weights.iter().enumerate() {
                let learned: Vec<u64> = if weights.is_empty() {
                    Vec::new()
                } else {
                    let known = stems.hashes().iter().filter(|s| weights.contains_key(s));
                    known.copied().collect()
                };
                let weight: f64 = learned.iter().map(|s| weights[s]).sum();
                if let Some(hit) = hits.iter().find(|h| h.theme == theme) {
                    let terms = hit.terms().min(3) as f64;
                    found.push(Evidence {
                        theme,
                        score: round3(0.5 + terms / 6.0),
                        terms: true,
                        learned,
                        similarity: None,
                        neighbour: None,
                    });
                    continue;
                }
                let space = spaces.and_then(|s| s.themes[theme][lang as usize].as_ref());
                let article_allows = !body || article_theme == Some(theme);
                if let Some(space) = space.filter(|_| known && article_allows) {
                    let similarity = space.similarity(&vector);
                    let nudged = similarity + LEARNED_NUDGE * weight;
                    let closeness = space.closeness(nudged);
                    // Closer to the theme than to what the corpus says besides its themes.
                    let clear = background.is_none_or(|b| nudged > b);
                    if let Some(c) = closeness
                        .filter(|_| clear)
                        .filter(|c| closest.as_ref().is_none_or(|b| *c > b.0))
                    {
                        closest = Some((c, theme, similarity, learned.clone()));
                    }
                }
                if weight >= LEARNED_ENOUGH {
                    found.push(Evidence {
                        theme,
                        score: round3(0.25 + 0.35 * (weight / 3.0).min(1.0)),
                        terms: false,
                        learned,
                        similarity: None,
                        neighbour: None,
                    });
                }
            }
            if let Some((c, theme, similarity, learned)) = closest {
                let empty = found.is_empty();
                match found.iter_mut().find(|e| e.theme == theme) {
                    Some(e) => e.similarity = Some(round3(similarity)),
                    None if empty => found.push(Evidence {
                        theme,
                        score: round3(0.25 + 0.35 * c),
                        terms: false,
                        learned,
                        similarity: Some(round3(similarity)),
                        neighbour: None,
                    }),
                    None => {}
                }
            }
            found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.theme.cmp(&b.theme)));
            out.push(found);
        }
        out
    }
}

impl Learned {
    /// The theme an article's summed sentence vectors are closest to, when it is closer to
    /// it than to the background (with the background on): what the article is about, as far
    /// as similarity can tell. No threshold: the sentences that join by similarity still
    /// need their own.
    fn article_theme(&self, spaces: &Spaces, sum: &[f32], lang: Lang) -> Option<usize> {
        let closest = spaces
            .themes
            .iter()
            .enumerate()
            .filter_map(|(theme, slots)| {
                let space = slots[lang as usize].as_ref()?;
                Some((theme, space.similarity(sum)))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
        let background = self
            .settings
            .background
            .then(|| spaces.background_similarity(sum, None, lang))
            .flatten();
        background
            .is_none_or(|b| closest.1 > b)
            .then_some(closest.0)
    }

    /// Each learned word as the articles write it: its first occurrence in a sentence that
    /// carries a theme's terms (learned words come from those).
    pub fn word_forms(&self, articles: &dyn Batches) -> std::io::Result<FxHashMap<u64, String>> {
        let mut wanted: FxHashSet<u64> = self.words.iter().flatten().map(|w| w.stem).collect();
        let mut forms = FxHashMap::default();
        if wanted.is_empty() {
            return Ok(forms);
        }
        articles.each_batch(&mut |_, batch| forms_in(batch, &mut wanted, &mut forms))?;
        Ok(forms)
    }
}

/// The forms of the `wanted` stems in `articles`, each the first found (in article and
/// sentence order); a stem found is no longer wanted.
fn forms_in(
    articles: &[Processed],
    wanted: &mut FxHashSet<u64>,
    forms: &mut FxHashMap<u64, String>,
) {
    {
        for p in articles {
            for ((hits, stems), sentence) in p.hits.iter().zip(&p.stems).zip(&p.sentences) {
                if wanted.is_empty() {
                    return;
                }
                if hits.is_empty() || !stems.hashes().iter().any(|h| wanted.contains(h)) {
                    continue;
                }
                let (tokens, vocabulary) = crate::text::analyze(&sentence.text, p.language);
                for t in &tokens {
                    let stem = vocabulary.stem_hash(t);
                    if wanted.remove(&stem) {
                        let word = &sentence.text[t.start as usize..t.shown_end as usize];
                        forms.insert(stem, word.to_string());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
