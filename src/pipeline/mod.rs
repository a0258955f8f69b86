//! The pipeline, end to end: scan the input (hash every file), then read → segment → score →
//! group per article (in parallel, from the cache where the file is unchanged), then the
//! cross-article steps in a fixed order, so the result is the same on any thread count.

mod cross;
mod reuse;
mod scan;
mod store;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache::{CACHE_DIR, Cache};
use crate::config::{CONFIG_FILE, Config, LanguageSetting};
use crate::corpus;
use crate::error::{Error, Result, Warning};
use crate::learn;
use crate::model::{self, Briefing};
use crate::partial;
use crate::processed::Processed;
use crate::segment;
use crate::summary;
use crate::text;
use crate::theme_terms::{self, ThemeMatcher};
use crate::themes::{self, TermForms};

pub use cross::{Origin, Repeats};
use scan::unreadable;
pub use scan::{Scan, scan, scan_opening};
pub use store::{BATCH, SpillFile, Store};

/// The default memory budget of a build: 2 GiB.
pub const DEFAULT_MEMORY: u64 = 2 << 30;
/// Bytes a held build needs per byte of article text (measured: 535 MB for the 41 MB of a
/// 20,000-article corpus of examples/make_corpus, with the model): above half the budget by
/// this estimate, the processed articles and the model's entries are spilled to temporary
/// files.
const HELD_PER_INPUT_BYTE: u64 = 16;

/// A project: its folder and its configuration.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder holding `briefing.toml`; relative paths in the config start here.
    pub root: PathBuf,
    /// The parsed configuration.
    pub config: Config,
    /// The configuration file (for messages about it).
    pub config_path: PathBuf,
    /// The memory a build may use, in bytes: a corpus whose articles would need more is
    /// spilled to temporary files (see [`DEFAULT_MEMORY`]).
    pub memory: u64,
}

impl Project {
    /// Loads `config` (default: `briefing.toml` in `root`); the project folder is the config's.
    pub fn load(root: &Path, config: Option<&Path>) -> Result<Project> {
        let path = config.map_or_else(|| root.join(CONFIG_FILE), Path::to_path_buf);
        let config = Config::load(&path)?;
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Ok(Project {
            root,
            config,
            config_path: path,
            memory: DEFAULT_MEMORY,
        })
    }

    /// The input folder.
    pub fn input(&self) -> PathBuf {
        self.root.join(&self.config.input)
    }

    /// The output folder.
    pub fn output(&self) -> PathBuf {
        self.root.join(&self.config.output)
    }

    /// The folder of template overrides.
    pub fn templates(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// The cache folder.
    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(CACHE_DIR)
    }

    /// Whether a corpus of `bytes` of input is spilled rather than held.
    pub fn spills(&self, bytes: u64) -> bool {
        bytes.saturating_mul(HELD_PER_INPUT_BYTE) > self.memory / 2
    }
}

/// A cache entry: the file's processed articles (none when it was skipped; several for a
/// feed), its warnings, and the terms their theme hits were matched with.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    processed: Vec<Processed>,
    warnings: Vec<Warning>,
    /// [`ThemeMatcher::terms_key`] of the matcher the hits were found with.
    terms: [u8; 32],
}

impl Entry {
    /// The file's entry under `key`, its articles' theme hits found with `matcher`: matched
    /// again when the entry's were found with other terms (a term edited, added or moved),
    /// which tokenises the sentences again instead of processing the file again. The entry is
    /// not stored again: a build after a term edit is most often followed by another edit, and
    /// storing every entry anew cost more than matching again (at 10,000 articles, 0.15 s
    /// against 0.14 s of a 1.9 s build, `build --timings`).
    fn load(cache: &Cache, key: &blake3::Hash, matcher: &ThemeMatcher) -> Option<Entry> {
        let mut entry: Entry = cache.load(key)?;
        if entry.terms != matcher.terms_key() {
            for p in &mut entry.processed {
                p.hits = theme_terms::match_sentences(matcher, &p.sentences, p.language);
            }
            entry.terms = matcher.terms_key();
        }
        Some(entry)
    }
}

