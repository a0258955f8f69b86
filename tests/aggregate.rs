//! The cross-article steps on a batch engine, as its driver runs them: `briefing aggregate`
//! over each partition of the records (the map), `--combine` of the parts into the next state
//! (the reduce), until the finish step, whose lines `build --from-jsonl … --state` merges into
//! the briefing a build makes.

mod common;

use std::path::{Path, PathBuf};

use common::{briefing, outputs, read, seeds_project};
use predicates::prelude::*;

const PARTITIONS: usize = 3;

/// The seed articles and a copy of one under another name, as records, dealt into
/// `PARTITIONS` files (the first one's lines reversed): what an engine's partitions hold.
fn partitions(dir: &Path) -> Vec<PathBuf> {
    let first = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    std::fs::copy(first, dir.join("seeds/zz-copy.txt")).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| format!("seeds/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    let out = briefing(dir)
        .args(["summarize", "--partial"])
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut parts = vec![Vec::new(); PARTITIONS];
    for (i, line) in text.lines().enumerate() {
        parts[i % PARTITIONS].push(line);
    }
    parts[0].reverse();
    parts
        .iter()
        .enumerate()
        .map(|(i, lines)| {
            let path = dir.join(format!("records-{i}.jsonl"));
            std::fs::write(&path, lines.join("\n") + "\n").unwrap();
            path
        })
        .collect()
}

/// Runs `briefing aggregate ARGS…` in `dir`, writing its stdout to `out`.
fn aggregate(dir: &Path, args: &[&str], out: &Path) -> std::process::Output {
    aggregate_on(dir, args, out, None)
}

/// [`aggregate`] on `threads` threads (all when none).
fn aggregate_on(
    dir: &Path,
    args: &[&str],
    out: &Path,
    threads: Option<usize>,
) -> std::process::Output {
    let mut command = briefing(dir);
    if let Some(n) = threads {
        command.env("RAYON_NUM_THREADS", n.to_string());
    }
    let output = command.arg("aggregate").args(args).output().unwrap();
    std::fs::write(out, &output.stdout).unwrap();
    output
}

/// The state's next step.
fn stage(path: &Path) -> String {
    let state: serde_json::Value = serde_json::from_str(&read(path)).unwrap();
    state["stage"].as_str().unwrap().to_string()
}

/// Runs every step as a driver does, the parts of each partition combined in reverse order;
/// returns the states' steps in order and the finish state's path.
fn run_steps(dir: &Path, records: &[PathBuf]) -> (Vec<String>, PathBuf) {
    run_steps_on(dir, records, None)
}

/// [`run_steps`] with `RAYON_NUM_THREADS` set to `threads` for every step, its files named
/// with the thread count.
fn run_steps_on(dir: &Path, records: &[PathBuf], threads: Option<usize>) -> (Vec<String>, PathBuf) {
    let tag = threads.map_or(String::new(), |n| format!("t{n}-"));
    let mut state: Option<PathBuf> = None;
    let mut steps = Vec::new();
    for round in 0..20 {
        let mut parts = Vec::new();
        for (i, r) in records.iter().enumerate() {
            let part = dir.join(format!("{tag}part-{round}-{i}.jsonl"));
            let mut args = vec![r.to_str().unwrap()];
            let state_arg;
            if let Some(s) = &state {
                state_arg = s.to_str().unwrap().to_string();
                args.extend(["--state", &state_arg]);
            }
            let out = aggregate(dir, &args, &part);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            parts.push(part);
        }
        parts.reverse();
        let next = dir.join(format!("{tag}state-{round}.json"));
        let mut args: Vec<&str> = vec!["--combine"];
        let state_arg;
        if let Some(s) = &state {
            state_arg = s.to_str().unwrap().to_string();
            args.extend(["--state", &state_arg]);
        }
        args.extend(parts.iter().map(|p| p.to_str().unwrap()));
        let out = aggregate(dir, &args, &next);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        steps.push(stage(&next));
        state = Some(next);
        if steps.last().unwrap() == "finish" {
            break;
        }
    }
    (steps, state.unwrap())
}

/// The finish step's lines of each partition.
fn finish(dir: &Path, records: &[PathBuf], state: &Path) -> Vec<PathBuf> {
    records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let path = dir.join(format!("finish-{i}.jsonl"));
            let args = [r.to_str().unwrap(), "--state", state.to_str().unwrap()];
            let out = aggregate(dir, &args, &path);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            path
        })
        .collect()
}

