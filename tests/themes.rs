//! `briefing themes`: what it tells a user about the themes as written, over fixture projects.

mod common;

use common::{briefing, fixture_project};

/// A term found with none of its theme's other terms in most articles that carry it is
/// pointed out; a word of the theme's title, found alone as often, is not; neither is a
/// warning, so `--deny-warnings` passes.
#[test]
fn a_term_found_alone_in_most_of_its_articles_is_pointed_out() {
    let project = fixture_project("stray-term");
    let output = briefing(project.path())
        .args(["themes", "--deny-warnings"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report = String::from_utf8(output).unwrap();
    // "charges": three court reports alone, one computing article beside "software".
    assert!(
        report
            .contains("\"charges\" is the theme's only term in 3 of the 4 articles it is found in"),
        "{report}"
    );
    // "fraud" is alone in three of its four articles too, but "Fraud trials" is about it.
    assert!(!report.contains("\"fraud\" is"), "{report}");
    // "computer" is always beside "software".
    assert!(!report.contains("\"computer\" is"), "{report}");
}
