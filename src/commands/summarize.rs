//! `briefing summarize`: one JSON line per article, from files or from a JSON-lines stream.
//! The stream form is the unit of scale-out: it drops into any batch engine that pipes records
//! through a command.

use std::io::{BufWriter, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::bounded::{self, Line};
use crate::cli::SummarizeArgs;
use crate::config::{CONFIG_FILE, Config, LanguageSetting};
use crate::corpus;
use crate::error::{Error, Result};
use crate::learn::Learner;
use crate::model;
use crate::partial;
use crate::pipeline;
use crate::theme_terms::ThemeMatcher;

mod record;

/// One input record of the stream.
#[derive(Debug, Deserialize)]
struct Record {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    title: Option<String>,
    /// The language the record declares (a tag: `en`, `id`, `it`): a hint, as a page's
    /// `<html lang>` is.
    #[serde(default)]
    language: Option<String>,
}

/// How many stream lines are summarised together (in parallel) before being written.
const BATCH: usize = 1024;

/// Summarises files or the stdin stream.
pub fn run(args: &SummarizeArgs) -> Result<()> {
    let mut config = load_config(args.config.as_deref())?;
    if let Some(n) = args.sentences {
        if n == 0 {
            return Err(Error::Usage("--sentences must be at least 1".into()));
        }
        config.summary.sentences = n;
    }
    let matcher = ThemeMatcher::new(&config.themes);
    // The learn stage's constants, worked out once for every article.
    let learner = Learner::new(&matcher, &config.grouping);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let emit = if args.partial {
        Emit::Partial
    } else {
        Emit::Summary
    };
    if args.jsonl {
        return stream(&config, &learner, emit, &mut out);
    }
    for path in &args.files {
        let mut warnings = Vec::new();
        let dir = path.parent().unwrap_or(Path::new(""));
        let docs = corpus::read(dir, path, &mut warnings)?;
        for w in &warnings {
            crate::error::eprint_labelled(&w.to_string());
        }
        for mut doc in docs {
            // The path as given: run from the project folder, records name articles as a
            // build does (`seeds/a.txt`, `feeds/a.xml#item`), so `build --from-jsonl` gives
            // the same briefing.
            let file = path.to_string_lossy().replace('\\', "/");
            doc.path = crate::pipeline::with_part(file, doc.part.as_deref());
            let language = match pipeline::readable(&doc, &config, path) {
                Ok(language) => language,
                Err(warning) => {
                    crate::error::print_warning(&warning.to_string());
                    continue;
                }
            };
            let id = serde_json::Value::String(doc.id.clone());
            let item = pipeline::item_label(&doc);
            let result = emit.run(doc, language, &config, &learner);
            if result.has_no_text() {
                let warning = format!("{}: {item}{}", path.display(), corpus::NO_TEXT);
                crate::error::print_warning(&warning);
                continue;
            }
            let mut line = Vec::new();
            write_result(&mut line, &id, result, &config)?;
            out.write_all(&line).map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    out.flush().map_err(|e| Error::io("<stdout>", e))
}

/// The configuration: `--config`, else ./briefing.toml when present, else defaults.
pub(super) fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        Some(path) => Config::load(path),
        None if Path::new(CONFIG_FILE).is_file() => Config::load(Path::new(CONFIG_FILE)),
        None => Ok(Config::default()),
    }
}

impl Done {
    /// A partial record of an article with no sentence left (all of them page furniture): a
    /// build leaves such an article out, so records leave it out too, and a merge gets the
    /// articles a build of the same texts keeps.
    fn has_no_text(&self) -> bool {
        matches!(self, Done::Partial(p) if p.sentences.is_empty())
    }
}

/// What `summarize` writes per article.
#[derive(Debug, Clone, Copy)]
enum Emit {
    /// The summary and everything about it.
    Summary,
    /// The per-article results, for `build --from-jsonl`.
    Partial,
}

/// An article's result, as [`Emit`] asked.
enum Done {
    Summary(Box<model::Article>),
    Partial(Box<crate::processed::Processed>),
}

impl Emit {
    fn run(
        self,
        doc: corpus::Document,
        language: LanguageSetting,
        config: &Config,
        learner: &Learner<'_>,
    ) -> Done {
        match self {
            Emit::Summary => Done::Summary(Box::new(pipeline::summarize_one(
                doc, language, config, learner,
            ))),
            Emit::Partial => Done::Partial(Box::new(pipeline::process_in(
                doc,
                language,
                learner.matcher(),
            ))),
        }
    }
}

fn stream(config: &Config, learner: &Learner<'_>, emit: Emit, out: &mut impl Write) -> Result<()> {
    let stdin = std::io::stdin();
    let mut lines = bounded::lines(stdin.lock(), bounded::MAX_LINE);
    let mut number = 0usize;
    let mut bad = 0usize;
    loop {
        let mut batch = Vec::with_capacity(BATCH);
        for line in lines.by_ref().take(BATCH) {
            number += 1;
            batch.push((number, line));
        }
        if batch.is_empty() {
            break;
        }
        // Each line is summarised and serialised on a worker; the output keeps input order. A
        // line of an article in a language briefing does not read gives a warning, no record.
        let results: Vec<std::result::Result<Summarised, String>> = batch
            .into_par_iter()
            .map(|(n, line)| {
                let line = match line.map_err(|e| format!("line {n}: cannot be read: {e}"))? {
                    Line::Text(line) => line,
                    Line::TooLong => return Err(too_long(n)),
                    Line::NotUtf8 => return Err(format!("line {n}: is not UTF-8 text")),
                };
                // Blank lines are skipped, as `build --from-jsonl` skips them.
                if line.trim().is_empty() {
                    return Ok(Summarised::Line(Vec::new()));
                }
                let record: Record = serde_json::from_str(&line).map_err(|e| {
                    format!(
                        "line {n}: not a JSON object {{\"id\", \"text\", \"title\"?, \
                         \"language\"?}}: {e}"
                    )
                })?;
                let id = match &record.id {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let mut doc = corpus::from_text(id.clone(), id, &record.text);
                if record.title.is_some() {
                    doc.title = record.title;
                }
                doc.declared = record.language;
                let language = match pipeline::readable(&doc, config, Path::new("<stdin>")) {
                    Ok(language) => language,
                    Err(w) => return Ok(Summarised::Skipped(format!("line {n}: {}", w.message))),
                };
                let done = emit.run(doc, language, config, learner);
                if done.has_no_text() {
                    return Ok(Summarised::Skipped(format!(
                        "line {n}: {}",
                        corpus::NO_TEXT
                    )));
                }
                let mut line = Vec::with_capacity(2 * record.text.len());
                write_result(&mut line, &record.id, done, config)
                    .map_err(|e| format!("line {n}: {e}"))?;
                Ok(Summarised::Line(line))
            })
            .collect();
        for result in results {
            match result {
                Ok(Summarised::Line(line)) => {
                    out.write_all(&line).map_err(|e| Error::io("<stdout>", e))?
                }
                Ok(Summarised::Skipped(message)) => {
                    crate::error::print_warning(&format!("<stdin> {message}"))
                }
                Err(message) => {
                    bad += 1;
                    crate::error::print_error(&format!("<stdin> {message}"));
                }
            }
        }
    }
    out.flush().map_err(|e| Error::io("<stdout>", e))?;
    if bad > 0 {
        return Err(Error::Findings(format!(
            "{bad} of {number} input line(s) could not be summarised (see above); the others \
             were summarised and written"
        )));
    }
    Ok(())
}

/// What became of one line of the stream.
enum Summarised {
    /// Its record (empty for a blank line).
    Line(Vec<u8>),
    /// Left out, with the warning that says why.
    Skipped(String),
}

/// The message for a line over [`bounded::MAX_LINE`].
fn too_long(n: usize) -> String {
    format!(
        "line {n}: longer than {} MB, skipped unread; split the article",
        bounded::MAX_LINE >> 20
    )
}

fn write_result(
    out: &mut Vec<u8>,
    id: &serde_json::Value,
    done: Done,
    config: &Config,
) -> Result<()> {
    match done {
        Done::Summary(article) => {
            record::write(out, id, &article).map_err(|e| Error::io("<stdout>", e.into()))
        }
        Done::Partial(processed) => partial::write(out, *processed, config),
    }
}