#[test]
fn the_steps_on_partitions_give_the_briefing_a_build_gives() {
    let project = seeds_project();
    let dir = project.path();
    let records = partitions(dir);
    briefing(dir)
        .args(["build", "--quiet", "--no-cache"])
        .assert()
        .success();
    let built = outputs(dir);

    let (steps, state) = run_steps(dir, &records);
    // Keys, then the learn stage's passes (seeds, totals, three fits of the thresholds with
    // two rounds of members between), then the forms.
    assert_eq!(steps.first().map(String::as_str), Some("learn"));
    assert_eq!(
        steps.iter().filter(|s| *s == "learn").count(),
        7,
        "{steps:?}"
    );
    assert_eq!(&steps[steps.len() - 2..], ["forms", "finish"]);
    let lines = finish(dir, &records, &state);
    let contributions: usize = lines.iter().map(|p| read(p).lines().count()).sum();
    assert_eq!(contributions, 5, "the copy is counted once");

    std::fs::remove_dir_all(dir.join("out")).unwrap();
    let mut merge = vec!["build", "--state", state.to_str().unwrap(), "--from-jsonl"];
    merge.extend(lines.iter().rev().map(|p| p.to_str().unwrap()));
    briefing(dir)
        .args(&merge)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "seeds/zz-copy.txt: has the same text as",
        ));
    assert!(
        outputs(dir) == built,
        "the merged briefing differs from the build's"
    );
    merge[0] = "check";
    briefing(dir).args(&merge).assert().success();
}

#[test]
fn an_unfinished_state_a_missing_partition_or_a_part_of_another_step_is_an_error() {
    let project = seeds_project();
    let dir = project.path();
    let records = partitions(dir);
    let (_, state) = run_steps(dir, &records);
    let lines = finish(dir, &records, &state);
    let state = state.to_str().unwrap();

    // Two partitions of three.
    briefing(dir)
        .args(["build", "--state", state, "--from-jsonl"])
        .args(&lines[..2])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kept 5 articles, but"));
    // The state of the first step.
    let first = dir.join("state-0.json");
    briefing(dir)
        .args(["build", "--state", first.to_str().unwrap(), "--from-jsonl"])
        .args(&lines)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the state of an unfinished run"));
    // The keys step's part combined with the learn step's state.
    briefing(dir)
        .args(["aggregate", "--combine", "--state", first.to_str().unwrap()])
        .arg(dir.join("part-0-0.jsonl"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("part-0-0.jsonl:1")
                .and(predicate::str::contains("a part of another step")),
        );
    // A contribution whose offer points past its sentences is refused, naming file and line.
    let text = read(&lines[1]);
    let mut edited: Vec<String> = Vec::new();
    let mut done = false;
    for line in text.lines() {
        let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
        let offered = &mut value["contribution"]["offers"]["sentences"];
        if !done && offered.as_array().is_some_and(|a| !a.is_empty()) {
            offered[0]["sentence"] = serde_json::json!(9999);
            done = true;
        }
        edited.push(value.to_string());
    }
    assert!(done, "no article of the partition offers a sentence");
    let bad = dir.join("finish-edited.jsonl");
    std::fs::write(&bad, edited.join("\n") + "\n").unwrap();
    briefing(dir)
        .args(["build", "--state", state, "--from-jsonl"])
        .args([&lines[0], &bad, &lines[2]])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("finish-edited.jsonl:")
                .and(predicate::str::contains("not a consistent contribution")),
        );
    // The parts of two partitions of three at a learn step.
    let learn = dir.join("state-1.json");
    briefing(dir)
        .args(["aggregate", "--combine", "--state", learn.to_str().unwrap()])
        .args([dir.join("part-2-0.jsonl"), dir.join("part-2-1.jsonl")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the parts cover"));
    // A part whose similarities name a theme that is not configured (the first fit's step,
    // found by its part), and a state whose learned words are for another number of themes.
    let (round, part) = (0..20)
        .map(|r| (r, dir.join(format!("part-{r}-0.jsonl"))))
        .find(|(_, p)| read(p).contains("\"thresholds\""))
        .unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&read(&part)).unwrap();
    value["part"]["learn"]["part"]["thresholds"][0] = serde_json::json!([[99, "id", 1]]);
    std::fs::write(dir.join("bad-part.jsonl"), value.to_string()).unwrap();
    let before = dir.join(format!("state-{}.json", round - 1));
    briefing(dir)
        .args([
            "aggregate",
            "--combine",
            "--state",
            before.to_str().unwrap(),
        ])
        .arg(dir.join("bad-part.jsonl"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("bad-part.jsonl:1")
                .and(predicate::str::contains("a theme that is not configured")),
        );
    let mut value: serde_json::Value = serde_json::from_str(&read(&before)).unwrap();
    value["learn"]["words"] = serde_json::json!([[], []]);
    std::fs::write(dir.join("bad-state.json"), value.to_string()).unwrap();
    briefing(dir)
        .args(["aggregate", "--state", "bad-state.json"])
        .arg(&records[0])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("bad-state.json")
                .and(predicate::str::contains("not a consistent state")),
        );
    // A state edited by hand is refused, naming it.
    std::fs::write(dir.join("bad.json"), "{\"briefing\": 1}").unwrap();
    briefing(dir)
        .args(["aggregate", "--state", "bad.json"])
        .arg(&records[0])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json"));
}
