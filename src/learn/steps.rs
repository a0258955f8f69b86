//! The learn stage as a sequence of steps, each a pass over the corpus: every batch gives a
//! [`Part`] ([`Learner::part`], the map), the parts are added up in any order ([`Part::merge`]:
//! counts and fixed-point sums), and the sum moves the stage on ([`Learner::advance`], the
//! reduce). A build runs the steps over its batches; a batch engine runs each step over its
//! partitions (`briefing aggregate`) and keeps the [`Progress`] between them, with the same
//! result.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::fit::{Prototypes, SimilarityPart, merge_similarities};
use super::space::{self, Spaces, Sums};
use super::view::{ArticleView, Views};
use super::{Learned, LearnedWord, Learner, SELF_TRAINING_ROUNDS, words};

/// Which pass the learn stage needs next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The seeds' words and the corpus centres.
    Seeds,
    /// How many sentences carry each candidate word, and the first fit's sums.
    Totals,
    /// The similarities that calibrate each theme's threshold.
    Thresholds,
    /// A self-training round's members (the sentences the spaces put under a theme).
    Members,
    /// Nothing: the stage has learned what it learns.
    Done,
}

/// What the learn stage has found so far, between its passes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Progress {
    /// The pass it needs next.
    pub step: Step,
    /// Per theme, its seeds' counts of the words that could be learned (after the first pass).
    #[serde(with = "sorted::each")]
    seeds: Vec<FxHashMap<u64, usize>>,
    /// The words that could be learned: the keys of `seeds` (made again from them when read
    /// from a file).
    #[serde(skip)]
    candidates: FxHashSet<u64>,
    /// Per theme, its learned words.
    words: Vec<Vec<LearnedWord>>,
    /// The theme spaces (similarity on).
    spaces: Option<Spaces>,
    /// The prototypes whose thresholds the next [`Step::Thresholds`] sets.
    prototypes: Option<Prototypes>,
    /// Thresholds set so far (one per fit).
    fits: usize,
}

/// One batch's share of a step.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Nothing counted yet.
    #[default]
    Empty,
    /// [`Step::Seeds`]: per theme, its seeds' word counts; the sentence vectors' sums.
    Seeds(
        #[serde(with = "sorted::each")] Vec<FxHashMap<u64, usize>>,
        Sums,
    ),
    /// [`Step::Totals`]: the candidates' sentence counts; the first fit's sums.
    Totals(#[serde(with = "sorted")] FxHashMap<u64, usize>, Sums),
    /// [`Step::Thresholds`].
    Thresholds(SimilarityPart),
    /// [`Step::Members`]: the sums of the members the terms did not find.
    Members(Sums),
}

impl Part {
    /// Two parts of the same step added up (in any order: the result is the same).
    pub fn merge(self, other: Part) -> Part {
        match (self, other) {
            (Part::Empty, p) | (p, Part::Empty) => p,
            (Part::Seeds(mut a, sa), Part::Seeds(b, sb)) => {
                for (into, from) in a.iter_mut().zip(b) {
                    words::add_into(into, from);
                }
                Part::Seeds(a, space::merge(sa, sb))
            }
            (Part::Totals(mut a, sa), Part::Totals(b, sb)) => {
                words::add_into(&mut a, b);
                Part::Totals(a, space::merge(sa, sb))
            }
            (Part::Thresholds(a), Part::Thresholds(b)) => {
                Part::Thresholds(merge_similarities(a, b))
            }
            (Part::Members(a), Part::Members(b)) => Part::Members(space::merge(a, b)),
            // Parts of two steps are never merged: the first is kept.
            (a, _) => a,
        }
    }

    /// The same part with its lists in a fixed order (they are in the order threads met
    /// their items), so that it is written the same on every run.
    pub fn sorted(mut self) -> Part {
        if let Part::Thresholds((found, histograms)) = &mut self {
            found.sort_unstable();
            histograms.iter_mut().flatten().for_each(|h| h.sort());
        }
        self
    }
}

/// Why sums cannot be those of `slots` slots (none is fine: nothing was summed).
fn check_sums(sums: &Sums, slots: usize) -> Result<(), String> {
    if sums.is_empty() || sums.len() == slots {
        Ok(())
    } else {
        Err(format!("sums of {} slots, not {slots}", sums.len()))
    }
}

/// Why a list per theme does not fit `themes` themes.
fn check_themes(what: &str, len: usize, themes: usize) -> Result<(), String> {
    if len == themes {
        Ok(())
    } else {
        Err(format!("{what} for {len} themes, not {themes}"))
    }
}

