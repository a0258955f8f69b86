//! The score stage: key terms by frequency (stopwords out, stems merged, names and repeated
//! collocations kept whole), weighted by how much they mark this article when a corpus is
//! there, then sentence scores from those terms plus position, title overlap and length, and a
//! redundancy-aware choice of the top sentences, shown in article order.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::config::{SummaryConfig, Weights};
use crate::segment::{Segmented, Sentence};
use crate::text::Token;

/// A term an article uses, with how often.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Stems joined by spaces: what occurrences are merged on.
    pub key: String,
    /// The form shown to readers: the most frequent surface form.
    pub display: String,
    /// Occurrences in the article.
    pub count: usize,
}

/// The terms of one article and where they occur.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleTerms {
    /// Distinct terms, in order of first occurrence.
    pub terms: Vec<Term>,
    /// For each sentence, the indices (into `terms`) of the terms it holds, deduplicated.
    pub by_sentence: Vec<Vec<usize>>,
}

/// In how many articles of the corpus each term occurs.
#[derive(Debug, Clone, Default)]
pub struct DocFreq {
    /// Number of articles.
    pub articles: usize,
    /// Term key → number of articles using it.
    pub counts: HashMap<String, usize>,
}

impl DocFreq {
    /// Counts term keys over all articles.
    pub fn new<'a>(articles: impl IntoIterator<Item = &'a ArticleTerms>) -> DocFreq {
        let mut df = DocFreq::default();
        for terms in articles {
            df.articles += 1;
            for term in &terms.terms {
                *df.counts.entry(term.key.clone()).or_default() += 1;
            }
        }
        df
    }

    /// Smoothed inverse document frequency; 1.0 for a term every article has.
    pub fn idf(&self, key: &str) -> f64 {
        let df = self.counts.get(key).copied().unwrap_or(0) as f64;
        ((1.0 + self.articles as f64) / (1.0 + df)).ln() + 1.0
    }
}

/// The summary of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Key terms with weights in (0, 1], strongest first.
    pub key_terms: Vec<(String, f64)>,
    /// Every term's weight by key (all terms, not only the listed ones).
    pub weights: HashMap<String, f64>,
    /// Each sentence's score in [0, 1].
    pub scores: Vec<f64>,
    /// Indices of the chosen sentences, in article order.
    pub chosen: Vec<usize>,
}

