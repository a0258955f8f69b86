//! Per-article results as JSON lines, the unit of scale-out: `briefing summarize --jsonl
//! --partial` writes one record per article wherever it runs (one machine, or many under a
//! batch engine), and `briefing build --from-jsonl` merges the records into the briefing, with
//! exactly the cross-article steps a normal build runs.

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::bounded::{self, Line};
use crate::config::Config;
use crate::error::{Error, Result, Warning};
use crate::pipeline::{BATCH, Repeats, SpillFile, Store, spill_error};
use crate::processed::Processed;
use crate::theme_terms::{ThemeMatcher, match_sentences};

/// One article's per-article results, with what they were made by.
#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    /// The version of briefing that wrote the record; records are read by the same version.
    pub briefing: String,
    /// The key of the settings the results depend on (language and themes' terms): a record
    /// made with the same is merged as it is.
    pub settings: String,
    /// The key of the language setting alone ([`Config::language_key`]): a record made with
    /// the same language setting but other terms has its theme hits matched again with this
    /// configuration's; one made with another language setting cannot be merged. (A record
    /// written before there was this key has none, and merges only with the same settings.)
    #[serde(default)]
    pub language_settings: String,
    /// The results.
    pub article: Processed,
}

/// Writes one record line.
pub fn write(out: &mut impl Write, article: Processed, config: &Config) -> Result<()> {
    let record = Record {
        briefing: VERSION.to_string(),
        settings: config.settings_key(),
        language_settings: config.language_key(),
        article,
    };
    serde_json::to_writer(&mut *out, &record).map_err(|e| Error::io("<stdout>", e.into()))?;
    out.write_all(b"\n").map_err(|e| Error::io("<stdout>", e))
}

/// Where a record was read, and what orders it.
struct Key {
    id: String,
    text_hash: [u8; 32],
    file: usize,
    line: usize,
}

/// Reads every record of `paths` (`-` is stdin), once, into a store in order of article id:
/// held, or (`spill`) written to a temporary file as read. Any line that is not a record of
/// this version and language setting is an error naming the file and line: a merge must not
/// quietly lose articles. A second record of an article id is skipped, and a record with the
/// text of one before is counted once, each with a warning.
pub fn read_all(
    paths: &[PathBuf],
    config: &Config,
    spill: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Store> {
    let mut keys: Vec<Key> = Vec::new();
    let mut held: Vec<Option<Processed>> = Vec::new();
    let mut spilled = if spill {
        Some((SpillFile::new().map_err(spill_error)?, Vec::new()))
    } else {
        None
    };
    each_batch(paths, config, &mut |file, numbered| {
        let (numbers, articles): (Vec<usize>, Vec<Processed>) = numbered.into_iter().unzip();
        for (number, article) in numbers.iter().zip(&articles) {
            keys.push(Key {
                id: article.doc.path.clone(),
                text_hash: article.text_hash,
                file,
                line: *number,
            });
        }
        match &mut spilled {
            Some((out, ranges)) => {
                ranges.extend(out.append_all(&articles).map_err(spill_error)?);
            }
            None => held.extend(articles.into_iter().map(Some)),
        }
        Ok(())
    })?;
    let mut slots: Vec<usize> = (0..keys.len()).collect();
    slots.sort_by(|&a, &b| {
        (keys[a].id.as_str(), &keys[a].text_hash).cmp(&(keys[b].id.as_str(), &keys[b].text_hash))
    });
    // Second records of an id first, then repeated texts, as the merge has always said them.
    let mut repeated = Vec::new();
    let mut repeats = Repeats::default();
    let mut order = Vec::with_capacity(slots.len());
    let mut last: Option<usize> = None;
    for slot in slots {
        let key = &keys[slot];
        if let Some(first) = last.map(|l| &keys[l]).filter(|first| first.id == key.id) {
            warnings.push(Warning {
                path: paths[key.file].clone(),
                line: Some(key.line),
                message: format!(
                    "article id {} already came from {}:{}; this record is skipped",
                    key.id,
                    paths[first.file].display(),
                    first.line
                ),
            });
            continue;
        }
        last = Some(slot);
        let origin = (paths[key.file].clone(), Some(key.line));
        if repeats.keep(&key.text_hash, &key.id, &origin, &mut repeated) {
            order.push(slot);
        }
    }
    warnings.extend(repeated);
    match spilled {
        Some((out, ranges)) => out
            .into_store(order.iter().map(|&slot| ranges[slot]).collect())
            .map_err(spill_error),
        None => Ok(Store::Held(
            order.iter().filter_map(|&slot| held[slot].take()).collect(),
        )),
    }
}

/// Reads the records of `paths` (`-` is stdin) a batch at a time, parsed and checked on all
/// threads, handing each batch (line number, article) to `f` with the index of its file.
pub fn each_batch(
    paths: &[PathBuf],
    config: &Config,
    f: &mut dyn FnMut(usize, Vec<(usize, Processed)>) -> Result<()>,
) -> Result<()> {
    let settings = Settings {
        all: config.settings_key(),
        language: config.language_key(),
        matcher: OnceLock::new(),
        config,
    };
    for (file, path) in paths.iter().enumerate() {
        let reader: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(path).map_err(|e| Error::io(path, e))?)
        };
        let mut lines = bounded::lines(BufReader::new(reader), bounded::MAX_LINE).enumerate();
        loop {
            let batch = next_lines(path, &mut lines, BATCH)?;
            if batch.is_empty() {
                break;
            }
            let parsed: Vec<Result<(usize, Processed)>> = batch
                .par_iter()
                .map(|(number, line)| parse(path, *number, line, &settings).map(|a| (*number, a)))
                .collect();
            // The first bad line in the file's order, whichever thread met one first.
            let articles = parsed.into_iter().collect::<Result<Vec<_>>>()?;
            f(file, articles)?;
        }
    }
    Ok(())
}

