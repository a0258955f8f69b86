//! The output folder's journal: the record that makes the switch of the three outputs one step,
//! as far as a crash is concerned.
//!
//! A build (holding the project lock) first records the names of the temporary files it is
//! about to create (`staged`), writes and syncs them, then rewrites the record as `commit`,
//! syncs it and the folder, and only then renames the files into place, one by one; when all
//! are in place the record is removed. Whatever point a crash stops it at, the next build (or
//! `clean`) finds the record, under the lock, before it does anything else:
//!
//! - `staged`: nothing was replaced yet; the files it names are removed (roll back);
//! - `commit`: every new file was whole and synced; those not yet renamed are renamed now (roll
//!   forward), so the folder ends with the whole new briefing.
//!
//! Only files the record names are ever removed, so a user's file that merely looks like one of
//! ours is left alone. The record is itself written to `.briefing.journal.tmp` and renamed, so
//! it is whole or absent.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The journal's file name in the output folder.
pub const JOURNAL: &str = ".briefing.journal";

/// The journal's temporary name, while it is written.
const JOURNAL_TMP: &str = ".briefing.journal.tmp";

/// Where a switch of the outputs has got to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Temporary files are being written; nothing has been replaced.
    Staged,
    /// Every temporary file is whole and synced; the renames are under way.
    Commit,
}

/// One output of a switch: its name and the temporary files made for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The output's file name (`briefing.md`).
    pub target: String,
    /// The new contents, written before the switch.
    pub temp: String,
    /// A hard link to the old contents, to restore them if a rename fails.
    pub backup: String,
}

/// The record of one switch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// Where the switch has got to.
    pub state: State,
    /// The outputs, in rename order.
    pub files: Vec<Entry>,
}

impl Journal {
    /// A record for `names`, with fresh random temporary names.
    pub fn plan(names: &[&str]) -> Journal {
        let files = names
            .iter()
            .map(|name| {
                let tag = random_tag();
                Entry {
                    target: name.to_string(),
                    temp: format!(".{name}.{tag}.tmp"),
                    backup: format!(".{name}.{tag}.bak.tmp"),
                }
            })
            .collect();
        Journal {
            state: State::Staged,
            files,
        }
    }

    /// Writes the record into `dir`, whole or not at all, and syncs it and the folder.
    pub fn store(&self, dir: &Path) -> Result<()> {
        let tmp = dir.join(JOURNAL_TMP);
        let path = dir.join(JOURNAL);
        let text = serde_json::to_vec(self).map_err(|e| Error::io(&path, e.into()))?;
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&tmp)?;
            std::io::Write::write_all(&mut file, &text)?;
            file.sync_all()?;
            std::fs::rename(&tmp, &path)?;
            sync_dir(dir)
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io(&path, e)
        })
    }

    /// The record in `dir`, if there is one.
    pub fn load(dir: &Path) -> Result<Option<Journal>> {
        let path = dir.join(JOURNAL);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let damaged = || Error::Input {
            path: path.clone(),
            line: None,
            message: "is not a journal briefing can read (briefing writes it whole, so it was \
                      changed by hand); remove it and the .tmp files it names, then build again"
                .into(),
        };
        let journal: Journal = serde_json::from_slice(&bytes).map_err(|_| damaged())?;
        // Only plain names in this folder: a record must never point anywhere else.
        let plain = |name: &str| {
            !name.is_empty()
                && !name.contains(['/', '\\'])
                && name != "."
                && name != ".."
                && Path::new(name).file_name().is_some_and(|n| n == name)
        };
        let sound = journal.files.iter().all(|e| {
            plain(&e.target)
                && plain(&e.temp)
                && plain(&e.backup)
                && e.temp.ends_with(".tmp")
                && e.backup.ends_with(".tmp")
        });
        if !sound {
            return Err(damaged());
        }
        Ok(Some(journal))
    }

    /// The files of ours the record names that exist in `dir`, with the record itself.
    pub fn pending(dir: &Path) -> Vec<PathBuf> {
        let Ok(Some(journal)) = Journal::load(dir) else {
            return [JOURNAL, JOURNAL_TMP]
                .iter()
                .map(|n| dir.join(n))
                .filter(|p| p.exists())
                .collect();
        };
        let mut found = vec![dir.join(JOURNAL)];
        for entry in &journal.files {
            for name in [&entry.temp, &entry.backup] {
                let path = dir.join(name);
                if path.exists() {
                    found.push(path);
                }
            }
        }
        found
    }
}

