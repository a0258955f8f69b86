//! Suggested themes for a new project: the corpus's main subjects, found by clustering the key
//! terms that several articles share. [`super::article_groups`] is tried first; this is for a
//! corpus of one story, whose subjects lie within its articles.
//!
//! Candidates are the articles' key terms (by count × idf, as the summaries weigh them) that
//! occur in at least two articles but not in nearly all (what every article shares is the whole
//! story, not one of its subjects), and that gather in the articles that use them more than
//! chance would ([`residual_idf`]: "day" and "time" are in most stories once or twice, a
//! subject's words come back within its articles); each is weighed by how much more, and the
//! strongest [`MAX_CANDIDATES`] are kept. Two terms are
//! alike by the mean of two cosines: of their word vectors (what the words mean), and of their
//! co-occurrence profiles over the corpus's sentences (positive PMI with every candidate: what
//! they are written beside). Average-linkage clustering joins terms while they are alike on
//! average by more than a typical pair is ([`stopping_similarity`]); a group of at least [`MIN_TERMS`] terms becomes a theme,
//! titled by its strongest terms; themes are ordered by the sentences their terms find.
//! Everything is in a fixed order, so the same corpus gives the same suggestions.

use crate::corpus::meta::is_calendar_word;
use std::collections::BTreeMap;

use compact_str::CompactString;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::SummaryConfig;
use crate::processed::Processed;
use crate::stems;
use crate::summary::DocFreq;
use crate::text::vectors;
use crate::theme_terms::EXACT;
use crate::themes::broader_stem;

use super::cluster::average_linkage;

/// Key terms taken from each article.
const KEY_TERMS_PER_ARTICLE: usize = 60;
/// The most candidate terms clustered (clustering is cubic in them).
pub const MAX_CANDIDATES: usize = 200;
/// The most themes suggested.
pub const MAX_THEMES: usize = 6;
/// The fewest terms a suggested theme has.
pub const MIN_TERMS: usize = 3;
/// The most terms a suggested theme lists.
pub const MAX_TERMS: usize = 6;
/// Standard deviations above the mean pair similarity that merging groups must be alike by.
const STOP_DEVIATIONS: f64 = 1.0;
/// The least average similarity groups merge at: anything less is no better than unrelated.
const MIN_STOP: f64 = 0.0;
/// Candidates gathered above chance enough to cluster on their own: twice the terms of the
/// most themes suggested.
const ENOUGH_GATHERED: usize = 2 * MAX_THEMES * MAX_TERMS;

/// One suggested theme.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    /// The theme's id: its strongest term, as an anchor.
    pub id: String,
    /// Its title: its two strongest terms.
    pub title: String,
    /// Its terms, strongest first, as written in the articles (`=form` where its stem would
    /// match a word the articles use that the term does not mean).
    pub terms: Vec<String>,
    /// The sentences of the corpus holding any of its terms.
    pub sentences: usize,
}

/// A candidate term and what is known of it.
struct Candidate {
    key: CompactString,
    /// Surface forms with their occurrences, for the form shown.
    forms: BTreeMap<CompactString, usize>,
    /// The sum of its stems' word vectors over the articles using it (per article's language).
    vector: Vec<f32>,
}

/// The suggested themes of a corpus (articles in a fixed order), strongest first.
pub fn suggest(articles: &[Processed]) -> Vec<Suggestion> {
    let mut candidates = candidates(articles);
    if candidates.len() < MIN_TERMS {
        return Vec::new();
    }
    let windows = sentence_terms(articles, &mut candidates);
    let profiles = profiles(&windows, candidates.len());
    let vectors: Vec<Vec<f32>> = candidates.iter().map(|c| c.vector.clone()).collect();
    let similarity = |i: usize, j: usize| {
        let by_use = f64::from(vectors::cosine(&profiles[i], &profiles[j]));
        let by_meaning = f64::from(vectors::cosine(&vectors[i], &vectors[j]));
        if vectors[i].iter().all(|&x| x == 0.0) || vectors[j].iter().all(|&x| x == 0.0) {
            by_use
        } else {
            (by_use + by_meaning) / 2.0
        }
    };
    let stop = stopping_similarity(candidates.len(), &similarity);
    let groups = average_linkage(candidates.len(), similarity, stop);
    let mut themes: Vec<Suggestion> = groups
        .into_iter()
        .filter(|g| g.len() >= MIN_TERMS)
        .map(|group| theme(&candidates, group, &windows))
        .collect();
    themes.sort_by(|a, b| b.sentences.cmp(&a.sentences).then_with(|| a.id.cmp(&b.id)));
    themes.truncate(MAX_THEMES);
    unique_ids(&mut themes);
    exact_where_broader(&mut themes, articles);
    themes
}

