//! What the theme sections and the timeline are made of, gathered article by article as the
//! entries are made (so the entries need not be kept), and the sections made from it at the end.

use std::collections::BTreeSet;
use std::hash::BuildHasher;
use std::sync::Arc;

use rayon::prelude::*;

use super::Labels;
use super::filing::Filing;
use super::offers::Offers;
use crate::config::{Config, ThemeConfig};
use crate::learn::Learned;
use crate::model;
use crate::stems::StemSet;
use crate::text::Lang;
use crate::themes::{self, Candidate};

/// How many quotes a theme section carries.
const QUOTES_PER_THEME: usize = 3;
/// Learned words listed in a theme section of the model.
const LEARNED_SHOWN: usize = 20;

/// A sentence offered as a point: where it is, its strength, and which of the theme's distinct
/// texts it is.
struct Offered {
    article: u32,
    sentence: u32,
    text: u32,
    score: f64,
}

/// A text offered as a point, kept once however many articles repeat it (wire copy), with what
/// the merge reads of it.
struct Distinct {
    text: Box<str>,
    lang: Lang,
    stems: StemSet,
    /// The next distinct text with the same hash ([`NONE`] for none).
    next: u32,
}

/// No distinct text.
const NONE: u32 = u32::MAX;

/// A theme's distinct offered texts, found by their hash: each hash names the first text with
/// it, which names the next. The hash is seeded at random, so no text can be written to fall
/// in the same chain as others; the numbers follow the order texts come in, whatever it is.
#[derive(Default)]
struct Texts {
    distinct: Vec<Distinct>,
    first: rustc_hash::FxHashMap<u64, u32>,
    seed: foldhash::fast::RandomState,
}

impl Texts {
    /// The number of `text` in `lang`, added if it is new (with the stems `stems` gives).
    fn id(&mut self, text: &str, lang: Lang, stems: impl FnOnce() -> StemSet) -> u32 {
        let hash = self.seed.hash_one((lang, text));
        self.id_hashed(hash, text, lang, stems)
    }

    /// [`Texts::id`], for the text's `hash`.
    fn id_hashed(
        &mut self,
        hash: u64,
        text: &str,
        lang: Lang,
        stems: impl FnOnce() -> StemSet,
    ) -> u32 {
        let fresh = self.distinct.len() as u32;
        let head = *self.first.entry(hash).or_insert(fresh);
        let mut at = head;
        while at != fresh && at != NONE {
            let d = &self.distinct[at as usize];
            if d.lang == lang && &*d.text == text {
                return at;
            }
            at = d.next;
        }
        // New: it follows the chain's first text (or starts the chain).
        let next = if head == fresh {
            NONE
        } else {
            std::mem::replace(&mut self.distinct[head as usize].next, fresh)
        };
        self.distinct.push(Distinct {
            text: text.into(),
            lang,
            stems: stems(),
            next,
        });
        fresh
    }
}

/// An attributed quote in a sentence on the theme, with its sentence's score.
struct QuoteOffer {
    score: f64,
    quote: model::ThemeQuote,
}

/// The most a theme's point merge holds per sentence offered (its view, group, prefix, cluster
/// and point, counted from their layouts, with the point's text), for deciding whether the
/// merges of all themes fit in memory side by side.
const MERGE_BYTES_PER_CANDIDATE: u64 = 512;

/// Whether the themes' point merges, side by side, fit in a quarter of a `memory` budget:
/// otherwise a spilled build merges one theme at a time.
pub fn fit_together(inputs: &[SectionInput], memory: u64) -> bool {
    let candidates: u64 = inputs.iter().map(|i| i.candidates.len() as u64).sum();
    candidates.saturating_mul(MERGE_BYTES_PER_CANDIDATE) <= memory / 4
}

/// What one theme's section is made of.
#[derive(Default)]
pub struct SectionInput {
    /// (weight, article index) of the articles that speak to the theme, in article order.
    weights: Vec<(f64, usize)>,
    /// How many sentences each configured term was found in.
    term_uses: Vec<usize>,
    /// The sentences that speak to the theme, by any evidence, in article and sentence order.
    candidates: Vec<Offered>,
    /// Their texts.
    texts: Texts,
    /// The attributed quotes in those sentences, in article and sentence order.
    quotes: Vec<QuoteOffer>,
}

