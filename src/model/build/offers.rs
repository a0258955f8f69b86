//! What one article offers the theme sections and the timeline, made from the article alone
//! (no index in the corpus, no other article): the part of a build a worker can do. The texts
//! offered are not copied here; they are read from the article's entry when the offers are
//! filed ([`super::sections::file`]).

use serde::{Deserialize, Serialize};

use super::filing::Filing;
use crate::facts;
use crate::learn::{Evidence, Via};
use crate::model;
use crate::processed::Processed;
use crate::stems::StemSet;
use crate::summary::Summary;
use crate::text::Lang;

/// One article's offers to the theme sections and the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offers {
    /// The language its offered sentences are read in by the point merge.
    pub(super) lang: Lang,
    /// `[theme, configured term, sentences it was found in]`, by theme, then term.
    pub(super) term_uses: Vec<[u32; 3]>,
    /// Its sentences that speak to a theme, in sentence order.
    pub(super) sentences: Vec<SentenceOffer>,
    /// `[quote, theme]`: its attributed quotes (indices in the entry's quotes) offered to the
    /// themes of their sentences, in quote order, then the sentence's theme order.
    pub(super) quotes: Vec<[u32; 2]>,
    /// Its sentences that date what they report, in sentence order.
    pub(super) events: Vec<EventOffer>,
}

/// A sentence offered as a point to one or more themes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct SentenceOffer {
    /// Its index in the entry's sentences.
    pub(super) sentence: u32,
    /// Its content stems (what the point merge compares).
    pub(super) stems: StemSet,
    /// `(theme, score)` for each theme it speaks to, by the first evidence of that theme.
    pub(super) themes: Vec<(u32, f64)>,
}

/// A sentence on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct EventOffer {
    /// Its index in the entry's sentences.
    pub(super) sentence: u32,
    /// The date it reports, `YYYY-MM-DD`.
    pub(super) date: compact_str::CompactString,
    /// Whether the date was inferred from the article's.
    pub(super) inferred: bool,
}

/// The offers of one article, from its per-article results (`p`, `s`, `e`) and its entry
/// (`article`, with its quotes); `index` finds a theme's number by its id.
pub fn offers(
    (p, s, e): (&Processed, &Summary, &[Vec<Evidence>]),
    article: &model::Article,
    index: &rustc_hash::FxHashMap<&str, usize>,
) -> Offers {
    Offers {
        lang: p.language,
        term_uses: term_uses(p),
        sentences: sentence_offers(p, s, e),
        quotes: quote_offers(article, index),
        events: events(article),
    }
}

/// How many sentences each configured term was found in, per theme (a term counted once a
/// sentence).
fn term_uses(p: &Processed) -> Vec<[u32; 3]> {
    let mut uses: Vec<[u32; 3]> = Vec::new();
    let mut terms: Vec<u32> = Vec::new();
    for hit in p.hits.iter().flatten() {
        terms.clear();
        terms.extend(hit.matches.iter().map(|m| m.term));
        terms.sort_unstable();
        terms.dedup();
        uses.extend(terms.iter().map(|&t| [hit.theme as u32, t, 1]));
    }
    uses.sort_unstable();
    uses.dedup_by(|b, a| {
        let same = a[..2] == b[..2];
        if same {
            a[2] += b[2];
        }
        same
    });
    uses
}

/// A bridge's share of its score as a theme point. A sentence of next to no words of its own
/// that takes the themes of the sentence it leads into ("Sekarang, bahkan itu telah
/// berantakan." before the veto sentence) is on the theme, but says nothing standing alone: it
/// ranks below every statement of the theme, and one that states a fact leads the point they
/// make together.
const BRIDGE_SHARE: f64 = 0.25;

