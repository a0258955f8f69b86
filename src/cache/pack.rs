//! Where the cache keeps its entries: appended to a few large pack files (`{id}.pack`, sixteen
//! hex digits), found through an index (`index`). A build appends what it stores to one new
//! pack and, when it is done, writes the index of what it used and stored; packs the new index
//! does not name are removed, and a pack mostly dead or one too many is copied into the new one
//! first. So the cache holds the current corpus's entries in at most [`MAX_PACKS`] files,
//! instead of one file per article per build forever.
//!
//! Nothing here is trusted: every entry carries its own tag (see the module above), so an index
//! that points an entry elsewhere, or a pack that was edited, gives an entry that is refused.
//! (A pack with the stamp kept for the same index is read unchecked: see [`super::trust`].)
//! The index only has to be bounded: a location past its pack's end fails to read, a length
//! over [`super::MAX_ENTRY`] is refused unread.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::stamp::Stamp;
use crate::bounded;

/// Entries up to this size are read into a buffer each thread keeps ([`Packs::with_bytes`]).
const SMALL_ENTRY: u64 = 1 << 20;

/// The index file, in the cache folder.
pub const INDEX: &str = "index";
/// Marks the index; bump the digit when its layout changes.
pub(super) const INDEX_MAGIC: &[u8; 8] = b"BRFIDX02";
/// The bytes of one entry of the index: its key, then its location's pack, offset and length
/// (each eight bytes, little-endian).
pub(super) const INDEX_ENTRY: usize = 32 + 3 * 8;
/// The largest index read (ten million entries).
const MAX_INDEX: u64 = 8 + 10_000_000 * INDEX_ENTRY as u64;
/// Packs kept after a build; the smallest others are copied into the new one.
pub const MAX_PACKS: usize = 8;

/// Where an entry is: its pack, and the byte range in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The pack's id (its file is [`pack_name`]).
    pub pack: u64,
    /// The entry's first byte.
    pub offset: u64,
    /// Its length in bytes.
    pub len: u64,
}

/// Entry keys (blake3) and where each entry is.
pub type Index = foldhash::HashMap<[u8; 32], Location>;

/// An entry's key and where it is.
pub type Entry = ([u8; 32], Location);

/// The file name of pack `id`.
pub fn pack_name(id: u64) -> String {
    format!("{id:016x}.pack")
}

/// The id of a pack file's name; none for any other name.
pub fn pack_id(name: &str) -> Option<u64> {
    let hex = name.strip_suffix(".pack")?;
    (hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| u64::from_str_radix(hex, 16).ok())
        .flatten()
}

/// Reads the index of the cache in `dir`; empty when there is none.
pub fn read_index(dir: &Path) -> io::Result<Index> {
    Ok(read_index_hashed(dir)?.0)
}

/// [`read_index`], with blake3 of the index file.
pub fn read_index_hashed(dir: &Path) -> io::Result<(Index, blake3::Hash)> {
    let bytes = match bounded::read(&dir.join(INDEX), MAX_INDEX) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok((Index::default(), blake3::hash(b"")));
        }
        Err(e) => return Err(e),
    };
    let hash = blake3::hash(&bytes);
    let Some(body) = bytes.strip_prefix(INDEX_MAGIC.as_slice()) else {
        // An earlier layout's index names entries of an earlier version, which no key of this
        // one finds: an empty index, whose commit removes their packs.
        if bytes.starts_with(&INDEX_MAGIC[..6]) {
            return Ok((Index::default(), hash));
        }
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a cache index",
        ));
    };
    if body.len() % INDEX_ENTRY != 0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a cache index cut short",
        ));
    }
    let word = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().unwrap_or_default());
    let mut index = Index::with_capacity_and_hasher(body.len() / INDEX_ENTRY, Default::default());
    for entry in body.chunks_exact(INDEX_ENTRY) {
        let (key, at) = entry.split_at(32);
        let location = Location {
            pack: word(&at[..8]),
            offset: word(&at[8..16]),
            len: word(&at[16..]),
        };
        index.insert(key.try_into().unwrap_or_default(), location);
    }
    Ok((index, hash))
}

