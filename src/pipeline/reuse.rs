//! A rebuild that reuses the last build's cross-article results. Three kinds of cache entry
//! beside each file's processed articles make it possible:
//!
//! - **heads**, per file: its articles' ids and text hashes, and its warnings: enough to
//!   settle which articles are kept (repeats counted once), how many, and which are in the
//!   [`learn::Sample`], without reading the articles;
//! - **taught**, per sample: what the corpus teaches (document frequencies, the learn stage's
//!   result, the learned words' forms), under a key of the configuration and of the sample's
//!   articles (their files' keys and places in them);
//! - **contributions**, per article: its [`Contribution`] to the model as a rebuild files it
//!   ([`Filed`]: what filing reads of its entry, its offers, and the hash of the entry's text,
//!   kept as a text entry of its own and copied into `briefing.json` unparsed), under a key of
//!   what was taught and of the article.
//!
//! Each theme's merged points are kept too ([`PointsMemo`], under a key of the theme's
//! sentences), so that a rebuild merges again only the themes its change reaches.
//!
//! When the sample is unchanged (an edit outside it in a large corpus), the rebuild reads the
//! heads, the taught state and the contributions, processes only the changed files, and files
//! the contributions in order: byte for byte what a full build makes, since every result is
//! looked up under a key of all it depends on. Otherwise the full build runs, and stores these
//! entries for the next one.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::cross::Repeats;
use super::{BATCH, Entry, Outcome, Project, Scan};
use crate::cache::Cache;
use crate::cache::{Location, PackReader};
use crate::config::Config;
use crate::error::{Result, Warning};
use crate::learn::{self, Learner, Progress};
use crate::model::articles::{Stored, Texts};
use crate::model::build::{
    Contribution, EntryText, Filed, Filing, ModelBuilder, Offers, PointsMemo,
};
use crate::processed::Processed;
use crate::summary::DocFreq;
use crate::theme_terms::ThemeMatcher;

/// What a file gives before its articles are read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Heads {
    /// Each article's id and text hash, in file order.
    pub articles: Vec<(String, [u8; 32])>,
    /// The file's warnings.
    pub warnings: Vec<Warning>,
}

impl Heads {
    /// The heads of a file's entry.
    pub fn of(entry: &Entry) -> Heads {
        Heads::new(&entry.processed, &entry.warnings)
    }

    /// The heads of a file's processed articles and warnings.
    pub fn new(processed: &[Processed], warnings: &[Warning]) -> Heads {
        Heads {
            articles: (processed.iter())
                .map(|p| (p.doc.path.clone(), p.text_hash))
                .collect(),
            warnings: warnings.to_vec(),
        }
    }
}

/// The cache key of a file's heads.
pub fn heads_key(file: &blake3::Hash) -> blake3::Hash {
    Cache::key(&[b"heads", file.as_bytes()])
}

/// Every file's heads together, by the file's cache key, in the order of the build that kept
/// them: a rebuild reads them as one entry, not 50,000 (50–120 ms at 50,000 articles).
pub type AllHeads = Vec<([u8; 32], Heads)>;

/// The cache key of [`AllHeads`]: one per set of per-article settings, as the file keys are.
fn all_heads_key(project: &Project) -> blake3::Hash {
    Cache::key(&[b"all heads", project.config.article_settings().as_bytes()])
}

/// Keeps every file's heads together for the next rebuild (see [`AllHeads`]): `keys` are the
/// files' cache keys, `heads` their heads, same order.
pub fn store_all_heads(project: &Project, cache: &Cache, keys: &[blake3::Hash], heads: &[Heads]) {
    let all: Vec<(&[u8; 32], &Heads)> = keys.iter().map(|k| k.as_bytes()).zip(heads).collect();
    cache.store(&all_heads_key(project), &all);
}

/// Each file's heads as the last build kept them ([`AllHeads`]), or from its own entry (a
/// file new since, or one whose contents another file has too); none where neither has them.
fn last_heads(project: &Project, cache: &Cache, keys: &[blake3::Hash]) -> Vec<Option<Heads>> {
    let all: AllHeads = cache.load(&all_heads_key(project)).unwrap_or_default();
    let mut known: FxHashMap<[u8; 32], Heads> = all.into_iter().collect();
    let mut heads: Vec<Option<Heads>> = keys.iter().map(|k| known.remove(k.as_bytes())).collect();
    (heads.par_iter_mut().zip(keys))
        .filter(|(h, _)| h.is_none())
        .for_each(|(h, key)| *h = cache.load::<Heads>(&heads_key(key)));
    heads
}

/// A kept article's place: its file's key and its index among the file's articles.
pub type Place = (blake3::Hash, u32);

