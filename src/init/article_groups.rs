//! Suggested themes found by grouping articles, for a corpus of several subjects: articles
//! alike in their key terms and in what those terms mean are clustered, and each group is named
//! by the terms that tell its articles apart from the rest of the corpus.
//!
//! An article is its key terms (count × idf, the top [`KEY_TERMS_PER_ARTICLE`]) that occur in
//! at least two articles and at most four in five, gather above chance ([`residual_idf`]
//! above 0), and are neither month or day names nor web addresses; two articles are alike by
//! the mean of the cosine of their key-term weights and the cosine of the weighted sum of those
//! terms' word vectors. Average-linkage clustering joins groups while they are alike on average
//! by more than a typical pair of articles is ([`stopping_similarity`]); a group of at least two
//! articles (one in forty of a large corpus) becomes a theme. Its terms are those that best
//! test for the group: the share of a term's articles in the group, times the term's mean
//! key-term weight over the group's articles (so a term all of them stress comes first, and one
//! the rest of the corpus uses too comes last).

use std::collections::BTreeMap;

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use crate::config::SummaryConfig;
use crate::corpus::meta::is_calendar_word;
use crate::processed::Processed;
use crate::stems;
use crate::summary::DocFreq;
use crate::text::vectors;

use super::cluster::average_linkage;
use super::suggest::{MAX_TERMS, MAX_THEMES, MIN_TERMS, Suggestion, residual_idf};
use super::suggest::{exact_where_broader, stopping_similarity, unique_ids};

/// Key terms taken from each article.
const KEY_TERMS_PER_ARTICLE: usize = 60;
/// The fewest themes article groups must give to be suggested: fewer, and the corpus is one
/// story (its subjects lie within its articles), which grouping its terms finds instead.
pub const ENOUGH_THEMES: usize = 3;
/// The most articles clustered (clustering is cubic in them): beyond it, an evenly spaced
/// sample.
const MAX_ARTICLES: usize = 400;
/// The most articles of a group one of its terms must be a key term of ([`shares_a_subject`]).
const MIN_SHARED: usize = 3;

/// One article as clustered: its key terms' weights (by term number, ascending) and the
/// weighted sum of their vectors.
struct ArticleView {
    terms: Vec<(u32, f64)>,
    norm: f64,
    vector: Vec<f32>,
}

