//! Watching a project for changes that call for a rebuild: the articles, the configuration and
//! the templates (debounced; the output folder, the cache and editors' temporary files are
//! ignored). Used by `briefing watch` and `briefing serve`.
//!
//! The project folder itself is watched (not recursively) as well, so a `templates/` folder made
//! after watching began is noticed, watched from then on, and rebuilt from.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::event::{MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{
    self, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher,
};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer_opt,
};

use crate::error::{Error, Result};
use crate::pipeline::Project;

/// How long the folder must be quiet before a rebuild.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// How often the polling fallback looks at the watched files.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// What the watch loop is told: a burst of changes, or to stop.
pub enum Signal {
    /// A debounced burst of file system events.
    Changed(Vec<DebouncedEvent>),
    /// Stop watching (Ctrl-C, or the caller is done).
    Stop,
}

/// A running watch of one project.
pub struct ProjectWatch {
    watching: Watching,
    signals: mpsc::Receiver<Signal>,
    sender: mpsc::Sender<Signal>,
    /// The folders and files whose changes count.
    input: PathBuf,
    templates: PathBuf,
    config: PathBuf,
    /// Never counted, though inside a watched folder.
    ignored: [PathBuf; 2],
    /// Whether `templates/` is watched yet.
    templates_watched: bool,
    /// What is watched, for the user.
    described: Vec<PathBuf>,
}

/// The running watcher.
enum Watching {
    /// The platform's change events (inotify, FSEvents, ReadDirectoryChanges).
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Scanning the watched files' metadata every [`POLL_INTERVAL`].
    Polling(Debouncer<PollWatcher, RecommendedCache>),
}

impl Watching {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watching::Native(d) => d.watch(path, mode),
            Watching::Polling(d) => d.watch(path, mode),
        }
    }
}

impl ProjectWatch {
    /// Starts watching `project` (whose configuration file is `config`); with `poll`, by
    /// polling rather than the system's change events (which are also fallen back from when
    /// they cannot be had).
    pub fn start(project: &Project, config: &Path, poll: bool) -> Result<ProjectWatch> {
        let (sender, signals) = mpsc::channel::<Signal>();
        let input = project.input();
        let templates = project.templates();
        let mut watched: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        for (path, mode) in [
            (input.clone(), RecursiveMode::Recursive),
            (templates.clone(), RecursiveMode::Recursive),
            (project.root.clone(), RecursiveMode::NonRecursive),
            (
                config
                    .parent()
                    .map_or_else(|| project.root.clone(), Path::to_path_buf),
                RecursiveMode::NonRecursive,
            ),
        ] {
            let path = if path.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                path
            };
            if path.exists() && !watched.iter().any(|(p, _)| same(p, &path)) {
                watched.push((path, mode));
            }
        }
        let native = (!poll).then(|| {
            start::<RecommendedWatcher>(&watched, sender.clone(), notify::Config::default())
        });
        let watching = match native {
            Some(Ok(native)) => Watching::Native(native),
            // inotify can run out of watches or instances, and network file systems send no
            // events.
            not_native => {
                if let Some(Err(error)) = not_native {
                    crate::error::print_warning(&format!(
                        "cannot watch for change events ({error}); polling instead"
                    ));
                }
                // Modification times have whole seconds here: contents are compared too, so a
                // second save within the same second is not missed.
                let polling = notify::Config::default()
                    .with_poll_interval(POLL_INTERVAL)
                    .with_compare_contents(true);
                Watching::Polling(
                    start::<PollWatcher>(&watched, sender.clone(), polling)
                        .map_err(|e| Error::Usage(format!("cannot watch for changes: {e}")))?,
                )
            }
        };
        let templates_watched = templates.is_dir();
        let mut described = vec![input.clone()];
        if templates_watched {
            described.push(templates.clone());
        }
        described.push(config.to_path_buf());
        Ok(ProjectWatch {
            watching,
            signals,
            sender,
            input,
            templates,
            config: config.to_path_buf(),
            ignored: [project.output(), project.cache_dir()],
            templates_watched,
            described,
        })
    }

    /// A sender that makes [`ProjectWatch::next_change`] return `false` (for Ctrl-C).
    pub fn stopper(&self) -> mpsc::Sender<Signal> {
        self.sender.clone()
    }

    /// What is watched, for the user: "seeds, templates, briefing.toml".
    pub fn describe(&self) -> String {
        self.described
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Waits for the next burst of changes that calls for a rebuild: `true` then, `false` when
    /// told to stop.
    pub fn next_change(&mut self) -> bool {
        while let Ok(signal) = self.signals.recv() {
            let Signal::Changed(events) = signal else {
                return false;
            };
            // Reads (the build's own) are access events; only changes count.
            let changed: Vec<&Path> = events
                .iter()
                .filter(|e| changes_content(&e.kind))
                .flat_map(|e| e.paths.iter().map(PathBuf::as_path))
                .filter(|p| self.counts(p))
                .collect();
            if changed.is_empty() {
                continue;
            }
            if !self.templates_watched && self.templates.is_dir() {
                // Made after watching began: watched from now on (its files are read by the
                // rebuild this change brings).
                match self
                    .watching
                    .watch(&self.templates, RecursiveMode::Recursive)
                {
                    Ok(()) => {
                        self.templates_watched = true;
                        self.described.insert(1, self.templates.clone());
                    }
                    Err(e) => crate::error::print_warning(&format!(
                        "{}: cannot watch the new templates folder ({e}); restart to watch it",
                        self.templates.display()
                    )),
                }
            }
            return true;
        }
        false
    }

    /// Whether a change to `path` calls for a rebuild.
    fn counts(&self, path: &Path) -> bool {
        !self.ignored.iter().any(|i| within(path, i))
            && !is_temporary(path)
            && (within(path, &self.input)
                || within(path, &self.templates)
                || same(path, &self.config))
    }
}

/// A debounced watcher of kind `W` on every watched path, sending to `signals`.
fn start<W: Watcher>(
    watched: &[(PathBuf, RecursiveMode)],
    signals: mpsc::Sender<Signal>,
    config: notify::Config,
) -> notify::Result<Debouncer<W, RecommendedCache>> {
    let handler = move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let _ = signals.send(Signal::Changed(events));
        }
    };
    let mut debouncer =
        new_debouncer_opt(DEBOUNCE, None, handler, RecommendedCache::new(), config)?;
    for (path, mode) in watched {
        debouncer.watch(path, *mode)?;
    }
    Ok(debouncer)
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

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// `path` is `dir` or lies below it (as written, or once links are resolved).
fn within(path: &Path, dir: &Path) -> bool {
    path.starts_with(dir) || canonical(path).starts_with(canonical(dir))
}

/// The same file, as written or once links are resolved.
fn same(a: &Path, b: &Path) -> bool {
    a == b || canonical(a) == canonical(b)
}

/// Editors' and our own temporary files.
fn is_temporary(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.ends_with(".tmp")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.starts_with(".#")
}
