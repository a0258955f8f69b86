//! The features of a sentence that its score combines, each in [0, 1].

use super::terms::ArticleTerms;
use crate::config::Weights;
use crate::segment::Segmented;
use crate::text::Lang;

/// The features of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Features {
    /// Key-term frequency (the core signal): the cosine between the sentence's key terms and
    /// the article's term weights, so a sentence scores by how much of what the article keeps
    /// returning to it carries, not by its length.
    pub terms: f64,
    /// Closeness to the article's start: [`position_prior`] of its place in an article of its
    /// language.
    pub position: f64,
    /// Share of the title's content words the sentence carries.
    pub title: f64,
    /// Shortfall from a full-length sentence (1 = very short).
    pub shortness: f64,
    /// 1 when the sentence is mostly direct speech.
    pub quote: f64,
    /// 1 when the sentence opens its paragraph.
    pub paragraph_start: f64,
    /// 1 when the sentence is a fragment of at most [`FRAGMENT_WORDS`] words ("Blatantly.",
    /// "Social media ."): never chosen for a summary while the article has a real sentence.
    #[serde(default)]
    pub fragment: f64,
    /// Centrality in the article's direction of reading ([`centrality`]): how much of what the
    /// sentences after it say it already says, less half of how much it repeats those before
    /// it, at least 0, scaled over the article so the most central sentence has 1.
    #[serde(default)]
    pub centrality: f64,
}

/// The most words a fragment has: a summary sentence has more.
pub const FRAGMENT_WORDS: usize = 3;

impl Features {
    /// The sentence score: the weighted sum (shortness and quotes count against).
    pub fn score(&self, w: &Weights) -> f64 {
        w.terms * self.terms
            + w.position * self.position
            + w.title * self.title
            + w.paragraph * self.paragraph_start
            + w.centrality * self.centrality
            - w.length * self.shortness
            - w.quote * self.quote
    }
}

/// How often a summary of an English article takes the sentence at each place (0 = the
/// first), relative to the first: learned from the CNN training stories of `data/TRAINING.md`
/// by `cargo run --release --example fit_weights -- en-train-cnn.jsonl --stem --positions` (its
/// "never rising" column: the greedy oracle's share of each place, pooled where a later place
/// came out above an earlier one). The last entry is every place from it on. Far flatter than
/// 1 / (1 + place): CNN's highlights draw on the whole story.
const POSITION_ENGLISH: [f64; 12] = [
    1.0, 0.559, 0.559, 0.353, 0.284, 0.284, 0.207, 0.207, 0.174, 0.174, 0.147, 0.101,
];

/// The `position` feature of the sentence at `place` (0 = the first) of an article in `lang`.
/// Indonesian keeps 1 / (1 + place): the curve learned the same way from IndoSum's training
/// articles cross-validated worse there (mean ROUGE-1 67.58 against 67.75).
pub fn position_prior(lang: Lang, place: usize) -> f64 {
    match lang {
        Lang::Id => 1.0 / (1.0 + place as f64),
        Lang::En => POSITION_ENGLISH[place.min(POSITION_ENGLISH.len() - 1)],
    }
}

/// Content words a full-length news sentence has; shorter ones are penalised in proportion.
const FULL_LENGTH: f64 = 8.0;

