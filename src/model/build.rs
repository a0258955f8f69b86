//! Building the data model from processed articles: per-article entries, theme sections with
//! their merged points, corpus statistics and the "generated" date.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::facts;
use crate::learn::{Evidence, Learned};
pub use crate::model::evidence::Labels;
use crate::model::{self, Briefing};
use crate::processed::Processed;
use crate::summary::Summary;
use crate::theme_terms::ThemeMatcher;
use crate::themes::{self, Candidate};

/// Builds the briefing from the processed articles, their summaries and their sentences'
/// themes (same order). The articles' texts move into the model: what is left of each is its
/// theme hits and stems.
pub fn model_of(
    config: &Config,
    matcher: &ThemeMatcher,
    learned: &Learned,
    processed: &mut [Processed],
    summaries: &[Summary],
    evidence: &[Vec<Vec<Evidence>>],
) -> Briefing {
    let forms = learned.word_forms(processed);
    let labels = Labels::new(matcher, &forms);
    let articles: Vec<model::Article> = processed
        .par_iter_mut()
        .zip(summaries)
        .zip(evidence)
        .map(|((p, s), e)| {
            let quotes = quotes(p);
            model::Article {
                quotes,
                ..article_model(p, s, e, &labels)
            }
        })
        .collect();

    // What each theme's section is made of, gathered in one pass over the corpus (in article
    // and sentence order), so that n themes cost the corpus once, not n times.
    let mut inputs = by_theme(matcher, processed, summaries, evidence, &articles);
    // Each theme's section on its own thread; collected in configuration order.
    let section = |((ti, theme), input): ((usize, &crate::config::ThemeConfig), SectionInput)| {
        let SectionInput {
            mut weights,
            hit_terms,
            candidates,
            quotes,
        } = input;
        let sentences = candidates.len();
        let mut term_uses = vec![0usize; theme.terms.len()];
        hit_terms.iter().for_each(|&t| term_uses[t as usize] += 1);
        weights.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let points: Vec<model::Point> = themes::points(candidates)
            .into_iter()
            .map(|pt| model::Point {
                text: pt.text,
                score: pt.score,
                sources: pt
                    .sources
                    .into_iter()
                    .map(|(a, s)| model::SourceRef {
                        article: articles[a].id.clone(),
                        number: a + 1,
                        sentence: s,
                    })
                    .collect(),
            })
            .collect();
        let shown = points.len().min(config.briefing.points_per_theme);
        model::Theme {
            quotes: theme_quotes(&articles, &quotes, &points[..shown]),
            id: theme.id.clone(),
            title: theme.title.clone(),
            description: theme.description.clone(),
            articles: weights
                .iter()
                .map(|&(_, ai)| articles[ai].id.clone())
                .collect(),
            numbers: weights.iter().map(|&(_, ai)| ai + 1).collect(),
            sentences,
            terms: theme
                .terms
                .iter()
                .zip(term_uses)
                .map(|(term, sentences)| model::TermUse {
                    term: term.clone(),
                    sentences,
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
    };
    // The timeline beside the sections: a section's points are merged on one thread, and the
    // largest section can take the longest of all.
    let (sections, timeline) = rayon::join(
        || -> Vec<model::Theme> {
            let inputs = std::mem::take(&mut inputs);
            matcher
                .themes()
                .par_iter()
                .enumerate()
                .zip(inputs)
                .map(section)
                .collect()
        },
        || timeline(&articles),
    );

    let dates: BTreeSet<&str> = articles.iter().filter_map(|a| a.date.as_deref()).collect();
    let sources: BTreeSet<String> = articles
        .iter()
        .filter_map(|a| a.source.as_ref().map(|s| s.to_lowercase()))
        .collect();
    let mut languages: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &articles {
        *languages.entry(a.language.as_str()).or_default() += 1;
    }
    let language = languages
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map_or("id", |(l, _)| l)
        .to_string();
    Briefing {
        schema: model::SCHEMA,
        title: config.title.clone(),
        generated: generated_date(config),
        language,
        stats: model::Stats {
            articles: articles.len(),
            sources: sources.len(),
            sentences: articles.iter().map(|a| a.sentences.len()).sum(),
            dropped: articles.iter().map(|a| a.dropped.len()).sum(),
            date_from: dates.first().map(|d| d.to_string()),
            date_to: dates.last().map(|d| d.to_string()),
            dated: articles.iter().filter(|a| a.date.is_some()).count(),
            source_names: articles
                .iter()
                .filter_map(|a| a.source.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        },
        articles_shown: articles.len().min(config.briefing.articles_shown),
        // Filled in by the command that writes or compares the briefing (see `changes`).
        changes: model::Changes::default(),
        themes: sections,
        timeline,
        articles,
    }
}

/// How many quotes a theme section carries.
const QUOTES_PER_THEME: usize = 3;

/// The theme's best attributed quotes: from `quotes` (the attributed quotes in sentences that
/// speak to the theme, as (article index, quote index), in article and sentence order) those not
/// among the points shown, highest sentence score first (ties in article and sentence order).
fn theme_quotes(
    articles: &[model::Article],
    quotes: &[(usize, usize)],
    shown: &[model::Point],
) -> Vec<model::ThemeQuote> {
    let cited: BTreeSet<(usize, usize)> = shown
        .iter()
        .flat_map(|p| p.sources.iter().map(|s| (s.number, s.sentence)))
        .collect();
    let mut found: Vec<(f64, model::ThemeQuote)> = Vec::new();
    for &(ai, qi) in quotes {
        let article = &articles[ai];
        let q = &article.quotes[qi];
        let Some(speaker) = &q.speaker else { continue };
        if cited.contains(&(ai + 1, q.sentence)) {
            continue;
        }
        let source = model::SourceRef {
            article: article.id.clone(),
            number: ai + 1,
            sentence: q.sentence,
        };
        let quote = model::ThemeQuote {
            text: q.text.clone(),
            speaker: speaker.clone(),
            source,
        };
        found.push((article.sentences[q.sentence].score, quote));
    }
    // A stable sort keeps article and sentence order among equal scores.
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    found.truncate(QUOTES_PER_THEME);
    found.into_iter().map(|(_, q)| q).collect()
}

/// What one theme's section is made of.
#[derive(Default)]
struct SectionInput<'a> {
    /// (weight, article index) of the articles that speak to the theme, in article order.
    weights: Vec<(f64, usize)>,
    /// Per sentence that carries the theme's terms, each distinct term (index in its `terms`).
    hit_terms: Vec<u32>,
    /// The sentences that speak to the theme, by any evidence, in article and sentence order.
    candidates: Vec<Candidate<'a>>,
    /// The attributed quotes in those sentences: (article index, quote index).
    quotes: Vec<(usize, usize)>,
}

/// Every theme's [`SectionInput`], in configuration order, from one pass over the corpus: its
/// cost is the corpus's size plus the (sentence, theme) pairs, whatever the number of themes.
fn by_theme<'a>(
    matcher: &ThemeMatcher,
    processed: &'a [Processed],
    summaries: &[Summary],
    evidence: &[Vec<Vec<Evidence>>],
    articles: &'a [model::Article],
) -> Vec<SectionInput<'a>> {
    let index: FxHashMap<&str, usize> = matcher
        .themes()
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut inputs: Vec<SectionInput<'a>> = (0..matcher.themes().len())
        .map(|_| SectionInput::default())
        .collect();
    let mut terms: Vec<u32> = Vec::new();
    for (ai, ((p, s), e)) in processed.iter().zip(summaries).zip(evidence).enumerate() {
        let article = &articles[ai];
        for tw in &article.themes {
            if let Some(&ti) = index.get(tw.id.as_str()) {
                inputs[ti].weights.push((tw.weight, ai));
            }
        }
        for hit in p.hits.iter().flatten() {
            terms.clear();
            terms.extend(hit.matches.iter().map(|m| m.term));
            terms.sort_unstable();
            terms.dedup();
            inputs[hit.theme].hit_terms.extend_from_slice(&terms);
        }
        for (si, found) in e.iter().enumerate() {
            for ev in found {
                let candidates = &mut inputs[ev.theme].candidates;
                // The first evidence of a theme for a sentence is the one that counts.
                if candidates
                    .last()
                    .is_some_and(|c| (c.article, c.sentence) == (ai, si))
                {
                    continue;
                }
                candidates.push(Candidate {
                    article: ai,
                    sentence: si,
                    text: &article.sentences[si].text,
                    lang: p.language,
                    stems: &p.stems[si],
                    score: ev.score * (0.5 + 0.5 * s.scores[si]),
                });
            }
        }
        for (qi, q) in article.quotes.iter().enumerate() {
            if q.speaker.is_none() {
                continue;
            }
            for theme in &article.sentences[q.sentence].themes {
                if let Some(&ti) = index.get(theme.as_str()) {
                    let quotes = &mut inputs[ti].quotes;
                    if quotes.last() != Some(&(ai, qi)) {
                        quotes.push((ai, qi));
                    }
                }
            }
        }
    }
    inputs
}

/// Every sentence that dates what it reports, ordered by date, then article and sentence.
fn timeline(articles: &[model::Article]) -> Vec<model::Event> {
    let mut events: Vec<model::Event> = articles
        .par_iter()
        .enumerate()
        .flat_map_iter(|(ai, article)| {
            article
                .sentences
                .iter()
                .enumerate()
                .filter_map(move |(si, sentence)| {
                    let date = facts::event_date(&sentence.text, article.date.as_deref())?;
                    Some(model::Event {
                        date: date.date,
                        inferred: date.inferred,
                        text: sentence.text.clone(),
                        source: model::SourceRef {
                            article: article.id.clone(),
                            number: ai + 1,
                            sentence: si,
                        },
                        publisher: article.source.clone(),
                    })
                })
        })
        .collect();
    events.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.source.number.cmp(&b.source.number))
            .then(a.source.sentence.cmp(&b.source.sentence))
    });
    events
}

