//! The GitHub Actions workflow `.github/workflows/briefing.yml`, checked without GitHub (the
//! steps' script, `.github/briefing/ci.sh`, is run in tests/ci_script.rs).
//!
//! The file must be valid YAML and:
//! - trigger on `push` to main and `pull_request` when the briefing's inputs or the tool change,
//!   and on `workflow_dispatch`;
//! - run only the project's own commands (`cargo test`, `cargo fmt --all -- --check`, the
//!   browser check, the steps of `.github/briefing/ci.sh`) and `rustup`;
//! - run README.md's test command and the format check in one job, only when the tool changed,
//!   and the browser check under the same condition;
//! - commit back only from `ci.sh commit`, to a pull request's branch when it comes from this
//!   repository and to main on a push or manual run, from the one job allowed to write; a fork
//!   gets a patch;
//! - never set `SOURCE_DATE_EPOCH` (the briefing must not depend on a clock), never run on
//!   `pull_request_target`, and serialise runs with `concurrency`.

use serde_yaml_ng::Value;
use std::path::Path;

const WORKFLOW: &str = ".github/workflows/briefing.yml";

/// Paths whose change must rebuild the briefing or test the tool.
const TRIGGER_PATHS: &[&str] = &[
    "seeds/**",
    "out/**",
    "templates/**",
    "briefing.toml",
    "src/**",
    "data/**",
    "tests/**",
    "Cargo.toml",
    "Cargo.lock",
    ".github/workflows/briefing.yml",
    ".github/briefing/ci.sh",
];

/// The project's own commands, exactly as a `run:` line may hold them.
const PROJECT_COMMANDS: &[&str] = &[
    "cargo test",
    "cargo fmt --all -- --check",
    "tests/browser/run.sh out/briefing.html",
    "bash .github/briefing/ci.sh install",
    "bash .github/briefing/ci.sh changes",
    "bash .github/briefing/ci.sh build",
    "bash .github/briefing/ci.sh commit \"$BRANCH\"",
    "bash .github/briefing/ci.sh commit main",
    "bash .github/briefing/ci.sh patch briefing.patch",
];

/// The guard of the step that commits to a pull request's branch: only one from this repository.
const SAME_REPOSITORY_PULL_REQUEST: &str = "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository";
/// The guard of the step that commits to main: a push or manual run on main.
const MAIN: &str = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'";
/// The guard of the fork's patch.
const FORK_PULL_REQUEST: &str = "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name != github.repository";
/// The condition of the tool's tests.
const TOOL_CHANGED: &str = "needs.changes.outputs.tool == 'true'";

fn workflow() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(WORKFLOW);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{WORKFLOW}: {e}"));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{WORKFLOW} is not valid YAML: {e}"))
}

fn jobs(wf: &Value) -> Vec<(&str, &Value)> {
    let jobs = wf["jobs"].as_mapping().expect("`jobs` is a mapping");
    let jobs: Vec<_> = jobs
        .iter()
        .map(|(name, job)| (name.as_str().expect("job names are strings"), job))
        .collect();
    assert!(!jobs.is_empty(), "no jobs");
    jobs
}

fn steps(job: &Value) -> &[Value] {
    job["steps"].as_sequence().expect("every job has `steps`")
}

/// The commands of a `run:` block: one per line, blank lines and comments left out.
fn commands(run: &str) -> Vec<&str> {
    run.lines()
        .map(|line| match line.find(" #") {
            Some(i) => &line[..i],
            None => line,
        })
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

/// Every command in every `run:` step, with the job it belongs to.
fn run_commands(wf: &Value) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for (name, job) in jobs(wf) {
        for step in steps(job) {
            if let Some(run) = step["run"].as_str() {
                all.extend(commands(run).into_iter().map(|c| (name.into(), c.into())));
            }
        }
    }
    all
}

/// One simple command: no pipes, lists, redirections or substitutions that could run another tool.
fn simple(command: &str) -> bool {
    !command.contains(['&', '|', ';', '`', '>', '<', '(', ')'])
}

/// `rustup` installing or choosing a toolchain (not `rustup run`, which runs anything).
fn is_rustup(command: &str) -> bool {
    let subcommand = command
        .strip_prefix("rustup ")
        .and_then(|c| c.split(' ').next());
    matches!(
        subcommand,
        Some("toolchain" | "default" | "component" | "show" | "update")
    ) && simple(command)
        && !command.contains('$')
}

