//! A build that dies between the renames of its three outputs (as `kill -9` or a power cut
//! would stop it): the next build finishes the switch, `check` meanwhile calls the briefing
//! stale, and no file of the user's is touched.

mod common;

use std::path::Path;

use common::{OUTPUTS, briefing, outputs, read, seeds_project};
use predicates::str::contains;

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Changes the title, so that all three outputs change.
fn retitle(dir: &Path) {
    let config = dir.join("briefing.toml");
    let text = read(&config);
    let first = text.lines().find(|l| l.starts_with("title")).unwrap();
    std::fs::write(&config, text.replace(first, "title = \"Another title\"")).unwrap();
}

#[test]
fn a_build_killed_between_renames_is_rolled_forward_by_the_next() {
    let dir = seeds_project();
    let out = dir.path().join("out");
    let config = dir.path().join("briefing.toml");
    let original = read(&config);
    briefing(dir.path()).arg("build").assert().success();
    // A user's own file that looks like a temporary file of ours.
    std::fs::write(out.join(".briefing.md.mine.tmp"), "mine").unwrap();
    for crash_after in [0, 1, 2] {
        std::fs::write(&config, &original).unwrap();
        briefing(dir.path()).arg("build").assert().success();
        let old = outputs(dir.path());
        retitle(dir.path());
        let crashed = briefing(dir.path())
            .arg("build")
            .env("BRIEFING_TEST_CRASH_AFTER_RENAMES", crash_after.to_string())
            .output()
            .unwrap();
        assert!(
            crashed.status.code().is_none(),
            "the build is killed (by a signal) after {crash_after} rename(s): {crashed:?}"
        );
        assert!(
            outputs(dir.path())[2] == old[2],
            "briefing.json is renamed last"
        );
        briefing(dir.path())
            .arg("check")
            .assert()
            .code(1)
            .stderr(contains(
                "an interrupted build left its switch of the outputs unfinished",
            ));
        briefing(dir.path())
            .arg("build")
            .assert()
            .success()
            .stderr(contains("finished switching in the briefing"));
        let new = outputs(dir.path());
        for (i, name) in OUTPUTS.iter().enumerate() {
            assert!(new[i] != old[i], "{name} is the new one");
        }
        assert_eq!(
            names(&out),
            [
                ".briefing.md.mine.tmp",
                "briefing.html",
                "briefing.json",
                "briefing.md"
            ],
            "only the briefing and the user's file"
        );
        briefing(dir.path()).arg("check").assert().success();
    }
    assert_eq!(read(out.join(".briefing.md.mine.tmp")), "mine");
}

/// Runs the build under strace, failing its `n`th rename with "no space left on device", as a
/// full disk would. None when strace is not installed.
fn build_with_failed_rename(dir: &Path, n: usize) -> Option<std::process::Output> {
    let probe = std::process::Command::new("strace").arg("-V").output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return None;
    }
    let calls = "rename,renameat,renameat2";
    Some(
        std::process::Command::new("strace")
            .args(["-f", "-qq", "-o", "/dev/null", "-e"])
            .arg(format!("trace={calls}"))
            .arg("-e")
            .arg(format!("inject={calls}:error=ENOSPC:when={n}"))
            .arg(assert_cmd::cargo::cargo_bin("briefing"))
            .args(["build", "--no-cache"])
            .current_dir(dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap(),
    )
}

#[test]
fn a_journal_that_cannot_be_committed_leaves_the_old_briefing_and_no_files() {
    let dir = seeds_project();
    let out = dir.path().join("out");
    briefing(dir.path()).arg("build").assert().success();
    let old = outputs(dir.path());
    retitle(dir.path());
    // Rename 1 puts the staged journal in place, rename 2 the committed one, then the outputs.
    for n in [1, 2, 3, 4] {
        let Some(failed) = build_with_failed_rename(dir.path(), n) else {
            eprintln!("strace is not installed: this test needs it to fail a rename");
            return;
        };
        assert_eq!(failed.status.code(), Some(2), "rename {n}: {failed:?}");
        assert!(
            String::from_utf8_lossy(&failed.stderr).contains("No space left on device"),
            "rename {n}: {failed:?}"
        );
        assert!(
            outputs(dir.path()) == old,
            "rename {n}: the old briefing, whole"
        );
        assert_eq!(
            names(&out),
            ["briefing.html", "briefing.json", "briefing.md"],
            "rename {n}: no file left behind"
        );
    }
}