/// Files a batch of articles' offers under every theme's [`SectionInput`]: the articles are
/// numbered from `first` (from 0), `ids` are their ids and `filings` what is filed of their
/// entries, same order. The offers are checked already ([`Offers::check`]). Each theme's
/// sentences are filed on a thread of their own; the cost is the articles' size plus their
/// (sentence, theme) pairs, whatever the number of themes.
pub fn file(
    inputs: &mut [SectionInput],
    index: &rustc_hash::FxHashMap<&str, usize>,
    (first, ids): (usize, &[Arc<str>]),
    filings: &[Filing],
    offers: &[Offers],
) {
    // Each theme's (article in the batch, offer, score), in article and sentence order.
    let mut pairs: Vec<Vec<(u32, u32, f64)>> = inputs.iter().map(|_| Vec::new()).collect();
    for (k, ((id, filing), offers)) in ids.iter().zip(filings).zip(offers).enumerate() {
        let ai = first + k;
        for (theme, weight) in &filing.themes {
            if let Some(&ti) = index.get(theme.as_str()) {
                inputs[ti].weights.push((*weight, ai));
            }
        }
        for &[ti, t, n] in &offers.term_uses {
            let uses = &mut inputs[ti as usize].term_uses;
            if uses.len() <= t as usize {
                uses.resize(t as usize + 1, 0);
            }
            uses[t as usize] += n as usize;
        }
        for (o, offer) in offers.sentences.iter().enumerate() {
            for &(ti, score) in &offer.themes {
                pairs[ti as usize].push((k as u32, o as u32, score));
            }
        }
        file_quotes(inputs, (ai, id), filing, offers);
    }
    inputs.par_iter_mut().zip(pairs).for_each(|(input, pairs)| {
        for (k, o, score) in pairs {
            let (filing, offers) = (&filings[k as usize], &offers[k as usize]);
            let offer = &offers.sentences[o as usize];
            let Some((text, _)) = filing.sentence(offer.sentence as usize) else {
                continue;
            };
            let text = (input.texts).id(text, offers.lang, || offer.stems.clone());
            input.candidates.push(Offered {
                article: (first + k as usize) as u32,
                sentence: offer.sentence,
                text,
                score,
            });
        }
    });
}

/// Files one article's attributed quotes (number `ai` from 0, id `id`) under the themes of
/// their sentences.
fn file_quotes(
    inputs: &mut [SectionInput],
    (ai, id): (usize, &Arc<str>),
    filing: &Filing,
    offers: &Offers,
) {
    for &[qi, ti] in &offers.quotes {
        let Some(q) = filing.quote(qi as usize) else {
            continue;
        };
        let (Some(speaker), Some((_, score))) = (&q.speaker, filing.sentence(q.sentence)) else {
            continue;
        };
        inputs[ti as usize].quotes.push(QuoteOffer {
            score,
            quote: model::ThemeQuote {
                text: q.text.clone(),
                speaker: speaker.clone(),
                source: model::SourceRef {
                    article: Arc::clone(id),
                    number: ai + 1,
                    sentence: q.sentence,
                },
            },
        });
    }
}

/// Every theme's section, in configuration order, each on its own thread, or (`one_at_a_time`,
/// for an archive too large to hold) one after another, so that only one theme's merge is held
/// at a time; `ids` are the articles' ids in order. With `memo`, each theme's points are kept,
/// and recalled instead of merged again where the theme's sentences are the same.
pub fn sections(
    config: &Config,
    learned: &Learned,
    labels: &Labels<'_>,
    (inputs, ids): (Vec<SectionInput>, &[Arc<str>]),
    (one_at_a_time, memo): (bool, Option<&dyn PointsMemo>),
) -> Vec<model::Theme> {
    let make = |(theme, input): ((usize, &ThemeConfig), SectionInput)| {
        section((config, learned, labels), theme, input, ids, memo)
    };
    if one_at_a_time {
        config
            .themes
            .iter()
            .enumerate()
            .zip(inputs)
            .map(make)
            .collect()
    } else {
        config
            .themes
            .par_iter()
            .enumerate()
            .zip(inputs)
            .map(make)
            .collect()
    }
}