/// A command the workflow may run: the project's own, or `rustup`.
fn allowed(command: &str) -> bool {
    PROJECT_COMMANDS.contains(&command) || is_rustup(command)
}

/// The steps of every job, with the job's name and the job.
fn all_steps(wf: &Value) -> Vec<(&str, &Value, &Value)> {
    jobs(wf)
        .into_iter()
        .flat_map(|(name, job)| steps(job).iter().map(move |s| (name, job, s)))
        .collect()
}

/// The `if:` of a step or job, or "".
fn condition(value: &Value) -> &str {
    value["if"].as_str().unwrap_or("")
}

/// README.md's test command: the line after "Run the tests:", indented by four spaces.
fn readme_test_command() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let mut lines = readme.lines().skip_while(|l| l.trim() != "Run the tests:");
    assert!(
        lines.next().is_some(),
        "README.md has no \"Run the tests:\""
    );
    let line = lines
        .find(|l| !l.trim().is_empty())
        .expect("a command after \"Run the tests:\"");
    line.strip_prefix("    ")
        .expect("the test command is indented by four spaces")
        .trim_end()
        .to_string()
}

#[test]
fn triggers_on_push_to_main_pull_request_and_manual_runs_when_inputs_change() {
    let wf = workflow();
    // serde_yaml_ng reads YAML 1.2, where the key `on` is a string (YAML 1.1 makes it `true`).
    let on = &wf["on"];
    for event in ["push", "pull_request"] {
        let paths: Vec<&str> = on[event]["paths"]
            .as_sequence()
            .unwrap_or_else(|| panic!("`on.{event}.paths` is a list"))
            .iter()
            .map(|p| p.as_str().expect("paths are strings"))
            .collect();
        for wanted in TRIGGER_PATHS {
            assert!(
                paths.contains(wanted),
                "`on.{event}.paths` lacks {wanted:?}: {paths:?}"
            );
        }
    }
    assert_eq!(on["push"]["branches"][0].as_str(), Some("main"));
    assert!(
        on.get("workflow_dispatch").is_some(),
        "no `on.workflow_dispatch`"
    );
    assert!(
        on.get("pull_request_target").is_none(),
        "pull_request_target runs a fork's changes with a writing token"
    );
}

#[test]
fn runs_only_the_projects_commands_and_rustup() {
    let commands = run_commands(&workflow());
    assert!(!commands.is_empty(), "no `run:` steps");
    for (job, command) in &commands {
        assert!(
            allowed(command),
            "job `{job}` runs {command:?}: only {PROJECT_COMMANDS:?} and rustup are allowed"
        );
    }
}

#[test]
fn tests_formats_and_checks_in_a_browser_only_when_the_tool_changed() {
    let wf = workflow();
    let test = readme_test_command();
    assert_eq!(test, "cargo test", "README.md's test command changed");
    let (name, job) = jobs(&wf)
        .into_iter()
        .find(|(_, job)| {
            steps(job).iter().any(|s| {
                s["run"]
                    .as_str()
                    .is_some_and(|r| commands(r).contains(&&*test))
            })
        })
        .unwrap_or_else(|| panic!("no `run:` step runs README.md's test command {test:?}"));
    assert_eq!(condition(job), TOOL_CHANGED, "job `{name}`");
    assert_eq!(job["needs"].as_str(), Some("changes"), "job `{name}`");
    let in_order: Vec<String> = steps(job)
        .iter()
        .filter_map(|s| s["run"].as_str())
        .flat_map(commands)
        .filter(|c| c.starts_with("cargo "))
        .map(String::from)
        .collect();
    assert_eq!(in_order, ["cargo fmt --all -- --check", test.as_str()]);
    // The browser check, in the job that built the briefing, under the same condition.
    let browser: Vec<_> = all_steps(&wf)
        .into_iter()
        .filter(|(_, _, s)| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("tests/browser/run.sh"))
        })
        .collect();
    assert_eq!(browser.len(), 1, "one browser check");
    let (job_name, browser_job, step) = browser[0];
    assert_eq!(condition(step), TOOL_CHANGED);
    let built = steps(browser_job)
        .iter()
        .position(|s| s["run"].as_str() == Some("bash .github/briefing/ci.sh build"));
    let checked = steps(browser_job).iter().position(|s| s == step);
    assert!(
        built.is_some() && built < checked,
        "job `{job_name}` checks the HTML before building it"
    );
    // The changes job itself runs on every trigger.
    let changes = &wf["jobs"]["changes"];
    assert!(changes.get("if").is_none(), "`changes` must always run");
}

