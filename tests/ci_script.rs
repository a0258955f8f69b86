//! `.github/briefing/ci.sh`, the steps of the workflow `briefing init` writes, run as the workflow
//! runs them: in clones of a project made by `briefing init`, with a local bare repository as
//! `origin`, GitHub's files (`GITHUB_STEP_SUMMARY`, `GITHUB_OUTPUT`, `GITHUB_PATH`) as temporary
//! files, the environment from the workflow's `env`, and the freshly built `briefing` on PATH
//! beside a `cargo` that records being called (it must not be).
//!
//! Skipped, saying so, when `git` or `jq` is missing (`.ci/run` installs jq).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// True when `program --version` runs.
fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn skip() -> bool {
    let missing: Vec<&str> = ["git", "jq"]
        .into_iter()
        .filter(|p| !available(p))
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "skipping: {} not found (install it to run the workflow's script)",
            missing.join(" and ")
        );
    }
    !missing.is_empty()
}

/// A temporary world: a bare `origin`, a HOME, a PATH with briefing and a recording `cargo`.
struct World {
    dir: tempfile::TempDir,
    path: String,
    /// The workflow's `env` (BRIEFING_INPUT, …), read from the project's workflow.
    env: Vec<(String, String)>,
}

impl World {
    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn origin(&self) -> PathBuf {
        self.root().join("origin.git")
    }

    fn cargo_called(&self) -> bool {
        self.root().join("cargo-called").exists()
    }

    /// Runs a command in `dir` with the world's environment; returns stdout and stderr, panicking
    /// with both when it fails.
    fn run(&self, dir: &Path, program: &str, args: &[&str], extra: &[(&str, &str)]) -> String {
        let mut command = Command::new(program);
        command
            .args(args)
            .current_dir(dir)
            .env("PATH", &self.path)
            .env("HOME", self.root().join("home"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Author")
            .env("GIT_AUTHOR_EMAIL", "author@example.org")
            .env("GIT_COMMITTER_NAME", "Author")
            .env("GIT_COMMITTER_EMAIL", "author@example.org")
            .env_remove("SOURCE_DATE_EPOCH")
            .env_remove("BASE")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("GITHUB_OUTPUT")
            .env_remove("GITHUB_PATH");
        for (key, value) in &self.env {
            command.env(key, value);
        }
        for (key, value) in extra {
            command.env(key, value);
        }
        let out = command
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success(),
            "{program} {args:?} in {} failed:\n{text}",
            dir.display()
        );
        text
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        self.run(dir, "git", args, &[])
    }

    /// Runs `bash .github/briefing/ci.sh ARGS` in `clone`, as a workflow step does, with GitHub's
    /// files in the folder `files` and `BASE` when given; returns its output.
    fn step(&self, clone: &Path, args: &[&str], base: Option<&str>, files: &Path) -> String {
        std::fs::create_dir_all(files).unwrap();
        let (summary, output, github_path) = (
            files.join("summary.md"),
            files.join("output"),
            files.join("path"),
        );
        let mut extra = vec![
            ("GITHUB_STEP_SUMMARY", summary.to_str().unwrap()),
            ("GITHUB_OUTPUT", output.to_str().unwrap()),
            ("GITHUB_PATH", github_path.to_str().unwrap()),
        ];
        extra.extend(base.map(|b| ("BASE", b)));
        let mut all = vec![".github/briefing/ci.sh"];
        all.extend(args);
        self.run(clone, "bash", &all, &extra)
    }

    /// A fresh clone of `origin` at `branch`.
    fn clone(&self, name: &str, branch: &str) -> PathBuf {
        let target = self.root().join(name);
        let origin = self.origin();
        self.git(
            self.root(),
            &[
                "clone",
                "-q",
                "-b",
                branch,
                origin.to_str().unwrap(),
                target.to_str().unwrap(),
            ],
        );
        target
    }
}

/// A project made by `briefing init` around three of the seeds, built and pushed to `origin`'s
/// main; the last two seeds are kept aside for new articles.
fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let root = root.as_path();
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(root.join("home")).unwrap();
    let briefing = assert_cmd::cargo::cargo_bin("briefing");
    std::os::unix::fs::symlink(&briefing, bin.join("briefing")).unwrap();
    let cargo = bin.join("cargo");
    std::fs::write(
        &cargo,
        format!(
            "#!/bin/sh\ntouch '{}'\necho 'cargo must not run' >&2\nexit 1\n",
            root.join("cargo-called").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut world = World {
        dir,
        path,
        env: Vec::new(),
    };

    let project = root.join("project");
    let articles = project.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    for seed in &seeds()[..3] {
        std::fs::copy(seed, articles.join(seed.file_name().unwrap())).unwrap();
    }
    world.run(
        root,
        briefing.to_str().unwrap(),
        &["init", project.to_str().unwrap()],
        &[],
    );
    world.env = workflow_env(&project);
    world.run(&project, "briefing", &["build", "-q"], &[]);
    let origin = world.origin();
    world.git(
        root,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            origin.to_str().unwrap(),
        ],
    );
    world.git(&project, &["init", "-q", "-b", "main"]);
    world.git(&project, &["add", "-A"]);
    world.git(&project, &["commit", "-q", "-m", "A briefing project"]);
    world.git(&project, &["push", "-q", origin.to_str().unwrap(), "main"]);
    world
}

/// The repository's seeds, in order.
fn seeds() -> Vec<PathBuf> {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(common::repo().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    seeds
}

/// The workflow's top-level `env`, as the script reads it.
fn workflow_env(project: &Path) -> Vec<(String, String)> {
    let text = common::read(project.join(".github/workflows/briefing.yml"));
    let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).unwrap();
    let env = yaml["env"].as_mapping().expect("the workflow sets `env`");
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().unwrap().to_string(),
                v.as_str().expect("env values are strings").to_string(),
            )
        })
        .collect();
    assert!(
        env.iter()
            .any(|(k, v)| k == "BRIEFING_INPUT" && v == "articles")
    );
    env
}

