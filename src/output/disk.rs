//! How a staged output file goes to the disk: hashed as it is written, written into the blocks
//! of the file an earlier build replaced where the cache kept them (a spare) or into blocks
//! reserved at the size of the file it replaces, and its writeback started as it grows, so
//! that neither the writes nor the sync that ends them wait on the file system's bookkeeping
//! for a briefing of hundreds of megabytes.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use crate::digest::{self, Digest};

/// A writer into a temporary file that hashes what passes through it, with its blocks reserved
/// beforehand (a spare's, see [`open_temp`], or [`preallocate`]d) and its writeback started as
/// it grows (see [`start_writeback`]). Every write to the file covers whole pages from a page
/// boundary, so that no page of a spare is read from the disk to be partly overwritten.
/// [`Staged::finish`] writes the last part page and gives the file the length written.
pub struct Staged<'f> {
    file: &'f File,
    hasher: digest::Hasher,
    /// What is written but not yet in the file: less than a page.
    tail: Vec<u8>,
    /// Bytes in the file so far.
    written: u64,
    /// Bytes the kernel was asked to start writing to the disk.
    flushed: u64,
    /// The file's length before the writing: blocks it has already.
    reserved: u64,
}

/// How much is written before the kernel is asked to start writing it to the disk.
const WRITEBACK_STEP: u64 = 32 << 20;

/// The page size writes are aligned to (that of x86-64 and most ARM kernels; a larger page
/// only costs a spare's page read now and then).
const PAGE: usize = 4096;

/// The smallest output whose blocks are worth keeping as a spare.
pub const SPARE_MIN: u64 = 4 << 20;

impl<'f> Staged<'f> {
    /// A writer into `file`, new or a spare, that is to replace the file at `target`: as many
    /// blocks as `target` has bytes are reserved for it beforehand (a briefing changes little
    /// from one build to the next), unless it has them already.
    pub fn new(file: &'f File, target: &Path) -> Staged<'f> {
        let previous = std::fs::symlink_metadata(target)
            .ok()
            .filter(|meta| meta.is_file())
            .map_or(0, |meta| meta.len());
        let has = file.metadata().map_or(0, |meta| meta.len());
        let reserved = if previous > has && preallocate(file, previous) {
            previous
        } else {
            has
        };
        Staged {
            file,
            hasher: digest::Hasher::default(),
            tail: Vec::with_capacity(PAGE),
            written: 0,
            flushed: 0,
            reserved,
        }
    }

    /// Ends the writing: the last part page is written, and a file shorter than the blocks
    /// it had is cut to its length.
    pub fn finish(&mut self) -> io::Result<()> {
        let tail = std::mem::take(&mut self.tail);
        self.put(&tail)?;
        if self.written < self.reserved {
            self.file.set_len(self.written)?;
        }
        Ok(())
    }

    /// The digest of what was written.
    pub fn digest(self) -> Digest {
        self.hasher.finish()
    }

    /// Writes `bytes` to the file, at the end of what is there.
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.file.write_all(bytes)?;
        self.hasher.update(bytes);
        self.written += bytes.len() as u64;
        if self.written - self.flushed >= WRITEBACK_STEP {
            start_writeback(self.file, self.flushed, self.written - self.flushed);
            self.flushed = self.written;
        }
        Ok(())
    }
}