impl Part {
    /// Why a part read from elsewhere cannot be one of a corpus with `themes` themes: what
    /// indexes by theme or by bin must fit, so that nothing read makes the stage fail.
    pub fn check(&self, themes: usize) -> Result<(), String> {
        match self {
            Part::Empty => Ok(()),
            Part::Seeds(seeds, centres) => {
                check_themes("seed counts", seeds.len(), themes)?;
                check_sums(centres, 1)
            }
            Part::Totals(_, sums) | Part::Members(sums) => check_sums(sums, themes + 2),
            Part::Thresholds((found, histograms)) => {
                if found.iter().any(|(theme, _, _)| *theme >= themes) {
                    return Err("a similarity of a theme that is not configured".into());
                }
                if !histograms.is_empty() {
                    check_themes("histograms", histograms.len(), themes)?;
                }
                histograms.iter().flatten().try_for_each(|h| h.check())
            }
        }
    }
}

impl Progress {
    /// Why progress read from elsewhere cannot be that of a corpus with `themes` themes.
    pub fn check(&self, themes: usize) -> Result<(), String> {
        if !self.seeds.is_empty() {
            // (They are let go of once the words are learned.)
            check_themes("seed counts", self.seeds.len(), themes)?;
        }
        check_themes("learned words", self.words.len(), themes)?;
        if let Some(prototypes) = &self.prototypes {
            check_themes("prototypes", prototypes.len(), themes)?;
        }
        if let Some(spaces) = &self.spaces {
            check_themes("spaces", spaces.themes.len(), themes)?;
            if let Some(fixed) = &spaces.fixed {
                check_sums(fixed, themes + 2)?;
            }
        }
        if self.fits > SELF_TRAINING_ROUNDS + 1 {
            return Err(format!("{} fits, more than the stage makes", self.fits));
        }
        Ok(())
    }

    /// What has been learned so far, as the next pass reads it.
    pub fn learned(&self, learner: &Learner<'_>) -> Learned {
        let weights = self
            .words
            .iter()
            .map(|list| list.iter().map(|w| (w.stem, w.share)).collect())
            .collect();
        Learned {
            words: self.words.clone(),
            weights,
            spaces: self.spaces.clone(),
            settings: learner.settings.clone(),
        }
    }
}

