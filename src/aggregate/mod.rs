//! The cross-article steps as map/reduce steps, for a batch engine (`briefing aggregate`): the
//! engine's workers read the per-article records of `summarize --jsonl --partial`, and its driver
//! keeps a [`State`] between the steps. Each step is a map ([`map`]: one [`Part`] per partition
//! of the records) and a reduce ([`combine`]: the parts added up, in any order, into the next
//! state):
//!
//! 1. **keys**: each record's article id and text hash; the reduce decides which articles are
//!    kept (a text repeated under another id is counted once, as a build does);
//! 2. **learn**: the learn stage's passes ([`crate::learn::Step`]), the first with the document
//!    frequencies;
//! 3. **forms**: each learned word's written form, the first in article order;
//! 4. **finish**: no reduce: each kept article's [`Contribution`] to the model, made on the
//!    workers, so that the final merge (`build --from-jsonl … --state`) only files them and
//!    renders.
//!
//! Every sum is of counts or fixed-point numbers, so the briefing is the same byte for byte as
//! a build's, however the records are partitioned.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::error::{Error, Result, Warning};
use crate::learn::{self, Learner, Progress};
use crate::model::build::{Contribution, ModelBuilder};
use crate::partial;
use crate::pipeline::Repeats;
use crate::processed::Processed;
use crate::summary::DocFreq;

/// Which step the engine runs next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Which articles are kept.
    Keys,
    /// The document frequencies and the learn stage's passes.
    Learn,
    /// The learned words' written forms.
    Forms,
    /// The articles' contributions, for the final merge.
    Finish,
}

/// What the cross-article steps have found so far: the driver's state between steps.
#[derive(Debug, Serialize, Deserialize)]
pub struct State {
    /// The version of briefing that made it.
    pub briefing: String,
    /// A key of the whole configuration: every step runs with the same one.
    pub config: String,
    /// The step it needs next.
    pub stage: Stage,
    /// How many articles are kept.
    pub articles: usize,
    /// The article ids whose records are not read (their text came first under another id).
    skipped: BTreeSet<String>,
    /// The warnings of the keys step, which the final merge gives again.
    warnings: Vec<Warning>,
    /// The document frequencies (counted in the first learn pass over the articles of the
    /// [`learn::Sample`]; none for a single article): how many articles they count, and per
    /// term key how many of those carry it.
    df: Option<(usize, BTreeMap<String, usize>)>,
    /// Whether the document frequencies have been counted.
    counted: bool,
    /// The learn stage's progress.
    learn: Progress,
    /// Each learned word's written form.
    forms: BTreeMap<u64, String>,
}

/// One partition's share of a step.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Each record's (article id, text hash in hex).
    Keys(Vec<(String, String)>),
    /// The learn pass's part, and (first pass) the document frequencies' counts.
    Learn {
        /// Articles counted, and per term key how many carry it.
        df: Option<(usize, BTreeMap<String, usize>)>,
        /// The learn stage's part.
        part: learn::Part,
    },
    /// Per learned word, the first article (id) that writes it, and how.
    Forms(BTreeMap<u64, (String, String)>),
}

/// One line of a step's output: what made it, and the part.
#[derive(Debug, Serialize, Deserialize)]
struct PartLine {
    briefing: String,
    config: String,
    /// How many kept articles the partition holds (not counted at the keys step, which
    /// decides which are kept).
    articles: usize,
    part: Part,
}

/// One line of the finish step: an article's contribution, with the key it is ordered by.
#[derive(Serialize, Deserialize)]
pub struct ContributionLine {
    /// The version of briefing that made it.
    pub briefing: String,
    /// The key of the configuration it was made with.
    pub config: String,
    /// The article's id (its records' order).
    pub id: String,
    /// What it gives the model.
    pub contribution: Contribution,
}

mod lines;
mod merge;

use lines::each_line;
pub use merge::assemble;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The key of a configuration: every step of one run must use the same.
pub fn config_key(config: &Config) -> String {
    let text = serde_json::to_string(config).unwrap_or_default();
    blake3::hash(text.as_bytes()).to_hex()[..16].to_string()
}

