//! Histograms of similarities, and the threshold read off them ([`equal_error`]): where a
//! theme's seeds part from the rest of the corpus.
//!
//! A histogram is a list of the bins counted while they are few, and a table of every bin past
//! that: the learn stage run on one article (`summarize`) counts a few dozen similarities per
//! theme, and zeroing and walking a table of every bin for them was most of its work.

use super::space::FIXED;

/// Histogram bins of similarities over [-2, 2].
pub(super) const BINS: usize = 4096;
/// Counts kept as a list of bins up to this many; a table of every bin past it.
const FEW: usize = 512;

/// The bin of a similarity.
pub(super) fn bin(similarity: f64) -> usize {
    (((similarity + 2.0) / 4.0 * BINS as f64) as isize).clamp(0, BINS as isize - 1) as usize
}

/// How many similarities fell in each of [`BINS`] bins.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Histogram {
    /// Each similarity's bin, in no order: while there are at most [`FEW`].
    Few(Vec<u16>),
    /// Per bin, how many.
    Bins(Vec<u64>),
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram::Few(Vec::new())
    }
}

impl Histogram {
    /// Counts one similarity in bin `b` (below [`BINS`]).
    pub(super) fn add(&mut self, b: usize) {
        match self {
            Histogram::Few(bins) => {
                bins.push(b as u16);
                if bins.len() > FEW {
                    *self = Histogram::Bins(table(bins));
                }
            }
            Histogram::Bins(counts) => counts[b] += 1,
        }
    }

    /// Why it cannot be a histogram of [`BINS`] bins (one read from elsewhere): a table of
    /// another size, or a bin past the last.
    pub(super) fn check(&self) -> Result<(), String> {
        match self {
            Histogram::Bins(counts) if counts.len() != BINS => {
                Err(format!("a histogram of {} bins, not {BINS}", counts.len()))
            }
            Histogram::Few(bins) if bins.iter().any(|&b| b as usize >= BINS) => {
                Err(format!("a histogram bin past {BINS}"))
            }
            _ => Ok(()),
        }
    }

    /// Its list of bins in increasing order (a table is in order already).
    pub(super) fn sort(&mut self) {
        if let Histogram::Few(bins) = self {
            bins.sort_unstable();
        }
    }

    /// Adds another histogram's counts.
    pub(super) fn merge(&mut self, other: Histogram) {
        match (&mut *self, other) {
            (Histogram::Few(a), Histogram::Few(b)) if a.len() + b.len() <= FEW => a.extend(b),
            (Histogram::Bins(a), Histogram::Bins(b)) => {
                a.iter_mut().zip(b).for_each(|(s, t)| *s += t);
            }
            (Histogram::Bins(a), Histogram::Few(b)) => b.iter().for_each(|&x| a[x as usize] += 1),
            (this, other) => {
                let mut counts = match this {
                    Histogram::Few(a) => table(a),
                    Histogram::Bins(a) => std::mem::take(a),
                };
                match other {
                    Histogram::Few(b) => b.iter().for_each(|&x| counts[x as usize] += 1),
                    Histogram::Bins(b) => counts.iter_mut().zip(b).for_each(|(s, t)| *s += t),
                }
                *self = Histogram::Bins(counts);
            }
        }
    }

    /// The bins counted, in increasing order, each with how many it counted.
    pub(super) fn counted(&self) -> Vec<(usize, u64)> {
        match self {
            Histogram::Few(bins) => {
                let mut sorted = bins.clone();
                sorted.sort_unstable();
                let mut out: Vec<(usize, u64)> = Vec::new();
                for b in sorted {
                    match out.last_mut() {
                        Some(last) if last.0 == b as usize => last.1 += 1,
                        _ => out.push((b as usize, 1)),
                    }
                }
                out
            }
            Histogram::Bins(counts) => counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(b, n)| (b, *n))
                .collect(),
        }
    }
}

/// A table of every bin's count, from a list of bins.
fn table(bins: &[u16]) -> Vec<u64> {
    let mut counts = vec![0u64; BINS];
    bins.iter().for_each(|&b| counts[b as usize] += 1);
    counts
}

