//! The briefing's article entries: held in memory, or, for an archive too large to hold, written
//! to a temporary file as they are made (each in the JSON text `briefing.json` gives it), with
//! only what the other parts of the briefing read kept in memory: every article's head (id,
//! path, title, hash) and the first entries in full, the ones the pages show.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Article;

/// Every article entry of a briefing, in order.
#[derive(Debug, Clone)]
pub enum Articles {
    /// Every entry in memory.
    Held(Vec<Article>),
    /// The entries in a temporary file (see [`Spilled`]).
    Spilled(Arc<Spilled>),
}

impl Default for Articles {
    fn default() -> Self {
        Articles::Held(Vec::new())
    }
}

/// Entries written to a temporary file, as `briefing.json` lays them out at their depth, one
/// after another, or left where a store holds them already (a rebuild's cached entries, see
/// [`Texts`]); the file is deleted when the last reference goes.
#[derive(Debug)]
pub struct Spilled {
    /// Every article's head.
    heads: Vec<OwnedHead>,
    /// The first entries, in full.
    first: Vec<Article>,
    /// Where each entry's text is, in order.
    pieces: Vec<Piece>,
    /// The file (unlinked: nothing is left behind, whatever happens to the process).
    file: Mutex<File>,
    /// Where the texts not in the file are read from.
    texts: Option<Arc<dyn Texts>>,
}

/// Where an entry's text is.
#[derive(Debug, Clone, Copy)]
enum Piece {
    /// The next `len` bytes of the temporary file.
    Written(u64),
    /// In the store of [`Texts`].
    Stored(Stored),
}

/// Where a store keeps a text: in which of its files, from which byte, how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    /// The store's file.
    pub file: u64,
    /// The text's first byte in it.
    pub offset: u64,
    /// Its length.
    pub len: u64,
    /// Its blake3 hash, which the store checks it against.
    pub hash: [u8; 32],
}

/// A store that keeps entries' texts already (the build cache's packs), read back when the
/// briefing is written instead of being copied into the temporary file first.
pub trait Texts: std::fmt::Debug + Send + Sync {
    /// The text kept `at`, checked against its hash.
    fn read(&self, at: &Stored) -> io::Result<Vec<u8>>;

    /// The same, into `text`, which is `at.len` bytes long.
    fn read_into(&self, at: &Stored, text: &mut [u8]) -> io::Result<()>;
}

/// What every article keeps in memory when the entries are spilled.
#[derive(Debug, Clone)]
struct OwnedHead {
    id: String,
    path: String,
    title: String,
    hash: String,
}

/// An article's identity: what comparing two briefings needs of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its file, relative to the project folder.
    pub path: &'a str,
    /// Its headline.
    pub title: &'a str,
    /// Its content hash.
    pub hash: &'a str,
}

impl<'a> From<&'a Article> for Head<'a> {
    fn from(a: &'a Article) -> Self {
        Head {
            id: &a.id,
            path: &a.path,
            title: &a.title,
            hash: &a.hash,
        }
    }
}