/// Commits a new article (a copy of `from` named `name`) in `clone`; returns the commit.
fn add_article(world: &World, clone: &Path, from: &Path, name: &str) -> String {
    std::fs::copy(from, clone.join("articles").join(name)).unwrap();
    world.git(clone, &["add", "articles"]);
    world.git(clone, &["commit", "-q", "-m", &format!("Add {name}")]);
    world.git(clone, &["rev-parse", "HEAD"]).trim().to_string()
}

/// `out/briefing.json` at `rev`.
fn briefing_json(world: &World, clone: &Path, rev: &str) -> Value {
    let text = world.git(clone, &["show", &format!("{rev}:out/briefing.json")]);
    serde_json::from_str(&text).unwrap()
}

/// The articles' paths in a briefing.json.
fn article_files(json: &Value) -> Vec<String> {
    json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Each theme's point texts.
fn points(json: &Value) -> Vec<(String, Vec<String>)> {
    json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let texts = t["points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["text"].as_str().unwrap().to_string())
                .collect();
            (t["title"].as_str().unwrap().to_string(), texts)
        })
        .collect()
}

/// A fresh clone of `branch` whose committed briefing `briefing check` calls current.
fn assert_current(world: &World, name: &str, branch: &str) {
    let clone = world.clone(name, branch);
    world.run(&clone, "briefing", &["check"], &[]);
}

#[test]
fn a_pull_request_gets_its_rebuilt_briefing_committed_and_summarised() {
    if skip() {
        return;
    }
    let world = world();
    let ci = world.clone("ci", "main");
    let base = world.git(&ci, &["rev-parse", "HEAD"]).trim().to_string();
    world.git(&ci, &["checkout", "-q", "-b", "add-article"]);
    let article = add_article(&world, &ci, &seeds()[4], "new-article.txt");
    world.git(&ci, &["push", "-q", "origin", "add-article"]);

    let files = world.root().join("pr");
    let install = world.step(&ci, &["install"], None, &files);
    assert!(install.contains("briefing "), "{install}");
    world.step(&ci, &["build"], Some(&base), &files);
    world.step(&ci, &["commit", "add-article"], None, &files);
    assert!(!world.cargo_called(), "cargo ran");

    // The summary names the new article and the themes with new points.
    let summary = common::read(files.join("summary.md"));
    assert!(summary.contains("**added** (1)"), "{summary}");
    assert!(summary.contains("new-article.txt"), "{summary}");
    let old = briefing_json(&world, &ci, &base);
    let new = briefing_json(&world, &ci, "origin/add-article");
    let mut themes_with_new_points = 0;
    for ((title, before), (_, after)) in points(&old).iter().zip(points(&new).iter()) {
        let fresh = after.iter().filter(|p| !before.contains(p)).count();
        if fresh > 0 {
            themes_with_new_points += 1;
            let heading = format!("**{title} ({fresh})**");
            assert!(summary.contains(&heading), "{heading} missing:\n{summary}");
        }
    }
    assert!(themes_with_new_points > 0, "the new article added no point");
    assert!(summary.contains("pushed "), "{summary}");

    // The branch on origin: the article, then the rebuild on top, and the briefing holds it.
    world.git(&ci, &["fetch", "-q", "origin"]);
    let log = world.git(&ci, &["log", "--format=%s", "-2", "origin/add-article"]);
    assert_eq!(log, "Rebuild briefing [skip ci]\nAdd new-article.txt\n");
    let parent = world.git(&ci, &["rev-parse", "origin/add-article~1"]);
    assert_eq!(parent.trim(), article);
    assert!(
        article_files(&new)
            .iter()
            .any(|f| f.ends_with("new-article.txt"))
    );
    assert_current(&world, "check-pr", "add-article");
}

