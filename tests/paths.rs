//! The project's folders are checked as they resolve on disk: the briefing never overwrites the
//! templates, lives in the cache, or lands in the input through a link, and an input outside
//! the project is read only when asked for.

mod common;

use common::{briefing, read, seeds_project};
use predicates::str::contains;

fn set(dir: &std::path::Path, key: &str, value: &str) {
    let config = dir.join("briefing.toml");
    let text = read(&config);
    let line = text.lines().find(|l| l.starts_with(key)).unwrap();
    std::fs::write(&config, text.replace(line, &format!("{key} = \"{value}\""))).unwrap();
}

#[test]
fn an_output_onto_the_projects_own_folders_is_refused() {
    for folder in ["templates", ".briefing-cache", "./templates"] {
        let dir = seeds_project();
        let before = read(dir.path().join("templates/briefing.md"));
        set(dir.path(), "output", folder);
        briefing(dir.path())
            .arg("build")
            .assert()
            .code(2)
            .stderr(contains("Point output at a folder of its own"));
        assert_eq!(read(dir.path().join("templates/briefing.md")), before);
        assert!(
            !dir.path().join("templates/briefing.json").exists(),
            "{folder}"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_output_linked_into_the_input_is_refused() {
    let dir = seeds_project();
    std::fs::create_dir(dir.path().join("seeds/briefing")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("seeds/briefing"), dir.path().join("out")).unwrap();
    briefing(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("the input folder"))
        .stderr(contains("it would be read as articles"));
    assert_eq!(
        std::fs::read_dir(dir.path().join("seeds/briefing"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn an_input_outside_the_project_needs_allow_outside() {
    let root = seeds_project();
    set(root.path(), "input", "/");
    briefing(root.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains(
            "input = \"/\" resolves to /, outside the project folder",
        ));
    let dir = seeds_project();
    let elsewhere = tempfile::tempdir().unwrap();
    common::copy_dir(&dir.path().join("seeds"), elsewhere.path());
    set(dir.path(), "input", elsewhere.path().to_str().unwrap());
    briefing(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("outside the project folder"))
        .stderr(contains("--allow-outside"));
    assert!(!dir.path().join("out").exists());
    briefing(dir.path())
        .args(["build", "--allow-outside"])
        .assert()
        .success();
}