impl Articles {
    /// How many articles there are.
    pub fn len(&self) -> usize {
        match self {
            Articles::Held(v) => v.len(),
            Articles::Spilled(s) => s.heads.len(),
        }
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every article's head, in order.
    pub fn heads(&self) -> Box<dyn Iterator<Item = Head<'_>> + '_> {
        match self {
            Articles::Held(v) => Box::new(v.iter().map(Head::from)),
            Articles::Spilled(s) => Box::new(s.heads.iter().map(|h| Head {
                id: &h.id,
                path: &h.path,
                title: &h.title,
                hash: &h.hash,
            })),
        }
    }

    /// The first `n` entries in full (fewer when a spilled store kept fewer, which it never
    /// does for the `articles_shown` it was made with).
    pub fn first(&self, n: usize) -> &[Article] {
        let all = match self {
            Articles::Held(v) => v.as_slice(),
            Articles::Spilled(s) => s.first.as_slice(),
        };
        &all[..n.min(all.len())]
    }

    /// Calls `f` with every entry in order (read back from the file when spilled).
    pub fn try_for_each(&self, mut f: impl FnMut(usize, &Article)) -> io::Result<()> {
        match self {
            Articles::Held(v) => {
                v.iter().enumerate().for_each(|(i, a)| f(i, a));
                Ok(())
            }
            Articles::Spilled(s) => s.each_raw(|i, bytes| {
                let article: Article = serde_json::from_slice(bytes)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                f(i, &article);
                Ok(())
            }),
        }
    }

    /// The entries, when they are held.
    pub fn held(&self) -> Option<&[Article]> {
        match self {
            Articles::Held(v) => Some(v),
            Articles::Spilled(_) => None,
        }
    }

    /// The entries, when they are held, to change.
    pub fn held_mut(&mut self) -> Option<&mut Vec<Article>> {
        match self {
            Articles::Held(v) => Some(v),
            Articles::Spilled(_) => None,
        }
    }

    /// Every entry, in memory.
    pub fn to_vec(&self) -> io::Result<Vec<Article>> {
        match self {
            Articles::Held(v) => Ok(v.clone()),
            Articles::Spilled(_) => {
                let mut all = Vec::with_capacity(self.len());
                self.try_for_each(|_, a| all.push(a.clone()))?;
                Ok(all)
            }
        }
    }
}

impl From<Vec<Article>> for Articles {
    fn from(v: Vec<Article>) -> Self {
        Articles::Held(v)
    }
}

/// Stored texts read ahead at a time, on all threads: at most this many...
const READ_AHEAD: usize = 256;
/// ...and of at most this many bytes together (unless one alone is larger).
const READ_AHEAD_BYTES: u64 = 16 << 20;

/// Stored texts read together, one after another in one buffer (kept from batch to batch, so
/// it is not allocated and zeroed again for each).
#[derive(Default)]
struct Batch {
    buffer: Vec<u8>,
    /// Each text's end in the buffer.
    ends: Vec<usize>,
    /// How many were taken.
    taken: usize,
}

impl Batch {
    /// The next text, if any is left.
    fn take(&mut self) -> Option<&[u8]> {
        let end = *self.ends.get(self.taken)?;
        let start = match self.taken {
            0 => 0,
            k => self.ends[k - 1],
        };
        self.taken += 1;
        Some(&self.buffer[start..end])
    }

    fn is_done(&self) -> bool {
        self.taken == self.ends.len()
    }
}

impl Spilled {
    /// Calls `f` with every entry's JSON text, in order. Stored texts are read a batch at a
    /// time on all threads, the next batch while `f` takes the one before.
    pub fn each_raw(&self, mut f: impl FnMut(usize, &[u8]) -> io::Result<()>) -> io::Result<()> {
        let mut file = self
            .file
            .lock()
            .map_err(|_| io::Error::other("the spilled articles' file is poisoned"))?;
        file.seek(SeekFrom::Start(0))?;
        let mut reader = io::BufReader::with_capacity(1 << 20, &mut *file);
        let mut entry = Vec::new();
        std::thread::scope(|scope| {
            let mut batch = Batch::default();
            let mut next: Option<std::thread::ScopedJoinHandle<'_, io::Result<Batch>>> = None;
            for (i, piece) in self.pieces.iter().enumerate() {
                match piece {
                    Piece::Written(len) => {
                        entry.clear();
                        (&mut reader).take(*len).read_to_end(&mut entry)?;
                        if entry.len() as u64 != *len {
                            return Err(io::Error::new(
                                io::ErrorKind::UnexpectedEof,
                                "the spilled articles' file is shorter than written",
                            ));
                        }
                        f(i, &entry)?;
                    }
                    Piece::Stored(_) => {
                        if batch.is_done() {
                            // The buffer of the batch just taken, for the one after the next.
                            let mut spare = std::mem::take(&mut batch.buffer);
                            batch = match next.take() {
                                Some(reading) => reading.join().map_err(|_| {
                                    io::Error::other("reading the stored entries failed")
                                })??,
                                None => self.read_ahead(i, std::mem::take(&mut spare))?,
                            };
                            let after = i + batch.ends.len();
                            if matches!(self.pieces.get(after), Some(Piece::Stored(_))) {
                                next = Some(scope.spawn(move || self.read_ahead(after, spare)));
                            }
                        }
                        let text = batch.take().unwrap_or_default();
                        f(i, text)?;
                    }
                }
            }
            Ok(())
        })
    }