/// One theme's section; its points recalled from `memo` where it kept them for the same
/// sentences.
fn section(
    (config, learned, labels): (&Config, &Learned, &Labels<'_>),
    (ti, theme): (usize, &ThemeConfig),
    input: SectionInput,
    ids: &[Arc<str>],
    memo: Option<&dyn PointsMemo>,
) -> model::Theme {
    let SectionInput {
        mut weights,
        term_uses,
        candidates,
        texts,
        quotes,
    } = input;
    let sentences = candidates.len();
    // One weight per article: the order is total.
    weights.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let views = || -> Vec<Candidate<'_>> {
        candidates
            .iter()
            .map(|c| {
                let d = &texts.distinct[c.text as usize];
                Candidate {
                    article: c.article as usize,
                    sentence: c.sentence as usize,
                    text: &d.text,
                    lang: d.lang,
                    stems: &d.stems,
                    score: c.score,
                }
            })
            .collect()
    };
    let merged = match memo {
        Some(memo) => {
            let key = points_key(&candidates, &texts);
            let fits = |points: &Vec<themes::Point>| {
                (points.iter().flat_map(|p| &p.sources)).all(|&(a, _)| a < ids.len())
            };
            match memo.recall(&key).filter(fits) {
                Some(points) => points,
                None => {
                    let points = themes::points(views());
                    memo.keep(&key, &points);
                    points
                }
            }
        }
        None => themes::points(views()),
    };
    let points: Vec<model::Point> = merged
        .into_iter()
        .map(|pt| model::Point {
            text: pt.text,
            score: pt.score,
            sources: pt
                .sources
                .into_iter()
                .map(|(a, s)| model::SourceRef {
                    article: Arc::clone(&ids[a]),
                    number: a + 1,
                    sentence: s,
                })
                .collect(),
        })
        .collect();
    drop(candidates);
    drop(texts);
    let shown = points.len().min(config.briefing.points_per_theme);
    model::Theme {
        quotes: theme_quotes(quotes, &points[..shown]),
        id: theme.id.clone(),
        title: theme.title.clone(),
        description: theme.description.clone(),
        articles: weights
            .iter()
            .map(|&(_, ai)| Arc::clone(&ids[ai]))
            .collect(),
        numbers: weights.iter().map(|&(_, ai)| ai + 1).collect(),
        sentences,
        terms: theme
            .terms
            .iter()
            .enumerate()
            .map(|(t, term)| model::TermUse {
                term: term.clone(),
                sentences: term_uses.get(t).copied().unwrap_or(0),
            })
            .collect(),
        learned: learned.words[ti]
            .iter()
            .take(LEARNED_SHOWN)
            .map(|w| model::LearnedWord {
                word: labels.word(w.stem),
                seeds: w.seeds,
                share: w.share,
            })
            .collect(),
        shown,
        points,
    }
}

/// Where a build keeps each theme's merged points under a key of everything the merge reads
/// (`points_key`), and finds them again: a rebuild whose change does not reach a theme's
/// sentences does not merge them again (a tenth of a second at 50,000 articles).
pub trait PointsMemo: Sync {
    /// The points kept under `key`, if any.
    fn recall(&self, key: &blake3::Hash) -> Option<Vec<themes::Point>>;
    /// Keeps `points` under `key`.
    fn keep(&self, key: &blake3::Hash, points: &[themes::Point]);
}

/// The key of a theme's points: its candidate sentences (article, sentence, text and score,
/// in order) and their distinct texts (language, words and stems), all that
/// [`themes::points`] reads.
fn points_key(candidates: &[Offered], texts: &Texts) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"points");
    hasher.update(&(texts.distinct.len() as u64).to_le_bytes());
    for d in &texts.distinct {
        hasher.update(d.lang.code().as_bytes());
        hasher.update(&(d.text.len() as u64).to_le_bytes());
        hasher.update(d.text.as_bytes());
        hasher.update(&(d.stems.len() as u64).to_le_bytes());
        for stem in d.stems.hashes() {
            hasher.update(&stem.to_le_bytes());
        }
    }
    for c in candidates {
        hasher.update(&c.article.to_le_bytes());
        hasher.update(&c.sentence.to_le_bytes());
        hasher.update(&c.text.to_le_bytes());
        hasher.update(&c.score.to_bits().to_le_bytes());
    }
    hasher.finalize()
}

/// The theme's best attributed quotes: of those offered (in article and sentence order), the
/// ones not among the points shown, highest sentence score first (ties in article and sentence
/// order).
fn theme_quotes(offered: Vec<QuoteOffer>, shown: &[model::Point]) -> Vec<model::ThemeQuote> {
    let cited: BTreeSet<(usize, usize)> = shown
        .iter()
        .flat_map(|p| p.sources.iter().map(|s| (s.number, s.sentence)))
        .collect();
    let mut found: Vec<QuoteOffer> = offered
        .into_iter()
        .filter(|o| !cited.contains(&(o.quote.source.number, o.quote.source.sentence)))
        .collect();
    // A stable sort keeps article and sentence order among equal scores.
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    found.truncate(QUOTES_PER_THEME);
    found.into_iter().map(|o| o.quote).collect()
}

