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
    let stamps_key = stamps_key(project);
    // The listing and the last build's stamps, read side by side.
    let (listed, stamped) = rayon::join(
        || corpus::discover(&project.input()),
        || -> Stamps { cache.and_then(|c| c.load(&stamps_key)).unwrap_or_default() },
    );
    keyed(project, cache, listed?, (stamps_key, stamped))
}

/// [`scan`] with the cache `open` gives, opened (its index read) while the files are listed;
/// returns the cache too.
pub fn scan_opening(
    project: &Project,
    open: impl FnOnce() -> Cache + Send,
) -> Result<(Scan, Cache)> {
    let stamps_key = stamps_key(project);
    let (listed, (cache, stamped)) = rayon::join(
        || corpus::discover(&project.input()),
        || {
            let cache = open();
            let stamped: Stamps = cache.load(&stamps_key).unwrap_or_default();
            (cache, stamped)
        },
    );
    let scan = keyed(project, Some(&cache), listed?, (stamps_key, stamped))?;
    Ok((scan, cache))
}

/// The cache key of the files' stamps: they hold keys made with the per-article settings.
fn stamps_key(project: &Project) -> blake3::Hash {
    Cache::key(&[b"stamps", project.config.article_settings().as_bytes()])
}

/// The scan of the files listed (`paths`, with the listing's `warnings`), each keyed unless
/// its stamp in `stamped` (kept under `stamps_key`) says it is as the last build keyed it.
fn keyed(
    project: &Project,
    cache: Option<&Cache>,
    (paths, mut warnings): (Vec<PathBuf>, Vec<Warning>),
    (stamps_key, stamped): (blake3::Hash, Stamps),
) -> Result<Scan> {
    let settings = project.config.article_settings();
    let keyed: Vec<std::result::Result<Listed, Warning>> = paths
        .into_par_iter()
        .map(|path| {
            if cache.is_none() {
                // The size only guides the memory budget: a file that cannot be read now is
                // reported when it is processed.
                let size = std::fs::metadata(&path).map_or(0, |m| m.len());
                return Ok(Listed {
                    path,
                    keyed: None,
                    size,
                });
            }
            let rel = relative(&project.root, &path);
            if let Some((key, stamp, size)) = stamped.key(&rel, &path) {
                let keyed = Some(Keyed {
                    rel,
                    key,
                    stamp: Some(stamp),
                    as_stamped: true,
                });
                return Ok(Listed { path, keyed, size });
            }
            let (bytes, meta) = crate::bounded::read_with_metadata(&path, corpus::MAX_ARTICLE_FILE)
                .map_err(|e| unreadable(&path, &e))?;
            let key = Cache::key(&[b"article", settings.as_bytes(), rel.as_bytes(), &bytes]);
            let keyed = Some(Keyed {
                rel,
                key,
                stamp: Stamp::settled(&meta),
                as_stamped: false,
            });
            let size = bytes.len() as u64;
            Ok(Listed { path, keyed, size })
        })
        .collect();
    let mut files = Vec::with_capacity(keyed.len());
    let mut stamps = Vec::with_capacity(if cache.is_some() { keyed.len() } else { 0 });
    let mut total = 0u64;
    let mut hasher = blake3::Hasher::new();
    hasher.update(settings.as_bytes());
    for item in keyed {
        match item {
            Ok(Listed { path, keyed, size }) => {
                total += size;
                let key = match keyed {
                    Some(keyed) => {
                        hasher.update(keyed.key.as_bytes());
                        let key = keyed.key;
                        stamps.push(keyed);
                        Some(key)
                    }
                    None => {
                        hasher.update(path.as_os_str().as_encoded_bytes());
                        None
                    }
                };
                files.push((path, key));
            }
            Err(warning) => warnings.push(warning),
        }
    }
    let stamps = match cache {
        Some(_) => updated(stamped, stamps),
        None => None,
    };
    Ok(Scan {
        files,
        warnings,
        bytes: total,
        fingerprint: hasher.finalize(),
        stamps: (stamps_key, stamps),
    })
}

