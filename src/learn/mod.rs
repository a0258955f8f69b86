//! The learn stage, between the per-article stages and grouping: what the corpus teaches about
//! each theme, starting from the sentences its configured terms find (the seeds), and every
//! sentence's themes with their evidence.
//!
//! - **Learned words**: a word most of whose sentences are seeds of a theme (at least two of
//!   them) becomes evidence for that theme: names, places and jargon the user did not list.
//! - **Similarity**: a sentence is compared with each theme by word vectors (the shipped
//!   tables, [`crate::text::vectors`]): the theme's prototype is the vector of its title,
//!   description and terms, moved toward the centroid of its seeds. A sentence joins the theme
//!   when it is past the theme's threshold (where its seeds part from the rest of the corpus);
//!   in an article of three sentences or more, only the one theme the whole article is closest
//!   to, only past the background (the sentences no theme's terms reach), and only when the
//!   article names that theme somewhere (one of its terms or learned words).
//! - **Neighbours**: a sentence with no evidence of its own that continues its neighbour
//!   ([`crate::text::discourse`]) takes the neighbour's themes, with less confidence; one
//!   with next to no words of its own ("Now, even that has fallen apart.") takes the themes
//!   of the sentence it leads into.
//!
//! Every sum is taken in fixed point or in a fixed order, so the result does not depend on the
//! thread count.

mod evidence;
mod fit;
mod histogram;
mod sample;
mod sentence;
mod space;
mod steps;
mod store;
mod view;
mod words;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::config::GroupingConfig;
use crate::processed::{Batches, Processed};
use crate::text::Lang;
use crate::theme_terms::ThemeMatcher;

pub use sample::{LEARN_SAMPLE, Sample};
use space::MIN_SEEDS;
use space::OwnTerms;
pub use space::{Space, Spaces};
pub use steps::{Part, Progress, Step};
pub use store::ViewBatches;
use store::ViewStore;
pub use view::{ArticleView, Views};
pub use words::forms_in;

/// One theme of one sentence, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Index of the theme in the configuration.
    pub theme: usize,
    /// Confidence in (0, 1], rounded to three decimals: terms 0.67–1, learned words or
    /// similarity 0.25–0.6, a neighbour's themes three quarters of the neighbour's.
    pub score: f64,
    /// What put the sentence under the theme.
    pub via: Via,
    /// The learned words of the theme the sentence carries (stem hashes).
    pub learned: Vec<u64>,
    /// Its similarity to the theme, when similarity put it there or agrees with its learned
    /// words.
    pub similarity: Option<f64>,
    /// The neighbouring sentence whose themes it takes, when that is what put it there: the
    /// one before, which it continues, or the one after, which a bridge leads into.
    pub neighbour: Option<usize>,
}

/// What put a sentence under a theme, firmest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// One of the theme's configured terms.
    Terms,
    /// Enough of the theme's learned words.
    Learned,
    /// Closeness by word vectors, and nothing else.
    Similarity,
    /// The themes of the sentence it continues or leads into.
    Neighbour,
}

impl Via {
    /// Its name in `briefing.json` (`terms`, `learned`, `similarity`, `neighbour`).
    pub fn name(self) -> &'static str {
        match self {
            Via::Terms => "terms",
            Via::Learned => "learned",
            Via::Similarity => "similarity",
            Via::Neighbour => "neighbour",
        }
    }
}

/// A word the corpus taught a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnedWord {
    /// Its stem's hash.
    pub stem: u64,
    /// How many of the theme's seed sentences carry it.
    pub seeds: usize,
    /// The share of the sentences carrying it that are seeds of the theme.
    pub share: f64,
}

/// What the corpus taught about the themes.
#[derive(Debug, Clone)]
pub struct Learned {
    /// Per theme, its learned words, strongest first.
    pub words: Vec<Vec<LearnedWord>>,
    /// Per theme, learned word → its weight (the share).
    weights: Vec<FxHashMap<u64, f64>>,
    /// Each theme's place in the vector space of each language (none when similarity is off).
    spaces: Option<Spaces>,
    settings: GroupingConfig,
}

