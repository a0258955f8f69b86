//! What the per-article stages make of one article: the unit the cache stores, `summarize
//! --partial` writes and every cross-article step reads. It sits below the pipeline, the model
//! and the partial records, which all use it.

use serde::{Deserialize, Serialize};

use crate::config::SummaryConfig;
use crate::corpus;
use crate::segment;
use crate::stems::StemSet;
use crate::summary::{self, ArticleTerms, DocFreq, Features, Summary};
use crate::text::Lang;
use crate::theme_terms::ThemeHit;

/// One article through every per-article stage, compact: what the cross-article steps need of
/// it (its words are gone, only what they gave is kept), and what the cache stores.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Processed {
    /// Its metadata and dropped pieces (the paragraphs are now `sentences`).
    pub doc: corpus::Document,
    /// Its language.
    pub language: Lang,
    /// Its sentences.
    pub sentences: Vec<segment::Sentence>,
    /// Its terms.
    pub terms: ArticleTerms,
    /// Theme hits per sentence.
    pub hits: Vec<Vec<ThemeHit>>,
    /// Per sentence, the features that do not depend on the corpus.
    pub features: Vec<Features>,
    /// Per sentence, its content words (for redundancy in the summary).
    pub bags: Vec<StemSet>,
    /// Per sentence, its content words and numbers (what the learn stage works from, and
    /// near-duplicate points are found by).
    pub stems: Vec<StemSet>,
    /// Per sentence, whether it continues the one before ([`crate::text::discourse`]).
    pub continues: Vec<bool>,
    /// blake3 of its text, to find duplicate articles.
    pub text_hash: [u8; 32],
}

impl Processed {
    /// Scores and chooses the summary; `df` weighs terms by the corpus when there is one.
    pub fn summarize(&self, df: Option<&DocFreq>, config: &SummaryConfig) -> Summary {
        summary::summarize(&self.terms, &self.features, &self.bags, df, config)
    }

    /// Frees what only scoring reads (the term list, content-word bags, features) once the
    /// summary is made: the model is built from the rest. At 100,000 articles this is ~0.9 GB
    /// less to hold beside the model.
    pub fn release_scoring(&mut self) {
        self.terms.terms = Vec::new();
        self.bags = Vec::new();
        self.features = Vec::new();
    }
}
