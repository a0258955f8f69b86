//! `briefing watch`: a build now, then one after every burst of changes to the articles,
//! `briefing.toml` or the templates (debounced; the output folder and cache are ignored).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::event::{MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{
    self, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher,
};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

use crate::cli::{ProjectArgs, WatchArgs};
use crate::error::{Error, Result};
use crate::pipeline::Project;

/// How long the folder must be quiet before a rebuild.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// Builds, then rebuilds on every change until interrupted.
pub fn run(
    WatchArgs {
        project: args,
        poll,
    }: &WatchArgs,
) -> Result<()> {
    if !args.from_jsonl.is_empty() {
        return Err(crate::error::Error::Usage(
            "watch rebuilds from the input folder; --from-jsonl is for build and check".into(),
        ));
    }
    let project = Project::load(&args.project, args.config.as_deref())?;
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
    let native = (!poll)
        .then(|| start::<RecommendedWatcher>(&watched, tx.clone(), notify::Config::default()));
    let _watcher = match native {
        Some(Ok(native)) => Watching::Native(native),
        // inotify can run out of watches or instances, and network file systems send no events.
        not_native => {
            if let Some(Err(error)) = not_native {
                eprintln!("warning: cannot watch for change events ({error}); polling instead");
            }
            // Modification times have whole seconds here: contents are compared too, so a second
            // save within the same second is not missed.
            let polling = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Watching::Polling(
                start::<PollWatcher>(&watched, tx, polling)
                    .map_err(|e| Error::Usage(format!("cannot watch for changes: {e}")))?,
            )
        }
    };
    // Watching starts before the first build, so a change made while it runs is not missed.
    rebuild(args);
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

/// How often the polling fallback looks at the watched files.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// The running watcher, kept alive while the loop reads its events.
#[expect(dead_code, reason = "held only so that the watcher keeps running")]
enum Watching {
    /// The platform's change events (inotify, FSEvents, ReadDirectoryChanges).
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Scanning the watched files' metadata every [`POLL_INTERVAL`].
    Polling(Debouncer<PollWatcher, RecommendedCache>),
}

/// A debounced watcher of kind `W` on every watched path.
fn start<W: Watcher>(
    watched: &[PathBuf],
    events: mpsc::Sender<DebounceEventResult>,
    config: notify::Config,
) -> notify::Result<Debouncer<W, RecommendedCache>> {
    let mut debouncer = new_debouncer_opt(DEBOUNCE, None, events, RecommendedCache::new(), config)?;
    for path in watched {
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        debouncer.watch(path, mode)?;
    }
    Ok(debouncer)
}

/// One build; its errors are printed and watching goes on.
fn rebuild(args: &ProjectArgs) {
    if let Err(error) = super::build::run(args) {
        eprintln!("error: {error}");
    }
}

/// Creation, removal, renaming and writes (a newer modification time is how polling sees a
/// write); not reads or other metadata.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(what)) => *what == MetadataKind::WriteTime,
        EventKind::Modify(_) => true,
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