impl State {
    /// The state before the first step.
    pub fn start(config: &Config, learner: &Learner<'_>) -> State {
        State {
            briefing: VERSION.to_string(),
            config: config_key(config),
            stage: Stage::Keys,
            articles: 0,
            skipped: BTreeSet::new(),
            warnings: Vec::new(),
            df: None,
            counted: false,
            learn: learner.start(),
            forms: BTreeMap::new(),
        }
    }

    /// Reads a state written by [`combine`], checked against this version and configuration.
    pub fn read(path: &Path, config: &Config) -> Result<State> {
        let error = |message: String| Error::Input {
            path: path.to_path_buf(),
            line: None,
            message,
        };
        let bytes = crate::bounded::read(path, MAX_STATE).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|_| error("is not UTF-8 text".into()))?;
        let state: State = serde_json::from_str(&text).map_err(|e| {
            error(format!(
                "not a state written by `briefing aggregate --combine` ({e})"
            ))
        })?;
        if state.briefing != VERSION {
            return Err(error(format!(
                "written by briefing {}, this is {VERSION}: run every step with one version",
                state.briefing
            )));
        }
        if state.config != config_key(config) {
            return Err(error(
                "made with another configuration: run every step with the same briefing.toml"
                    .into(),
            ));
        }
        state.learn.check(config.themes.len()).map_err(|problem| {
            error(format!(
                "not a consistent state ({problem}): it was changed after `briefing aggregate \
                 --combine` wrote it; run the steps again"
            ))
        })?;
        Ok(state)
    }

    /// The state as one line of JSON, the same bytes on every run.
    pub fn to_line(&self) -> Result<Vec<u8>> {
        let mut line = serde_json::to_vec(self).map_err(|e| Error::io("<stdout>", e.into()))?;
        line.push(b'\n');
        Ok(line)
    }

    /// The warnings of the keys step.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    fn doc_freq(&self) -> Option<DocFreq> {
        self.df.as_ref().map(|(articles, counts)| DocFreq {
            articles: *articles,
            counts: counts
                .iter()
                .map(|(k, v)| (k.as_str().into(), *v))
                .collect(),
        })
    }

    fn check(&self, briefing: &str, config: &str) -> std::result::Result<(), String> {
        if briefing != self.briefing {
            return Err(format!(
                "written by briefing {briefing}, this is {}: run every step with one version",
                self.briefing
            ));
        }
        if config != self.config {
            return Err("made with another configuration than this briefing.toml".into());
        }
        Ok(())
    }
}

/// A state file is read whole: at most this many bytes.
const MAX_STATE: u64 = 1 << 30;

