//! `briefing aggregate`: one cross-article step on a batch engine, the map (parts of the
//! step from a partition's records) or, with `--combine`, the reduce (the next state).

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use crate::aggregate::{self, State};
use crate::cli::AggregateArgs;
use crate::error::{Error, Result};
use crate::learn::Learner;
use crate::theme_terms::ThemeMatcher;

/// Runs the map or the reduce of the step the state needs next.
pub fn run(args: &AggregateArgs) -> Result<()> {
    let config = super::summarize::load_config(args.config.as_deref())?;
    let matcher = ThemeMatcher::new(&config.themes);
    let learner = Learner::new(&matcher, &config.grouping);
    let state = match &args.state {
        Some(path) => State::read(path, &config)?,
        None => State::start(&config, &learner),
    };
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.combine {
        let next = aggregate::combine(&learner, state, &files)?;
        for warning in next.warnings() {
            crate::error::eprint_labelled(&warning.to_string());
        }
        out.write_all(&next.to_line()?)
            .map_err(|e| Error::io("<stdout>", e))?;
    } else {
        aggregate::map(&config, &learner, &state, &files, &mut out)?;
    }
    out.flush().map_err(|e| Error::io("<stdout>", e))
}
