//! `briefing init`, `briefing completions` and `briefing man`, run as a user would: in
//! temporary folders, with the real binary, followed by a real build.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn briefing() -> Command {
    Command::cargo_bin("briefing").unwrap()
}

fn init(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    briefing().arg("init").arg(dir).args(args).assert()
}

/// Builds the project and returns (stderr, briefing.json).
fn build(dir: &Path) -> (String, Value) {
    let out = briefing().args(["build", "-C"]).arg(dir).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let json = std::fs::read_to_string(dir.join("out/briefing.json")).unwrap();
    (stderr, serde_json::from_str(&json).unwrap())
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A project folder holding the repository's seeds in `news/`.
fn seeds_in_news() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::repo().join("seeds"), &dir.path().join("news"));
    dir
}

#[test]
fn init_in_an_empty_folder_makes_a_sample_and_the_first_build_works() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("my briefing");
    let out = init(&project, &[]).success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for file in [
        "briefing.toml",
        ".gitignore",
        ".github/workflows/briefing.yml",
        ".github/briefing/ci.sh",
        "articles/sample-article.md",
    ] {
        assert!(
            project.join(file).is_file(),
            "{file} missing; said:\n{stdout}"
        );
        assert!(stdout.contains(file), "{file} not named in:\n{stdout}");
    }
    assert!(stdout.contains("next: briefing build -C"), "{stdout}");
    let config = read(&project.join("briefing.toml"));
    assert!(config.contains("input = \"articles\""), "{config}");
    assert!(
        config.contains("title = \"Briefing: my briefing\""),
        "{config}"
    );
    assert!(read(&project.join(".gitignore")).contains(".briefing-cache/"));
    // The workflow's script, runnable (the workflow also runs it as `bash FILE`).
    let script = project.join(".github/briefing/ci.sh");
    assert_eq!(read(&script), briefing::init::files::CI_SCRIPT);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&script).unwrap().permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "{mode:o}");
    }

    let (stderr, json) = build(&project);
    assert!(!stderr.contains("warning"), "{stderr}");
    assert_eq!(json["articles"].as_array().unwrap().len(), 1);
    assert!(project.join("out/briefing.html").is_file());
    // And the project is current right after.
    briefing()
        .args(["check", "-C"])
        .arg(&project)
        .assert()
        .success();
}

#[test]
fn init_around_articles_points_at_them_and_suggests_themes_that_find_sentences() {
    let dir = seeds_in_news();
    init(dir.path(), &[]).success();
    let config = read(&dir.path().join("briefing.toml"));
    assert!(config.contains("input = \"news\""), "{config}");
    assert!(
        !dir.path().join("articles").exists(),
        "no sample beside real articles"
    );
    let parsed = briefing::config::Config::load(&dir.path().join("briefing.toml")).unwrap();
    let themes = &parsed.themes;
    assert!((2..=6).contains(&themes.len()), "{config}");
    for theme in themes {
        assert!((3..=6).contains(&theme.terms.len()), "{theme:?}");
    }
    // The UN-and-sanctions subject and the missiles-and-rockets one are told apart.
    let holding = |word: &str| {
        themes
            .iter()
            .position(|t| t.terms.iter().any(|x| x.eq_ignore_ascii_case(word)))
    };
    let sanctions = holding("sanksi").or(holding("Dewan Keamanan"));
    let rockets = holding("roket").or(holding("rudal"));
    assert!(sanctions.is_some() && rockets.is_some(), "{config}");
    assert_ne!(sanctions, rockets, "{config}");

    let (stderr, json) = build(dir.path());
    assert!(
        !stderr.contains("matches nothing") && !stderr.contains("warning"),
        "{stderr}"
    );
    for theme in json["themes"].as_array().unwrap() {
        assert!(theme["sentences"].as_u64().unwrap() > 0, "{theme}");
    }
}

/// IndoSum articles of three categories (`tests/fixtures/subjects/`, named by category): the
/// suggested themes follow the subjects, so each article's strongest theme is mostly shared
/// with articles of its own category.
#[test]
fn articles_of_several_subjects_get_a_theme_per_subject() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::repo().join("tests/fixtures/subjects"),
        &dir.path().join("articles"),
    );
    init(dir.path(), &[]).success();
    let config = read(&dir.path().join("briefing.toml"));
    let (stderr, json) = build(dir.path());
    assert!(!stderr.contains("warning"), "{stderr}");
    let themes = json["themes"].as_array().unwrap();
    assert!((3..=6).contains(&themes.len()), "{config}");
    let parsed = briefing::config::Config::load(&dir.path().join("briefing.toml")).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for term in parsed.themes.iter().flat_map(|t| &t.terms) {
        assert!(seen.insert(term.to_lowercase()), "{term} twice: {config}");
    }
    // Per theme, the categories of the articles whose strongest theme it is.
    let mut members: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let articles = json["articles"].as_array().unwrap();
    for article in articles {
        let Some(top) = article["themes"].get(0) else {
            continue;
        };
        let path = article["path"].as_str().unwrap();
        let category = path.rsplit('/').next().unwrap().split('-').next().unwrap();
        (members
            .entry(top["id"].as_str().unwrap().to_string())
            .or_default())
        .push(category.to_string());
    }
    let (mut themed, mut agreeing) = (0, 0);
    for categories in members.values() {
        let most = (categories.iter())
            .map(|c| categories.iter().filter(|x| *x == c).count())
            .max()
            .unwrap_or(0);
        themed += categories.len();
        agreeing += most;
    }
    assert!(
        themed * 3 >= articles.len() * 2,
        "{themed} themed: {config}"
    );
    assert!(
        agreeing * 10 >= themed * 8,
        "{agreeing} of {themed}: {members:?} {config}"
    );
}

