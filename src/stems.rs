//! Sets of stems, compact: what the cross-article steps keep of a sentence's words once the
//! per-article stages are done (a sorted list of 64-bit hashes instead of the words).

use serde::{Deserialize, Serialize};

/// A set of stems, as sorted, distinct XXH3 hashes. Two sets compare as the stem sets they
/// stand for (a 64-bit collision between two stems of one corpus is vanishingly unlikely).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StemSet(Vec<u64>);

impl StemSet {
    /// The set of the stems with the given hashes ([`hash`]), in any order, repeats allowed.
    pub fn new(mut hashes: Vec<u64>) -> StemSet {
        hashes.sort_unstable();
        hashes.dedup();
        StemSet(hashes)
    }

    /// How many stems the set holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the set holds no stem.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the hashes are strictly increasing, as [`StemSet::new`] makes them (a set read
    /// from elsewhere may not be).
    pub fn is_ordered(&self) -> bool {
        self.0.windows(2).all(|w| w[0] < w[1])
    }

    /// The stems' hashes, in increasing order.
    pub fn hashes(&self) -> &[u64] {
        &self.0
    }

    /// How many stems the two sets share (a merge of the two sorted lists).
    pub fn common(&self, other: &StemSet) -> usize {
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        let mut shared = 0;
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    a.next();
                    b.next();
                }
            }
        }
        shared
    }
}

/// The stable 64-bit hash of a stem (XXH3, the same on every machine and run).
pub fn hash(stem: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(stem.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(stems: &[&str]) -> StemSet {
        StemSet::new(stems.iter().map(|s| hash(s)).collect())
    }

    #[test]
    fn sets_compare_like_the_stems() {
        let a = set(&["rusia", "veto", "panel", "veto"]);
        let b = set(&["panel", "ahli", "rusia"]);
        assert_eq!(a.len(), 3);
        assert_eq!(a.common(&b), 2);
        assert_eq!(b.common(&a), 2);
        assert_eq!(a.common(&StemSet::default()), 0);
        assert!(set(&[]).is_empty());
        assert_eq!(set(&["b", "a"]), set(&["a", "b", "a"]));
    }
}
