//! The vector side of the learn stage: sentence vectors from the shipped word vectors, centred
//! on the corpus (so that what every sentence of the corpus shares does not make them all look
//! alike), each theme's prototype, and how close a sentence must be to join it.

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::sentence::{SentenceWords, normalise, sum_rows};
use crate::processed::{Batches, Processed};
use crate::text::{Lang, vectors};
use crate::theme_terms::ThemeMatcher;

/// A theme's place in one language's vector space.
#[derive(Debug, Clone)]
pub struct Space {
    /// Unit vector: the theme's words moved toward its members' centroid.
    prototype: Vec<f32>,
    /// The similarity a sentence needs to join the theme: where the seeds part from the rest
    /// of the corpus.
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
    /// Per language, what the corpus says besides the themes ("none of these"): the sentences
    /// no theme's terms reach.
    background: [Option<Background>; 2],
    /// The sums the first fit takes and every later one starts from: each theme's seeds
    /// (without its terms), the background and the rest of the seeds (see [`Spaces::fit`]).
    fixed: Option<Sums>,
}

/// The sentences no theme's terms reach, as a direction away from the corpus's centre.
#[derive(Debug, Clone)]
struct Background {
    /// The sum of their (centred) vectors.
    sum: Vec<f32>,
    /// How many.
    count: usize,
    /// Where the centre would be if the sentences the terms reach were read without their
    /// terms, less the centre. The background is measured from there: otherwise its direction
    /// would mostly say "carries none of the terms", which every unthemed sentence does, even
    /// on a corpus where every sentence is on some theme.
    shift: Vec<f32>,
}

/// Fixed-point scale of summed vector components (exact, order-free sums).
const FIXED: f64 = (1u64 << 24) as f64;
/// A theme's members weigh as much as its own words once it has this many (half as much at it).
const MEMBERS_HALF_WEIGHT: f64 = 5.0;
/// Seeds a theme needs before similarity can be calibrated on them.
const MIN_SEEDS: usize = 3;

/// The dimension of a language's vectors.
pub fn dims(lang: Lang) -> usize {
    vectors::table(lang).dims()
}

/// Sets `out` to the unit vector of a sentence's stems, less the corpus centre when given;
/// false when fewer than two stems have vectors (see [`sum_rows`]).
fn raw_vector(stems: &[u64], lang: Lang, centre: Option<&[f32]>, out: &mut [f32]) -> bool {
    let table = vectors::table(lang);
    sum_rows(
        stems.iter().filter_map(|&s| table.row(s)),
        lang,
        centre,
        out,
    )
}

