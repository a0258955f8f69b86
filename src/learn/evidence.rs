//! Every sentence's themes with their evidence: its theme terms, the learned words it carries,
//! its similarity to each theme (read in its article), and its neighbours' themes.

use super::space::{self, Spaces};
use super::view::{ArticleView, Views};
use super::{
    BODY, BRIDGE_WORDS, Evidence, LEARNED_ENOUGH, LEARNED_NUDGE, Learned, NEIGHBOUR_FLOOR,
    NEIGHBOUR_SHARE, Via,
};
use crate::processed::Processed;
use crate::summary::round3;
use crate::text::Lang;

impl Learned {
    /// Every sentence's themes, strongest first, with their evidence.
    pub fn assign(&self, article: &Processed) -> Vec<Vec<Evidence>> {
        let view = Views::one(article, self.spaces.is_some());
        self.assign_viewed(article, view.article(0))
    }

    /// [`Learned::assign`] with the article's view made already (by the learn stage's read).
    #[inline(never)] // a function of its own in profiles (`bench/per_byte.sh`)
    pub fn assign_viewed(&self, article: &Processed, view: ArticleView<'_>) -> Vec<Vec<Evidence>> {
        let mut out = self.own_evidence(view);
        if self.settings.neighbours {
            bridges_take_what_follows(&mut out, article);
            continuations_take_what_precedes(&mut out, article);
        }
        out
    }

    /// Every sentence's themes by its own evidence (terms, learned words, similarity),
    /// strongest first.
    pub(super) fn own_evidence(&self, article: ArticleView<'_>) -> Vec<Vec<Evidence>> {
        let lang = article.lang;
        let spaces = self.spaces.as_ref();
        let dims = if spaces.is_some() {
            space::dims(lang)
        } else {
            0
        };
        let sentences = article.sentences;
        let mut out: Vec<Vec<Evidence>> = Vec::with_capacity(sentences);
        // Each sentence's own vector, centred once: `dims` values a sentence, and whether it
        // has one.
        let mut vectors = vec![0f32; dims * sentences];
        let mut has_vector = vec![false; sentences];
        // A sentence is read in its article: its vector is added to the mean of the article's
        // other sentences (so "juara" in a report on an election leans toward the election).
        let mut context = vec![0f32; dims];
        let mut with_vectors = 0usize;
        if let Some(s) = spaces {
            for (si, (v, has)) in vectors
                .chunks_exact_mut(dims)
                .zip(&mut has_vector)
                .enumerate()
            {
                if s.centred(article.whole(si, dims), lang, v) {
                    context.iter_mut().zip(&*v).for_each(|(c, x)| *c += x);
                    with_vectors += 1;
                    *has = true;
                }
            }
        }
        // An article with a body (three sentences or more) carries sentences besides its
        // subject: background, logistics, attribution. There similarity speaks for the article
        // first: a sentence joins by similarity only the theme its whole article is closest to,
        // only when the article is closer to it than to the background, and only when the
        // article names the theme somewhere (one of its terms or learned words). Similarity
        // carries a theme through an article that is on it; it does not put an article on a
        // theme it never names (a car show on a space theme, for the vehicles both speak of).
        // An article of one or two sentences (a flash, a headline and its lead) is all
        // subject: its sentences are judged against the themes alone.
        let body = sentences >= BODY;
        let article_theme = spaces
            .filter(|_| body && with_vectors > 0)
            .and_then(|s| self.article_theme(s, &context, lang))
            .filter(|&theme| self.named_in(article, theme));
        let mut vector = vec![0f32; dims];
        for si in 0..sentences {
            let (hits, stems) = (article.hits(si), article.stems(si));
            let known = has_vector[si];
            let sentence = &vectors[si * dims..(si + 1) * dims];
            vector.copy_from_slice(sentence);
            // Its own vector, while it is part of the background.
            let own = (known && hits.len() == 0).then_some(sentence);
            if known && with_vectors > 1 {
                let others = (with_vectors - 1) as f32;
                vector
                    .iter_mut()
                    .zip(&context)
                    .for_each(|(v, c)| *v += (c - *v) / others);
            }
            // Made when a similarity is first weighed against it (most sentences never are).
            let mut background: Option<Option<f64>> = None;
            let mut found: Vec<Evidence> = Vec::new();
            // The theme the sentence is closest to, past its threshold: (closeness, theme,
            // similarity, learned words).
            let mut closest: Option<(f64, usize, f64, Vec<u64>)> = None;
            for (theme, weights) in self.weights.iter().enumerate() {
                let learned: Vec<u64> = if weights.is_empty() {
                    Vec::new()
                } else {
                    let known = stems.iter().filter(|s| weights.contains_key(s));
                    known.copied().collect()
                };
                let weight: f64 = learned.iter().map(|s| weights[s]).sum();
                if let Some(hit) = hits.clone().find(|h| h.theme == theme) {
                    let terms = hit.terms.min(3) as f64;
                    found.push(Evidence {
                        theme,
                        score: round3(0.5 + terms / 6.0),
                        via: Via::Terms,
                        learned,
                        similarity: None,
                        neighbour: None,
                    });
                    continue;
                }
                let space = spaces.and_then(|s| s.themes[theme][lang as usize].as_ref());
                let article_allows = !body || article_theme == Some(theme);
                if let Some(space) = space.filter(|_| known && article_allows) {
                    let similarity = space.similarity(&vector);
                    let nudged = similarity + LEARNED_NUDGE * weight;
                    let closeness = space.closeness(nudged);
                    // Closer to the theme than to what the corpus says besides its themes.
                    let mut clear = || {
                        let background = *background.get_or_insert_with(|| {
                            spaces
                                .filter(|_| known && self.settings.background.applies(body))
                                .and_then(|s| s.background_similarity(&vector, own, lang))
                        });
                        background.is_none_or(|b| nudged > b)
                    };
                    if let Some(c) = closeness
                        .filter(|c| closest.as_ref().is_none_or(|b| *c > b.0))
                        .filter(|_| clear())
                    {
                        closest = Some((c, theme, similarity, learned.clone()));
                    }
                }
                if weight >= LEARNED_ENOUGH {
                    found.push(Evidence {
                        theme,
                        score: round3(0.25 + 0.35 * (weight / 3.0).min(1.0)),
                        via: Via::Learned,
                        learned,
                        similarity: None,
                        neighbour: None,
                    });
                }
            }
            if let Some((c, theme, similarity, learned)) = closest {
                let empty = found.is_empty();
                match found.iter_mut().find(|e| e.theme == theme) {
                    Some(e) => e.similarity = Some(round3(similarity)),
                    None if empty => found.push(Evidence {
                        theme,
                        score: round3(0.25 + 0.35 * c),
                        via: Via::Similarity,
                        learned,
                        similarity: Some(round3(similarity)),
                        neighbour: None,
                    }),
                    None => {}
                }
            }
            found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.theme.cmp(&b.theme)));
            out.push(found);
        }
        out
    }
}

