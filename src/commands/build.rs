//! `briefing build`: read, summarise, group, render, write atomically.

use crate::cli::ProjectArgs;
use crate::error::Result;
use crate::output;
use crate::pipeline::{self, Project};
use crate::render::Renderer;

/// Builds the briefing into the project's output folder.
pub fn run(args: &ProjectArgs) -> Result<()> {
    let project = Project::load(&args.project, args.config.as_deref())?;
    let renderer = Renderer::new(Some(&project.templates()))?;
    let outcome = pipeline::assemble(&project)?;
    super::report_warnings(&outcome.warnings, args.deny_warnings)?;
    let files = renderer.render(&outcome.briefing)?;
    let written = output::write_all(&project.output(), &files)?;
    if !args.quiet {
        let stats = &outcome.briefing.stats;
        eprintln!(
            "built {} articles ({} sentences, {} themes) into {}",
            stats.articles,
            stats.sentences,
            outcome.briefing.themes.len(),
            written
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}
