//! The build cache: each article's read → segment → terms → themes work, stored under a key
//! made from the tool's version, the settings that work depends on, the file's path and its
//! bytes (blake3). A rebuild after one article changed redoes only that article, plus the cheap
//! cross-article steps. The cache lives outside the output folder.
//!
//! Every entry is authenticated for its key: it carries a blake3 keyed hash, under a secret
//! made at random for this cache folder (`secret`, 32 bytes), of the key and the payload. So an
//! entry is read only for the key it was written for: one copied from another project (another
//! secret), moved to another entry's name (another key), or edited and re-checksummed without
//! the secret is reported and rebuilt, never used. The manifest is authenticated the same way.
//! This guards against entries that come from elsewhere, not against someone who can read the
//! secret too (anyone who can write the whole folder): for that, `clean` or `--no-cache`.
//!
//! The cache is an optimisation: when it cannot be used (the folder is a file, the disk is
//! full, an entry is a folder or a FIFO) the build warns once and goes on without it. Reads are
//! bounded ([`crate::bounded`]): regular files only, entries of at most [`MAX_ENTRY`] bytes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};

use serde::Serialize;

use serde::de::DeserializeOwned;

use crate::bounded;
use crate::error::Warning;

mod clean;

pub use clean::{Cleaned, clean};

/// The folder, inside the project folder, that holds the cache.
pub const CACHE_DIR: &str = ".briefing-cache";

/// Marks a cache entry; bump the digit when the entry layout changes.
const MAGIC: &[u8; 8] = b"BRFCACH2";

/// The largest entry read; a larger one is refused unread and rebuilt (an article's entry is a
/// few times its text).
pub const MAX_ENTRY: u64 = 256 << 20;

/// The file holding the cache's secret.
const SECRET: &str = "secret";

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
    secret: [u8; 32],
    hits: AtomicUsize,
    misses: AtomicUsize,
    store_failed: AtomicBool,
    warnings: Mutex<Vec<Warning>>,
}

impl Cache {
    /// The cache in `dir`, created when missing. When it cannot be used, a cache that stores
    /// and finds nothing, with one warning saying why.
    pub fn open(dir: PathBuf) -> Cache {
        match setup(&dir) {
            Ok(secret) => Cache {
                secret,
                ..Cache::with_dir(Some(dir))
            },
            Err(e) => {
                let cache = Cache::disabled();
                cache.warn(
                    &dir,
                    format!("cannot use the build cache ({e}); building without it"),
                );
                cache
            }
        }
    }

    /// A cache that stores nothing and finds nothing (`--no-cache`).
    pub fn disabled() -> Cache {
        Cache::with_dir(None)
    }