/// The quotations of an article, each with its speaker where the text names one (a pronoun's
/// speaker is the last one named before: by a quotation, or as the subject of a sentence).
/// Subjects are looked for only when a quotation needs one.
pub fn quotes(p: &Processed) -> Vec<model::Quote> {
    // The last speaker as of the sentences before `known`; those from `known` on are not
    // quotations, and their subjects are read only when asked for.
    let mut speaker: Option<String> = None;
    let mut known = 0;
    let mut found = Vec::new();
    for (i, sentence) in p.sentences.iter().enumerate() {
        let previous = || {
            p.sentences[known..i]
                .iter()
                .rev()
                .find_map(|s| facts::subject(&s.text))
                .or_else(|| speaker.clone())
        };
        let Some(q) = facts::quote(&sentence.text, previous) else {
            continue;
        };
        speaker = q.speaker.clone().or_else(previous);
        known = i + 1;
        found.push(model::Quote {
            text: q.text,
            speaker: q.speaker,
            sentence: i,
        });
    }
    found
}

/// Learned words listed in a theme section of the model.
const LEARNED_SHOWN: usize = 20;

/// One article's entry in the model, but for its quotes (see [`quotes`]: a summary on its own
/// does not need them). Its texts are taken from `p`, not copied: what is left there is the
/// theme hits and stems.
pub fn article_model(
    p: &mut Processed,
    s: &Summary,
    evidence: &[Vec<Evidence>],
    labels: &Labels<'_>,
) -> model::Article {
    let theme_ids: Vec<&str> = labels
        .matcher
        .themes()
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    let doc = &mut p.doc;
    let id = std::mem::take(&mut doc.id);
    let mut article = model::Article {
        path: std::mem::take(&mut doc.path),
        hash: String::new(),
        title: doc.title.take().unwrap_or_else(|| id.clone()),
        source: doc.source.take(),
        authors: std::mem::take(&mut doc.authors),
        date: doc.date.take(),
        url: doc.url.take(),
        teaser: doc.teaser,
        id,
        language: p.language.code().to_string(),
        key_terms: s
            .key_terms
            .iter()
            .map(|(term, weight)| model::KeyTerm {
                term: term.clone(),
                weight: *weight,
            })
            .collect(),
        summary: s.chosen.clone(),
        themes: themes::profile(evidence, theme_ids.len())
            .into_iter()
            .map(|(t, weight)| model::ThemeWeight {
                id: theme_ids[t].to_string(),
                weight,
            })
            .collect(),
        sentences: std::mem::take(&mut p.sentences)
            .into_iter()
            .zip(&p.hits)
            .zip(evidence)
            .zip(&s.scores)
            .zip(&p.terms.occurrences)
            .map(
                |((((sentence, hits), found), score), occurrences)| model::Sentence {
                    evidence: labels.evidence(&sentence.text, hits, found),
                    themes: found
                        .iter()
                        .map(|e| theme_ids[e.theme].to_string())
                        .collect(),
                    text: sentence.text,
                    score: *score,
                    line: sentence.line,
                    marks: occurrences
                        .iter()
                        .filter(|o| s.key_term_ids.contains(&(o.term as usize)))
                        .map(|o| [o.start as usize, o.end as usize])
                        .collect(),
                },
            )
            .collect(),
        quotes: Vec::new(),
        dropped: std::mem::take(&mut p.doc.dropped)
            .into_iter()
            .map(|d| model::Dropped {
                text: d.text,
                reason: d.reason.as_str().to_string(),
                line: d.line,
            })
            .collect(),
    };
    article.hash = crate::changes::content_hash(&article);
    article
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_613), (2023, 9, 13));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