    /// The texts of the stored pieces from `i` on (up to [`READ_AHEAD`] of them and
    /// [`READ_AHEAD_BYTES`] together, until a written one), read in parallel into `buffer`.
    fn read_ahead(&self, i: usize, mut buffer: Vec<u8>) -> io::Result<Batch> {
        use rayon::prelude::*;
        let texts = (self.texts.as_ref())
            .ok_or_else(|| io::Error::other("stored entries without their store"))?;
        let mut stored: Vec<Stored> = Vec::new();
        let mut total = 0u64;
        for piece in self.pieces[i..].iter().take(READ_AHEAD) {
            let Piece::Stored(at) = piece else { break };
            if !stored.is_empty() && total + at.len > READ_AHEAD_BYTES {
                break;
            }
            if at.len > READ_AHEAD_BYTES {
                // One text alone larger than a batch: read (and its size checked) by itself.
                let text = texts.read(at)?;
                let ends = vec![text.len()];
                return Ok(Batch {
                    buffer: text,
                    ends,
                    taken: 0,
                });
            }
            total += at.len;
            stored.push(*at);
        }
        let total = total as usize;
        if buffer.len() < total {
            buffer.resize(total, 0);
        }
        let mut ends = Vec::with_capacity(stored.len());
        let mut pieces: Vec<&mut [u8]> = Vec::with_capacity(stored.len());
        let mut rest = &mut buffer[..total];
        let mut end = 0;
        for at in &stored {
            let (piece, after) = rest.split_at_mut(at.len as usize);
            pieces.push(piece);
            rest = after;
            end += at.len as usize;
            ends.push(end);
        }
        (stored.par_iter().zip(pieces)).try_for_each(|(at, piece)| texts.read_into(at, piece))?;
        Ok(Batch {
            buffer,
            ends,
            taken: 0,
        })
    }
}

/// Makes a spilled store: entries are added in order, their JSON text to the file, the first
/// `keep` in full in memory.
pub struct SpillWriter {
    heads: Vec<OwnedHead>,
    first: Vec<Article>,
    pieces: Vec<Piece>,
    keep: usize,
    out: BufWriter<File>,
}

impl SpillWriter {
    /// A writer to a new anonymous temporary file (in `TMPDIR`), keeping `keep` entries whole.
    pub fn new(keep: usize) -> io::Result<SpillWriter> {
        Ok(SpillWriter {
            heads: Vec::new(),
            first: Vec::new(),
            pieces: Vec::new(),
            keep,
            out: BufWriter::with_capacity(1 << 20, tempfile::tempfile()?),
        })
    }

    /// Adds the next entry: its head, its JSON text, and the entry itself (`whole`, called only
    /// for the first ones, which are kept in full).
    pub fn push(
        &mut self,
        head: Head<'_>,
        json: &[u8],
        whole: impl FnOnce() -> io::Result<Article>,
    ) -> io::Result<()> {
        self.out.write_all(json)?;
        self.pieces.push(Piece::Written(json.len() as u64));
        self.note(head, whole)
    }

    /// Adds the next entry, whose JSON text a store keeps `at` (see [`Texts`]).
    pub fn push_stored(
        &mut self,
        head: Head<'_>,
        at: Stored,
        whole: impl FnOnce() -> io::Result<Article>,
    ) -> io::Result<()> {
        self.pieces.push(Piece::Stored(at));
        self.note(head, whole)
    }

    /// Notes an entry's head, and the entry when it is one of the first.
    fn note(
        &mut self,
        head: Head<'_>,
        whole: impl FnOnce() -> io::Result<Article>,
    ) -> io::Result<()> {
        if self.first.len() < self.keep {
            self.first.push(whole()?);
        }
        self.heads.push(OwnedHead {
            id: head.id.to_string(),
            path: head.path.to_string(),
            title: head.title.to_string(),
            hash: head.hash.to_string(),
        });
        Ok(())
    }

    /// The store; `texts` reads the stored entries back.
    pub fn finish(self, texts: Option<Arc<dyn Texts>>) -> io::Result<Articles> {
        let file = self.out.into_inner().map_err(|e| e.into_error())?;
        Ok(Articles::Spilled(Arc::new(Spilled {
            heads: self.heads,
            first: self.first,
            pieces: self.pieces,
            file: Mutex::new(file),
            texts,
        })))
    }
}

impl PartialEq for Articles {
    fn eq(&self, other: &Articles) -> bool {
        match (self, other) {
            (Articles::Held(a), Articles::Held(b)) => a == b,
            _ => matches!((self.to_vec(), other.to_vec()), (Ok(a), Ok(b)) if a == b),
        }
    }
}

impl Serialize for Articles {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Articles::Held(v) => v.serialize(serializer),
            Articles::Spilled(_) => {
                let all = self.to_vec().map_err(serde::ser::Error::custom)?;
                all.serialize(serializer)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Articles {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Article>::deserialize(deserializer).map(Articles::Held)
    }
}
