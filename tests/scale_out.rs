//! The scale-out path: per-article records from `summarize --jsonl --partial` (or `summarize
//! --partial FILE…`), merged by `build --from-jsonl` into the same briefing a build makes.

mod common;

use common::{briefing, read, seeds_project};
use predicates::prelude::*;

/// `summarize --partial` of every file in the project's `seeds/`, named from the project folder
/// as a build names them (in path order): its output.
fn summarize_seeds(dir: &std::path::Path) -> (Vec<String>, std::process::Output) {
    let mut files: Vec<String> = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| format!("seeds/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    let out = briefing(dir)
        .arg("summarize")
        .arg("--partial")
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (files, out)
}

/// The three outputs in the project's `out/`, in a fixed order.
fn outputs(dir: &std::path::Path) -> Vec<String> {
    OUTPUTS
        .iter()
        .map(|f| read(dir.join("out").join(f)))
        .collect()
}

/// The outputs in `out/` are byte for byte `expected` ([`outputs`] of another build).
fn assert_same_outputs(dir: &std::path::Path, expected: &[String]) {
    for (file, expected) in OUTPUTS.iter().zip(expected) {
        assert_eq!(
            &read(dir.join("out").join(file)),
            expected,
            "{file} differs"
        );
    }
}

const OUTPUTS: [&str; 3] = ["briefing.md", "briefing.html", "briefing.json"];

/// Per-article records of the seed articles, made from the project folder like a build names
/// them, one record per line.
fn seed_records(dir: &std::path::Path) -> Vec<String> {
    let (files, out) = summarize_seeds(dir);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(lines.len(), files.len());
    lines
}

#[test]
fn merging_records_gives_the_briefing_a_build_gives() {
    let project = seeds_project();
    let dir = project.path();
    briefing(dir).args(["build", "--quiet"]).assert().success();
    let built = outputs(dir);

    // Two part files, in reverse order, lines shuffled: the merge sorts by article.
    let records = seed_records(dir);
    std::fs::write(dir.join("part-1.jsonl"), records[3..].join("\n")).unwrap();
    let first: Vec<String> = records[..3].iter().rev().cloned().collect();
    std::fs::write(dir.join("part-0.jsonl"), first.join("\n") + "\n").unwrap();
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    std::fs::remove_dir_all(dir.join("seeds")).unwrap();
    briefing(dir)
        .args(["build", "--from-jsonl", "part-1.jsonl", "part-0.jsonl"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "built 5 articles (merged from per-article records",
        ));
    assert_same_outputs(dir, &built);
    briefing(dir)
        .args(["check", "--from-jsonl", "part-0.jsonl", "part-1.jsonl"])
        .assert()
        .success();
}

#[test]
fn an_article_of_furniture_only_is_left_out_by_a_build_and_by_its_records() {
    let project = seeds_project();
    let dir = project.path();
    let furniture = "Judul\n\nFrom our editors to your inbox. Sign up for our newsletter today.\n";
    std::fs::write(dir.join("seeds/zz-newsletter.txt"), furniture).unwrap();
    let warning = "zz-newsletter.txt: has no article text (only headings or boilerplate); skipped";
    briefing(dir)
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains(warning))
        .stderr(predicate::str::contains("built 5 articles"));
    let built = outputs(dir);

    let (_, out) = summarize_seeds(dir);
    assert!(String::from_utf8_lossy(&out.stderr).contains(warning));
    let records = String::from_utf8(out.stdout).unwrap();
    assert_eq!(records.lines().count(), 5);
    // The stream form leaves it out too, naming its line.
    let line = serde_json::json!({"id": "n", "text": furniture}).to_string();
    briefing(dir)
        .args(["summarize", "--jsonl", "--partial"])
        .write_stdin(line + "\n")
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("line 1: has no article text"));

    std::fs::write(dir.join("parts.jsonl"), records).unwrap();
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    briefing(dir)
        .args(["build", "--from-jsonl", "parts.jsonl"])
        .assert()
        .success();
    assert_same_outputs(dir, &built);
}

