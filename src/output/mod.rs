//! Writing the briefing: every file goes to a temporary file in the output folder and is renamed
//! into place, so readers never see a half-written file; a journal ([`journal`]) makes the three
//! renames one step for a crash (the next build finishes them) and a failed rename is undone, so
//! a failed build leaves the previous briefing whole. Files in the output folder that briefing
//! does not write are left alone, temporary-looking ones included.

use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};

use crate::digest::Digest;
use crate::error::{Error, Result};

mod disk;
pub mod journal;

use disk::Staged;
use journal::Journal;

/// Writes an output's text into the writer it is given.
pub type WriteText<'a> = dyn Fn(&mut (dyn Write + Send)) -> io::Result<()> + Sync + 'a;

/// What an output file holds: text made in memory, or text written as it is made.
pub enum Contents<'a> {
    /// The whole text.
    Text(String),
    /// Writes the text into the writer it is given: `briefing.json`, hundreds of megabytes for
    /// a large archive, goes straight to its file and is never held whole.
    Streamed(Box<WriteText<'a>>),
}

impl Contents<'_> {
    /// Writes the contents into `out`.
    pub fn write_to(&self, out: &mut (dyn Write + Send)) -> io::Result<()> {
        match self {
            Contents::Text(text) => out.write_all(text.as_bytes()),
            Contents::Streamed(write) => write(out),
        }
    }

    /// The contents as one string.
    pub fn to_text(&self) -> String {
        match self {
            Contents::Text(text) => text.clone(),
            Contents::Streamed(_) => {
                let mut bytes = Vec::new();
                // Writing into memory cannot fail; the text is UTF-8 by construction.
                let _ = self.write_to(&mut bytes);
                String::from_utf8_lossy(&bytes).into_owned()
            }
        }
    }
}

/// A file written: its path and the digest of what was written.
pub struct Written {
    /// Where it is.
    pub path: PathBuf,
    /// The digest of its contents.
    pub hash: Digest,
}

