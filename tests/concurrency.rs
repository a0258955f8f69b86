//! Builds that overlap, as real processes: CI jobs on one checkout, `watch` beside a manual
//! build. They take turns (the project lock), so none fails and the briefing stays whole.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{briefing, outputs, seeds_project};

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

#[test]
fn watch_and_builds_by_hand_take_turns_without_errors() {
    use std::time::{Duration, Instant};
    let dir = seeds_project();
    let log = dir.path().join("watch.log");
    let watcher = Command::new(binary())
        .args(["watch", "--poll"])
        .current_dir(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    /// Stops the watcher however the test ends.
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut watcher = Kill(watcher);
    let read_log = || std::fs::read_to_string(&log).unwrap_or_default();
    let start = Instant::now();
    while !read_log().contains("watching") {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the watcher did not start: {}",
            read_log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let seed = dir.path().join("seeds/004_22d663425594b92f.txt");
    let text = common::read(&seed);
    for round in 0..8 {
        // A change the watcher rebuilds for, and a build by hand at the same time.
        std::fs::write(
            &seed,
            format!("{text}\nNATO menyerukan sanksi ke-{round}.\n"),
        )
        .unwrap();
        let by_hand = Command::new(binary())
            .args(["build", "-q"])
            .current_dir(dir.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        assert!(
            by_hand.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&by_hand.stderr)
        );
        std::thread::sleep(Duration::from_millis(400));
    }
    // Killed wherever it is; the next build finishes or undoes whatever it left.
    watcher.0.kill().unwrap();
    watcher.0.wait().unwrap();
    briefing(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();
    briefing(dir.path()).arg("check").assert().success();
    let said = read_log();
    assert!(!said.contains("error:"), "{said}");
    // Its first build at least; how many rebuilds the changes gave depends on the debounce.
    assert!(said.contains("built 5 articles"), "{said}");
}