/// The suggested themes of a corpus by grouping its articles, strongest first.
pub fn suggest(articles: &[Processed]) -> Vec<Suggestion> {
    let step = articles.len().div_ceil(MAX_ARTICLES).max(1);
    let sample: Vec<&Processed> = articles.iter().step_by(step).collect();
    let n = sample.len();
    if n < 4 {
        return Vec::new();
    }
    let df = DocFreq::new(sample.iter().map(|a| &a.terms));
    let most = (n * 4 / 5).max(2);
    let config = SummaryConfig {
        key_terms: KEY_TERMS_PER_ARTICLE,
        ..SummaryConfig::default()
    };
    let mut uses: FxHashMap<&str, usize> = FxHashMap::default();
    for term in sample.iter().flat_map(|a| &a.terms.terms) {
        *uses.entry(term.key.as_str()).or_default() += term.count;
    }
    let mut ids: BTreeMap<CompactString, u32> = BTreeMap::new();
    let mut forms: Vec<BTreeMap<CompactString, usize>> = Vec::new();
    let mut views = Vec::with_capacity(n);
    for article in &sample {
        let summary = article.summarize(Some(&df), &config);
        let table = vectors::table(article.language);
        let mut view = ArticleView {
            terms: Vec::new(),
            norm: 0.0,
            vector: vec![0.0; table.dims()],
        };
        for (&i, (_, w)) in summary.key_term_ids.iter().zip(&summary.key_terms) {
            let term = &article.terms.terms[i];
            let d = df.counts.get(&term.key).copied().unwrap_or(0);
            if !(2..=most).contains(&d)
                || is_calendar_word(&term.display)
                || is_web_address(&term.display)
                || residual_idf(n, d, uses.get(term.key.as_str()).copied().unwrap_or(0)) <= 0.0
            {
                continue;
            }
            let next = ids.len() as u32;
            let id = *ids.entry(term.key.clone()).or_insert(next);
            if id as usize == forms.len() {
                forms.push(BTreeMap::new());
            }
            *forms[id as usize].entry(term.display.clone()).or_default() += term.count;
            view.terms.push((id, *w));
            view.norm += w * w;
            for stem in term.key.split(' ') {
                table.add_to(stems::hash(stem), *w as f32, &mut view.vector);
            }
        }
        view.norm = view.norm.sqrt();
        view.terms.sort_unstable_by_key(|&(t, _)| t);
        views.push(view);
    }
    let similarity = |i: usize, j: usize| {
        let (a, b) = (&views[i], &views[j]);
        if a.norm == 0.0 || b.norm == 0.0 {
            return 0.0;
        }
        let by_terms = sorted_dot(&a.terms, &b.terms) / (a.norm * b.norm);
        let none = |v: &[f32]| v.iter().all(|&x| x == 0.0);
        if a.vector.len() != b.vector.len() || none(&a.vector) || none(&b.vector) {
            return by_terms;
        }
        (by_terms + f64::from(vectors::cosine(&a.vector, &b.vector))) / 2.0
    };
    let stop = stopping_similarity(n, &similarity);
    let groups = average_linkage(n, similarity, stop);
    let min_articles = (n / 40).max(2);
    // The largest groups; each term goes to the one it tests for best (ties: the larger
    // group), so no term is in two themes.
    let mut kept: Vec<&Vec<usize>> = groups.iter().filter(|g| g.len() >= min_articles).collect();
    kept.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    kept.truncate(MAX_THEMES);
    let scores: Vec<BTreeMap<u32, f64>> = kept.iter().map(|g| term_scores(g, &views)).collect();
    let mut owner: BTreeMap<u32, (f64, usize)> = BTreeMap::new();
    for (g, scored) in scores.iter().enumerate() {
        for (&t, &score) in scored {
            let best = owner.entry(t).or_insert((score, g));
            if score > best.0 {
                *best = (score, g);
            }
        }
    }
    let by_id: FxHashMap<u32, &CompactString> = ids.iter().map(|(k, &v)| (v, k)).collect();
    let mut themes: Vec<Suggestion> = Vec::new();
    for (g, scored) in scores.iter().enumerate() {
        let mut own: Vec<(f64, u32)> = (scored.iter())
            .filter(|&(t, _)| owner[t].1 == g)
            .map(|(&t, &score)| (score, t))
            .collect();
        own.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        own.truncate(MAX_TERMS);
        if own.len() < MIN_TERMS || !shares_a_subject(kept[g], &own, &views) {
            continue;
        }
        let keys: Vec<&CompactString> = own.iter().map(|&(_, t)| by_id[&t]).collect();
        let terms: Vec<String> = (own.iter().zip(&keys))
            .map(|(&(_, t), key)| super::suggest::shown(key, &forms[t as usize]))
            .collect();
        let title = terms.iter().take(2).cloned().collect::<Vec<_>>().join(", ");
        themes.push(Suggestion {
            id: super::suggest::slug(&terms[0]),
            title: super::suggest::capitalised(&title),
            terms,
            sentences: sentences_finding(articles, &keys),
        });
    }
    // Strongest first: by the sentences their terms find.
    themes.sort_by(|a, b| b.sentences.cmp(&a.sentences).then_with(|| a.id.cmp(&b.id)));
    unique_ids(&mut themes);
    exact_where_broader(&mut themes, articles);
    themes
}

/// How well each term used by two or more of a group's articles tests for the group: the
/// share of its articles in the group (precision) times its mean key-term weight over the
/// group's articles (recall, by how much each uses it).
fn term_scores(group: &[usize], views: &[ArticleView]) -> BTreeMap<u32, f64> {
    // Per term: the group's articles using it and their summed weight; all articles using it.
    let mut inside: BTreeMap<u32, (usize, f64)> = BTreeMap::new();
    let mut all: FxHashMap<u32, usize> = FxHashMap::default();
    for (i, view) in views.iter().enumerate() {
        let member = group.binary_search(&i).is_ok();
        for &(t, w) in &view.terms {
            *all.entry(t).or_default() += 1;
            if member {
                let entry = inside.entry(t).or_default();
                entry.0 += 1;
                entry.1 += w;
            }
        }
    }
    let size = group.len() as f64;
    (inside.into_iter())
        .filter(|&(_, (k, _))| k >= 2)
        .map(|(t, (k, w))| (t, k as f64 / all[&t] as f64 * (w / size)))
        .collect()
}

