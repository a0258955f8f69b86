//! Paragraphs an article repeats word for word: a pull quote, a page that holds its text twice
//! (for phones and for desktops). The first is kept; each repeat is set aside as
//! [`super::Reason::Repeat`].

use rustc_hash::FxHashMap;

use super::Paragraph;

/// The paragraphs of an article kept so far, by the hash of their text, to find one repeated
/// word for word ([`super::Reason::Repeat`]). Of two texts with one key (the same length and
/// opening), the first is kept: a repeat of the second is then missed, never a paragraph
/// wrongly dropped.
#[derive(Default)]
pub struct Repeats {
    by_hash: FxHashMap<u64, usize>,
}

/// How many of a paragraph's first bytes its key hashes.
const KEY_BYTES: usize = 48;

/// The fewest words of a paragraph whose repeat is set aside (a short line such as "Foto:"
/// may well recur).
const REPEAT_WORDS: usize = 4;

impl Repeats {
    /// A key for the text: its length and its first [`KEY_BYTES`] bytes, hashed (a cost per
    /// paragraph, not per byte; texts that share it are told apart by comparing them whole).
    fn key(text: &str) -> u64 {
        let bytes = text.as_bytes();
        let head = &bytes[..bytes.len().min(KEY_BYTES)];
        xxhash_rust::xxh3::xxh3_64_with_seed(head, bytes.len() as u64)
    }

    /// Whether `text` repeats a paragraph of `kept` word for word; when it does not, it is
    /// taken to be the next paragraph kept (`kept.len()`), to be found again (one hash of the
    /// text either way).
    pub fn seen(&mut self, text: &str, kept: &[Paragraph]) -> bool {
        // Words are counted by their spaces (a paragraph's whitespace is folded to spaces).
        let spaces = text.bytes().filter(|&b| b == b' ');
        if spaces.take(REPEAT_WORDS - 1).count() < REPEAT_WORDS - 1 {
            return false;
        }
        let hash = Self::key(text);
        match self.by_hash.get(&hash) {
            Some(&at) => kept[at].text == text,
            None => {
                self.by_hash.insert(hash, kept.len());
                false
            }
        }
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
            assert!(!repeats.seen(&p.text, &kept[..i]));
        }
        assert!(repeats.seen("The council met on Monday.", &kept));
        assert!(!repeats.seen("The council met on Tuesday.", &kept));
        assert!(!repeats.seen("Foto: Antara", &kept));
        assert!(!repeats.seen("Dia menambahkan.", &kept));
    }
}
