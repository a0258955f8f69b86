//! What filing an article reads of its entry: its head, the figures the statistics count, its
//! theme weights, the forms its sentences matched the configured terms by, and only those
//! sentences and quotes its offers point to. It is a few percent of the entry, so a rebuild
//! files a cached article from it without reading the entry's text back (see
//! `pipeline::reuse`); a full build makes it from the entry ([`Filing::of`]).

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::offers::Offers;
use crate::model;
use crate::model::articles::Head;

/// What [`super::ModelBuilder`] files of one article besides its offers. Its short strings
/// (ids, hashes, dates, terms) are kept inline: a rebuild decodes one for every article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filing {
    /// The article's id.
    pub id: CompactString,
    /// Its file, relative to the project folder.
    pub path: CompactString,
    /// Its headline.
    pub title: String,
    /// Its content hash.
    pub hash: CompactString,
    /// Its publisher.
    pub(super) source: Option<CompactString>,
    /// Its date.
    pub(super) date: Option<CompactString>,
    /// Its language.
    pub(super) language: CompactString,
    /// How many sentences it has.
    pub(super) sentences: usize,
    /// How many pieces were set aside.
    pub(super) dropped: usize,
    /// Its theme profile: (theme id, weight).
    pub(super) themes: Vec<(CompactString, f64)>,
    /// The sentences the offers point to: (index, text, score), by index.
    pub(super) cited: Vec<(u32, String, f64)>,
    /// The quotes the offers point to: (index, quote), by index.
    pub(super) quotes: Vec<(u32, model::Quote)>,
    /// `[theme, configured term, form]`: the forms its sentences matched the terms by,
    /// lowercased, sorted, each once.
    pub(super) forms: Vec<[CompactString; 3]>,
}

impl Filing {
    /// What filing reads of `article`, whose offers are `offers` (an index out of range is
    /// left out, and [`Offers::check`] then refuses the offers).
    pub fn of(article: &model::Article, offers: &Offers) -> Filing {
        let mut quoted: Vec<u32> = offers.quotes.iter().map(|&[qi, _]| qi).collect();
        quoted.sort_unstable();
        quoted.dedup();
        let quotes: Vec<(u32, model::Quote)> = (quoted.into_iter())
            .filter_map(|qi| Some((qi, article.quotes.get(qi as usize)?.clone())))
            .collect();
        let mut cited: Vec<u32> = (offers.sentences.iter().map(|o| o.sentence))
            .chain(offers.events.iter().map(|e| e.sentence))
            .chain(quotes.iter().map(|(_, q)| q.sentence as u32))
            .collect();
        cited.sort_unstable();
        cited.dedup();
        let cited = (cited.into_iter())
            .filter_map(|si| {
                let s = article.sentences.get(si as usize)?;
                Some((si, s.text.clone(), s.score))
            })
            .collect();
        let mut forms: Vec<[CompactString; 3]> = (article.sentences.iter())
            .flat_map(|s| &s.evidence)
            .flat_map(|e| {
                (e.terms.iter()).map(|[term, form]| {
                    [(&e.theme).into(), term.into(), form.to_lowercase().into()]
                })
            })
            .collect();
        forms.sort_unstable();
        forms.dedup();
        Filing {
            id: (&article.id).into(),
            path: (&article.path).into(),
            title: article.title.clone(),
            hash: (&article.hash).into(),
            source: article.source.as_deref().map(CompactString::from),
            date: article.date.as_deref().map(CompactString::from),
            language: (&article.language).into(),
            sentences: article.sentences.len(),
            dropped: article.dropped.len(),
            themes: (article.themes.iter())
                .map(|t| ((&t.id).into(), t.weight))
                .collect(),
            cited,
            quotes,
            forms,
        }
    }

    /// Cited sentence `index`: its text and score.
    pub(super) fn sentence(&self, index: usize) -> Option<(&str, f64)> {
        let i = (self.cited)
            .binary_search_by_key(&index, |c| c.0 as usize)
            .ok()?;
        let (_, text, score) = &self.cited[i];
        Some((text, *score))
    }

    /// Quote `index`, when the offers point to it.
    pub(super) fn quote(&self, index: usize) -> Option<&model::Quote> {
        let i = (self.quotes)
            .binary_search_by_key(&index, |q| q.0 as usize)
            .ok()?;
        Some(&self.quotes[i].1)
    }

    /// The article's head.
    pub fn head(&self) -> Head<'_> {
        Head {
            id: &self.id,
            path: &self.path,
            title: &self.title,
            hash: &self.hash,
        }
    }
}
