//! Static word vectors, one per stem, for Indonesian and English: what lets a sentence be close
//! to a theme without sharing its words.
//!
//! The tables are distilled from multilingual-e5-small by `data/make-vectors.sh` (each frequent
//! word embedded alone, mean-centred, PCA-reduced, weighted by a / (a + p(word)) so that
//! frequent words count less, then averaged over the words of a stem) and compiled into the
//! binary. A sentence's vector is the sum of its content words' vectors ([`Vectors::add_to`]);
//! vectors compare by cosine. Provenance and licences: `data/vectors.NOTICE`.
//!
//! File format (`data/vectors-{id,en}.bin`, little-endian):
//!
//! | bytes | what |
//! | --- | --- |
//! | 8 | magic `BRFVEC01` |
//! | 4 | `u32` dims `D` |
//! | 4 | `u32` rows `N` |
//! | 4 × N | `f32` scale of each row |
//! | D × N | `i8` values, row after row: the vector is scale × values |
//! | N × (1 + len) | each row's stem: `u8` byte length (≥ 1), then its UTF-8 bytes; strictly increasing |

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::Lang;
use crate::stems;

/// The file's first eight bytes.
const MAGIC: &[u8; 8] = b"BRFVEC01";

/// The Indonesian table, as compiled in.
static ID_BYTES: &[u8] = include_bytes!("../../data/vectors-id.bin");
/// The English table, as compiled in.
static EN_BYTES: &[u8] = include_bytes!("../../data/vectors-en.bin");

/// The word-vector table of a language, parsed on first use (a bad compiled-in table is a bug:
/// this panics with what is wrong).
pub fn table(lang: Lang) -> &'static Vectors {
    static TABLES: [OnceLock<Vectors>; 2] = [OnceLock::new(), OnceLock::new()];
    let bytes = match lang {
        Lang::Id => ID_BYTES,
        Lang::En => EN_BYTES,
    };
    TABLES[lang as usize].get_or_init(|| {
        Vectors::parse(bytes).unwrap_or_else(|e| panic!("data/vectors-{}.bin: {e}", lang.code()))
    })
}

/// A table of stem vectors: one i8 vector and a scale per stem, found by the stem's hash
/// ([`crate::stems::hash`]).
#[derive(Debug)]
pub struct Vectors {
    dims: usize,
    /// Row of each stem hash.
    rows: FxHashMap<u64, u32>,
    /// Scale of each row.
    scales: Vec<f32>,
    /// The rows' values, `dims` per row (i8 stored as bytes).
    values: &'static [u8],
    /// The stems, in row order.
    stems: Vec<&'static str>,
}

/// Why bytes are not a vector table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The magic bytes are not `BRFVEC01`.
    #[error("not a vector table (bad magic)")]
    Magic,
    /// The table (of this many bytes) ends before its declared contents.
    #[error("truncated: {0} bytes are too few")]
    Truncated(usize),
    /// Bytes follow the last stem.
    #[error("{0} bytes after the last stem")]
    Trailing(usize),
    /// Zero dimensions.
    #[error("zero dimensions")]
    NoDims,
    /// A scale that is negative, infinite or NaN.
    #[error("bad scale in row {0}")]
    Scale(usize),
    /// A stem that is empty, not UTF-8, or not after the previous one.
    #[error("bad stem in row {0} (empty, not UTF-8, or out of order)")]
    Stem(usize),
    /// Two stems with the same 64-bit hash.
    #[error("stems of rows {0} and {1} have the same hash")]
    Collision(u32, u32),
}

/// Reads a table front to back.
struct Reader {
    bytes: &'static [u8],
    pos: usize,
}

impl Reader {
    /// The next `n` bytes.
    fn take(&mut self, n: usize) -> Result<&'static [u8], FormatError> {
        let rest = &self.bytes[self.pos..];
        if rest.len() < n {
            return Err(FormatError::Truncated(self.bytes.len()));
        }
        self.pos += n;
        Ok(&rest[..n])
    }

    /// The next four bytes, as a little-endian `u32`.
    fn u32(&mut self) -> Result<u32, FormatError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