/// A listed input file: its path, its key when the cache is used, its size.
struct Listed {
    path: PathBuf,
    keyed: Option<Keyed>,
    size: u64,
}

/// A file's key, and its stamp to keep with it.
struct Keyed {
    /// Its path relative to the project.
    rel: String,
    /// The cache key of its contents.
    key: blake3::Hash,
    /// Its stamp, when it has settled.
    stamp: Option<Stamp>,
    /// Whether the last build's stamps had it as it is.
    as_stamped: bool,
}

/// The stamps to keep after a scan that keyed `files`, when they differ from the last build's
/// (`stamped`): those updated where some files changed, or made anew when files are gone.
fn updated(mut stamped: Stamps, files: Vec<Keyed>) -> Option<Stamps> {
    let unchanged = files.iter().filter(|f| f.as_stamped).count();
    let replaced = (files.iter())
        .filter(|f| !f.as_stamped && stamped.has(&f.rel))
        .count();
    if unchanged + replaced < stamped.len() {
        // Files are gone since: the stamps of the ones there now, and no others.
        let mut stamps = Stamps::default();
        for file in files {
            if let Some(stamp) = file.stamp {
                stamps.insert(file.rel, stamp, &file.key);
            }
        }
        return Some(stamps);
    }
    let mut moved = false;
    for file in files.into_iter().filter(|f| !f.as_stamped) {
        moved |= match file.stamp {
            Some(stamp) => stamped.insert(file.rel, stamp, &file.key),
            None => stamped.remove(&file.rel),
        };
    }
    moved.then_some(stamped)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A file's stamp, key and place, as a scan keys it.
    fn keyed(rel: &str, stamp: Stamp, as_stamped: bool) -> Keyed {
        Keyed {
            rel: rel.into(),
            key: blake3::hash(rel.as_bytes()),
            stamp: Some(stamp),
            as_stamped,
        }
    }

    #[test]
    fn stamps_move_only_where_files_changed_and_lose_the_files_gone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "a").unwrap();
        let stamp = Stamp::at(&path).unwrap();
        let mut stamped = Stamps::default();
        for rel in ["a", "b", "c"] {
            stamped.insert(rel.into(), stamp, &blake3::hash(rel.as_bytes()));
        }
        let all = |changed: &str| ["a", "b", "c"].map(|rel| keyed(rel, stamp, rel != changed));

        // Every file as stamped: nothing to keep anew.
        assert!(updated(stamped.clone(), all("").into()).is_none());

        // One file read again: its stamp and key replaced, the others kept.
        let mut files: Vec<Keyed> = all("b").into();
        files[1].key = blake3::hash(b"b, edited");
        let now = updated(stamped.clone(), files).unwrap();
        assert_eq!(now.len(), 3);
        assert_eq!(now.key("b", &path).unwrap().0, blake3::hash(b"b, edited"));
        assert_eq!(now.key("a", &path).unwrap().0, blake3::hash(b"a"));

        // One read again whose stamp has not settled: forgotten, so it is read next time.
        let mut files: Vec<Keyed> = all("c").into();
        files[2].stamp = None;
        let now = updated(stamped.clone(), files).unwrap();
        assert!(!now.has("c") && now.has("a") && now.has("b"));

        // A file gone, another new: the stamps of the files there now and no others.
        let files = vec![
            keyed("a", stamp, true),
            keyed("b", stamp, true),
            keyed("d", stamp, false),
        ];
        let now = updated(stamped.clone(), files).unwrap();
        assert_eq!(now.len(), 3);
        assert!(!now.has("c") && now.has("d"));

        // Read again but as before (a stamp that had not settled): nothing moved.
        let mut files: Vec<Keyed> = all("a").into();
        files[0].stamp = None;
        let mut unstamped = stamped.clone();
        unstamped.remove("a");
        assert!(updated(unstamped, files).is_none());
    }
}
