//! Rebuilds as CI does them: deterministic across runs and thread counts, incremental through
//! the cache, atomic when a write fails, and strict with --deny-warnings.

mod common;

use common::{briefing, outputs, read, seeds_project};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn one_thread_and_many_give_the_same_bytes() {
    let dir = seeds_project();
    briefing(dir.path())
        .args(["build", "--no-cache"])
        .env("RAYON_NUM_THREADS", "1")
        .assert()
        .success();
    let single = outputs(dir.path());
    briefing(dir.path())
        .args(["build", "--no-cache"])
        .env("RAYON_NUM_THREADS", "8")
        .assert()
        .success();
    assert_eq!(single, outputs(dir.path()));
}

#[test]
fn a_changed_article_is_the_only_one_processed_again() {
    let dir = seeds_project();
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("5 processed, 0 from cache"));
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("up to date"));
    let seed = dir.path().join("seeds/004_22d663425594b92f.txt");
    let text = read(&seed);
    std::fs::write(&seed, format!("{text}\nNATO menyerukan sanksi baru.\n")).unwrap();
    briefing(dir.path())
        .args(["build", "--verbose"])
        .assert()
        .success()
        .stderr(contains("1 processed, 4 from cache"))
        .stderr(contains("processed ./seeds/004_22d663425594b92f.txt"));
    assert_equals_fresh_build(dir.path(), "a cached build");
}

/// A build reads again only the files whose stamp moved; an edit that keeps a file's size and
/// puts its modification time back still moves its change time, and is seen.
#[test]
fn an_edit_that_keeps_size_and_modification_time_is_still_seen() {
    let dir = seeds_project();
    // Files are stamped only once they have been left alone for a while.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    briefing(dir.path()).arg("build").assert().success();
    let seed = dir.path().join("seeds/004_22d663425594b92f.txt");
    let modified = std::fs::metadata(&seed).unwrap().modified().unwrap();
    let text = read(&seed);
    let changed = text.replacen("NATO", "ATAN", 1);
    assert!(changed != text && changed.len() == text.len());
    std::fs::write(&seed, changed).unwrap();
    let file = std::fs::File::options().write(true).open(&seed).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(
        std::fs::metadata(&seed).unwrap().modified().unwrap(),
        modified
    );
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("1 processed, 4 from cache"));
    assert_equals_fresh_build(dir.path(), "the rebuild");
}

/// Asserts that the outputs the build in `dir` just wrote are byte for byte those a build
/// without the cache writes (`what` names the build in a failure).
fn assert_equals_fresh_build(dir: &std::path::Path, what: &str) {
    let built = outputs(dir);
    briefing(dir)
        .args(["build", "--no-cache"])
        .assert()
        .success();
    assert_eq!(built, outputs(dir), "{what} equals a fresh build");
}

/// Appends a sentence to an article of the project in `dir`.
fn edit(dir: &std::path::Path, path: &str, sentence: &str) {
    let file = dir.join(path);
    let text = read(&file);
    std::fs::write(&file, format!("{text}\n{sentence}\n")).unwrap();
}

