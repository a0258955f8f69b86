//! `briefing check`: render in memory and compare with the output folder; writes nothing.

use crate::cache::Cache;
use crate::cli::CheckArgs;
use crate::error::{Error, Result};
use crate::lock::{Access, ProjectLock};
use crate::output::{self, Staleness};
use crate::pipeline;
use crate::render::Renderer;

/// Exits 0 when the briefing on disk is current, 1 (via [`Error::Stale`]) when it is not.
pub fn run(args: &CheckArgs) -> Result<()> {
    let project = super::open_project(&args.project, !args.from_jsonl.is_empty())?;
    // Shared: checks run side by side, but never while a build is switching the output.
    let _lock = ProjectLock::acquire(&project.root, Access::Shared, args.project.quiet)?;
    let renderer = Renderer::new(Some(&project.templates()))?;
    for warning in renderer.warnings() {
        crate::error::print_warning(warning);
    }
    // Read-only use of the cache would still be a write-free check; but a check must not trust
    // anything a build left behind, so it always processes afresh.
    let mut outcome = if args.from_jsonl.is_empty() {
        let scan = pipeline::scan(&project, None)?;
        pipeline::assemble(&project, &scan, &Cache::disabled(), &|| {})?
    } else {
        pipeline::assemble_records(&project, &args.from_jsonl, args.state.as_deref())?
    };
    super::checked_outcome(&project, &outcome, args.project.deny_warnings)?;
    if args.project.verbose {
        for path in &outcome.processed {
            eprintln!("processed {}", path.display());
        }
    }
    let out = project.output();
    let previous = super::fill_in_changes(&out, &mut outcome.briefing, &Cache::disabled());
    let files = renderer.render(&outcome.briefing)?;
    let stale = output::stale(&out, &files);
    let extra = output::leftovers(&out);
    if stale.is_empty() && extra.is_empty() {
        if !args.project.quiet {
            eprintln!("briefing in {} is current", out.display());
        }
        return Ok(());
    }
    let mut message = format!("the briefing in {} is stale:", out.display());
    for (name, state) in &stale {
        let detail = match state {
            Staleness::Missing => "missing".to_string(),
            Staleness::Differs(summary) => summary.clone(),
        };
        message.push_str(&format!("\n  {}: {detail}", out.join(name).display()));
    }
    if let Some((journal, files)) = extra.split_first() {
        message.push_str(&format!(
            "\n  {}: an interrupted build left its switch of the outputs unfinished ({} \
             temporary file(s) of its own); `briefing build` finishes or undoes it",
            journal.display(),
            files.len()
        ));
    }
    if let Some(previous) = &previous {
        let diff = previous.article_diff(&outcome.briefing);
        for (paths, what) in [
            (&diff.added, "added"),
            (&diff.updated, "changed"),
            (&diff.removed, "removed"),
        ] {
            for path in paths {
                message.push_str(&format!("\n  {path}: {what} since the briefing was built"));
            }
        }
    }
    let fix = build_command(args);
    message.push_str(&format!("\nrun `{fix}` to bring it up to date"));
    Err(Error::Stale(message))
}

/// The `briefing build` that brings this check's briefing up to date: the same project folder,
/// configuration, input permission and records.
fn build_command(args: &CheckArgs) -> String {
    let mut fix = "briefing build".to_string();
    let mut option = |name: &str, path: &std::path::Path| {
        fix.push_str(&format!(
            " {name} {}",
            shell_word(&path.display().to_string())
        ));
    };
    if args.project.project.as_os_str() != "." {
        option("-C", &args.project.project);
    }
    if let Some(config) = &args.project.config {
        option("--config", config);
    }
    for path in &args.from_jsonl {
        option("--from-jsonl", path);
    }
    if let Some(state) = &args.state {
        option("--state", state);
    }
    if args.project.allow_outside {
        fix.push_str(" --allow-outside");
    }
    fix
}

/// `word` as one shell word: as it is when plain, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
