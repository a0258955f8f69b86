//! The first step of a build: the input files listed, and (for the cache) each one read and
//! hashed.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Project, relative};
use crate::cache::Cache;
use crate::cache::stamp::{Stamp, Stamps};
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
    /// The cache key of the files' stamps, and the stamps when they differ from the ones the
    /// cache has ([`Scan::keep_stamps`]).
    stamps: (blake3::Hash, Option<Stamps>),
}

/// Lists the input files. With a `cache`, each one gets the key of its contents (for the cache
/// and the build's fingerprint): read and hashed (in parallel), unless its stamp is the one the
/// last build kept with its key ([`Stamps`]). Without, a build that does not use the cache
/// reads each file once, when it processes it.
pub fn scan(project: &Project, cache: Option<&Cache>) -> Result<Scan> {
    let (paths, mut warnings) = corpus::discover(&project.input())?;
    let settings = project.config.article_settings();
    let stamps_key = Cache::key(&[b"stamps", settings.as_bytes()]);
    let stamped: Stamps = cache.and_then(|c| c.load(&stamps_key)).unwrap_or_default();
    type Keyed =
        std::result::Result<(PathBuf, Option<(blake3::Hash, Option<Stamp>)>, u64), Warning>;
    let keyed: Vec<Keyed> = paths
        .into_par_iter()
        .map(|path| {
            if cache.is_none() {
                // The size only guides the memory budget: a file that cannot be read now is
                // reported when it is processed.
                let size = std::fs::metadata(&path).map_or(0, |m| m.len());
                return Ok((path, None, size));
            }
            let rel = relative(&project.root, &path);
            if let Some((key, stamp, len)) = stamped.key(&rel, &path) {
                return Ok((path, Some((key, Some(stamp))), len));
            }
            let (bytes, meta) = crate::bounded::read_with_metadata(&path, corpus::MAX_ARTICLE_FILE)
                .map_err(|e| unreadable(&path, &e))?;
            let key = Cache::key(&[b"article", settings.as_bytes(), rel.as_bytes(), &bytes]);
            Ok((path, Some((key, Stamp::settled(&meta))), bytes.len() as u64))
        })
        .collect();
    let mut files = Vec::with_capacity(keyed.len());
    let mut stamps = Stamps::default();
    let mut total = 0u64;
    let mut hasher = blake3::Hasher::new();
    hasher.update(settings.as_bytes());
    for item in keyed {
        match item {
            Ok((path, key, size)) => {
                total += size;
                match &key {
                    Some((key, stamp)) => {
                        hasher.update(key.as_bytes());
                        if let Some(stamp) = stamp {
                            stamps.insert(relative(&project.root, &path), *stamp, key);
                        }
                    }
                    None => {
                        hasher.update(path.as_os_str().as_encoded_bytes());
                    }
                }
                files.push((path, key.map(|(key, _)| key)));
            }
            Err(warning) => warnings.push(warning),
        }
    }
    let stamps = match cache.is_some() && stamps != stamped {
        true => Some(stamps),
        false => None,
    };
    Ok(Scan {
        files,
        warnings,
        bytes: total,
        fingerprint: hasher.finalize(),
        stamps: (stamps_key, stamps),
    })
}

impl Scan {
    /// Keeps the files' stamps in `cache` for the next build: the ones it found, or new ones.
    pub fn keep_stamps(&self, cache: &Cache) {
        match &self.stamps {
            (key, None) => cache.keep(key),
            (key, Some(stamps)) => cache.store(key, stamps),
        }
    }
}

/// The warning for a file that cannot be read.
pub(super) fn unreadable(path: &Path, error: &std::io::Error) -> Warning {
    Warning {
        path: path.to_path_buf(),
        line: None,
        message: format!("cannot be read ({error}); skipped"),
    }
}
