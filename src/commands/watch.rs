//! `briefing watch`: a build now, then one after every burst of changes to the articles,
//! `briefing.toml` or the templates (see [`crate::watching`]).

use crate::cli::{BuildArgs, WatchArgs};
use crate::error::Result;
use crate::pipeline::Project;
use crate::watching::ProjectWatch;

/// Builds, then rebuilds on every change until interrupted.
pub fn run(args: &WatchArgs) -> Result<()> {
    let (project, config) = load(args)?;
    let mut watch = ProjectWatch::start(&project, &config, args.poll)?;
    // Watching starts before the first build, so a change made while it runs is not missed.
    rebuild(args);
    eprintln!("watching {} (Ctrl-C to stop)", watch.describe());
    while watch.next_change() {
        rebuild(args);
    }
    Ok(())
}

/// The project and its configuration file's path.
pub(super) fn load(args: &WatchArgs) -> Result<(Project, std::path::PathBuf)> {
    let mut project = Project::load(&args.project.project, args.project.config.as_deref())?;
    project.memory = args.project.memory;
    let config = args
        .project
        .config
        .clone()
        .unwrap_or_else(|| project.root.join(crate::config::CONFIG_FILE));
    Ok((project, config))
}

/// One build, as `briefing build` with the same options; its error is printed (and returned
/// as text) and watching goes on.
pub(super) fn rebuild(args: &WatchArgs) -> Option<String> {
    let build = BuildArgs {
        project: args.project.clone(),
        no_cache: args.no_cache,
        from_jsonl: Vec::new(),
        state: None,
        timings: false,
    };
    let error = super::build::run(&build).err()?;
    crate::error::print_error(&error.to_string());
    Some(error.to_string())
}
