//! What the per-article stages make of one article: the unit the cache stores, `summarize
//! --partial` writes and every cross-article step reads. It sits below the pipeline, the model
//! and the partial records, which all use it.

use serde::{Deserialize, Serialize};

use crate::config::{SummaryConfig, ThemeConfig};
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
    /// Checks what a record made elsewhere claims against itself and the themes, so that no
    /// index or length in it can lead the cross-article steps astray: every per-sentence list
    /// as long as the sentences, every term, theme and theme-term index in range, every span
    /// on the sentence's characters, every feature a number, every stem set in order.
    pub fn validate(&self, themes: &[ThemeConfig]) -> Result<(), String> {
        let n = self.sentences.len();
        let lengths = [
            ("hits", self.hits.len()),
            ("features", self.features.len()),
            ("bags", self.bags.len()),
            ("stems", self.stems.len()),
            ("continues", self.continues.len()),
            ("terms.occurrences", self.terms.occurrences.len()),
        ];
        for (name, len) in lengths {
            if len != n {
                return Err(format!("{name} has {len} entries for {n} sentences"));
            }
        }
        let span_ok = |text: &str, start: usize, end: usize| {
            start <= end
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end)
        };
        for (si, sentence) in self.sentences.iter().enumerate() {
            let text = sentence.text.as_str();
            for o in &self.terms.occurrences[si] {
                if o.term as usize >= self.terms.terms.len()
                    || !span_ok(text, o.start as usize, o.end as usize)
                {
                    return Err(format!("sentence {si}: a term occurrence out of range"));
                }
            }
            for hit in &self.hits[si] {
                let Some(theme) = themes.get(hit.theme) else {
                    return Err(format!("sentence {si}: theme {} does not exist", hit.theme));
                };
                for m in &hit.matches {
                    if m.term as usize >= theme.terms.len()
                        || !span_ok(text, m.span[0] as usize, m.span[1] as usize)
                    {
                        return Err(format!("sentence {si}: a theme term out of range"));
                    }
                }
            }
            let f = &self.features[si];
            let numbers = [
                f.terms,
                f.position,
                f.title,
                f.shortness,
                f.quote,
                f.paragraph_start,
            ];
            if numbers.iter().any(|x| !x.is_finite()) {
                return Err(format!("sentence {si}: a feature is not a number"));
            }
            if !self.bags[si].is_ordered() || !self.stems[si].is_ordered() {
                return Err(format!("sentence {si}: a word set out of order"));
            }
        }
        Ok(())
    }

    /// Scores and chooses the summary; `df` weighs terms by the corpus when there is one.
    pub fn summarize(&self, df: Option<&DocFreq>, config: &SummaryConfig) -> Summary {
        let scored = summary::Scored {
            lang: self.language,
            publisher: self.doc.source.as_deref(),
        };
        summary::summarize(&self.terms, &self.features, &self.bags, df, config, scored)
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

/// Processed articles in their final order, a batch at a time: held in memory, or read back
/// from where they were spilled. The cross-article steps read the corpus through this, so that
/// none of them needs it all in memory at once.
pub trait Batches: Sync {
    /// How many articles there are.
    fn count(&self) -> usize;

    /// Calls `f` with each batch in order and the index of its first article; stops at the
    /// first error reading them back.
    fn each_batch(&self, f: &mut dyn FnMut(usize, &[Processed])) -> std::io::Result<()>;

    /// Whether they are read back from a file (so that what is made of them for later passes
    /// should be kept in a file too, not held).
    fn spilled(&self) -> bool {
        false
    }
}

impl Batches for &[Processed] {
    fn count(&self) -> usize {
        self.len()
    }

    fn each_batch(&self, f: &mut dyn FnMut(usize, &[Processed])) -> std::io::Result<()> {
        f(0, self);
        Ok(())
    }
}