/// Computes every sentence's features except `terms`, which needs the corpus (see
/// [`term_feature`]): all of them are known once the article is segmented.
pub fn fixed(article: &Segmented) -> Vec<Features> {
    // The title's content stems, by stem number, and how many there are.
    let stems = article.vocabulary.stem_count();
    let mut in_title = vec![false; stems];
    let mut title_stems = 0;
    for t in article.title_tokens.iter().filter(|t| t.is_content()) {
        if !std::mem::replace(&mut in_title[t.stem as usize], true) {
            title_stems += 1;
        }
    }
    // For each stem, the last sentence (numbered from 1) that counted it: once per sentence.
    let mut counted_in = vec![0usize; stems];
    let centrality = centrality(&sentence_stems(article));
    article
        .sentences
        .iter()
        .zip(&article.tokens)
        .enumerate()
        .map(|(i, (s, tokens))| {
            // One pass over the words: content words, title stems carried, wordlike words.
            let (mut content, mut carried, mut wordlike) = (0usize, 0usize, 0usize);
            for t in tokens.iter() {
                wordlike += usize::from(t.has(crate::text::WORDLIKE));
                if t.is_content() {
                    content += 1;
                    let stem = t.stem as usize;
                    if title_stems > 0
                        && in_title[stem]
                        && std::mem::replace(&mut counted_in[stem], i + 1) != i + 1
                    {
                        carried += 1;
                    }
                }
            }
            Features {
                terms: 0.0,
                position: position_prior(article.language, i),
                title: if title_stems == 0 {
                    0.0
                } else {
                    carried as f64 / title_stems as f64
                },
                shortness: (1.0 - content as f64 / FULL_LENGTH).max(0.0),
                quote: quoted_share(&s.text),
                paragraph_start: f64::from(
                    i == 0 || article.sentences[i - 1].paragraph != s.paragraph,
                ),
                fragment: f64::from(wordlike <= FRAGMENT_WORDS),
                centrality: centrality[i],
            }
        })
        .collect()
}

/// Each sentence's distinct content stems, by stem number in the article's vocabulary.
fn sentence_stems(article: &Segmented) -> Vec<Vec<usize>> {
    let mut last_seen = vec![usize::MAX; article.vocabulary.stem_count()];
    article
        .tokens
        .iter()
        .enumerate()
        .map(|(i, tokens)| {
            tokens
                .iter()
                .filter(|t| t.is_content())
                .map(|t| t.stem as usize)
                .filter(|&stem| std::mem::replace(&mut last_seen[stem], i) != i)
                .collect()
        })
        .collect()
}

/// How much a sentence's similarity to those before it counts against it, against 1 for those
/// after it (PacSum's asymmetry, Zheng & Lapata 2019: news states a thing, then elaborates on
/// it, so the sentence the later ones echo is the central one, and one that echoes earlier
/// ones adds little). Set at 1/2 a priori, not fitted.
const BACKWARD: f64 = 0.5;

/// The `centrality` feature of sentences given by their distinct content stems: for sentence
/// i, the sum over later sentences j of their word overlap (cosine of the two sets of stems,
/// |i ∩ j| / √(|i| |j|)) less [`BACKWARD`] × the sum over earlier ones, at least 0, divided by
/// the article's largest (all 0 when none is above 0). Floored at 0 so that a sentence sharing
/// nothing with the others (a closing credit line, "CNN's Barbara Starr contributed to this
/// report.") never outranks one that repeats earlier ones: both have none.
///
/// Linear in the article's words, not quadratic in its sentences: the sum over j > i of
/// |i ∩ j| / √|j| is, stem by stem of i, the sum of 1 / √|j| over the later sentences that
/// carry the stem, kept per stem while the sentences are read back to front (and front to
/// back for the earlier ones).
pub fn centrality(sentences: &[Vec<usize>]) -> Vec<f64> {
    let stems = sentences.iter().flatten().max().map_or(0, |&s| s + 1);
    let share = |stems: &[usize]| 1.0 / (stems.len().max(1) as f64).sqrt();
    // Each sentence's overlap with the sentences on one side of it, read in `order`.
    let overlap_with_read = |order: &mut dyn Iterator<Item = usize>| {
        let mut seen = vec![0.0f64; stems];
        let mut out = vec![0.0f64; sentences.len()];
        for i in order {
            let own = &sentences[i];
            out[i] = share(own) * own.iter().map(|&s| seen[s]).sum::<f64>();
            for &s in own {
                seen[s] += share(own);
            }
        }
        out
    };
    let after = overlap_with_read(&mut (0..sentences.len()).rev());
    let before = overlap_with_read(&mut (0..sentences.len()));
    let raw: Vec<f64> = after
        .iter()
        .zip(&before)
        .map(|(a, b)| (a - BACKWARD * b).max(0.0))
        .collect();
    let high = raw.iter().copied().fold(0.0, f64::max);
    raw.iter()
        .map(|x| if high > 0.0 { x / high } else { 0.0 })
        .collect()
}

