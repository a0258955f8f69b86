//! `briefing summarize` (files and the JSON-lines stream) and `briefing eval`.

mod common;

use common::{briefing, repo};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

#[test]
fn summarizes_a_file() {
    let out = briefing(&repo())
        .args([
            "summarize",
            "--sentences",
            "2",
            "seeds/002_fd35345ef8093550.txt",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "002_fd35345ef8093550");
    assert_eq!(lines[0]["summary"].as_str().unwrap().lines().count(), 2);
    assert!(!lines[0]["key_terms"].as_array().unwrap().is_empty());
}

#[test]
fn stream_keeps_order_reports_bad_lines_and_goes_on() {
    let input = [
        r#"{"id": "a", "text": "Rusia memveto resolusi sanksi di Dewan Keamanan PBB. Amerika Serikat mengecam veto itu. Korea Utara diam saja.", "title": "Veto Rusia"}"#,
        "this is not json",
        r#"{"id": 7, "text": "Putin bertemu Kim Jong Un di Kosmodrom Vostochny. Mereka membahas satelit."}"#,
        r#"{"text": "no id"}"#,
    ]
    .join("\n");
    let assert = briefing(&repo())
        .args(["summarize", "--jsonl", "--sentences", "1"])
        .write_stdin(input)
        .assert()
        .code(1)
        .stderr(contains("line 2"))
        .stderr(contains("line 4"));
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let records: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], "a");
    assert_eq!(records[1]["id"], 7);
    assert_eq!(records[0]["summary"].as_str().unwrap().lines().count(), 1);
    let themes: Vec<&str> = records[0]["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert!(
        themes.contains(&"veto"),
        "themes from ./briefing.toml: {themes:?}"
    );
}

#[test]
fn eval_prints_rouge_beside_lead3() {
    let out = briefing(&repo())
        .args(["eval", "tests/fixtures/eval/dev-slice.jsonl"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("5 articles"), "{out}");
    for row in ["briefing", "LEAD-3", "LEAD-3 (references' segmentation)"] {
        let line = out
            .lines()
            .find(|l| l.starts_with(row))
            .unwrap_or_else(|| panic!("{row} row in {out}"));
        let figures: Vec<f64> = line[row.len()..]
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        assert_eq!(figures.len(), 4, "{line}");
        assert!(
            figures
                .iter()
                .all(|f| (0.0..=100.0).contains(f) && *f > 10.0),
            "{line}"
        );
    }
}

#[test]
fn eval_names_a_bad_reference_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("refs.jsonl"),
        "{\"text\": \"a\", \"summary\": \"b\"}\n{\"text\": 3}\n",
    )
    .unwrap();
    briefing(dir.path())
        .args(["eval", "refs.jsonl"])
        .assert()
        .code(2)
        .stderr(contains("refs.jsonl:2"));
}

#[test]
fn blank_lines_are_skipped_and_an_overlong_line_is_refused_unheld() {
    let article = r#"{"id": "a", "text": "Rusia memveto resolusi sanksi di Dewan Keamanan PBB. Amerika Serikat mengecam veto itu."}"#;
    // 65 MB of one line, over the 64 MB bound.
    let long = format!(
        "{{\"id\": \"long\", \"text\": \"{}\"}}",
        "kata ".repeat(13 << 20)
    );
    let input = format!("{article}\n\n   \n{long}\n{article}\n");
    let assert = briefing(&repo())
        .args(["summarize", "--jsonl"])
        .write_stdin(input)
        .assert()
        .code(1)
        .stderr(contains("line 4: longer than 64 MB"))
        .stderr(contains("line 2").not())
        .stderr(contains("1 of 5 input line(s) could not be summarised"))
        .stderr(contains("the others were summarised and written"));
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(out.lines().count(), 2);
}
