//! The vector side of the learn stage: sentence vectors from the shipped word vectors, centred
//! on the corpus (so that what every sentence of the corpus shares does not make them all look
//! alike), each theme's prototype, and how close a sentence must be to join it.

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::processed::{Batches, Processed};
use crate::text::{Lang, vectors};
use crate::theme_terms::ThemeMatcher;

/// A theme's place in one language's vector space.
#[derive(Debug, Clone)]
pub struct Space {
    /// Unit vector: the theme's words moved toward its members' centroid.
    prototype: Vec<f32>,
    /// The similarity a sentence needs to join the theme.
    threshold: f64,
    /// A similarity that counts as fully on the theme (the seeds' 90th percentile).
    top: f64,
}

/// The vector spaces of every theme in both languages, and each language's corpus centre.
#[derive(Debug, Clone)]
pub struct Spaces {
    /// Per theme, per language.
    pub themes: Vec<[Option<Space>; 2]>,
    /// Per language, the mean sentence vector of the corpus.
    centre: [Option<Vec<f32>>; 2],
}

/// Fixed-point scale of summed vector components (exact, order-free sums).
const FIXED: f64 = (1u64 << 24) as f64;
/// A theme's members weigh as much as its own words once it has this many (half as much at it).
const MEMBERS_HALF_WEIGHT: f64 = 5.0;
/// Seeds a theme needs before similarity can be calibrated on them.
const MIN_SEEDS: usize = 3;
/// Known words a sentence needs to have a vector.
const MIN_WORDS: usize = 2;

/// The dimension of a language's vectors.
pub fn dims(lang: Lang) -> usize {
    vectors::table(lang).dims()
}

/// Sets `out` to the unit vector of a sentence's stems, less the corpus centre when given;
/// false when fewer than two stems have vectors.
///
/// The centred vector keeps its length: a sentence close to the centre says what the whole
/// corpus says, and is close to no theme (scaling it to unit length would make its small
/// differences look as large as a sentence that is clearly about something).
fn raw_vector(stems: &[u64], lang: Lang, centre: Option<&[f32]>, out: &mut [f32]) -> bool {
    let table = vectors::table(lang);
    out.fill(0.0);
    let known = stems.iter().filter(|&&s| table.add_to(s, 1.0, out)).count();
    if known < MIN_WORDS || !normalise(out) {
        return false;
    }
    if let Some(centre) = centre {
        out.iter_mut().zip(centre).for_each(|(x, c)| *x -= c);
        return out.iter().any(|x| *x != 0.0);
    }
    true
}

/// Scales `v` to unit length; false when it is zero.
fn normalise(v: &mut [f32]) -> bool {
    let norm = v
        .iter()
        .map(|x| f64::from(*x) * f64::from(*x))
        .sum::<f64>()
        .sqrt();
    if norm == 0.0 || !norm.is_finite() {
        return false;
    }
    v.iter_mut()
        .for_each(|x| *x = (f64::from(*x) / norm) as f32);
    true
}

