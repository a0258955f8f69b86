//! The build cache: each article's read → segment → terms → themes work, stored under a key
//! made from the tool's version, the settings that work depends on, the file's path and its
//! bytes (blake3). A rebuild after one article changed redoes only that article, plus the cheap
//! cross-article steps. The cache lives outside the output folder; a corrupt, truncated or
//! foreign entry is ignored with a warning, never trusted.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};

use serde::Serialize;

use serde::de::DeserializeOwned;

use crate::error::Warning;

/// The folder, inside the project folder, that holds the cache.
pub const CACHE_DIR: &str = ".briefing-cache";

/// Marks a cache entry; bump the digit when the entry layout changes.
const MAGIC: &[u8; 8] = b"BRFCACH1";

/// The tool's identity, part of every key: its version and a hash of the running binary, so a
/// new build of the tool (even at the same version) never reads an old one's entries.
static TOOL_IDENTITY: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut id = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
    if let Ok(bytes) = std::env::current_exe().and_then(std::fs::read) {
        id.extend_from_slice(blake3::hash(&bytes).as_bytes());
    }
    id
});

/// A content-addressed store of per-article results.
#[derive(Debug)]
pub struct Cache {
    dir: Option<PathBuf>,
    hits: AtomicUsize,
    misses: AtomicUsize,
    warnings: Mutex<Vec<Warning>>,
}

impl Cache {
    /// A cache in `dir` (created on first store).
    pub fn open(dir: PathBuf) -> Cache {
        Cache::with_dir(Some(dir))
    }

    /// A cache that stores nothing and finds nothing (`--no-cache`).
    pub fn disabled() -> Cache {
        Cache::with_dir(None)
    }

    fn with_dir(dir: Option<PathBuf>) -> Cache {
        Cache {
            dir,
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            warnings: Mutex::new(Vec::new()),
        }
    }

    /// The key of some inputs: blake3 over the tool version and each part, length-prefixed.
    pub fn key(parts: &[&[u8]]) -> blake3::Hash {
        let mut hasher = blake3::Hasher::new();
        hasher.update(&TOOL_IDENTITY);
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        hasher.finalize()
    }

    fn path(&self, key: &blake3::Hash) -> Option<PathBuf> {
        let hex = key.to_hex();
        self.dir
            .as_ref()
            .map(|d| d.join(&hex[..2]).join(format!("{}.bin", &hex[2..])))
    }

    /// The value stored under `key`, if there is a sound one; a damaged entry is reported and
    /// treated as missing.
    pub fn load<T: DeserializeOwned>(&self, key: &blake3::Hash) -> Option<T> {
        let path = self.path(key)?;
        let found = match std::fs::read(&path) {
            Ok(bytes) => match decode(&bytes) {
                Ok(value) => Some(value),
                Err(problem) => {
                    self.warn(
                        &path,
                        format!("cache entry is {problem}; ignored and rebuilt"),
                    );
                    None
                }
            },
            Err(_) => None,
        };
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Stores `value` under `key`, atomically; a failure to store is reported, not fatal.
    pub fn store<T: Serialize>(&self, key: &blake3::Hash, value: &T) {
        let Some(path) = self.path(key) else { return };
        let result = postcard::to_stdvec(value)
            .map_err(|e| std::io::Error::other(e.to_string()))
            .and_then(|payload| write_entry(&path, &payload));
        if let Err(e) = result {
            self.warn(
                &path,
                format!("cannot store cache entry ({e}); continuing without it"),
            );
        }
    }

    /// (entries found, entries missing) so far.
    pub fn stats(&self) -> (usize, usize) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// Warnings about the cache itself (damaged entries, unwritable folder), sorted.
    pub fn take_warnings(&self) -> Vec<Warning> {
        let mut warnings =
            std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()));
        warnings.sort();
        warnings
    }

    fn warn(&self, path: &Path, message: String) {
        self.warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Warning {
                path: path.to_path_buf(),
                line: None,
                message,
            });
    }
}

/// Entry layout: MAGIC, blake3 of the payload (32 bytes), the postcard payload.
fn write_entry(path: &Path, payload: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut bytes = Vec::with_capacity(MAGIC.len() + 32 + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(blake3::hash(payload).as_bytes());
    bytes.extend_from_slice(payload);
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, &bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, &'static str> {
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or("not a briefing cache entry")?;
    if rest.len() < 32 {
        return Err("truncated");
    }
    let (sum, payload) = rest.split_at(32);
    if blake3::hash(payload).as_bytes() != sum {
        return Err("corrupt (checksum mismatch)");
    }
    postcard::from_bytes(payload).map_err(|_| "unreadable (layout mismatch)")
}

/// What the last build wrote: its fingerprint (inputs, configuration, templates, version) and
/// the hash of every output. When both still hold, a build has nothing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Manifest {
    /// blake3 of everything the briefing depends on, hex.
    pub fingerprint: String,
    /// (output file name, blake3 of its contents, hex), in write order.
    pub outputs: Vec<(String, String)>,
}

const MANIFEST: &str = "manifest.json";

impl Manifest {
    /// The manifest in the cache folder `dir`, if a readable one is there.
    pub fn load(dir: &Path) -> Option<Manifest> {
        serde_json::from_slice(&std::fs::read(dir.join(MANIFEST)).ok()?).ok()
    }

    /// Saves the manifest into the cache folder `dir`, atomically.
    pub fn store(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        serde_json::to_writer_pretty(&mut tmp, self).map_err(std::io::Error::other)?;
        tmp.persist(dir.join(MANIFEST)).map_err(|e| e.error)?;
        Ok(())
    }

    /// True when the manifest has `fingerprint` and every output in `out` is as it was written.
    pub fn is_current(&self, fingerprint: &blake3::Hash, out: &Path) -> bool {
        self.fingerprint == fingerprint.to_hex().as_str()
            && self.outputs.iter().all(|(name, hash)| {
                std::fs::read(out.join(name))
                    .is_ok_and(|bytes| blake3::hash(&bytes).to_hex().as_str() == hash)
            })
    }
}

/// Removes the cache folder; true when there was one.
pub fn clean(dir: &Path) -> std::io::Result<bool> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage_is_survived() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path().join("c"));
        let key = Cache::key(&[b"a", b"bc"]);
        assert_ne!(key, Cache::key(&[b"ab", b"c"]), "parts are length-prefixed");
        assert_eq!(cache.load::<Vec<String>>(&key), None);
        cache.store(&key, &vec!["satu".to_string(), "dua".to_string()]);
        assert_eq!(
            cache.load::<Vec<String>>(&key),
            Some(vec!["satu".into(), "dua".into()])
        );
        let path = cache.path(&key).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xFF;
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(cache.load::<Vec<String>>(&key), None);
        std::fs::write(&path, &bytes[..20]).unwrap();
        assert_eq!(cache.load::<Vec<String>>(&key), None);
        std::fs::write(&path, b"something else entirely").unwrap();
        assert_eq!(cache.load::<Vec<String>>(&key), None);
        let warnings = cache.take_warnings();
        assert_eq!(warnings.len(), 3);
        assert!(warnings.iter().any(|w| w.message.contains("corrupt")));
        assert!(warnings.iter().any(|w| w.message.contains("truncated")));
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("not a briefing cache entry"))
        );
        assert_eq!(cache.stats(), (1, 4));
    }

    #[test]
    fn a_disabled_cache_finds_nothing() {
        let cache = Cache::disabled();
        let key = Cache::key(&[b"x"]);
        cache.store(&key, &1u32);
        assert_eq!(cache.load::<u32>(&key), None);
    }
}