/// What [`recover`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovered {
    /// There was nothing to finish.
    Nothing,
    /// An interrupted build's files were removed; the old briefing stays.
    RolledBack,
    /// An interrupted build's switch was finished; the folder holds its briefing.
    RolledForward,
}

/// Finishes or undoes a switch an interrupted build left in `dir` (call with the project lock).
pub fn recover(dir: &Path) -> Result<Recovered> {
    let _ = std::fs::remove_file(dir.join(JOURNAL_TMP));
    let Some(journal) = Journal::load(dir)? else {
        return Ok(Recovered::Nothing);
    };
    let done = match journal.state {
        State::Staged => {
            for entry in &journal.files {
                remove_if_there(&dir.join(&entry.temp))?;
            }
            Recovered::RolledBack
        }
        State::Commit => {
            for entry in &journal.files {
                let temp = dir.join(&entry.temp);
                if temp.exists() {
                    let target = dir.join(&entry.target);
                    std::fs::rename(&temp, &target).map_err(|e| Error::io(&target, e))?;
                }
            }
            sync_dir(dir).map_err(|e| Error::io(dir, e))?;
            Recovered::RolledForward
        }
    };
    for entry in &journal.files {
        remove_if_there(&dir.join(&entry.backup))?;
    }
    finish(dir)?;
    Ok(done)
}

/// Removes the record once the switch is over (done or undone).
pub fn finish(dir: &Path) -> Result<()> {
    remove_if_there(&dir.join(JOURNAL))
}

fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Makes renames and new names in `dir` durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Folders cannot be synced as files here; renames are durable once the system flushes.
#[cfg(not(unix))]
pub fn sync_dir(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// 64 random bits as hex, for temporary names no other file has.
fn random_tag() -> String {
    let bits = getrandom::u64().unwrap_or_else(|_| {
        use std::hash::BuildHasher;
        std::collections::hash_map::RandomState::new().hash_one(std::process::id())
    });
    format!("{bits:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_record_rolls_forward_and_a_staged_one_back() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.md"), "old a").unwrap();
        std::fs::write(d.join("b.md"), "old b").unwrap();
        let mut journal = Journal::plan(&["a.md", "b.md"]);
        std::fs::write(d.join(&journal.files[0].temp), "new a").unwrap();
        std::fs::write(d.join(&journal.files[1].temp), "new b").unwrap();
        journal.store(d).unwrap();
        // A crash after the first rename of a committed switch.
        journal.state = State::Commit;
        journal.store(d).unwrap();
        std::fs::rename(d.join(&journal.files[0].temp), d.join("a.md")).unwrap();
        assert_eq!(recover(d).unwrap(), Recovered::RolledForward);
        assert_eq!(std::fs::read_to_string(d.join("a.md")).unwrap(), "new a");
        assert_eq!(std::fs::read_to_string(d.join("b.md")).unwrap(), "new b");
        assert_eq!(std::fs::read_dir(d).unwrap().count(), 2);

        let journal = Journal::plan(&["a.md"]);
        journal.store(d).unwrap();
        std::fs::write(d.join(&journal.files[0].temp), "newer a").unwrap();
        std::fs::write(d.join(".a.md.mine.tmp"), "a user's file").unwrap();
        assert_eq!(recover(d).unwrap(), Recovered::RolledBack);
        assert_eq!(std::fs::read_to_string(d.join("a.md")).unwrap(), "new a");
        assert!(d.join(".a.md.mine.tmp").exists(), "only named files go");
        assert_eq!(recover(d).unwrap(), Recovered::Nothing);
    }

    #[test]
    fn a_record_naming_files_elsewhere_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal {
            state: State::Commit,
            files: vec![Entry {
                target: "../briefing.toml".into(),
                temp: ".x.tmp".into(),
                backup: ".y.tmp".into(),
            }],
        };
        journal.store(dir.path()).unwrap();
        let error = recover(dir.path()).unwrap_err().to_string();
        assert!(error.contains("remove it"), "{error}");
    }
}
