//! `[summary]`: the length of summaries and the weights of the sentence score, built in per
//! language and set in `[summary.weights]`.

use serde::{Deserialize, Serialize};

use crate::text::Lang;

/// `[summary]`: length of summaries and the weights of the sentence score.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SummaryConfig {
    /// Sentences per summary.
    pub sentences: usize,
    /// Key terms listed per article.
    pub key_terms: usize,
    /// The weights `[summary.weights]` sets (see README, "How summaries are made"): each one
    /// set applies to every article; each one left out is the article's language's default.
    pub weights: WeightSettings,
}

impl Default for SummaryConfig {
    fn default() -> Self {
        SummaryConfig {
            sentences: 3,
            key_terms: 10,
            weights: WeightSettings::default(),
        }
    }
}

impl SummaryConfig {
    /// The weights an article in `lang` is scored with: the configured ones over
    /// [`Weights::default_for`] `lang`.
    pub fn weights_for(&self, lang: Lang) -> Weights {
        self.weights.over(Weights::default_for(lang))
    }
}

/// The weights of the sentence score (README, "How summaries are made").
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Weights {
    /// Key-term mass of the sentence (the core signal).
    pub terms: f64,
    /// Closeness to the start of the article.
    pub position: f64,
    /// Overlap with the title.
    pub title: f64,
    /// Opening a paragraph.
    pub paragraph: f64,
    /// Penalty for sentences much shorter than usual.
    pub length: f64,
    /// Penalty for direct speech.
    pub quote: f64,
    /// Penalty per unit of overlap with a sentence already chosen.
    pub redundancy: f64,
    /// Centrality in the direction of reading: what the later sentences echo.
    pub centrality: f64,
}

impl Weights {
    /// The built-in weights for articles in `lang`, used where `[summary.weights]` sets none.
    ///
    /// Fitted by `examples/fit_weights.rs` (coordinate ascent on mean ROUGE F1 of 3-sentence
    /// summaries, 5-fold cross-validated, position held at 1 as the scale) on training data
    /// that is not the evaluation data: Indonesian on IndoSum's dev folds less every article
    /// of `../shared/eval/dev.jsonl`, English on CNN/DailyMail train-split samples (see
    /// `data/TRAINING.md` for the sources, their commits and licences, and the commands).
    /// `title` is not fitted: neither training set has real headlines; nor is English
    /// `paragraph` (held at 0): every English training story is one paragraph. `centrality` is
    /// English only: on Indonesian it cross-validated no better (67.80 R-1 against 67.75).
    pub fn default_for(lang: Lang) -> Weights {
        match lang {
            Lang::Id => INDONESIAN,
            Lang::En => ENGLISH,
        }
    }
}

/// [`Weights::default_for`] Indonesian.
const INDONESIAN: Weights = Weights {
    terms: 0.2,
    position: 1.0,
    title: 0.1,
    paragraph: 0.0,
    length: 0.3,
    quote: 0.75,
    redundancy: 0.0,
    centrality: 0.0,
};

/// [`Weights::default_for`] English: fitted on the 150 CNN stories of `en-train-cnn.jsonl`
/// (`FIT_PARAGRAPH=0 cargo run --release --example fit_weights -- en-train-cnn.jsonl --stem`),
/// on a grid reaching 50 (centrality came out 15: past the earlier grid's top of 5).
const ENGLISH: Weights = Weights {
    terms: 1.5,
    position: 1.0,
    title: 0.1,
    paragraph: 0.0,
    length: 1.5,
    quote: 7.5,
    redundancy: 0.0,
    centrality: 15.0,
};

/// `[summary.weights]` as written: the weights set, each a number of 0 or more.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct WeightSettings {
    /// See [`Weights::terms`].
    #[serde(
        deserialize_with = "weight::<0, _>",
        skip_serializing_if = "Option::is_none"
    )]
    pub terms: Option<f64>,
    /// See [`Weights::position`].
    #[serde(
        deserialize_with = "weight::<1, _>",
        skip_serializing_if = "Option::is_none"
    )]
    pub position: Option<f64>,
    /// See [`Weights::title`].
    #[serde(
        deserialize_with = "weight::<2, _>",
        skip_serializing_if = "Option::is_none"
    )]
    pub title: Option<f64>,
    /// See [`Weights::paragraph`].
    #[serde(
        deserialize_with = "weight::<3, _>",
        skip_serializing_if = "Option::is_none"
    )]
    pub paragraph: Option<f64>,
    /// See [`Weights::length`].
    #[serde(
        deserialize_with = "weight::<4, _>",
        skip_serializing_if = "Option::is_none"
    )]
    pub length: Option<f64>,
    /// See [`Weights::quote`].
    #[serde(
        deserialize_with = "weight::<5, _>",
        skip_serializing_if = "Option::is_none"
    )]
    pub quote: Option<f64>,
    /// See [`Weights::redundancy`].
    #[serde(
        deserialize_with = "weight::<6, _>",
        skip_serializing_if = "Option::is_none"
    )]
    pub redundancy: Option<f64>,
    /// See [`Weights::centrality`].
    #[serde(
        deserialize_with = "weight::<7, _>",
        skip_serializing_if = "Option::is_none"
    )]
    pub centrality: Option<f64>,
}

impl WeightSettings {
    /// `base` with every weight set here put in its place.
    pub fn over(&self, base: Weights) -> Weights {
        Weights {
            terms: self.terms.unwrap_or(base.terms),
            position: self.position.unwrap_or(base.position),
            title: self.title.unwrap_or(base.title),
            paragraph: self.paragraph.unwrap_or(base.paragraph),
            length: self.length.unwrap_or(base.length),
            quote: self.quote.unwrap_or(base.quote),
            redundancy: self.redundancy.unwrap_or(base.redundancy),
            centrality: self.centrality.unwrap_or(base.centrality),
        }
    }
}

/// The keys of [`Weights`], in declaration order (for messages, and the keys `init` shows).
pub const WEIGHT_KEYS: [&str; 8] = [
    "terms",
    "position",
    "title",
    "paragraph",
    "length",
    "quote",
    "redundancy",
    "centrality",
];

/// The weight [`WEIGHT_KEYS`]`[K]` of the sentence score: a finite number, 0 or more (a
/// negative weight would turn a feature or penalty around). As a field deserialiser, its error
/// carries the line.
fn weight<'de, const K: usize, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<f64>, D::Error> {
    let value = f64::deserialize(deserializer)?;
    if value.is_finite() && value >= 0.0 {
        Ok(Some(value))
    } else {
        Err(serde::de::Error::custom(format!(
            "summary.weights.{} = {value}: give a number of 0 or more (0 turns the feature off)",
            WEIGHT_KEYS[K]
        )))
    }
}
