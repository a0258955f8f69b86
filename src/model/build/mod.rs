//! Building the data model from processed articles, a batch at a time: per-article entries
//! (held, or written to a temporary file for an archive too large to hold), theme sections with
//! their merged points, the timeline, corpus statistics and the "generated" date.

mod article;
mod filing;
mod offers;
mod sections;
mod tally;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use self::article::{article_model, quotes};
pub use self::filing::Filing;
pub use self::offers::Offers;
pub use self::sections::PointsMemo;
use self::sections::SectionInput;
use self::tally::{FiledForms, StatsSoFar, add_forms};
use crate::config::Config;
use crate::learn::{Evidence, Learned};
use crate::model::articles::{Articles, SpillWriter, Stored, Texts};
pub use crate::model::evidence::Labels;
use crate::model::{self, Briefing};
use crate::processed::Processed;
use crate::summary::Summary;
use crate::theme_terms::ThemeMatcher;
use crate::themes::TermForms;

/// Where the entries go.
enum Sink {
    Held(Vec<model::Article>),
    Spilled(SpillWriter),
}

/// The model, made a batch of articles at a time, in order.
pub struct ModelBuilder<'a> {
    config: &'a Config,
    learned: &'a Learned,
    labels: Labels<'a>,
    index: FxHashMap<&'a str, usize>,
    sink: Sink,
    inputs: Vec<SectionInput>,
    events: Vec<model::Event>,
    /// Every article's id, shared by the lists that cite it.
    ids: Vec<Arc<str>>,
    count: usize,
    stats: StatsSoFar,
    forms: FiledForms,
    /// Where stored entry texts are read from ([`EntryText::Stored`]).
    texts: Option<Arc<dyn Texts>>,
    /// The memory budget of a spilled build.
    memory: Option<u64>,
    /// Where each theme's merged points are kept for the next build, and recalled from.
    points: Option<&'a dyn PointsMemo>,
}

/// Everything a [`ModelBuilder`] takes from one article, made from that article alone (not
/// from its place in the corpus nor from any other article), so that it can be made on a
/// worker, sent as JSON and absorbed by the one process that makes the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Its entry in the model, with its quotes.
    article: model::Article,
    /// What it offers the theme sections and the timeline.
    offers: Offers,
}

impl Contribution {
    /// The article's entry.
    pub fn article(&self) -> &model::Article {
        &self.article
    }

    /// Its offers.
    pub fn offers(&self) -> &Offers {
        &self.offers
    }

    /// What filing reads of it ([`Filing`]), its offers, and its entry's text `entry` in
    /// `briefing.json` ([`crate::json::entry`]): the form the cache keeps it in, and a rebuild
    /// files it in ([`ModelBuilder::absorb_filed`]).
    pub fn into_filed(self, entry: String) -> Filed {
        let filing = Filing::of(&self.article, &self.offers);
        (filing, self.offers, EntryText::Made(entry))
    }
}

/// An article as a rebuild files it: what filing reads of its entry, its offers, and its
/// entry's text in `briefing.json`.
pub type Filed = (Filing, Offers, EntryText);

/// An entry's text in `briefing.json`: made now, or kept by a store ([`Texts`]).
pub enum EntryText {
    /// The text.
    Made(String),
    /// Where the store keeps it.
    Stored(Stored),
}

