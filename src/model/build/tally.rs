//! What the briefing counts of the articles as they are filed: the corpus statistics and the
//! forms the configured terms were found by.

use std::collections::{BTreeMap, BTreeSet};

use compact_str::CompactString;

use super::filing::Filing;
use crate::themes::TermForms;

/// The corpus statistics, as the articles go by.
#[derive(Default)]
pub(super) struct StatsSoFar {
    /// Sentences, all articles together.
    pub(super) sentences: usize,
    /// Pieces set aside, all articles together.
    pub(super) dropped: usize,
    /// Articles with a date.
    pub(super) dated: usize,
    /// Their dates, each once.
    pub(super) dates: BTreeSet<String>,
    /// Publishers, lowercased, each once.
    pub(super) sources: BTreeSet<String>,
    /// Publishers as written, each once.
    pub(super) source_names: BTreeSet<String>,
    /// Articles per language.
    pub(super) languages: BTreeMap<String, usize>,
}

impl StatsSoFar {
    /// Counts one article filed.
    pub(super) fn add(&mut self, a: &Filing) {
        self.sentences += a.sentences;
        self.dropped += a.dropped;
        if let Some(date) = a.date.as_deref() {
            self.dated += 1;
            if !self.dates.contains(date) {
                self.dates.insert(date.to_string());
            }
        }
        if let Some(source) = a.source.as_deref()
            && !self.source_names.contains(source)
        {
            self.sources.insert(source.to_lowercase());
            self.source_names.insert(source.to_string());
        }
        match self.languages.get_mut(a.language.as_str()) {
            Some(n) => *n += 1,
            None => {
                self.languages.insert(a.language.to_string(), 1);
            }
        }
    }
}

/// The forms the articles filed so far matched the configured terms by: a [`TermForms`] of
/// inline strings, which a lookup copies without allocating.
pub(super) type FiledForms = BTreeMap<(CompactString, CompactString), BTreeSet<CompactString>>;

/// Adds the forms an article's sentences matched the configured terms by.
pub(super) fn add_forms(forms: &mut FiledForms, filing: &Filing) {
    for [theme, term, form] in &filing.forms {
        match forms.get_mut(&(theme.clone(), term.clone())) {
            Some(set) => {
                if !set.contains(form) {
                    set.insert(form.clone());
                }
            }
            None => {
                let key = (theme.clone(), term.clone());
                forms.insert(key, BTreeSet::from([form.clone()]));
            }
        }
    }
}

/// The forms as the theme warnings take them.
pub(super) fn term_forms(forms: FiledForms) -> TermForms {
    (forms.into_iter())
        .map(|((theme, term), set)| {
            let set = set.into_iter().map(String::from).collect();
            ((theme.into(), term.into()), set)
        })
        .collect()
}
