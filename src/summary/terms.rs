//! Key terms: frequency of content words (stopwords out, stems merged), with names (runs of
//! capitalised words) and repeated collocations counted as one term, weighted by how much they
//! mark this article when a corpus is there.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use compact_str::CompactString;

use crate::segment::Tokenized;
use crate::text::Token;

/// A term an article uses, with how often.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Term {
    /// Stems joined by spaces: what occurrences are merged on.
    pub key: CompactString,
    /// The form shown to readers: the most frequent surface form.
    pub display: CompactString,
    /// Occurrences in the article.
    pub count: usize,
}

/// The terms of one article and where they occur.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleTerms {
    /// Distinct terms, in order of first occurrence.
    pub terms: Vec<Term>,
    /// For each sentence, the indices (into `terms`) of the terms it holds, deduplicated.
    pub by_sentence: Vec<Vec<usize>>,
    /// For each sentence, every term occurrence: (term index, byte range in the sentence text).
    pub occurrences: Vec<Vec<(usize, Range<usize>)>>,
}

/// In how many articles of the corpus each term occurs.
#[derive(Debug, Clone, Default)]
pub struct DocFreq {
    /// Number of articles.
    pub articles: usize,
    /// Term key → number of articles using it.
    pub counts: HashMap<CompactString, usize>,
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

/// Finds the terms of an article: names (runs of capitalised words), repeated collocations, and
/// single content words.
pub fn extract_terms(sentences: &[Tokenized<'_>]) -> ArticleTerms {
    let ids = stem_ids(sentences);
    let names = name_stems(sentences, &ids);
    let runs: Vec<Vec<Range<usize>>> = sentences
        .iter()
        .zip(&ids)
        .map(|(s, ids)| capitalised_runs(s, ids, &names))
        .collect();
    let run_counts = ngram_counts(&ids, &runs);
    let pair_counts = lowercase_pair_counts(sentences, &ids);

    let mut index: HashMap<Gram, usize> = HashMap::default();
    let mut surfaces: Vec<BTreeMap<&str, (usize, usize)>> = Vec::new();
    let mut out = ArticleTerms::default();
    let mut order = 0usize;
    for (si, sentence) in sentences.iter().enumerate() {
        let mut spans = Vec::new();
        for run in &runs[si] {
            decompose(&ids[si], run.clone(), &run_counts, &mut spans);
        }
        spans = spans
            .into_iter()
            .filter_map(|span| trim_span(sentence.tokens, span))
            .collect();
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
                && is_collocation(&pair_counts, ids[si][i], ids[si][i + 1]);
            let end = if pair { i + 2 } else { i + 1 };
            spans.push(i..end);
            i = end;
        }
        spans.sort_by_key(|s| s.start);
        let mut seen = Vec::new();
        let mut found = Vec::new();
        for span in spans {
            let last = &toks[span.end - 1];
            let end =
                last.range.start + display_len(&sentence.text[last.range.clone()], &last.norm);
            let surface = &sentence.text[toks[span.start].range.start..end];
            let id = *index
                .entry(gram(&ids[si], span.clone()))
                .or_insert_with(|| {
                    out.terms.push(Term {
                        key: span_key(toks, span.clone()),
                        display: CompactString::default(),
                        count: 0,
                    });
                    surfaces.push(BTreeMap::new());
                    out.terms.len() - 1
                });
            out.terms[id].count += 1;
            found.push((id, toks[span.start].range.start..last.range.end));
            order += 1;
            let entry = surfaces[id].entry(surface).or_insert((0, order));
            entry.0 += 1;
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        out.by_sentence.push(seen);
        out.occurrences.push(found);
    }
    for (term, forms) in out.terms.iter_mut().zip(surfaces) {
        term.display = forms
            .into_iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
            .map_or_else(CompactString::default, |(s, _)| CompactString::from(s));
    }
    out
}

/// True for a word that can carry meaning: not a stopword, not a number, two letters or more.
pub fn is_content(t: &Token) -> bool {
    !t.stop && !t.numeric && two_chars_or_more(&t.norm) && t.norm.chars().any(char::is_alphabetic)
}

fn two_chars_or_more(s: &str) -> bool {
    s.chars().nth(1).is_some()
}

/// True when only whitespace separates token `i` from token `i + 1`.
fn adjacent(sentence: &Tokenized, i: usize) -> bool {
    let (a, b) = (&sentence.tokens[i], &sentence.tokens[i + 1]);
    sentence.text[a.range.end..b.range.start]
        .chars()
        .all(char::is_whitespace)
}

/// A term's key: its stems joined by spaces.
fn span_key(tokens: &[Token], span: Range<usize>) -> CompactString {
    let mut key = CompactString::default();
    for (i, t) in tokens[span].iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(&t.stem);
    }
    key
}

/// Every token's stem as a number, the same number for the same stem within the article: the
/// counting below compares numbers, not strings.
fn stem_ids(sentences: &[Tokenized<'_>]) -> Vec<Vec<u32>> {
    let mut numbers: HashMap<&str, u32> = HashMap::default();
    sentences
        .iter()
        .map(|s| {
            s.tokens
                .iter()
                .map(|t| {
                    let next = numbers.len() as u32;
                    *numbers.entry(t.stem.as_str()).or_insert(next)
                })
                .collect()
        })
        .collect()
}

/// The stem numbers of a span of at most four words (names are cut to four, collocations are
/// pairs), padded: a key for counting that needs no allocation.
type Gram = [u32; 4];

/// Padding in a [`Gram`] shorter than four words.
const NO_STEM: u32 = u32::MAX;

fn gram(ids: &[u32], span: Range<usize>) -> Gram {
    debug_assert!(span.len() <= 4, "spans are cut to four words");
    let mut g = [NO_STEM; 4];
    for (slot, id) in g.iter_mut().zip(&ids[span]) {
        *slot = *id;
    }
    g
}

/// Stems written with a capital somewhere other than at a sentence start: names.
fn name_stems(sentences: &[Tokenized<'_>], ids: &[Vec<u32>]) -> HashSet<u32> {
    sentences
        .iter()
        .zip(ids)
        .flat_map(|(s, ids)| s.tokens.iter().zip(ids).skip(1))
        .filter(|(t, _)| t.capitalized && is_content(t))
        .map(|(_, id)| *id)
        .collect()
}

/// Maximal runs of adjacent capitalised content words; a sentence's first word joins only when
/// it is a name elsewhere.
fn capitalised_runs(sentence: &Tokenized, ids: &[u32], names: &HashSet<u32>) -> Vec<Range<usize>> {
    let toks = &sentence.tokens;
    // Inside a sentence a capitalised stopword belongs to the name around it ("State
    // Department", "Kim Jong Un", "Menteri Luar Negeri"); a span of stopwords alone is dropped.
    let in_run = |i: usize| {
        let t = &toks[i];
        let wordlike =
            !t.numeric && two_chars_or_more(&t.norm) && t.norm.chars().any(char::is_alphabetic);
        t.capitalized && wordlike && (i > 0 || (is_content(t) && names.contains(&ids[i])))
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

/// A name span, unless it holds nothing but stopwords (a lone capitalised "Ini").
fn trim_span(tokens: &[Token], span: Range<usize>) -> Option<Range<usize>> {
    tokens[span.clone()].iter().any(is_content).then_some(span)
}

/// Occurrences of every n-gram (n ≤ 4) inside capitalised runs.
fn ngram_counts(ids: &[Vec<u32>], runs: &[Vec<Range<usize>>]) -> HashMap<Gram, usize> {
    let mut counts = HashMap::default();
    for (ids, runs) in ids.iter().zip(runs) {
        for run in runs {
            for start in run.clone() {
                for end in start + 1..=run.end.min(start + 4) {
                    *counts.entry(gram(ids, start..end)).or_insert(0) += 1;
                }
            }
        }
    }
    counts
}

/// Splits a run of names into the phrases it is made of: a run is cut where its parts occur
/// more often on their own than together ("Presiden Rusia" + "Vladimir Putin"), and kept whole
/// otherwise ("Korea Utara", "Kim Jong Un").
fn decompose(
    ids: &[u32],
    run: Range<usize>,
    counts: &HashMap<Gram, usize>,
    out: &mut Vec<Range<usize>>,
) {
    if run.len() == 1 {
        out.push(run);
        return;
    }
    let count = |r: Range<usize>| {
        if r.len() > 4 {
            0
        } else {
            counts.get(&gram(ids, r)).copied().unwrap_or(0)
        }
    };
    let whole = count(run.clone());
    // A cut is good when both parts stand apart more often than together, or when a part of two
    // words or more does ("Dewan Keamanan" + "PBB"): a single word alone does not decide, or
    // "Korea Selatan" would cut "Korea Utara" in two.
    let best = (run.start + 1..run.end)
        .filter_map(|k| {
            let (left, right) = (count(run.start..k), count(k..run.end));
            let left_apart = left > whole && (right > whole || k - run.start >= 2);
            let right_apart = right > whole && run.end - k >= 2;
            let apart = left_apart || right_apart || run.len() > 4;
            apart.then_some((left.min(right), left.max(right), std::cmp::Reverse(k)))
        })
        .max();
    match best {
        Some((_, _, std::cmp::Reverse(k))) => {
            decompose(ids, run.start..k, counts, out);
            decompose(ids, k..run.end, counts, out);
        }
        _ => out.push(run),
    }
}

/// Counts of stems and of adjacent lowercase content-word pairs.
fn lowercase_pair_counts(
    sentences: &[Tokenized<'_>],
    ids: &[Vec<u32>],
) -> HashMap<(u32, u32), usize> {
    let mut counts = HashMap::default();
    for (s, ids) in sentences.iter().zip(ids) {
        for (i, t) in s.tokens.iter().enumerate() {
            if !is_content(t) || t.capitalized {
                continue;
            }
            *counts.entry((ids[i], NO_STEM)).or_insert(0) += 1;
            if let Some(next) = s.tokens.get(i + 1)
                && is_content(next)
                && !next.capitalized
                && adjacent(s, i)
            {
                *counts.entry((ids[i], ids[i + 1])).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// A repeated pair that makes up much of the use of its words ("kerja sama", "panel ahli").
fn is_collocation(counts: &HashMap<(u32, u32), usize>, a: u32, b: u32) -> bool {
    let pair = counts.get(&(a, b)).copied().unwrap_or(0);
    let single = |s: u32| counts.get(&(s, NO_STEM)).copied().unwrap_or(0);
    pair >= 2 && pair * 2 >= single(a).min(single(b))
}

/// The length of a word's surface form without a clitic its normal form dropped
/// (`nuklirnya` → `nuklir`), so key terms read as words.
fn display_len(surface: &str, norm: &str) -> usize {
    let cut = norm.len();
    let same_start = surface.len() > cut
        && surface.is_char_boundary(cut)
        && surface[..cut].to_lowercase() == norm
        && surface[cut..].chars().all(|c| c.is_ascii_alphabetic());
    if same_start { cut } else { surface.len() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::LanguageSetting;
    use crate::corpus;
    use crate::segment::segment;

    fn terms_of(text: &str) -> Vec<(String, usize)> {
        let doc = corpus::from_text("a".into(), "a.txt".into(), text);
        let article = segment(doc, LanguageSetting::Auto);
        extract_terms(&article.tokenized())
            .terms
            .into_iter()
            .map(|t| (t.display.to_string(), t.count))
            .collect()
    }

    fn has(terms: &[(String, usize)], display: &str, count: usize) -> bool {
        terms.iter().any(|(d, c)| d == display && *c == count)
    }

    #[test]
    fn names_and_collocations_are_one_term() {
        let t = terms_of(
            "Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Korea Utara. \
             Sidang Dewan Keamanan PBB membahas uji coba rudal Korea Utara. \
             Vladimir Putin memuji uji coba itu, kata Presiden Rusia. \
             Kim Jong Un menyambut Vladimir Putin. Sidang Dewan Keamanan diam.",
        );
        assert!(has(&t, "Korea Utara", 2), "{t:?}");
        assert!(has(&t, "Kim Jong Un", 2), "{t:?}");
        assert!(has(&t, "Vladimir Putin", 3), "{t:?}");
        assert!(has(&t, "Dewan Keamanan", 2), "{t:?}");
        assert!(has(&t, "uji coba", 2), "{t:?}");
        assert!(has(&t, "Presiden Rusia", 2), "{t:?}");
        assert!(
            !t.iter()
                .any(|(d, _)| d == "Korea" || d == "Utara" || d == "uji"),
            "{t:?}"
        );
    }

    #[test]
    fn stems_merge_and_clitics_leave_the_display() {
        let t = terms_of(
            "Program nuklirnya maju. Senjata dan persenjataan nuklir dijual. Nuklir lagi.",
        );
        assert!(has(&t, "nuklir", 3) || has(&t, "Nuklir", 3), "{t:?}");
        assert!(
            t.iter()
                .any(|(d, c)| d.eq_ignore_ascii_case("senjata") && *c == 2),
            "{t:?}"
        );
    }

    #[test]
    fn english_names_keep_their_small_words() {
        let t = terms_of(
            "Officials at the State Department met Kim Jong Un. The State Department said nothing.",
        );
        assert!(has(&t, "State Department", 2), "{t:?}");
        assert!(has(&t, "Kim Jong Un", 1), "{t:?}");
    }
}