/// Gives the seeds project in `dir` a sample of two articles' worth (the five seeds are
/// sampled by id, about half of them); its seeds' ids, sorted, and the sample.
fn sample_of_two(dir: &std::path::Path) -> (Vec<String>, briefing::learn::Sample) {
    let config = dir.join("briefing.toml");
    std::fs::write(
        &config,
        format!("{}\n[grouping]\nsample = 2\n", read(&config)),
    )
    .unwrap();
    let mut seeds: Vec<String> = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| format!("seeds/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    seeds.sort();
    (seeds, briefing::learn::Sample::of(5, 2))
}

#[test]
fn an_edit_outside_the_sample_reuses_what_was_learned_and_one_inside_learns_again() {
    let dir = seeds_project();
    let (seeds, sample) = sample_of_two(dir.path());
    let inside = seeds.iter().find(|id| sample.contains(id)).unwrap().clone();
    let outside = seeds
        .iter()
        .find(|id| !sample.contains(id))
        .unwrap()
        .clone();
    briefing(dir.path())
        .args(["build", "--verbose"])
        .assert()
        .success()
        .stderr(contains("5 processed, 0 from cache"))
        .stderr(contains("reused").not());
    // The last rebuild spills its article entries to a temporary file, as a large one does.
    let edits = [
        (&outside, true, "2GiB"),
        (&inside, false, "2GiB"),
        (&outside, true, "2GiB"),
        (&outside, true, "64KiB"),
    ];
    for (path, reused, memory) in edits {
        edit(
            dir.path(),
            path,
            "NATO menyerukan sanksi baru terhadap Moskow.",
        );
        let rebuilt = briefing(dir.path())
            .args(["build", "--verbose", "--memory", memory])
            .assert()
            .success()
            .stderr(contains("1 processed, 4 from cache"))
            .stderr(contains(format!("processed ./{path}")));
        let said = String::from_utf8_lossy(&rebuilt.get_output().stderr).contains("reused");
        assert_eq!(said, reused, "{path}: reused {said}");
        assert_equals_fresh_build(dir.path(), &format!("{path}: the rebuild"));
    }
}

/// The files' heads a rebuild reads come from one entry the last build kept for all of them;
/// a file it did not list (new, or a copy of another's text) is looked up on its own.
#[test]
fn rebuilds_after_new_and_copied_files_equal_fresh_builds() {
    let dir = seeds_project();
    let (seeds, sample) = sample_of_two(dir.path());
    let outside = seeds
        .iter()
        .find(|id| !sample.contains(id))
        .unwrap()
        .clone();
    briefing(dir.path()).arg("build").assert().success();
    // A copy of another seed's text: its file is new, its text a repeat.
    let other = seeds.iter().find(|id| **id != outside).unwrap();
    std::fs::copy(dir.path().join(other), dir.path().join("seeds/zz-copy.txt")).unwrap();
    for round in 0..3 {
        edit(
            dir.path(),
            &outside,
            &format!("Kalimat tambahan nomor {round}."),
        );
        briefing(dir.path())
            .args(["build", "--verbose"])
            .assert()
            .success()
            .stderr(contains(format!("processed ./{outside}")))
            .stderr(contains("reused the last build"));
        assert_equals_fresh_build(dir.path(), &format!("round {round}: the rebuild"));
    }
}

#[test]
fn a_briefing_with_warnings_is_up_to_date_too_and_says_them_again() {
    let dir = seeds_project();
    let config = dir.path().join("briefing.toml");
    // A term found in no article: a warning about the themes on every build.
    std::fs::write(
        &config,
        read(&config).replacen("terms = [", "terms = [\"zeppelinkapal\", ", 1),
    )
    .unwrap();
    let warning = "zeppelinkapal";
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 5 articles"))
        .stderr(contains(warning));
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("up to date"))
        .stderr(contains(warning));
    briefing(dir.path())
        .args(["build", "--deny-warnings"])
        .assert()
        .code(1)
        .stderr(contains(warning))
        .stderr(contains("--deny-warnings"));
}

#[test]
fn config_and_template_changes_rebuild() {
    let dir = seeds_project();
    briefing(dir.path()).arg("build").assert().success();
    let config = dir.path().join("briefing.toml");
    std::fs::write(
        &config,
        read(&config).replace("points_per_theme = 6", "points_per_theme = 2"),
    )
    .unwrap();
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 5 articles"));
    let template = dir.path().join("templates/briefing.md");
    std::fs::write(
        &template,
        format!("{}\n<!-- changed -->\n", read(&template)),
    )
    .unwrap();
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 5 articles"));
    assert!(read(dir.path().join("out/briefing.md")).ends_with("<!-- changed -->\n"));
}

