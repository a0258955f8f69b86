//! File stamps: what tells, without reading a file, that it is the one a build read before: its
//! size, modification and change times, inode and device, as git's index and make tell it. A
//! build keeps each input file's stamp with its key ([`Stamps`]), so the next build reads only
//! the files whose stamp moved. Any write to a file moves its change time, which no tool can
//! set back; a file changed within [`SETTLE`] of when it was stamped is not stamped (a later
//! write in the same clock tick would not show), so it is read again next time.

use std::fs::Metadata;
use std::path::Path;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

/// How long a file must have been left alone to be stamped.
pub const SETTLE: Duration = Duration::from_secs(2);

/// A regular file's stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
    device: u64,
}

impl Stamp {
    /// The stamp of a regular file's metadata, for a file read now; none when it changed too
    /// recently to tell a later change apart (see [`SETTLE`]), or on a system without change
    /// times.
    pub fn settled(meta: &Metadata) -> Option<Stamp> {
        let settled = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?
            .checked_sub(SETTLE)?;
        let settled = i64::try_from(settled.as_secs()).ok()?;
        let stamp = Stamp::of(meta)?;
        (stamp.modified.0 < settled && stamp.changed.0 < settled).then_some(stamp)
    }

    /// The stamp of a regular file's metadata as it is, for a file this build wrote itself:
    /// it is compared only to tell whether the file was replaced or edited since, which a
    /// user or a tool does later than the clock tick the build wrote it in. None on a system
    /// without change times.
    #[cfg(unix)]
    pub fn of(meta: &Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        meta.is_file().then(|| Stamp {
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        })
    }

    /// Without change times, nothing is stamped: every file is read.
    #[cfg(not(unix))]
    pub fn of(_meta: &Metadata) -> Option<Stamp> {
        None
    }

    /// The stamp of the regular file at `path` now (a link is not followed, and has none).
    pub fn at(path: &Path) -> Option<Stamp> {
        Stamp::of(&std::fs::symlink_metadata(path).ok()?)
    }
}

/// Input files' stamps with the cache keys of their contents, by path relative to the project.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamps(foldhash::HashMap<String, (Stamp, [u8; 32])>);

impl Stamps {
    /// The key of the file at `path` (relative `rel`) when it is stamped as it is now, with
    /// its stamp and size.
    pub fn key(&self, rel: &str, path: &Path) -> Option<(blake3::Hash, Stamp, u64)> {
        let (stamp, key) = self.0.get(rel)?;
        (Stamp::at(path)? == *stamp).then(|| (blake3::Hash::from_bytes(*key), *stamp, stamp.len))
    }

    /// Notes the stamp and key of the file at `rel`; whether that changed them.
    pub fn insert(&mut self, rel: String, stamp: Stamp, key: &blake3::Hash) -> bool {
        let value = (stamp, *key.as_bytes());
        self.0.insert(rel, value) != Some(value)
    }

    /// Forgets the file at `rel`; whether it was stamped.
    pub fn remove(&mut self, rel: &str) -> bool {
        self.0.remove(rel).is_some()
    }

    /// Whether the file at `rel` is stamped.
    pub fn has(&self, rel: &str) -> bool {
        self.0.contains_key(rel)
    }

    /// How many files are stamped.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no file is stamped.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
