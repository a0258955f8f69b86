//! Reading the lines the steps pass on (parts, contributions): from files or stdin, bounded,
//! blank lines skipped, every error naming its file and line.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where a line was read: its file (and its index in the list given) and line number.
pub struct At<'a> {
    /// The file.
    pub path: &'a Path,
    /// Its index in the files given.
    pub file: usize,
    /// The line, from 1.
    pub line: usize,
}

impl At<'_> {
    /// An input error at this line.
    pub fn error(&self, message: String) -> Error {
        Error::Input {
            path: self.path.to_path_buf(),
            line: Some(self.line),
            message,
        }
    }
}

/// Calls `f` with every line of `paths` (`-` is stdin) that is not blank, each at most `max`
/// bytes; a longer one, or one that is not UTF-8, is an error saying it is not `what`.
pub fn each_line(
    paths: &[PathBuf],
    max: usize,
    what: &str,
    f: &mut dyn FnMut(At<'_>, String) -> Result<()>,
) -> Result<()> {
    for (file, path) in paths.iter().enumerate() {
        let reader: Box<dyn std::io::Read> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(path).map_err(|e| Error::io(path, e))?)
        };
        let lines = crate::bounded::lines(std::io::BufReader::new(reader), max);
        for (index, line) in lines.enumerate() {
            let at = At {
                path,
                file,
                line: index + 1,
            };
            let line = match line.map_err(|e| at.error(format!("cannot be read: {e}")))? {
                crate::bounded::Line::Text(line) => line,
                _ => return Err(at.error(format!("not {what}"))),
            };
            if !line.trim().is_empty() {
                f(at, line)?;
            }
        }
    }
    Ok(())
}
