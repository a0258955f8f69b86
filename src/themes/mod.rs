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

pub use lint::warnings;
pub use points::{Candidate, Point, points};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stems::StemSet;

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
}