/// Writes `index` as the index of the cache in `dir`, atomically (in key order, so the same
/// entries give the same file; each entry [`INDEX_ENTRY`] bytes, read without parsing);
/// returns blake3 of the file.
pub fn write_index(dir: &Path, index: &Index) -> io::Result<blake3::Hash> {
    let mut entries: Vec<Entry> = index.iter().map(|(k, at)| (*k, *at)).collect();
    entries.sort_unstable_by(|a, b| in_key_order(&a.0, &b.0));
    write_sorted_index(dir, &entries)
}

/// [`write_index`] of entries in key order, each key once.
pub fn write_sorted_index(dir: &Path, entries: &[Entry]) -> io::Result<blake3::Hash> {
    let mut bytes = Vec::with_capacity(INDEX_MAGIC.len() + entries.len() * INDEX_ENTRY);
    bytes.extend_from_slice(INDEX_MAGIC);
    for (key, at) in entries {
        bytes.extend_from_slice(key);
        for word in [at.pack, at.offset, at.len] {
            bytes.extend_from_slice(&word.to_le_bytes());
        }
    }
    super::write_atomically(&dir.join(INDEX), ".index.", &bytes)?;
    Ok(blake3::hash(&bytes))
}

/// Key order: the order of the bytes, compared by the first eight as a number first (keys are
/// hashes, so that decides nearly always).
fn in_key_order(a: &[u8; 32], b: &[u8; 32]) -> std::cmp::Ordering {
    let head = |key: &[u8; 32]| u64::from_be_bytes(key[..8].try_into().unwrap_or_default());
    head(a).cmp(&head(b)).then_with(|| a.cmp(b))
}

/// The packs of a cache folder, opened as entries are read from them.
#[derive(Debug, Default)]
pub struct Packs {
    /// The packs opened so far, each with whether it is trusted.
    open: Mutex<HashMap<u64, (Arc<File>, bool)>>,
    /// The stamps of the packs to trust (see [`super::trust`]).
    trusted: HashMap<u64, Stamp>,
    /// The entries whose text was found damaged ([`PackReader::read_text`]).
    damaged: Mutex<Vec<Location>>,
}

impl Packs {
    /// Packs of which those with the stamps `trusted` are read unchecked (see
    /// [`super::trust`]).
    pub fn trusting(trusted: HashMap<u64, Stamp>) -> Packs {
        Packs {
            trusted,
            ..Packs::default()
        }
    }

    /// The bytes at `at` in the cache in `dir`.
    pub fn read(&self, dir: &Path, at: &Location) -> io::Result<Vec<u8>> {
        Ok(self.read_trusted(dir, at)?.0)
    }

    /// The bytes at `at` in the cache in `dir`, and whether their pack is trusted.
    fn read_trusted(&self, dir: &Path, at: &Location) -> io::Result<(Vec<u8>, bool)> {
        let mut bytes = vec![0; at.len as usize];
        let trusted = self.read_into(dir, at, &mut bytes)?;
        Ok((bytes, trusted))
    }

    /// Calls `f` with the bytes at `at` in the cache in `dir` and whether their pack is
    /// trusted (or why they cannot be read).
    /// Up to [`SMALL_ENTRY`] bytes are read into a buffer this thread keeps, grown as needed
    /// and never cleared: a rebuild reads tens of thousands of entries, and zeroing a fresh
    /// buffer for each cost more than reading it. `f` must not read the cache itself.
    pub fn with_bytes<T>(
        &self,
        dir: &Path,
        at: &Location,
        f: impl FnOnce(Result<(&[u8], bool), &io::Error>) -> T,
    ) -> T {
        thread_local! {
            static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
        }
        if at.len > SMALL_ENTRY {
            let read = self.read_trusted(dir, at);
            return f(read.as_ref().map(|(bytes, trusted)| (&bytes[..], *trusted)));
        }
        BUFFER.with_borrow_mut(|buffer| {
            let len = at.len as usize;
            if buffer.len() < len {
                buffer.resize(len, 0);
            }
            let bytes = &mut buffer[..len];
            let read = self.read_into(dir, at, bytes);
            f(read.as_ref().map(|&trusted| (&*bytes, trusted)))
        })
    }

