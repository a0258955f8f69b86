//! Writing the briefing: every file goes to a temporary file in the output folder and is renamed
//! into place, so readers never see a half-written file and a failed build leaves the previous
//! briefing whole. Files in the output folder that briefing does not write are left alone.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `files` (name, contents) into `dir`, each atomically; returns the paths written.
///
/// Every file is first written in full to a temporary file beside its target. Only then are
/// they renamed into place; should one rename fail, the files already replaced are restored
/// from hard-linked backups, so the folder holds either the whole new briefing or the whole old
/// one. Leftover temporary files of an interrupted earlier build are removed.
pub fn write_all(dir: &Path, files: &[(&str, String)]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for leftover in leftovers(dir, files) {
        let _ = std::fs::remove_file(leftover);
    }
    let mut staged = Vec::new();
    for (name, contents) in files {
        let target = dir.join(name);
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Error::io(&target, e))?;
        tmp.write_all(contents.as_bytes())
            .and_then(|_| set_permissions(tmp.as_file(), &target))
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| Error::io(&target, e))?;
        staged.push((tmp, target));
    }
    let mut backups: Vec<(PathBuf, Option<tempfile::TempPath>)> = Vec::new();
    for (tmp, target) in staged {
        let backup = backup_of(dir, &target);
        if let Err(e) = tmp.persist(&target) {
            for (done, backup) in backups.into_iter().rev() {
                match backup {
                    Some(backup) => drop(backup.persist(&done)),
                    None => drop(std::fs::remove_file(&done)),
                }
            }
            return Err(Error::io(&target, e.error));
        }
        backups.push((target, backup));
    }
    Ok(backups.into_iter().map(|(target, _)| target).collect())
}

/// A hard link to the current `target` (deleted when dropped), to restore it if a later rename
/// fails; `None` when there is no current file.
fn backup_of(dir: &Path, target: &Path) -> Option<tempfile::TempPath> {
    if !target.is_file() {
        return None;
    }
    let name = target.file_name()?.to_string_lossy().into_owned();
    let path = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".bak.tmp")
        .make_in(dir, |p| std::fs::hard_link(target, p))
        .ok()?;
    Some(path.into_temp_path())
}

/// Temporary files an interrupted build of these outputs left in `dir`.
pub fn leftovers(dir: &Path, files: &[(&str, String)]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".tmp")
                && files
                    .iter()
                    .any(|(out, _)| name.starts_with(&format!(".{out}.")))
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Gives a fresh file the permissions of the file it replaces, or the usual 0644 for a new one
/// (temporary files are created 0600).
fn set_permissions(file: &std::fs::File, target: &Path) -> std::io::Result<()> {
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
pub fn stale(dir: &Path, files: &[(&str, String)]) -> Vec<(String, Staleness)> {
    files
        .iter()
        .filter_map(|(name, contents)| {
            let state = match std::fs::read(dir.join(name)) {
                Err(_) => Staleness::Missing,
                Ok(bytes) if bytes == contents.as_bytes() => return None,
                Ok(bytes) => {
                    Staleness::Differs(diff_summary(&String::from_utf8_lossy(&bytes), contents))
                }
            };
            Some((name.to_string(), state))
        })
        .collect()
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
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_and_reports_staleness() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let files = vec![
            ("a.md", "one\ntwo\n".to_string()),
            ("b.json", "{}\n".to_string()),
        ];
        write_all(&out, &files).unwrap();
        std::fs::write(out.join("keep.txt"), "mine").unwrap();
        assert!(stale(&out, &files).is_empty());
        let changed = vec![
            ("a.md", "one\nthree\n".to_string()),
            ("c.html", String::new()),
        ];
        let report = stale(&out, &changed);
        assert_eq!(report[0].0, "a.md");
        assert!(matches!(&report[0].1, Staleness::Differs(s) if s.contains("first at line 2")));
        assert_eq!(report[1], ("c.html".to_string(), Staleness::Missing));
        write_all(&out, &changed).unwrap();
        let names: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 4, "no temporary files left: {names:?}");
        assert_eq!(
            std::fs::read_to_string(out.join("keep.txt")).unwrap(),
            "mine"
        );
    }
}