/// The similarity at which as large a share of the seeds (sorted, fixed point) lies below as
/// of the other sentences lies above: the lower edge of the first bin where that holds, 2.0
/// when none does. The equal-error point, past which a sentence is more typical of the theme's
/// seeds than of the rest of the corpus. It needs no setting: it moves with how far apart the
/// two are in this corpus.
///
/// The share of seeds below a bin's edge only grows from bin to bin and the share of others
/// at or above it only shrinks, so the first bin is found by halving the range of bins.
pub(super) fn equal_error(seeds: &[i64], others: &Histogram) -> f64 {
    let counted = others.counted();
    // How many others lie below each counted bin's upper edge.
    let below_each: Vec<u64> = counted
        .iter()
        .scan(0u64, |sum, &(_, n)| {
            *sum += n;
            Some(*sum)
        })
        .collect();
    let total = below_each.last().copied().unwrap_or(0);
    let n = seeds.len() as f64;
    let edge = |b: usize| b as f64 / BINS as f64 * 4.0 - 2.0;
    let parted = |b: usize| {
        let edge = edge(b);
        let seeds_below = seeds.partition_point(|&s| (s as f64 / FIXED) < edge);
        let bins_below = counted.partition_point(|&(bin, _)| bin < b);
        let above = total - bins_below.checked_sub(1).map_or(0, |i| below_each[i]);
        total == 0 || seeds_below as f64 / n >= above as f64 / total as f64
    };
    // The first bin that parts them: every one before `low` does not, `high` does (or is BINS).
    let (mut low, mut high) = (0, BINS);
    while low < high {
        let mid = (low + high) / 2;
        if parted(mid) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    if low < BINS { edge(low) } else { 2.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The threshold as it was found before the halving: bin by bin over a table of every bin.
    fn walked(seeds: &[i64], others: &[u64]) -> f64 {
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

    /// A fixed sequence of numbers in [0, 1) (splitmix64), so the cases are the same every run.
    fn numbers(seed: u64) -> impl FnMut() -> f64 {
        let mut x = seed;
        move || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            (z >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[test]
    fn the_halving_finds_the_bin_the_walk_found() {
        let mut thresholds = Vec::new();
        for case in 1..400u64 {
            let mut next = numbers(case * 7919);
            // Seeds high on the theme, others lower, overlapping more or less; few and many.
            let spread = next();
            let mut seeds: Vec<i64> = (0..3 + (next() * 40.0) as usize)
                .map(|_| ((0.2 + next() * spread * 1.5) * FIXED) as i64)
                .collect();
            seeds.sort_unstable();
            let mut few = Histogram::default();
            let mut table = vec![0u64; BINS];
            for _ in 0..(next() * 1500.0) as usize {
                let b = bin(next() * 1.6 - 0.8);
                few.add(b);
                table[b] += 1;
            }
            // The seeds' own values as others too: ties at a bin's edge.
            if case % 5 == 0 {
                for &s in &seeds {
                    let b = bin(s as f64 / FIXED);
                    few.add(b);
                    table[b] += 1;
                }
            }
            let threshold = equal_error(&seeds, &few);
            assert_eq!(threshold, walked(&seeds, &table), "case {case}");
            thresholds.push(threshold.to_bits());
        }
        thresholds.sort_unstable();
        thresholds.dedup();
        assert!(thresholds.len() > 100, "{} thresholds", thresholds.len());
        // No others at all: the lowest edge, as before.
        let seeds = [FIXED as i64 / 2; 3];
        assert_eq!(equal_error(&seeds, &Histogram::default()), -2.0);
        assert_eq!(walked(&seeds, &[0; BINS]), -2.0);
    }

    #[test]
    fn a_list_of_bins_and_a_table_count_the_same() {
        let mut next = numbers(42);
        let bins: Vec<usize> = (0..2000).map(|_| bin(next() * 4.0 - 2.0)).collect();
        let mut one = Histogram::default();
        bins.iter().for_each(|&b| one.add(b));
        assert!(matches!(one, Histogram::Bins(_)), "past FEW, a table");
        // The same counts in parts of every size, merged in every pairing of forms.
        let mut merged = Histogram::default();
        for part in bins.chunks(300) {
            let mut h = Histogram::default();
            part.iter().for_each(|&b| h.add(b));
            merged.merge(h);
        }
        let mut small = Histogram::default();
        bins[..10].iter().for_each(|&b| small.add(b));
        let mut big = Histogram::default();
        bins[10..].iter().for_each(|&b| big.add(b));
        small.merge(big);
        assert!(matches!(small, Histogram::Bins(_)));
        assert_eq!(one.counted(), merged.counted());
        assert_eq!(one.counted(), small.counted());
        let total: u64 = one.counted().iter().map(|c| c.1).sum();
        assert_eq!(total, 2000);
        let mut few = Histogram::default();
        bins[..FEW].iter().for_each(|&b| few.add(b));
        assert!(matches!(few, Histogram::Few(_)), "up to FEW, a list");
        let mut expected: Vec<usize> = bins[..FEW].to_vec();
        expected.sort_unstable();
        expected.dedup();
        let found: Vec<usize> = few.counted().iter().map(|c| c.0).collect();
        assert_eq!(found, expected);
    }
}