impl<'a> ModelBuilder<'a> {
    /// A builder; `spill` (the build's memory budget, when the corpus is too large to hold)
    /// writes the entries to a temporary file, keeping in memory only their heads and the ones
    /// the pages show, and merges the themes' points side by side only when the budget allows.
    /// `forms` are the learned words' written forms.
    pub fn new(
        config: &'a Config,
        matcher: &'a ThemeMatcher,
        learned: &'a Learned,
        forms: &'a FxHashMap<u64, String>,
        spill: Option<u64>,
    ) -> std::io::Result<ModelBuilder<'a>> {
        let sink = if spill.is_some() {
            Sink::Spilled(SpillWriter::new(config.briefing.articles_shown)?)
        } else {
            Sink::Held(Vec::new())
        };
        Ok(ModelBuilder {
            config,
            learned,
            labels: Labels::new(matcher, forms),
            index: matcher
                .themes()
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.as_str(), i))
                .collect(),
            sink,
            inputs: (0..matcher.themes().len())
                .map(|_| SectionInput::default())
                .collect(),
            events: Vec::new(),
            ids: Vec::new(),
            count: 0,
            stats: StatsSoFar::default(),
            forms: FiledForms::new(),
            texts: None,
            memory: spill,
            points: None,
        })
    }

    /// Adds the next articles with their summaries and their sentences' themes (same order):
    /// their contributions, made in parallel, then [`ModelBuilder::absorb`]ed. Their texts move
    /// into the model.
    pub fn add(
        &mut self,
        processed: &mut [Processed],
        summaries: &[Summary],
        evidence: &[Vec<Vec<Evidence>>],
    ) -> std::io::Result<()> {
        let contributions = self.contributions(processed, summaries, evidence);
        self.absorb(contributions)
    }

    /// The contributions of articles with their summaries and their sentences' themes (same
    /// order), made in parallel. Their texts move into the entries.
    pub fn contributions(
        &self,
        processed: &mut [Processed],
        summaries: &[Summary],
        evidence: &[Vec<Vec<Evidence>>],
    ) -> Vec<Contribution> {
        processed
            .par_iter_mut()
            .zip(summaries)
            .zip(evidence)
            .map(|((p, s), e)| self.contribution(p, s, e))
            .collect()
    }

    /// Everything the model takes from one article, made from it alone (callable on many
    /// threads, and on machines other than the one that absorbs it): its entry, with its
    /// quotes, and what it offers the theme sections and the timeline. The article's texts
    /// move into the entry: what is left in `p` is its theme hits and stems.
    pub fn contribution(
        &self,
        p: &mut Processed,
        s: &Summary,
        e: &[Vec<Evidence>],
    ) -> Contribution {
        let mut article = model::Article {
            quotes: quotes(p),
            ..article_model(p, s, e, &self.labels)
        };
        article.hash = crate::changes::content_hash(&article);
        let offers = offers::offers((p, s, e), &article, &self.index);
        Contribution { article, offers }
    }

    /// Why a contribution cannot be filed: offers that point outside its entry or the
    /// configured themes and terms (one read from elsewhere is not trusted).
    pub fn check(&self, c: &Contribution) -> Result<(), String> {
        let terms: Vec<usize> = self.config.themes.iter().map(|t| t.terms.len()).collect();
        c.offers.check(&Filing::of(&c.article, &c.offers), &terms)
    }

    /// Files the next articles' contributions, in order: each is given the next number, its
    /// offers go to the theme sections and the timeline, and its entry to the statistics and
    /// the articles. A contribution whose offers point outside its entry or the configured
    /// themes is refused (`InvalidData`), and none of the batch is filed then.
    pub fn absorb(&mut self, contributions: Vec<Contribution>) -> std::io::Result<()> {
        self.absorb_with(contributions, None)
    }

    /// Whether the entries go to a temporary file, as their text (see [`Self::entries`]).
    pub fn spills(&self) -> bool {
        matches!(self.sink, Sink::Spilled(_))
    }

    /// The entries' text in `briefing.json`, made on all threads.
    pub fn entries(contributions: &[Contribution]) -> std::io::Result<Vec<Vec<u8>>> {
        contributions
            .par_iter()
            .map(|c| crate::json::entry(&c.article))
            .collect()
    }

    /// [`Self::absorb`], with the entries' text when it was made already ([`Self::entries`]).
    pub fn absorb_with(
        &mut self,
        contributions: Vec<Contribution>,
        texts: Option<Vec<Vec<u8>>>,
    ) -> std::io::Result<()> {
        let filings: Vec<Filing> = (contributions.par_iter())
            .map(|c| Filing::of(&c.article, &c.offers))
            .collect();
        let terms = self.term_counts();
        for (i, (c, filing)) in contributions.iter().zip(&filings).enumerate() {
            check_filed(i, filing, &c.offers, &terms)?;
        }
        let texts: Option<Vec<Vec<u8>>> = match (&self.sink, texts) {
            (Sink::Held(_), _) => None,
            (Sink::Spilled(_), Some(texts)) if texts.len() == contributions.len() => Some(texts),
            (Sink::Spilled(_), _) => Some(Self::entries(&contributions)?),
        };
        let mut texts = texts.into_iter().flatten();
        let (articles, offers): (Vec<model::Article>, Vec<Offers>) = (contributions.into_iter())
            .map(|c| (c.article, c.offers))
            .unzip();
        self.file(&filings, &offers);
        drop(offers);
        for (article, filing) in articles.into_iter().zip(filings) {
            match &mut self.sink {
                Sink::Held(held) => held.push(article),
                Sink::Spilled(writer) => {
                    let text = texts.next().unwrap_or_default();
                    writer.push(filing.head(), &text, || Ok(article))?;
                }
            }
        }
        Ok(())
    }

    /// The builder, reading stored entry texts ([`EntryText::Stored`]) from `texts`.
    pub fn with_texts(mut self, texts: Arc<dyn Texts>) -> Self {
        self.texts = Some(texts);
        self
    }

    /// The builder, keeping each theme's merged points in `memo` and recalling them from it
    /// where the theme's sentences are those of a build that kept them.
    pub fn with_points_memo(mut self, memo: &'a dyn PointsMemo) -> Self {
        self.points = Some(memo);
        self
    }

    /// Files the next articles from what filing reads of their entries, their offers and
    /// their entries' text in `briefing.json` (as a rebuild reads cached articles back): the
    /// text is read and parsed only where the model holds the entry whole. Refused
    /// (`InvalidData`), with none of them filed, when the offers do not fit the filing or a
    /// text that must be parsed is not an entry.
    pub fn absorb_filed(&mut self, filed: Vec<Filed>) -> std::io::Result<()> {
        let terms = self.term_counts();
        for (i, (filing, offers, _)) in filed.iter().enumerate() {
            check_filed(i, filing, offers, &terms)?;
        }
        let texts = self.texts.clone();
        let parse = move |text: &EntryText| {
            let read;
            let bytes = match text {
                EntryText::Made(text) => text.as_bytes(),
                EntryText::Stored(at) => {
                    let texts = (texts.as_ref())
                        .ok_or_else(|| std::io::Error::other("a stored entry without its store"))?;
                    read = texts.read(at)?;
                    &read[..]
                }
            };
            serde_json::from_slice::<model::Article>(bytes)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
        };
        let held: Option<Vec<model::Article>> = match &self.sink {
            Sink::Held(_) => Some(
                (filed.par_iter())
                    .map(|(_, _, text)| parse(text))
                    .collect::<std::io::Result<_>>()?,
            ),
            Sink::Spilled(_) => None,
        };
        let mut held = held.into_iter().flatten();
        let mut filings = Vec::with_capacity(filed.len());
        let mut offers = Vec::with_capacity(filed.len());
        let mut texts = Vec::with_capacity(filed.len());
        for (filing, o, text) in filed {
            filings.push(filing);
            offers.push(o);
            texts.push(text);
        }
        self.file(&filings, &offers);
        for (filing, text) in filings.iter().zip(texts) {
            match (&mut self.sink, &text) {
                (Sink::Held(all), _) => all.extend(held.next()),
                (Sink::Spilled(writer), EntryText::Made(made)) => {
                    writer.push(filing.head(), made.as_bytes(), || parse(&text))?
                }
                (Sink::Spilled(writer), EntryText::Stored(at)) => {
                    writer.push_stored(filing.head(), *at, || parse(&text))?
                }
            }
        }
        // Freed on the pool, beside the next batch's filing.
        rayon::spawn(move || drop((filings, offers)));
        Ok(())
    }

    /// How many terms each theme has, which the offers checked refer to.
    fn term_counts(&self) -> Vec<usize> {
        self.config.themes.iter().map(|t| t.terms.len()).collect()
    }

    /// Files a batch of articles, the next numbers in order: their offers to the theme
    /// sections (each theme on a thread of its own) and, beside them, to the timeline, and
    /// their figures to the statistics.
    fn file(&mut self, filings: &[Filing], offers: &[Offers]) {
        let first = self.count;
        let ids: Vec<Arc<str>> = filings.iter().map(|f| Arc::from(f.id.as_str())).collect();
        let ModelBuilder {
            inputs,
            index,
            events,
            stats,
            forms,
            ..
        } = self;
        rayon::join(
            || sections::file(inputs, index, (first, &ids), filings, offers),
            || {
                for (k, (filing, offers)) in filings.iter().zip(offers).enumerate() {
                    events.extend(sections::events((first + k, &ids[k]), filing, offers));
                    stats.add(filing);
                    add_forms(forms, filing);
                }
            },
        );
        self.ids.extend(ids);
        self.count += filings.len();
    }

    /// The briefing, and the forms its themes' terms were found by.
    pub fn finish(self) -> std::io::Result<(Briefing, TermForms)> {
        let ModelBuilder {
            config,
            learned,
            labels,
            sink,
            inputs,
            mut events,
            ids,
            count,
            stats,
            forms,
            texts,
            memory,
            points,
            ..
        } = self;
        let one_at_a_time = memory.is_some_and(|m| !sections::fit_together(&inputs, m));
        let articles: Articles = match sink {
            Sink::Held(held) => Articles::Held(held),
            Sink::Spilled(writer) => writer.finish(texts)?,
        };
        // The timeline beside the sections: a section's points are merged on one thread, and
        // the largest section can take the longest of all.
        let (themes, timeline) = rayon::join(
            || {
                sections::sections(
                    config,
                    learned,
                    &labels,
                    (inputs, &ids),
                    (one_at_a_time, points),
                )
            },
            || {
                sections::sort_timeline(&mut events);
                sections::merge_timeline(events)
            },
        );
        drop(ids);
        let language = stats
            .languages
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or("id", |(l, _)| l)
            .to_string();
        let briefing = Briefing {
            schema: model::SCHEMA,
            title: config.title.clone(),
            generated: generated_date(config),
            language,
            stats: model::Stats {
                articles: count,
                sources: stats.sources.len(),
                sentences: stats.sentences,
                dropped: stats.dropped,
                date_from: stats.dates.first().cloned(),
                date_to: stats.dates.last().cloned(),
                dated: stats.dated,
                source_names: stats.source_names.into_iter().collect(),
            },
            articles_shown: count.min(config.briefing.articles_shown),
            // Filled in by the command that writes or compares the briefing (see `changes`).
            changes: model::Changes::default(),
            themes,
            timeline,
            articles,
        };
        Ok((briefing, tally::term_forms(forms)))
    }
}

/// Refuses the `i`th article of a batch when its offers do not fit what it files; `terms` is
/// how many terms each theme has.
fn check_filed(i: usize, filing: &Filing, offers: &Offers, terms: &[usize]) -> std::io::Result<()> {
    offers.check(filing, terms).map_err(|message| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("contribution {} ({}): {message}", i, filing.id),
        )
    })
}

/// "Generated on": the configured date, else `SOURCE_DATE_EPOCH` as a UTC date, else none.
fn generated_date(config: &Config) -> Option<String> {
    if let Some(date) = &config.date {
        return Some(date.clone());
    }
    let epoch: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let (y, m, d) = civil_from_days(epoch.div_euclid(86_400));
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
