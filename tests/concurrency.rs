//! Builds that overlap, as real processes: CI jobs on one checkout, `watch` beside a manual
//! build. They take turns (the project lock), so none fails and the briefing stays whole.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{briefing, seeds_project};

const OUTPUTS: [&str; 3] = ["briefing.md", "briefing.html", "briefing.json"];

fn outputs(dir: &Path) -> Vec<Vec<u8>> {
    OUTPUTS
        .iter()
        .map(|f| std::fs::read(dir.join("out").join(f)).unwrap())
        .collect()
}

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("briefing")
}

#[test]
fn builds_started_together_all_succeed_and_leave_the_briefing_whole() {
    let dir = seeds_project();
    briefing(dir.path())
        .args(["build", "--no-cache", "-q"])
        .assert()
        .success();
    let expected = outputs(dir.path());
    for round in 0..10 {
        let children: Vec<_> = (0..3)
            .map(|i| {
                // One of them with the cache, so the cache and the manifest race too.
                let args: &[&str] = if i == 0 {
                    &["build", "-q"]
                } else {
                    &["build", "--no-cache", "-q"]
                };
                Command::new(binary())
                    .args(args)
                    .current_dir(dir.path())
                    .env_remove("SOURCE_DATE_EPOCH")
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let done = child.wait_with_output().unwrap();
            assert!(
                done.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&done.stderr)
            );
        }
        assert_eq!(outputs(dir.path()), expected, "round {round}");
        let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(
            names.len(),
            3,
            "round {round}: only the briefing: {names:?}"
        );
    }
}

#[test]
fn a_second_build_waits_for_the_first_and_says_so() {
    let dir = seeds_project();
    // This test holds the project's lock, as a running build would.
    let held = std::fs::File::open(dir.path()).unwrap();
    held.lock().unwrap();
    let mut child = Command::new(binary())
        .args(["build", "--no-cache"])
        .current_dir(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert!(
        first.contains("waiting for another briefing command"),
        "{first}"
    );
    assert!(
        !dir.path().join("out").exists(),
        "nothing is written while another build holds the project"
    );
    held.unlock().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(child.wait().unwrap().success(), "{rest}");
    assert!(rest.contains("built 5 articles"), "{rest}");
    assert_eq!(outputs(dir.path()).len(), 3);
}