/// The briefing and what was noticed on the way.
pub struct Outcome {
    /// The data model every output is rendered from.
    pub briefing: Briefing,
    /// Problems with the input that did not stop the build.
    pub warnings: Vec<Warning>,
    /// Articles whose per-article work was done in this run (the rest came from the cache).
    pub processed: Vec<PathBuf>,
    /// Problems with the cache (damaged entries): reported, never fatal.
    pub cache_warnings: Vec<Warning>,
    /// Whether what the corpus teaches and the unchanged articles' results were the last
    /// build's (an edit outside the sample; see [`reuse`]).
    pub reused: bool,
}

/// Reads every scanned article (or takes it from the cache) and builds the briefing model.
/// `progress` is called once per article done (from any thread). Files are taken a batch at a
/// time, so that a corpus larger than the memory budget is never held. With the cache, a
/// rebuild whose sample is unchanged reuses the last build's cross-article results
/// ([`reuse`]); a full build keeps them for the next one.
pub fn assemble(
    project: &Project,
    scan: &Scan,
    cache: &Cache,
    progress: &(dyn Fn() + Sync),
) -> Result<Outcome> {
    let config = &project.config;
    let input = project.input();
    let matcher = ThemeMatcher::new(&config.themes);
    let mut fresh = match cache.enabled() {
        true => match reuse::rebuild(project, scan, cache, &matcher, progress)? {
            reuse::Looked::Rebuilt(outcome) => return Ok(*outcome),
            reuse::Looked::Full(fresh) => fresh,
        },
        false => Default::default(),
    };
    let spill = project.spills(scan.bytes);
    let mut gatherer = cross::Gatherer::new(spill).map_err(spill_error)?;
    let mut warnings = scan.warnings.clone();
    let mut processed_paths = Vec::new();
    // Each kept article's place and sampling number, for the memo of this build.
    let mut places: Vec<reuse::Place> = Vec::new();
    let mut hashes: Vec<u64> = Vec::new();
    // Every file's heads, for the next rebuild (when every file has a key).
    let mut heads: Vec<reuse::Heads> = Vec::new();
    for (b, files) in scan.files.chunks(store::BATCH).enumerate() {
        let first = b * store::BATCH;
        let taken: Vec<Option<Entry>> = (first..first + files.len())
            .map(|i| fresh.remove(&i))
            .collect();
        type Read = ((Vec<Processed>, Vec<Warning>, bool), Option<reuse::Heads>);
        let results: Vec<Read> = files
            .par_iter()
            .zip(taken)
            .map(|((path, key), taken)| {
                // Processed, stored and counted when the rebuild was tried.
                let tried = taken.is_some();
                let cached = || Entry::load(cache, key.as_ref()?, &matcher);
                let result = match taken.or_else(cached) {
                    Some(entry) => (entry.processed, entry.warnings, tried),
                    None => {
                        let entry = process_file(project, &input, path, &matcher);
                        if let Some(key) = key {
                            cache.store(key, &entry);
                        }
                        (entry.processed, entry.warnings, true)
                    }
                };
                let heads = key.map(|_| reuse::Heads::new(&result.0, &result.1));
                if let (Some(key), Some(heads), false) = (key, &heads, tried)
                    && !cache.has(&reuse::heads_key(key))
                {
                    cache.store(&reuse::heads_key(key), heads);
                }
                if !tried {
                    progress();
                }
                (result, heads)
            })
            .collect();
        for ((path, key), ((processed, local, fresh), h)) in files.iter().zip(results) {
            heads.extend(h);
            warnings.extend(local);
            if fresh {
                processed_paths.push(path.clone());
            }
            let origin = (path.clone(), None);
            for (k, article) in processed.into_iter().enumerate() {
                let hash = learn::Sample::hash(&article.doc.path);
                let kept = gatherer
                    .offer(&origin, article, &mut warnings)
                    .map_err(spill_error)?;
                if let (true, Some(key)) = (kept, key) {
                    places.push((*key, k as u32));
                    hashes.push(hash);
                }
            }
        }
    }
    let store = gatherer.finish().map_err(spill_error)?;
    let keys: Option<Vec<blake3::Hash>> = scan.files.iter().map(|(_, k)| *k).collect();
    if let Some(keys) = keys.filter(|keys| keys.len() == heads.len()) {
        reuse::store_all_heads(project, cache, &keys, &heads);
    }
    let memo = (cache.enabled() && places.len() == store.len()).then(|| {
        let sample = learn::Sample::of(places.len(), config.grouping.sample);
        let sampled: Vec<reuse::Place> = (places.iter().zip(&hashes))
            .filter(|(_, h)| sample.contains_hash(**h))
            .map(|(p, _)| *p)
            .collect();
        reuse::Memo {
            cache,
            taught: reuse::taught_key(config, sample, &sampled),
            places,
        }
    });
    let (briefing, forms) = cross::finish(
        config,
        &matcher,
        store,
        spill.then_some(project.memory),
        memo.as_ref(),
    )
    .map_err(spill_error)?;
    warnings.extend(theme_warnings(project, &briefing, &forms));
    Ok(Outcome {
        briefing,
        warnings,
        processed: processed_paths,
        cache_warnings: cache.take_warnings(),
        reused: false,
    })
}

