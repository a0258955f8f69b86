//! The score stage: key terms ([`terms`]), sentence features ([`features`]) combined by the
//! configured weights, and a redundancy-aware choice of the top sentences, shown in article
//! order.

pub mod features;
pub mod terms;

pub use features::Features;
pub use terms::{ArticleTerms, DocFreq, Term, extract_terms};

use crate::config::{SummaryConfig, Weights};
use crate::segment::Segmented;
use crate::stems::StemSet;
use crate::text::{Lang, Token};

/// The summary of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Key terms with weights in (0, 1], strongest first.
    pub key_terms: Vec<(String, f64)>,
    /// The key terms' indices in the article's terms, in the same order.
    pub key_term_ids: Vec<usize>,
    /// Each sentence's score in [0, 1].
    pub scores: Vec<f64>,
    /// Indices of the chosen sentences, in article order.
    pub chosen: Vec<usize>,
}

/// Term weights: count × inverse document frequency (when a corpus is given), scaled so the
/// strongest term weighs 1.
pub fn term_weights(terms: &ArticleTerms, df: Option<&DocFreq>) -> Vec<f64> {
    let raw: Vec<f64> = terms
        .terms
        .iter()
        .map(|t| t.count as f64 * df.map_or(1.0, |df| df.idf(&t.key)))
        .collect();
    let top = raw.iter().copied().fold(0.0, f64::max);
    raw.iter()
        .map(|w| if top > 0.0 { w / top } else { 0.0 })
        .collect()
}

/// Scores the sentences of an article and chooses its summary, from its terms, the features
/// known before the corpus ([`features::fixed`]) and each sentence's content words, with the
/// weights `config` gives articles in `lang` ([`SummaryConfig::weights_for`]).
///
/// The article's own publisher (`publisher`, as its dateline or tag names it: `CNN` in
/// `(CNN)`) is no key term of it and lends no sentence weight, nor is a month or day name.
pub fn summarize(
    terms: &ArticleTerms,
    fixed: &[Features],
    bags: &[StemSet],
    df: Option<&DocFreq>,
    config: &SummaryConfig,
    scored: Scored,
) -> Summary {
    let weight = key_term_weights(terms, df, scored.publisher);
    let mut ranked = strongest(terms, &weight, config.key_terms);
    ranked.retain(|&i| weight[i] > 0.0);
    let key_terms = ranked
        .iter()
        .map(|&i| (terms.terms[i].display.to_string(), round3(weight[i])))
        .collect();
    let features = with_terms(fixed, &features::term_feature(terms, &weight));
    let weights = config.weights_for(scored.lang);
    let (scores, chosen) = choose_summary(&features, bags, &weights, config.sentences);
    Summary {
        key_terms,
        key_term_ids: ranked,
        scores: normalise(&scores),
        chosen,
    }
}

/// What besides its words decides how an article is scored.
#[derive(Debug, Clone, Copy)]
pub struct Scored<'a> {
    /// The article's language, whose default weights apply.
    pub lang: Lang,
    /// The article's own publisher, if its dateline or tag names one.
    pub publisher: Option<&'a str>,
}

/// [`term_weights`] with the article's own `publisher` and month and day names weighing nothing.
pub fn key_term_weights(
    terms: &ArticleTerms,
    df: Option<&DocFreq>,
    publisher: Option<&str>,
) -> Vec<f64> {
    let mut weight = term_weights(terms, df);
    for (w, term) in weight.iter_mut().zip(&terms.terms) {
        if is_calendar_name(&term.display) {
            *w = 0.0;
        }
    }
    if let Some(publisher) = publisher {
        for (w, term) in weight.iter_mut().zip(&terms.terms) {
            if term.display.eq_ignore_ascii_case(publisher) {
                *w = 0.0;
            }
        }
    }
    weight
}

/// Whether a key term is a month or day name (`June`, `Senin`), which dates what an article
/// says rather than says what it is about, and so is no key term and lends no sentence weight.
/// `May` stays: in the news it is as often a name (Theresa May).
fn is_calendar_name(display: &str) -> bool {
    display.len() <= 9
        && display.starts_with(|c: char| c.is_ascii_uppercase())
        && display != "May"
        && crate::corpus::meta::is_calendar_word(display)
}

/// The `fixed` features with each sentence's `terms` feature filled in.
pub fn with_terms(fixed: &[Features], terms: &[f64]) -> Vec<Features> {
    fixed
        .iter()
        .zip(terms)
        .map(|(f, &terms)| Features { terms, ..*f })
        .collect()
}