    fn with_dir(dir: Option<PathBuf>) -> Cache {
        Cache {
            dir,
            secret: [0; 32],
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            store_failed: AtomicBool::new(false),
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

    /// The file an entry of `key` is stored in (none when the cache is disabled).
    pub fn entry_path(&self, key: &blake3::Hash) -> Option<PathBuf> {
        self.path(key)
    }

    fn path(&self, key: &blake3::Hash) -> Option<PathBuf> {
        let hex = key.to_hex();
        self.dir
            .as_ref()
            .map(|d| d.join(&hex[..2]).join(format!("{}.bin", &hex[2..])))
    }

    /// The tag binding `payload` to `key` under this cache's secret.
    fn tag(&self, what: &[u8], key: &[u8], payload: &[u8]) -> blake3::Hash {
        let mut hasher = blake3::Hasher::new_keyed(&self.secret);
        for part in [what, key, payload] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        hasher.finalize()
    }

    /// The value stored under `key`, if there is a sound one written for this key by this
    /// cache; a damaged, foreign or unreadable entry is reported and treated as missing.
    pub fn load<T: DeserializeOwned>(&self, key: &blake3::Hash) -> Option<T> {
        let path = self.path(key)?;
        let found = match bounded::read(&path, MAX_ENTRY) {
            Ok(bytes) => match self.decode(key, &bytes) {
                Ok(value) => Some(value),
                Err(problem) => {
                    self.warn(
                        &path,
                        format!("cache entry is {problem}; ignored and rebuilt"),
                    );
                    None
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                self.warn(
                    &path,
                    format!("cache entry cannot be read ({e}); ignored and rebuilt"),
                );
                None
            }
        };
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Entry layout: MAGIC, the tag of key and payload (32 bytes), the postcard payload.
    fn decode<T: DeserializeOwned>(
        &self,
        key: &blake3::Hash,
        bytes: &[u8],
    ) -> Result<T, &'static str> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or("not a briefing cache entry")?;
        if rest.len() < 32 {
            return Err("truncated");
        }
        let (sum, payload) = rest.split_at(32);
        // blake3::Hash compares in constant time.
        let expected = self.tag(b"entry", key.as_bytes(), payload);
        if expected != blake3::Hash::from_bytes(sum.try_into().unwrap_or([0; 32])) {
            return Err("not the one written for this article here (damaged, copied or edited)");
        }
        postcard::from_bytes(payload).map_err(|_| "unreadable (layout mismatch)")
    }

    /// Stores `value` under `key`, atomically; a failure to store is reported once, not fatal,
    /// and no more entries are stored in this run.
    pub fn store<T: Serialize>(&self, key: &blake3::Hash, value: &T) {
        let Some(path) = self.path(key) else { return };
        if self.store_failed.load(Ordering::Relaxed) {
            return;
        }
        let result = postcard::to_stdvec(value)
            .map_err(|e| std::io::Error::other(e.to_string()))
            .and_then(|payload| {
                let mut bytes = Vec::with_capacity(MAGIC.len() + 32 + payload.len());
                bytes.extend_from_slice(MAGIC);
                bytes.extend_from_slice(self.tag(b"entry", key.as_bytes(), &payload).as_bytes());
                bytes.extend_from_slice(&payload);
                write_atomically(&path, ".entry.", &bytes)
            });
        if let Err(e) = result
            && !self.store_failed.swap(true, Ordering::Relaxed)
        {
            self.warn(
                &path,
                format!("cannot store cache entries ({e}); building on without storing them"),
            );
        }
    }

    /// The manifest of the last build, if a sound one written by this cache is there.
    pub fn load_manifest(&self) -> Option<Manifest> {
        let path = self.dir.as_ref()?.join(MANIFEST);
        let bytes = bounded::read(&path, 1 << 20).ok()?;
        let file: ManifestFile = serde_json::from_slice(&bytes).ok()?;
        let body = serde_json::to_vec(&file.manifest).ok()?;
        let expected = self.tag(b"manifest", &[], &body).to_hex();
        (file.tag == expected.as_str()).then_some(file.manifest)
    }

    /// Saves the manifest, atomically and authenticated.
    pub fn store_manifest(&self, manifest: &Manifest) -> std::io::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let body = serde_json::to_vec(manifest).map_err(std::io::Error::other)?;
        let file = ManifestFile {
            manifest: manifest.clone(),
            tag: self.tag(b"manifest", &[], &body).to_hex().to_string(),
        };
        let text = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
        write_atomically(&dir.join(MANIFEST), ".manifest.", &text)
    }

    /// Removes the temporary files of builds that were killed while storing (under the project
    /// lock, so no running build's files are among them). Everything in the cache folder is
    /// the cache's own.
    pub fn remove_leftovers(&self) {
        let Some(dir) = &self.dir else { return };
        let ours = |name: &str| {
            name.starts_with('.') && name.ends_with(".tmp") || name.starts_with(".tmp")
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_file() && ours(&name) {
                let _ = std::fs::remove_file(entry.path());
            } else if kind.is_dir() && name.len() == 2 {
                let Ok(inner) = std::fs::read_dir(entry.path()) else {
                    continue;
                };
                for file in inner.filter_map(|e| e.ok()) {
                    if ours(&file.file_name().to_string_lossy()) {
                        let _ = std::fs::remove_file(file.path());
                    }
                }
            }
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

/// Makes the cache folder usable: a real folder, with its secret (made at random when there is
/// none, or when the one there is damaged: every entry is then rebuilt).
fn setup(dir: &Path) -> std::io::Result<[u8; 32]> {
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(std::io::Error::other(
                "it is not a folder; remove it or run `briefing clean`",
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dir)?,
        Err(e) => return Err(e),
    }
    let path = dir.join(SECRET);
    if let Ok(bytes) = bounded::read(&path, 32)
        && let Ok(secret) = <[u8; 32]>::try_from(bytes.as_slice())
    {
        return Ok(secret);
    }
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| std::io::Error::other(e.to_string()))?;
    write_atomically(&path, ".secret.", &secret)?;
    Ok(secret)
}

/// Writes `bytes` to `path` through a temporary file named `{prefix}…tmp` and a rename.
fn write_atomically(path: &Path, prefix: &str, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    std::io::Write::write_all(&mut tmp, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// What the last build wrote: its fingerprint (inputs, configuration, templates, version), the
/// hash of every output and the warnings it gave. When both still hold, a build has nothing to
/// do but give the same warnings again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Manifest {
    /// blake3 of everything the briefing depends on, hex.
    pub fingerprint: String,
    /// (output file name, blake3 of its contents, hex), in write order.
    pub outputs: Vec<(String, String)>,
    /// The warnings about the articles and the themes the build gave (they depend on nothing
    /// the fingerprint does not cover).
    #[serde(default)]
    pub warnings: Vec<crate::error::Warning>,
}

/// The manifest as stored: with its tag under the cache's secret.
#[derive(Serialize, serde::Deserialize)]
struct ManifestFile {
    manifest: Manifest,
    tag: String,
}

const MANIFEST: &str = "manifest.json";

impl Manifest {
    /// True when the manifest has `fingerprint` and every output in `out` is as it was written.
    pub fn is_current(&self, fingerprint: &blake3::Hash, out: &Path) -> bool {
        self.fingerprint == fingerprint.to_hex().as_str()
            && self.outputs.iter().all(|(name, hash)| {
                hash_file(&out.join(name)).is_ok_and(|h| h.to_hex().as_str() == hash)
            })
    }
}

/// blake3 of a regular file, read in pieces.
fn hash_file(path: &Path) -> std::io::Result<blake3::Hash> {
    let mut file = bounded::open_regular(path)?;
    let mut hasher = blake3::Hasher::new();
    std::io::copy(&mut file, &mut hasher)?;
    Ok(hasher.finalize())
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
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("not the one written"))
        );
        assert!(warnings.iter().any(|w| w.message.contains("truncated")));
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("not a briefing cache entry"))
        );
        assert_eq!(cache.stats(), (1, 4));
    }

