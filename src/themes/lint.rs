//! What is wrong with the themes as written, seen in what they found: a theme or a term that
//! matches nothing, a term listed twice or both wanted and excluded, and a term whose stem is
//! broader than what was written (`watering` matching every `water`), which `=watering` keeps
//! to the written form.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::ThemeConfig;
use crate::text::{self, Lang};
use crate::theme_terms::EXACT;

/// (theme id, configured term) → the forms the articles' sentences matched it by, lowercase,
/// gathered as the model is built: what finds terms whose stem is broader than written.
pub type TermForms = BTreeMap<(String, String), BTreeSet<String>>;

/// What a theme found, as the warnings need it: its sentences, and the configured terms that
/// matched none.
#[derive(Debug, Clone, Default)]
pub struct Found<'a> {
    /// How many sentences are under the theme.
    pub sentences: usize,
    /// Its terms (as written in the configuration) that matched no sentence.
    pub unmatched: Vec<&'a str>,
}

/// Every warning about the themes, in configuration order; `found` is what each theme found,
/// in the same order.
pub fn warnings(themes: &[ThemeConfig], found: &[Found<'_>], forms: &TermForms) -> Vec<String> {
    let mut out = Vec::new();
    // Configured terms by their normal written form, to find repeats.
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for theme in themes {
        let excluded: BTreeSet<String> = theme.exclude.iter().map(|t| normal(t)).collect();
        for term in &theme.terms {
            let key = normal(term);
            if excluded.contains(&key) {
                out.push(format!(
                    "theme {:?} lists {term:?} both in `terms` and in `exclude`; keep it in one",
                    theme.id
                ));
            }
            match seen.get(&key) {
                Some(&other) if other != theme.id => out.push(format!(
                    "the term {term:?} is listed in themes {other:?} and {:?}: its sentences go \
                     under both; keep it in the one it belongs to",
                    theme.id
                )),
                Some(_) => out.push(format!(
                    "theme {:?} lists the term {term:?} twice",
                    theme.id
                )),
                None => {
                    seen.insert(key, &theme.id);
                }
            }
        }
    }
    for (theme, found) in themes.iter().zip(found) {
        if found.sentences == 0 {
            out.push(format!(
                "theme {:?} matches no sentence: check its terms against the articles' words (`briefing themes` shows what each found)",
                theme.id
            ));
            continue;
        }
        for term in &found.unmatched {
            out.push(format!(
                "theme {:?}: the term {term:?} matches no sentence",
                theme.id
            ));
        }
    }
    out.extend(broad_stems(themes, forms));
    out
}

/// Terms whose stem is shorter than what was written and that were found as that bare stem.
fn broad_stems(themes: &[ThemeConfig], forms: &TermForms) -> Vec<String> {
    let mut out = Vec::new();
    for theme in themes {
        for term in theme.terms.iter().filter(|t| !t.starts_with(EXACT)) {
            let Some(forms) = forms.get(&(theme.id.clone(), term.clone())) else {
                continue;
            };
            if let Some(stem) = broader_stem(term, |stem| forms.contains(stem)) {
                out.push(format!(
                    "theme {:?}: the term {term:?} matches by its stem {stem:?}, and the \
                     articles use {stem:?} itself; write \"{EXACT}{term}\" to match only {term:?}",
                    theme.id
                ));
            }
        }
    }
    out
}

/// The stem of a one-word `term` when it is shorter than what was written and `used` says the
/// articles use that bare stem as a word (`watering` finding `water`): the term then matches
/// more than its author wrote.
pub fn broader_stem(term: &str, used: impl Fn(&str) -> bool) -> Option<String> {
    let written = term.to_lowercase();
    for lang in [Lang::Id, Lang::En] {
        let (tokens, vocabulary) = text::analyze(term, lang);
        let [token] = tokens.as_slice() else {
            return None;
        };
        let stem = vocabulary.stem(token);
        if stem != written && used(stem) {
            return Some(stem.to_string());
        }
    }
    None
}

/// A term's written form, for comparing terms: lowercase, inner blanks folded.
fn normal(term: &str) -> String {
    term.trim_start_matches(EXACT)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