/// The timeline's events of one article (number `ai` from 0, id `id`, filed as `filing`), as
/// its offers date them.
pub fn events<'a>(
    (ai, id): (usize, &'a Arc<str>),
    filing: &'a Filing,
    offers: &'a Offers,
) -> impl Iterator<Item = model::Event> + 'a {
    offers.events.iter().filter_map(move |e| {
        let si = e.sentence as usize;
        Some(model::Event {
            date: e.date.to_string(),
            inferred: e.inferred,
            text: filing.sentence(si)?.0.to_string(),
            source: model::SourceRef {
                article: Arc::clone(id),
                number: ai + 1,
                sentence: si,
            },
            publisher: filing.source.as_deref().map(str::to_string),
            also: Vec::new(),
        })
    })
}

/// Events of the same date and the same words, sorted, become the first of them, which lists
/// the others' sources in `also`: one row for a wire story that several papers ran. The order
/// is kept, so the result is the same on any thread count.
pub fn merge_timeline(events: Vec<model::Event>) -> Vec<model::Event> {
    // Keyed SipHash: article text cannot be written to collide (the order of the output does
    // not depend on the hashes, only on the events').
    let hasher = std::collections::hash_map::RandomState::new();
    // Index in `merged` of the first event of each (date, text), by the pair's hash.
    let mut first: rustc_hash::FxHashMap<u64, Vec<usize>> = Default::default();
    let mut merged: Vec<model::Event> = Vec::with_capacity(events.len());
    for event in events {
        let hash = hasher.hash_one((&event.date, &event.text));
        let same = first.get(&hash).and_then(|at| {
            at.iter()
                .copied()
                .find(|&i| merged[i].date == event.date && merged[i].text == event.text)
        });
        match same {
            Some(i) => merged[i].also.push(model::Reported {
                source: event.source,
                publisher: event.publisher,
            }),
            None => {
                first.entry(hash).or_default().push(merged.len());
                merged.push(event);
            }
        }
    }
    merged
}

/// The timeline's order: by date, then article and sentence.
pub fn sort_timeline(events: &mut [model::Event]) {
    events.par_sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.source.number.cmp(&b.source.number))
            .then(a.source.sentence.cmp(&b.source.sentence))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_event_in_the_same_words_on_the_same_date_is_one_row_citing_every_article() {
        let event = |date: &str, text: &str, number: usize, publisher: Option<&str>| model::Event {
            date: date.into(),
            text: text.into(),
            source: model::SourceRef {
                article: Arc::from(format!("a{number}")),
                number,
                sentence: 0,
            },
            publisher: publisher.map(str::to_string),
            inferred: false,
            also: Vec::new(),
        };
        let wire = "Talks start in April 2005.";
        let merged = merge_timeline(vec![
            event("2005-04", wire, 3, Some("Kompas")),
            event("2005-04", "Another event.", 4, None),
            event("2005-04", wire, 9, Some("Detik")),
            event("2005-05", wire, 10, None),
            event("2005-04", wire, 12, None),
        ]);
        let rows: Vec<(&str, &str, usize, Vec<usize>)> = merged
            .iter()
            .map(|e| {
                let also = e.also.iter().map(|r| r.source.number).collect();
                (e.date.as_str(), e.text.as_str(), e.source.number, also)
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("2005-04", wire, 3, vec![9, 12]),
                ("2005-04", "Another event.", 4, vec![]),
                ("2005-05", wire, 10, vec![]),
            ]
        );
        assert_eq!(merged[0].also[0].publisher.as_deref(), Some("Detik"));
        let json = serde_json::to_string(&merged[1]).expect("json");
        assert!(!json.contains("also"), "{json}");
    }

    #[test]
    fn texts_with_the_same_hash_are_told_apart_and_found_again() {
        let mut texts = Texts::default();
        let id = |t: &mut Texts, hash, text| t.id_hashed(hash, text, Lang::En, StemSet::default);
        assert_eq!(id(&mut texts, 7, "a"), 0);
        assert_eq!(id(&mut texts, 7, "b"), 1);
        assert_eq!(id(&mut texts, 9, "c"), 2);
        assert_eq!(id(&mut texts, 7, "d"), 3);
        for (text, number) in [("a", 0), ("b", 1), ("d", 3)] {
            assert_eq!(id(&mut texts, 7, text), number);
        }
        assert_eq!(id(&mut texts, 9, "c"), 2);
        // The same words in another language are another text.
        assert_eq!(texts.id_hashed(7, "a", Lang::Id, StemSet::default), 4);
        assert_eq!(texts.id("a", Lang::En, StemSet::default), 5);
        assert_eq!(texts.id("a", Lang::En, StemSet::default), 5);
        assert_eq!(texts.distinct.len(), 6);
    }
}