/// The `terms` feature of every sentence: the cosine between the sentence's terms and the
/// article's term weights (`weight`, by index in `terms`).
pub fn term_feature(terms: &ArticleTerms, weight: &[f64]) -> Vec<f64> {
    // Summed smallest first; sorted as integers that order as `f64::total_cmp` does.
    let mut squares: Vec<i64> = weight.iter().map(|w| total_order_key(w * w)).collect();
    squares.sort_unstable();
    let norm = squares
        .iter()
        .map(|&key| from_total_order_key(key))
        .sum::<f64>()
        .sqrt();
    let mut ids = Vec::new();
    let mut seen = vec![false; terms.terms.len()];
    terms
        .occurrences
        .iter()
        .map(|occurrences| {
            ArticleTerms::distinct(occurrences, &mut ids, &mut seen);
            let mass: f64 = ids.iter().map(|&t| weight[t]).sum();
            if ids.is_empty() || norm == 0.0 {
                0.0
            } else {
                mass / (norm * (ids.len() as f64).sqrt())
            }
        })
        .collect()
}

/// An integer whose order is `f64::total_cmp`'s order of `x` (as the standard library defines it).
fn total_order_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

/// The `f64` of a [`total_order_key`].
fn from_total_order_key(key: i64) -> f64 {
    f64::from_bits((key ^ (((key >> 63) as u64) >> 1) as i64) as u64)
}

/// Each byte of a 64-bit word repeated.
const BYTES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// What [`ascii_words`] found in eight bytes.
struct AsciiRun {
    /// How many bytes from the first are ASCII and no `"`.
    len: usize,
    /// How many of those are not whitespace.
    words: usize,
}

/// The ASCII bytes before the first `"` or byte outside ASCII in eight bytes of text (`x`,
/// the first in its low byte), and how many of them are not whitespace, by the bits of all
/// eight at once. On bytes below 0x80 every sum below stays inside its byte; a byte from
/// 0x80 on can carry into the bytes after it, which are not counted.
fn ascii_words(x: u64) -> AsciiRun {
    // The high bit of each byte that is zero, for bytes below 0x80.
    let zero = |v: u64| !v.wrapping_add(0x7F * BYTES) & HIGH;
    let stop = zero(x ^ (u64::from(b'"') * BYTES)) | (x & HIGH);
    let len = (stop.trailing_zeros() / 8) as usize;
    let counted = if len == 8 {
        HIGH
    } else {
        HIGH & ((1 << (8 * len)) - 1)
    };
    // `char::is_whitespace` in ASCII: a space, or `\t` (9) to `\r` (13).
    let tab_to_return = x.wrapping_add((0x80 - 9) * BYTES) & !x.wrapping_add((0x80 - 14) * BYTES);
    let space = zero(x ^ (u64::from(b' ') * BYTES)) | tab_to_return;
    AsciiRun {
        len,
        words: len - (space & counted).count_ones() as usize,
    }
}