/// The files a switch wrote, and the removal of the backups of the files it replaced (or their
/// move to where the next build writes into their blocks): that runs on a thread of its own
/// (freeing the blocks of a briefing of hundreds of megabytes takes a tenth of a second) and
/// is waited for when this is dropped.
pub struct Switched {
    /// The files written, in the order given.
    pub files: Vec<Written>,
    cleanup: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Switched {
    fn drop(&mut self) {
        if let Some(cleanup) = self.cleanup.take() {
            let _ = cleanup.join();
        }
    }
}

/// Where the blocks of an output's old file are kept for the next build (see [`write_all`]):
/// none for no spare.
pub type Spare<'a> = dyn Fn(&str) -> Option<PathBuf> + Sync + 'a;

/// Writes `files` (name, contents) into `dir` and switches them in as one step; returns the
/// files written. The caller holds the project lock ([`crate::lock`]). `spare` names, for an
/// output, where the blocks of the file it replaces are kept for the next build to write
/// that output into (a spare, in the build cache; see `disk::open_temp`): the next build
/// then neither frees a briefing of hundreds of megabytes nor allocates one.
///
/// A switch an interrupted build left is finished or undone first ([`journal::recover`]).
/// Every file is then written in full and synced to a temporary file beside its target, named
/// in the folder's journal beforehand; the journal is marked committed, and only then are the
/// files renamed into place. Should a rename fail, the files already replaced are restored from
/// hard-linked backups; should the process die, the next build rolls the switch forward. So the
/// folder holds the whole old briefing or the whole new one once any build has started.
pub fn write_all(dir: &Path, files: &[(&str, Contents)], spare: &Spare) -> Result<Switched> {
    // The folders made here go again when the write fails before anything is switched in.
    let made = missing_folders(dir);
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    journal::recover(dir)?;
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let mut record = Journal::plan(&names);
    record.store(dir)?;
    let staged = stage(dir, files, &record, spare);
    let hashes = match staged {
        Ok(hashes) => hashes,
        Err(e) => {
            // Nothing was replaced: the temporary files go, and so does the record.
            drop(journal::recover(dir));
            remove_empty_folders(&made);
            return Err(e);
        }
    };
    record.state = journal::State::Commit;
    if let Err(e) = record.store(dir) {
        // Still staged: nothing was replaced; the temporary files go.
        drop(journal::recover(dir));
        remove_empty_folders(&made);
        return Err(e);
    }
    let crash_after = crash_point();
    let mut done: Vec<&journal::Entry> = Vec::new();
    for entry in &record.files {
        if crash_after == Some(done.len()) {
            std::process::abort();
        }
        let target = dir.join(&entry.target);
        if let Err(e) = std::fs::rename(dir.join(&entry.temp), &target) {
            restore(dir, &done);
            for entry in &record.files {
                let _ = std::fs::remove_file(dir.join(&entry.temp));
                let _ = std::fs::remove_file(dir.join(&entry.backup));
            }
            let _ = journal::finish(dir);
            return Err(Error::io(&target, e));
        }
        done.push(entry);
    }
    journal::sync_dir(dir).map_err(|e| Error::io(dir, e))?;
    journal::finish(dir)?;
    let files = (record.files.iter())
        .zip(hashes)
        .map(|(entry, hash)| Written {
            path: dir.join(&entry.target),
            hash,
        })
        .collect();
    let backups: Vec<(PathBuf, Option<PathBuf>)> = (record.files.iter())
        .map(|entry| (dir.join(&entry.backup), spare(&entry.target)))
        .collect();
    let cleanup = match std::thread::Builder::new().spawn({
        let backups = backups.clone();
        move || keep_spares(&backups)
    }) {
        Ok(thread) => Some(thread),
        Err(_) => {
            keep_spares(&backups);
            None
        }
    };
    Ok(Switched { files, cleanup })
}

/// The folders that making `dir` would make: `dir` and its missing parents, deepest first.
fn missing_folders(dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .take_while(|folder| !folder.as_os_str().is_empty() && !folder.exists())
        .map(Path::to_path_buf)
        .collect()
}

/// Removes `folders` (deepest first), each only if it is empty.
fn remove_empty_folders(folders: &[PathBuf]) {
    for folder in folders {
        let _ = std::fs::remove_dir(folder);
    }
}

/// Keeps each (backup, spare) backup as its spare, or removes it ([`disk::keep_spare`]).
fn keep_spares(backups: &[(PathBuf, Option<PathBuf>)]) {
    for (backup, spare) in backups {
        disk::keep_spare(backup, spare.as_deref());
    }
}

/// Writes and syncs each file's temporary file, and links a backup of the file it replaces.
/// The files are written together, each on a thread of its own, so that contents made as
/// they are written (the pages, see [`crate::render::Renderer::render_as_written`]) are made
/// while `briefing.json` is written; the first failure in file order is the one returned.
fn stage(
    dir: &Path,
    files: &[(&str, Contents)],
    record: &Journal,
    spare: &Spare,
) -> Result<Vec<Digest>> {
    let mut jobs = files.iter().map(|(_, c)| c).zip(&record.files);
    let Some((first, first_entry)) = jobs.next() else {
        return Ok(Vec::new());
    };
    std::thread::scope(|scope| {
        // Where a thread cannot be had, the file is written here, in turn.
        let others: Vec<_> = jobs
            .map(|(contents, entry)| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || stage_one(dir, contents, entry, spare))
                    .map_err(|_| (contents, entry))
            })
            .collect();
        let mut hashes = vec![stage_one(dir, first, first_entry, spare)];
        for other in others {
            hashes.push(match other {
                Ok(thread) => thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err((contents, entry)) => stage_one(dir, contents, entry, spare),
            });
        }
        hashes.into_iter().collect()
    })
}

/// Writes and syncs one file's temporary file (into its spare's blocks, where there is one),
/// and links a backup of the file it replaces.
fn stage_one(
    dir: &Path,
    contents: &Contents,
    entry: &journal::Entry,
    spare: &Spare,
) -> Result<Digest> {
    let target = dir.join(&entry.target);
    let spare = spare(&entry.target);
    let file = disk::open_temp(&dir.join(&entry.temp), spare.as_deref())
        .map_err(|e| Error::io(&target, e))?;
    let mut staged = Staged::new(&file, &target);
    contents
        .write_to(&mut staged)
        .and_then(|_| staged.finish())
        .and_then(|_| set_permissions(&file, &target))
        .and_then(|_| file.sync_all())
        .map_err(|e| staging_error(&target, e))?;
    if target.is_file() {
        // Without a backup (a file system without hard links) a failed rename cannot be
        // undone for this file, but the build still fails and says so.
        let _ = std::fs::hard_link(&target, dir.join(&entry.backup));
    }
    Ok(staged.digest())
}