/// Rounds of self-training of the theme prototypes (each one a pass over the corpus; the
/// second still moved sentences, further ones little).
const SELF_TRAINING_ROUNDS: usize = 2;
/// Learned words kept per theme, the strongest.
const WORDS_KEPT: usize = 500;
/// Seed sentences a word needs to be learned.
const WORD_SUPPORT: usize = 3;
/// The learned-word weight that puts a sentence under a theme on its own (two words learned
/// firmly, or three loosely).
const LEARNED_ENOUGH: f64 = 1.2;
/// How much a unit of learned-word weight adds to a similarity.
const LEARNED_NUDGE: f64 = 0.05;
/// A neighbour's themes pass on at this share of their confidence.
const NEIGHBOUR_SHARE: f64 = 0.75;
/// Sentences from which an article has a body besides its subject (see
/// [`Learned::own_evidence`]).
const BODY: usize = 3;
/// Below this confidence a neighbour's theme is not passed on.
const NEIGHBOUR_FLOOR: f64 = 0.3;
/// Content words (and numbers) of a sentence that bridges to the next one, at most (they take
/// the next sentence's themes).
const BRIDGE_WORDS: usize = 2;

/// Learns from every article's seeds (their configured-term matches), reading the corpus a
/// batch at a time, a few times over; fails only when the articles cannot be read back.
pub fn learn(
    articles: &dyn Batches,
    matcher: &ThemeMatcher,
    settings: &GroupingConfig,
) -> std::io::Result<Learned> {
    Ok(Learner::new(matcher, settings)
        .learn_with(articles, &mut |_| {})?
        .0)
}

/// What the learn stage needs of the themes and the settings, worked out once: every run of
/// the stage starts from it, and a caller that runs the stage many times over (`summarize`,
/// once per article) makes it once for all of them.
pub struct Learner<'a> {
    matcher: &'a ThemeMatcher,
    settings: GroupingConfig,
    /// Per theme and language, the stems of its terms: left out of its members' vectors.
    own: OwnTerms,
    /// Per theme, the stems of its terms in either language: never learned (they are evidence
    /// already).
    terms: Vec<FxHashSet<u64>>,
    /// Per theme and language, the un-centred unit vector of the theme's words (its title,
    /// description and terms), which the corpus moves into its prototype; none when fewer than
    /// two of them have vectors, or similarity is off.
    theme_vectors: Vec<[Option<Vec<f32>>; 2]>,
}

impl<'a> Learner<'a> {
    /// The learn stage for these themes and settings.
    pub fn new(matcher: &'a ThemeMatcher, settings: &GroupingConfig) -> Learner<'a> {
        let themes = matcher.themes().len();
        let own = space::own_terms(matcher);
        let terms = own
            .iter()
            .map(|[id, en]| id.union(en).copied().collect())
            .collect();
        let theme_vectors = (0..themes)
            .map(|theme| {
                [Lang::Id, Lang::En].map(|lang| {
                    let words = matcher.theme_words(theme, lang);
                    settings
                        .similarity
                        .then(|| space::words_vector(&words, lang))
                        .flatten()
                })
            })
            .collect();
        Learner {
            matcher,
            settings: settings.clone(),
            own,
            terms,
            theme_vectors,
        }
    }

    /// The learn stage's view of a batch of articles (what each of its passes reads).
    pub fn view(&self, batch: &[Processed]) -> Views {
        let similar = self.settings.similarity;
        Views::of(batch, similar, similar.then_some(&self.own))
    }

    /// The themes it learns about.
    pub fn matcher(&self) -> &'a ThemeMatcher {
        self.matcher
    }

