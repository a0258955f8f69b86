//! The vector side of the learn stage: sentence vectors from the shipped word vectors, centred
//! on the corpus (so that what every sentence of the corpus shares does not make them all look
//! alike), each theme's prototype, and how close a sentence must be to join it.

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::sentence::{normalise, sum_rows};
use super::view::{Packed, Views, centred};
use crate::text::{Lang, vectors};
use crate::theme_terms::ThemeMatcher;

/// A theme's place in one language's vector space.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Space {
    /// Unit vector: the theme's words moved toward its members' centroid.
    pub(super) prototype: Vec<f32>,
    /// The similarity a sentence needs to join the theme: where the seeds part from the rest
    /// of the corpus.
    pub(super) threshold: f64,
    /// A similarity that counts as fully on the theme (the seeds' 90th percentile).
    pub(super) top: f64,
}

/// The vector spaces of every theme in both languages, and each language's corpus centre.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Spaces {
    /// Per theme, per language.
    pub themes: Vec<[Option<Space>; 2]>,
    /// Per language, the mean sentence vector of the corpus.
    pub(super) centre: [Option<Vec<f32>>; 2],
    /// Per language, what the corpus says besides the themes ("none of these"): the sentences
    /// no theme's terms reach.
    pub(super) background: [Option<Background>; 2],
    /// The sums the first fit takes and every later one starts from: each theme's seeds
    /// (without its terms), the background and the rest of the seeds (see [`Spaces::fit`]).
    pub(super) fixed: Option<Sums>,
}

/// The sentences no theme's terms reach, as a direction away from the corpus's centre.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Background {
    /// The sum of their (centred) vectors.
    pub(super) sum: Vec<f32>,
    /// How many.
    pub(super) count: usize,
    /// Where the centre would be if the sentences the terms reach were read without their
    /// terms, less the centre. The background is measured from there: otherwise its direction
    /// would mostly say "carries none of the terms", which every unthemed sentence does, even
    /// on a corpus where every sentence is on some theme.
    pub(super) shift: Vec<f32>,
    /// The unit centroid measured from the shift, made once (none when it has no direction):
    /// what every sentence outside the background is compared with.
    unit: Option<Vec<f32>>,
}

impl Background {
    /// The background of `count` sentences summing to `sum`, measured from `shift`.
    pub(super) fn new(sum: Vec<f32>, count: usize, shift: Vec<f32>) -> Background {
        let mut unit = sum.clone();
        unit.iter_mut()
            .zip(&shift)
            .for_each(|(c, s)| *c = *c / count as f32 - s);
        let unit = normalise(&mut unit).then_some(unit);
        Background {
            sum,
            count,
            shift,
            unit,
        }
    }
}

/// Fixed-point scale of summed vector components (exact, order-free sums).
pub(super) const FIXED: f64 = (1u64 << 24) as f64;
/// A theme's members weigh as much as its own words once it has this many (half as much at it).
pub(super) const MEMBERS_HALF_WEIGHT: f64 = 5.0;
/// Seeds a theme needs before similarity can be calibrated on them.
pub(super) const MIN_SEEDS: usize = 3;

/// The dimension of a language's vectors.
pub fn dims(lang: Lang) -> usize {
    vectors::table(lang).dims()
}

/// The (un-centred) unit vector of a theme's words (stem hashes); none when fewer than two
/// have vectors (see [`sum_rows`]).
pub(super) fn words_vector(stems: &[u64], lang: Lang) -> Option<Vec<f32>> {
    let table = vectors::table(lang);
    let mut out = vec![0f32; table.dims()];
    let rows = stems.iter().filter_map(|&s| table.row(s));
    sum_rows(rows, lang, None, &mut out).then_some(out)
}

pub(super) fn dot(a: &[f32], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>().into()
}

/// Per theme and language, the stems of the theme's terms: they are left out of its members'
/// vectors, so that what is measured is how close the rest of a sentence on the theme is, as it
/// will be for sentences without the terms.
pub type OwnTerms = Vec<[FxHashSet<u64>; 2]>;

/// Each theme's [`OwnTerms`].
pub fn own_terms(matcher: &ThemeMatcher) -> OwnTerms {
    let mut own: OwnTerms = vec![Default::default(); matcher.themes().len()];
    for lang in [Lang::Id, Lang::En] {
        for (theme, stem) in matcher.term_stems(lang) {
            own[theme][lang as usize].insert(stem);
        }
    }
    own
}

impl Space {
    /// The projection of a sentence vector on the (unit) prototype.
    pub fn similarity(&self, sentence: &[f32]) -> f64 {
        dot(&self.prototype, sentence)
    }

