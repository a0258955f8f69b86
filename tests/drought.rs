//! `briefing build` on an English corpus written in the usual newspaper shape
//! (`tests/fixtures/drought`): headline, byline `By NAME, PAPER — DATE`, a dateline in capitals
//! (`MARREN CITY —`, `COBB'S CROSSING —`), quotes, dates without a year, one Markdown article.

mod common;

use common::{briefing, read, repo};
use serde_json::Value;

fn built() -> (tempfile::TempDir, Value) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo().join("tests/fixtures/drought"), dir.path());
    briefing(dir.path())
        .args(["build", "--deny-warnings"])
        .assert()
        .success();
    let json = serde_json::from_str(&read(dir.path().join("out/briefing.json"))).unwrap();
    (dir, json)
}

/// Byline and dateline text, none of which may reach a summary or a key term.
const HEADER_TEXT: &[&str] = &[
    "By ",
    "Whitcombe",
    "Raman",
    "Lindqvist",
    "Courier",
    "Herald",
    "MARREN CITY",
    "COBB'S CROSSING",
    "PORT AVERLY",
    "LINFIELD",
    " — ",
];

#[test]
fn every_article_is_dated_and_sourced_with_its_authors() {
    let (_dir, json) = built();
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 8);
    for a in articles {
        let id = a["id"].as_str().unwrap();
        let date = a["date"]
            .as_str()
            .unwrap_or_else(|| panic!("{id} has no date"));
        assert!(date.starts_with("2025-06-"), "{id}: {date}");
        let source = a["source"]
            .as_str()
            .unwrap_or_else(|| panic!("{id}: no source"));
        assert!(
            source == "Marren Valley Courier" || source == "Port Averly Herald",
            "{id}: {source}"
        );
        assert!(
            !a["authors"].as_array().unwrap().is_empty(),
            "{id}: no author"
        );
    }
    let by_id = |id: &str| {
        articles
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let farmers = by_id("02-farmers");
    assert_eq!(
        farmers["authors"],
        serde_json::json!(["Jason Warnock", "Dana Whitcombe"])
    );
    assert_eq!(farmers["date"], "2025-06-05");
    // The Markdown article: its byline is in the body, its title in front matter.
    let rationing = by_id("04-rationing");
    assert_eq!(rationing["authors"], serde_json::json!(["Dana Whitcombe"]));
    assert_eq!(rationing["source"], "Marren Valley Courier");
    assert_eq!(rationing["date"], "2025-06-10");
    // Month-first dates in a byline ("June 6, 2025").
    assert_eq!(by_id("03-fire-ban")["date"], "2025-06-06");
}

#[test]
fn dates_without_a_year_fill_the_timeline_and_are_marked_inferred() {
    let (_dir, json) = built();
    let timeline = json["timeline"].as_array().unwrap();
    let event = |text: &str| {
        timeline
            .iter()
            .find(|e| e["text"].as_str().unwrap().contains(text))
            .unwrap_or_else(|| panic!("no event for {text}: {timeline:#?}"))
    };
    for (text, date) in [
        ("begin on 1 July", "2025-07-01"),
        ("from June 7", "2025-06-07"),
        ("takes effect on 15 June", "2025-06-15"),
        ("until 30 September", "2025-09-30"),
        // A month alone, and the nearest year to publication: October before June is last
        // year's when the text says "since".
        ("boreholes in August", "2025-08"),
        ("since October", "2024-10"),
    ] {
        let e = event(text);
        assert_eq!(e["date"], date, "{text}");
        assert_eq!(e["inferred"], true, "{text}");
    }
    assert!(timeline.len() >= 12, "{}", timeline.len());
}

#[test]
fn no_byline_or_dateline_text_in_a_summary_or_key_term() {
    let (dir, json) = built();
    for a in json["articles"].as_array().unwrap() {
        let sentences = a["sentences"].as_array().unwrap();
        for i in a["summary"].as_array().unwrap() {
            let text = sentences[i.as_u64().unwrap() as usize]["text"]
                .as_str()
                .unwrap();
            for header in HEADER_TEXT {
                assert!(!text.contains(header), "{}: {text}", a["id"]);
            }
        }
        for term in a["key_terms"].as_array().unwrap() {
            let term = term["term"].as_str().unwrap();
            for header in HEADER_TEXT {
                assert!(!term.contains(header.trim()), "{}: {term}", a["id"]);
            }
            assert!(!term.ends_with("'s"), "possessive in {term}");
        }
        // Every sentence starts with text, not with a dateline.
        for s in sentences {
            let text = s["text"].as_str().unwrap();
            assert!(!text.contains(" — "), "{}: {text}", a["id"]);
        }
    }
    let md = read(dir.path().join("out/briefing.md"));
    assert!(md.contains("Dana Whitcombe"), "authors are shown");
}
