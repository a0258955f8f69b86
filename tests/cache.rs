//! The cache trusts only what it wrote for this input, and never stops a build: entries moved,
//! copied or forged are rebuilt; a cache folder that cannot be used gives one warning; reads of
//! it are bounded. Afterwards `build` and `check` agree.

mod common;

use std::path::{Path, PathBuf};

use briefing::cache::pack::{self, Location};
use common::{OUTPUTS, briefing, outputs, read, seeds_project};
use predicates::prelude::*;
use predicates::str::contains;

/// The cache folder of the project in `dir`.
fn cache_dir(dir: &Path) -> PathBuf {
    dir.join(".briefing-cache")
}

/// Builds the project in `dir` for the first time, on one thread, so that its cache entries
/// are stored in file order: each file's processed articles and heads, then all the files'
/// heads together, what the corpus taught, each article's contribution (after its entry's
/// text), each of the four themes' points, and the build's copy of what it wrote (a text,
/// then the record that names it).
fn first_build(dir: &Path) {
    briefing(dir)
        .arg("build")
        .env("RAYON_NUM_THREADS", "1")
        .assert()
        .success();
}

/// The index entries of the articles' processed forms after [`first_build`], in file order.
fn article_entries(dir: &Path) -> Vec<([u8; 32], Location)> {
    let mut found: Vec<_> = pack::read_index(&cache_dir(dir))
        .unwrap()
        .into_iter()
        .collect();
    found.sort_by_key(|(_, at)| (at.pack, at.offset));
    assert_eq!(
        found.len(),
        5 * 2 + 1 + 1 + 5 * 2 + 4 + 2,
        "the first build's entries"
    );
    found.into_iter().take(10).step_by(2).collect()
}

/// Writes the index with `edit` made to it.
fn edit_index(dir: &Path, edit: impl FnOnce(&mut pack::Index)) {
    let mut index = pack::read_index(&cache_dir(dir)).unwrap();
    edit(&mut index);
    pack::write_index(&cache_dir(dir), &index).unwrap();
}

/// A change that rebuilds the briefing but keeps every article's cache key.
fn change_presentation(dir: &Path, points: usize) {
    let config = dir.join("briefing.toml");
    let text = read(&config);
    let line = text
        .lines()
        .find(|l| l.starts_with("points_per_theme"))
        .unwrap();
    std::fs::write(
        &config,
        text.replace(line, &format!("points_per_theme = {points}")),
    )
    .unwrap();
}

/// What the briefing is without any cache.
fn fresh(dir: &Path) -> Vec<Vec<u8>> {
    let copy = tempfile::tempdir().unwrap();
    common::copy_dir(dir, copy.path());
    let _ = std::fs::remove_dir_all(copy.path().join(".briefing-cache"));
    let _ = std::fs::remove_file(copy.path().join(".briefing-cache"));
    briefing(copy.path())
        .args(["build", "--no-cache", "-q"])
        .assert()
        .success();
    outputs(copy.path())
}

#[test]
fn an_entry_moved_to_another_articles_name_is_not_used() {
    let dir = seeds_project();
    first_build(dir.path());
    let found = article_entries(dir.path());
    assert_eq!(found.len(), 5);
    edit_index(dir.path(), |index| {
        index.insert(found[1].0, found[0].1);
    });
    change_presentation(dir.path(), 3);
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("1 processed, 4 from cache"))
        .stderr(contains("not the one written for this article"))
        .stderr(contains("same text").not());
    assert!(outputs(dir.path()) == fresh(dir.path()));
    briefing(dir.path()).arg("check").assert().success();
}

#[test]
fn an_entry_from_another_project_is_not_used() {
    let dir = seeds_project();
    let other = seeds_project();
    briefing(dir.path()).arg("build").assert().success();
    briefing(other.path()).arg("build").assert().success();
    // The same articles and settings give the same keys: the other project's packs and index
    // copied in, all but its secret.
    for entry in std::fs::read_dir(cache_dir(other.path())).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if name == "index" || name.ends_with(".pack") {
            std::fs::copy(entry.path(), cache_dir(dir.path()).join(name)).unwrap();
        }
    }
    change_presentation(dir.path(), 3);
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("5 processed, 0 from cache"));
}

