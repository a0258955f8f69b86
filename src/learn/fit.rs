//! Fitting the theme spaces to the corpus: each theme's prototype moved toward the centroid of
//! its seeds (and, in the self-training rounds, of the sentences put under it), the background
//! (the sentences no theme's terms reach), and each threshold, where the seeds part from the
//! rest of the corpus. Every pass reads the learn stage's views ([`super::view`]).

use rayon::prelude::*;

use super::Learner;
use super::histogram::{Histogram, bin, equal_error};
use super::sentence::{SentenceWords, less_centre, normalise};
use super::space::{
    Background, FIXED, MEMBERS_HALF_WEIGHT, MIN_SEEDS, OwnTerms, Space, Spaces, Sums, add, dims,
    dot, merge, unit,
};
use super::view::{ArticleView, Views, centred};
use crate::text::Lang;

/// A seed's similarity to its theme's prototype: (theme, language, fixed-point similarity).
pub type Similarity = (usize, Lang, i64);

/// Per theme and language, a histogram of similarities.
pub type Histograms = Vec<[Histogram; 2]>;

/// Per theme and language, a prototype (none where the theme has no words with vectors).
pub type Prototypes = Vec<[Option<Vec<f32>>; 2]>;

/// What calibrates the thresholds: each seed's similarity, and per theme and language a
/// histogram of every other sentence's.
pub type SimilarityPart = (Vec<Similarity>, Histograms);

/// An article → each of its sentences' themes (the self-training rounds' members).
pub type Members<'a> = dyn Fn(ArticleView<'_>) -> Vec<Vec<usize>> + Sync + 'a;

impl Spaces {
    /// A batch's part of the sums a fit moves the prototypes by: in the first fit (`members`
    /// is not asked) each theme's seeds without its terms, the sentences no theme's terms reach
    /// (the background) and the other seeds without their themes' terms, which every later fit
    /// starts from; in a later fit, the sentences `members` puts under a theme whose terms they
    /// do not carry.
    pub fn sums_part(&self, batch: &Views, own: &OwnTerms, members: &Members<'_>) -> Sums {
        let themes = own.len();
        // The slot after the themes sums the background, the last one the other seeds.
        let zero = || vec![[(Vec::new(), 0), (Vec::new(), 0)]; themes + 2];
        let first = self.fixed.is_none();
        (0..batch.len())
            .into_par_iter()
            .fold(zero, |mut sums: Sums, a| {
                let article = batch.article(a);
                let lang = article.lang;
                let l = lang as usize;
                let Some(centre) = self.centre(lang) else {
                    return sums;
                };
                let dims = dims(lang);
                let mut v = vec![0f32; dims];
                let members = (!first).then(|| members(article));
                for si in 0..article.sentences {
                    if first {
                        if article.hits(si).len() == 0 {
                            if centred(article.whole(si, dims), centre, &mut v) {
                                add(&mut sums[themes][l], &v);
                            }
                        } else if centred(article.rest(si, dims), centre, &mut v) {
                            add(&mut sums[themes + 1][l], &v);
                        }
                        for (hit, vector) in article.hit_vectors(si, dims) {
                            if centred(vector, centre, &mut v) {
                                add(&mut sums[hit.theme][l], &v);
                            }
                        }
                    }
                    // The members the terms did not find (the seeds are summed already).
                    for &t in members.as_ref().map_or(&[][..], |m| &m[si]) {
                        if article.has_hit(si, t) {
                            continue;
                        }
                        let stems = article.stems(si);
                        let own = &own[t][l];
                        if stems.iter().any(|s| own.contains(s)) {
                            let mut words = SentenceWords::new(stems, lang, Some(centre));
                            if let Some(x) = words.keeping(|s| !own.contains(&s)) {
                                add(&mut sums[t][l], x);
                            }
                        } else if centred(article.whole(si, dims), centre, &mut v) {
                            add(&mut sums[t][l], &v);
                        }
                    }
                }
                sums
            })
            .reduce(zero, merge)
    }

    /// Takes the sums of every batch's [`Spaces::sums_part`] (with the first fit's, which are
    /// kept): the background, and each theme's prototype, whose threshold
    /// [`Spaces::set_thresholds`] then sets from a pass of [`Spaces::similarities_part`].
    pub fn prototypes_from(&mut self, sums: Sums, learner: &Learner<'_>) -> Prototypes {
        let themes = learner.matcher.themes().len();
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
        self.background = [background(&sums, themes, 0), background(&sums, themes, 1)];
        self.prototypes(&sums, learner)
    }