#[test]
fn commits_back_only_to_a_same_repository_pull_request_or_main() {
    let wf = workflow();
    let mut guards = Vec::new();
    for (name, job, step) in all_steps(&wf) {
        let Some(run) = step["run"].as_str() else {
            continue;
        };
        let pushes = commands(run)
            .iter()
            .any(|c| c.starts_with("git ") || c.starts_with("bash .github/briefing/ci.sh commit"));
        if !pushes {
            continue;
        }
        assert!(
            run.starts_with("bash .github/briefing/ci.sh commit"),
            "job `{name}` runs git outside ci.sh: {run}"
        );
        assert_eq!(
            job["permissions"]["contents"].as_str(),
            Some("write"),
            "job `{name}` pushes, so it needs `permissions: contents: write`"
        );
        guards.push(condition(step).to_string());
    }
    guards.sort();
    assert_eq!(guards, [MAIN, SAME_REPOSITORY_PULL_REQUEST]);
    let patch: Vec<_> = all_steps(&wf)
        .into_iter()
        .filter(|(_, _, s)| s["run"].as_str().is_some_and(|r| r.contains("ci.sh patch")))
        .collect();
    assert_eq!(patch.len(), 1);
    assert_eq!(condition(patch[0].2), FORK_PULL_REQUEST);
    // Only that job may write: the workflow's default stays read-only.
    assert_eq!(wf["permissions"]["contents"].as_str(), Some("read"));
    for (name, job) in jobs(&wf) {
        if name != "briefing" {
            assert!(
                job.get("permissions").is_none(),
                "job `{name}` widens permissions"
            );
        }
    }
}

#[test]
fn keeps_the_build_cache_keyed_by_version_and_inputs() {
    let wf = workflow();
    let cache = all_steps(&wf)
        .into_iter()
        .find(|(_, _, s)| {
            let paths = s["with"]["path"].as_str().unwrap_or_default();
            paths.lines().next() == Some(".briefing-cache")
        })
        .expect("a step caches .briefing-cache");
    // Not the spare: as large as the briefing, and of use only on the same disk.
    let paths: Vec<&str> = cache.2["with"]["path"].as_str().unwrap().lines().collect();
    assert_eq!(paths, [".briefing-cache", "!.briefing-cache/spare-*"]);
    let key = cache.2["with"]["key"].as_str().unwrap();
    assert!(key.contains("env.BRIEFING_VERSION"), "{key}");
    assert!(
        key.contains("hashFiles('seeds/**', 'briefing.toml', 'templates/**')"),
        "{key}"
    );
    let restore = cache.2["with"]["restore-keys"].as_str().unwrap();
    assert!(restore.lines().count() >= 2, "{restore}");
    assert!(
        key.starts_with(restore.lines().next().unwrap()),
        "{key} / {restore}"
    );
}

#[test]
fn is_clock_free_and_serialised() {
    let wf = workflow();
    let mut envs = vec![&wf["env"]];
    for (_, job) in jobs(&wf) {
        envs.push(&job["env"]);
        envs.extend(steps(job).iter().map(|s| &s["env"]));
    }
    for env in envs {
        assert!(
            env.get("SOURCE_DATE_EPOCH").is_none(),
            "SOURCE_DATE_EPOCH is set"
        );
    }
    for (job, command) in run_commands(&wf) {
        assert!(
            !command.contains("SOURCE_DATE_EPOCH"),
            "job `{job}`: {command}"
        );
    }
    assert!(
        wf["concurrency"]["group"].as_str().is_some(),
        "no workflow `concurrency.group`: two rebuilds of main could race"
    );
}

#[test]
fn the_command_filter_rejects_other_tools() {
    for bad in [
        "cargo build",
        "cargo test && curl x",
        "make",
        "echo hi",
        "git push origin HEAD:main",
        "bash .github/briefing/ci.sh commit main; curl x",
        "bash other.sh build",
        "rustup run stable make",
        "rustup default $(curl x)",
    ] {
        assert!(!allowed(bad), "{bad:?} should not be allowed");
    }
    for good in [
        "cargo test",
        "bash .github/briefing/ci.sh build",
        "rustup default stable",
    ] {
        assert!(allowed(good), "{good:?} should be allowed");
    }
}
