//! The group stage: from every sentence's themes (the learn stage's), each article gets a theme
//! profile and each theme its strongest points across articles, with sentences that state the
//! same fact merged and cited to every article that carries them.

use crate::learn::Evidence;
use crate::summary::round3;

/// A theme's weight in one article: the share of its sentences that speak to the theme.
pub fn profile(evidence: &[Vec<Evidence>], themes: usize) -> Vec<(usize, f64)> {
    let n = evidence.len().max(1) as f64;
    let mut counts = vec![0usize; themes];
    for sentence in evidence {
        for found in sentence {
            counts[found.theme] += 1;
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

mod facts;
mod lint;
mod points;

pub use lint::{Found, TermForms, broader_stem, warnings};
pub use points::{Candidate, Point, points};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stems::StemSet;
    use std::cell::Cell;

    thread_local! {
        /// Earlier points met by [`points`] (the work that was quadratic).
        pub(super) static STEPS: Cell<u64> = const { Cell::new(0) };
    }

    /// The points of one-sentence candidates (article i, sentence i, or all in article 0), and
    /// the earlier points met on the way.
    fn counted(texts: &[String], one_article: bool) -> (usize, u64) {
        let stems: Vec<StemSet> = texts
            .iter()
            .map(|s| {
                let (tokens, vocabulary) = crate::text::analyze(s, crate::text::Lang::Id);
                crate::theme_terms::content_stems(&tokens, &vocabulary)
            })
            .collect();
        let candidates = texts
            .iter()
            .zip(&stems)
            .enumerate()
            .map(|(i, (text, stems))| Candidate {
                article: if one_article { 0 } else { i },
                sentence: if one_article { i } else { 0 },
                text,
                lang: crate::text::Lang::Id,
                stems,
                score: 1.0,
            })
            .collect();
        STEPS.with(|c| c.set(0));
        let n = points(candidates).len();
        (n, STEPS.with(Cell::get))
    }

    /// Makes n sentences.
    type Corpus = dyn Fn(usize) -> Vec<String>;

    /// Made-up words, different for every `i` and `k`.
    fn word(i: usize, k: usize) -> String {
        let letters = ["ba", "ki", "du", "me", "so", "ra", "ti", "lu", "pe", "no"];
        let mut w = String::new();
        for d in format!("{i:06}{k}").bytes() {
            w.push_str(letters[(d - b'0') as usize]);
        }
        w
    }

    #[test]
    fn points_cost_linear_work_on_the_inputs_that_were_quadratic() {
        let shared = |n: usize| -> Vec<String> {
            (0..n)
                .map(|i| {
                    let own: Vec<String> = (0..4).map(|k| word(i, k)).collect();
                    format!(
                        "Pasokan senjata amunisi gudang perbatasan utara {}.",
                        own.join(" ")
                    )
                })
                .collect()
        };
        let distinct = |n: usize| -> Vec<String> {
            (0..n)
                .map(|i| format!("Senjata {} dikirim ke {}.", word(i, 1), word(i, 2)))
                .collect()
        };
        let repeated = |n: usize| vec!["Rusia menerima pasokan senjata.".to_string(); n];
        let cases: [(&str, &Corpus, bool); 4] = [
            ("articles sharing six words", &shared, false),
            ("one article of different sentences", &distinct, true),
            ("one sentence repeated in one article", &repeated, true),
            ("one sentence repeated across articles", &repeated, false),
        ];
        for (name, make, one_article) in cases {
            let (_, small) = counted(&make(500), one_article);
            let (points, large) = counted(&make(2000), one_article);
            assert!(
                large <= 5 * small.max(1) + 2000,
                "{name}: {small} steps at n, {large} at 4n"
            );
            assert!(points >= 1);
        }
    }

    #[test]
    fn near_duplicates_become_one_point_with_both_sources() {
        let a = "Rusia telah bergabung dengan Tiongkok dalam menentang sanksi baru terhadap Korea Utara, menghalangi dorongan yang dipimpin AS dan secara terbuka memecah Dewan Keamanan PBB untuk pertama kalinya sejak Dewan Keamanan PBB mulai menghukum Pyongyang pada 2006.";
        let b = "Rusia kemudian telah bergabung dengan China dalam menentang sanksi baru terhadap Korut dengan memveto dorongan pimpinan AS pada Mei dan secara terbuka memecah Dewan Keamanan PBB (DK PBB) untuk pertama kalinya sejak mulai menghukum Pyongyang pada 2006.";
        let c = "Putin menunjukkan lokasi peluncuran roket kepada Kim.";
        let stems: Vec<StemSet> = [a, b, c]
            .iter()
            .map(|s| {
                let (tokens, vocabulary) = crate::text::analyze(s, crate::text::Lang::Id);
                crate::theme_terms::content_stems(&tokens, &vocabulary)
            })
            .collect();
        let cands = vec![
            Candidate {
                article: 0,
                sentence: 5,
                text: a,
                lang: crate::text::Lang::Id,
                stems: &stems[0],
                score: 0.9,
            },
            Candidate {
                article: 1,
                sentence: 2,
                text: b,
                lang: crate::text::Lang::Id,
                stems: &stems[1],
                score: 0.8,
            },
            Candidate {
                article: 1,
                sentence: 7,
                text: c,
                lang: crate::text::Lang::Id,
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

    #[test]
    fn a_question_ranks_below_a_statement_as_strong() {
        let texts = [
            "Who was co-pilot Andreas Lubitz?",
            "Lubitz told his flight school in 2009 that he had an episode of severe depression.",
        ];
        let stems: Vec<StemSet> = texts
            .iter()
            .map(|s| {
                let (tokens, vocabulary) = crate::text::analyze(s, crate::text::Lang::En);
                crate::theme_terms::content_stems(&tokens, &vocabulary)
            })
            .collect();
        // The question, a subheading, is cited by three articles; the statement by one.
        let mut cands: Vec<Candidate> = (0..3)
            .map(|article| Candidate {
                article,
                sentence: 4,
                text: texts[0],
                lang: crate::text::Lang::En,
                stems: &stems[0],
                score: 0.8,
            })
            .collect();
        cands.push(Candidate {
            article: 3,
            sentence: 1,
            text: texts[1],
            lang: crate::text::Lang::En,
            stems: &stems[1],
            score: 0.8,
        });
        let p = points(cands);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, texts[1]);
        assert_eq!(p[1].sources, [(0, 4), (1, 4), (2, 4)]);
        assert!(p[1].score < p[0].score, "{} {}", p[1].score, p[0].score);
    }
}
