//! The first step of a build: the input files listed, and (for the cache) each one read and
//! hashed.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Project, relative};
use crate::cache::Cache;
use crate::corpus;
use crate::error::{Result, Warning};

/// The input files, each with the key of its contents when the cache is used.
pub struct Scan {
    /// (file, cache key), sorted by path; no keys when the files were listed without reading.
    pub files: Vec<(PathBuf, Option<blake3::Hash>)>,
    /// Files skipped while scanning.
    pub warnings: Vec<Warning>,
    /// The files' size in bytes, all together.
    pub bytes: u64,
    /// blake3 over the tool version, the per-article settings and every file's key (or path,
    /// when there are no keys).
    pub fingerprint: blake3::Hash,
}

/// Lists the input files. With `keys` each one is read and hashed (in parallel) for the cache
/// and the build's fingerprint; without, a build that does not use the cache reads each file
/// once, when it processes it.
pub fn scan(project: &Project, keys: bool) -> Result<Scan> {
    let (paths, mut warnings) = corpus::discover(&project.input())?;
    let settings = project.config.article_settings();
    type Keyed = std::result::Result<(PathBuf, Option<blake3::Hash>, u64), Warning>;
    let keyed: Vec<Keyed> = paths
        .into_par_iter()
        .map(|path| {
            if !keys {
                // The size only guides the memory budget: a file that cannot be read now is
                // reported when it is processed.
                let size = std::fs::metadata(&path).map_or(0, |m| m.len());
                return Ok((path, None, size));
            }
            let bytes = crate::bounded::read(&path, corpus::MAX_ARTICLE_FILE)
                .map_err(|e| unreadable(&path, &e))?;
            let rel = relative(&project.root, &path);
            let key = Cache::key(&[b"article", settings.as_bytes(), rel.as_bytes(), &bytes]);
            Ok((path, Some(key), bytes.len() as u64))
        })
        .collect();
    let mut files = Vec::with_capacity(keyed.len());
    let mut total = 0u64;
    let mut hasher = blake3::Hasher::new();
    hasher.update(settings.as_bytes());
    for item in keyed {
        match item {
            Ok((path, key, size)) => {
                total += size;
                match &key {
                    Some(key) => hasher.update(key.as_bytes()),
                    None => hasher.update(path.as_os_str().as_encoded_bytes()),
                };
                files.push((path, key));
            }
            Err(warning) => warnings.push(warning),
        }
    }
    Ok(Scan {
        files,
        warnings,
        bytes: total,
        fingerprint: hasher.finalize(),
    })
}

/// The warning for a file that cannot be read.
pub(super) fn unreadable(path: &Path, error: &std::io::Error) -> Warning {
    Warning {
        path: path.to_path_buf(),
        line: None,
        message: format!("cannot be read ({error}); skipped"),
    }
}
