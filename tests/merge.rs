//! True citations: two sentences of different articles become one theme point only when they
//! state the same fact. Measured on tests/fixtures/merge/pairs.tsv (see its header): the test
//! prints the merge's recall and fails on any pair merged that must stay apart.

use briefing::stems::StemSet;
use briefing::text::{self, Lang};
use briefing::theme_terms::content_stems;
use briefing::themes::{Candidate, points};

/// (expected to merge, merged) for every pair of the set.
pub fn outcomes() -> Vec<(bool, bool, String)> {
    let text = std::fs::read_to_string("tests/fixtures/merge/pairs.tsv").unwrap();
    let mut out = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let lang = if f[1] == "en" { Lang::En } else { Lang::Id };
        let stems: Vec<StemSet> = [f[2], f[3]]
            .iter()
            .map(|s| {
                let (tokens, vocabulary) = text::analyze(s, lang);
                content_stems(&tokens, &vocabulary)
            })
            .collect();
        let candidates = (0..2)
            .map(|i| Candidate {
                article: i,
                sentence: 0,
                text: f[2 + i],
                lang,
                stems: &stems[i],
                score: 1.0 - i as f64 * 0.1,
            })
            .collect();
        let merged = points(candidates).len() == 1;
        out.push((f[0] == "merge", merged, line.to_string()));
    }
    out
}

#[test]
fn no_point_cites_an_article_that_does_not_say_it() {
    let outcomes = outcomes();
    let false_merges: Vec<&String> = outcomes
        .iter()
        .filter(|(want, got, _)| !want && *got)
        .map(|o| &o.2)
        .collect();
    assert!(
        false_merges.is_empty(),
        "merged, though they differ: {false_merges:#?}"
    );
    let wanted = outcomes.iter().filter(|o| o.0).count();
    let found = outcomes.iter().filter(|o| o.0 && o.1).count();
    // Recall is reported, and must not fall below what was measured when the set was last
    // extended (30 of 41, 2026-12-01): the pairs missed differ in a number one of them adds
    // ("Huskins, 29,"; "Delta Flight 1086"), in polarity, or name a ship that the other calls "it".
    eprintln!("merge recall: {found} of {wanted}");
    assert!(found >= 30, "merge recall {found} of {wanted}");
}