/// Builds the briefing from documents already read (tools and evaluations that make their
/// articles in memory): every per-article stage in parallel, then the cross-article steps, as
/// a build does, held in memory. Duplicate texts are counted once, as in a build.
pub fn briefing_of(config: &Config, documents: Vec<corpus::Document>) -> Briefing {
    let matcher = ThemeMatcher::new(&config.themes);
    let articles: Vec<Processed> = documents
        .into_par_iter()
        .map(|doc| process(doc, config, &matcher))
        .collect();
    let mut repeats = Repeats::default();
    let mut ignored = Vec::new();
    let kept = articles
        .into_iter()
        .filter(|p| {
            let origin = (PathBuf::from(&p.doc.path), None);
            repeats.keep(&p.text_hash, &p.doc.path, &origin, &mut ignored)
        })
        .collect();
    cross::finish(config, &matcher, Store::Held(kept), None, None)
        .expect("held articles are never read back from a file")
        .0
}

/// Builds the briefing model from per-article results written by `summarize --jsonl
/// --partial` (the merge step of a scale-out run). Records are put in order of article id, so
/// the briefing does not depend on the order of the files or of the lines in them; they are
/// read once, and spilled to a temporary file when the memory budget asks for it. With
/// `state`, the records are the contributions of a batch engine's finish step instead
/// ([`crate::aggregate`]), and that is the state it ran with.
pub fn assemble_records(
    project: &Project,
    paths: &[PathBuf],
    state: Option<&Path>,
) -> Result<Outcome> {
    if let Some(state) = state {
        return crate::aggregate::assemble(project, state, paths);
    }
    let config = &project.config;
    let matcher = ThemeMatcher::new(&config.themes);
    let spill = paths.iter().any(|p| p.as_os_str() == "-")
        || project.spills(
            paths
                .iter()
                .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()) / RECORD_PER_INPUT_BYTE)
                .sum(),
        );
    let mut warnings = Vec::new();
    let store = partial::read_all(paths, config, spill, &mut warnings)?;
    let (briefing, forms) = cross::finish(
        config,
        &matcher,
        store,
        spill.then_some(project.memory),
        None,
    )
    .map_err(spill_error)?;
    warnings.extend(theme_warnings(project, &briefing, &forms));
    Ok(Outcome {
        briefing,
        warnings,
        processed: Vec::new(),
        cache_warnings: Vec::new(),
        reused: false,
    })
}

