//! The fetch manifest: `.briefing-fetch.json` in the input folder, naming every file `briefing
//! fetch` wrote there, with the URL it came from, when, its hash and the validators for the next
//! conditional request. The read stage skips it, as it skips every name starting with a dot.
//!
//! It is how fetch knows which files are its own: a file it would write that is not in the
//! manifest, or no longer has the hash recorded there (someone edited it), is never overwritten.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The manifest's file name in the input folder.
pub const MANIFEST_FILE: &str = ".briefing-fetch.json";

/// The journal beside the manifest: one JSON line `[url, entry]` per file written during a run,
/// appended as each is written and folded into the manifest at the end of the run, so a run
/// that stops half-way still knows every file it wrote, and each URL costs one short append
/// (not a rewrite of the whole manifest).
pub const JOURNAL_FILE: &str = ".briefing-fetch.journal";

/// The prefix of fetch's temporary files: a dot, so the read stage never sees one.
pub const TEMP_PREFIX: &str = ".briefing-fetch-";

/// The largest manifest read (about 100,000 entries).
const MAX_MANIFEST: u64 = 64 << 20;

/// The version written; a manifest of another version is refused.
const VERSION: u32 = 1;

/// What fetch knows of the files it wrote, by the URL asked for.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The format's version.
    version: u32,
    /// One entry per URL, sorted by URL (so the file is the same for the same fetches).
    entries: BTreeMap<String, Entry>,
    /// Which URL owns each file name.
    #[serde(skip)]
    owners: HashMap<String, String>,
}

/// One fetched URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file's name in the input folder.
    pub file: String,
    /// Where the last response came from, after redirects.
    pub final_url: String,
    /// When the file's contents were last written (RFC 3339, UTC).
    pub fetched_at: String,
    /// blake3 of the file's contents, as written.
    pub hash: String,
    /// The response's `Content-Type`, charset included.
    pub content_type: String,
    /// The response's `ETag`, sent back as `If-None-Match`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The response's `Last-Modified`, sent back as `If-Modified-Since`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// The feed whose item this page is, when it was fetched as one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed: Option<String>,
}

impl Manifest {
    /// The path of the manifest of input folder `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(MANIFEST_FILE)
    }

    /// Reads the manifest file of input folder `dir` alone.
    fn load_file(dir: &Path) -> Result<Manifest> {
        let path = Manifest::path(dir);
        let bytes = crate::bounded::read(&path, MAX_MANIFEST).map_err(|e| Error::io(&path, e))?;
        let unreadable = |message: String| Error::Input {
            path: path.clone(),
            line: None,
            message: format!(
                "{message}; it is briefing fetch's record of the files it wrote: restore it, or \
                 remove it (fetch then treats every file in the folder as not its own and \
                 refuses to overwrite them)"
            ),
        };
        let mut manifest: Manifest = serde_json::from_slice(&bytes)
            .map_err(|e| unreadable(format!("cannot be read ({e})")))?;
        if manifest.version != VERSION {
            return Err(unreadable(format!(
                "has version {}, not {VERSION}",
                manifest.version
            )));
        }
        manifest.check().map_err(unreadable)?;
        Ok(manifest)
    }

    /// Reads the manifest of input folder `dir` and the journal a run left there (one that
    /// stopped before folding it in): every entry of the journal's complete lines replaces the
    /// manifest's; a last line cut short by the stop is ignored (its file is then not fetch's
    /// and will not be overwritten).
    pub fn load(dir: &Path) -> Result<Manifest> {
        let mut manifest = match Manifest::load_file(dir) {
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                Manifest {
                    version: VERSION,
                    ..Manifest::default()
                }
            }
            other => other?,
        };
        let path = dir.join(JOURNAL_FILE);
        let bytes = match crate::bounded::read(&path, MAX_MANIFEST) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(manifest),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        for (i, line) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
            if line.is_empty() {
                continue;
            }
            let (url, entry): (String, Entry) =
                serde_json::from_slice(line).map_err(|e| Error::Input {
                    path: path.clone(),
                    line: Some(i + 1),
                    message: format!(
                        "cannot be read ({e}); it is the journal of a fetch run that stopped: \
                         remove it to forget the files that run wrote"
                    ),
                })?;
            manifest.insert(&url, entry);
        }
        manifest.check().map_err(|message| Error::Input {
            path: path.clone(),
            line: None,
            message: format!("{message}; remove it to forget the files that run wrote"),
        })?;
        Ok(manifest)
    }

    /// Each entry names a plain file, and no file belongs to two URLs.
    fn check(&mut self) -> std::result::Result<(), String> {
        self.owners.clear();
        let manifest = self;
        for (url, entry) in &manifest.entries {
            if !is_plain_name(&entry.file) {
                return Err(format!(
                    "names {:?} for {url}, which is not a file name in the folder",
                    entry.file
                ));
            }
            if let Some(other) = manifest.owners.insert(entry.file.clone(), url.clone()) {
                return Err(format!(
                    "gives the file {} to both {other} and {url}",
                    entry.file
                ));
            }
        }
        Ok(())
    }

    /// The entry of `url`, if it was fetched before.
    pub fn get(&self, url: &str) -> Option<&Entry> {
        self.entries.get(url)
    }

    /// The URL whose file is `file`, if any.
    pub fn owner(&self, file: &str) -> Option<&str> {
        self.owners.get(file).map(String::as_str)
    }

    /// Records `entry` for `url`, replacing its earlier entry.
    pub fn insert(&mut self, url: &str, entry: Entry) {
        if let Some(old) = self.entries.get(url) {
            self.owners.remove(&old.file);
        }
        self.owners.insert(entry.file.clone(), url.to_string());
        self.entries.insert(url.to_string(), entry);
    }

    /// How many URLs it records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when it records nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Records `entry` for `url` and appends it to the journal in input folder `dir` (synced),
    /// so that it survives a run that stops before [`Manifest::store`].
    pub fn record(&mut self, dir: &Path, url: &str, entry: Entry) -> Result<()> {
        let path = dir.join(JOURNAL_FILE);
        let mut line = serde_json::to_vec(&(url, &entry)).unwrap_or_default();
        line.push(b'\n');
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        file.write_all(&line)
            .and_then(|()| file.sync_data())
            .map_err(|e| Error::io(&path, e))?;
        self.insert(url, entry);
        Ok(())
    }

    /// Writes the manifest into input folder `dir` atomically (a temporary file renamed over
    /// it), then removes the journal it now holds.
    pub fn store(&self, dir: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        write_atomically(dir, MANIFEST_FILE, text.as_bytes())?;
        let journal = dir.join(JOURNAL_FILE);
        match std::fs::remove_file(&journal) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&journal, e)),
            _ => Ok(()),
        }
    }
}