#[test]
fn a_push_to_main_during_the_rebuild_is_rebased_on_and_rebuilt() {
    if skip() {
        return;
    }
    let world = world();
    // The push that started the run: an article on main, out/ not rebuilt.
    let ci = world.clone("ci", "main");
    let before = world.git(&ci, &["rev-parse", "HEAD"]).trim().to_string();
    add_article(&world, &ci, &seeds()[4], "first.txt");
    world.git(&ci, &["push", "-q", "origin", "main"]);

    let files = world.root().join("main");
    world.step(&ci, &["install"], None, &files);
    world.step(&ci, &["build"], Some(&before), &files);
    // Meanwhile another article lands on main.
    let other = world.clone("other", "main");
    let second = add_article(&world, &other, &seeds()[3], "second.txt");
    world.git(&other, &["push", "-q", "origin", "main"]);

    let said = world.step(&ci, &["commit", "main"], None, &files);
    assert!(said.contains("main moved meanwhile"), "{said}");
    assert!(said.contains("needs a new build"), "{said}");
    assert!(!world.cargo_called(), "cargo ran");

    world.git(&ci, &["fetch", "-q", "origin"]);
    let log = world.git(&ci, &["log", "--format=%s", "-3", "origin/main"]);
    assert_eq!(
        log,
        "Rebuild briefing [skip ci]\nAdd second.txt\nAdd first.txt\n"
    );
    assert_eq!(
        world.git(&ci, &["rev-parse", "origin/main~1"]).trim(),
        second
    );
    let files_in = article_files(&briefing_json(&world, &ci, "origin/main"));
    for name in ["first.txt", "second.txt"] {
        assert!(files_in.iter().any(|f| f.ends_with(name)), "{files_in:?}");
    }
    assert_current(&world, "check-main", "main");
}

#[test]
fn a_fork_gets_a_patch_that_applies_and_a_summary_that_says_how() {
    if skip() {
        return;
    }
    let world = world();
    let fork = world.clone("fork", "main");
    let base = world.git(&fork, &["rev-parse", "HEAD"]).trim().to_string();
    add_article(&world, &fork, &seeds()[4], "from-a-fork.txt");
    let files = world.root().join("fork-files");
    world.step(&fork, &["build"], Some(&base), &files);
    world.step(&fork, &["patch", "briefing.patch"], None, &files);
    assert!(!world.cargo_called(), "cargo ran");
    assert!(common::read(files.join("output")).contains("patch=true"));
    let summary = common::read(files.join("summary.md"));
    assert!(summary.contains("git apply briefing.patch"), "{summary}");
    assert!(summary.contains("--name briefing-patch"), "{summary}");

    // The author's clone, at the same commit, applies it and is current.
    let author = world.clone("author", "main");
    add_article(&world, &author, &seeds()[4], "from-a-fork.txt");
    let patch = fork.join("briefing.patch");
    world.git(&author, &["apply", patch.to_str().unwrap()]);
    world.run(&author, "briefing", &["check"], &[]);
}

#[test]
fn the_tool_changed_only_when_its_own_files_did() {
    if skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=A", "-c", "user.email=a@example.org"])
            .args(args)
            .current_dir(repo)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    let commit = |file: &str| {
        let path = repo.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, file).unwrap();
        git(&["add", "-A"]);
        git(&["commit", "-q", "-m", file]);
        git(&["rev-parse", "HEAD"])
    };
    git(&["init", "-q", "-b", "main"]);
    let script = repo.join("ci.sh");
    std::fs::copy(common::repo().join(".github/briefing/ci.sh"), &script).unwrap();
    let base = commit("README.md");
    let changed = |base: &str| {
        let output = repo.join("github-output");
        std::fs::write(&output, "").unwrap();
        let out = Command::new("bash")
            .arg(&script)
            .arg("changes")
            .env("BASE", base)
            .env("GITHUB_OUTPUT", &output)
            .current_dir(repo)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        common::read(&output)
    };
    // Articles, the briefing and the configuration are no change of the tool.
    commit("seeds/new.txt");
    commit("out/briefing.md");
    commit("briefing.toml");
    assert_eq!(changed(&base), "tool=false\n");
    let articles = git(&["rev-parse", "HEAD"]);
    for file in [
        "src/lib.rs",
        "data/x.bin",
        "templates/briefing.html",
        "tests/t.rs",
        "Cargo.lock",
        ".github/briefing/ci.sh",
    ] {
        let before = git(&["rev-parse", "HEAD"]);
        commit(file);
        assert_eq!(changed(&before), "tool=true\n", "{file}");
    }
    // No base (a manual run; a push that made the branch): everything counts as changed.
    assert_eq!(changed(""), "tool=true\n");
    assert_eq!(changed(&"0".repeat(40)), "tool=true\n");
    assert_eq!(changed(&articles), "tool=true\n");
}
