//! Per-article results as JSON lines, the unit of scale-out: `briefing summarize --jsonl
//! --partial` writes one record per article wherever it runs (one machine, or many under a
//! batch engine), and `briefing build --from-jsonl` merges the records into the briefing, with
//! exactly the cross-article steps a normal build runs.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::bounded::{self, Line};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::processed::Processed;

/// One article's per-article results, with what they were made by.
#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    /// The version of briefing that wrote the record; records are read by the same version.
    pub briefing: String,
    /// The key of the settings the results depend on (language and themes): records made with
    /// other settings cannot be merged.
    pub settings: String,
    /// The results.
    pub article: Processed,
}

/// Writes one record line.
pub fn write(out: &mut impl Write, article: Processed, config: &Config) -> Result<()> {
    let record = Record {
        briefing: VERSION.to_string(),
        settings: config.settings_key(),
        article,
    };
    serde_json::to_writer(&mut *out, &record).map_err(|e| Error::io("<stdout>", e.into()))?;
    out.write_all(b"\n").map_err(|e| Error::io("<stdout>", e))
}

/// A record read back, with where it came from.
pub struct Located {
    /// The file it was read from (`-` for stdin).
    pub path: PathBuf,
    /// Its 1-based line.
    pub line: usize,
    /// The article's results.
    pub article: Processed,
}

/// Reads every record of `paths` (`-` is stdin). Any line that is not a record of this version
/// and these settings is an error naming the file and line: a merge must not quietly lose
/// articles.
pub fn read_all(paths: &[PathBuf], config: &Config) -> Result<Vec<Located>> {
    let settings = config.settings_key();
    let mut records = Vec::new();
    for path in paths {
        let reader: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(path).map_err(|e| Error::io(path, e))?)
        };
        read_one(
            path,
            BufReader::new(reader),
            &settings,
            config,
            &mut records,
        )?;
    }
    Ok(records)
}

fn read_one(
    path: &Path,
    reader: impl BufRead,
    settings: &str,
    config: &Config,
    records: &mut Vec<Located>,
) -> Result<()> {
    let error = |line: usize, message: String| Error::Input {
        path: path.to_path_buf(),
        line: Some(line),
        message,
    };
    for (index, line) in bounded::lines(reader, bounded::MAX_LINE).enumerate() {
        let number = index + 1;
        let line = match line.map_err(|e| error(number, format!("cannot be read: {e}")))? {
            Line::Text(line) => line,
            Line::TooLong => {
                return Err(error(
                    number,
                    format!(
                        "longer than {} MB, refused unread: not a record of `briefing \
                         summarize --jsonl --partial`",
                        bounded::MAX_LINE >> 20
                    ),
                ));
            }
            Line::NotUtf8 => return Err(error(number, "is not UTF-8 text".into())),
        };
        // Blank lines are skipped (part files may end with one), as `summarize --jsonl` does.
        if line.trim().is_empty() {
            continue;
        }
        let record: Record =
            serde_json::from_str(&line).map_err(|e| error(number, unreadable(&line, &e)))?;
        if record.briefing != VERSION {
            return Err(error(number, other_version(&record.briefing)));
        }
        if record.settings != settings {
            return Err(error(
                number,
                "made with other language or theme settings than this briefing.toml: rerun \
                 `briefing summarize --jsonl --partial --config` with it"
                    .into(),
            ));
        }
        if let Err(problem) = record.article.validate(&config.themes) {
            return Err(error(
                number,
                format!(
                    "not a consistent record ({problem}): it was changed after `briefing \
                     summarize --jsonl --partial` wrote it; rerun that command on the article"
                ),
            ));
        }
        records.push(Located {
            path: path.to_path_buf(),
            line: number,
            article: record.article,
        });
    }
    Ok(())
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
