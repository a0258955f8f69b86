//! `briefing clean`: remove the build cache. The briefing in the output folder stays.

use crate::cache::{self, Cleaned};
use crate::cli::CleanArgs;
use crate::error::{Error, Result};
use crate::lock::{Access, ProjectLock};
use crate::pipeline::Project;

/// Removes the project's cache folder.
pub fn run(args: &CleanArgs) -> Result<()> {
    let project = Project::load(&args.project, args.config.as_deref())?;
    let _lock = ProjectLock::acquire(&project.root, Access::Exclusive, false)?;
    let dir = project.cache_dir();
    match cache::clean(&dir).map_err(|e| Error::io(&dir, e))? {
        Cleaned::Removed => eprintln!("removed {}", dir.display()),
        Cleaned::Nothing => eprintln!("no cache at {}", dir.display()),
        Cleaned::Kept(others) => eprintln!(
            "removed the build cache from {}; left the folder and what is not the cache's: {}",
            dir.display(),
            others.join(", ")
        ),
    }
    Ok(())
}