/// Whether one of a group's terms (`own`: (score, term)) is a key term of half its articles or
/// of three (of both of a group of two): what the group is about. A group that average linkage
/// gathers from articles sharing a word each, two by two (on 143 varied web pages: a wreath's
/// how-to, a cricket report and a letter about police, "window, entered, ride, reminder, fell,
/// photo", each term in two of its eight articles), is no theme; four articles on music, each
/// word of "album, lagu, musik, konser" in two of them, are one.
fn shares_a_subject(group: &[usize], own: &[(f64, u32)], views: &[ArticleView]) -> bool {
    let enough = group
        .len()
        .div_ceil(2)
        .clamp(2, MIN_SHARED)
        .min(group.len());
    own.iter().any(|&(_, t)| {
        let uses = (group.iter())
            .filter(|&&i| {
                views[i]
                    .terms
                    .binary_search_by_key(&t, |&(id, _)| id)
                    .is_ok()
            })
            .count();
        uses >= enough
    })
}

/// The dot product of two sparse vectors sorted by index.
fn sorted_dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                (i, j) = (i + 1, j + 1);
            }
        }
    }
    dot
}

/// A site's name written as its address (`CNNIndonesia.com`, `bumn.go.id`): the publisher, not
/// a subject.
fn is_web_address(term: &str) -> bool {
    let bytes = term.as_bytes();
    bytes
        .windows(3)
        .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'.' && w[2].is_ascii_lowercase())
        && !term.contains(' ')
}

/// The sentences of the corpus holding any of the terms (by key).
fn sentences_finding(articles: &[Processed], keys: &[&CompactString]) -> usize {
    let mut found = 0;
    for article in articles {
        let hits: Vec<bool> = (article.terms.terms.iter())
            .map(|t| keys.contains(&&t.key))
            .collect();
        found += (article.terms.occurrences.iter())
            .filter(|o| o.iter().any(|o| hits.get(o.term as usize) == Some(&true)))
            .count();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_told_from_names_and_abbreviations() {
        for address in ["CNNIndonesia.com", "bumn.go.id", "DailySocial.id"] {
            assert!(is_web_address(address), "{address}");
        }
        for name in ["Jakarta", "A.S.", "P.B.B.", "Kompas com", "3.5"] {
            assert!(!is_web_address(name), "{name}");
        }
    }

    #[test]
    fn a_group_is_a_theme_only_when_a_term_is_shared_by_three_of_its_articles() {
        let view = |terms: &[u32]| ArticleView {
            terms: terms.iter().map(|&t| (t, 1.0)).collect(),
            norm: 1.0,
            vector: Vec::new(),
        };
        // Eight articles joined two by two, each pair by a word of its own.
        let pairs: Vec<ArticleView> = (0..8u32).map(|i| view(&[i / 2])).collect();
        let group: Vec<usize> = (0..8).collect();
        let own: Vec<(f64, u32)> = (0..4).map(|t| (1.0, t)).collect();
        assert!(!shares_a_subject(&group, &own, &pairs));
        // Three of them share one more word: that is a subject.
        let mut shared = pairs;
        for view in &mut shared[..3] {
            view.terms.push((9, 1.0));
        }
        let own: Vec<(f64, u32)> = own.into_iter().chain([(0.5, 9)]).collect();
        assert!(shares_a_subject(&group, &own, &shared));
        // A group of two needs its term in both; one of four, in two.
        assert!(shares_a_subject(&[0, 1], &[(1.0, 0)], &shared));
        assert!(!shares_a_subject(&[1, 2], &[(1.0, 0)], &shared));
        assert!(shares_a_subject(&[0, 1, 4, 6], &[(1.0, 0)], &shared));
        assert!(!shares_a_subject(&[0, 2, 4, 6], &[(1.0, 0)], &shared));
    }

    #[test]
    fn sparse_dot_products_meet_on_shared_indices() {
        let a = [(1, 2.0), (4, 1.0), (9, 3.0)];
        let b = [(0, 5.0), (4, 2.0), (9, 1.0), (12, 7.0)];
        assert_eq!(sorted_dot(&a, &b), 5.0);
        assert_eq!(sorted_dot(&a, &[]), 0.0);
    }
}