/// Each sentence's score by `weights`, and the `n` sentences chosen (in article order):
/// fragments are left out unless the article has nothing else, and repeats are discounted by
/// [`choose`].
pub fn choose_summary(
    features: &[Features],
    bags: &[StemSet],
    weights: &Weights,
    n: usize,
) -> (Vec<f64>, Vec<usize>) {
    let scores: Vec<f64> = features.iter().map(|f| f.score(weights)).collect();
    let mut eligible: Vec<bool> = features.iter().map(|f| f.fragment == 0.0).collect();
    if !eligible.contains(&true) {
        eligible.fill(true);
    }
    let chosen = choose(bags, &scores, &eligible, n, weights.redundancy);
    (scores, chosen)
}

/// The indices of the `k` strongest terms, strongest first: by weight, then by the form shown,
/// then in order of first occurrence. Many terms share a weight (every term used once, in an
/// article on its own), so the k-th weight is found on the numbers alone and only the terms
/// tied with it are compared by their text.
fn strongest(terms: &ArticleTerms, weight: &[f64], k: usize) -> Vec<usize> {
    let stronger = |a: &usize, b: &usize| {
        weight[*b]
            .total_cmp(&weight[*a])
            .then_with(|| terms.terms[*a].display.cmp(&terms.terms[*b].display))
            .then(a.cmp(b))
    };
    let mut ranked: Vec<usize> = (0..weight.len()).collect();
    if weight.len() > k && k > 0 {
        let mut weights = weight.to_vec();
        let cut = *weights
            .select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a))
            .1;
        ranked.retain(|&i| weight[i].total_cmp(&cut).is_gt());
        let mut tied: Vec<usize> = (0..weight.len())
            .filter(|&i| weight[i].total_cmp(&cut).is_eq())
            .collect();
        // The k-th term itself is tied with the cut, so there is room for at least one.
        let room = k - ranked.len();
        if tied.len() > room {
            tied.select_nth_unstable_by(room - 1, stronger);
            tied.truncate(room);
        }
        ranked.extend(tied);
    }
    ranked.truncate(k);
    ranked.sort_by(stronger);
    ranked
}

/// Scales scores into [0, 1] (lowest 0, highest 1) and rounds them.
fn normalise(scores: &[f64]) -> Vec<f64> {
    let top = scores.iter().copied().fold(f64::MIN, f64::max);
    let bottom = scores.iter().copied().fold(f64::MAX, f64::min);
    let span = top - bottom;
    scores
        .iter()
        .map(|s| {
            if span > 0.0 {
                round3((s - bottom) / span)
            } else {
                1.0
            }
        })
        .collect()
}

/// Each sentence's set of content stems (words that carry meaning; numbers do not count).
pub fn content_bags(article: &Segmented) -> Vec<StemSet> {
    article
        .tokens
        .iter()
        .map(|tokens| crate::theme_terms::stem_set(tokens, &article.vocabulary, Token::is_content))
        .collect()
}

/// Word overlap at which a sentence counts as a repeat of another and is never chosen with it.
const REPEAT: f64 = 0.8;

/// Greedy choice of `n` sentences by score among the `eligible` ones; a sentence's score is
/// discounted by `redundancy` × its overlap with those already chosen, and a near-repeat is
/// never chosen.
pub fn choose(
    bags: &[StemSet],
    scores: &[f64],
    eligible: &[bool],
    n: usize,
    redundancy: f64,
) -> Vec<usize> {
    let n = n.min(scores.len());
    let mut chosen: Vec<usize> = Vec::with_capacity(n);
    // Which of two (sentence, discounted score) pairs is chosen first: the higher score, then the
    // earlier sentence.
    let first = |a: (usize, f64), b: (usize, f64)| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0));
    // The sentences in the order their own scores would choose them.
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_unstable_by(|&a, &b| first((b, scores[b]), (a, scores[a])));
    // A discount of at least +0 never raises a score: once a sentence's own score loses to the
    // best discounted one found, so do all after it in `order`, and they need no overlap.
    let discount_only_lowers = redundancy >= 0.0 && redundancy.is_sign_positive();
    // Each sentence's largest overlap with the first `compared[i]` chosen ones, brought up to
    // date only when the sentence is weighed; chosen and near-repeat sentences are out for good.
    let mut overlap = vec![0.0f64; scores.len()];
    let mut compared = vec![0usize; scores.len()];
    let mut out: Vec<bool> = eligible.iter().map(|e| !e).collect();
    while chosen.len() < n {
        let mut best: Option<(usize, f64)> = None;
        for &i in &order {
            if out[i] {
                continue;
            }
            if discount_only_lowers && best.is_some_and(|b| first((i, scores[i]), b).is_lt()) {
                break;
            }
            for &c in &chosen[compared[i]..] {
                overlap[i] = overlap[i].max(similarity(&bags[i], &bags[c]));
            }
            compared[i] = chosen.len();
            if overlap[i] >= REPEAT {
                out[i] = true;
                continue;
            }
            let candidate = (i, scores[i] - redundancy * overlap[i]);
            if best.is_none_or(|b| first(candidate, b).is_gt()) {
                best = Some(candidate);
            }
        }
        let Some((c, _)) = best else { break };
        chosen.push(c);
        out[c] = true;
    }
    chosen.sort_unstable();
    chosen
}

