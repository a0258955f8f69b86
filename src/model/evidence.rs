//! How a sentence's evidence for its themes is shown in the model: the configured terms as
//! written and as found, learned words as the articles write them, and what put it there.

use rustc_hash::FxHashMap;

use crate::learn::Evidence;
use crate::model;
use crate::theme_terms::{ThemeHit, ThemeMatcher};

/// What evidence is shown by: theme ids, the configured terms, and learned words as the
/// articles write them.
pub struct Labels<'a> {
    pub(crate) matcher: &'a ThemeMatcher,
    forms: &'a FxHashMap<u64, String>,
}

impl<'a> Labels<'a> {
    /// Labels for the themes of `matcher` and the learned words' written `forms`.
    pub fn new(matcher: &'a ThemeMatcher, forms: &'a FxHashMap<u64, String>) -> Self {
        Labels { matcher, forms }
    }

    /// A learned word as the articles write it.
    pub(crate) fn word(&self, stem: u64) -> String {
        self.forms.get(&stem).cloned().unwrap_or_default()
    }

    /// One sentence's evidence for the model.
    pub(crate) fn evidence(
        &self,
        text: &str,
        hits: &[ThemeHit],
        found: &[Evidence],
    ) -> Vec<model::ThemeEvidence> {
        let themes = self.matcher.themes();
        found
            .iter()
            .map(|e| {
                let config = &themes[e.theme];
                let terms = hits
                    .iter()
                    .filter(|h| h.theme == e.theme)
                    .flat_map(|h| &h.matches)
                    .map(|m| {
                        let term = config.terms.get(m.term as usize);
                        let found = text.get(m.span[0] as usize..m.span[1] as usize);
                        [
                            term.cloned().unwrap_or_default(),
                            found.unwrap_or_default().to_string(),
                        ]
                    })
                    .collect();
                model::ThemeEvidence {
                    theme: config.id.clone(),
                    score: e.score,
                    via: e.via.name().to_string(),
                    terms,
                    learned: e.learned.iter().map(|&s| self.word(s)).collect(),
                    similarity: e.similarity,
                    neighbour: e.neighbour,
                }
            })
            .collect()
    }
}
