//! One function per subcommand, each a thin layer over the library.

mod aggregate;
mod build;
mod check;
mod clean;
mod completions;
mod eval;
mod fetch;
mod init;
mod man;
#[cfg(feature = "serve")]
mod serve;
mod summarize;
mod themes;
#[cfg(feature = "watch")]
mod watch;

use crate::cli::{Cli, Command};
use crate::error::{Error, Result, Warning};
use crate::pipeline::{Outcome, Project};

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Init(args) => init::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Summarize(args) => summarize::run(&args),
        Command::Aggregate(args) => aggregate::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Themes(args) => themes::run(&args),
        Command::Clean(args) => clean::run(&args),
        Command::Fetch(args) => fetch::run(&args),
        #[cfg(feature = "watch")]
        Command::Watch(args) => watch::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
    }
}

/// Reports the input warnings, then refuses a briefing without a single article.
fn checked_outcome(project: &Project, outcome: &Outcome, deny: bool) -> Result<()> {
    for warning in &outcome.cache_warnings {
        crate::error::eprint_labelled(&warning.to_string());
    }
    report_warnings(&outcome.warnings, deny)?;
    if outcome.briefing.articles.is_empty() {
        return Err(Error::Input {
            path: project.input(),
            line: None,
            message: "no articles to brief: add .txt or .md files (any skipped are named above)"
                .into(),
        });
    }
    Ok(())
}

/// The project a rendering command (`build`, `check`) names: loaded, with a warning about the
/// environment's `SOURCE_DATE_EPOCH` if it is odd, and its paths checked (an input outside the
/// project is allowed with `--allow-outside`, or when the articles come from records).
fn open_project(args: &crate::cli::ProjectArgs, from_records: bool) -> Result<Project> {
    let mut project = Project::load(&args.project, args.config.as_deref())?;
    project.memory = args.memory;
    warn_about_source_date_epoch(&project);
    crate::paths::check(&project, args.allow_outside || from_records)?;
    Ok(project)
}

/// A warning when `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds: the briefing
/// then has no "generated" date, which the user did not ask for. Not counted by
/// `--deny-warnings`: it concerns the environment, not the input.
pub(crate) fn warn_about_source_date_epoch(project: &Project) {
    let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") else {
        return;
    };
    if project.config.date.is_none() && value.trim().parse::<i64>().is_err() {
        crate::error::print_warning(&format!(
            "SOURCE_DATE_EPOCH={value:?} is not a whole number of seconds since \
             1970; the briefing gets no generated date (set it to e.g. 1718841600, or set \
             `date` in briefing.toml)"
        ));
    }
}

/// Fills in what changed since the briefing in `out` (see [`crate::changes`]; what `cache`
/// kept of it is read instead when it still stands for it), warning when that briefing cannot
/// be read; returns it.
fn fill_in_changes(
    out: &std::path::Path,
    briefing: &mut crate::model::Briefing,
    cache: &crate::cache::Cache,
) -> Option<crate::changes::Previous> {
    let (previous, warning) = crate::changes::fill_in(out, briefing, cache);
    if let Some(warning) = warning {
        crate::error::print_warning(&warning);
    }
    previous
}

/// Prints warnings to stderr; with `deny`, any warning fails the command.
fn report_warnings(warnings: &[Warning], deny: bool) -> Result<()> {
    for warning in warnings {
        crate::error::eprint_labelled(&warning.to_string());
    }
    if deny && !warnings.is_empty() {
        return Err(Error::DeniedWarnings {
            count: warnings.len(),
        });
    }
    Ok(())
}

/// A count with its noun, singular for one: "1 article", "3 articles".
fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
