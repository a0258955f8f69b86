//! One build of a project at a time: an advisory lock on the project folder, held for the whole
//! of `build` (scan to manifest), `clean`, and shared by `check` while it reads the output.
//!
//! The lock is the operating system's (`flock` on Unix, `LockFileEx` on Windows, through the
//! standard library's `File::lock`), taken on the project folder itself on Unix, so no file is
//! added to the project, and released by the system when the process ends however it ends
//! (`kill -9` included), so a crashed build never leaves a stale lock. A second build waits for
//! the first to finish, saying so once, and then runs: it finds the briefing up to date or
//! rebuilds it. Waiting rather than failing keeps CI jobs and `watch` green when builds overlap.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::Result;

/// A held lock on a project; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct ProjectLock {
    /// The locked file; none where the file system has no locks.
    _file: Option<File>,
}

/// What the lock is for: writing (build, clean) or reading the output (check).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only one holder at a time, and no readers.
    Exclusive,
    /// Any number of readers, no writer.
    Shared,
}

impl ProjectLock {
    /// Takes the lock of the project in `root`, waiting for another holder to finish; unless
    /// `quiet`, says once on stderr that it is waiting.
    pub fn acquire(root: &Path, access: Access, quiet: bool) -> Result<ProjectLock> {
        let path = lock_path(root);
        match lock(&path, access, root, quiet) {
            Ok(file) => Ok(ProjectLock { _file: Some(file) }),
            // A file system without locks (some network and FUSE ones): run, and say so.
            Err(e) => {
                crate::error::print_warning(&format!(
                    "{}: cannot take the project lock ({e}); going on without it, so do \
                     not run two briefing builds of this project at once",
                    path.display()
                ));
                Ok(ProjectLock { _file: None })
            }
        }
    }
}

/// Opens `path` and locks it, waiting (and saying so, unless `quiet`) while another holds it.
fn lock(path: &Path, access: Access, root: &Path, quiet: bool) -> std::io::Result<File> {
    let file = open(path)?;
    let attempt = match access {
        Access::Exclusive => file.try_lock(),
        Access::Shared => file.try_lock_shared(),
    };
    match attempt {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            if !quiet {
                eprintln!(
                    "waiting for another briefing command on {} to finish",
                    root.display()
                );
            }
            match access {
                Access::Exclusive => file.lock()?,
                Access::Shared => file.lock_shared()?,
            }
        }
        Err(TryLockError::Error(e)) => return Err(e),
    }
    Ok(file)
}

/// What is locked: the project folder itself on Unix (no file added to the project).
#[cfg(unix)]
fn lock_path(root: &Path) -> PathBuf {
    if root.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        root.to_path_buf()
    }
}

/// What is locked: a file beside `briefing.toml` elsewhere (folders cannot be opened as files).
#[cfg(not(unix))]
fn lock_path(root: &Path) -> PathBuf {
    root.join(".briefing.lock")
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_share_and_a_writer_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let first = ProjectLock::acquire(dir.path(), Access::Shared, true).unwrap();
        let second = ProjectLock::acquire(dir.path(), Access::Shared, true).unwrap();
        let probe = open(&lock_path(dir.path())).unwrap();
        assert!(matches!(probe.try_lock(), Err(TryLockError::WouldBlock)));
        drop((first, second));
        let writer = ProjectLock::acquire(dir.path(), Access::Exclusive, true).unwrap();
        assert!(matches!(
            probe.try_lock_shared(),
            Err(TryLockError::WouldBlock)
        ));
        drop(writer);
        probe.try_lock().unwrap();
    }
}
