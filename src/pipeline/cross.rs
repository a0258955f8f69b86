//! The cross-article steps, over the articles in their final order: articles with the same text
//! counted once (a warning names each repeat), then document frequencies, what the corpus
//! teaches the themes, and, a batch at a time, the summaries, the sentences' themes and the
//! model. Each step reads the corpus through [`Batches`], so a spilled corpus is never held.

use std::io;
use std::path::PathBuf;

use rayon::prelude::*;

use super::reuse::{self, Memo, Taught};
use super::store::{BATCH, SpillFile, Store};
use crate::config::Config;
use crate::error::Warning;
use crate::learn;
use crate::model::Briefing;
use crate::model::build::ModelBuilder;
use crate::processed::{Batches, Processed};
use crate::summary::{DocFreq, Summary};
use crate::theme_terms::ThemeMatcher;
use crate::themes::TermForms;

/// Where an article came from, for warnings: its file and, for a record, its line.
pub type Origin = (PathBuf, Option<usize>);

/// Decides which articles are kept: the first of those with the same text.
#[derive(Default)]
pub struct Repeats {
    seen: foldhash::HashMap<[u8; 32], String>,
}

impl Repeats {
    /// True for the first article with this text; for a repeat, false and a warning naming
    /// where the first came from.
    pub fn keep(
        &mut self,
        text_hash: &[u8; 32],
        id: &str,
        origin: &Origin,
        warnings: &mut Vec<Warning>,
    ) -> bool {
        match self.seen.get(text_hash) {
            Some(first) => {
                warnings.push(Warning {
                    path: origin.0.clone(),
                    line: origin.1,
                    message: format!("has the same text as {first}; counted once"),
                });
                false
            }
            None => {
                self.seen.insert(*text_hash, id.to_string());
                true
            }
        }
    }
}

/// The articles kept, gathered in order: held, or appended to a temporary file a batch at a
/// time.
pub struct Gatherer {
    repeats: Repeats,
    pending: Vec<Processed>,
    spill: Option<(SpillFile, Vec<(u64, u32)>)>,
}

impl Gatherer {
    /// A gatherer that holds the articles, or (`spill`) writes them to a temporary file.
    pub fn new(spill: bool) -> io::Result<Gatherer> {
        Ok(Gatherer {
            repeats: Repeats::default(),
            pending: Vec::new(),
            spill: if spill {
                Some((SpillFile::new()?, Vec::new()))
            } else {
                None
            },
        })
    }

    /// Offers the next article: a repeat of a text already gathered is counted once. True
    /// when it is kept.
    pub fn offer(
        &mut self,
        origin: &Origin,
        article: Processed,
        warnings: &mut Vec<Warning>,
    ) -> io::Result<bool> {
        if !self
            .repeats
            .keep(&article.text_hash, &article.doc.path, origin, warnings)
        {
            return Ok(false);
        }
        self.pending.push(article);
        if self.pending.len() >= BATCH {
            self.flush()?;
        }
        Ok(true)
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some((file, ranges)) = &mut self.spill {
            ranges.extend(file.append_all(&self.pending)?);
            super::free_in_parallel(std::mem::take(&mut self.pending));
        }
        Ok(())
    }

    /// The articles gathered.
    pub fn finish(mut self) -> io::Result<Store> {
        self.flush()?;
        match self.spill {
            Some((file, ranges)) => file.into_store(ranges),
            None => Ok(Store::Held(self.pending)),
        }
    }
}

/// The cross-article steps over the kept articles; `spill` (the memory budget, for a corpus
/// too large to hold) writes the model's article entries to a temporary file too. Document
/// frequencies, the learn stage and the learned words' forms read the corpus's
/// [`learn::Sample`]: all of it, unless it is large. With `memo`, what the corpus taught and
/// every article's contribution are kept in the cache for the next build.
pub fn finish(
    config: &Config,
    matcher: &ThemeMatcher,
    mut store: Store,
    spill: Option<u64>,
    memo: Option<&Memo<'_>>,
) -> io::Result<(Briefing, TermForms)> {
    let learner = learn::Learner::new(matcher, &config.grouping);
    let sample = learn::Sample::of(store.len(), config.grouping.sample);
    let (df, progress, learned, forms, mut views) = if sample.is_all() {
        // Document frequencies are counted in the learn stage's read of the articles, whose
        // views serve the assignment below.
        let mut df = (store.len() >= 2).then(DocFreq::default);
        let (progress, views) = learner.learn_progress(&store, &mut |batch| {
            if let Some(df) = &mut df {
                batch.iter().for_each(|p| df.add(&p.terms));
            }
        })?;
        let learned = progress.learned(&learner);
        let forms = learned.word_forms(&store)?;
        (df, progress, learned, forms, Some(views))
    } else {
        let mut chosen: Vec<Processed> = Vec::new();
        store.each_batch(&mut |_, batch| {
            let ids: Vec<bool> = batch
                .par_iter()
                .map(|p| sample.contains(&p.doc.path))
                .collect();
            chosen.extend(
                batch
                    .iter()
                    .zip(ids)
                    .filter(|(_, c)| *c)
                    .map(|(p, _)| p.clone()),
            );
        })?;
        let df = DocFreq::new(chosen.iter().map(|p| &p.terms));
        let (progress, _) = learner.learn_progress(&chosen.as_slice(), &mut |_| {})?;
        let learned = progress.learned(&learner);
        let forms = learned.word_forms(&chosen.as_slice())?;
        super::free_in_parallel(chosen);
        (Some(df), progress, learned, forms, None)
    };
    if let Some(memo) = memo {
        Taught::new(df.as_ref(), progress, &forms).store(memo.cache, &memo.taught);
    }
    let mut builder = ModelBuilder::new(config, matcher, &learned, &forms, spill)?;
    if let Some(memo) = memo {
        builder = builder.with_points_memo(memo.cache);
    }
    store.each_batch_mut(|first, batch| {
        let summaries: Vec<Summary> = batch
            .par_iter()
            .map(|p| p.summarize(df.as_ref(), &config.summary))
            .collect();
        batch.par_iter_mut().for_each(Processed::release_scoring);
        // The learn stage's views of this batch, so that no sentence vector is made again.
        let viewed = match &mut views {
            Some(views) => views.next_batch()?.filter(|v| v.len() == batch.len()),
            None => None,
        };
        let evidence: Vec<_> = match viewed {
            Some(viewed) => batch
                .par_iter()
                .enumerate()
                .map(|(i, p)| learned.assign_viewed(p, viewed.article(i)))
                .collect(),
            None => batch.par_iter().map(|p| learned.assign(p)).collect(),
        };
        let contributions = builder.contributions(batch, &summaries, &evidence);
        let Some(memo) = memo else {
            return builder.absorb(contributions);
        };
        let keys: Vec<blake3::Hash> = (memo.places[first..first + batch.len()].iter())
            .map(|place| reuse::contribution_key(&memo.taught, place))
            .collect();
        let entries = ModelBuilder::entries(&contributions)?;
        reuse::store_contributions(memo.cache, &keys, &contributions, &entries);
        builder.absorb_with(contributions, Some(entries))
    })?;
    if let Store::Held(articles) = store {
        super::free_in_parallel(articles);
    }
    builder.finish()
}
