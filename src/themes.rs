//! The group stage: each sentence gets the configured themes whose terms it carries (matched on
//! stems and phrases, minus excluded contexts), each article a theme profile, and each theme its
//! strongest points across articles, with near-duplicate sentences merged and cited to every
//! article that carries them.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::ThemeConfig;
use crate::segment::Segmented;
use crate::stems::StemSet;
use crate::summary::round3;
use crate::text::{self, ALPHANUMERIC, Lang, STOP, Token, Vocabulary};

/// The themes compiled for matching: every term and exclusion as a stem sequence, per
/// language, indexed by its first stem so a sentence is matched in one pass over its words.
#[derive(Debug, Clone)]
pub struct ThemeMatcher {
    themes: Vec<ThemeConfig>,
    compiled: BTreeMap<Lang, Compiled>,
}

#[derive(Debug, Clone, Default)]
struct Compiled {
    /// Every phrase.
    phrases: Vec<Phrase>,
    /// The hash of a first stem ([`crate::stems::hash`]) → indices into `phrases`.
    by_first: FxHashMap<u64, Vec<usize>>,
}

/// A theme's term or exclusion, compiled.
#[derive(Debug, Clone)]
struct Phrase {
    /// Index of the theme.
    theme: usize,
    /// Whether it marks an excluded context.
    exclude: bool,
    /// Its stems.
    stems: Vec<String>,
    /// Their hashes: compared first, the stems only when all agree.
    hashes: Vec<u64>,
}

/// How strongly one sentence speaks to one theme.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ThemeHit {
    /// Index of the theme in the configuration.
    pub theme: usize,
    /// Number of distinct theme terms the sentence carries.
    pub terms: usize,
}

impl ThemeMatcher {
    /// Compiles the configured themes for both languages.
    pub fn new(themes: &[ThemeConfig]) -> ThemeMatcher {
        let compile = |lang: Lang| {
            let mut compiled = Compiled::default();
            for (theme, config) in themes.iter().enumerate() {
                let terms = phrases(&config.terms, lang);
                let excludes = phrases(&config.exclude, lang);
                let all = terms.into_iter().map(|p| (false, p));
                for (exclude, stems) in all.chain(excludes.into_iter().map(|p| (true, p))) {
                    let hashes: Vec<u64> = stems.iter().map(|s| crate::stems::hash(s)).collect();
                    compiled
                        .by_first
                        .entry(hashes[0])
                        .or_default()
                        .push(compiled.phrases.len());
                    compiled.phrases.push(Phrase {
                        theme,
                        exclude,
                        stems,
                        hashes,
                    });
                }
            }
            compiled
        };
        ThemeMatcher {
            themes: themes.to_vec(),
            compiled: [(Lang::Id, compile(Lang::Id)), (Lang::En, compile(Lang::En))].into(),
        }
    }

    /// The configured themes.
    pub fn themes(&self) -> &[ThemeConfig] {
        &self.themes
    }

    /// The themes a sentence speaks to, in configuration order: a theme counts the distinct
    /// terms that occur outside its excluded contexts.
    pub fn match_sentence(
        &self,
        tokens: &[Token],
        vocabulary: &Vocabulary,
        lang: Lang,
    ) -> Vec<ThemeHit> {
        let compiled = &self.compiled[&lang];
        if compiled.phrases.is_empty() {
            return Vec::new();
        }
        // Every phrase occurrence: (phrase index, start, end).
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (start, token) in tokens.iter().enumerate() {
            let Some(candidates) = compiled.by_first.get(&vocabulary.stem_hash(token)) else {
                continue;
            };
            for &pi in candidates {
                let phrase = &compiled.phrases[pi];
                let end = start + phrase.stems.len();
                let words = || tokens[start..end].iter();
                if end <= tokens.len()
                    && words()
                        .zip(&phrase.hashes)
                        .all(|(t, &h)| vocabulary.stem_hash(t) == h)
                    && words()
                        .zip(&phrase.stems)
                        .all(|(t, s)| vocabulary.stem(t) == s.as_str())
                {
                    found.push((pi, start, end));
                }
            }
        }
        // The themes found, in configuration order.
        let mut themes: Vec<usize> = found
            .iter()
            .map(|&(pi, _, _)| compiled.phrases[pi].theme)
            .collect();
        themes.sort_unstable();
        themes.dedup();
        let mut hits = Vec::new();
        for theme in themes {
            let excluded: Vec<(usize, usize)> = found
                .iter()
                .filter(|(pi, _, _)| {
                    let phrase = &compiled.phrases[*pi];
                    phrase.theme == theme && phrase.exclude
                })
                .map(|&(_, a, b)| (a, b))
                .collect();
            let mut terms: Vec<usize> = found
                .iter()
                .filter(|(pi, a, b)| {
                    let phrase = &compiled.phrases[*pi];
                    phrase.theme == theme
                        && !phrase.exclude
                        && !excluded.iter().any(|&(x, y)| *a < y && x < *b)
                })
                .map(|(pi, _, _)| *pi)
                .collect();
            terms.sort_unstable();
            terms.dedup();
            if !terms.is_empty() {
                hits.push(ThemeHit {
                    theme,
                    terms: terms.len(),
                });
            }
        }
        hits
    }
}

