//! The build cache: each article's read → segment → terms → themes work, stored under a key
//! made from the tool's version, the settings that work depends on, the file's path and its
//! bytes (blake3). A rebuild after one article changed redoes only that article, plus the
//! cross-article steps. The cache lives outside the output folder; its entries are kept in a
//! few large pack files ([`pack`]), and a build keeps only what it used and stored.
//!
//! Every entry is authenticated for its key: it carries a blake3 keyed hash, under a secret
//! made at random for this cache folder (`secret`, 32 bytes), of the key and the payload. So an
//! entry is read only for the key it was written for: one copied from another project (another
//! secret), pointed at from another entry's key, or edited and re-checksummed without the
//! secret is reported and rebuilt, never used. The manifest is authenticated the same way.
//! This guards against entries that come from elsewhere, not against someone who can read the
//! secret too (anyone who can write the whole folder): for that, `clean` or `--no-cache`. A
//! pack unchanged since a build stamped it (same index, same stamp, both kept under the
//! secret) is read without checking each entry ([`trust`]).
//!
//! The cache is an optimisation: when it cannot be used (the folder is a file, the disk is
//! full, a pack is a folder or a FIFO) the build warns and goes on without it. Reads are
//! bounded ([`crate::bounded`]): regular files only, entries of at most [`MAX_ENTRY`] bytes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use serde::Serialize;

use serde::de::DeserializeOwned;

use crate::bounded;
use crate::error::Warning;

mod clean;
mod manifest;
pub mod pack;
pub mod stamp;
mod trust;

pub use clean::{Cleaned, clean};
use manifest::MANIFEST;
pub use manifest::Manifest;
pub use pack::{DamagedText, Location, PackReader};
use pack::{Index, Packs};

/// The folder, inside the project folder, that holds the cache.
pub const CACHE_DIR: &str = ".briefing-cache";

/// Marks a cache entry; bump the digit when the entry layout changes.
const MAGIC: &[u8; 8] = b"BRFCACH4";

/// The largest entry read; a larger one is refused unread and rebuilt (an article's entry is a
/// few times its text).
pub const MAX_ENTRY: u64 = 256 << 20;

/// The key of the text entry whose text has blake3 `hash` (see [`Cache::store_text`]).
fn text_key(hash: &blake3::Hash) -> blake3::Hash {
    Cache::key(&[b"text", hash.as_bytes()])
}

/// The file holding the cache's secret.
const SECRET: &str = "secret";

/// How the names of the spares of outputs begin ([`Cache::spare_path`]).
const SPARE_PREFIX: &str = "spare-";

/// The tool's identity, part of every key: its version and a hash of the running binary, so a
/// new build of the tool (even at the same version) never reads an old one's entries. The
/// binary (31 MB) is hashed where it is mapped, on every thread: read into memory and hashed
/// on one, it took a tenth of a no-change build at 50,000 articles (scan 0.23 → 0.21 s, the
/// build 0.33 → 0.30 s). Linux refuses to write to a running program's file, so the mapping
/// does not change under the hash.
static TOOL_IDENTITY: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut id = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
    if let Ok(exe) = std::env::current_exe() {
        let mut hasher = blake3::Hasher::new();
        if hasher.update_mmap_rayon(&exe).is_ok() {
            id.extend_from_slice(hasher.finalize().as_bytes());
        }
    }
    id
});

/// A content-addressed store of per-article results.
#[derive(Debug)]
pub struct Cache {
    dir: Option<PathBuf>,
    secret: [u8; 32],
    /// Where the entries of the last complete build are.
    index: Index,
    packs: Arc<Packs>,
    /// The pack this build appends to (made at the first store).
    writer: Mutex<Option<pack::Writer>>,
    /// The entries this build used and stored, in that order.
    live: Mutex<Vec<([u8; 32], Location)>>,
    hits: AtomicUsize,
    misses: AtomicUsize,
    store_failed: AtomicBool,
    /// Whether [`Cache::locate_text`] finds stored texts (see [`Cache::without_texts`]).
    texts: bool,
    /// Opened by [`Cache::open_read_only`]: nothing is stored, committed or removed.
    read_only: bool,
    warnings: Mutex<Vec<Warning>>,
}