impl Learned {
    /// Whether some sentence of the article carries one of `theme`'s terms or learned words.
    fn named_in(&self, article: ArticleView<'_>, theme: usize) -> bool {
        let learned = &self.weights[theme];
        (0..article.sentences).any(|si| {
            article.hits(si).any(|hit| hit.theme == theme)
                || article
                    .stems(si)
                    .iter()
                    .any(|stem| learned.contains_key(stem))
        })
    }

    /// The theme an article's summed sentence vectors are closest to, when it is closer to
    /// it than to the background (with the background on): what the article is about, as far
    /// as similarity can tell. No threshold: the sentences that join by similarity still
    /// need their own.
    fn article_theme(&self, spaces: &Spaces, sum: &[f32], lang: Lang) -> Option<usize> {
        let closest = spaces
            .themes
            .iter()
            .enumerate()
            .filter_map(|(theme, slots)| {
                let space = slots[lang as usize].as_ref()?;
                Some((theme, space.similarity(sum)))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
        let background = self
            .settings
            .background
            .applies(true)
            .then(|| spaces.background_similarity(sum, None, lang))
            .flatten();
        background
            .is_none_or(|b| closest.1 > b)
            .then_some(closest.0)
    }
}

/// A neighbour's theme as the sentence `from` passes it on.
fn passed_on(e: &Evidence, from: usize) -> Evidence {
    Evidence {
        theme: e.theme,
        score: round3(e.score * NEIGHBOUR_SHARE),
        via: Via::Neighbour,
        learned: Vec::new(),
        similarity: None,
        neighbour: Some(from),
    }
}

/// A sentence with next to no words of its own and no evidence that does not point back (no
/// quotation, no pronoun as its subject: "Sekarang, bahkan itu telah berantakan.", "Now, even
/// that has fallen apart.", a list's heading) bridges to what follows, which says what it
/// means: it takes the themes the next sentence holds by its own terms or learned words, on
/// the terms a continuation takes its neighbour's (a share of their confidence, above a floor).
fn bridges_take_what_follows(out: &mut [Vec<Evidence>], article: &Processed) {
    for si in 0..out.len().saturating_sub(1) {
        if !out[si].is_empty() || article.stems[si].len() > BRIDGE_WORDS {
            continue;
        }
        let text = &article.sentences[si].text;
        let (tokens, _) = crate::text::analyze(text, article.language);
        if crate::text::discourse::points_back(text, &tokens) {
            continue;
        }
        let passed: Vec<Evidence> = out[si + 1]
            .iter()
            .filter(|e| e.score * NEIGHBOUR_SHARE >= NEIGHBOUR_FLOOR)
            .filter(|e| e.via == Via::Terms || !e.learned.is_empty())
            .map(|e| passed_on(e, si + 1))
            .collect();
        out[si] = passed;
    }
}

/// A sentence that continues its neighbour is about what the neighbour is about: its own
/// words (often a name and a verb) outweigh that only when they are terms or learned words,
/// not when only similarity put it somewhere. Only the neighbour's themes of firmer evidence
/// pass: a guess by similarity is not passed on as a second guess. One whose neighbour is on
/// no theme is on none by similarity either. A bridge that took the next sentence's themes
/// keeps them.
pub(super) fn continuations_take_what_precedes(out: &mut [Vec<Evidence>], article: &Processed) {
    for si in 1..out.len() {
        let by_similarity_only = out[si]
            .iter()
            .all(|e| e.via == Via::Similarity && e.learned.is_empty());
        if !article.continues[si] || !by_similarity_only {
            continue;
        }
        let passed: Vec<Evidence> = out[si - 1]
            .iter()
            .filter(|e| e.score * NEIGHBOUR_SHARE >= NEIGHBOUR_FLOOR)
            .filter(|e| e.via != Via::Similarity || !e.learned.is_empty())
            .map(|e| passed_on(e, si - 1))
            .collect();
        // A neighbour on no theme at all takes a similarity's guess away: the sentence goes on
        // about what the neighbour was about.
        if !passed.is_empty() || out[si - 1].is_empty() {
            out[si] = passed;
        }
    }
}