    /// The learn stage on one article alone (`summarize`), with the article's view for
    /// [`Learned::assign_viewed`]. An article in which no theme has `MIN_SEEDS` seed
    /// sentences teaches nothing, and the stage's passes are skipped: a word is learned only
    /// from `WORD_SUPPORT` seed sentences of one theme, and a theme's similarity is
    /// calibrated only on `MIN_SEEDS` of its seeds, so the stage would learn no word and give
    /// no theme a space, and every sentence would keep only its terms' themes (and its
    /// neighbour's).
    pub fn learn_one(&self, article: &Processed) -> (Learned, Views) {
        let mut seeds = vec![0usize; self.matcher.themes().len()];
        for hit in article.hits.iter().flatten() {
            if let Some(n) = seeds.get_mut(hit.theme) {
                *n += 1;
            }
        }
        if seeds.iter().all(|&n| n < MIN_SEEDS.min(WORD_SUPPORT)) {
            return (self.nothing_learned(), Views::one(article, false));
        }
        let held = "a held article is never read back from a file";
        let one = std::slice::from_ref(article);
        let (learned, mut views) = self.learn_with(&one, &mut |_| {}).expect(held);
        let view = match views.next_batch().expect(held) {
            Some(view) if view.len() == 1 => view,
            // No views are made when neither words nor similarity are learned.
            _ => Views::one(article, learned.spaces.is_some()),
        };
        (learned, view)
    }

    /// What the stage learns from articles that teach nothing: no words, no spaces.
    fn nothing_learned(&self) -> Learned {
        let themes = self.matcher.themes().len();
        Learned {
            words: vec![Vec::new(); themes],
            weights: vec![FxHashMap::default(); themes],
            spaces: None,
            settings: self.settings.clone(),
        }
    }

    /// Learns from `articles`, calling `also` with every batch of them, in order: for a caller
    /// with a step of its own that can share the read.
    ///
    /// The processed articles are read once: their first pass makes the learn stage's views of
    /// them ([`Views`]: each sentence's stems, hits and vectors), held, or, for a spilled corpus,
    /// spilled to a file of their own; every later pass reads the views. Passes that do not need
    /// each other's results share a read: the seeds' words are counted with the corpus centres,
    /// and the words' totals with the first fit's sums. The views are handed back, a batch at a
    /// time in the order of `articles`' batches, for [`Learned::assign_viewed`].
    pub fn learn_with(
        &self,
        articles: &dyn Batches,
        also: &mut dyn FnMut(&[Processed]),
    ) -> std::io::Result<(Learned, ViewBatches)> {
        let (progress, views) = self.learn_progress(articles, also)?;
        Ok((progress.learned(self), views))
    }

    /// [`Learner::learn_with`], giving the stage's finished [`Progress`] (what it learned, in
    /// the form a state is kept in) instead of the [`Learned`] made from it.
    pub fn learn_progress(
        &self,
        articles: &dyn Batches,
        also: &mut dyn FnMut(&[Processed]),
    ) -> std::io::Result<(Progress, ViewBatches)> {
        let mut views = ViewStore::new(articles.spilled())?;
        let mut progress = self.start();
        let mut learned = progress.learned(self);
        let mut part = Part::Empty;
        let mut kept: std::io::Result<()> = Ok(());
        articles.each_batch(&mut |_, batch| {
            also(batch);
            if progress.step == Step::Done || kept.is_err() {
                return;
            }
            let viewed = self.view(batch);
            part = std::mem::take(&mut part).merge(self.part(&progress, &learned, &viewed));
            kept = views.push(viewed);
        })?;
        kept?;
        self.advance(&mut progress, part);
        while progress.step != Step::Done {
            learned = progress.learned(self);
            let mut part = Part::Empty;
            views.each(&mut |batch| {
                part = std::mem::take(&mut part).merge(self.part(&progress, &learned, batch));
            })?;
            self.advance(&mut progress, part);
        }
        Ok((progress, views.into_batches()?))
    }
}

#[cfg(test)]
mod tests;
