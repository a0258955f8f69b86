//! The clue words that tell which sentences the costlier furniture patterns are tried on.

use std::cell::RefCell;
use std::sync::LazyLock;

/// Whether a text holds a word of [`CLUE_WORDS`], which [`super::TRANSCRIPT`], [`super::DISCLAIMER`],
/// [`super::INVITATION`] and a reporting credit need: looked for once in a paragraph, and again in
/// each sentence only when the paragraph has one. (Each of those regexes searched every
/// sentence, and case-insensitive literal searches are the costliest kind.)
pub struct Clues {
    pub(super) wording: bool,
}

/// A piece of each case-insensitive alternative of the patterns that scan a sentence whole:
/// `transcript` (the three that name it), `page you`, `note that`, `copy may` ([`super::TRANSCRIPT`]),
/// `expressed` ([`super::DISCLAIMER`]), `comment` and `mention` ([`super::INVITATION`]), `inbox` ([`super::INBOX`]),
/// `contributed`, `reported`, `wrote` (a reporting credit), `letter` ([`super::INBOX`]'s
/// newsletters), `button` ([`super::INVITATION`]), `may not be`, `acceptance of`, `you upload`, `dilarang me` ([`super::LEGAL`]),
/// `click here` and `klik di` ([`super::INVITATION`]). None but the last two holds an `s`
/// or a `k`, the only letters that a character outside ASCII matches case-insensitively (`ſ`,
/// the Kelvin sign `K`), and those two are matched with ASCII case-folding only, so a search of
/// the text with its ASCII letters lowercased finds every text the patterns can match.
const CLUE_WORDS: &[&str] = &[
    "cript",
    "page you",
    "note that",
    "copy may",
    "expre",
    "commen",
    "mention",
    "inbox",
    "letter",
    "button",
    "may not be",
    "acceptance of",
    "you upload",
    "dilarang me",
    "click here",
    "klik di",
    "contributed",
    "reported",
    "wrote",
];

impl Clues {
    /// The clues of a paragraph or a sentence.
    #[inline(never)] // a function of its own in profiles (`bench/per_byte.sh`)
    pub fn of(text: &str) -> Clues {
        Clues {
            wording: has_clue_words(text),
        }
    }
}

/// Whether a text holds a word of [`CLUE_WORDS`], its ASCII letters lowercased.
pub(super) fn has_clue_words(text: &str) -> bool {
    static SEARCHER: LazyLock<aho_corasick::packed::Searcher> = LazyLock::new(|| {
        aho_corasick::packed::Config::new()
            .builder()
            .extend(CLUE_WORDS)
            .build()
            .expect("a few short literals")
    });
    thread_local! {
        static LOWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    LOWER.with(|lower| {
        let mut lower = lower.borrow_mut();
        lower.clear();
        lower.extend_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        SEARCHER.find(&lower[..]).is_some()
    })
}