fn dot(a: &[f32], b: &[f32]) -> f64 {
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

/// A seed's similarity to its theme's prototype: (theme, language, fixed-point similarity).
type Similarity = (usize, Lang, i64);

/// Per theme and language, a histogram of similarities ([`BINS`] bins).
type Histograms = Vec<[Vec<u64>; 2]>;

/// Sums in fixed point, per theme and language: (vector sum, count).
pub type Sums = Vec<[(Vec<i64>, usize); 2]>;

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
        let mut centroid = background.sum.clone();
        let mut n = background.count;
        if let Some(own) = own {
            if n < 2 {
                return None;
            }
            centroid.iter_mut().zip(own).for_each(|(c, x)| *c -= x);
            n -= 1;
        }
        centroid
            .iter_mut()
            .zip(&background.shift)
            .for_each(|(c, s)| *c = *c / n as f32 - s);
        normalise(&mut centroid).then(|| dot(&centroid, sentence))
    }

    /// Learns the spaces: the corpus centre per language, then each theme's prototype from its
    /// words and the centroid of its seeds, and its threshold where the seeds part from the
    /// rest of the corpus (at least the `quantile` of its seeds' similarities, when that is
    /// above 0). [`Spaces::centre_part`], [`Spaces::from_centres`], [`Spaces::sums_part`] and
    /// [`Spaces::fit_sums`] are its steps, for a caller that shares the passes.
    pub fn learn(
        articles: &dyn Batches,
        matcher: &ThemeMatcher,
        quantile: f64,
    ) -> std::io::Result<Spaces> {
        let mut sums = Sums::new();
        articles.each_batch(&mut |_, batch| {
            sums = merge(std::mem::take(&mut sums), Spaces::centre_part(batch));
        })?;
        let mut spaces = Spaces::from_centres(sums, matcher.themes().len());
        spaces.fit(articles, matcher, quantile, &|_| Vec::new())?;
        Ok(spaces)
    }

    /// Spaces with their corpus centres (from the summed [`Spaces::centre_part`] of every
    /// batch) and nothing fitted yet.
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

    /// A batch's part of the corpus centres: the sum of its unit sentence vectors per language.
    pub fn centre_part(batch: &[Processed]) -> Sums {
        let zero = || vec![[(Vec::new(), 0), (Vec::new(), 0)]];
        batch
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
            .reduce(zero, merge)
    }

    /// Moves each prototype toward the centroid of its seeds and the sentences `members` (an
    /// article → each sentence's themes) puts under the theme (the first fit, in
    /// [`Spaces::learn`], takes the seeds alone and keeps their sums for the later ones), sets the background to the sentences no theme's
    /// terms reach (seen from the centre the others would have without their terms), and sets
    /// each threshold from the seeds' similarities
    /// against every other sentence's.
    pub fn fit(
        &mut self,
        articles: &dyn Batches,
        matcher: &ThemeMatcher,
        quantile: f64,
        members: &(dyn Fn(&Processed) -> Vec<Vec<usize>> + Sync),
    ) -> std::io::Result<()> {
        let own = own_terms(matcher);
        let mut sums = Sums::new();
        articles.each_batch(&mut |_, batch| {
            sums = merge(
                std::mem::take(&mut sums),
                self.sums_part(batch, &own, members),
            );
        })?;
        self.fit_sums(sums, articles, matcher, quantile)
    }

    /// A batch's part of the sums a fit moves the prototypes by (see [`Spaces::fit`]; in the
    /// first fit `members` is not asked: the seeds alone are summed).
    pub fn sums_part(
        &self,
        batch: &[Processed],
        own: &OwnTerms,
        members: &(dyn Fn(&Processed) -> Vec<Vec<usize>> + Sync),
    ) -> Sums {
        let themes = own.len();
        let centre = |lang: Lang| self.centre[lang as usize].as_deref();
        // The slot after the themes sums the sentences no theme's terms reach (the
        // background), the last one the others without their themes' terms. These, and each
        // theme's seeds, are the same in every round: they are summed in the first and kept.
        let zero = || vec![[(Vec::new(), 0), (Vec::new(), 0)]; themes + 2];
        let first = self.fixed.is_none();
        batch
            .par_iter()
            .fold(zero, |mut sums: Sums, p| {
                let lang = p.language;
                let l = lang as usize;
                let Some(centre) = centre(lang) else {
                    return sums;
                };
                let own_of = |theme: usize| &own[theme][l];
                // The first fit puts the seeds alone under their themes.
                let members = if first {
                    vec![Vec::new(); p.hits.len()]
                } else {
                    members(p)
                };
                for ((stems, hits), member_of) in p.stems.iter().zip(&p.hits).zip(members) {
                    let mut words = SentenceWords::new(stems.hashes(), lang, Some(centre));
                    if first {
                        if hits.is_empty() {
                            if let Some(v) = words.whole() {
                                add(&mut sums[themes][l], v);
                            }
                        } else if let Some(v) =
                            words.keeping(|s| !hits.iter().any(|h| own_of(h.theme).contains(&s)))
                        {
                            add(&mut sums[themes + 1][l], v);
                        }
                        for hit in hits {
                            let own = own_of(hit.theme);
                            if let Some(v) = words.keeping(|s| !own.contains(&s)) {
                                add(&mut sums[hit.theme][l], v);
                            }
                        }
                    }
                    // The members the terms did not find (the seeds are summed already).
                    for t in member_of {
                        if hits.iter().any(|h| h.theme == t) {
                            continue;
                        }
                        if let Some(v) = words.keeping(|s| !own_of(t).contains(&s)) {
                            add(&mut sums[t][l], v);
                        }
                    }
                }
                sums
            })
            .reduce(zero, merge)
    }

    /// Fits the spaces to the sums of every batch's [`Spaces::sums_part`]: the background and
    /// the prototypes, then (a pass over the articles) the thresholds.
    pub fn fit_sums(
        &mut self,
        sums: Sums,
        articles: &dyn Batches,
        matcher: &ThemeMatcher,
        quantile: f64,
    ) -> std::io::Result<()> {
        let themes = matcher.themes().len();
        let own = own_terms(matcher);
        let centre = |lang: Lang| self.centre[lang as usize].as_deref();
        let mut sums = sums;
        if sums.is_empty() {
            sums = vec![[(Vec::new(), 0), (Vec::new(), 0)]; themes + 2];
        }
        let sums = match &self.fixed {
            Some(fixed) => merge(fixed.clone(), sums),
            None => {
                self.fixed = Some(sums.clone());
                sums
            }
        };
        let background = |lang: usize| {
            let (sum, count) = &sums[themes][lang];
            let (rest, others) = &sums[themes + 1][lang];
            let all = (count + others) as f64;
            let shift = (0..sum.len())
                .map(|i| {
                    let r = rest.get(i).copied().unwrap_or(0);
                    ((sum[i] + r) as f64 / FIXED / all) as f32
                })
                .collect();
            (*count > 0).then(|| Background {
                sum: sum.iter().map(|s| (*s as f64 / FIXED) as f32).collect(),
                count: *count,
                shift,
            })
        };
        self.background = [background(0), background(1)];
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
        // The seeds' similarities to their prototype, to calibrate the thresholds, and a
        // histogram of every other sentence's (one per thread, summed).
        let hist_zero = || vec![[vec![0u64; BINS], vec![0u64; BINS]]; themes];
        let add_hist = |mut a: Histograms, b: Histograms| {
            for (x, y) in a.iter_mut().flatten().zip(b.iter().flatten()) {
                x.iter_mut().zip(y).for_each(|(s, t)| *s += t);
            }
            a
        };
        let mut similarities: Vec<Similarity> = Vec::new();
        let mut others = hist_zero();
        articles.each_batch(&mut |_, batch| {
            let (found, hist) = batch
                .par_iter()
                .fold(
                    || (Vec::new(), hist_zero()),
                    |(mut found, mut hist): (Vec<Similarity>, Histograms), p| {
                        let lang = p.language;
                        let l = lang as usize;
                        let Some(centre) = centre(lang) else {
                            return (found, hist);
                        };
                        for (hits, stems) in p.hits.iter().zip(&p.stems) {
                            let mut words = SentenceWords::new(stems.hashes(), lang, Some(centre));
                            for hit in hits {
                                let Some(proto) = &prototypes[hit.theme][l] else {
                                    continue;
                                };
                                let own = &own[hit.theme][l];
                                if let Some(v) = words.keeping(|s| !own.contains(&s)) {
                                    found.push((hit.theme, lang, (dot(proto, v) * FIXED) as i64));
                                }
                            }
                            if let Some(v) = words.whole() {
                                for (theme, protos) in prototypes.iter().enumerate() {
                                    if hits.iter().any(|h| h.theme == theme) {
                                        continue;
                                    }
                                    if let Some(proto) = &protos[l] {
                                        hist[theme][l][bin(dot(proto, v))] += 1;
                                    }
                                }
                            }
                        }
                        (found, hist)
                    },
                )
                .reduce(
                    || (Vec::new(), hist_zero()),
                    |(mut a, ha), (b, hb)| {
                        a.extend(b);
                        (a, add_hist(ha, hb))
                    },
                );
            similarities.extend(found);
            others = add_hist(std::mem::take(&mut others), hist);
        })?;
        let mut by_space: Vec<[Vec<i64>; 2]> = vec![[Vec::new(), Vec::new()]; themes];
        for (theme, lang, sim) in similarities {
            by_space[theme][lang as usize].push(sim);
        }
        for (((slots, protos), sims), others) in self
            .themes
            .iter_mut()
            .zip(prototypes)
            .zip(by_space)
            .zip(others)
        {
            for ((slot, (proto, mut sims)), others) in slots
                .iter_mut()
                .zip(protos.into_iter().zip(sims))
                .zip(others)
            {
                *slot = None;
                let Some(prototype) = proto else { continue };
                if sims.len() < MIN_SEEDS {
                    continue;
                }
                sims.sort_unstable();
                let at =
                    |q: f64| sims[((sims.len() - 1) as f64 * q).round() as usize] as f64 / FIXED;
                let mut threshold = equal_error(&sims, &others);
                if quantile > 0.0 {
                    threshold = threshold.max(at(quantile));
                }
                *slot = Some(Space {
                    prototype,
                    threshold,
                    top: at(0.9).max(threshold),
                });
            }
        }
        Ok(())
    }
}

/// Histogram bins of similarities over [-2, 2].
pub(super) const BINS: usize = 4096;

pub(super) fn bin(similarity: f64) -> usize {
    (((similarity + 2.0) / 4.0 * BINS as f64) as isize).clamp(0, BINS as isize - 1) as usize
}

/// The similarity at which as large a share of the seeds (sorted, fixed point) lies below as
/// of the other sentences (a histogram) lies above: the equal-error point, past which a
/// sentence is more typical of the theme's seeds than of the rest of the corpus. It needs no
/// setting: it moves with how far apart the two are in this corpus.
pub(super) fn equal_error(seeds: &[i64], others: &[u64]) -> f64 {
    let total: u64 = others.iter().sum();
    let n = seeds.len() as f64;
    let mut above = total;
    let mut below = 0usize;
    for (b, count) in others.iter().enumerate() {
        let edge = b as f64 / BINS as f64 * 4.0 - 2.0;
        while below < seeds.len() && (seeds[below] as f64 / FIXED) < edge {
            below += 1;
        }
        if total == 0 || below as f64 / n >= above as f64 / total as f64 {
            return edge;
        }
        above -= count;
    }
    2.0
}
