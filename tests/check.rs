//! `briefing check`: 0 when current, 1 when stale (naming files and the fix), 2 on error.

mod common;

use common::{briefing, seeds_project};
use predicates::str::contains;

#[test]
fn check_passes_after_build_and_fails_after_a_seed_changes() {
    let dir = seeds_project();
    briefing(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains("missing"));
    briefing(dir.path()).arg("build").assert().success();
    briefing(dir.path()).arg("check").assert().code(0);
    let seed = dir.path().join("seeds/003_a4b6a87dbb05a943.txt");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(
        &seed,
        text.replace("Rusia dibidik sanksi", "Rusia kembali dibidik sanksi"),
    )
    .unwrap();
    let before: Vec<_> = ["briefing.md", "briefing.html", "briefing.json"]
        .iter()
        .map(|f| std::fs::read(dir.path().join("out").join(f)).unwrap())
        .collect();
    briefing(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains("briefing.json"))
        .stderr(contains("briefing.md"))
        .stderr(contains("run `briefing build`"));
    let after: Vec<_> = ["briefing.md", "briefing.html", "briefing.json"]
        .iter()
        .map(|f| std::fs::read(dir.path().join("out").join(f)).unwrap())
        .collect();
    assert_eq!(before, after, "check writes nothing");
    briefing(dir.path()).arg("build").assert().success();
    briefing(dir.path()).arg("check").assert().code(0);
}

#[test]
fn check_exits_2_on_a_broken_config() {
    let dir = seeds_project();
    std::fs::write(
        dir.path().join("briefing.toml"),
        "title = \"T\"\nsentence = 3\n",
    )
    .unwrap();
    briefing(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains("briefing.toml"))
        .stderr(contains("sentence"))
        .stderr(contains("line 2"));
}

/// Replaces a file by a named pipe of the same name.
#[cfg(unix)]
fn replace_with_fifo(path: &std::path::Path) {
    std::fs::remove_file(path).unwrap();
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn fifos_for_the_configuration_or_an_output_are_refused_not_waited_on() {
    let dir = seeds_project();
    briefing(dir.path()).arg("build").assert().success();
    let md = dir.path().join("out/briefing.md");
    replace_with_fifo(&md);
    briefing(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains("briefing.md: not a regular file"));
    let config = dir.path().join("briefing.toml");
    replace_with_fifo(&config);
    briefing(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains("not a regular file"));
}
