//! `briefing clean`'s work: removing what the cache wrote, and nothing else.

use std::path::Path;

use super::pack::{INDEX, pack_id};
use super::trust::TRUST;
use super::{MANIFEST, SECRET, SPARE_PREFIX};

/// What [`clean`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cleaned {
    /// There was no cache folder.
    Nothing,
    /// The cache folder was removed.
    Removed,
    /// The cache's own files were removed; these other files were left, with the folder.
    Kept(Vec<String>),
}

/// A temporary file of the cache's (`.{what}…tmp`).
pub(super) fn temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// A folder of entries in the one-file-per-entry layout of earlier versions (two hex digits).
pub(super) fn entry_folder(name: &str) -> bool {
    name.len() == 2 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Removes the cache: only what the cache writes (packs, `index`, `trust`, `secret`,
/// `manifest.json`, the spares of outputs, temporary files, and earlier versions' entry
/// folders). Anything else found
/// in the folder, and a file in the folder's place, is not the cache's and is left alone.
pub fn clean(dir: &Path) -> std::io::Result<Cleaned> {
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(std::io::Error::other(
                "is not a folder, so not the build cache; left alone",
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Cleaned::Nothing),
        Err(e) => return Err(e),
    }
    let mut kept = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type()?;
        if kind.is_dir() && entry_folder(&name) {
            for file in std::fs::read_dir(entry.path())?.filter_map(|e| e.ok()) {
                let inner = file.file_name().to_string_lossy().into_owned();
                if file.file_type()?.is_file() && (inner.ends_with(".bin") || temporary(&inner)) {
                    std::fs::remove_file(file.path())?;
                } else {
                    kept.push(format!("{name}/{inner}"));
                }
            }
            let _ = std::fs::remove_dir(entry.path());
        } else if kind.is_file()
            && (name == SECRET
                || name == MANIFEST
                || name == INDEX
                || name == TRUST
                || pack_id(&name).is_some()
                || name.starts_with(SPARE_PREFIX)
                || temporary(&name))
        {
            std::fs::remove_file(entry.path())?;
        } else {
            kept.push(name);
        }
    }
    if kept.is_empty() {
        std::fs::remove_dir(dir)?;
        Ok(Cleaned::Removed)
    } else {
        Ok(Cleaned::Kept(kept))
    }
}
