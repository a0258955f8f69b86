//! A theme's points: its sentences, with those that state the same fact in several articles
//! merged into one point that cites each of them, and only them.
//!
//! Near-linear on any input: identical sentences collapse first; the rest meet
//! only earlier points that share a rare word with them (a set-similarity join with prefix
//! filtering), and of those at most [`LEADS_PER_WORD`] per word, the latest; only a pair that
//! shares most content words is read closely ([`Facts::same_fact`]).

use std::cell::OnceCell;

use rustc_hash::{FxHashMap, FxHashSet};

use super::facts::{Facts, dice};
use crate::stems::StemSet;
use crate::summary::round3;
use crate::text::Lang;

/// A sentence offered as a point for a theme.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// Index of the article.
    pub article: usize,
    /// Index of the sentence in its article.
    pub sentence: usize,
    /// The sentence's text.
    pub text: &'a str,
    /// Its language.
    pub lang: Lang,
    /// Its content stems, for near-duplicate detection.
    pub stems: &'a StemSet,
    /// Its strength as a point for the theme.
    pub score: f64,
}

/// A point: one statement, from one or more articles.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Point {
    /// The statement, as its strongest source words it.
    pub text: String,
    /// Its strength, rounded.
    pub score: f64,
    /// (article index, sentence index) of every source, in article order: the sentence of each
    /// article that states it.
    pub sources: Vec<(usize, usize)>,
}

/// Dice overlap of content stems from which two sentences are read closely.
const NEAR: f64 = 0.6;
/// Earlier points met per shared word, the latest: bounds the work on sentences that all share
/// the same words (an archive of wire copy) at the cost of missing a merge with an older point.
pub const LEADS_PER_WORD: usize = 64;

/// The articles a cluster cites: those of its first group, ascending, until another group joins
/// it (rare); then a set, so that each article is hashed once, whatever joins later.
enum Cited {
    Sorted(Vec<usize>),
    Set(FxHashSet<usize>),
}

impl Cited {
    /// Whether it holds any of `articles`.
    fn any_of(&self, articles: &[usize]) -> bool {
        match self {
            Cited::Sorted(own) => articles.iter().any(|a| own.binary_search(a).is_ok()),
            Cited::Set(set) => articles.iter().any(|a| set.contains(a)),
        }
    }

    /// Adds `articles`.
    fn add(&mut self, articles: &[usize]) {
        if let Cited::Sorted(own) = self {
            *self = Cited::Set(own.iter().copied().collect());
        }
        if let Cited::Set(set) = self {
            set.extend(articles.iter().copied());
        }
    }
}

/// Whether two stem sets' sizes allow a Dice overlap of [`NEAR`] (length filtering): the
/// overlap is at most the smaller set, reckoned as [`dice`] reckons it.
fn can_be_near(a: &StemSet, b: &StemSet) -> bool {
    let total = a.len() + b.len();
    total > 0 && 2.0 * a.len().min(b.len()) as f64 / total as f64 >= NEAR
}

/// A question's share of its score as a point. A briefing's points state what the articles
/// say, and a question states nothing ("Who was co-pilot Andreas Lubitz?", a subheading run
/// into the text, cited by every page that carries it): it ranks below a statement as strong,
/// and a statement of the same fact leads the point they make together.
const QUESTION_SHARE: f64 = 0.5;

/// Whether a sentence asks rather than states: it ends in a question mark (a question quoted
/// inside a statement does not).
fn asks(text: &str) -> bool {
    text.trim_end().ends_with('?')
}