fn dot(a: &[f32], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>().into()
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
type Sums = Vec<[(Vec<i64>, usize); 2]>;

fn add(sum: &mut (Vec<i64>, usize), v: &[f32]) {
    if sum.0.is_empty() {
        sum.0.resize(v.len(), 0);
    }
    sum.0
        .iter_mut()
        .zip(v)
        .for_each(|(s, x)| *s += (f64::from(*x) * FIXED) as i64);
    sum.1 += 1;
}

fn merge(mut a: Sums, b: Sums) -> Sums {
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
fn unit(sum: &(Vec<i64>, usize)) -> Option<Vec<f32>> {
    let mut v: Vec<f32> = sum.0.iter().map(|s| (*s as f64 / FIXED) as f32).collect();
    (sum.1 > 0 && normalise(&mut v)).then_some(v)
}

impl Spaces {
    /// Sets `out` to a sentence's vector (its unit vector less the corpus centre); false when it has too few known words.
    pub fn sentence_vector(&self, stems: &[u64], lang: Lang, out: &mut [f32]) -> bool {
        let centre = self.centre[lang as usize].as_deref();
        centre.is_some() && raw_vector(stems, lang, centre, out)
    }

    /// Learns the spaces: the corpus centre per language, then each theme's prototype from its
    /// words and the centroid of the sentences `members` puts under it (its seeds, at first),
    /// and its threshold at the `quantile` of its seeds' similarities.
    pub fn learn(
        articles: &dyn Batches,
        matcher: &ThemeMatcher,
        quantile: f64,
    ) -> std::io::Result<Spaces> {
        let themes = matcher.themes().len();
        let centre = centres(articles)?;
        let mut spaces = Spaces {
            themes: vec![[None, None]; themes],
            centre,
        };
        let seeds = |p: &Processed| -> Vec<Vec<usize>> {
            p.hits
                .iter()
                .map(|hits| hits.iter().map(|h| h.theme).collect())
                .collect()
        };
        spaces.fit(articles, matcher, quantile, &seeds)?;
        Ok(spaces)
    }

    /// Moves each prototype toward the centroid of the sentences `members` (an article → each
    /// sentence's themes) puts under the theme, and sets its threshold from the seeds'
    /// similarities.
    pub fn fit(
        &mut self,
        articles: &dyn Batches,
        matcher: &ThemeMatcher,
        quantile: f64,
        members: &(dyn Fn(&Processed) -> Vec<Vec<usize>> + Sync),
    ) -> std::io::Result<()> {
        let themes = matcher.themes().len();
        // A theme's own terms are left out of its members' vectors: what is measured is how
        // close the rest of a sentence on the theme is, as it will be for sentences without
        // the terms.
        let mut own: Vec<[FxHashSet<u64>; 2]> = vec![Default::default(); themes];
        for lang in [Lang::Id, Lang::En] {
            for (theme, stem) in matcher.term_stems(lang) {
                own[theme][lang as usize].insert(stem);
            }
        }
        let without = |stems: &[u64], theme: usize, lang: Lang| -> Vec<u64> {
            let own = &own[theme][lang as usize];
            stems.iter().filter(|s| !own.contains(s)).copied().collect()
        };
        let zero = || vec![[(Vec::new(), 0), (Vec::new(), 0)]; themes];
        let mut sums = zero();
        articles.each_batch(&mut |_, batch| {
            let part = batch
                .par_iter()
                .fold(zero, |mut sums: Sums, p| {
                    let lang = p.language;
                    let mut v = vec![0f32; dims(lang)];
                    for (stems, themes) in p.stems.iter().zip(members(p)) {
                        for t in themes {
                            let rest = without(stems.hashes(), t, lang);
                            if self.sentence_vector(&rest, lang, &mut v) {
                                add(&mut sums[t][lang as usize], &v);
                            }
                        }
                    }
                    sums
                })
                .reduce(zero, merge);
            sums = merge(std::mem::take(&mut sums), part);
        })?;
        let mut prototypes: Vec<[Option<Vec<f32>>; 2]> = vec![[None, None]; themes];
        for (theme, slots) in prototypes.iter_mut().enumerate() {
            for lang in [Lang::Id, Lang::En] {
                let table = vectors::table(lang);
                let mut base = vec![0f32; table.dims()];
                let words = matcher.theme_words(theme, lang);
                if !raw_vector(
                    &words,
                    lang,
                    self.centre[lang as usize].as_deref(),
                    &mut base,
                ) {
                    continue;
                }
                let members = &sums[theme][lang as usize];
                if let Some(centroid) = unit(members) {
                    let n = members.1 as f64;
                    let weight = (n / (n + MEMBERS_HALF_WEIGHT)) as f32;
                    base.iter_mut()
                        .zip(&centroid)
                        .for_each(|(b, c)| *b += weight * c);
                    normalise(&mut base);
                }
                slots[lang as usize] = Some(base);
            }
        }
        // The seeds' similarities to their prototype, to calibrate the thresholds.
        let mut similarities: Vec<Vec<(usize, Lang, i64)>> = Vec::new();
        articles.each_batch(&mut |_, batch| {
            similarities.par_extend(batch.par_iter().map(|p| {
                let lang = p.language;
                let mut v = vec![0f32; dims(lang)];
                let mut found = Vec::new();
                for (hits, stems) in p.hits.iter().zip(&p.stems) {
                    for hit in hits {
                        let rest = without(stems.hashes(), hit.theme, lang);
                        let Some(proto) = &prototypes[hit.theme][lang as usize] else {
                            continue;
                        };
                        if self.sentence_vector(&rest, lang, &mut v) {
                            found.push((hit.theme, lang, (dot(proto, &v) * FIXED) as i64));
                        }
                    }
                }
                found
            }));
        })?;
        let mut by_space: Vec<[Vec<i64>; 2]> = vec![[Vec::new(), Vec::new()]; themes];
        for (theme, lang, sim) in similarities.into_iter().flatten() {
            by_space[theme][lang as usize].push(sim);
        }
        for ((slots, protos), sims) in self.themes.iter_mut().zip(prototypes).zip(by_space) {
            for (slot, (proto, mut sims)) in slots.iter_mut().zip(protos.into_iter().zip(sims)) {
                *slot = None;
                let Some(prototype) = proto else { continue };
                if sims.len() < MIN_SEEDS {
                    continue;
                }
                sims.sort_unstable();
                let at =
                    |q: f64| sims[((sims.len() - 1) as f64 * q).round() as usize] as f64 / FIXED;
                *slot = Some(Space {
                    prototype,
                    threshold: at(quantile),
                    top: at(0.9),
                });
            }
        }
        Ok(())
    }
}

/// The mean unit sentence vector of each language's sentences.
fn centres(articles: &dyn Batches) -> std::io::Result<[Option<Vec<f32>>; 2]> {
    let zero = || vec![[(Vec::new(), 0), (Vec::new(), 0)]];
    let mut sums = zero();
    articles.each_batch(&mut |_, batch| {
        let part = batch
            .par_iter()
            .fold(zero, |mut sums: Sums, p| {
                let mut v = vec![0f32; dims(p.language)];
                for stems in &p.stems {
                    if raw_vector(stems.hashes(), p.language, None, &mut v) {
                        add(&mut sums[0][p.language as usize], &v);
                    }
                }
                sums
            })
            .reduce(zero, merge);
        sums = merge(std::mem::take(&mut sums), part);
    })?;
    let mean = |s: &(Vec<i64>, usize)| -> Option<Vec<f32>> {
        (s.1 > 0).then(|| {
            s.0.iter()
                .map(|x| (*x as f64 / FIXED / s.1 as f64) as f32)
                .collect()
        })
    };
    Ok([mean(&sums[0][0]), mean(&sums[0][1])])
}