/// A theme's title, description and id are read only by the cross-article steps, and its
/// terms only by theme matching, which a cached article does again from its sentences:
/// editing a theme keeps every article's cached results, and the briefing is a fresh build's,
/// whatever was edited, and when the terms are put back.
#[test]
fn a_theme_retitled_or_given_new_terms_keeps_the_articles_cached() {
    let dir = seeds_project();
    briefing(dir.path()).arg("build").assert().success();
    let text = read(dir.path().join("briefing.toml"));
    // The first theme's id, title and description.
    let (start, end) = (
        text.find("[[themes]]").unwrap(),
        text.find("terms = [").unwrap(),
    );
    let retitled = format!(
        "{}[[themes]]\nid = \"un-veto\"\ntitle = \"Sanksi dan veto di Dewan Keamanan\"\n\
         description = \"Apa yang diputuskan dan diveto di PBB.\"\n{}",
        &text[..start],
        &text[end..]
    );
    build_from_cache_with(dir.path(), &retitled);
    assert!(read(dir.path().join("out/briefing.md")).contains("Sanksi dan veto di Dewan Keamanan"));
    assert_equals_fresh_build(dir.path(), "a build after a theme was retitled");
    // Terms that put new sentences under the first theme, and an exclusion on another.
    let new_terms = retitled
        .replacen("terms = [", "terms = [\"Shoigu\", \"Kremlin\", ", 1)
        .replacen("exclude = [", "exclude = [\"Kremlin mengatakan\", ", 1);
    assert!(!first_theme_points(dir.path()).contains("Shoigu"));
    build_from_cache_with(dir.path(), &new_terms);
    assert!(first_theme_points(dir.path()).contains("Sergey Shoigu menghadiri"));
    assert_equals_fresh_build(dir.path(), "a build after terms were added");
    // The terms as they were: matched again, as a fresh build matches them.
    build_from_cache_with(dir.path(), &retitled);
    assert!(!first_theme_points(dir.path()).contains("Shoigu"));
    assert_equals_fresh_build(dir.path(), "a build after the terms were put back");
}

/// Writes `config` as the project's briefing.toml and builds: every article from the cache.
fn build_from_cache_with(dir: &std::path::Path, config: &str) {
    std::fs::write(dir.join("briefing.toml"), config).unwrap();
    briefing(dir)
        .arg("build")
        .assert()
        .success()
        .stderr(contains("0 processed, 5 from cache"));
}

/// The texts of the first theme's points in the project's briefing.json, one a line.
fn first_theme_points(dir: &std::path::Path) -> String {
    let json: serde_json::Value =
        serde_json::from_str(&read(dir.join("out/briefing.json"))).unwrap();
    json["themes"][0]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{}\n", p["text"].as_str().unwrap()))
        .collect()
}