/// A record of `summarize --partial` is this many times the article text it stands for, about.
const RECORD_PER_INPUT_BYTE: u64 = 4;

/// An error writing or reading back the temporary files of a spilled build.
pub(crate) fn spill_error(e: std::io::Error) -> Error {
    Error::io(
        std::env::temp_dir().join("(briefing's temporary files)"),
        std::io::Error::new(
            e.kind(),
            format!(
                "{e}; a corpus larger than the memory budget needs room in the temporary folder (TMPDIR), or a larger --memory"
            ),
        ),
    )
}

/// What is wrong with the configured themes, as warnings on the configuration file.
pub(crate) fn theme_warnings(
    project: &Project,
    briefing: &Briefing,
    forms: &TermForms,
) -> Vec<Warning> {
    let found: Vec<themes::Found<'_>> = briefing
        .themes
        .iter()
        .map(|theme| themes::Found {
            sentences: theme.sentences,
            unmatched: (theme.terms.iter())
                .filter(|u| u.sentences == 0)
                .map(|u| u.term.as_str())
                .collect(),
        })
        .collect();
    themes::warnings(&project.config.themes, &found, forms)
        .into_iter()
        .map(|message| Warning {
            path: project.config_path.clone(),
            line: None,
            message,
        })
        .collect()
}

/// Frees a large collection on all threads: each article is many small allocations, and
/// freeing a corpus of them on one thread takes a noticeable part of a large build.
pub fn free_in_parallel<T: Send>(items: Vec<T>) {
    items.into_par_iter().for_each(drop);
}

/// Runs the per-article stages on one file; a file that cannot be used becomes a warning.
fn process_file(project: &Project, input: &Path, path: &Path, matcher: &ThemeMatcher) -> Entry {
    let mut warnings = Vec::new();
    let doc = match corpus::read(input, path, &mut warnings) {
        Ok(docs) => docs,
        // Only a scan without keys leaves reading errors to this point.
        Err(Error::Io { source, .. }) => {
            warnings.push(unreadable(path, &source));
            Vec::new()
        }
        Err(e) => {
            warnings.push(skipped(path, &e));
            Vec::new()
        }
    };
    let processed = doc
        .into_iter()
        .filter_map(|mut doc| {
            doc.path = with_part(relative(&project.root, path), doc.part.as_deref());
            let processed = match readable(&doc, &project.config, path) {
                Ok(language) => process_in(doc, language, matcher),
                Err(warning) => {
                    warnings.push(warning);
                    return None;
                }
            };
            // Every sentence of it was page furniture ("From our editors to your inbox.").
            if processed.sentences.is_empty() {
                warnings.push(Warning {
                    path: path.to_path_buf(),
                    line: None,
                    message: format!("{}{}", item_label(&processed.doc), corpus::NO_TEXT),
                });
                return None;
            }
            Some(processed)
        })
        .collect();
    Entry {
        processed,
        warnings,
        terms: matcher.terms_key(),
    }
}

/// An error on one file, as a warning: the build goes on with the other articles.
fn skipped(path: &Path, error: &Error) -> Warning {
    let (line, message) = match error {
        Error::Input { line, message, .. } => (*line, message.clone()),
        other => (None, other.to_string()),
    };
    Warning {
        path: path.to_path_buf(),
        line,
        message: format!("skipped: {message}"),
    }
}