/// 1 when at least half of the sentence lies between quotation marks, else 0. A sentence
/// whose first mark closes a quotation starts inside it: the quotation began in a sentence
/// before (`We have lost our founding father," the prime minister said.`).
fn quoted_share(text: &str) -> f64 {
    // Three single-character searches (memchr) rather than one for any of the characters.
    if !text.as_bytes().contains(&b'"') && !text.contains('“') && !text.contains('”') {
        return 0.0;
    }
    // Eight bytes at a time up to the first quotation mark or byte outside ASCII, then that
    // character alone: an ASCII byte is a character of its own, and only the characters outside
    // ASCII are decoded.
    let mut inside = starts_inside_quotation(text);
    let (mut quoted, mut total) = (0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes[i..].first_chunk::<8>() {
            let ascii = ascii_words(u64::from_le_bytes(*chunk));
            total += ascii.words;
            quoted += if inside { ascii.words } else { 0 };
            i += ascii.len;
            if ascii.len == 8 {
                continue;
            }
        }
        let c = match bytes[i] {
            b'"' => {
                inside = !inside;
                i += 1;
                continue;
            }
            // `char::is_whitespace` in ASCII.
            b' ' | b'\t'..=b'\r' => {
                i += 1;
                continue;
            }
            0..0x80 => {
                i += 1;
                total += 1;
                quoted += usize::from(inside);
                continue;
            }
            _ => text[i..].chars().next().unwrap_or_default(),
        };
        i += c.len_utf8();
        match c {
            '“' => inside = true,
            '”' => inside = false,
            _ if !c.is_whitespace() => {
                total += 1;
                quoted += usize::from(inside);
            }
            _ => {}
        }
    }
    f64::from(total > 0 && quoted * 2 >= total)
}