/// Writes a term as its exact form (`=lives`) where its stem would match a word the articles
/// use that the term does not mean (`live`): the warning `build` gives such a term, taken
/// before the user meets it.
pub(super) fn exact_where_broader(themes: &mut [Suggestion], articles: &[Processed]) {
    let mut words: FxHashSet<String> = FxHashSet::default();
    for article in articles {
        for sentence in &article.sentences {
            let text = sentence.text.as_str();
            words.extend(
                text.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase),
            );
        }
    }
    for term in themes.iter_mut().flat_map(|t| t.terms.iter_mut()) {
        if broader_stem(term, |stem| words.contains(stem)).is_some() {
            *term = format!("{EXACT}{term}");
        }
    }
}

/// How alike two groups must be on average to merge: more alike than a typical pair of
/// candidates by [`STOP_DEVIATIONS`] standard deviations of all pairs' similarity (at least
/// [`MIN_STOP`]), so the cut follows this corpus's spread of similarities rather than a number
/// fixed for every corpus.
pub(super) fn stopping_similarity(n: usize, similarity: &impl Fn(usize, usize) -> f64) -> f64 {
    let (mut sum, mut squares, mut pairs) = (0.0, 0.0, 0.0);
    for i in 0..n {
        for j in i + 1..n {
            let s = similarity(i, j);
            sum += s;
            squares += s * s;
            pairs += 1.0;
        }
    }
    if pairs == 0.0 {
        return 1.0;
    }
    let mean = sum / pairs;
    let deviation = (squares / pairs - mean * mean).max(0.0).sqrt();
    (mean + STOP_DEVIATIONS * deviation).max(MIN_STOP)
}

/// The candidate terms, strongest first (ties by key).
fn candidates(articles: &[Processed]) -> Vec<Candidate> {
    let n = articles.len();
    let df = DocFreq::new(articles.iter().map(|a| &a.terms));
    // "Nearly all": more than four articles in five (all of two or three).
    let most = (n * 4 / 5).max(2);
    let config = SummaryConfig {
        key_terms: KEY_TERMS_PER_ARTICLE,
        ..SummaryConfig::default()
    };
    let mut uses: FxHashMap<&str, usize> = FxHashMap::default();
    for term in articles.iter().flat_map(|a| &a.terms.terms) {
        *uses.entry(term.key.as_str()).or_default() += term.count;
    }
    // Per term: its summed key-term weight, and how much it gathers (residual IDF).
    let mut weights: BTreeMap<CompactString, (f64, f64)> = BTreeMap::new();
    for article in articles {
        let summary = article.summarize(Some(&df), &config);
        for (&i, (_, w)) in summary.key_term_ids.iter().zip(&summary.key_terms) {
            let term = &article.terms.terms[i];
            let key = &term.key;
            let d = df.counts.get(key).copied().unwrap_or(0);
            // Month and day names date the news; they are no subject of it.
            if (2..=most).contains(&d) && !is_calendar_word(&term.display) {
                let burst = residual_idf(n, d, uses.get(key.as_str()).copied().unwrap_or(0));
                weights.entry(key.clone()).or_insert((0.0, burst)).0 += w;
            }
        }
    }
    // Terms that gather above chance, weighed by how much, when there are enough of them to
    // make themes of; else (short articles, where few words come back within one) every term
    // by its weight alone.
    let gathered = weights.values().filter(|(_, b)| *b > 0.0).count();
    let mut ranked: Vec<(CompactString, f64)> = if gathered >= ENOUGH_GATHERED {
        (weights.into_iter())
            .filter(|(_, (_, b))| *b > 0.0)
            .map(|(key, (w, b))| (key, w * b))
            .collect()
    } else {
        weights.into_iter().map(|(key, (w, _))| (key, w)).collect()
    };
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(MAX_CANDIDATES);
    ranked
        .into_iter()
        .map(|(key, _)| Candidate {
            key,
            forms: BTreeMap::new(),
            vector: Vec::new(),
        })
        .collect()
}

/// How much more a term gathers in few articles than chance would put it there: its residual
/// IDF (Church and Gale, 1995), the IDF observed less the IDF a term of `uses` occurrences
/// scattered at random over `articles` articles would have (bits). A subject's words come
/// back within the articles on it ("Ferguson", "sanctions": well above 0); words any story
/// uses ("day", "time", "involved") are spread as chance spreads them (about 0).
pub(super) fn residual_idf(articles: usize, df: usize, uses: usize) -> f64 {
    let (n, df, uses) = (articles as f64, df as f64, uses.max(1) as f64);
    let expected_df = n * (1.0 - (-uses / n).exp());
    (expected_df / df).log2()
}