    /// How far past the threshold a similarity is, 0–1; none below it.
    pub fn closeness(&self, similarity: f64) -> Option<f64> {
        (similarity >= self.threshold).then(|| {
            let span = (self.top - self.threshold).max(1e-6);
            ((similarity - self.threshold) / span).clamp(0.0, 1.0)
        })
    }
}

/// Sums in fixed point, per theme and language: (vector sum, count).
pub type Sums = Vec<[(Vec<i64>, usize); 2]>;

pub(super) fn add(sum: &mut (Vec<i64>, usize), v: &[f32]) {
    if sum.0.is_empty() {
        sum.0.resize(v.len(), 0);
    }
    sum.0
        .iter_mut()
        .zip(v)
        .for_each(|(s, x)| *s += (f64::from(*x) * FIXED) as i64);
    sum.1 += 1;
}

/// The sums of two parts.
pub fn merge(mut a: Sums, b: Sums) -> Sums {
    if a.is_empty() {
        return b;
    }
    for (x, y) in a.iter_mut().flatten().zip(b.into_iter().flatten()) {
        if x.0.is_empty() {
            x.0 = y.0;
        } else {
            x.0.iter_mut().zip(&y.0).for_each(|(s, t)| *s += t);
        }
        x.1 += y.1;
    }
    a
}

/// The unit vector of a fixed-point sum, if any.
pub(super) fn unit(sum: &(Vec<i64>, usize)) -> Option<Vec<f32>> {
    let mut v: Vec<f32> = sum.0.iter().map(|s| (*s as f64 / FIXED) as f32).collect();
    (sum.1 > 0 && normalise(&mut v)).then_some(v)
}

impl Spaces {
    /// Sets `out` to a sentence's vector less the corpus centre, from its un-centred vector
    /// (see [`super::view`]); false when it has none, or the centre is not known.
    pub fn centred(&self, vector: Option<Packed<'_>>, lang: Lang, out: &mut [f32]) -> bool {
        let Some(centre) = self.centre[lang as usize].as_deref() else {
            return false;
        };
        centred(vector, centre, out)
    }

    /// The corpus centre of a language, when it has sentences with vectors.
    pub(super) fn centre(&self, lang: Lang) -> Option<&[f32]> {
        self.centre[lang as usize].as_deref()
    }

    /// A sentence vector's similarity to the background's unit centroid (none when there is
    /// none). `own` is the sentence's own vector when it is part of the background: it is left
    /// out, so that in a small corpus a sentence is not compared with itself.
    pub fn background_similarity(
        &self,
        sentence: &[f32],
        own: Option<&[f32]>,
        lang: Lang,
    ) -> Option<f64> {
        let background = self.background[lang as usize].as_ref()?;
        let Some(own) = own else {
            return background.unit.as_ref().map(|unit| dot(unit, sentence));
        };
        let mut centroid = background.sum.clone();
        let mut n = background.count;
        if n < 2 {
            return None;
        }
        centroid.iter_mut().zip(own).for_each(|(c, x)| *c -= x);
        n -= 1;
        centroid
            .iter_mut()
            .zip(&background.shift)
            .for_each(|(c, s)| *c = *c / n as f32 - s);
        normalise(&mut centroid).then(|| dot(&centroid, sentence))
    }

    /// Spaces with their corpus centres (from the summed [`centre_part`] of every batch) and
    /// nothing fitted yet.
    pub fn from_centres(sums: Sums, themes: usize) -> Spaces {
        let mean = |s: Option<&(Vec<i64>, usize)>| -> Option<Vec<f32>> {
            let s = s.filter(|s| s.1 > 0)?;
            Some(
                s.0.iter()
                    .map(|x| (*x as f64 / FIXED / s.1 as f64) as f32)
                    .collect(),
            )
        };
        let centre = sums.first();
        Spaces {
            themes: vec![[None, None]; themes],
            centre: [mean(centre.map(|c| &c[0])), mean(centre.map(|c| &c[1]))],
            background: [None, None],
            fixed: None,
        }
    }
}

/// A batch's part of the corpus centres: the sum of its (un-centred) sentence vectors per
/// language.
pub fn centre_part(batch: &Views) -> Sums {
    let zero = || vec![[(Vec::new(), 0), (Vec::new(), 0)]];
    (0..batch.len())
        .into_par_iter()
        .fold(zero, |mut sums: Sums, a| {
            let article = batch.article(a);
            let dims = dims(article.lang);
            let mut v = vec![0f32; dims];
            for si in 0..article.sentences {
                if let Some(packed) = article.whole(si, dims) {
                    v.fill(0.0);
                    packed.add_to(&mut v);
                    add(&mut sums[0][article.lang as usize], &v);
                }
            }
            sums
        })
        .reduce(zero, merge)
}