#[test]
fn the_same_articles_give_the_same_configuration() {
    let (a, b) = (seeds_in_news(), seeds_in_news());
    init(a.path(), &[]).success();
    init(b.path(), &["--input", "news"]).success();
    // The title comes from the folder's name; the rest is byte-identical.
    let strip = |dir: &Path| {
        read(&dir.join("briefing.toml"))
            .lines()
            .filter(|l| !l.starts_with("title = "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(a.path()), strip(b.path()));
}

#[test]
fn init_twice_refuses_and_names_the_file_and_force_replaces() {
    let dir = seeds_in_news();
    init(dir.path(), &[]).success();
    let config = dir.path().join("briefing.toml");
    std::fs::write(&config, "title = \"mine\"\ninput = \"news\"\n").unwrap();
    std::fs::write(dir.path().join(".gitignore"), "target/").unwrap();

    let out = init(dir.path(), &[]).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("briefing.toml") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(stderr.contains("briefing.yml"), "{stderr}");
    assert_eq!(
        read(&config),
        "title = \"mine\"\ninput = \"news\"\n",
        "left alone"
    );
    assert_eq!(read(&dir.path().join(".gitignore")), "target/");

    let out = init(dir.path(), &["--force"]).success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("replaced"), "{stdout}");
    assert!(read(&config).contains("[[themes]]"));
    // .gitignore is added to, never replaced, and only once.
    assert_eq!(
        read(&dir.path().join(".gitignore")),
        format!(
            "target/\n{}",
            read(&common::repo().join("templates/init/gitignore"))
        )
    );
    init(dir.path(), &["--force"]).success();
    assert_eq!(
        read(&dir.path().join(".gitignore"))
            .matches(".briefing-cache/")
            .count(),
        1
    );
}

#[test]
fn articles_at_the_top_level_or_in_several_folders_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("story.txt"),
        "A story. It has two sentences.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("README.md"), "# Not an article\n").unwrap();
    let out = init(dir.path(), &[]).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("story.txt") && !stderr.contains("README"),
        "{stderr}"
    );
    assert!(stderr.contains("folder of their own"), "{stderr}");
    assert!(!dir.path().join("briefing.toml").exists());

    let dir = tempfile::tempdir().unwrap();
    for folder in ["a", "b"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join("x.txt"), "One. Two.\n").unwrap();
    }
    let out = init(dir.path(), &[]).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("--input") && stderr.contains("a, b"),
        "{stderr}"
    );
    init(dir.path(), &["--input", "b"]).success();
    assert!(read(&dir.path().join("briefing.toml")).contains("input = \"b\""));

    for bad in ["..", ".", "/"] {
        init(dir.path(), &["--input", bad, "--force"]).code(2);
    }
}

#[test]
fn without_a_configuration_every_command_says_to_run_init() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["build", "check", "themes", "clean"] {
        let out = briefing()
            .current_dir(dir.path())
            .arg(command)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            stderr.contains("run `briefing init`"),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn bash_completion_mentions_every_subcommand() {
    let out = briefing().args(["completions", "bash"]).assert().success();
    let script = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for sub in [
        "init",
        "build",
        "check",
        "summarize",
        "eval",
        "themes",
        "clean",
        "fetch",
        "watch",
        "completions",
        "man",
    ] {
        assert!(script.contains(sub), "{sub} missing");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = briefing().args(["completions", shell]).assert().success();
        assert!(out.get_output().stdout.len() > 1000, "{shell}");
    }
    briefing().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_is_roff_and_lists_the_options() {
    let out = briefing().arg("man").assert().success();
    let page = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    // roff: requests from the first line, the title header among the first three.
    assert!(page.starts_with('.'), "{page}");
    assert!(
        page.lines()
            .take(3)
            .any(|l| l.starts_with(".TH briefing 1 ")),
        "{page}"
    );
    for sub in ["init", "build", "completions", "man"] {
        assert!(
            page.contains(&format!("briefing\\-{sub}")),
            "{sub} missing:\n{page}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    briefing()
        .args(["man", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let init_page = read(&dir.path().join("briefing-init.1"));
    assert!(init_page.contains(".TH briefing-init 1"), "{init_page}");
    for option in ["\\-\\-input", "\\-\\-force"] {
        assert!(init_page.contains(option), "{option} missing:\n{init_page}");
    }
    assert!(dir.path().join("briefing-build.1").is_file());
}