#[test]
fn the_stream_form_merges_too_and_repeats_are_reported() {
    let project = seeds_project();
    let dir = project.path();
    let mut lines = String::new();
    for (i, entry) in std::fs::read_dir(dir.join("seeds")).unwrap().enumerate() {
        let text = read(entry.unwrap().path());
        lines.push_str(&serde_json::json!({"id": format!("a{i}"), "text": text}).to_string());
        lines.push('\n');
    }
    let out = briefing(dir)
        .args(["summarize", "--jsonl", "--partial"])
        .write_stdin(lines)
        .output()
        .unwrap();
    assert!(out.status.success());
    let records = String::from_utf8(out.stdout).unwrap();
    let first = records.lines().next().unwrap().to_string();
    std::fs::write(dir.join("parts.jsonl"), format!("{records}{first}\n")).unwrap();
    briefing(dir)
        .args(["build", "--from-jsonl", "-"])
        .write_stdin(read(dir.join("parts.jsonl")))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "-:6: article id a0 already came from -:1; this record is skipped",
        ));
    let json: serde_json::Value =
        serde_json::from_str(&read(dir.join("out/briefing.json"))).unwrap();
    let ids: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a0", "a1", "a2", "a3", "a4"]);
    briefing(dir)
        .args(["build", "--from-jsonl", "parts.jsonl", "--deny-warnings"])
        .assert()
        .code(1);
}