impl Write for Staged<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.tail.is_empty() && buf.len() >= PAGE {
            let whole = buf.len() / PAGE * PAGE;
            self.put(&buf[..whole])?;
            return Ok(whole);
        }
        let take = (PAGE - self.tail.len()).min(buf.len());
        self.tail.extend_from_slice(&buf[..take]);
        if self.tail.len() == PAGE {
            let page = std::mem::take(&mut self.tail);
            self.put(&page)?;
            self.tail = page;
            self.tail.clear();
        }
        Ok(take)
    }

    /// Writes nothing: what is short of a page waits for [`Staged::finish`].
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Opens the temporary file `temp` for an output: the spare at `spare` moved in (the blocks of
/// the output an earlier build replaced, see [`keep_spare`]) when there is one and it is a
/// plain file of this user's that nothing else links to, else a new file.
pub fn open_temp(temp: &Path, spare: Option<&Path>) -> io::Result<File> {
    if let Some(spare) = spare
        && std::fs::rename(spare, temp).is_ok()
    {
        if let Some(file) = open_spare(temp) {
            return Ok(file);
        }
        let _ = std::fs::remove_file(temp);
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
}

/// The spare moved to `path`, opened for writing, if it is a plain file (not a link) of this
/// user's with no other name: writing into it then changes no other file.
#[cfg(unix)]
fn open_spare(path: &Path) -> Option<File> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let file = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .ok()?;
    let meta = file.metadata().ok()?;
    // SAFETY: geteuid takes nothing and cannot fail.
    let user = unsafe { libc::geteuid() };
    (meta.is_file() && meta.nlink() == 1 && meta.uid() == user).then_some(file)
}

#[cfg(not(unix))]
fn open_spare(_: &Path) -> Option<File> {
    None
}

/// Keeps the old output `backup` (no longer in place) as the spare at `spare`, when it is large
/// enough to be worth it and can be moved there; else removes it. Where spares are never
/// written into (not Unix, see [`open_spare`]), none is kept.
pub fn keep_spare(backup: &Path, spare: Option<&Path>) {
    let large = cfg!(unix)
        && std::fs::symlink_metadata(backup)
            .is_ok_and(|meta| meta.is_file() && meta.len() >= SPARE_MIN);
    let kept = large && spare.is_some_and(|spare| std::fs::rename(backup, spare).is_ok());
    if !kept {
        let _ = std::fs::remove_file(backup);
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
        let digest = write_in_pieces(&file, &target, text);
        let len = std::fs::metadata(&path).unwrap().len();
        (len, std::fs::read(&path).unwrap(), digest)
    }

    /// Writes `text` through a [`Staged`] into `file` (to replace `target`) in pieces of
    /// every size around a page's, as the JSON writer's buffer passes them; its digest.
    fn write_in_pieces(file: &File, target: &Path, text: &[u8]) -> Digest {
        let mut staged = Staged::new(file, target);
        let sizes = [7, 1, PAGE - 1, PAGE, PAGE + 1, 3 * PAGE + 5, 65_536];
        let (mut at, mut next) = (0, 0);
        while at < text.len() {
            let end = (at + sizes[next % sizes.len()]).min(text.len());
            staged.write_all(&text[at..end]).unwrap();
            staged.flush().unwrap();
            (at, next) = (end, next + 1);
        }
        staged.finish().unwrap();
        staged.digest()
    }

    /// A text of `len` bytes, none of them zero or `x`.
    fn text_of(len: usize) -> Vec<u8> {
        (0..len).map(|i| b'a' + (i % 23) as u8).collect()
    }

    #[test]
    fn a_spare_is_written_into_and_cut_to_the_length_written() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("briefing.json");
        std::fs::write(&target, b"old").unwrap();
        let spare = dir.path().join("spare-briefing.json");
        let temp = dir.path().join(".briefing.json.1.tmp");
        // A spare longer than the new text, and one shorter.
        for (spare_len, len) in [(200_000, 50_000), (10_000, 100_003)] {
            std::fs::write(&spare, vec![b'x'; spare_len]).unwrap();
            let file = open_temp(&temp, Some(&spare)).unwrap();
            let text = text_of(len);
            let digest = write_in_pieces(&file, &target, &text);
            assert!(!spare.exists(), "the spare was moved in");
            assert_eq!(std::fs::read(&temp).unwrap(), text, "spare of {spare_len}");
            assert_eq!(digest, Digest::of(&text));
            std::fs::remove_file(&temp).unwrap();
        }
        // No spare: a new file.
        let file = open_temp(&temp, Some(&spare)).unwrap();
        write_in_pieces(&file, &target, b"new");
        assert_eq!(std::fs::read(&temp).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_spare_that_is_a_link_or_has_another_name_is_not_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("briefing.json");
        let mine = dir.path().join("notes.txt");
        let spare = dir.path().join("spare-briefing.json");
        let temp = dir.path().join(".briefing.json.1.tmp");
        let links: [fn(&Path, &Path) -> io::Result<()>; 2] = [
            |a, b| std::os::unix::fs::symlink(a, b),
            |a, b| std::fs::hard_link(a, b),
        ];
        for link in links {
            std::fs::write(&mine, b"the user's own file").unwrap();
            link(&mine, &spare).unwrap();
            let file = open_temp(&temp, Some(&spare)).unwrap();
            write_in_pieces(&file, &target, b"the new briefing");
            assert_eq!(std::fs::read(&temp).unwrap(), b"the new briefing");
            assert_eq!(std::fs::read(&mine).unwrap(), b"the user's own file");
            std::fs::remove_file(&temp).unwrap();
        }
    }

    #[cfg(unix)]
    #[test]
    fn only_a_large_old_output_is_kept_as_a_spare() {
        let dir = tempfile::tempdir().unwrap();
        let spare = dir.path().join("spare-briefing.json");
        let backup = dir.path().join(".briefing.json.1.bak.tmp");
        std::fs::write(&backup, b"small").unwrap();
        keep_spare(&backup, Some(&spare));
        assert!(!backup.exists() && !spare.exists());
        let large = vec![b'x'; SPARE_MIN as usize];
        std::fs::write(&backup, &large).unwrap();
        keep_spare(&backup, None);
        assert!(!backup.exists(), "no place for a spare: removed");
        std::fs::write(&backup, &large).unwrap();
        keep_spare(&backup, Some(&spare));
        assert!(!backup.exists());
        assert_eq!(std::fs::read(&spare).unwrap(), large);
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