    /// Reads the bytes at `at` in the cache in `dir` into `bytes`, which is `at.len` long;
    /// returns whether their pack is trusted: it has the stamp kept for it, checked when the
    /// pack is opened.
    fn read_into(&self, dir: &Path, at: &Location, bytes: &mut [u8]) -> io::Result<bool> {
        let (file, trusted) = {
            let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
            match open.get(&at.pack) {
                Some((file, trusted)) => (Arc::clone(file), *trusted),
                None => {
                    let file = bounded::open_regular(&dir.join(pack_name(at.pack)))?;
                    let trusted = (file.metadata())
                        .is_ok_and(|meta| super::trust::holds(self.trusted.get(&at.pack), &meta));
                    let file = Arc::new(file);
                    open.insert(at.pack, (Arc::clone(&file), trusted));
                    (file, trusted)
                }
            }
        };
        read_at(&file, at.offset, bytes)?;
        Ok(trusted)
    }

    /// The entries whose text was found damaged so far.
    pub fn damaged(&self) -> Vec<Location> {
        self.damaged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// A cached text that is not the one its hash names (damaged or edited), met by
/// [`PackReader::read_text`]: the entry is dropped when the build commits, and a build that
/// meets it builds again without it.
#[derive(Debug)]
pub struct DamagedText {
    /// The pack that holds it.
    pub pack: PathBuf,
}

impl std::fmt::Display for DamagedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: a cached text is not the one its entry names (damaged or edited); it is \
             dropped from the cache",
            self.pack.display()
        )
    }
}

impl std::error::Error for DamagedText {}

/// Reads back the texts of text entries a build located ([`super::Cache::locate_text`]),
/// while that build runs (the packs stay until it commits), each checked against its hash.
#[derive(Debug, Clone)]
pub struct PackReader {
    dir: PathBuf,
    packs: Arc<Packs>,
}

impl PackReader {
    /// A reader of the packs in `dir`.
    pub fn new(dir: PathBuf, packs: Arc<Packs>) -> PackReader {
        PackReader { dir, packs }
    }

    /// The text at `at`, if its blake3 hash is `hash`; else an `InvalidData` error carrying
    /// [`DamagedText`].
    pub fn read_text(&self, at: &Location, hash: &[u8; 32]) -> io::Result<Vec<u8>> {
        if at.len > super::MAX_ENTRY {
            return Err(io::Error::other("a cached text over the size limit"));
        }
        let mut text = vec![0; at.len as usize];
        self.read_text_into(at, hash, &mut text)?;
        Ok(text)
    }

    /// [`PackReader::read_text`] into `text`, which is `at.len` bytes long.
    pub fn read_text_into(
        &self,
        at: &Location,
        hash: &[u8; 32],
        text: &mut [u8],
    ) -> io::Result<()> {
        if text.len() as u64 != at.len {
            return Err(io::Error::other(
                "a cached text read into a buffer of another size",
            ));
        }
        let trusted = self.packs.read_into(&self.dir, at, text)?;
        // blake3::Hash compares in constant time.
        if trusted || blake3::hash(text) == blake3::Hash::from_bytes(*hash) {
            return Ok(());
        }
        let header = (super::MAGIC.len() + 32) as u64;
        let entry = Location {
            pack: at.pack,
            offset: at.offset.saturating_sub(header),
            len: at.len + header,
        };
        (self.packs.damaged.lock().unwrap_or_else(|e| e.into_inner())).push(entry);
        let pack = self.dir.join(pack_name(at.pack));
        Err(io::Error::new(
            io::ErrorKind::InvalidData,
            DamagedText { pack },
        ))
    }
}

