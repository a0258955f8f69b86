//! A sentence's vectors as the learn stage asks for them: the whole sentence, and the sentence
//! without one theme's terms or another. Its words are looked up in the table once, and each
//! distinct subset of them is summed once (a sentence on one theme without that theme's terms
//! is asked for by several sums of a pass).

use crate::text::{Lang, vectors};

/// Known words a sentence needs to have a vector.
const MIN_WORDS: usize = 2;

/// One sentence's words that have a vector (looked up when first asked for), and the vectors
/// of the subsets asked for so far.
pub(super) struct SentenceWords<'a> {
    lang: Lang,
    /// The corpus centre, subtracted from every vector (none while the centre is measured).
    centre: Option<&'a [f32]>,
    /// The sentence's stems (hashes), in the order of its stem set.
    stems: &'a [u64],
    /// The stems that have a vector, with their rows, in the order of `stems`.
    known: Option<Vec<(u64, u32)>>,
    /// Each subset computed so far (which of `known` it keeps) and its vector, if any.
    memo: Vec<(Vec<bool>, Option<Vec<f32>>)>,
}

impl<'a> SentenceWords<'a> {
    /// A sentence of these stems (hashes); nothing is looked up yet.
    pub(super) fn new(stems: &'a [u64], lang: Lang, centre: Option<&'a [f32]>) -> Self {
        SentenceWords {
            lang,
            centre,
            stems,
            known: None,
            memo: Vec::new(),
        }
    }

    /// The unit vector of the stems `keep` keeps, less the centre when there is one; none when
    /// fewer than two of them have vectors (or the result is zero).
    pub(super) fn keeping(&mut self, keep: impl Fn(u64) -> bool) -> Option<&[f32]> {
        let at = self.subset(keep);
        self.memo[at].1.as_deref()
    }

    /// Which of the vectors computed so far ([`Self::into_vectors`]) is the one of the stems
    /// `keep` keeps (see [`Self::keeping`]); it is computed if it is not yet.
    pub(super) fn subset(&mut self, keep: impl Fn(u64) -> bool) -> usize {
        let table = vectors::table(self.lang);
        let known = self.known.get_or_insert_with(|| {
            let rows = self
                .stems
                .iter()
                .filter_map(|&s| table.row(s).map(|row| (s, row)));
            rows.collect()
        });
        let mask: Vec<bool> = known.iter().map(|(s, _)| keep(*s)).collect();
        match self.memo.iter().position(|(m, _)| *m == mask) {
            Some(at) => at,
            None => {
                let rows = known.iter().zip(&mask).filter(|(_, k)| **k);
                let mut out = vec![0f32; table.dims()];
                let found = sum_rows(
                    rows.map(|((_, row), _)| *row),
                    self.lang,
                    self.centre,
                    &mut out,
                );
                self.memo.push((mask, found.then_some(out)));
                self.memo.len() - 1
            }
        }
    }

    /// The vectors computed, in the order [`Self::subset`] numbers them.
    pub(super) fn into_vectors(self) -> Vec<Option<Vec<f32>>> {
        self.memo.into_iter().map(|(_, v)| v).collect()
    }
}

/// Sets `out` to the unit vector of the stems of a sentence (their rows, in sentence order),
/// less the corpus centre when given; false when fewer than two stems have vectors.
///
/// The centred vector keeps its length: a sentence close to the centre says what the whole
/// corpus says, and is close to no theme (scaling it to unit length would make its small
/// differences look as large as a sentence that is clearly about something).
pub(super) fn sum_rows(
    rows: impl Iterator<Item = u32>,
    lang: Lang,
    centre: Option<&[f32]>,
    out: &mut [f32],
) -> bool {
    let table = vectors::table(lang);
    out.fill(0.0);
    let mut known = 0;
    for row in rows {
        table.add_row(row, 1.0, out);
        known += 1;
    }
    if known < MIN_WORDS || !normalise(out) {
        return false;
    }
    centre.is_none_or(|centre| less_centre(out, centre))
}

/// Subtracts the corpus centre from a unit vector; false when that leaves zero.
pub(super) fn less_centre(v: &mut [f32], centre: &[f32]) -> bool {
    v.iter_mut().zip(centre).for_each(|(x, c)| *x -= c);
    v.iter().any(|x| *x != 0.0)
}

/// Scales `v` to unit length; false when it is zero.
pub(super) fn normalise(v: &mut [f32]) -> bool {
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

/// `y.round().clamp(-127.0, 127.0) as i8` (halves away from zero), without a call to `roundf`
/// for every value (x86-64 has no rounding instruction before SSE4.1): the truncation and the
/// fraction it leaves, exact for any `y` of this size.
pub(super) fn quantise(y: f32) -> i8 {
    // Past ±128 (or infinite) the answer is ±127 either way; a NaN stays one, and gives 0.
    let y = y.clamp(-128.0, 128.0);
    let whole = y as i32;
    let fraction = y - whole as f32;
    let rounded = if fraction >= 0.5 {
        whole + 1
    } else if fraction <= -0.5 {
        whole - 1
    } else {
        whole
    };
    rounded.clamp(-127, 127) as i8
}

#[cfg(test)]
mod tests {
    use super::quantise;

    fn plainly(y: f32) -> i8 {
        y.round().clamp(-127.0, 127.0) as i8
    }

    #[test]
    fn packs_as_round_and_clamp_do() {
        for y in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            0.49999997,
            -0.49999997,
            126.5,
            127.49,
            -127.5,
            128.0,
            1e9,
            -1e9,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            f32::MIN_POSITIVE,
        ] {
            assert_eq!(quantise(y), plainly(y), "{y}");
        }
    }

    proptest::proptest! {
        #[test]
        fn packs_any_value_as_round_and_clamp_do(y in proptest::num::f32::ANY) {
            proptest::prop_assert_eq!(quantise(y), plainly(y), "{}", y);
        }

        #[test]
        fn packs_values_near_halves_as_round_and_clamp_do(y in -140.0f32..140.0) {
            proptest::prop_assert_eq!(quantise(y), plainly(y), "{}", y);
        }
    }
}
