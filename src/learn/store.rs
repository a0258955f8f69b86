//! Where the learn stage keeps the views of every batch between its passes: in memory beside
//! a held corpus, or in a temporary file of their own beside a spilled one.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

use super::view::Views;

/// The views of every batch, in order: held, or in a temporary file of their own.
pub enum ViewStore {
    /// In memory.
    Held(Vec<Views>),
    /// In a temporary file, each batch where its range says.
    Spilled {
        /// The file.
        file: BufWriter<File>,
        /// Each batch's place.
        ranges: Vec<(u64, u64)>,
        /// Bytes written.
        written: u64,
    },
}

impl ViewStore {
    /// An empty store: the views are kept in a temporary file when `spill`.
    pub fn new(spill: bool) -> io::Result<ViewStore> {
        Ok(if spill {
            ViewStore::Spilled {
                file: BufWriter::with_capacity(1 << 20, tempfile::tempfile()?),
                ranges: Vec::new(),
                written: 0,
            }
        } else {
            ViewStore::Held(Vec::new())
        })
    }

    /// Adds the next batch's views.
    pub fn push(&mut self, views: Views) -> io::Result<()> {
        match self {
            ViewStore::Held(list) => list.push(views),
            ViewStore::Spilled {
                file,
                ranges,
                written,
            } => {
                let len = views.write_to(file)?;
                ranges.push((*written, len));
                *written += len;
            }
        }
        Ok(())
    }

    /// Calls `f` with each batch's views in order.
    pub fn each(&mut self, f: &mut dyn FnMut(&Views)) -> io::Result<()> {
        match self {
            ViewStore::Held(list) => list.iter().for_each(f),
            ViewStore::Spilled { file, ranges, .. } => {
                file.flush()?;
                let file = file.get_mut();
                for &range in ranges.iter() {
                    f(&read_back(file, range)?);
                }
                file.seek(SeekFrom::End(0))?;
            }
        }
        Ok(())
    }

    /// Hands each batch's views over in order, once (held ones moved out, spilled ones read
    /// back): for the assignment of every sentence after learning, which then needs no vector
    /// made again.
    pub fn into_batches(self) -> io::Result<ViewBatches> {
        Ok(match self {
            ViewStore::Held(list) => ViewBatches::Held(list.into_iter()),
            ViewStore::Spilled { file, ranges, .. } => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                ViewBatches::Spilled(file, ranges.into_iter())
            }
        })
    }
}

/// The batches of a [`ViewStore`], in order, each handed over once.
pub enum ViewBatches {
    /// Moved out of memory.
    Held(std::vec::IntoIter<Views>),
    /// Read back from the temporary file.
    Spilled(File, std::vec::IntoIter<(u64, u64)>),
}

impl ViewBatches {
    /// The next batch's views; none after the last.
    pub fn next_batch(&mut self) -> io::Result<Option<Views>> {
        match self {
            ViewBatches::Held(list) => Ok(list.next()),
            ViewBatches::Spilled(file, ranges) => ranges
                .next()
                .map(|range| read_back(file, range))
                .transpose(),
        }
    }
}

/// The views spilled at `(at, len)` of `file`.
fn read_back(file: &mut File, (at, len): (u64, u64)) -> io::Result<Views> {
    file.seek(SeekFrom::Start(at))?;
    Views::read_from(file, len)
}