/// What the corpus taught (the cross-article state), as the cache keeps it.
#[derive(Serialize, Deserialize)]
pub struct Taught {
    /// The document frequencies: articles counted, and per term key how many carry it.
    df: Option<(usize, Vec<(String, usize)>)>,
    /// The learn stage's finished progress.
    progress: Progress,
    /// Each learned word's written form.
    forms: Vec<(u64, String)>,
}

impl Taught {
    /// The state to keep.
    pub fn new(df: Option<&DocFreq>, progress: Progress, forms: &FxHashMap<u64, String>) -> Taught {
        let mut forms: Vec<(u64, String)> = forms.iter().map(|(k, v)| (*k, v.clone())).collect();
        forms.sort_unstable();
        Taught {
            df: df.map(|df| {
                let mut counts: Vec<(String, usize)> = (df.counts.iter())
                    .map(|(k, v)| (k.to_string(), *v))
                    .collect();
                counts.sort_unstable();
                (df.articles, counts)
            }),
            progress,
            forms,
        }
    }

    /// Stores it under `key`, as JSON (the learn stage's progress is kept as JSON elsewhere).
    pub fn store(&self, cache: &Cache, key: &blake3::Hash) {
        if let Ok(text) = serde_json::to_string(self) {
            cache.store(key, &text);
        }
    }

    /// The state stored under `key`, checked against the themes.
    fn load(cache: &Cache, key: &blake3::Hash, themes: usize) -> Option<Taught> {
        let text: String = cache.load(key)?;
        let taught: Taught = serde_json::from_str(&text).ok()?;
        taught.progress.check(themes).ok()?;
        Some(taught)
    }
}

/// The key of what the corpus teaches: the configuration, the sample rule, and each sample
/// article's place, in order.
pub fn taught_key(config: &Config, sample: learn::Sample, places: &[Place]) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(serde_json::to_string(config).unwrap_or_default().as_bytes());
    hasher.update(&sample.bits().to_le_bytes());
    for (file, index) in places {
        hasher.update(file.as_bytes());
        hasher.update(&index.to_le_bytes());
    }
    Cache::key(&[b"taught", hasher.finalize().as_bytes()])
}

/// The cache key of an article's contribution, made with what was taught under `taught`.
pub fn contribution_key(taught: &blake3::Hash, place: &Place) -> blake3::Hash {
    let (file, index) = place;
    Cache::key(&[
        b"contribution",
        taught.as_bytes(),
        file.as_bytes(),
        &index.to_le_bytes(),
    ])
}

/// Stores contributions as a rebuild files them ([`Filed`]): `entries` are their entries'
/// texts in `briefing.json`, same order.
pub fn store_contributions(
    cache: &Cache,
    keys: &[blake3::Hash],
    contributions: &[Contribution],
    entries: &[Vec<u8>],
) {
    for ((key, c), entry) in keys.iter().zip(contributions).zip(entries) {
        let text = cache.store_text(entry);
        let filing = Filing::of(c.article(), c.offers());
        cache.store(key, &(filing, c.offers(), *text.as_bytes()));
    }
}

/// What the cross-article steps of a full build keep for the next one: where they are
/// cached, the key of what the corpus teaches, and each kept article's place.
pub struct Memo<'a> {
    /// The cache.
    pub cache: &'a Cache,
    /// The key of what the corpus teaches.
    pub taught: blake3::Hash,
    /// Each kept article's place, in order.
    pub places: Vec<Place>,
}

/// The first look at a cached build's files: each one's heads, from the cache or from the
/// file processed now.
pub enum Looked {
    /// The rebuild was made from the last build's results.
    Rebuilt(Box<Outcome>),
    /// It could not be: the full build runs, with the files processed so far.
    Full(FxHashMap<usize, Entry>),
}

/// Files processed anew beyond which a rebuild does not try to reuse anything.
const MAX_FRESH: usize = 256;

