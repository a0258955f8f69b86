//! Every paragraph of the five seed articles must segment exactly as the
//! hand-checked fixtures in `tests/fixtures/seeds-segmentation/` say (one sentence a line,
//! a blank line between paragraphs).

use briefing::text::{Lang, sentences::split};
use std::path::{Path, PathBuf};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

#[test]
fn seeds_match_fixtures() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds-segmentation");
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "expected five seed fixtures");
    let seeds = seeds_dir();
    let (mut paras, mut sents, mut failures) = (0, 0, Vec::new());
    for name in names {
        let source = std::fs::read_to_string(seeds.join(&name)).unwrap();
        let expected_text = std::fs::read_to_string(fixtures.join(&name)).unwrap();
        let expected: Vec<Vec<&str>> = expected_text
            .split("\n\n")
            .map(|p| p.lines().filter(|l| !l.is_empty()).collect())
            .filter(|p: &Vec<&str>| !p.is_empty())
            .collect();
        let got: Vec<Vec<&str>> = source
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|p| split(p, Lang::Id).into_iter().map(|r| &p[r]).collect())
            .collect();
        assert_eq!(got.len(), expected.len(), "{name:?}: paragraph count");
        for (g, e) in got.iter().zip(&expected) {
            paras += 1;
            sents += e.len();
            if g != e {
                failures.push(format!("{name:?}\n  got:      {g:#?}\n  expected: {e:#?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("seeds: {paras} paragraphs, {sents} sentences, all equal");
}