    /// Sets each theme's space from its prototype and the similarities of every batch's
    /// [`Spaces::similarities_part`]: the threshold where its seeds part from the rest.
    pub fn set_thresholds(&mut self, prototypes: Prototypes, part: SimilarityPart, quantile: f64) {
        let themes = prototypes.len();
        let (similarities, others) = part;
        let mut by_space: Vec<[Vec<i64>; 2]> = vec![[Vec::new(), Vec::new()]; themes];
        for (theme, lang, sim) in similarities {
            by_space[theme][lang as usize].push(sim);
        }
        let others = if others.is_empty() {
            vec![[Histogram::default(), Histogram::default()]; themes]
        } else {
            others
        };
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
    }

    /// Per theme and language, the vector of the theme's words moved toward the centroid of
    /// its members' sums.
    fn prototypes(&self, sums: &Sums, learner: &Learner<'_>) -> Prototypes {
        let themes = learner.theme_vectors.len();
        let mut prototypes: Prototypes = vec![[None, None]; themes];
        for (theme, slots) in prototypes.iter_mut().enumerate() {
            for lang in [Lang::Id, Lang::En] {
                let Some(words) = &learner.theme_vectors[theme][lang as usize] else {
                    continue;
                };
                let mut base = words.clone();
                if !self.centre(lang).is_none_or(|c| less_centre(&mut base, c)) {
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
        prototypes
    }

    /// A batch's part of what calibrates the thresholds: the seeds' similarities to their
    /// theme's prototype, and a histogram of every other sentence's (one per thread, summed).
    pub fn similarities_part(&self, prototypes: &Prototypes, batch: &Views) -> SimilarityPart {
        let themes = prototypes.len();
        let hist_zero = || vec![[Histogram::default(), Histogram::default()]; themes];
        (0..batch.len())
            .into_par_iter()
            .fold(
                || (Vec::new(), hist_zero()),
                |(mut found, mut hist): SimilarityPart, a| {
                    let article = batch.article(a);
                    let lang = article.lang;
                    let l = lang as usize;
                    let Some(centre) = self.centre(lang) else {
                        return (found, hist);
                    };
                    let dims = dims(lang);
                    let mut v = vec![0f32; dims];
                    for si in 0..article.sentences {
                        for (hit, vector) in article.hit_vectors(si, dims) {
                            let Some(proto) = &prototypes[hit.theme][l] else {
                                continue;
                            };
                            if centred(vector, centre, &mut v) {
                                found.push((hit.theme, lang, (dot(proto, &v) * FIXED) as i64));
                            }
                        }
                        if centred(article.whole(si, dims), centre, &mut v) {
                            for (theme, protos) in prototypes.iter().enumerate() {
                                if article.has_hit(si, theme) {
                                    continue;
                                }
                                if let Some(proto) = &protos[l] {
                                    hist[theme][l].add(bin(dot(proto, &v)));
                                }
                            }
                        }
                    }
                    (found, hist)
                },
            )
            .reduce(|| (Vec::new(), hist_zero()), merge_similarities)
    }
}

/// The parts of two batches together.
pub fn merge_similarities(a: SimilarityPart, b: SimilarityPart) -> SimilarityPart {
    let (mut found, mut hist) = a;
    let (more, other) = b;
    found.extend(more);
    if hist.is_empty() {
        return (found, other);
    }
    for (x, y) in hist.iter_mut().flatten().zip(other.into_iter().flatten()) {
        x.merge(y);
    }
    (found, hist)
}

/// The background of a language from a fit's sums (the slot after the themes: the sentences
/// no theme's terms reach; the last: the others without their themes' terms).
fn background(sums: &Sums, themes: usize, lang: usize) -> Option<Background> {
    let (sum, count) = &sums[themes][lang];
    let (rest, others) = &sums[themes + 1][lang];
    let all = (count + others) as f64;
    let shift = (0..sum.len())
        .map(|i| {
            let r = rest.get(i).copied().unwrap_or(0);
            ((sum[i] + r) as f64 / FIXED / all) as f32
        })
        .collect();
    (*count > 0).then(|| {
        Background::new(
            sum.iter().map(|s| (*s as f64 / FIXED) as f32).collect(),
            *count,
            shift,
        )
    })
}