/// The error of writing `target`: the tool's own error when the contents failed with one (a
/// template that does not render), else the I/O error with the file's path.
fn staging_error(target: &Path, e: io::Error) -> Error {
    if !e.get_ref().is_some_and(|inner| inner.is::<Error>()) {
        return Error::io(target, e);
    }
    match e.into_inner().map(|inner| inner.downcast::<Error>()) {
        Some(Ok(error)) => *error,
        Some(Err(inner)) => Error::io(target, io::Error::other(inner)),
        None => Error::io(target, io::Error::other("the write failed")),
    }
}

/// Puts back the files a failed switch already replaced: the old file from its backup, or no
/// file where there was none.
fn restore(dir: &Path, done: &[&journal::Entry]) {
    for entry in done.iter().rev() {
        let target = dir.join(&entry.target);
        let backup = dir.join(&entry.backup);
        if backup.exists() {
            let _ = std::fs::rename(&backup, &target);
        } else {
            let _ = std::fs::remove_file(&target);
        }
    }
}

/// For the crash tests: `BRIEFING_TEST_CRASH_AFTER_RENAMES=N` aborts the process after N of the
/// switch's renames, as a power cut or `kill -9` would stop it.
fn crash_point() -> Option<usize> {
    std::env::var("BRIEFING_TEST_CRASH_AFTER_RENAMES")
        .ok()?
        .parse()
        .ok()
}

/// Files of an unfinished switch in `dir`: the journal and the temporary files it names.
pub fn leftovers(dir: &Path) -> Vec<PathBuf> {
    Journal::pending(dir)
}

/// Gives a fresh file the permissions of the file it replaces, or the usual 0644 for a new one
/// (temporary files are created 0600).
pub fn set_permissions(file: &std::fs::File, target: &Path) -> std::io::Result<()> {
    match std::fs::metadata(target) {
        Ok(meta) => file.set_permissions(meta.permissions()),
        Err(_) => set_default_permissions(file),
    }
}

#[cfg(unix)]
fn set_default_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Compares rendered files with what is on disk: the names of those missing or different.
/// Streamed contents are compared as they are made, against the file read alongside.
pub fn stale(dir: &Path, files: &[(&str, Contents)]) -> Vec<(String, Staleness)> {
    files
        .iter()
        .filter_map(|(name, contents)| {
            let path = dir.join(name);
            let file = match crate::bounded::open_regular(&path) {
                Ok(file) => file,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Some((name.to_string(), Staleness::Missing));
                }
                Err(e) => return Some((name.to_string(), Staleness::Differs(e.to_string()))),
            };
            let mut same = Comparing {
                file: io::BufReader::with_capacity(1 << 20, file),
                chunk: Vec::new(),
            };
            let equal = contents.write_to(&mut same).is_ok() && same.at_end();
            if equal {
                return None;
            }
            // A line summary for files of a readable size; a larger one only differs.
            let summary = match crate::bounded::read(&path, 64 << 20) {
                Ok(on_disk) => {
                    diff_summary(&String::from_utf8_lossy(&on_disk), &contents.to_text())
                }
                Err(e) => format!("differs ({e}, not compared line by line)"),
            };
            Some((name.to_string(), Staleness::Differs(summary)))
        })
        .collect()
}

/// A writer that compares what is written with a file, failing at the first difference.
struct Comparing {
    file: io::BufReader<std::fs::File>,
    chunk: Vec<u8>,
}

impl Comparing {
    /// True when the whole file has been matched.
    fn at_end(&mut self) -> bool {
        self.file.fill_buf().is_ok_and(|rest| rest.is_empty())
    }
}

impl Write for Comparing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.chunk.resize(buf.len(), 0);
        self.file.read_exact(&mut self.chunk)?;
        if self.chunk != buf {
            return Err(io::Error::other("differs"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// How an output file is out of date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Staleness {
    /// The file does not exist.
    Missing,
    /// The file exists with other contents; a short summary of the difference.
    Differs(String),
}

/// "N lines differ, first at line L" between the file on disk and the fresh render.
fn diff_summary(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let first = old
        .iter()
        .zip(&new)
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    let changed =
        old.iter().zip(&new).filter(|(a, b)| a != b).count() + old.len().abs_diff(new.len());
    format!(
        "{changed} line(s) differ, first at line {} ({} lines on disk, {} fresh)",
        first + 1,
        old.len(),
        new.len()
    )
}

#[cfg(test)]
mod tests;