/// Finds the terms of an article: names (runs of capitalised words), repeated collocations, and
/// single content words.
pub fn extract_terms(sentences: &[Sentence]) -> ArticleTerms {
    let names = name_stems(sentences);
    let runs: Vec<Vec<std::ops::Range<usize>>> = sentences
        .iter()
        .map(|s| capitalised_runs(s, &names))
        .collect();
    let run_counts = ngram_counts(sentences, &runs);
    let pair_counts = lowercase_pair_counts(sentences);

    let mut index: HashMap<String, usize> = HashMap::new();
    let mut surfaces: Vec<BTreeMap<String, (usize, usize)>> = Vec::new();
    let mut out = ArticleTerms::default();
    let mut order = 0usize;
    for (si, sentence) in sentences.iter().enumerate() {
        let mut spans = Vec::new();
        for run in &runs[si] {
            decompose(&sentence.tokens, run.clone(), &run_counts, &mut spans);
        }
        let toks = &sentence.tokens;
        let mut covered: Vec<bool> = vec![false; toks.len()];
        for span in &spans {
            covered[span.clone()].iter_mut().for_each(|c| *c = true);
        }
        let mut i = 0;
        while i < toks.len() {
            if covered[i] || !is_content(&toks[i]) {
                i += 1;
                continue;
            }
            let pair = i + 1 < toks.len()
                && !covered[i + 1]
                && is_content(&toks[i + 1])
                && adjacent(sentence, i)
                && is_collocation(&pair_counts, &toks[i].stem, &toks[i + 1].stem);
            let end = if pair { i + 2 } else { i + 1 };
            spans.push(i..end);
            i = end;
        }
        spans.sort_by_key(|s| s.start);
        let mut seen = Vec::new();
        for span in spans {
            let key = span_key(toks, span.clone());
            let surface = sentence.text[toks[span.start].range.start..toks[span.end - 1].range.end]
                .to_string();
            let id = *index.entry(key.clone()).or_insert_with(|| {
                out.terms.push(Term {
                    key,
                    display: String::new(),
                    count: 0,
                });
                surfaces.push(BTreeMap::new());
                out.terms.len() - 1
            });
            out.terms[id].count += 1;
            order += 1;
            let entry = surfaces[id].entry(surface).or_insert((0, order));
            entry.0 += 1;
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        out.by_sentence.push(seen);
    }
    for (term, forms) in out.terms.iter_mut().zip(surfaces) {
        term.display = forms
            .into_iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
            .map(|(s, _)| s)
            .unwrap_or_default();
    }
    out
}

fn is_content(t: &Token) -> bool {
    !t.stop && !t.numeric && t.norm.chars().count() >= 2 && t.norm.chars().any(char::is_alphabetic)
}

/// True when only whitespace separates token `i` from token `i + 1`.
fn adjacent(sentence: &Sentence, i: usize) -> bool {
    let (a, b) = (&sentence.tokens[i], &sentence.tokens[i + 1]);
    sentence.text[a.range.end..b.range.start]
        .chars()
        .all(char::is_whitespace)
}

fn span_key(tokens: &[Token], span: std::ops::Range<usize>) -> String {
    tokens[span]
        .iter()
        .map(|t| t.stem.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stems written with a capital somewhere other than at a sentence start: names.
fn name_stems(sentences: &[Sentence]) -> HashSet<&str> {
    sentences
        .iter()
        .flat_map(|s| s.tokens.iter().skip(1))
        .filter(|t| t.capitalized && is_content(t))
        .map(|t| t.stem.as_str())
        .collect()
}

/// Maximal runs of adjacent capitalised content words; a sentence's first word joins only when
/// it is a name elsewhere.
fn capitalised_runs(sentence: &Sentence, names: &HashSet<&str>) -> Vec<std::ops::Range<usize>> {
    let toks = &sentence.tokens;
    let in_run = |i: usize| {
        let t = &toks[i];
        t.capitalized && is_content(t) && (i > 0 || names.contains(t.stem.as_str()))
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !in_run(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i + 1 < toks.len() && in_run(i + 1) && adjacent(sentence, i) {
            i += 1;
        }
        runs.push(start..i + 1);
        i += 1;
    }
    runs
}

/// Occurrences of every n-gram (n ≤ 4) inside capitalised runs.
fn ngram_counts(
    sentences: &[Sentence],
    runs: &[Vec<std::ops::Range<usize>>],
) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for (sentence, runs) in sentences.iter().zip(runs) {
        for run in runs {
            for start in run.clone() {
                for end in start + 1..=run.end.min(start + 4) {
                    *counts
                        .entry(span_key(&sentence.tokens, start..end))
                        .or_insert(0) += 1;
                }
            }
        }
    }
    counts
}

/// Splits a run of names into the phrases it is made of: a run is cut where both parts occur
/// more often on their own than together ("Presiden Rusia" + "Vladimir Putin"), and kept whole
/// otherwise ("Korea Utara", "Kim Jong Un").
fn decompose(
    tokens: &[Token],
    run: std::ops::Range<usize>,
    counts: &HashMap<String, usize>,
    out: &mut Vec<std::ops::Range<usize>>,
) {
    if run.len() == 1 {
        out.push(run);
        return;
    }
    let count = |r: std::ops::Range<usize>| {
        if r.len() > 4 {
            0
        } else {
            counts.get(&span_key(tokens, r)).copied().unwrap_or(0)
        }
    };
    let whole = count(run.clone());
    let best = (run.start + 1..run.end)
        .map(|k| {
            (
                count(run.start..k).min(count(k..run.end)),
                std::cmp::Reverse(k),
            )
        })
        .max();
    match best {
        Some((both, std::cmp::Reverse(k))) if both > whole || run.len() > 4 => {
            decompose(tokens, run.start..k, counts, out);
            decompose(tokens, k..run.end, counts, out);
        }
        _ => out.push(run),
    }
}

/// Counts of stems and of adjacent lowercase content-word pairs.
fn lowercase_pair_counts(sentences: &[Sentence]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for s in sentences {
        for (i, t) in s.tokens.iter().enumerate() {
            if !is_content(t) || t.capitalized {
                continue;
            }
            *counts.entry(t.stem.clone()).or_insert(0) += 1;
            if let Some(next) = s.tokens.get(i + 1)
                && is_content(next)
                && !next.capitalized
                && adjacent(s, i)
            {
                *counts
                    .entry(format!("{} {}", t.stem, next.stem))
                    .or_insert(0) += 1;
            }
        }
    }
    counts
}

/// A repeated pair that makes up much of the use of its words ("kerja sama", "panel ahli").
fn is_collocation(counts: &HashMap<String, usize>, a: &str, b: &str) -> bool {
    let pair = counts.get(&format!("{a} {b}")).copied().unwrap_or(0);
    let single = |s: &str| counts.get(s).copied().unwrap_or(0);
    pair >= 2 && pair * 2 >= single(a).min(single(b))
}

/// Scores the sentences of an article and chooses its summary.
pub fn summarize(
    article: &Segmented,
    terms: &ArticleTerms,
    df: Option<&DocFreq>,
    config: &SummaryConfig,
) -> Summary {
    let raw: Vec<f64> = terms
        .terms
        .iter()
        .map(|t| t.count as f64 * df.map_or(1.0, |df| df.idf(&t.key)))
        .collect();
    let top = raw.iter().copied().fold(0.0, f64::max);
    let weight: Vec<f64> = raw
        .iter()
        .map(|w| if top > 0.0 { w / top } else { 0.0 })
        .collect();

    let mut ranked: Vec<usize> = (0..terms.terms.len()).collect();
    ranked.sort_by(|&a, &b| {
        weight[b]
            .total_cmp(&weight[a])
            .then_with(|| terms.terms[a].display.cmp(&terms.terms[b].display))
    });
    let key_terms = ranked
        .iter()
        .take(config.key_terms)
        .map(|&i| (terms.terms[i].display.clone(), round3(weight[i])))
        .collect();
    let weights = terms
        .terms
        .iter()
        .zip(&weight)
        .map(|(t, &w)| (t.key.clone(), w))
        .collect();

    let scores = sentence_scores(article, terms, &weight, &config.weights);
    let chosen = choose(
        article,
        &scores,
        config.sentences,
        config.weights.redundancy,
    );
    let top_score = scores.iter().copied().fold(0.0, f64::max);
    let scores = scores
        .iter()
        .map(|s| {
            if top_score > 0.0 {
                round3(s / top_score)
            } else {
                0.0
            }
        })
        .collect();
    Summary {
        key_terms,
        weights,
        scores,
        chosen,
    }
}

/// The features of one sentence, each in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// Key-term mass, relative to the article's richest sentence.
    pub terms: f64,
    /// Closeness to the article's start.
    pub position: f64,
    /// Share of the title's content words the sentence carries.
    pub title: f64,
    /// Shortfall from a full-length sentence (1 = very short).
    pub shortness: f64,
}

/// Computes every sentence's features.
pub fn features(article: &Segmented, terms: &ArticleTerms, weight: &[f64]) -> Vec<Features> {
    let mass: Vec<f64> = terms
        .by_sentence
        .iter()
        .map(|ids| ids.iter().map(|&i| weight[i]).sum::<f64>())
        .collect();
    let top_mass = mass.iter().copied().fold(0.0, f64::max);
    let title: HashSet<&str> = article
        .title_tokens
        .iter()
        .filter(|t| is_content(t))
        .map(|t| t.stem.as_str())
        .collect();
    article
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let content: HashSet<&str> = s
                .tokens
                .iter()
                .filter(|t| is_content(t))
                .map(|t| t.stem.as_str())
                .collect();
            Features {
                terms: if top_mass > 0.0 {
                    mass[i] / top_mass
                } else {
                    0.0
                },
                position: 1.0 / (1.0 + i as f64).sqrt(),
                title: if title.is_empty() {
                    0.0
                } else {
                    content.intersection(&title).count() as f64 / title.len() as f64
                },
                shortness: (1.0 - content.len() as f64 / 8.0).max(0.0),
            }
        })
        .collect()
}

