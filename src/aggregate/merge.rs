//! The final merge of an engine run: the articles' contributions (the finish step's lines),
//! put in order of article id and filed into the model, which is then rendered like any
//! build's. The lines are copied to a temporary file as read and only their ids are held, so
//! the merge holds per article its id and what the model keeps.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{ContributionLine, Stage, State};
use crate::bounded;
use crate::error::{Error, Result};
use crate::learn::Learner;
use crate::model::build::ModelBuilder;
use crate::pipeline::{BATCH, Outcome, Project, spill_error};
use crate::theme_terms::ThemeMatcher;

/// What a contribution line says of itself, read without the contribution.
#[derive(Deserialize)]
struct Head {
    briefing: String,
    config: String,
    id: String,
}

/// Where a line was read and where it is in the temporary file.
struct Key {
    id: String,
    file: usize,
    line: usize,
    at: u64,
    len: usize,
}

/// A contribution's line is this many times the article text it stands for, about.
const LINE_PER_INPUT_BYTE: u64 = 3;

/// Builds the briefing model from the contributions in `paths` (`-` is stdin) and the state
/// of the finish step at `state`.
pub fn assemble(project: &Project, state: &Path, paths: &[PathBuf]) -> Result<Outcome> {
    let config = &project.config;
    let matcher = ThemeMatcher::new(&config.themes);
    let learner = Learner::new(&matcher, &config.grouping);
    let state_path = state;
    let state = State::read(state, config)?;
    if state.stage != Stage::Finish {
        return Err(Error::Input {
            path: state_path.to_path_buf(),
            line: None,
            message: format!(
                "the state of an unfinished run (its next step: {:?}): run `briefing aggregate` \
                 and `--combine` until the next step is finish, then merge the finish step's \
                 lines",
                state.stage
            ),
        });
    }
    let mut spill = tempfile::tempfile().map_err(spill_error)?;
    let mut keys: Vec<Key> = Vec::new();
    let mut offset = 0u64;
    let what = "a line of `briefing aggregate`'s finish step";
    super::each_line(paths, bounded::MAX_LINE, what, &mut |at, line| {
        let head: Head = serde_json::from_str(&line).map_err(|_| at.error(not_a_line()))?;
        state
            .check(&head.briefing, &head.config)
            .map_err(|m| at.error(m))?;
        spill.write_all(line.as_bytes()).map_err(spill_error)?;
        keys.push(Key {
            id: head.id,
            file: at.file,
            line: at.line,
            at: offset,
            len: line.len(),
        });
        offset += line.len() as u64;
        Ok(())
    })?;
    keys.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(pair) = keys.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(Error::Input {
            path: paths[pair[1].file].clone(),
            line: Some(pair[1].line),
            message: format!(
                "a second contribution of article {} (the first: {}:{}): merge each partition's \
                 finish lines once",
                pair[1].id,
                paths[pair[0].file].display(),
                pair[0].line
            ),
        });
    }
    if keys.len() != state.articles {
        return Err(Error::Input {
            path: state_path.to_path_buf(),
            line: None,
            message: format!(
                "kept {} articles, but {} contributions were given: merge the finish step's \
                 lines of every partition",
                state.articles,
                keys.len()
            ),
        });
    }
    let learned = state.learn.learned(&learner);
    let forms: FxHashMap<u64, String> = state.forms.clone().into_iter().collect();
    let held = !project.spills(offset / LINE_PER_INPUT_BYTE);
    let mut builder = ModelBuilder::new(
        config,
        &matcher,
        &learned,
        &forms,
        (!held).then_some(project.memory),
    )
    .map_err(spill_error)?;
    let mut buffer = Vec::new();
    for chunk in keys.chunks(BATCH) {
        let lines: Vec<String> = chunk
            .iter()
            .map(|key| {
                buffer.resize(key.len, 0);
                spill.seek(SeekFrom::Start(key.at))?;
                spill.read_exact(&mut buffer)?;
                Ok(String::from_utf8_lossy(&buffer).into_owned())
            })
            .collect::<std::io::Result<_>>()
            .map_err(spill_error)?;
        let contributions = lines
            .par_iter()
            .zip(chunk)
            .map(|(line, key)| {
                let error = |message: String| Error::Input {
                    path: paths[key.file].clone(),
                    line: Some(key.line),
                    message,
                };
                let read = serde_json::from_str::<ContributionLine>(line)
                    .map_err(|e| error(format!("{} ({e})", not_a_line())))?;
                builder.check(&read.contribution).map_err(|problem| {
                    error(format!(
                        "not a consistent contribution ({problem}): it was changed after \
                         `briefing aggregate` wrote it; run the finish step again"
                    ))
                })?;
                Ok(read.contribution)
            })
            .collect::<Vec<Result<_>>>()
            .into_iter()
            // The first bad line in order, whichever thread met one first.
            .collect::<Result<Vec<_>>>()?;
        builder.absorb(contributions).map_err(spill_error)?;
    }
    let (briefing, term_forms) = builder.finish().map_err(spill_error)?;
    let mut warnings = state.warnings().to_vec();
    warnings.extend(crate::pipeline::theme_warnings(
        project,
        &briefing,
        &term_forms,
    ));
    Ok(Outcome {
        briefing,
        warnings,
        processed: Vec::new(),
        cache_warnings: Vec::new(),
        reused: false,
    })
}

fn not_a_line() -> String {
    "not a line of `briefing aggregate`'s finish step: merge the lines it wrote with the state \
     it ran with"
        .into()
}
