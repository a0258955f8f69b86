//! The small things a newcomer hits: what `check` tells them to run, options that did nothing,
//! configuration values that were not checked, templates that were silently ignored.

mod common;

use common::{briefing, read, seeds_project};

#[test]
fn check_suggests_the_build_with_the_same_project_and_config() {
    let dir = seeds_project();
    let project = dir.path().join("my project");
    std::fs::create_dir(&project).unwrap();
    std::fs::rename(dir.path().join("seeds"), project.join("seeds")).unwrap();
    let config = project.join("other.toml");
    std::fs::rename(dir.path().join("briefing.toml"), &config).unwrap();
    let output = briefing(dir.path())
        .args(["check", "-C", "my project", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let suggested = format!(
        "run `briefing build -C 'my project' --config '{}'` to bring it up to date",
        config.display()
    );
    assert!(stderr.contains(&suggested), "{stderr}");
    // And the suggestion works.
    briefing(dir.path())
        .args(["build", "-q", "-C", "my project", "--config"])
        .arg(&config)
        .assert()
        .success();
    briefing(dir.path())
        .args(["check", "-C", "my project", "--config"])
        .arg(&config)
        .assert()
        .success();
}

#[test]
fn options_that_did_nothing_are_gone_and_check_verbose_names_the_articles() {
    let help = |args: &[&str]| {
        let out = briefing(std::path::Path::new("."))
            .args(args)
            .arg("--help")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(!help(&["watch"]).contains("--from-jsonl"));
    assert!(!help(&["serve"]).contains("--from-jsonl"));
    assert!(!help(&["check"]).contains("--no-cache"));
    assert!(help(&["build"]).contains("--no-cache"));
    assert!(help(&["build"]).contains("--from-jsonl"));
    briefing(std::path::Path::new("."))
        .args(["watch", "--from-jsonl", "x.jsonl"])
        .assert()
        .code(2);
    let dir = seeds_project();
    briefing(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();
    let out = briefing(dir.path()).args(["check", "-v"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("processed "))
            .count(),
        std::fs::read_dir(dir.path().join("seeds")).unwrap().count(),
        "{stderr}"
    );
}

#[test]
fn a_bad_date_or_a_negative_weight_is_refused_naming_the_line() {
    let dir = seeds_project();
    let config = dir.path().join("briefing.toml");
    let original = read(&config);
    let dated = original.replacen(
        "output = \"out\"\n",
        "output = \"out\"\ndate = \"2024-02-30\"\n",
        1,
    );
    std::fs::write(&config, &dated).unwrap();
    let line = dated.lines().position(|l| l.starts_with("date")).unwrap() + 1;
    let out = briefing(dir.path()).arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("line {line}")) && stderr.contains("YYYY-MM-DD"),
        "{stderr}"
    );
    let weighted = original.replacen("[summary]\n", "[summary]\nweights = { quote = -0.5 }\n", 1);
    std::fs::write(&config, &weighted).unwrap();
    let line = weighted
        .lines()
        .position(|l| l.starts_with("weights"))
        .unwrap()
        + 1;
    let out = briefing(dir.path()).arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("line {line}")) && stderr.contains("summary.weights.quote"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn errors_are_coloured_only_on_request_of_a_terminal() {
    // Not a terminal (a pipe): plain labels, whatever NO_COLOR says.
    let dir = tempfile::tempdir().unwrap();
    let out = briefing(dir.path()).arg("build").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    // Forced (CLICOLOR_FORCE, as for clap): the label is coloured, the message is not.
    let out = briefing(dir.path())
        .arg("build")
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m "),
        "{stderr:?}"
    );
    let out = briefing(dir.path())
        .arg("build")
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
}