/// Whether the first quotation mark of `text` closes a quotation: a `”`, or a `"` written
/// against the word before it and not against the word after it (`life," he said`).
fn starts_inside_quotation(text: &str) -> bool {
    let Some(at) = text.find(['"', '“', '”']) else {
        return false;
    };
    let rest = &text[at..];
    if rest.starts_with('”') {
        return true;
    }
    if rest.starts_with('“') {
        return false;
    }
    let before = text[..at].chars().next_back();
    let after = rest[1..].chars().next();
    before.is_some_and(|c| !c.is_whitespace() && !"([{".contains(c))
        && after.is_none_or(|c| c.is_whitespace() || ",.;:!?)]}".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_position_prior_never_rises_and_starts_at_one() {
        for lang in [Lang::Id, Lang::En] {
            assert_eq!(position_prior(lang, 0), 1.0);
            for place in 1..40 {
                let (before, here) = (position_prior(lang, place - 1), position_prior(lang, place));
                assert!(
                    here <= before && here > 0.0,
                    "{lang:?} {place}: {before} then {here}"
                );
            }
        }
        // English highlights draw on the whole story: its curve is flatter than Indonesian's.
        assert!(position_prior(Lang::En, 5) > position_prior(Lang::Id, 5));
    }

    #[test]
    fn direct_speech_is_recognised() {
        assert_eq!(
            quoted_share("“Kami tidak akan ragu untuk bertindak,” kata Miller."),
            1.0
        );
        assert_eq!(
            quoted_share(
                "Departemen itu mengatakan bahwa AS “tidak akan ragu” menjatuhkan sanksi baru."
            ),
            0.0
        );
        assert_eq!(quoted_share(""), 0.0);
        // A quotation begun in the sentence before: its words are the quoted ones.
        for text in [
            "We have lost our founding father Mr. Lee Kuan Yew, who lived and breathed Singapore \
             all his life,\" Lee Hsien Loong said.",
            "Kami sudah berupaya keras sejak awal tahun,” katanya.",
        ] {
            assert!(starts_inside_quotation(text), "{text}");
            assert_eq!(quoted_share(text), 1.0, "{text}");
        }
        for text in [
            "\"We will win,\" he said.",
            "He said (\"we will win\") twice.",
            "He called it \"a triumph\" of the will and then left for home.",
            "No quotation at all.",
        ] {
            assert!(!starts_inside_quotation(text), "{text}");
        }
    }

    /// [`centrality`] done plainly, pair by pair.
    fn centrality_plainly(sentences: &[Vec<usize>]) -> Vec<f64> {
        let cosine = |a: &Vec<usize>, b: &Vec<usize>| {
            let common = a.iter().filter(|s| b.contains(s)).count();
            if a.is_empty() || b.is_empty() {
                0.0
            } else {
                common as f64 / ((a.len() * b.len()) as f64).sqrt()
            }
        };
        let n = sentences.len();
        let raw: Vec<f64> = (0..n)
            .map(|i| {
                let after: f64 = (i + 1..n)
                    .map(|j| cosine(&sentences[i], &sentences[j]))
                    .sum();
                let before: f64 = (0..i).map(|j| cosine(&sentences[i], &sentences[j])).sum();
                (after - BACKWARD * before).max(0.0)
            })
            .collect();
        let high = raw.iter().copied().fold(0.0, f64::max);
        raw.iter()
            .map(|x| if high > 0.0 { x / high } else { 0.0 })
            .collect()
    }

    #[test]
    fn the_sentence_later_ones_echo_is_the_most_central() {
        // 0 states the news, 1 and 2 elaborate on it, 3 is an aside.
        let sentences = vec![vec![0, 1, 2], vec![0, 3], vec![1, 2, 4], vec![5, 6]];
        let c = centrality(&sentences);
        assert_eq!(c[0], 1.0);
        assert!(c[1] < c[0] && c[2] < c[0], "{c:?}");
        assert!(c.iter().all(|x| (0.0..=1.0).contains(x)));
        assert_eq!(centrality(&[vec![1], vec![2]]), vec![0.0, 0.0]);
        assert_eq!(centrality(&[]), Vec::<f64>::new());
    }

    /// [`quoted_share`] as it was written, a character at a time.
    fn quoted_share_by_chars(text: &str) -> f64 {
        let mut inside = starts_inside_quotation(text);
        let (mut quoted, mut total) = (0usize, 0usize);
        for c in text.chars() {
            match c {
                '“' => inside = true,
                '”' => inside = false,
                '"' => inside = !inside,
                _ if !c.is_whitespace() => {
                    total += 1;
                    if inside {
                        quoted += 1;
                    }
                }
                _ => {}
            }
        }
        f64::from(total > 0 && quoted * 2 >= total)
    }

    proptest::proptest! {
        /// Byte by byte, the share is the same.
        #[test]
        fn quoted_share_by_bytes(text in "[a\"“” \t\n\u{b}\u{c}\r\u{e}\u{8}\u{1c}\u{7f}\u{a0}\u{2009}é.]{0,40}") {
            proptest::prop_assert_eq!(quoted_share(&text), quoted_share_by_chars(&text));
        }

        /// Eight bytes at once, the ASCII run and its words are those counted one at a time.
        #[test]
        fn ascii_words_by_bytes(bytes in proptest::array::uniform8(proptest::prop_oneof![
            0u8..0x80, 8u8..15, proptest::strategy::Just(b' '), proptest::strategy::Just(b'"'),
            0x7fu8..=0xff,
        ])) {
            let len = bytes.iter().position(|&b| b == b'"' || b >= 0x80).unwrap_or(8);
            let words = bytes[..len].iter().filter(|&&b| !(b as char).is_whitespace()).count();
            let run = ascii_words(u64::from_le_bytes(bytes));
            proptest::prop_assert_eq!((run.len, run.words), (len, words));
        }
    }

    proptest::proptest! {
        #[test]
        fn centrality_is_the_pairwise_sum(
            sentences in proptest::collection::vec(
                proptest::collection::btree_set(0usize..12, 0..6), 0..12),
        ) {
            let sentences: Vec<Vec<usize>> =
                sentences.into_iter().map(|s| s.into_iter().collect()).collect();
            let fast = centrality(&sentences);
            let plain = centrality_plainly(&sentences);
            for (a, b) in fast.iter().zip(&plain) {
                proptest::prop_assert!((a - b).abs() < 1e-9, "{fast:?} vs {plain:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn total_order_keys_order_as_total_cmp(
            a in proptest::num::f64::ANY,
            b in proptest::num::f64::ANY,
        ) {
            let (ka, kb) = (total_order_key(a), total_order_key(b));
            proptest::prop_assert_eq!(ka.cmp(&kb), a.total_cmp(&b));
            proptest::prop_assert_eq!(from_total_order_key(ka).to_bits(), a.to_bits());
        }
    }
}
