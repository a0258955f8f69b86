//! `briefing watch`: a build now, then one after every burst of changes to the articles,
//! `briefing.toml` or the templates (debounced; the output folder and cache are ignored).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::cli::ProjectArgs;
use crate::error::{Error, Result};
use crate::pipeline::Project;

/// How long the folder must be quiet before a rebuild.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// Builds, then rebuilds on every change until interrupted.
pub fn run(args: &ProjectArgs) -> Result<()> {
    if !args.from_jsonl.is_empty() {
        return Err(crate::error::Error::Usage(
            "watch rebuilds from the input folder; --from-jsonl is for build and check".into(),
        ));
    }
    let project = Project::load(&args.project, args.config.as_deref())?;
    rebuild(args);
    let config = args
        .config
        .clone()
        .unwrap_or_else(|| project.root.join(crate::config::CONFIG_FILE));
    let watched: Vec<PathBuf> = [project.input(), project.templates(), config]
        .into_iter()
        .filter(|p| p.exists())
        .collect();
    let ignored = [project.output(), project.cache_dir()];
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx)
        .map_err(|e| Error::Usage(format!("cannot watch for changes: {e}")))?;
    for path in &watched {
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        debouncer
            .watch(path, mode)
            .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", path.display())))?;
    }
    eprintln!(
        "watching {} (Ctrl-C to stop)",
        watched
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    for result in rx {
        let Ok(events) = result else { continue };
        // Reads (the build's own) are access events; only changes count.
        let relevant = events
            .iter()
            .filter(|e| changes_content(&e.kind))
            .flat_map(|e| e.paths.iter())
            .any(|p| !ignored.iter().any(|i| within(p, i)) && !is_temporary(p));
        if relevant {
            rebuild(args);
        }
    }
    Ok(())
}

/// One build; its errors are printed and watching goes on.
fn rebuild(args: &ProjectArgs) {
    if let Err(error) = super::build::run(args) {
        eprintln!("error: {error}");
    }
}

/// Creation, removal, renaming and writes; not reads or metadata.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(m) => !matches!(m, ModifyKind::Metadata(_)),
        _ => false,
    }
}

fn within(path: &Path, dir: &Path) -> bool {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    path.starts_with(dir) || canonical(path).starts_with(canonical(dir))
}

/// Editors' and our own temporary files.
fn is_temporary(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.ends_with(".tmp")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.starts_with(".#")
}