/// The next record lines (up to `n`), numbered from 1; blank lines are skipped (part files may
/// end with one), as `summarize --jsonl` does.
fn next_lines(
    path: &Path,
    lines: &mut impl Iterator<Item = (usize, std::io::Result<Line>)>,
    n: usize,
) -> Result<Vec<(usize, String)>> {
    let mut batch = Vec::new();
    for (index, line) in lines.by_ref() {
        let number = index + 1;
        let error = |message: String| Error::Input {
            path: path.to_path_buf(),
            line: Some(number),
            message,
        };
        let line = match line.map_err(|e| error(format!("cannot be read: {e}")))? {
            Line::Text(line) => line,
            Line::TooLong => {
                return Err(error(format!(
                    "longer than {} MB, refused unread: not a record of `briefing summarize \
                     --jsonl --partial`",
                    bounded::MAX_LINE >> 20
                )));
            }
            Line::NotUtf8 => return Err(error("is not UTF-8 text".into())),
        };
        if line.trim().is_empty() {
            continue;
        }
        batch.push((number, line));
        if batch.len() == n {
            break;
        }
    }
    Ok(batch)
}

/// One record line, checked: of this version, these settings (or this language setting, its
/// theme hits then matched again), and consistent.
/// What a record must have been made with to be merged: [`Config::settings_key`] (merged as
/// it is) or [`Config::language_key`] (its theme hits matched again, by a matcher made on
/// first need).
struct Settings<'a> {
    all: String,
    language: String,
    matcher: OnceLock<ThemeMatcher>,
    config: &'a Config,
}

fn parse(path: &Path, number: usize, line: &str, settings: &Settings<'_>) -> Result<Processed> {
    let error = |message: String| Error::Input {
        path: path.to_path_buf(),
        line: Some(number),
        message,
    };
    let record: Record = serde_json::from_str(line).map_err(|e| error(unreadable(line, &e)))?;
    if record.briefing != VERSION {
        return Err(error(other_version(&record.briefing)));
    }
    let mut article = record.article;
    if record.settings != settings.all {
        if record.language_settings != settings.language {
            return Err(error(
                "made with another language setting than this briefing.toml's: rerun \
                 `briefing summarize --jsonl --partial --config` with it"
                    .into(),
            ));
        }
        // Made with other terms: the record's hits are not read, they are found again.
        let matcher = (settings.matcher).get_or_init(|| ThemeMatcher::new(&settings.config.themes));
        article.hits = match_sentences(matcher, &article.sentences, article.language);
    }
    if let Err(problem) = article.validate(&settings.config.themes) {
        return Err(error(format!(
            "not a consistent record ({problem}): it was changed after `briefing summarize \
             --jsonl --partial` wrote it; rerun that command on the article"
        )));
    }
    Ok(article)
}

/// The version records are written and read by.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What a record says of itself, read when the whole record cannot be.
#[derive(Deserialize)]
struct Header {
    briefing: String,
}

/// Why a line is not a record this build reads: another version, the same version built with
/// another record layout, or not a record at all.
fn unreadable(line: &str, e: &serde_json::Error) -> String {
    match serde_json::from_str::<Header>(line) {
        Ok(header) if header.briefing != VERSION => other_version(&header.briefing),
        Ok(_) => format!(
            "a record of briefing {VERSION} in a layout this build does not read ({e}): another \
             build of this version wrote it; rerun `briefing summarize --jsonl --partial` with \
             this build"
        ),
        Err(_) => format!(
            "not a record of `briefing summarize --jsonl --partial` ({e}); rerun that command \
             on the articles"
        ),
    }
}

/// The message for a record written by another version.
fn other_version(version: &str) -> String {
    format!(
        "written by briefing {version}, this is {VERSION}: rerun `briefing summarize --jsonl \
         --partial` with this version"
    )
}
