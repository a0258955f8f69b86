//! Helpers shared by the CLI tests: temporary copies of fixture projects and the real binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the repository's own project (briefing.toml, seeds/, templates/).
pub fn seeds_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("briefing.toml"),
        dir.path().join("briefing.toml"),
    )
    .unwrap();
    copy_dir(&repo().join("seeds"), &dir.path().join("seeds"));
    copy_dir(&repo().join("templates"), &dir.path().join("templates"));
    dir
}

/// A temporary copy of `tests/fixtures/projects/NAME`.
pub fn fixture_project(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("tests/fixtures/projects").join(name),
        dir.path(),
    );
    dir
}

/// The `briefing` binary, run in `dir`.
pub fn briefing(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("briefing").unwrap();
    cmd.current_dir(dir).env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// Reads a file to a string.
pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// Escapes text as tera's HTML autoescape does.
pub fn escape_html(text: &str) -> String {
    let mut out = Vec::new();
    tera::escape_html(text, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The three files a build writes into `out/`.
pub const OUTPUTS: [&str; 3] = ["briefing.md", "briefing.html", "briefing.json"];

/// The bytes of the three outputs of the project in `dir`.
pub fn outputs(dir: &Path) -> Vec<Vec<u8>> {
    OUTPUTS
        .iter()
        .map(|f| std::fs::read(dir.join("out").join(f)).unwrap())
        .collect()
}
