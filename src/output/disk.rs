//! How a staged output file goes to the disk: hashed as it is written, its blocks reserved at
//! the size of the file it replaces, and its writeback started as it grows, so that neither
//! the writes nor the sync that ends them wait on the file system's bookkeeping for a briefing
//! of hundreds of megabytes.

use std::io::{self, Write};
use std::path::Path;

use crate::digest::{self, Digest};

/// A writer into a fresh temporary file that hashes what passes through it, with its blocks
/// reserved beforehand (see [`preallocate`]) and its writeback started as it grows (see
/// [`start_writeback`]). [`Staged::finish`] gives the file the length written.
pub struct Staged<'f> {
    file: &'f std::fs::File,
    hasher: digest::Hasher,
    /// Bytes written so far.
    written: u64,
    /// Bytes the kernel was asked to start writing to the disk.
    flushed: u64,
    /// Bytes reserved for the file beforehand.
    reserved: u64,
}

/// How much is written before the kernel is asked to start writing it to the disk.
const WRITEBACK_STEP: u64 = 32 << 20;

impl<'f> Staged<'f> {
    /// A writer into `file`, new and empty, that is to replace the file at `target`: as many
    /// blocks as `target` has bytes are reserved for it (a briefing changes little from one
    /// build to the next).
    pub fn new(file: &'f std::fs::File, target: &Path) -> Staged<'f> {
        let previous = std::fs::symlink_metadata(target)
            .ok()
            .filter(|meta| meta.is_file())
            .map_or(0, |meta| meta.len());
        let reserved = if preallocate(file, previous) {
            previous
        } else {
            0
        };
        Staged {
            file,
            hasher: digest::Hasher::default(),
            written: 0,
            flushed: 0,
            reserved,
        }
    }

    /// Ends the writing: a file written shorter than the blocks reserved is cut to its length.
    pub fn finish(&mut self) -> io::Result<()> {
        if self.written < self.reserved {
            self.file.set_len(self.written)?;
        }
        Ok(())
    }

    /// The digest of what was written.
    pub fn digest(self) -> Digest {
        self.hasher.finish()
    }
}

impl Write for Staged<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        if self.written - self.flushed >= WRITEBACK_STEP {
            start_writeback(self.file, self.flushed, self.written - self.flushed);
            self.flushed = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Reserves `len` bytes of blocks for `file` (its length becomes `len`; the writes then fill
/// blocks already allocated, which halved the time of writing a 442 MB briefing on ext4);
/// whether they were reserved. Advice: a file system that cannot reserve (or has no room)
/// says so when the file is written.
#[cfg(target_os = "linux")]
fn preallocate(file: &std::fs::File, len: u64) -> bool {
    use std::os::fd::AsRawFd;
    let Ok(len) = i64::try_from(len) else {
        return false;
    };
    // fallocate itself, not posix_fallocate: that one writes zeros where the file system
    // cannot reserve blocks.
    // SAFETY: fallocate takes a descriptor we own, open for the call, and integers.
    len > 0 && unsafe { libc::fallocate(file.as_raw_fd(), 0, 0, len) } == 0
}

#[cfg(not(target_os = "linux"))]
fn preallocate(_: &std::fs::File, _: u64) -> bool {
    false
}

/// Asks the kernel to start writing `len` bytes of `file` from `offset` to the disk, without
/// waiting: the sync that ends the write of a briefing of hundreds of megabytes then waits
/// for its last few only. Advice: nothing depends on it.
#[cfg(target_os = "linux")]
fn start_writeback(file: &std::fs::File, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
        return;
    };
    // SAFETY: sync_file_range takes a descriptor we own, open for the call, and integers.
    unsafe {
        libc::sync_file_range(file.as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE);
    }
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_: &std::fs::File, _: u64, _: u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stages `text` into a fresh file beside a target holding `previous` bytes; the file's
    /// length, contents and digest after [`Staged::finish`].
    fn staged(previous: usize, text: &[u8]) -> (u64, Vec<u8>, Digest) {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("briefing.json");
        if previous > 0 {
            std::fs::write(&target, vec![b'x'; previous]).unwrap();
        }
        let path = dir.path().join(".briefing.json.tmp");
        let file = std::fs::File::create_new(&path).unwrap();
        let mut staged = Staged::new(&file, &target);
        for chunk in text.chunks(7) {
            staged.write_all(chunk).unwrap();
        }
        staged.finish().unwrap();
        let digest = staged.digest();
        let len = std::fs::metadata(&path).unwrap().len();
        (len, std::fs::read(&path).unwrap(), digest)
    }

    #[test]
    fn a_staged_file_holds_what_was_written_whatever_the_size_of_the_file_it_replaces() {
        let text: Vec<u8> = (0..5_000u32).flat_map(|i| i.to_le_bytes()).collect();
        // Longer than the new text (cut to it), shorter, the same, no file, and an empty text.
        for previous in [100_000, 10, text.len(), 0] {
            let (len, on_disk, digest) = staged(previous, &text);
            assert_eq!(len, text.len() as u64, "replacing {previous} bytes");
            assert_eq!(on_disk, text, "replacing {previous} bytes");
            assert_eq!(digest, Digest::of(&text), "replacing {previous} bytes");
        }
        let (len, on_disk, digest) = staged(4_096, b"");
        assert_eq!((len, on_disk, digest), (0, Vec::new(), Digest::of(b"")));
    }
}