/// Merges the candidates that state the same fact and orders the points, strongest first.
pub fn points(mut candidates: Vec<Candidate<'_>>) -> Vec<Point> {
    for c in candidates.iter_mut().filter(|c| asks(c.text)) {
        c.score *= QUESTION_SHARE;
    }
    // (article, sentence) is a candidate's own: the order is total, and an unstable sort
    // gives the one order there is.
    candidates.sort_unstable_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.article.cmp(&b.article))
            .then(a.sentence.cmp(&b.sentence))
    });
    // Identical sentences collapse first, one per article: the strongest. A text is hashed
    // once per copy of it the candidates point to (sections hand out one copy per distinct
    // text), not once per candidate.
    let mut copies: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut same: FxHashMap<&str, usize> = FxHashMap::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (ci, cand) in candidates.iter().enumerate() {
        let copy = (cand.text.as_ptr() as usize, cand.text.len());
        let g = *copies.entry(copy).or_insert_with(|| {
            *same.entry(cand.text).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            })
        });
        groups[g].push(ci);
    }
    drop((copies, same));
    // Each group's articles, ascending.
    let mut articles: Vec<Vec<usize>> = Vec::with_capacity(groups.len());
    for group in &mut groups {
        // The first of an article's in the group is its strongest (candidates are in score
        // order); sorting within the group holds nothing per candidate beside it.
        group.sort_unstable_by_key(|&ci| (candidates[ci].article, ci));
        group.dedup_by_key(|ci| candidates[*ci].article);
        articles.push(group.iter().map(|&ci| candidates[ci].article).collect());
        group.sort_unstable();
    }
    // Set-similarity join over the groups' leads, with prefix filtering: with the stems of
    // every sentence ordered rarest first, two sets whose Dice overlap reaches NEAR share a
    // stem among the first |s| - ceil(j·|s|) + 1 of each (j the matching Jaccard overlap).
    let mut frequency: FxHashMap<u64, usize> = FxHashMap::default();
    for group in &groups {
        for &stem in candidates[group[0]].stems.hashes() {
            *frequency.entry(stem).or_default() += 1;
        }
    }
    let jaccard = NEAR / (2.0 - NEAR) - 1e-9;
    // Read closely only the groups' leads (one sentence of each distinct text).
    let facts: Vec<OnceCell<Facts>> = (0..groups.len()).map(|_| OnceCell::new()).collect();
    let facts_of = |g: usize| {
        let lead = &candidates[groups[g][0]];
        facts[g].get_or_init(|| Facts::of(lead.text, lead.lang))
    };
    // Clusters of groups: (lead group, member candidates).
    let mut clusters: Vec<(usize, Vec<usize>)> = Vec::new();
    // Each cluster's articles: a point cites one sentence of an article.
    let mut cited: Vec<Cited> = Vec::new();
    let mut by_stem: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut tried: FxHashSet<usize> = FxHashSet::default();
    for (g, group) in groups.iter().enumerate() {
        let ci = group[0];
        let cand = &candidates[ci];
        let mut stems: Vec<(usize, u64)> = cand
            .stems
            .hashes()
            .iter()
            .map(|stem| (frequency[stem], *stem))
            .collect();
        stems.sort_unstable();
        let keep = stems.len() - (jaccard * stems.len() as f64).ceil() as usize + 1;
        stems.truncate(keep.min(stems.len()));
        tried.clear();
        let mut home: Option<usize> = None;
        'search: for (_, stem) in &stems {
            let leads = by_stem.get(stem).map_or(&[][..], Vec::as_slice);
            for &k in leads.iter().rev().take(LEADS_PER_WORD) {
                #[cfg(test)]
                super::tests::STEPS.with(|c| c.set(c.get() + 1));
                if !tried.insert(k) {
                    continue;
                }
                let lead_group = clusters[k].0;
                let lead = groups[lead_group][0];
                // A point cites one sentence of an article: the group joins only a cluster
                // none of its articles is in.
                if can_be_near(candidates[lead].stems, cand.stems)
                    && dice(candidates[lead].stems, cand.stems) >= NEAR
                    && facts_of(lead_group).same_fact(facts_of(g))
                    && !cited[k].any_of(&articles[g])
                {
                    home = Some(k);
                    break 'search;
                }
            }
        }
        let own = std::mem::take(&mut articles[g]);
        match home {
            Some(k) => {
                clusters[k].1.extend_from_slice(group);
                cited[k].add(&own);
            }
            None => {
                clusters.push((g, group.clone()));
                cited.push(Cited::Sorted(own));
                for (_, stem) in &stems {
                    by_stem.entry(*stem).or_default().push(clusters.len() - 1);
                }
            }
        }
    }
    let mut points: Vec<Point> = clusters
        .into_iter()
        .map(|(lead_group, members)| {
            let lead = groups[lead_group][0];
            let best = candidates[lead].score;
            let mut sources: Vec<(usize, usize)> = members
                .iter()
                .map(|&m| (candidates[m].article, candidates[m].sentence))
                .collect();
            sources.sort_unstable();
            Point {
                text: candidates[lead].text.to_string(),
                score: round3(best * (1.0 + 0.25 * (sources.len() - 1) as f64)),
                sources,
            }
        })
        .collect();
    // No two points share a source: the order is total.
    points.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.sources.cmp(&b.sources)));
    points
}
