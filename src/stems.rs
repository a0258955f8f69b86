//! Sets of stems, compact: what the cross-article steps keep of a sentence's words once the
//! per-article stages are done (a sorted list of 64-bit hashes instead of the words).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A set of stems, as sorted, distinct XXH3 hashes. Two sets compare as the stem sets they
/// stand for (a 64-bit collision between two stems of one corpus is vanishingly unlikely).
/// Written as a list of numbers in JSON, and as their little-endian bytes in one piece in a
/// binary form (the cache's), which reads back with one copy instead of a number at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StemSet(Vec<u64>);

impl Serialize for StemSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return self.0.serialize(serializer);
        }
        let bytes: Vec<u8> = self.0.iter().flat_map(|h| h.to_le_bytes()).collect();
        serializer.serialize_bytes(&bytes)
    }
}

impl<'de> Deserialize<'de> for StemSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StemSet, D::Error> {
        if deserializer.is_human_readable() {
            return Vec::deserialize(deserializer).map(StemSet);
        }
        deserializer.deserialize_bytes(BytesVisitor)
    }
}

/// Reads a [`StemSet`]'s bytes.
struct BytesVisitor;

impl serde::de::Visitor<'_> for BytesVisitor {
    type Value = StemSet;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stem hashes, eight little-endian bytes each")
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<StemSet, E> {
        if !bytes.len().is_multiple_of(8) {
            return Err(E::invalid_length(bytes.len(), &self));
        }
        let hashes = bytes
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()));
        Ok(StemSet(hashes.collect()))
    }
}

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

    #[test]
    fn sets_read_back_as_written_in_json_and_in_binary() {
        let a = set(&["rusia", "veto", "panel"]);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, format!("{:?}", a.hashes()).replace(' ', ""));
        assert_eq!(serde_json::from_str::<StemSet>(&json).unwrap(), a);
        let binary = postcard::to_stdvec(&a).unwrap();
        assert_eq!(binary.len(), 1 + 3 * 8);
        assert_eq!(postcard::from_bytes::<StemSet>(&binary).unwrap(), a);
        assert_eq!(
            postcard::from_bytes::<StemSet>(&postcard::to_stdvec(&StemSet::default()).unwrap())
                .unwrap(),
            StemSet::default()
        );
        // Bytes that are not whole hashes are refused.
        assert!(postcard::from_bytes::<StemSet>(&[3, 1, 2, 3]).is_err());
    }
}
