//! One article's entry in the model: its sentences with their scores, themes and evidence, its
//! key terms, summary and quotations.

use super::Labels;
use crate::facts;
use crate::learn::Evidence;
use crate::model;
use crate::processed::Processed;
use crate::summary::Summary;
use crate::themes;

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

/// One article's entry in the model, but for its quotes (see [`quotes`]) and its content hash
/// ([`crate::changes::content_hash`]): a summary on its own needs neither, and a build adds
/// both. Its texts are taken from `p`, not copied: what is left there is the theme hits and
/// stems.
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
    model::Article {
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
    }
}
