//! One function per subcommand, each a thin layer over the library.

mod build;
mod check;
mod clean;
mod eval;
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
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Summarize(args) => summarize::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Themes(args) => themes::run(&args),
        Command::Clean(args) => clean::run(&args),
        #[cfg(feature = "watch")]
        Command::Watch(args) => watch::run(&args),
    }
}

/// Reports the input warnings, then refuses a briefing without a single article.
fn checked_outcome(project: &Project, outcome: &Outcome, deny: bool) -> Result<()> {
    for warning in &outcome.cache_warnings {
        eprintln!("{warning}");
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

/// Prints warnings to stderr; with `deny`, any warning fails the command.
fn report_warnings(warnings: &[Warning], deny: bool) -> Result<()> {
    for warning in warnings {
        eprintln!("{warning}");
    }
    if deny && !warnings.is_empty() {
        return Err(Error::DeniedWarnings {
            count: warnings.len(),
        });
    }
    Ok(())
}
