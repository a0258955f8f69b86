//! The GitHub Actions workflow `.github/workflows/briefing.yml`, checked without GitHub.
//!
//! The file must be valid YAML and:
//! - trigger on `push` and `pull_request` when the briefing's inputs or the tool change, and on
//!   `workflow_dispatch`;
//! - run only the project's own commands (`cargo test`, `cargo run --release -- check|build`),
//!   `rustup` and `git`, with at most a shell `if`/`then`/`fi` around the commit;
//! - run README.md's test command;
//! - commit `out/` back only on a push to `main`, from the one job allowed to write;
//! - never set `SOURCE_DATE_EPOCH` (the briefing must not depend on a clock), and serialise runs
//!   with `concurrency`.

use serde_yaml_ng::Value;
use std::path::Path;

const WORKFLOW: &str = ".github/workflows/briefing.yml";

/// Paths whose change must rebuild or re-check the briefing.
const TRIGGER_PATHS: &[&str] = &[
    "seeds/**",
    "templates/**",
    "briefing.toml",
    "src/**",
    "Cargo.toml",
    "Cargo.lock",
];

/// The project's own commands, exactly as a `run:` line may hold them.
const PROJECT_COMMANDS: &[&str] = &[
    "cargo test",
    "cargo run --release -- check",
    "cargo run --release -- build",
];

/// The guard that limits a job or step to pushes on `main`.
const PUSH_TO_MAIN: &str = "github.event_name == 'push' && github.ref == 'refs/heads/main'";

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
    !command.contains(['&', '|', ';', '$', '`', '>', '<', '(', ')'])
}

fn is_git(command: &str) -> bool {
    command.starts_with("git ") && simple(command)
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
}

/// A command the workflow may run: the project's own, `rustup`, `git`, or the shell
/// `if git …; then` / `else` / `fi` around the commit.
fn allowed(command: &str) -> bool {
    if matches!(command, "then" | "else" | "fi") {
        return true;
    }
    if let Some(condition) = command
        .strip_prefix("if ")
        .and_then(|c| c.strip_suffix("; then"))
    {
        return is_git(condition.strip_prefix("! ").unwrap_or(condition));
    }
    PROJECT_COMMANDS.contains(&command) || is_rustup(command) || is_git(command)
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
fn triggers_on_push_and_pull_request_when_inputs_change() {
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
    assert!(
        on.get("workflow_dispatch").is_some(),
        "no `on.workflow_dispatch`"
    );
}

#[test]
fn runs_only_the_projects_commands_rustup_and_git() {
    let commands = run_commands(&workflow());
    assert!(!commands.is_empty(), "no `run:` steps");
    for (job, command) in &commands {
        assert!(
            allowed(command),
            "job `{job}` runs {command:?}: only {PROJECT_COMMANDS:?}, rustup and git are allowed"
        );
    }
}

#[test]
fn runs_the_readme_test_command_then_check_on_every_trigger() {
    let wf = workflow();
    let test = readme_test_command();
    assert_eq!(test, "cargo test", "README.md's test command changed");
    // The job that tests has no `if`: it runs on every trigger, and checks after testing.
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
    assert!(
        job.get("if").is_none(),
        "job `{name}` does not run on every trigger"
    );
    let in_order: Vec<String> = steps(job)
        .iter()
        .filter_map(|s| s["run"].as_str())
        .flat_map(commands)
        .map(String::from)
        .filter(|c| PROJECT_COMMANDS.contains(&c.as_str()))
        .collect();
    assert_eq!(
        in_order,
        [test.as_str(), "cargo run --release -- check"],
        "job `{name}`"
    );
}

#[test]
fn commits_back_only_on_a_push_to_main() {
    let wf = workflow();
    let mut committing = 0;
    for (name, job) in jobs(&wf) {
        for step in steps(job) {
            let Some(run) = step["run"].as_str() else {
                continue;
            };
            if !commands(run)
                .iter()
                .any(|c| c.starts_with("git commit") || c.starts_with("git push"))
            {
                continue;
            }
            committing += 1;
            let guard = [&job["if"], &step["if"]]
                .into_iter()
                .filter_map(Value::as_str)
                .any(|cond| cond.contains(PUSH_TO_MAIN));
            assert!(
                guard,
                "job `{name}` commits without the guard `{PUSH_TO_MAIN}`"
            );
            assert_eq!(
                job["permissions"]["contents"].as_str(),
                Some("write"),
                "job `{name}` pushes, so it needs `permissions: contents: write`"
            );
            assert!(
                run.contains("Rebuild briefing [skip ci]")
                    && run.contains("41898799+github-actions[bot]@users.noreply.github.com"),
                "job `{name}` commits as github-actions[bot] with \"Rebuild briefing [skip ci]\""
            );
        }
    }
    assert_eq!(committing, 1, "exactly one step commits out/ back");
    // Only that job may write: the workflow's default stays read-only.
    assert_ne!(wf["permissions"]["contents"].as_str(), Some("write"));
    assert_ne!(wf["permissions"].as_str(), Some("write-all"));
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
        "cargo run --release -- build --deny-warnings && curl x",
        "make",
        "if [ -n \"$(git status --porcelain out/)\" ]; then",
        "echo hi",
        "git status && curl x",
        "git log | sh",
        "rustup run stable make",
        "if git diff --quiet; then make; fi",
    ] {
        assert!(!allowed(bad), "{bad:?} should not be allowed");
    }
    for good in [
        "git add out/",
        "if ! git diff --cached --quiet -- out/; then",
        "fi",
    ] {
        assert!(allowed(good), "{good:?} should be allowed");
    }
}