impl Cache {
    /// The cache in `dir`, created when missing. When it cannot be used, a cache that stores
    /// and finds nothing, with one warning saying why.
    pub fn open(dir: PathBuf) -> Cache {
        match setup(&dir) {
            Ok(secret) => Cache::with_secret(dir, secret),
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

    /// The cache in `dir` to read only (`briefing themes`): it finds what builds stored, with
    /// the same checks, and stores, commits and removes nothing. A cache that finds nothing
    /// when `dir` holds none (no folder, not a folder, no secret); the folder is not made.
    /// Read it under the project's shared lock, so that no build compacts it meanwhile.
    pub fn open_read_only(dir: PathBuf) -> Cache {
        let is_dir = std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir());
        match is_dir.then(|| read_secret(&dir)).flatten() {
            Some(secret) => Cache {
                read_only: true,
                ..Cache::with_secret(dir, secret)
            },
            None => Cache::disabled(),
        }
    }

    /// The cache in the usable folder `dir` whose secret is `secret`, its index read.
    fn with_secret(dir: PathBuf, secret: [u8; 32]) -> Cache {
        let (index, trusted, problem) = match pack::read_index_hashed(&dir) {
            Ok((index, hash)) => (index, trust::read(&dir, &hash, &secret), None),
            Err(e) => (Index::default(), Default::default(), Some(e)),
        };
        let cache = Cache {
            secret,
            index,
            packs: Arc::new(Packs::trusting(trusted)),
            ..Cache::with_dir(Some(dir.clone()))
        };
        if let Some(e) = problem {
            cache.warn(
                &dir.join(pack::INDEX),
                format!("cache index cannot be read ({e}); every article is rebuilt"),
            );
        }
        cache
    }

    /// A cache that stores nothing and finds nothing (`--no-cache`).
    pub fn disabled() -> Cache {
        Cache::with_dir(None)
    }

    fn with_dir(dir: Option<PathBuf>) -> Cache {
        Cache {
            dir,
            secret: [0; 32],
            index: Index::default(),
            packs: Arc::default(),
            writer: Mutex::new(None),
            live: Mutex::new(Vec::new()),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            store_failed: AtomicBool::new(false),
            texts: true,
            read_only: false,
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

    /// The tag binding `payload` to `key` under this cache's secret.
    fn tag(&self, what: &[u8], key: &[u8], payload: &[u8]) -> blake3::Hash {
        tag_with(&self.secret, what, key, payload)
    }

    /// The cache's folder, when this run may write to it (not disabled, not read only).
    fn writable_dir(&self) -> Option<&PathBuf> {
        self.dir.as_ref().filter(|_| !self.read_only)
    }

    /// Whether entries are stored and found (not [`Cache::disabled`] nor unusable).
    pub fn enabled(&self) -> bool {
        self.dir.is_some()
    }

    /// Where the cache keeps the blocks of the output `name` a build replaced, for the next
    /// build to write that output into (see [`crate::output::write_all`]); none when the
    /// cache is off.
    pub fn spare_path(&self, name: &str) -> Option<PathBuf> {
        let dir = self.writable_dir()?;
        Some(dir.join(format!("{SPARE_PREFIX}{name}")))
    }

    /// Whether an earlier build stored an entry under `key` (unread, so unchecked).
    pub fn has(&self, key: &blake3::Hash) -> bool {
        self.index.contains_key(key.as_bytes())
    }

    /// Keeps the entry stored under `key` by an earlier build, unread: a build that did not
    /// need it this time may need it next time.
    pub fn keep(&self, key: &blake3::Hash) {
        if let Some(&at) = self.index.get(key.as_bytes()) {
            self.live_entries().push((*key.as_bytes(), at));
        }
    }

    /// The value stored under `key`, if there is a sound one written for this key by this
    /// cache; a damaged, foreign or unreadable entry is reported and treated as missing.
    pub fn load<T: DeserializeOwned>(&self, key: &blake3::Hash) -> Option<T> {
        let (value, _) = self.find(key, |payload| postcard::from_bytes(payload).ok())?;
        Some(value)
    }

    /// Reads back the texts of entries found by [`Cache::locate_text`].
    pub fn reader(&self) -> Option<PackReader> {
        Some(PackReader::new(self.dir.clone()?, Arc::clone(&self.packs)))
    }

    /// The entry under `key`, checked, made into a value by `decode` from its payload, with
    /// where it is; counted as found or missing.
    fn find<T>(
        &self,
        key: &blake3::Hash,
        decode: impl FnOnce(&[u8]) -> Option<T>,
    ) -> Option<(T, Location)> {
        let found = self.find_uncounted(key, decode);
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    fn find_uncounted<T>(
        &self,
        key: &blake3::Hash,
        decode: impl FnOnce(&[u8]) -> Option<T>,
    ) -> Option<(T, Location)> {
        let dir = self.dir.as_ref()?;
        let at = *self.index.get(key.as_bytes())?;
        // Named in warnings only: made when one is given.
        let pack = || dir.join(pack::pack_name(at.pack));
        if at.len > MAX_ENTRY {
            let why = format!("{} bytes, over the limit of {MAX_ENTRY}", at.len);
            self.warn(
                &pack(),
                format!("cache entry cannot be read ({why}); ignored and rebuilt"),
            );
            return None;
        }
        self.packs.with_bytes(dir, &at, |read| {
            let (bytes, trusted) = match read {
                Ok(read) => read,
                Err(e) => {
                    self.warn(
                        &pack(),
                        format!("cache entry cannot be read ({e}); ignored and rebuilt"),
                    );
                    return None;
                }
            };
            match self
                .payload(key, bytes, trusted)
                .and_then(|p| decode(p).ok_or("unreadable (layout mismatch)"))
            {
                Ok(value) => {
                    self.live_entries().push((*key.as_bytes(), at));
                    Some((value, at))
                }
                Err(problem) => {
                    self.warn(
                        &pack(),
                        format!("cache entry is {problem}; ignored and rebuilt"),
                    );
                    None
                }
            }
        })
    }

    fn live_entries(&self) -> std::sync::MutexGuard<'_, Vec<([u8; 32], Location)>> {
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Entry layout: MAGIC, the tag of key and payload (32 bytes), the postcard payload; the
    /// payload, once the tag is checked (unless the entry was read from a `trusted` pack).
    fn payload<'b>(
        &self,
        key: &blake3::Hash,
        bytes: &'b [u8],
        trusted: bool,
    ) -> Result<&'b [u8], &'static str> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or("not a briefing cache entry")?;
        if rest.len() < 32 {
            return Err("truncated");
        }
        let (sum, payload) = rest.split_at(32);
        if trusted {
            return Ok(payload);
        }
        // blake3::Hash compares in constant time.
        let expected = self.tag(b"entry", key.as_bytes(), payload);
        if expected != blake3::Hash::from_bytes(sum.try_into().unwrap_or([0; 32])) {
            return Err("not the one written for this article here (damaged, copied or edited)");
        }
        Ok(payload)
    }

    /// Stores `value` under `key` (kept once the build [commits](Self::commit)); a failure to
    /// store is reported once, not fatal, and no more entries are stored in this run.
    pub fn store<T: Serialize>(&self, key: &blake3::Hash, value: &T) {
        if self.writable_dir().is_none() || self.store_failed.load(Ordering::Relaxed) {
            return;
        }
        let Ok(payload) = postcard::to_stdvec(value) else {
            return;
        };
        let tag = self.tag(b"entry", key.as_bytes(), &payload);
        self.append(key, &tag, &payload);
    }

    /// Stores `text` as a text entry, found again by its blake3 hash (returned) through
    /// [`Cache::locate_text`]. It carries its hash, not a tag: whatever names the hash is
    /// authenticated itself, and [`PackReader::read_text`] checks the text against it. So
    /// finding an entry that names a large text does not read the text.
    pub fn store_text(&self, text: &[u8]) -> blake3::Hash {
        let hash = blake3::hash(text);
        self.append(&text_key(&hash), &hash, text);
        hash
    }

    /// The cache, finding none of the texts stored before: after one was found damaged
    /// (others of the same pack may be too), every text is made and stored again.
    pub fn without_texts(self) -> Cache {
        Cache {
            texts: false,
            ..self
        }
    }

    /// Where the text entry of `hash` keeps its text, kept for the next build; unread, and so
    /// unchecked until [`PackReader::read_text`] reads it.
    pub fn locate_text(&self, hash: &[u8; 32]) -> Option<Location> {
        if !self.texts {
            return None;
        }
        let key = text_key(&blake3::Hash::from_bytes(*hash));
        let at = *self.index.get(key.as_bytes())?;
        let header = (MAGIC.len() + 32) as u64;
        if at.len < header || at.len > MAX_ENTRY {
            return None;
        }
        self.live_entries().push((*key.as_bytes(), at));
        Some(Location {
            pack: at.pack,
            offset: at.offset + header,
            len: at.len - header,
        })
    }

    /// Appends an entry (MAGIC, `sum`, `payload`) to this build's pack.
    fn append(&self, key: &blake3::Hash, sum: &blake3::Hash, payload: &[u8]) {
        let Some(dir) = self.writable_dir() else {
            return;
        };
        if self.store_failed.load(Ordering::Relaxed) {
            return;
        }
        let mut bytes = Vec::with_capacity(MAGIC.len() + 32 + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(sum.as_bytes());
        bytes.extend_from_slice(payload);
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let result = match &mut *writer {
            Some(w) => w.append(&bytes),
            None => pack::Writer::create(dir).and_then(|w| writer.insert(w).append(&bytes)),
        };
        drop(writer);
        match result {
            Ok(at) => self.live_entries().push((*key.as_bytes(), at)),
            Err(e) => self.store_failed_with(dir, e),
        }
    }

    fn store_failed_with(&self, dir: &Path, e: std::io::Error) {
        if !self.store_failed.swap(true, Ordering::Relaxed) {
            self.warn(
                dir,
                format!("cannot store cache entries ({e}); building on without storing them"),
            );
        }
    }

    /// Keeps what this build stored, and what it used when it is `complete` (it went through
    /// every article): the index then names only those entries, and packs it no longer needs
    /// are removed (see [`pack`]). An incomplete build keeps the previous entries too. A
    /// failure is reported, never fatal: the next build finds the previous index.
    pub fn commit(&self, complete: bool) {
        let Some(dir) = self.writable_dir() else {
            return;
        };
        let writer = self.writer.lock().unwrap_or_else(|e| e.into_inner()).take();
        let mut live: Vec<([u8; 32], Location)> = if complete {
            Vec::new()
        } else {
            self.index.iter().map(|(k, at)| (*k, *at)).collect()
        };
        live.append(&mut self.live_entries());
        // A text found damaged when it was read goes, so that the next build makes it again.
        let damaged = self.packs.damaged();
        live.retain(|(_, at)| !damaged.contains(at));
        let result = pack::compact(dir, &self.packs, live, writer).and_then(|(index, writer)| {
            if let Some(writer) = writer {
                writer.finish()?;
            }
            let hash = pack::write_sorted_index(dir, &index)?;
            Ok((index, hash))
        });
        match result {
            Ok((index, hash)) => {
                let mut packs: Vec<u64> = index.iter().map(|(_, at)| at.pack).collect();
                packs.sort_unstable();
                packs.dedup();
                trust::write(dir, &hash, &packs, &self.secret);
                pack::remove_unnamed(dir, packs)
            }
            Err(e) => self.store_failed_with(dir, e),
        }
    }

    /// Removes what builds that were killed left (packs the index does not name, temporary
    /// files) and the entry folders of earlier versions' layout, under the project lock, so no
    /// running build's files are among them.
    pub fn remove_leftovers(&self) {
        let Some(dir) = self.writable_dir() else {
            return;
        };
        pack::remove_unnamed(dir, self.index.values().map(|at| at.pack));
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_file() && clean::temporary(&name) {
                let _ = std::fs::remove_file(entry.path());
            } else if kind.is_dir() && clean::entry_folder(&name) {
                // The one-file-per-entry layout of earlier versions.
                let Ok(inner) = std::fs::read_dir(entry.path()) else {
                    continue;
                };
                for file in inner.filter_map(|e| e.ok()) {
                    let inner = file.file_name().to_string_lossy().into_owned();
                    if inner.ends_with(".bin") || clean::temporary(&inner) {
                        let _ = std::fs::remove_file(file.path());
                    }
                }
                let _ = std::fs::remove_dir(entry.path());
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

/// The tag binding `payload` to `key` (for `what`) under `secret`.
fn tag_with(secret: &[u8; 32], what: &[u8], key: &[u8], payload: &[u8]) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new_keyed(secret);
    for part in [what, key, payload] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize()
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
    if let Some(secret) = read_secret(dir) {
        return Ok(secret);
    }
    let path = dir.join(SECRET);
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| std::io::Error::other(e.to_string()))?;
    write_atomically(&path, ".secret.", &secret)?;
    Ok(secret)
}

/// The secret of the cache folder `dir`, when it has a sound one.
fn read_secret(dir: &Path) -> Option<[u8; 32]> {
    let bytes = bounded::read(&dir.join(SECRET), 32).ok()?;
    <[u8; 32]>::try_from(bytes.as_slice()).ok()
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

#[cfg(test)]
mod tests;