/// The language `doc` (of `file`) is read in, as the setting for [`process_in`]; for an
/// article clearly written in a language briefing does not read, the warning that leaves it out.
pub fn readable(
    doc: &corpus::Document,
    config: &Config,
    file: &Path,
) -> std::result::Result<LanguageSetting, Warning> {
    segment::language(doc, config.language)
        .map(|lang| match lang {
            text::Lang::Id => LanguageSetting::Id,
            text::Lang::En => LanguageSetting::En,
        })
        .map_err(|name| {
            let item = item_label(doc);
            Warning {
                path: file.to_path_buf(),
                line: None,
                message: format!(
                    "{item}written in {name}, which briefing does not read (it reads Indonesian \
                     and English); skipped. If it is in one of those, say so with language = \
                     \"id\" or \"en\" in briefing.toml"
                ),
            }
        })
}

/// How a warning about `doc` names it within its file: `item PART: ` for a feed's item, else
/// nothing.
pub fn item_label(doc: &corpus::Document) -> String {
    doc.part
        .as_deref()
        .map_or_else(String::new, |part| format!("item {part}: "))
}

/// Runs every per-article stage on one document: segments it, finds its terms, matches the
/// themes and keeps the compact result, with what the cross-article steps need.
pub fn process(doc: corpus::Document, config: &Config, matcher: &ThemeMatcher) -> Processed {
    process_in(doc, config.language, matcher)
}

/// [`process`] with the language setting given (the one [`readable`] settled).
pub fn process_in(
    doc: corpus::Document,
    language: LanguageSetting,
    matcher: &ThemeMatcher,
) -> Processed {
    let mut hasher = blake3::Hasher::new();
    for p in &doc.paragraphs {
        hasher.update(p.text.as_bytes());
        hasher.update(b"\n");
    }
    let text_hash = *hasher.finalize().as_bytes();
    Processed {
        text_hash,
        ..analyse(segment::segment(doc, language), matcher)
    }
}

/// The per-article stages: terms, theme hits, features, content words and stems, and where
/// sentences continue their neighbours. The text's hash is left empty.
fn analyse(article: segment::Segmented, matcher: &ThemeMatcher) -> Processed {
    let terms = summary::extract_terms(&article.tokenized());
    let hits = theme_terms::match_article(matcher, &article);
    let stems = article
        .tokens
        .iter()
        .map(|t| theme_terms::content_stems(t, &article.vocabulary))
        .collect();
    let continues = article
        .tokens
        .iter()
        .zip(&article.sentences)
        .map(|(tokens, s)| text::discourse::continues(&s.text, tokens))
        .collect();
    let features = summary::features::fixed(&article);
    let bags = summary::content_bags(&article);
    Processed {
        doc: article.doc,
        language: article.language,
        sentences: article.sentences,
        terms,
        hits,
        features,
        bags,
        stems,
        continues,
        text_hash: [0; 32],
    }
}

/// Summarises one article on its own (no corpus, so terms are weighed by in-article frequency),
/// learning from it alone with `learner` (made once for a run, from the configured themes and
/// `config.grouping`). The entry has no quotes: a summary does not show them.
pub fn summarize_one(
    doc: corpus::Document,
    language: LanguageSetting,
    config: &Config,
    learner: &learn::Learner<'_>,
) -> model::Article {
    let matcher = learner.matcher();
    let mut processed = analyse(segment::segment(doc, language), matcher);
    let summary = processed.summarize(None, &config.summary);
    // The learn stage's view of the article: its sentence vectors are not made again.
    let (learned, view) = learner.learn_one(&processed);
    let evidence = learned.assign_viewed(&processed, view.article(0));
    let forms = learned
        .word_forms(&std::slice::from_ref(&processed))
        .expect("a held article is never read back from a file");
    let labels = model::build::Labels::new(matcher, &forms);
    model::build::article_model(&mut processed, &summary, &evidence, &labels)
}

/// An article's path: its file's, and for one of several articles in a file (a feed item),
/// `#` and which one.
pub fn with_part(file: String, part: Option<&str>) -> String {
    match part {
        Some(part) => format!("{file}#{part}"),
        None => file,
    }
}

/// A path relative to the project folder, `/`-separated, for messages and JSON.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