#[test]
fn records_that_do_not_fit_are_errors_naming_file_and_line() {
    let project = seeds_project();
    let dir = project.path();
    let records = seed_records(dir);
    std::fs::write(
        dir.join("broken.jsonl"),
        format!("{}\n{{\"id\": 1}}\n", records[0]),
    )
    .unwrap();
    briefing(dir)
        .args(["build", "--from-jsonl", "broken.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.jsonl:2"))
        .stderr(predicate::str::contains("summarize --jsonl --partial"));
    assert!(!dir.join("out").exists(), "nothing is written on an error");

    // A record of another version, or of this version in another layout, says so.
    let mut record: serde_json::Value = serde_json::from_str(&records[0]).unwrap();
    record["article"]["sentences"] = serde_json::json!("not sentences");
    let version = env!("CARGO_PKG_VERSION");
    let older = serde_json::json!({"briefing": "0.0.1", "settings": "x", "article": {}});
    std::fs::write(
        dir.join("other.jsonl"),
        format!("{older}\n{}\n", records[1]),
    )
    .unwrap();
    std::fs::write(dir.join("layout.jsonl"), format!("{record}\n")).unwrap();
    briefing(dir)
        .args(["build", "--from-jsonl", "other.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("other.jsonl:1"))
        .stderr(predicate::str::contains(format!(
            "written by briefing 0.0.1, this is {version}"
        )));
    briefing(dir)
        .args(["build", "--from-jsonl", "layout.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("layout.jsonl:1"))
        .stderr(predicate::str::contains(format!(
            "a record of briefing {version} in a layout this build does not read"
        )));

    // Records made with a theme named otherwise merge (a theme's id, title and description are
    // read only by the merge); records made with other terms merge too, their theme hits
    // matched again, into the briefing a build with the new terms gives.
    std::fs::write(dir.join("good.jsonl"), records.join("\n")).unwrap();
    let config = read(dir.join("briefing.toml")).replace("id = \"veto\"", "id = \"un-veto\"");
    std::fs::write(dir.join("briefing.toml"), &config).unwrap();
    briefing(dir)
        .args(["build", "--from-jsonl", "good.jsonl"])
        .assert()
        .success();
    let terms = config.replacen("terms = [", "terms = [\"Shoigu\", ", 1);
    std::fs::write(dir.join("briefing.toml"), &terms).unwrap();
    let _ = std::fs::remove_dir_all(dir.join("out"));
    briefing(dir)
        .args(["build", "--no-cache"])
        .assert()
        .success();
    let built = outputs(dir);
    assert!(built[2].contains("\"terms\": [[\"Shoigu\", \"Shoigu\"]]"));
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    briefing(dir)
        .args(["build", "--from-jsonl", "good.jsonl"])
        .assert()
        .success();
    assert_same_outputs(dir, &built);
    // Another language setting changes what every article's work made: no merge.
    let indonesian = terms.replace("language = \"auto\"", "language = \"id\"");
    assert_ne!(indonesian, terms);
    std::fs::write(dir.join("briefing.toml"), indonesian).unwrap();
    briefing(dir)
        .args(["build", "--from-jsonl", "good.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("good.jsonl:1"))
        .stderr(predicate::str::contains("another language setting"));
}

#[test]
fn an_overlong_record_line_is_refused_unheld_naming_file_and_line() {
    let project = seeds_project();
    let dir = project.path();
    let records = seed_records(dir);
    let mut file = std::fs::File::create(dir.join("parts.jsonl")).unwrap();
    use std::io::Write;
    writeln!(file, "{}\n", records[0]).unwrap();
    // 65 MB without a line break, over the 64 MB bound.
    let piece = vec![b'x'; 1 << 20];
    for _ in 0..65 {
        file.write_all(&piece).unwrap();
    }
    drop(file);
    briefing(dir)
        .args(["build", "--from-jsonl", "parts.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("parts.jsonl:3"))
        .stderr(predicate::str::contains("longer than 64 MB"));
    assert!(!dir.join("out").exists());
}

/// A change made to a record.
type Edit = Box<dyn Fn(&mut serde_json::Value)>;

/// The first theme hit of a record (of its first sentence with one).
fn first_hit(record: &mut serde_json::Value) -> &mut serde_json::Value {
    let hits = record["article"]["hits"].as_array_mut().unwrap();
    let hit = hits.iter_mut().find(|h| !h.as_array().unwrap().is_empty());
    &mut hit.unwrap()[0]
}

#[test]
fn edited_records_are_refused_naming_file_and_line_never_a_panic() {
    let project = seeds_project();
    let dir = project.path();
    let records = seed_records(dir);
    let base: serde_json::Value = serde_json::from_str(&records[1]).unwrap();
    // Each edit breaks one index or length that the cross-article steps rely on.
    let edits: Vec<(&str, Edit)> = vec![
        (
            "a theme that does not exist",
            Box::new(|r| {
                first_hit(r)["theme"] = 9.into();
            }),
        ),
        (
            "a theme term out of range",
            Box::new(|r| {
                first_hit(r)["matches"][0]["term"] = 999.into();
            }),
        ),
        (
            "a key term out of range",
            Box::new(|r| {
                let occ = r["article"]["terms"]["occurrences"].as_array_mut().unwrap();
                let first = occ
                    .iter_mut()
                    .find(|o| !o.as_array().unwrap().is_empty())
                    .unwrap();
                first[0][0] = 999.into();
            }),
        ),
        (
            "a list shorter than the sentences",
            Box::new(|r| {
                r["article"]["features"].as_array_mut().unwrap().pop();
            }),
        ),
        (
            "a span past the sentence",
            Box::new(|r| {
                first_hit(r)["matches"][0]["span"] = serde_json::json!([0, 100000]);
            }),
        ),
        (
            "empty word sets",
            Box::new(|r| {
                r["article"]["bags"] = serde_json::json!([]);
            }),
        ),
    ];
    for (what, edit) in edits {
        let mut record = base.clone();
        edit(&mut record);
        std::fs::write(
            dir.join("edited.jsonl"),
            format!("{}\n{record}\n", records[0]),
        )
        .unwrap();
        for command in ["build", "check"] {
            briefing(dir)
                .args([command, "--from-jsonl", "edited.jsonl"])
                .assert()
                .code(2)
                .stderr(predicate::str::contains("edited.jsonl:2"))
                .stderr(predicate::str::contains("not a consistent record"));
        }
        assert!(
            !dir.join("out/briefing.json").exists(),
            "{what}: nothing written"
        );
    }
}