/// Each sentence's distinct candidates (sentences with none left out); fills in each
/// candidate's surface forms and word vector on the way.
fn sentence_terms(articles: &[Processed], candidates: &mut [Candidate]) -> Vec<Vec<usize>> {
    let index: FxHashMap<CompactString, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.clone(), i))
        .collect();
    let mut windows = Vec::new();
    for article in articles {
        let table = vectors::table(article.language);
        let ids: Vec<Option<usize>> = article
            .terms
            .terms
            .iter()
            .map(|t| index.get(&t.key).copied())
            .collect();
        for (term, id) in article.terms.terms.iter().zip(&ids) {
            let Some(&c) = id.as_ref() else { continue };
            let candidate = &mut candidates[c];
            *candidate.forms.entry(term.display.clone()).or_default() += term.count;
            if candidate.vector.is_empty() {
                candidate.vector = vec![0.0; table.dims()];
            }
            if candidate.vector.len() == table.dims() {
                for stem in candidate.key.split(' ') {
                    table.add_to(stems::hash(stem), 1.0, &mut candidate.vector);
                }
            }
        }
        for occurrences in &article.terms.occurrences {
            let mut found: Vec<usize> = occurrences
                .iter()
                .filter_map(|o| ids.get(o.term as usize).copied().flatten())
                .collect();
            found.sort_unstable();
            found.dedup();
            if !found.is_empty() {
                windows.push(found);
            }
        }
    }
    windows
}

/// Each candidate's co-occurrence profile: positive PMI with every candidate (itself included)
/// over sentences.
fn profiles(windows: &[Vec<usize>], n: usize) -> Vec<Vec<f32>> {
    let mut pairs = vec![vec![0u32; n]; n];
    for window in windows {
        for &a in window {
            for &b in window {
                pairs[a][b] += 1;
            }
        }
    }
    let total = windows.len().max(1) as f64;
    (0..n)
        .map(|a| {
            (0..n)
                .map(|b| {
                    let (ab, aa, bb) = (pairs[a][b], pairs[a][a], pairs[b][b]);
                    if ab == 0 {
                        return 0.0;
                    }
                    let pmi = (f64::from(ab) * total / (f64::from(aa) * f64::from(bb))).ln();
                    pmi.max(0.0) as f32
                })
                .collect()
        })
        .collect()
}

/// A group of candidates as a theme: its strongest terms, and the sentences they find.
fn theme(candidates: &[Candidate], mut group: Vec<usize>, windows: &[Vec<usize>]) -> Suggestion {
    // Candidates are numbered strongest first.
    group.sort_unstable();
    group.truncate(MAX_TERMS);
    let terms: Vec<String> = group
        .iter()
        .map(|&c| shown(&candidates[c].key, &candidates[c].forms))
        .collect();
    let sentences = windows
        .iter()
        .filter(|w| w.iter().any(|c| group.binary_search(c).is_ok()))
        .count();
    let title = terms.iter().take(2).cloned().collect::<Vec<_>>().join(", ");
    Suggestion {
        id: slug(&terms[0]),
        title: capitalised(&title),
        terms,
        sentences,
    }
}

/// The form of a term shown: its most used surface form (ties: the first in byte order).
pub(super) fn shown(key: &str, forms: &BTreeMap<CompactString, usize>) -> String {
    // The bare stem, when the articles write it (`ban` beside `banned`): the term then means
    // the whole family it finds, as a suggestion should, with no warning that it is broader
    // than written.
    let bare = |f: &&CompactString| f.to_lowercase() == key;
    let best = most_used(forms.iter().filter(|(f, _)| bare(f))).or_else(|| most_used(forms.iter()));
    best.map_or_else(|| key.to_string(), ToString::to_string)
}

/// The most used of some forms; of forms used as often, one in lower case ("gol", not the
/// "Gol" of a headline), else the first in byte order.
pub(super) fn most_used<'a>(
    forms: impl Iterator<Item = (&'a CompactString, &'a usize)>,
) -> Option<&'a CompactString> {
    let mut best: Option<(&CompactString, usize)> = None;
    for (form, &count) in forms {
        let lower = |f: &str| f.chars().all(|c| !c.is_uppercase());
        let better =
            best.is_none_or(|(b, c)| count > c || (count == c && lower(form) && !lower(b)));
        if better {
            best = Some((form, count));
        }
    }
    best.map(|(f, _)| f)
}

/// The text with its first letter upper-case.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// An id from a term: lower-case ASCII letters and digits, other runs as one `-`.
pub(super) fn slug(term: &str) -> String {
    let mut id = String::new();
    for c in term.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "theme".into()
    } else {
        id.into()
    }
}

/// Makes ids unique by numbering repeats (`veto`, `veto-2`).
pub(super) fn unique_ids(themes: &mut [Suggestion]) {
    let mut seen = std::collections::BTreeSet::new();
    for theme in themes {
        let base = theme.id.clone();
        let mut k = 2;
        while !seen.insert(theme.id.clone()) {
            theme.id = format!("{base}-{k}");
            k += 1;
        }
    }
}
