//! The processed articles between the per-article stages and the cross-article steps, in their
//! final order: held in memory, or, for an archive larger than the memory budget allows, written
//! to a temporary file and read back a batch at a time by each cross-article pass.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::processed::{Batches, Processed};

/// Articles decoded together when read back: enough to keep every thread busy, few enough
/// (tens of megabytes) not to matter beside the budget.
pub const BATCH: usize = 2048;

/// The processed articles, in order.
pub enum Store {
    /// All in memory.
    Held(Vec<Processed>),
    /// In a temporary file.
    Spilled(Spilled),
}

/// Articles in a temporary file (postcard), each where `ranges` says, in the order given there
/// (which need not be the order they were written in).
pub struct Spilled {
    file: Mutex<File>,
    ranges: Vec<(u64, u32)>,
}

/// A temporary file articles are appended to.
pub struct SpillFile {
    out: BufWriter<File>,
    written: u64,
}

impl SpillFile {
    /// A new anonymous temporary file (in `TMPDIR`; deleted whatever becomes of the process).
    pub fn new() -> io::Result<SpillFile> {
        Ok(SpillFile {
            out: BufWriter::with_capacity(1 << 20, tempfile::tempfile()?),
            written: 0,
        })
    }

    /// Appends articles (encoded on all threads); returns where each is.
    pub fn append_all(&mut self, articles: &[Processed]) -> io::Result<Vec<(u64, u32)>> {
        let encoded: Vec<Vec<u8>> = articles
            .par_iter()
            .map(|a| postcard::to_stdvec(a).map_err(io::Error::other))
            .collect::<io::Result<_>>()?;
        let mut ranges = Vec::with_capacity(encoded.len());
        for bytes in encoded {
            let len = u32::try_from(bytes.len())
                .map_err(|_| io::Error::other("an article of more than 4 GB cannot be spilled"))?;
            self.out.write_all(&bytes)?;
            ranges.push((self.written, len));
            self.written += u64::from(len);
        }
        Ok(ranges)
    }

    /// The store of the articles at `ranges`, in that order.
    pub fn into_store(self, ranges: Vec<(u64, u32)>) -> io::Result<Store> {
        let file = self.out.into_inner().map_err(|e| e.into_error())?;
        Ok(Store::Spilled(Spilled {
            file: Mutex::new(file),
            ranges,
        }))
    }
}

impl Store {
    /// How many articles it holds.
    pub fn len(&self) -> usize {
        match self {
            Store::Held(v) => v.len(),
            Store::Spilled(s) => s.ranges.len(),
        }
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `f` with each batch in order, mutable (the last pass moves the texts out), and the
    /// index of its first article.
    pub fn each_batch_mut(
        &mut self,
        mut f: impl FnMut(usize, &mut [Processed]) -> io::Result<()>,
    ) -> io::Result<()> {
        match self {
            Store::Held(v) => f(0, v),
            Store::Spilled(s) => s.each(&mut |first, batch| f(first, batch)),
        }
    }
}

impl Batches for Store {
    fn count(&self) -> usize {
        self.len()
    }

    fn spilled(&self) -> bool {
        matches!(self, Store::Spilled(_))
    }

    fn each_batch(&self, f: &mut dyn FnMut(usize, &[Processed])) -> io::Result<()> {
        match self {
            Store::Held(v) => {
                f(0, v);
                Ok(())
            }
            Store::Spilled(s) => s.each(&mut |first, batch| {
                f(first, batch);
                Ok(())
            }),
        }
    }
}

impl Spilled {
    /// Reads the articles back a batch at a time (decoded on all threads) and calls `f`.
    fn each(&self, f: &mut dyn FnMut(usize, &mut [Processed]) -> io::Result<()>) -> io::Result<()> {
        let mut file = self
            .file
            .lock()
            .map_err(|_| io::Error::other("the spilled articles' file is poisoned"))?;
        let mut position = u64::MAX;
        for (b, ranges) in self.ranges.chunks(BATCH).enumerate() {
            let mut bytes: Vec<Vec<u8>> = Vec::with_capacity(ranges.len());
            for &(at, len) in ranges {
                if at != position {
                    file.seek(SeekFrom::Start(at))?;
                }
                let mut buffer = vec![0u8; len as usize];
                file.read_exact(&mut buffer)?;
                position = at + u64::from(len);
                bytes.push(buffer);
            }
            let mut batch: Vec<Processed> = bytes
                .par_iter()
                .map(|b| {
                    postcard::from_bytes(b).map_err(|e| {
                        io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("a spilled article cannot be read back ({e})"),
                        )
                    })
                })
                .collect::<io::Result<_>>()?;
            drop(bytes);
            f(b * BATCH, &mut batch)?;
            crate::pipeline::free_in_parallel(batch);
        }
        Ok(())
    }
}
