//! `briefing completions SHELL`: a completion script for the shell, from the clap definitions.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

/// Prints the completion script to stdout.
pub fn run(args: &CompletionsArgs) -> Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "briefing", &mut std::io::stdout());
    Ok(())
}