#[test]
fn a_damaged_cache_is_survived_and_not_trusted() {
    let dir = seeds_project();
    // On one thread, the entries are stored in file order: each file's processed articles and
    // heads, then all the files' heads together, what the corpus taught, the five
    // contributions (each after its entry's text), the four themes' points, and the build's
    // copy of what it wrote (a text, then the record that names it).
    briefing(dir.path())
        .arg("build")
        .env("RAYON_NUM_THREADS", "1")
        .assert()
        .success();
    let good = outputs(dir.path());
    let cache = dir.path().join(".briefing-cache");
    std::fs::remove_file(cache.join("manifest.json")).unwrap();
    let mut entries: Vec<_> = briefing::cache::pack::read_index(&cache)
        .unwrap()
        .into_values()
        .collect();
    entries.sort_by_key(|at| (at.pack, at.offset));
    entries.truncate(entries.len() - 2);
    assert_eq!(entries.len(), 5 * 2 + 1 + 1 + 5 * 2 + 4);
    let pack = cache.join(briefing::cache::pack::pack_name(entries[0].pack));
    let mut bytes = std::fs::read(&pack).unwrap();
    let range =
        |i: usize| entries[i].offset as usize..(entries[i].offset + entries[i].len) as usize;
    // Garbage over all the heads together and over the first file's own, the second half of
    // the second's zeroed, the last byte of the third's flipped: those three files are read
    // again. What the corpus taught is damaged too, so the other two files' processed articles
    // are read from the cache.
    let (heads, all_heads, taught) = (|file: usize| 2 * file + 1, 10, 11);
    bytes[range(all_heads)][..8].copy_from_slice(b"garbage!");
    bytes[range(heads(0))][..8].copy_from_slice(b"garbage!");
    let half = range(heads(1)).start + entries[heads(1)].len as usize / 2;
    bytes[half..range(heads(1)).end].fill(0);
    bytes[range(heads(2)).end - 1] ^= 0x55;
    bytes[range(taught).end - 1] ^= 0x55;
    std::fs::write(&pack, &bytes).unwrap();
    briefing(dir.path())
        .args(["build", "--deny-warnings"])
        .assert()
        .success()
        .stderr(contains("3 processed, 2 from cache"))
        .stderr(contains("not a briefing cache entry"))
        .stderr(contains("not the one written for this article"));
    assert_eq!(good, outputs(dir.path()));
}

