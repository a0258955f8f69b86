//! `briefing themes`: what it tells a user about the themes as written, over fixture projects.

mod common;

use common::{briefing, fixture_project};

/// A term found with none of its theme's other terms in most articles that carry it is
/// pointed out; a word of the theme's title, found alone as often, is not; neither is a
/// warning, so `--deny-warnings` passes.
#[test]
fn a_term_found_alone_in_most_of_its_articles_is_pointed_out() {
    let project = fixture_project("stray-term");
    let output = briefing(project.path())
        .args(["themes", "--deny-warnings"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report = String::from_utf8(output).unwrap();
    // "charges": three court reports alone, one computing article beside "software".
    assert!(
        report
            .contains("\"charges\" is the theme's only term in 3 of the 4 articles it is found in"),
        "{report}"
    );
    // "fraud" is alone in three of its four articles too, but "Fraud trials" is about it.
    assert!(!report.contains("\"fraud\" is"), "{report}");
    // "computer" is always beside "software".
    assert!(!report.contains("\"computer\" is"), "{report}");
}

/// Every file under `dir` but the project lock, with its bytes: what a command wrote.
fn files_under(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if !path.ends_with(".briefing.lock") {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// `themes` in `dir`: its report and its stderr.
fn themes(dir: &std::path::Path) -> (String, String) {
    let out = briefing(dir)
        .arg("themes")
        .assert()
        .success()
        .get_output()
        .clone();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (text(out.stdout), text(out.stderr))
}

/// `themes` reads what the last build cached, and writes nothing: after the build, after a
/// term edit (the cached articles' sentences matched again) and after an article changed, its
/// report is the one a project without a cache gets, its articles come from the cache, and
/// the cache and the outputs are left byte for byte as they were.
#[test]
fn themes_reads_the_build_cache_and_writes_nothing() {
    let cached = common::seeds_project();
    let uncached = common::seeds_project();
    briefing(cached.path())
        .args(["build", "-q"])
        .assert()
        .success();
    let built = files_under(cached.path());

    let (report, log) = themes(cached.path());
    assert_eq!(report, themes(uncached.path()).0);
    assert!(
        log.contains("read 5 articles (0 processed, 5 from cache)"),
        "{log}"
    );
    assert_eq!(files_under(cached.path()), built);

    // A new term for the first theme, in both projects.
    for dir in [cached.path(), uncached.path()] {
        let config = common::read(dir.join("briefing.toml"));
        let edited = config.replacen("\"veto\", ", "\"veto\", \"Shoigu\", ", 1);
        assert_ne!(edited, config);
        std::fs::write(dir.join("briefing.toml"), edited).unwrap();
    }
    let edited = files_under(cached.path());
    let (report, log) = themes(cached.path());
    assert!(report.contains("Shoigu 1"), "{report}");
    assert_eq!(report, themes(uncached.path()).0);
    assert!(log.contains("(0 processed, 5 from cache)"), "{log}");
    assert_eq!(files_under(cached.path()), edited);

    // One article changed: it alone is processed.
    for dir in [cached.path(), uncached.path()] {
        let seed = std::fs::read_dir(dir.join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .min()
            .unwrap();
        let text = common::read(&seed);
        std::fs::write(&seed, format!("{text}\nRusia mengirim amunisi tambahan.\n")).unwrap();
    }
    let changed = files_under(cached.path());
    let (report, log) = themes(cached.path());
    assert_eq!(report, themes(uncached.path()).0);
    assert!(log.contains("(1 processed, 4 from cache)"), "{log}");
    assert_eq!(files_under(cached.path()), changed);
    // Without a cache, none is made.
    assert!(!uncached.path().join(".briefing-cache").exists());
}