/// Overlap of two bags of stems: intersection over the smaller bag.
pub fn similarity(a: &StemSet, b: &StemSet) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.common(b) as f64 / smaller as f64
}

/// Rounds to three decimals, so rendered numbers are stable across machines.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The greedy choice done plainly (every overlap updated after every choice): what
    /// [`choose`] must choose.
    fn choose_plainly(
        bags: &[StemSet],
        scores: &[f64],
        eligible: &[bool],
        n: usize,
        redundancy: f64,
    ) -> Vec<usize> {
        let n = n.min(scores.len());
        let mut chosen: Vec<usize> = Vec::new();
        let mut overlap = vec![0.0f64; scores.len()];
        while chosen.len() < n {
            let best = (0..scores.len())
                .filter(|&i| eligible[i] && !chosen.contains(&i) && overlap[i] < REPEAT)
                .map(|i| (i, scores[i] - redundancy * overlap[i]))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            let Some((c, _)) = best else { break };
            chosen.push(c);
            for (i, o) in overlap.iter_mut().enumerate() {
                *o = o.max(similarity(&bags[i], &bags[c]));
            }
        }
        chosen.sort_unstable();
        chosen
    }

    const STEMS: [&str; 6] = ["rusia", "korea", "rudal", "veto", "panel", "ahli"];
    const SCORES: [f64; 6] = [0.0, -0.0, 0.25, 0.5, 1.0, -1.0];

    proptest! {
        #[test]
        fn the_choice_is_the_plain_greedy_one(
            sentences in proptest::collection::vec((0u8..64, 0usize..SCORES.len()), 0..14),
            n in 1usize..6,
            redundancy in prop::sample::select(vec![0.0, -0.0, 0.3, 1.0, 5.0, -0.5]),
        ) {
            let bags: Vec<StemSet> = sentences
                .iter()
                .map(|(mask, _)| {
                    StemSet::new(
                        (0..STEMS.len())
                            .filter(|b| mask >> b & 1 == 1)
                            .map(|b| crate::stems::hash(STEMS[b]))
                            .collect(),
                    )
                })
                .collect();
            let scores: Vec<f64> = sentences.iter().map(|&(_, s)| SCORES[s]).collect();
            let eligible: Vec<bool> = sentences.iter().map(|&(mask, _)| mask % 5 != 0).collect();
            prop_assert_eq!(
                choose(&bags, &scores, &eligible, n, redundancy),
                choose_plainly(&bags, &scores, &eligible, n, redundancy)
            );
        }
    }

    proptest! {
        #[test]
        fn the_strongest_terms_are_the_head_of_the_full_order(
            terms in proptest::collection::vec((0usize..4, 0usize..3), 0..40),
            k in 0usize..12,
        ) {
            const WEIGHTS: [f64; 4] = [1.0, 0.5, 0.25, 0.0];
            const DISPLAYS: [&str; 3] = ["Rusia", "rudal", "veto"];
            let article = ArticleTerms {
                terms: terms
                    .iter()
                    .map(|&(_, d)| Term {
                        key: DISPLAYS[d].into(),
                        display: DISPLAYS[d].into(),
                        count: 1,
                    })
                    .collect(),
                occurrences: Vec::new(),
            };
            let weight: Vec<f64> = terms.iter().map(|&(w, _)| WEIGHTS[w]).collect();
            let mut all: Vec<usize> = (0..weight.len()).collect();
            all.sort_by(|a, b| {
                weight[*b]
                    .total_cmp(&weight[*a])
                    .then_with(|| article.terms[*a].display.cmp(&article.terms[*b].display))
                    .then(a.cmp(b))
            });
            all.truncate(k);
            prop_assert_eq!(strongest(&article, &weight, k), all);
        }
    }
}