    #[test]
    fn an_entry_is_read_only_for_its_key_in_its_cache() {
        let dir = tempfile::tempdir().unwrap();
        let here = Cache::open(dir.path().join("here"));
        let there = Cache::open(dir.path().join("there"));
        let (a, b) = (Cache::key(&[b"a"]), Cache::key(&[b"b"]));
        here.store(&a, &"for a".to_string());
        there.store(&b, &"for b, elsewhere".to_string());
        // Moved under another key's name, and copied from another cache.
        std::fs::create_dir_all(here.path(&b).unwrap().parent().unwrap()).unwrap();
        std::fs::copy(here.path(&a).unwrap(), here.path(&b).unwrap()).unwrap();
        assert_eq!(here.load::<String>(&b), None);
        std::fs::copy(there.path(&b).unwrap(), here.path(&b).unwrap()).unwrap();
        assert_eq!(here.load::<String>(&b), None);
        assert_eq!(here.load::<String>(&a).as_deref(), Some("for a"));
        assert_eq!(here.take_warnings().len(), 2);
        // A reopened cache keeps its secret.
        let again = Cache::open(dir.path().join("here"));
        assert_eq!(again.load::<String>(&a).as_deref(), Some("for a"));
    }

    #[test]
    fn a_cache_folder_that_is_a_file_disables_the_cache_with_one_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c");
        std::fs::write(&path, "not a folder").unwrap();
        let cache = Cache::open(path.clone());
        let key = Cache::key(&[b"x"]);
        cache.store(&key, &1u32);
        assert_eq!(cache.load::<u32>(&key), None);
        assert!(
            cache
                .store_manifest(&Manifest {
                    fingerprint: String::new(),
                    outputs: Vec::new(),
                    warnings: Vec::new()
                })
                .is_ok()
        );
        let warnings = cache.take_warnings();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("not a folder"), "{warnings:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a folder");
    }

    #[test]
    fn a_disabled_cache_finds_nothing() {
        let cache = Cache::disabled();
        let key = Cache::key(&[b"x"]);
        cache.store(&key, &1u32);
        assert_eq!(cache.load::<u32>(&key), None);
    }
}