#[test]
fn an_edited_entry_with_its_checksum_recomputed_is_not_used() {
    let dir = seeds_project();
    first_build(dir.path());
    let word = b"Pyongyang";
    let forged = b"INJECTED!";
    let mut edited = 0;
    for (_, at) in article_entries(dir.path()) {
        let path = cache_dir(dir.path()).join(pack::pack_name(at.pack));
        let mut bytes = std::fs::read(&path).unwrap();
        let entry = &mut bytes[at.offset as usize..(at.offset + at.len) as usize];
        // The layout an attacker sees: 8 bytes of magic, a 32-byte sum, the payload.
        let (head, payload) = entry.split_at_mut(40);
        let mut changed = false;
        for i in 0..payload.len().saturating_sub(word.len()) {
            if &payload[i..i + word.len()] == word {
                payload[i..i + word.len()].copy_from_slice(forged);
                changed = true;
            }
        }
        if changed {
            head[8..40].copy_from_slice(blake3::hash(payload).as_bytes());
            std::fs::write(&path, &bytes).unwrap();
            edited += 1;
        }
    }
    assert!(edited > 0, "some entry holds the word");
    change_presentation(dir.path(), 3);
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("not the one written for this article"));
    for (name, text) in OUTPUTS.iter().zip(outputs(dir.path())) {
        assert!(
            !String::from_utf8_lossy(&text).contains("INJECTED!"),
            "{name} holds no injected text"
        );
    }
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("up to date"));
    briefing(dir.path()).arg("check").assert().success();
}

#[test]
fn a_cache_folder_that_is_a_file_costs_one_warning_not_the_build() {
    let dir = seeds_project();
    std::fs::write(dir.path().join(".briefing-cache"), "a user's file").unwrap();
    let done = briefing(dir.path()).arg("build").assert().success();
    let stderr = String::from_utf8_lossy(&done.get_output().stderr).into_owned();
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(stderr.contains("cannot use the build cache"), "{stderr}");
    briefing(dir.path()).arg("check").assert().success();
    assert_eq!(read(dir.path().join(".briefing-cache")), "a user's file");
}

#[test]
fn a_manifest_that_is_a_folder_costs_a_warning_not_the_build() {
    let dir = seeds_project();
    std::fs::create_dir_all(dir.path().join(".briefing-cache/manifest.json")).unwrap();
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("cannot store the build manifest"));
    briefing(dir.path()).arg("check").assert().success();
}

#[test]
fn huge_entries_fifos_and_leftovers_in_the_cache_are_survived() {
    let dir = seeds_project();
    first_build(dir.path());
    let found = article_entries(dir.path());
    let cache = cache_dir(dir.path());
    // A FIFO where a pack should be: nothing ever writes to it.
    let fifo = 0x00c0_ffee_u64;
    let made = std::process::Command::new("mkfifo")
        .arg(cache.join(pack::pack_name(fifo)))
        .status()
        .unwrap();
    assert!(made.success());
    edit_index(dir.path(), |index| {
        // An entry that says it is 2 GB is refused unread.
        index.get_mut(&found[0].0).unwrap().len = 2 << 30;
        index.get_mut(&found[1].0).unwrap().pack = fifo;
    });
    // What a build killed while storing leaves: a temporary file, a pack no index names.
    let leftover = cache.join(".index.abc123.tmp");
    std::fs::write(&leftover, "half an index").unwrap();
    let orphan = cache.join(pack::pack_name(0xdead_beef));
    std::fs::write(&orphan, "a pack never committed").unwrap();
    change_presentation(dir.path(), 3);
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("2 processed, 3 from cache"))
        .stderr(contains("over the limit"))
        .stderr(contains("not a regular file"));
    assert!(
        !leftover.exists(),
        "a killed build's temporary file is removed"
    );
    assert!(!orphan.exists(), "a killed build's pack is removed");
    briefing(dir.path()).arg("check").assert().success();
}

#[test]
fn clean_removes_only_what_the_cache_wrote() {
    let dir = seeds_project();
    briefing(dir.path()).arg("build").assert().success();
    let cache = dir.path().join(".briefing-cache");
    std::fs::write(cache.join("notes.txt"), "a user's file").unwrap();
    briefing(dir.path())
        .arg("clean")
        .assert()
        .success()
        .stderr(contains(
            "left the folder and what is not the cache's: notes.txt",
        ));
    let left: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, ["notes.txt"]);
    // A file where the cache folder should be is not the cache.
    std::fs::remove_dir_all(&cache).unwrap();
    std::fs::write(&cache, "another file of the user's").unwrap();
    briefing(dir.path())
        .arg("clean")
        .assert()
        .code(2)
        .stderr(contains("not the build cache; left alone"));
    assert_eq!(read(&cache), "another file of the user's");
}