/// True for a bare file name fetch could have written (no folder, not hidden).
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && Path::new(name).file_name() == Some(std::ffi::OsStr::new(name))
}

/// Writes `bytes` as `dir/name`: to a hidden temporary file in `dir`, synced, then renamed into
/// place, so the folder never holds a half-written file under that name. A failure removes the
/// temporary file.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let target = dir.join(name);
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(&target, e))?;
    temp.write_all(bytes)
        .and_then(|()| crate::output::set_permissions(temp.as_file(), &target))
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::io(&target, e))?;
    temp.persist(&target)
        .map_err(|e| Error::io(&target, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(file: &str) -> Entry {
        Entry {
            file: file.into(),
            final_url: "https://example.com/a".into(),
            fetched_at: "2024-06-20T00:00:00Z".into(),
            hash: "00".into(),
            content_type: "text/html".into(),
            etag: Some("\"v1\"".into()),
            last_modified: None,
            feed: None,
        }
    }

    #[test]
    fn round_trips_and_knows_owners() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::load(dir.path()).unwrap();
        assert!(manifest.is_empty());
        manifest.insert("https://example.com/a", entry("a.html"));
        manifest.insert("https://example.com/b", entry("b.html"));
        // Re-fetched as another kind: the old name is no longer the URL's.
        manifest.insert("https://example.com/b", entry("b.rss"));
        manifest.store(dir.path()).unwrap();
        let again = Manifest::load(dir.path()).unwrap();
        assert_eq!(again.len(), 2);
        assert_eq!(again.owner("a.html"), Some("https://example.com/a"));
        assert_eq!(again.owner("b.rss"), Some("https://example.com/b"));
        assert_eq!(again.owner("b.html"), None);
        assert_eq!(again.get("https://example.com/a"), Some(&entry("a.html")));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, [MANIFEST_FILE], "no temporary file is left");
    }

    #[test]
    fn a_run_that_stopped_is_remembered_from_its_journal() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::load(dir.path()).unwrap();
        manifest.insert("https://example.com/a", entry("a.html"));
        manifest.store(dir.path()).unwrap();
        manifest
            .record(dir.path(), "https://example.com/a", entry("a.rss"))
            .unwrap();
        manifest
            .record(dir.path(), "https://example.com/b", entry("b.html"))
            .unwrap();
        // The run stops while appending a third entry: its line is cut short.
        let journal = dir.path().join(JOURNAL_FILE);
        let mut cut = std::fs::OpenOptions::new()
            .append(true)
            .open(&journal)
            .unwrap();
        cut.write_all(br#"["https://example.com/c",{"file":"c.ht"#)
            .unwrap();
        drop(cut);
        let again = Manifest::load(dir.path()).unwrap();
        assert_eq!(again.len(), 2);
        assert_eq!(again.owner("a.rss"), Some("https://example.com/a"));
        assert_eq!(again.owner("a.html"), None);
        assert_eq!(again.owner("b.html"), Some("https://example.com/b"));
        assert_eq!(again.owner("c.html"), None);
        // Folding it in removes the journal.
        again.store(dir.path()).unwrap();
        assert!(!journal.exists());
        assert_eq!(Manifest::load(dir.path()).unwrap().len(), 2);
        // A damaged complete line is an error naming the journal and the line.
        std::fs::write(&journal, "[\"https://example.com/d\"]\n").unwrap();
        let message = Manifest::load(dir.path()).unwrap_err().to_string();
        assert!(message.contains(JOURNAL_FILE), "{message}");
        assert!(message.contains('1'), "{message}");
    }

    #[test]
    fn a_damaged_manifest_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        for text in [
            "{",
            r#"{"version": 9, "entries": {}}"#,
            r#"{"version": 1, "entries": {"u": {"file": "../x", "final_url": "u", "fetched_at": "t", "hash": "h", "content_type": "text/html"}}}"#,
        ] {
            std::fs::write(Manifest::path(dir.path()), text).unwrap();
            let err = Manifest::load(dir.path()).unwrap_err().to_string();
            assert!(err.contains(MANIFEST_FILE), "{err}");
        }
    }
}