#[test]
fn a_damaged_cached_text_found_while_writing_is_made_again() {
    let dir = seeds_project();
    let config = dir.path().join("briefing.toml");
    // A sample of two, and one entry shown: a rebuild copies the other entries' cached texts
    // into briefing.json unread until it writes it.
    let text = read(&config).replacen("[briefing]\n", "[briefing]\narticles_shown = 1\n", 1);
    assert!(
        text.contains("articles_shown = 1"),
        "the seeds' configuration changed"
    );
    std::fs::write(&config, format!("{text}\n[grouping]\nsample = 2\n")).unwrap();
    let sample = briefing::learn::Sample::of(5, 2);
    let mut ids: Vec<String> = std::fs::read_dir(dir.path().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    let path = |id: &String| format!("seeds/{id}");
    let outside = ids.iter().find(|id| !sample.contains(&path(id))).unwrap();
    let build = |args: &[&str]| briefing(dir.path()).args(args).assert().success();
    build(&["build", "--memory", "64KiB"]);
    // Two articles' texts (never the one shown, nor the one edited below) get one letter
    // changed each, in place.
    let damaged: Vec<&String> = (ids.iter().skip(1))
        .filter(|id| *id != outside)
        .take(2)
        .collect();
    assert_eq!(damaged.len(), 2);
    let cache = dir.path().join(".briefing-cache");
    let mut found = 0;
    for at in briefing::cache::pack::read_index(&cache).unwrap().values() {
        let pack = cache.join(briefing::cache::pack::pack_name(at.pack));
        let mut bytes = std::fs::read(&pack).unwrap();
        let entry = &mut bytes[at.offset as usize..(at.offset + at.len) as usize];
        let payload = &entry[40..];
        let named = |id: &&String| {
            let stem = id.trim_end_matches(".txt");
            contains_bytes(payload, format!("\"{stem}\"").as_bytes())
        };
        if payload.starts_with(b"{") && damaged.iter().any(named) {
            let i = 40 + payload.len() / 2;
            entry[i] = if entry[i] == b'a' { b'b' } else { b'a' };
            std::fs::write(&pack, &bytes).unwrap();
            found += 1;
        }
    }
    assert_eq!(found, 2, "the cached texts of {damaged:?}");
    edit(
        dir.path(),
        &path(outside),
        "NATO menyerukan sanksi baru terhadap Moskow.",
    );
    build(&["build", "--verbose", "--memory", "64KiB"])
        .stderr(contains("not the one its entry names"))
        .stderr(contains("building again without it"))
        .stderr(contains("reused"));
    let rebuilt = outputs(dir.path());
    build(&["build", "--no-cache"]);
    assert_eq!(
        rebuilt,
        outputs(dir.path()),
        "the rebuild equals a fresh build"
    );
    // The damaged text is gone: the next build finds nothing wrong.
    edit(dir.path(), &path(outside), "Kremlin membantah tuduhan itu.");
    build(&["build", "--memory", "64KiB"]).stderr(contains("not the one its entry names").not());
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_failed_write_leaves_the_previous_briefing_whole() {
    let dir = seeds_project();
    briefing(dir.path()).arg("build").assert().success();
    let old = outputs(dir.path());
    let seed = dir.path().join("seeds/000_c6d91555ae0bc334.txt");
    std::fs::write(
        &seed,
        read(&seed).replace(
            "Sekarang, bahkan itu telah berantakan.",
            "Kini semuanya berantakan.",
        ),
    )
    .unwrap();
    // The last output cannot be replaced: its name is taken by a folder.
    let json = dir.path().join("out/briefing.json");
    std::fs::remove_file(&json).unwrap();
    std::fs::create_dir(&json).unwrap();
    std::fs::write(json.join("keep"), "x").unwrap();
    briefing(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("briefing.json"));
    assert_eq!(
        std::fs::read(dir.path().join("out/briefing.md")).unwrap(),
        old[0]
    );
    assert_eq!(
        std::fs::read(dir.path().join("out/briefing.html")).unwrap(),
        old[1]
    );
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "no temporary files left: {names:?}"
    );
}

#[test]
fn files_briefing_did_not_write_are_left_alone() {
    let dir = seeds_project();
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/notes.txt"), "mine").unwrap();
    briefing(dir.path()).arg("build").assert().success();
    assert_eq!(read(dir.path().join("out/notes.txt")), "mine");
    briefing(dir.path()).arg("check").assert().success();
}

#[test]
fn deny_warnings_fails_on_an_input_warning_and_writes_nothing() {
    let dir = seeds_project();
    std::fs::write(dir.path().join("seeds/photo.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
    briefing(dir.path())
        .args(["build", "--deny-warnings"])
        .assert()
        .code(1)
        .stderr(contains("photo.png"))
        .stderr(contains("--deny-warnings"));
    assert!(!dir.path().join("out").exists());
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("photo.png"));
    briefing(dir.path())
        .args(["check", "--deny-warnings"])
        .assert()
        .code(1);
}

#[test]
fn the_generated_date_comes_only_from_source_date_epoch_or_config() {
    let dir = seeds_project();
    briefing(dir.path()).arg("build").assert().success();
    assert!(read(dir.path().join("out/briefing.json")).contains("\"generated\": null"));
    briefing(dir.path())
        .arg("build")
        .env("SOURCE_DATE_EPOCH", "1694563200")
        .assert()
        .success();
    assert!(read(dir.path().join("out/briefing.json")).contains("\"generated\": \"2023-09-13\""));
}

#[test]
fn clean_removes_the_cache_only() {
    let dir = seeds_project();
    briefing(dir.path()).arg("build").assert().success();
    assert!(dir.path().join(".briefing-cache").is_dir());
    // The blocks of a large briefing replaced, kept for the next build to write into.
    std::fs::write(dir.path().join(".briefing-cache/spare-briefing.json"), "{}").unwrap();
    briefing(dir.path())
        .arg("clean")
        .assert()
        .success()
        .stderr(contains("removed"));
    assert!(!dir.path().join(".briefing-cache").exists());
    assert!(dir.path().join("out/briefing.md").is_file());
}

#[test]
fn watch_rebuilds_after_a_change_and_ignores_its_own_output() {
    watch_rebuilds_once_per_change(&[]);
}

#[test]
fn watch_by_polling_rebuilds_after_a_change_and_ignores_its_own_output() {
    watch_rebuilds_once_per_change(&["--poll"]);
}

/// Runs `briefing watch` with `args` on the seeds, changes one article and expects exactly one
/// rebuild.
fn watch_rebuilds_once_per_change(args: &[&str]) {
    use std::time::{Duration, Instant};
    let dir = seeds_project();
    let log = dir.path().join("watch.log");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("briefing"))
        .arg("watch")
        .args(args)
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
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
    let _watcher = Kill(child);
    let runs = || {
        read(&log)
            .lines()
            .filter(|l| l.starts_with("built") || l.starts_with("briefing in"))
            .count()
    };
    let md = dir.path().join("out/briefing.md");
    let wait_for = |what: &str, ok: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !ok() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "timed out waiting for {what}; the watcher said:\n{}",
                read(&log)
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait_for("the watcher", &|| read(&log).contains("watching"));
    assert!(md.is_file(), "{}", read(&log));
    let first = read(&md);
    let seed = dir.path().join("seeds/002_fd35345ef8093550.txt");
    std::fs::write(
        &seed,
        read(&seed).replace("Pertemuan langka", "Pertemuan yang sangat langka"),
    )
    .unwrap();
    wait_for("the rebuild", &|| {
        std::fs::read_to_string(&md).is_ok_and(|now| now != first)
    });
    assert!(read(&md).contains("Pertemuan yang sangat langka"));
    // Writing out/ and the cache must not trigger more builds: after the debounce window has
    // passed several times over, still exactly two runs.
    wait_for("the second run's report", &|| runs() >= 2);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(runs(), 2, "{}", read(&log));
}

#[test]
fn a_source_date_epoch_that_is_not_a_number_is_warned_about() {
    let dir = seeds_project();
    briefing(dir.path())
        .args(["build", "-q"])
        .env("SOURCE_DATE_EPOCH", "abc")
        .assert()
        .success()
        .stderr(contains("SOURCE_DATE_EPOCH=\"abc\" is not a whole number"));
}

/// The rows of a `--timings` table: (phase, wall seconds, CPU seconds), total row included.
fn timing_rows(stderr: &[u8]) -> Vec<(String, f64, f64)> {
    let text = String::from_utf8_lossy(stderr);
    let mut lines = text.lines().skip_while(|l| !l.starts_with("phase "));
    assert!(lines.next().is_some(), "no timings table in {text}");
    lines
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let [name @ .., wall, cpu] = words.as_slice() else {
                panic!("not a timings row: {line:?}");
            };
            (name.join(" "), wall.parse().unwrap(), cpu.parse().unwrap())
        })
        .collect()
}