/// The sentences that speak to a theme, by any evidence; the first evidence of a theme for a
/// sentence is the one that counts, weighed by the sentence's score.
fn sentence_offers(p: &Processed, s: &Summary, e: &[Vec<Evidence>]) -> Vec<SentenceOffer> {
    let mut offered = Vec::new();
    for (si, found) in e.iter().enumerate() {
        let mut themes: Vec<(u32, f64)> = Vec::new();
        for ev in found {
            if themes.iter().any(|&(t, _)| t as usize == ev.theme) {
                continue;
            }
            let bridge = ev.via == Via::Neighbour && ev.neighbour == Some(si + 1);
            let share = if bridge { BRIDGE_SHARE } else { 1.0 };
            themes.push((
                ev.theme as u32,
                share * ev.score * (0.5 + 0.5 * s.scores[si]),
            ));
        }
        if !themes.is_empty() {
            offered.push(SentenceOffer {
                sentence: si as u32,
                stems: p.stems[si].clone(),
                themes,
            });
        }
    }
    offered
}

/// The attributed quotes, each offered once to each theme of its sentence.
fn quote_offers(
    article: &model::Article,
    index: &rustc_hash::FxHashMap<&str, usize>,
) -> Vec<[u32; 2]> {
    let mut offered: Vec<[u32; 2]> = Vec::new();
    for (qi, q) in article.quotes.iter().enumerate() {
        if q.speaker.is_none() {
            continue;
        }
        let first = offered.len();
        for theme in &article.sentences[q.sentence].themes {
            let Some(&ti) = index.get(theme.as_str()) else {
                continue;
            };
            if offered[first..].iter().any(|o| o[1] as usize == ti) {
                continue;
            }
            offered.push([qi as u32, ti as u32]);
        }
    }
    offered
}

/// The sentences that date what they report.
fn events(article: &model::Article) -> Vec<EventOffer> {
    article
        .sentences
        .iter()
        .enumerate()
        .filter_map(|(si, sentence)| {
            let date = facts::event_date(&sentence.text, article.date.as_deref())?;
            Some(EventOffer {
                sentence: si as u32,
                date: date.date.into(),
                inferred: date.inferred,
            })
        })
        .collect()
}

impl Offers {
    /// Checks that every index in the offers is in range for the article filed as `filing` and
    /// a configuration whose themes have `terms[t]` terms each, so that filing them cannot go
    /// astray; and that the filing's cited sentences and quotes are in order, each once.
    pub(super) fn check(&self, filing: &Filing, terms: &[usize]) -> Result<(), String> {
        if !increasing(filing.cited.iter().map(|c| c.0))
            || !increasing(filing.quotes.iter().map(|q| q.0))
            || (filing.cited.last()).is_some_and(|c| c.0 as usize >= filing.sentences)
        {
            return Err("cited sentences or quotes out of order or out of range".into());
        }
        let cited = |si: usize| filing.sentence(si).is_some();
        for &[theme, term, _] in &self.term_uses {
            if terms
                .get(theme as usize)
                .is_none_or(|&n| term as usize >= n)
            {
                return Err(format!("theme {theme}, term {term}: no such term"));
            }
        }
        for offer in &self.sentences {
            if !cited(offer.sentence as usize) {
                return Err(format!(
                    "sentence {} offered: no such sentence",
                    offer.sentence
                ));
            }
            if let Some((t, _)) = offer
                .themes
                .iter()
                .find(|(t, _)| *t as usize >= terms.len())
            {
                return Err(format!("theme {t}: no such theme"));
            }
        }
        for &[qi, ti] in &self.quotes {
            let quote = filing.quote(qi as usize);
            if quote.is_none_or(|q| q.speaker.is_none() || !cited(q.sentence))
                || ti as usize >= terms.len()
            {
                return Err(format!(
                    "quote {qi} offered to theme {ti}: no such quote or theme"
                ));
            }
        }
        if let Some(e) = self.events.iter().find(|e| !cited(e.sentence as usize)) {
            return Err(format!(
                "event in sentence {}: no such sentence",
                e.sentence
            ));
        }
        Ok(())
    }
}

/// Whether `indices` rise strictly.
fn increasing(mut indices: impl Iterator<Item = u32>) -> bool {
    let mut last: Option<u32> = None;
    indices.all(|i| last.replace(i).is_none_or(|b| b < i))
}