#[cfg(unix)]
fn read_at(file: &File, offset: u64, buf: &mut [u8]) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut offset: u64, mut buf: &mut [u8]) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// The pack a build appends its entries to.
#[derive(Debug)]
pub struct Writer {
    id: u64,
    file: BufWriter<File>,
    end: u64,
}

impl Writer {
    /// A new, empty pack in `dir` under a fresh random id.
    pub fn create(dir: &Path) -> io::Result<Writer> {
        loop {
            let mut id = [0u8; 8];
            getrandom::fill(&mut id).map_err(|e| io::Error::other(e.to_string()))?;
            let id = u64::from_le_bytes(id);
            let path = dir.join(pack_name(id));
            match File::options().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok(Writer {
                        id,
                        file: BufWriter::with_capacity(1 << 20, file),
                        end: 0,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Appends an entry; where it went.
    pub fn append(&mut self, bytes: &[u8]) -> io::Result<Location> {
        self.file.write_all(bytes)?;
        let at = Location {
            pack: self.id,
            offset: self.end,
            len: bytes.len() as u64,
        };
        self.end += at.len;
        Ok(at)
    }

    /// Writes out what is buffered; the pack's id.
    pub fn finish(mut self) -> io::Result<u64> {
        self.file.flush()?;
        Ok(self.id)
    }
}

/// The index after a build, in key order: `live` (what it used and stored, later ones
/// winning), with the entries of the packs that are mostly dead, or beyond the [`MAX_PACKS`]
/// largest, copied into `writer`'s pack. Returns the entries and the writer.
pub fn compact(
    dir: &Path,
    packs: &Packs,
    mut live: Vec<Entry>,
    mut writer: Option<Writer>,
) -> io::Result<(Vec<Entry>, Option<Writer>)> {
    // A stable sort keeps a key's entries in the order they came: the last one wins.
    live.sort_by(|a, b| in_key_order(&a.0, &b.0));
    let mut index: Vec<Entry> = Vec::with_capacity(live.len());
    for entry in live {
        match index.last_mut() {
            Some(last) if last.0 == entry.0 => *last = entry,
            _ => index.push(entry),
        }
    }
    let new = writer.as_ref().map(|w| w.id);
    let mut used: BTreeMap<u64, u64> = BTreeMap::new();
    for (_, at) in &index {
        *used.entry(at.pack).or_default() += at.len;
    }
    let mut old: Vec<(u64, u64, u64)> = used
        .iter()
        .filter(|(pack, _)| Some(**pack) != new)
        .map(|(&pack, &live)| {
            let size = std::fs::symlink_metadata(dir.join(pack_name(pack))).map_or(0, |m| m.len());
            (pack, live, size)
        })
        .collect();
    // Largest first; ties by id, so the choice does not depend on the map's order.
    old.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let keep = MAX_PACKS - 1;
    let moved: Vec<u64> = old
        .iter()
        .enumerate()
        .filter(|(rank, (_, live, size))| *rank >= keep || live * 2 < *size)
        .map(|(_, (pack, _, _))| *pack)
        .collect();
    if moved.is_empty() {
        return Ok((index, writer));
    }
    let writer_ref = match &mut writer {
        Some(w) => w,
        None => writer.insert(Writer::create(dir)?),
    };
    // Copied in key order; a pack that cannot be read is dropped with its entries: they are
    // rebuilt.
    let mut copied = Vec::with_capacity(index.len());
    for (key, at) in index {
        if !moved.contains(&at.pack) {
            copied.push((key, at));
            continue;
        }
        if let Ok(bytes) = packs.read(dir, &at) {
            copied.push((key, writer_ref.append(&bytes)?));
        }
    }
    Ok((copied, writer))
}

/// Removes the packs in `dir` other than the `named` ones (those of builds that stopped early
/// or were compacted away), and the temporary files of a killed build.
pub fn remove_unnamed(dir: &Path, named: impl IntoIterator<Item = u64>) {
    let named: std::collections::HashSet<u64> = named.into_iter().collect();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if pack_id(&name).is_some_and(|id| !named.contains(&id)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