#[test]
fn timings_name_each_phase_and_change_nothing_built() {
    let dir = seeds_project();
    briefing(dir.path())
        .args(["build", "--no-cache"])
        .assert()
        .success();
    let plain = outputs(dir.path());
    let full = briefing(dir.path())
        .args(["build", "-q", "--timings"])
        .assert()
        .success();
    assert_eq!(plain, outputs(dir.path()));
    let rows = timing_rows(&full.get_output().stderr);
    let names: Vec<&str> = rows.iter().map(|(n, _, _)| n.as_str()).collect();
    for phase in [
        "scan",
        "articles and model",
        "pages rendered and outputs written",
        "manifest and cache commit",
        "total",
    ] {
        assert!(names.contains(&phase), "{phase} missing from {names:?}");
    }
    let (total, phases) = rows.split_last().unwrap();
    let sum: f64 = phases.iter().map(|(_, wall, _)| wall).sum();
    assert!((total.1 - sum).abs() < 0.01, "{rows:?}");
    let again = briefing(dir.path())
        .args(["build", "-q", "--timings"])
        .assert()
        .success();
    let names: Vec<String> = timing_rows(&again.get_output().stderr)
        .into_iter()
        .map(|(n, _, _)| n)
        .collect();
    assert!(names.iter().any(|n| n == "up-to-date check"), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n == "pages rendered and outputs written"),
        "{names:?}"
    );
}
