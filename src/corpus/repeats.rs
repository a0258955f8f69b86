//! Paragraphs an article repeats word for word: a pull quote, a page that holds its text twice
//! (for phones and for desktops). The first is kept; each repeat is set aside as
//! [`super::Reason::Repeat`].

use rustc_hash::{FxHashMap, FxHasher};

use super::Paragraph;

/// The paragraphs of an article kept so far, by the hash of their text, to find one repeated
/// word for word ([`super::Reason::Repeat`]).
#[derive(Default)]
pub struct Repeats {
    by_hash: FxHashMap<u64, Vec<usize>>,
}

/// The fewest words of a paragraph whose repeat is set aside (a short line such as "Foto:"
/// may well recur).
const REPEAT_WORDS: usize = 4;

impl Repeats {
    fn hash(text: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = FxHasher::default();
        text.hash(&mut hasher);
        hasher.finish()
    }

    /// Notes the paragraph `index` of the article, with this text.
    pub fn note(&mut self, text: &str, index: usize) {
        if text.split_whitespace().nth(REPEAT_WORDS - 1).is_some() {
            self.by_hash
                .entry(Self::hash(text))
                .or_default()
                .push(index);
        }
    }

    /// Whether `text` is that of a paragraph kept before (compared whole, not by hash alone).
    pub fn is_repeat(&self, text: &str, kept: &[Paragraph]) -> bool {
        self.by_hash
            .get(&Self::hash(text))
            .is_some_and(|at| at.iter().any(|&i| kept[i].text == text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_said_again_is_a_repeat_and_a_short_line_is_not() {
        let kept: Vec<Paragraph> = [
            "The council met on Monday.",
            "Foto: Antara",
            "Dia menambahkan.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Paragraph {
            text: t.to_string(),
            line: i + 1,
        })
        .collect();
        let mut repeats = Repeats::default();
        for (i, p) in kept.iter().enumerate() {
            repeats.note(&p.text, i);
        }
        assert!(repeats.is_repeat("The council met on Monday.", &kept));
        assert!(!repeats.is_repeat("The council met on Tuesday.", &kept));
        assert!(!repeats.is_repeat("Foto: Antara", &kept));
        assert!(!repeats.is_repeat("Dia menambahkan.", &kept));
    }
}