fn sentence_scores(
    article: &Segmented,
    terms: &ArticleTerms,
    weight: &[f64],
    w: &Weights,
) -> Vec<f64> {
    features(article, terms, weight)
        .iter()
        .map(|f| {
            (w.terms * f.terms + w.position * f.position + w.title * f.title
                - w.length * f.shortness)
                .max(0.0)
        })
        .collect()
}

/// Word overlap at which a sentence counts as a repeat of another and is never chosen with it.
const REPEAT: f64 = 0.8;

/// Greedy choice of `n` sentences by score, holding back those that repeat a chosen one.
fn choose(article: &Segmented, scores: &[f64], n: usize, redundancy: f64) -> Vec<usize> {
    let bags: Vec<HashSet<&str>> = article
        .sentences
        .iter()
        .map(|s| {
            s.tokens
                .iter()
                .filter(|t| is_content(t))
                .map(|t| t.stem.as_str())
                .collect()
        })
        .collect();
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < n.min(scores.len()) {
        let best = (0..scores.len())
            .filter(|i| !chosen.contains(i))
            .filter_map(|i| {
                let overlap = chosen
                    .iter()
                    .map(|&c| similarity(&bags[i], &bags[c]))
                    .fold(0.0, f64::max);
                (overlap < REPEAT).then(|| (i, scores[i] * (1.0 - redundancy * overlap)))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((i, _)) => chosen.push(i),
            None => break,
        }
    }
    chosen.sort_unstable();
    chosen
}

/// Overlap of two bags of stems: intersection over the smaller bag.
pub fn similarity(a: &HashSet<&str>, b: &HashSet<&str>) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / smaller as f64
}

/// Rounds to three decimals, so rendered numbers are stable across machines.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