/// The map: reads the records of `inputs` (`-` is stdin) and writes the step's part as one
/// line, or, at the finish step, one [`ContributionLine`] per kept article.
pub fn map(
    config: &Config,
    learner: &Learner<'_>,
    state: &State,
    inputs: &[PathBuf],
    out: &mut dyn Write,
) -> Result<()> {
    let write = |out: &mut dyn Write, bytes: &[u8]| {
        out.write_all(bytes).map_err(|e| Error::io("<stdout>", e))
    };
    let mut read = 0usize;
    let mut kept = |batch: Vec<(usize, Processed)>| -> Vec<Processed> {
        let kept: Vec<Processed> = batch
            .into_iter()
            .map(|(_, p)| p)
            .filter(|p| !state.skipped.contains(&p.doc.path))
            .collect();
        read += kept.len();
        kept
    };
    // The learn and forms steps read the sample only (every article of a small corpus).
    let sample = learn::Sample::of(state.articles, config.grouping.sample);
    let sampled = |batch: Vec<Processed>| -> Vec<Processed> {
        if sample.is_all() {
            return batch;
        }
        batch
            .into_iter()
            .filter(|p| sample.contains(&p.doc.path))
            .collect()
    };
    let part = match state.stage {
        Stage::Keys => {
            let mut keys = Vec::new();
            partial::each_batch(inputs, config, &mut |_, batch| {
                keys.extend(
                    batch
                        .into_iter()
                        .map(|(_, p)| (p.doc.path, hex(&p.text_hash))),
                );
                Ok(())
            })?;
            keys.sort_unstable();
            Part::Keys(keys)
        }
        Stage::Learn => {
            let learned = state.learn.learned(learner);
            let mut df = (!state.counted && state.articles >= 2).then(DocFreq::default);
            let mut part = learn::Part::Empty;
            partial::each_batch(inputs, config, &mut |_, batch| {
                let batch = sampled(kept(batch));
                if let Some(df) = &mut df {
                    batch.iter().for_each(|p| df.add(&p.terms));
                }
                if state.learn.step != learn::Step::Done {
                    let views = learner.view(&batch);
                    part = std::mem::take(&mut part).merge(learner.part(
                        &state.learn,
                        &learned,
                        &views,
                    ));
                }
                Ok(())
            })?;
            let df = df.map(|df| {
                let counts = df.counts.into_iter().map(|(k, v)| (k.to_string(), v));
                (df.articles, counts.collect())
            });
            Part::Learn {
                df,
                part: part.sorted(),
            }
        }
        Stage::Forms => {
            let learned = state.learn.learned(learner);
            let wanted = learned.learned_stems();
            let mut first: BTreeMap<u64, (String, String)> = BTreeMap::new();
            partial::each_batch(inputs, config, &mut |_, batch| {
                let batch = sampled(kept(batch));
                let found: Vec<FxHashMap<u64, String>> = batch
                    .par_iter()
                    .map(|p| {
                        let mut forms = FxHashMap::default();
                        learn::forms_in(std::slice::from_ref(p), &wanted, &mut forms);
                        forms
                    })
                    .collect();
                for (p, forms) in batch.iter().zip(found) {
                    for (stem, form) in forms {
                        let earlier = first.get(&stem).is_some_and(|(id, _)| *id < p.doc.path);
                        if !earlier {
                            first.insert(stem, (p.doc.path.clone(), form));
                        }
                    }
                }
                Ok(())
            })?;
            Part::Forms(first)
        }
        Stage::Finish => return finish(config, learner, state, inputs, out),
    };
    let line = PartLine {
        briefing: state.briefing.clone(),
        config: state.config.clone(),
        articles: read,
        part,
    };
    let mut bytes = serde_json::to_vec(&line).map_err(|e| Error::io("<stdout>", e.into()))?;
    bytes.push(b'\n');
    write(out, &bytes)
}

/// The finish step's map: each kept article's contribution to the model, one line each.
fn finish(
    config: &Config,
    learner: &Learner<'_>,
    state: &State,
    inputs: &[PathBuf],
    out: &mut dyn Write,
) -> Result<()> {
    let learned = state.learn.learned(learner);
    let forms: FxHashMap<u64, String> = state.forms.clone().into_iter().collect();
    let df = state.doc_freq();
    let builder = ModelBuilder::new(config, learner.matcher(), &learned, &forms, None)
        .map_err(crate::pipeline::spill_error)?;
    partial::each_batch(inputs, config, &mut |_, batch| {
        let lines: Vec<Vec<u8>> = batch
            .into_par_iter()
            .filter(|(_, p)| !state.skipped.contains(&p.doc.path))
            .map(|(_, mut p)| {
                let summary = p.summarize(df.as_ref(), &config.summary);
                p.release_scoring();
                let evidence = learned.assign(&p);
                let line = ContributionLine {
                    briefing: state.briefing.clone(),
                    config: state.config.clone(),
                    id: p.doc.path.clone(),
                    contribution: builder.contribution(&mut p, &summary, &evidence),
                };
                let mut bytes = serde_json::to_vec(&line)?;
                bytes.push(b'\n');
                Ok(bytes)
            })
            .collect::<serde_json::Result<_>>()
            .map_err(|e| Error::io("<stdout>", e.into()))?;
        lines
            .iter()
            .try_for_each(|l| out.write_all(l))
            .map_err(|e| Error::io("<stdout>", e))
    })
}