impl Vectors {
    /// Reads a table in the format of the module doc, checking every size, scale and stem.
    pub fn parse(bytes: &'static [u8]) -> Result<Vectors, FormatError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(FormatError::Magic);
        }
        let dims = r.u32()? as usize;
        let count = r.u32()? as usize;
        if dims == 0 {
            return Err(FormatError::NoDims);
        }
        let scales: Vec<f32> = r
            .take(
                count
                    .checked_mul(4)
                    .ok_or(FormatError::Truncated(bytes.len()))?,
            )?
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        if let Some(row) = scales.iter().position(|s| !(s.is_finite() && *s >= 0.0)) {
            return Err(FormatError::Scale(row));
        }
        let values = r.take(
            count
                .checked_mul(dims)
                .ok_or(FormatError::Truncated(bytes.len()))?,
        )?;
        let mut stems: Vec<&'static str> = Vec::with_capacity(count);
        let mut rows = FxHashMap::with_capacity_and_hasher(count, Default::default());
        for row in 0..count {
            let len = r.take(1)?[0] as usize;
            let stem = std::str::from_utf8(r.take(len)?).map_err(|_| FormatError::Stem(row))?;
            if stem.is_empty()
                || stems
                    .last()
                    .is_some_and(|last| last.as_bytes() >= stem.as_bytes())
            {
                return Err(FormatError::Stem(row));
            }
            if let Some(other) = rows.insert(stems::hash(stem), row as u32) {
                return Err(FormatError::Collision(other, row as u32));
            }
            stems.push(stem);
        }
        if r.pos != bytes.len() {
            return Err(FormatError::Trailing(bytes.len() - r.pos));
        }
        Ok(Vectors {
            dims,
            rows,
            scales,
            values,
            stems,
        })
    }

    /// Length of every vector.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// How many stems have a vector.
    pub fn len(&self) -> usize {
        self.stems.len()
    }

    /// True when no stem has a vector.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// True when the stem with this hash ([`crate::stems::hash`]) has a vector.
    pub fn contains(&self, stem_hash: u64) -> bool {
        self.rows.contains_key(&stem_hash)
    }

    /// Adds `weight` × the vector of the stem with this hash to `acc`, whose length must be
    /// [`Self::dims`]; false (and `acc` unchanged) when the stem has no vector.
    pub fn add_to(&self, stem_hash: u64, weight: f32, acc: &mut [f32]) -> bool {
        let Some(row) = self.row(stem_hash) else {
            return false;
        };
        self.add_row(row, weight, acc);
        true
    }

    /// The row of the stem with this hash, when it has a vector: looked up once, it can be
    /// added many times ([`Self::add_row`]).
    pub fn row(&self, stem_hash: u64) -> Option<u32> {
        self.rows.get(&stem_hash).copied()
    }

    /// Adds `weight` × the vector of a row ([`Self::row`]) to `acc`, whose length must be
    /// [`Self::dims`]; exactly what [`Self::add_to`] adds for the row's stem.
    pub fn add_row(&self, row: u32, weight: f32, acc: &mut [f32]) {
        let row = row as usize;
        let factor = weight * self.scales[row];
        let values = &self.values[row * self.dims..(row + 1) * self.dims];
        assert_eq!(acc.len(), self.dims, "accumulator of the wrong length");
        for (a, &v) in acc.iter_mut().zip(values) {
            *a += factor * f32::from(v as i8);
        }
    }

    /// The stems that have a vector, in increasing byte order.
    pub fn stems(&self) -> &[&'static str] {
        &self.stems
    }
}

/// The cosine of two vectors; 0 when either is all zeros.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut dot, mut aa, mut bb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        0.0
    } else {
        dot / (aa.sqrt() * bb.sqrt())
    }
}

#[cfg(test)]
mod tests;
