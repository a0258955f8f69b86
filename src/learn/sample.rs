//! Which articles the corpus-wide statistics are taken from: every article of a corpus of up to
//! [`LEARN_SAMPLE`] articles; of a larger one, those whose id hashes into a fixed share of the
//! hash space (a half, a quarter, …: the largest share that keeps the sample at about
//! `LEARN_SAMPLE`). Membership depends on the article's id and the corpus size only, never on
//! other articles or on the order they come in, so a build, a merge of records and a batch
//! engine's steps choose the same articles, and an edit to an article outside the sample
//! changes nothing the corpus teaches.

/// The most articles the document frequencies and the learn stage read, about, by default
/// (`grouping.sample`): past this, more articles teach the themes little more, and a rebuild
/// after an edit outside the sample can reuse what was learned.
pub const LEARN_SAMPLE: usize = 4096;

/// The sample of a corpus of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// How many leading bits of an id's hash must be zero (0: every article).
    bits: u32,
}

impl Sample {
    /// The sample of a corpus of `articles` kept articles, of about `bound` at most.
    pub fn of(articles: usize, bound: usize) -> Sample {
        let mut bits = 0;
        while bits < 63 && (articles >> bits) > bound {
            bits += 1;
        }
        Sample { bits }
    }

    /// Whether every article is in it.
    pub fn is_all(&self) -> bool {
        self.bits == 0
    }

    /// Whether the article with this id is in it.
    pub fn contains(&self, id: &str) -> bool {
        self.bits == 0 || self.contains_hash(Sample::hash(id))
    }

    /// The number an id is sampled by, for [`Sample::contains_hash`] once the corpus size is
    /// known.
    pub fn hash(id: &str) -> u64 {
        let hash = blake3::hash(id.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash.as_bytes()[..8]);
        u64::from_le_bytes(first)
    }

    /// Whether the article whose id gave this [`Sample::hash`] is in it.
    pub fn contains_hash(&self, hash: u64) -> bool {
        self.bits == 0 || hash >> (64 - self.bits) == 0
    }

    /// A number that names the rule, for keys of what was learned with it.
    pub fn bits(&self) -> u32 {
        self.bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_corpora_are_read_whole() {
        for n in [0, 1, 5, LEARN_SAMPLE] {
            let sample = Sample::of(n, LEARN_SAMPLE);
            assert!(sample.is_all(), "{n}");
            assert!(sample.contains("articles/a.txt"));
        }
    }

    #[test]
    fn large_corpora_are_sampled_to_about_the_bound() {
        for n in [LEARN_SAMPLE + 1, 10_000, 50_000, 200_000] {
            let sample = Sample::of(n, LEARN_SAMPLE);
            assert!(!sample.is_all(), "{n}");
            let chosen = (0..n)
                .filter(|i| sample.contains(&format!("articles/{i:07}.txt")))
                .count();
            // Half the bound to the bound, expected; the hash's spread leaves a few percent.
            assert!(
                chosen > LEARN_SAMPLE * 45 / 100 && chosen < LEARN_SAMPLE * 105 / 100,
                "{n} articles: {chosen} chosen"
            );
        }
    }

    #[test]
    fn membership_depends_on_the_id_alone() {
        let sample = Sample::of(50_000, LEARN_SAMPLE);
        let ids: Vec<String> = (0..2000).map(|i| format!("a/{i}.txt")).collect();
        let first: Vec<bool> = ids.iter().map(|id| sample.contains(id)).collect();
        let again: Vec<bool> = ids.iter().rev().map(|id| sample.contains(id)).collect();
        assert!(first.iter().eq(again.iter().rev()));
        assert!(first.iter().any(|&x| x) && first.iter().any(|&x| !x));
    }
}