/// The reduce: adds up the parts in `paths` (`-` is stdin; any order) into the next state.
pub fn combine(learner: &Learner<'_>, mut state: State, paths: &[PathBuf]) -> Result<State> {
    let mut keys: Vec<(String, String)> = Vec::new();
    let mut df: Option<(usize, BTreeMap<String, usize>)> = None;
    let mut part = learn::Part::Empty;
    let mut forms: BTreeMap<u64, (String, String)> = BTreeMap::new();
    let themes = learner.matcher().themes().len();
    let mut seen = 0usize;
    each_line(
        paths,
        MAX_STATE as usize,
        "a part written by `briefing aggregate`",
        &mut |at, line| {
            let error = |message: String| at.error(message);
            let read: PartLine = serde_json::from_str(&line)
                .map_err(|e| error(format!("not a part written by `briefing aggregate` ({e})")))?;
            state.check(&read.briefing, &read.config).map_err(error)?;
            if let Part::Learn { part: p, .. } = &read.part {
                p.check(themes).map_err(|problem| {
                    error(format!(
                        "not a consistent part ({problem}): it was changed after `briefing \
                         aggregate` wrote it; run the step again"
                    ))
                })?;
            }
            seen += read.articles;
            match (state.stage, read.part) {
                (Stage::Keys, Part::Keys(k)) => keys.extend(k),
                (Stage::Learn, Part::Learn { df: d, part: p }) => {
                    if let Some((n, counts)) = d {
                        let (total, all) = df.get_or_insert_with(Default::default);
                        *total += n;
                        for (key, count) in counts {
                            *all.entry(key).or_default() += count;
                        }
                    }
                    part = std::mem::take(&mut part).merge(p);
                }
                (Stage::Forms, Part::Forms(f)) => {
                    for (stem, (id, form)) in f {
                        let earlier = forms.get(&stem).is_some_and(|(first, _)| *first < id);
                        if !earlier {
                            forms.insert(stem, (id, form));
                        }
                    }
                }
                _ => {
                    return Err(error(format!(
                        "a part of another step than the state's next ({:?}): combine the \
                         parts of the step run with this state",
                        state.stage
                    )));
                }
            }
            Ok(())
        },
    )?;
    if state.stage != Stage::Keys && seen != state.articles {
        return Err(Error::Input {
            path: paths.first().cloned().unwrap_or_default(),
            line: None,
            message: format!(
                "the parts cover {seen} articles, the state kept {}: combine the parts of \
                 every partition, each once",
                state.articles
            ),
        });
    }
    match state.stage {
        Stage::Keys => keep(&mut state, keys)?,
        Stage::Learn => {
            if !state.counted {
                state.df = (state.articles >= 2).then(|| df.unwrap_or_default());
                state.counted = true;
            }
            learner.advance(&mut state.learn, part);
            if state.learn.step == learn::Step::Done {
                state.stage = Stage::Forms;
            }
        }
        Stage::Forms => {
            state.forms = forms
                .into_iter()
                .map(|(stem, (_, form))| (stem, form))
                .collect();
            state.stage = Stage::Finish;
        }
        Stage::Finish => {}
    }
    Ok(state)
}

/// The keys step's reduce: the articles kept, in the order a merge reads them.
fn keep(state: &mut State, mut keys: Vec<(String, String)>) -> Result<()> {
    keys.sort_unstable();
    if let Some(pair) = keys.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(Error::Input {
            path: PathBuf::from(&pair[0].0),
            line: None,
            message: "has two records: give every article one record (`build --from-jsonl` \
                      merges records with repeats, skipping all but the first)"
                .into(),
        });
    }
    let mut repeats = Repeats::default();
    for (id, hash) in &keys {
        let text_hash = unhex(hash).ok_or_else(|| Error::Input {
            path: PathBuf::from(id),
            line: None,
            message: format!("a text hash that is not 64 hexadecimal digits: {hash:?}"),
        })?;
        let origin = (PathBuf::from(id), None);
        if !repeats.keep(&text_hash, id, &origin, &mut state.warnings) {
            state.skipped.insert(id.clone());
        }
    }
    state.articles = keys.len() - state.skipped.len();
    state.stage = Stage::Learn;
    Ok(())
}

/// A text hash in hexadecimal.
fn hex(bytes: &[u8; 32]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The text hash that [`hex`] wrote, if it is one.
fn unhex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    for (b, pair) in out.iter_mut().zip(text.as_bytes().chunks(2)) {
        *b = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(out)
}