/// Tries to rebuild from the last build's results; see the module's documentation.
pub fn rebuild(
    project: &Project,
    scan: &Scan,
    cache: &Cache,
    matcher: &ThemeMatcher,
    progress: &(dyn Fn() + Sync),
) -> Result<Looked> {
    let input = project.input();
    let keys: Vec<blake3::Hash> = match scan.files.iter().map(|(_, k)| *k).collect() {
        Some(keys) => keys,
        None => return Ok(Looked::Full(FxHashMap::default())),
    };
    let heads = last_heads(project, cache, &keys);
    let missing: Vec<usize> = (0..heads.len()).filter(|&i| heads[i].is_none()).collect();
    if missing.len() > MAX_FRESH {
        return Ok(Looked::Full(FxHashMap::default()));
    }
    let fresh: FxHashMap<usize, Entry> = missing
        .par_iter()
        .map(|&i| {
            let entry = super::process_file(project, &input, &scan.files[i].0, matcher);
            cache.store(&keys[i], &entry);
            cache.store(&heads_key(&keys[i]), &Heads::of(&entry));
            progress();
            (i, entry)
        })
        .collect();
    let heads: Vec<Heads> = (heads.into_iter().enumerate())
        .map(|(i, h)| h.unwrap_or_else(|| Heads::of(&fresh[&i])))
        .collect();
    store_all_heads(project, cache, &keys, &heads);

    // The kept articles, as the full build's gatherer keeps them.
    let mut warnings = scan.warnings.clone();
    let mut repeats = Repeats::default();
    let mut kept: Vec<(usize, u32)> = Vec::new();
    for (i, ((path, _), h)) in scan.files.iter().zip(&heads).enumerate() {
        warnings.extend(h.warnings.iter().cloned());
        let origin = (path.clone(), None);
        for (k, (id, hash)) in h.articles.iter().enumerate() {
            if repeats.keep(hash, id, &origin, &mut warnings) {
                kept.push((i, k as u32));
            }
        }
    }
    let sample = learn::Sample::of(kept.len(), project.config.grouping.sample);
    let id = |&(i, k): &(usize, u32)| heads[i].articles[k as usize].0.as_str();
    let place = |&(i, k): &(usize, u32)| (keys[i], k);
    let sampled: Vec<Place> = (kept.iter())
        .filter(|a| sample.contains(id(a)))
        .map(place)
        .collect();
    let config = &project.config;
    let taught_key = taught_key(config, sample, &sampled);
    let Some(taught) = Taught::load(cache, &taught_key, config.themes.len()) else {
        return Ok(Looked::Full(fresh));
    };
    crate::timings::mark("rebuild: heads and taught state read");
    let corpus = Kept {
        files: scan.files.iter().map(|(p, _)| p.as_path()).collect(),
        keys,
        kept,
    };
    let outcome = from_taught(
        project,
        (cache, matcher),
        &corpus,
        (&taught_key, taught),
        (&fresh, warnings),
        progress,
    )?;
    Ok(match outcome {
        Some(outcome) => Looked::Rebuilt(Box::new(outcome)),
        None => Looked::Full(fresh),
    })
}

/// The files of a rebuild and the articles kept of them.
struct Kept<'a> {
    /// The input files, in order.
    files: Vec<&'a Path>,
    /// Their cache keys.
    keys: Vec<blake3::Hash>,
    /// The kept articles: (file, index in the file), in order.
    kept: Vec<(usize, u32)>,
}

