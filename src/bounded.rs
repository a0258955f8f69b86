//! Reading files the tool did not make itself with bounds: regular files only (a FIFO, a device
//! or a link is refused without being opened for reading, so nothing blocks), and never more
//! than a stated number of bytes (a huge file is refused before it is read).

use std::io::{self, Read};
use std::path::Path;

/// Reads the regular file at `path` whole, refusing it when it holds more than `max` bytes, or
/// is not a regular file (links are not followed).
pub fn read(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    read_whole(open_regular(path)?, max)
}

/// [`read`], with the file's metadata as it was when it was opened (before it was read: a
/// write while it is read shows as a later change).
pub fn read_with_metadata(path: &Path, max: u64) -> io::Result<(Vec<u8>, std::fs::Metadata)> {
    let file = open_regular(path)?;
    let meta = file.metadata()?;
    Ok((read_whole(file, max)?, meta))
}

/// Reads an open regular file whole, up to `max` bytes.
fn read_whole(file: std::fs::File, max: u64) -> io::Result<Vec<u8>> {
    let len = file.metadata()?.len();
    if len > max {
        return Err(too_large(len, max));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // The file may grow while it is read: never take more than the bound.
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64, max));
    }
    Ok(bytes)
}

/// Like [`read`], but a final link is followed (for files a user may keep as a link, such as
/// `briefing.toml`); what it leads to must be a regular file.
pub fn read_following(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = open_following(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a folder, FIFO or device)",
        ));
    }
    read_whole(file, max)
}

#[cfg(unix)]
fn open_following(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_following(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Opens `path` for reading if it is a regular file: without following a final link and
/// without waiting for a writer (a FIFO opens at once and is then refused).
pub fn open_regular(path: &Path) -> io::Result<std::fs::File> {
    let file = open_no_wait(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a folder, link, FIFO or device)",
        ));
    }
    Ok(file)
}

#[cfg(unix)]
fn open_no_wait(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                io::Error::new(io::ErrorKind::InvalidInput, "a symbolic link; not followed")
            } else {
                e
            }
        })
}

#[cfg(not(unix))]
fn open_no_wait(path: &Path) -> io::Result<std::fs::File> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a symbolic link; not followed",
        ));
    }
    std::fs::File::open(path)
}

fn too_large(len: u64, max: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{len} bytes, over the limit of {max}"),
    )
}

/// The longest JSON line read (`summarize --jsonl`, `build --from-jsonl`): a line is one
/// article or one article's record, and a longer one is refused without being held.
pub const MAX_LINE: usize = 64 << 20;

/// One line read by [`Lines`].
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// The line, without its line break.
    Text(String),
    /// The line was longer than the bound; it was skipped, not held.
    TooLong,
    /// The line is not UTF-8.
    NotUtf8,
}

/// The lines of a reader, each held only up to a bound.
pub struct Lines<R> {
    reader: R,
    max: usize,
}

/// The lines of `reader`, none held beyond `max` bytes.
pub fn lines<R: io::BufRead>(reader: R, max: usize) -> Lines<R> {
    Lines { reader, max }
}

impl<R: io::BufRead> Iterator for Lines<R> {
    type Item = io::Result<Line>;

    #[inline(never)] // a function of its own in profiles (`bench/per_byte.sh`)
    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        let limit = self.max as u64 + 1;
        match io::BufRead::read_until(&mut (&mut self.reader).take(limit), b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => return Some(Err(e)),
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        } else if buf.len() > self.max {
            // Skip the rest of the line without keeping it.
            loop {
                let available = match self.reader.fill_buf() {
                    Ok(available) => available,
                    Err(e) => return Some(Err(e)),
                };
                if available.is_empty() {
                    break;
                }
                match available.iter().position(|&b| b == b'\n') {
                    Some(at) => {
                        self.reader.consume(at + 1);
                        break;
                    }
                    None => {
                        let n = available.len();
                        self.reader.consume(n);
                    }
                }
            }
            return Some(Ok(Line::TooLong));
        }
        Some(Ok(String::from_utf8(buf).map_or(Line::NotUtf8, Line::Text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_unheld() {
        let text = format!("short\r\n{}\nnext\n\n#\nlast", "x".repeat(100));
        let mut bytes = text.into_bytes();
        let at = bytes.iter().position(|&b| b == b'#').unwrap();
        bytes[at] = 0xff;
        let got: Vec<Line> = lines(&bytes[..], 10).map(|l| l.unwrap()).collect();
        assert_eq!(
            got,
            [
                Line::Text("short".into()),
                Line::TooLong,
                Line::Text("next".into()),
                Line::Text(String::new()),
                Line::NotUtf8,
                Line::Text("last".into()),
            ]
        );
    }

    #[test]
    fn large_files_fifos_and_links_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(1 << 40)
            .unwrap();
        let error = read(&big, 1 << 20).unwrap_err().to_string();
        assert!(error.contains("over the limit"), "{error}");
        let small = dir.path().join("small");
        std::fs::write(&small, "abc").unwrap();
        assert_eq!(read(&small, 3).unwrap(), b"abc");
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&small, &link).unwrap();
            assert!(read(&link, 10).unwrap_err().to_string().contains("link"));
            let fifo = dir.path().join("fifo");
            let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
            // SAFETY: a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
            assert!(read(&fifo, 10).unwrap_err().to_string().contains("FIFO"));
        }
    }
}