impl Learner<'_> {
    /// The learn stage before its first pass.
    pub fn start(&self) -> Progress {
        let themes = self.matcher.themes().len();
        let (learn, similar) = (self.settings.learn, self.settings.similarity);
        Progress {
            step: if learn || similar {
                Step::Seeds
            } else {
                Step::Done
            },
            seeds: vec![FxHashMap::default(); themes],
            candidates: FxHashSet::default(),
            words: vec![Vec::new(); themes],
            spaces: None,
            prototypes: None,
            fits: 0,
        }
    }

    /// A batch's part of the step `progress` needs; `learned` is `progress.learned(self)`.
    pub fn part(&self, progress: &Progress, learned: &Learned, batch: &Views) -> Part {
        let (learn, similar) = (self.settings.learn, self.settings.similarity);
        let themes = self.matcher.themes().len();
        match progress.step {
            Step::Done => Part::Empty,
            Step::Seeds => {
                let mut seeds = vec![FxHashMap::default(); themes];
                if learn {
                    words::count_seed_words(batch, &mut seeds);
                }
                let centres = if similar {
                    space::centre_part(batch)
                } else {
                    Sums::new()
                };
                Part::Seeds(seeds, centres)
            }
            Step::Totals => {
                let mut totals = FxHashMap::default();
                if learn {
                    let made;
                    let candidates = if progress.candidates.is_empty() {
                        made = words::candidates(&progress.seeds);
                        &made
                    } else {
                        &progress.candidates
                    };
                    words::count_totals(batch, candidates, &mut totals);
                }
                let sums = match &progress.spaces {
                    Some(spaces) => spaces.sums_part(batch, &self.own, &|_| Vec::new()),
                    None => Sums::new(),
                };
                Part::Totals(totals, sums)
            }
            Step::Thresholds => match (&progress.spaces, &progress.prototypes) {
                (Some(spaces), Some(prototypes)) => {
                    Part::Thresholds(spaces.similarities_part(prototypes, batch))
                }
                _ => Part::Empty,
            },
            Step::Members => match &progress.spaces {
                Some(spaces) => {
                    // Self-training: the sentences the spaces put under a theme join its seeds
                    // in the centroid it is moved toward.
                    let members = |article: ArticleView<'_>| -> Vec<Vec<usize>> {
                        learned
                            .own_evidence(article)
                            .into_iter()
                            .map(|found| found.iter().map(|e| e.theme).collect())
                            .collect()
                    };
                    Part::Members(spaces.sums_part(batch, &self.own, &members))
                }
                None => Part::Empty,
            },
        }
    }

    /// Moves the stage on with the sum of every batch's part of its step.
    pub fn advance(&self, progress: &mut Progress, part: Part) {
        let themes = self.matcher.themes().len();
        let (learn, similar) = (self.settings.learn, self.settings.similarity);
        match (progress.step, part) {
            (Step::Done, _) => {}
            (Step::Seeds, part) => {
                let (seeds, centres) = match part {
                    Part::Seeds(seeds, centres) => (seeds, centres),
                    _ => (vec![FxHashMap::default(); themes], Sums::new()),
                };
                progress.candidates = words::candidates(&seeds);
                // Only the candidates' counts are read again.
                progress.seeds = seeds
                    .into_iter()
                    .map(|mut m| {
                        m.retain(|s, _| progress.candidates.contains(s));
                        m
                    })
                    .collect();
                progress.spaces = similar.then(|| Spaces::from_centres(centres, themes));
                progress.step = Step::Totals;
            }
            (Step::Totals, part) => {
                let (totals, sums) = match part {
                    Part::Totals(totals, sums) => (totals, sums),
                    _ => (FxHashMap::default(), Sums::new()),
                };
                if learn {
                    let seeds = std::mem::take(&mut progress.seeds);
                    progress.words = words::learned_words(
                        &self.terms,
                        seeds,
                        &totals,
                        self.settings.learned_share,
                    );
                }
                progress.candidates = FxHashSet::default();
                progress.step = match &mut progress.spaces {
                    Some(spaces) => {
                        progress.prototypes = Some(spaces.prototypes_from(sums, self));
                        Step::Thresholds
                    }
                    None => Step::Done,
                };
            }
            (Step::Thresholds, part) => {
                let found = match part {
                    Part::Thresholds(found) => found,
                    _ => (Vec::new(), Vec::new()),
                };
                if let (Some(spaces), Some(prototypes)) =
                    (&mut progress.spaces, progress.prototypes.take())
                {
                    spaces.set_thresholds(prototypes, found, self.settings.threshold);
                }
                progress.fits += 1;
                progress.step = if progress.fits > SELF_TRAINING_ROUNDS {
                    Step::Done
                } else {
                    Step::Members
                };
            }
            (Step::Members, part) => {
                let sums = match part {
                    Part::Members(sums) => sums,
                    _ => Sums::new(),
                };
                progress.step = match &mut progress.spaces {
                    Some(spaces) => {
                        progress.prototypes = Some(spaces.prototypes_from(sums, self));
                        Step::Thresholds
                    }
                    None => Step::Done,
                };
            }
        }
    }
}

/// Counts by stem written as `[stem, count]` pairs in stem order, so that a state or a part is
/// written the same whatever order the threads counted in.
mod sorted {
    use rustc_hash::FxHashMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(map: &FxHashMap<u64, usize>, s: S) -> Result<S::Ok, S::Error> {
        let mut pairs: Vec<(u64, usize)> = map.iter().map(|(k, v)| (*k, *v)).collect();
        pairs.sort_unstable();
        pairs.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<FxHashMap<u64, usize>, D::Error> {
        Ok(Vec::<(u64, usize)>::deserialize(d)?.into_iter().collect())
    }

    /// The same for a list of them (one per theme).
    pub mod each {
        use rustc_hash::FxHashMap;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        pub fn serialize<S: Serializer>(
            maps: &[FxHashMap<u64, usize>],
            s: S,
        ) -> Result<S::Ok, S::Error> {
            let sorted: Vec<Vec<(u64, usize)>> = maps
                .iter()
                .map(|map| {
                    let mut pairs: Vec<(u64, usize)> = map.iter().map(|(k, v)| (*k, *v)).collect();
                    pairs.sort_unstable();
                    pairs
                })
                .collect();
            sorted.serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Vec<FxHashMap<u64, usize>>, D::Error> {
            let lists = Vec::<Vec<(u64, usize)>>::deserialize(d)?;
            Ok(lists.into_iter().map(|l| l.into_iter().collect()).collect())
        }
    }
}