/// The model from the taught state and the articles' contributions: cached ones read, the
/// others made from their processed articles (the fresh files', or the cache's).
fn from_taught(
    project: &Project,
    (cache, matcher): (&Cache, &ThemeMatcher),
    corpus: &Kept<'_>,
    (taught_key, taught): (&blake3::Hash, Taught),
    (fresh, mut warnings): (&FxHashMap<usize, Entry>, Vec<Warning>),
    progress: &(dyn Fn() + Sync),
) -> Result<Option<Outcome>> {
    let config = &project.config;
    let learner = Learner::new(matcher, &config.grouping);
    let learned = taught.progress.learned(&learner);
    let forms: FxHashMap<u64, String> = taught.forms.into_iter().collect();
    let df = taught.df.map(|(articles, counts)| DocFreq {
        articles,
        counts: counts.into_iter().map(|(k, v)| (k.into(), v)).collect(),
    });
    let Kept { files, keys, kept } = corpus;
    // The entries' texts are in the cache: the model keeps where they are, as a spilled build
    // does, whatever the corpus's size, rather than each entry parsed and held (at 10,000
    // articles, parsing them took half of a rebuild).
    let spill = Some(project.memory);
    let mut builder =
        ModelBuilder::new(config, matcher, &learned, &forms, spill).map_err(super::spill_error)?;
    if let Some(reader) = cache.reader() {
        builder = builder.with_texts(Arc::new(CachedTexts(reader)));
    }
    builder = builder.with_points_memo(cache);
    // Every file's processed articles stay in the cache for the next full build.
    for (i, key) in keys.iter().enumerate() {
        if !fresh.contains_key(&i) {
            cache.keep(key);
            progress();
        }
    }
    let input = project.input();
    let mut processed: Vec<usize> = fresh.keys().copied().collect();
    // Each batch's cached contributions are read while the batch before is filed.
    let read = |batch: &[(usize, u32)]| {
        let ckeys: Vec<blake3::Hash> = batch
            .iter()
            .map(|&(i, k)| contribution_key(taught_key, &(keys[i], k)))
            .collect();
        let found: Vec<Option<Filed>> = (ckeys.par_iter())
            .map(|key| {
                let (filing, offers, text) = cache.load::<(Filing, Offers, [u8; 32])>(key)?;
                let at = cache.locate_text(&text)?;
                Some((filing, offers, EntryText::Stored(stored(&at, text))))
            })
            .collect();
        (ckeys, found)
    };
    let mut batches = kept.chunks(BATCH);
    let mut current = batches.next().map(|batch| (batch, read(batch)));
    while let Some((batch, (ckeys, found))) = current {
        // The others, from their articles: a fresh file's, else the cache's entry, else the
        // file processed again (its entry was lost).
        let missing: Vec<usize> = (0..batch.len()).filter(|&j| found[j].is_none()).collect();
        let this = &builder;
        let made: Vec<Option<(Filed, Option<usize>)>> = missing
            .par_iter()
            .map(|&j| {
                let (i, k) = batch[j];
                let k = k as usize;
                let (mut p, again) = match fresh.get(&i) {
                    Some(entry) => (entry.processed.get(k)?.clone(), None),
                    None => match Entry::load(cache, &keys[i], matcher) {
                        Some(mut entry) if k < entry.processed.len() => {
                            (entry.processed.swap_remove(k), None)
                        }
                        _ => {
                            let mut entry = super::process_file(project, &input, files[i], matcher);
                            (k < entry.processed.len())
                                .then(|| (entry.processed.swap_remove(k), Some(i)))?
                        }
                    },
                };
                let summary = p.summarize(df.as_ref(), &config.summary);
                p.release_scoring();
                let evidence = learned.assign(&p);
                let c = this.contribution(&mut p, &summary, &evidence);
                let entry = String::from_utf8(crate::json::entry(c.article()).ok()?).ok()?;
                let filed = c.into_filed(entry);
                if let (filing, offers, EntryText::Made(text)) = &filed {
                    let text = cache.store_text(text.as_bytes());
                    cache.store(&ckeys[j], &(filing, offers, *text.as_bytes()));
                }
                Some((filed, again))
            })
            .collect();
        let mut made = made.into_iter();
        let mut filed = Vec::with_capacity(batch.len());
        for f in found {
            filed.push(match f {
                Some(f) => f,
                // An article that could not be had: a full build settles it.
                None => match made.next().flatten() {
                    Some((f, again)) => {
                        processed.extend(again);
                        f
                    }
                    None => return Ok(None),
                },
            });
        }
        let (absorbed, upcoming) = rayon::join(
            || builder.absorb_filed(filed),
            || batches.next().map(|batch| (batch, read(batch))),
        );
        // A cached contribution that does not fit: a full build settles it.
        if absorbed.is_err() {
            return Ok(None);
        }
        current = upcoming;
    }
    crate::timings::mark("rebuild: contributions read and filed");
    let (briefing, forms) = builder.finish().map_err(super::spill_error)?;
    crate::timings::mark("rebuild: theme points and timeline");
    warnings.extend(super::theme_warnings(project, &briefing, &forms));
    processed.sort_unstable();
    processed.dedup();
    Ok(Some(Outcome {
        briefing,
        warnings,
        processed: processed
            .into_iter()
            .map(|i| files[i].to_path_buf())
            .collect(),
        cache_warnings: cache.take_warnings(),
        reused: true,
    }))
}

/// The cache keeps each theme's merged points under a key of its sentences.
impl PointsMemo for Cache {
    fn recall(&self, key: &blake3::Hash) -> Option<Vec<crate::themes::Point>> {
        self.load(&Cache::key(&[b"points", key.as_bytes()]))
    }

    fn keep(&self, key: &blake3::Hash, points: &[crate::themes::Point]) {
        self.store(&Cache::key(&[b"points", key.as_bytes()]), &points);
    }
}

/// The cache's packs as the store of the entries' texts a rebuild files unread.
#[derive(Debug)]
struct CachedTexts(PackReader);

impl Texts for CachedTexts {
    fn read(&self, at: &Stored) -> std::io::Result<Vec<u8>> {
        self.0.read_text(&location(at), &at.hash)
    }

    fn read_into(&self, at: &Stored, text: &mut [u8]) -> std::io::Result<()> {
        self.0.read_text_into(&location(at), &at.hash, text)
    }
}

/// Where the cache keeps a text the model names `at`.
fn location(at: &Stored) -> Location {
    Location {
        pack: at.file,
        offset: at.offset,
        len: at.len,
    }
}

/// Where the cache keeps a text with blake3 `hash`, as the model names it.
fn stored(at: &Location, hash: [u8; 32]) -> Stored {
    Stored {
        file: at.pack,
        offset: at.offset,
        len: at.len,
        hash,
    }
}