/// Tokenises and stems each configured phrase.
fn phrases(list: &[String], lang: Lang) -> Vec<Vec<String>> {
    list.iter()
        .map(|p| {
            let (tokens, vocabulary) = text::analyze(p, lang);
            tokens
                .iter()
                .map(|t| vocabulary.stem(t).to_string())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// A theme's weight in one article: the share of its sentences that speak to the theme.
pub fn profile(hits: &[Vec<ThemeHit>], themes: usize) -> Vec<(usize, f64)> {
    let n = hits.len().max(1) as f64;
    let mut counts = vec![0usize; themes];
    for sentence in hits {
        for hit in sentence {
            counts[hit.theme] += 1;
        }
    }
    let mut profile: Vec<(usize, f64)> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, c)| *c > 0)
        .map(|(t, c)| (t, round3(c as f64 / n)))
        .collect();
    profile.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    profile
}

/// A sentence offered as a point for a theme.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// Index of the article.
    pub article: usize,
    /// Index of the sentence in its article.
    pub sentence: usize,
    /// The sentence's text.
    pub text: &'a str,
    /// Its content stems, for near-duplicate detection.
    pub stems: &'a StemSet,
    /// Its strength as a point for the theme.
    pub score: f64,
}

/// A point: one statement, from one or more articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The statement, as its strongest source words it.
    pub text: String,
    /// Its strength, rounded.
    pub score: f64,
    /// (article index, sentence index) of every source, in article order.
    pub sources: Vec<(usize, usize)>,
}

/// Dice overlap of content stems at which two sentences count as the same statement.
const SAME_STATEMENT: f64 = 0.6;

/// Merges near-duplicate candidates and orders the resulting points, strongest first.
pub fn points(mut candidates: Vec<Candidate<'_>>) -> Vec<Point> {
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.article.cmp(&b.article))
            .then(a.sentence.cmp(&b.sentence))
    });
    // Set-similarity join with prefix filtering: with the stems of every sentence ordered
    // rarest first, two sets whose Jaccard overlap reaches j share a stem among the first
    // |s| - ceil(j·|s|) + 1 of each. Only cluster leads are indexed, by those prefix stems, so a
    // sentence meets only the few leads that could be near-duplicates of it.
    let mut frequency: FxHashMap<u64, usize> = FxHashMap::default();
    for cand in &candidates {
        for &stem in cand.stems.hashes() {
            *frequency.entry(stem).or_default() += 1;
        }
    }
    let jaccard = SAME_STATEMENT / (2.0 - SAME_STATEMENT) - 1e-9;
    let prefixes: Vec<Vec<u64>> = candidates
        .iter()
        .map(|cand| {
            // Rarest first (ties by hash): frequencies looked up once, not in every comparison.
            let mut stems: Vec<(usize, u64)> = cand
                .stems
                .hashes()
                .iter()
                .map(|stem| (frequency[stem], *stem))
                .collect();
            stems.sort_unstable();
            let keep = stems.len() - (jaccard * stems.len() as f64).ceil() as usize + 1;
            stems.truncate(keep.min(stems.len()));
            stems.into_iter().map(|(_, stem)| stem).collect()
        })
        .collect();
    let mut clusters: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut by_stem: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    // (cluster, article) for every member: a cluster takes one sentence per article. Large
    // clusters (wire copy repeated across an archive) made scanning their members quadratic.
    let mut articles_in: FxHashSet<(usize, usize)> = FxHashSet::default();
    let mut tried: FxHashSet<usize> = FxHashSet::default();
    for (ci, cand) in candidates.iter().enumerate() {
        tried.clear();
        let mut home: Option<usize> = None;
        for stem in &prefixes[ci] {
            for &k in by_stem.get(stem).into_iter().flatten() {
                if home.is_some_and(|h| h <= k) || !tried.insert(k) {
                    continue;
                }
                let lead = &candidates[clusters[k].0];
                let same_article = articles_in.contains(&(k, cand.article));
                if !same_article && dice(lead.stems, cand.stems) >= SAME_STATEMENT {
                    home = Some(k);
                }
            }
        }
        let k = match home {
            Some(k) => {
                clusters[k].1.push(ci);
                k
            }
            None => {
                clusters.push((ci, vec![ci]));
                for stem in &prefixes[ci] {
                    by_stem.entry(*stem).or_default().push(clusters.len() - 1);
                }
                clusters.len() - 1
            }
        };
        articles_in.insert((k, cand.article));
    }
    let mut points: Vec<Point> = clusters
        .into_iter()
        .map(|(lead, members)| {
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
    points.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.sources.cmp(&b.sources)));
    points
}

/// Dice coefficient of two stem sets.
fn dice(a: &StemSet, b: &StemSet) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 0.0;
    }
    2.0 * a.common(b) as f64 / total as f64
}

/// The content stems of a sentence, numbers included: what near-duplicate points are found by.
pub fn content_stems(tokens: &[Token], vocabulary: &Vocabulary) -> StemSet {
    let content = tokens
        .iter()
        .filter(|t| t.flags & (STOP | ALPHANUMERIC) == ALPHANUMERIC);
    // Counted first: the set is allocated once, at its size.
    let mut hashes = Vec::with_capacity(content.clone().count());
    hashes.extend(content.map(|t| vocabulary.stem_hash(t)));
    StemSet::new(hashes)
}

/// The theme hits of every sentence of an article.
pub fn match_article(matcher: &ThemeMatcher, article: &Segmented) -> Vec<Vec<ThemeHit>> {
    article
        .tokens
        .iter()
        .map(|tokens| matcher.match_sentence(tokens, &article.vocabulary, article.language))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(id: &str, terms: &[&str], exclude: &[&str]) -> ThemeConfig {
        ThemeConfig {
            id: id.into(),
            title: id.into(),
            description: None,
            terms: terms.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn hits(m: &ThemeMatcher, s: &str) -> Vec<(usize, usize)> {
        let (tokens, vocabulary) = text::analyze(s, Lang::Id);
        m.match_sentence(&tokens, &vocabulary, Lang::Id)
            .into_iter()
            .map(|h| (h.theme, h.terms))
            .collect()
    }

    #[test]
    fn stems_phrases_and_exclusions() {
        let m = ThemeMatcher::new(&[
            theme("veto", &["veto", "Dewan Keamanan", "sanksi"], &[]),
            theme("satellite-help", &["satelit", "roket"], &["citra satelit"]),
        ]);
        assert_eq!(
            hits(&m, "Rusia memveto resolusi di Dewan Keamanan."),
            [(0, 2)]
        );
        assert_eq!(
            hits(&m, "Citra satelit pelabuhan Najin menunjukkan pengapalan."),
            []
        );
        assert_eq!(
            hits(&m, "Rusia membantu meluncurkan satelit dengan roket."),
            [(1, 2)]
        );
        assert_eq!(hits(&m, "Citra satelit menunjukkan roket."), [(1, 1)]);
        assert_eq!(hits(&m, "Keamanan dewan desa."), []);
    }

    #[test]
    fn near_duplicates_become_one_point_with_both_sources() {
        let a = "Rusia telah bergabung dengan Tiongkok dalam menentang sanksi baru terhadap Korea Utara, menghalangi dorongan yang dipimpin AS dan secara terbuka memecah Dewan Keamanan PBB untuk pertama kalinya sejak Dewan Keamanan PBB mulai menghukum Pyongyang pada 2006.";
        let b = "Rusia kemudian telah bergabung dengan China dalam menentang sanksi baru terhadap Korut dengan memveto dorongan pimpinan AS pada Mei dan secara terbuka memecah Dewan Keamanan PBB (DK PBB) untuk pertama kalinya sejak mulai menghukum Pyongyang pada 2006.";
        let c = "Putin menunjukkan lokasi peluncuran roket kepada Kim.";
        let stems: Vec<StemSet> = [a, b, c]
            .iter()
            .map(|s| {
                let (tokens, vocabulary) = text::analyze(s, Lang::Id);
                content_stems(&tokens, &vocabulary)
            })
            .collect();
        let cands = vec![
            Candidate {
                article: 0,
                sentence: 5,
                text: a,
                stems: &stems[0],
                score: 0.9,
            },
            Candidate {
                article: 1,
                sentence: 2,
                text: b,
                stems: &stems[1],
                score: 0.8,
            },
            Candidate {
                article: 1,
                sentence: 7,
                text: c,
                stems: &stems[2],
                score: 0.5,
            },
        ];
        let p = points(cands);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].sources, [(0, 5), (1, 2)]);
        assert_eq!(p[0].text, a);
        assert_eq!(p[1].sources, [(1, 7)]);
    }
}
