//! Words: Unicode word boundaries (UAX #29), then the rules of Indonesian: reduplication
//! (`negara-negara` → `negara`), clitics after a hyphen (`veto-nya` → `veto`), hyphenated names
//! kept whole (`Kim Jong-un`) and hyphen-joined pairs of names split (`Korea Utara-Rusia`).

use std::cell::RefCell;
use std::ops::Range;

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use unicode_segmentation::UnicodeSegmentation;

use super::{Lang, scan, stem, stem_and_stop, stopwords::is_stopword};

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Token {
    /// Byte range of the word in the sentence it came from.
    pub range: Range<usize>,
    /// Lowercase, normalised form (reduplication and hyphen clitics removed).
    pub norm: CompactString,
    /// The stem of `norm`; terms and themes match on it.
    pub stem: CompactString,
    /// True for stopwords (by form or by stem).
    pub stop: bool,
    /// True when the word starts with an uppercase letter in the text.
    pub capitalized: bool,
    /// True when the word is a number (`2006`, `1.500`).
    pub numeric: bool,
}

/// Particles and pronouns that attach to a word with a hyphen (`veto-nya`, `Soviet-lah`).
const HYPHEN_CLITICS: &[&str] = &["nya", "lah", "kah", "pun", "ku", "mu", "tah"];
/// Proclitic pronouns (`kuambil`, `kaulihat`): stripped when what remains is a known root.
const PROCLITICS: &[&str] = &["ku", "kau"];

/// Analyses of words without a hyphen, cached per thread and language by their surface form
/// (normalising one is a pure function of its surface): most tokens of news are words seen
/// before. The cache is cleared when it reaches this many words, bounding memory.
const WORD_CACHE_LIMIT: usize = 1 << 16;

/// What a surface word without a hyphen gives: a token but for its range.
#[derive(Clone)]
struct Analysis {
    norm: CompactString,
    stem: CompactString,
    stop: bool,
    capitalized: bool,
    numeric: bool,
}

thread_local! {
    static WORD_CACHE: RefCell<[FxHashMap<CompactString, Analysis>; 2]> = RefCell::new(Default::default());
}

/// Splits a sentence into tokens: stemmed, stopword-marked, in order.
pub fn tokens(sentence: &str, lang: Lang) -> Vec<Token> {
    let words = raw_words(sentence);
    let mut out = Vec::with_capacity(words.len());
    WORD_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let cache = &mut cache[lang as usize];
        for RawWord { range, hyphenated } in words {
            let surface = &sentence[range.clone()];
            if hyphenated {
                match normalise(surface, range.start, lang) {
                    Pieces::One(norm) => push_token(&mut out, surface, range, norm, lang),
                    Pieces::Two((r1, n1), (r2, n2)) => {
                        push_token(&mut out, &sentence[r1.clone()], r1, n1, lang);
                        push_token(&mut out, &sentence[r2.clone()], r2, n2, lang);
                    }
                }
                continue;
            }
            let analysis = match cache.get(surface) {
                Some(hit) => hit.clone(),
                None => {
                    let norm = match normalise(surface, range.start, lang) {
                        Pieces::One(norm) => norm,
                        Pieces::Two(..) => unreachable!("only a hyphen splits a word"),
                    };
                    let (stem, stop) = analyse(surface, &norm, lang);
                    let (capitalized, numeric) = initial(surface);
                    let analysis = Analysis {
                        norm,
                        stem,
                        stop,
                        capitalized,
                        numeric,
                    };
                    if cache.len() >= WORD_CACHE_LIMIT {
                        cache.clear();
                    }
                    cache.insert(CompactString::from(surface), analysis.clone());
                    analysis
                }
            };
            out.push(Token {
                range,
                norm: analysis.norm,
                stem: analysis.stem,
                stop: analysis.stop,
                capitalized: analysis.capitalized,
                numeric: analysis.numeric,
            });
        }
    });
    out
}

/// What one surface word normalises to: itself, or two names it joins (`Utara-Rusia`).
enum Pieces {
    One(CompactString),
    Two((Range<usize>, CompactString), (Range<usize>, CompactString)),
}

/// Whether a surface word starts with an uppercase letter, and with an ASCII digit.
fn initial(surface: &str) -> (bool, bool) {
    let first = surface.chars().next();
    (
        first.is_some_and(char::is_uppercase),
        first.is_some_and(|c| c.is_ascii_digit()),
    )
}

/// The stem and stopword status of a token with this surface and norm: numbers keep their norm
/// as stem.
fn analyse(surface: &str, norm: &CompactString, lang: Lang) -> (CompactString, bool) {
    if initial(surface).1 {
        let stop = is_stopword(norm, lang) || norm.chars().count() < 2;
        (norm.clone(), stop)
    } else {
        stem_and_stop(norm, lang)
    }
}

fn push_token(
    out: &mut Vec<Token>,
    surface: &str,
    range: Range<usize>,
    norm: CompactString,
    lang: Lang,
) {
    let (capitalized, numeric) = initial(surface);
    let (stem, stop) = analyse(surface, &norm, lang);
    out.push(Token {
        range,
        norm,
        stem,
        stop,
        capitalized,
        numeric,
    });
}

/// A word of a sentence before normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RawWord {
    /// Its byte range.
    range: Range<usize>,
    /// Whether it holds a hyphen (UAX #29 never puts one inside a piece: only joining adds it).
    hyphenated: bool,
}

/// Word ranges by UAX #29, with hyphenated words (`negara-negara`, `Jong-un`) joined back. The
/// UAX #29 pieces come from the fast scanner ([`scan`]) when it knows every character of the
/// sentence, else from `unicode_segmentation`; both give the same pieces.
fn raw_words(sentence: &str) -> Vec<RawWord> {
    match scan::pieces(sentence) {
        Some(pieces) => join_words(sentence, pieces),
        None => join_words(
            sentence,
            sentence
                .split_word_bound_indices()
                .map(|(start, piece)| scan::Piece {
                    start,
                    end: start + piece.len(),
                    alnum: piece.chars().any(char::is_alphanumeric),
                }),
        ),
    }
}

/// The words among UAX #29 pieces: pieces with a letter or digit, a dotted acronym taking its
/// final dot, and words joined by a lone hyphen merged.
fn join_words(sentence: &str, pieces: impl Iterator<Item = scan::Piece>) -> Vec<RawWord> {
    // About one word in six bytes of news; a little room more saves regrowing.
    let mut words: Vec<RawWord> = Vec::with_capacity(sentence.len() / 4 + 1);
    let mut pending_hyphen: Option<usize> = None;
    let bytes = sentence.as_bytes();
    for scan::Piece { start, end, alnum } in pieces {
        let piece = &bytes[start..end];
        let mut end = end;
        if is_dotted_acronym(piece) && bytes.get(end) == Some(&b'.') {
            end += 1;
        }
        if alnum {
            match (pending_hyphen.take(), words.last_mut()) {
                (Some(h), Some(last)) if start == h => {
                    last.range.end = end;
                    last.hyphenated = true;
                }
                _ => words.push(RawWord {
                    range: start..end,
                    hyphenated: false,
                }),
            }
        } else if piece == b"-" && words.last().is_some_and(|w| w.range.end == start) {
            pending_hyphen = Some(end);
        } else {
            pending_hyphen = None;
        }
    }
    words
}

/// `A.S`, `P.B.B`, `U.S`: single letters joined by dots (their final dot belongs to them).
fn is_dotted_acronym(b: &[u8]) -> bool {
    b.len() >= 3
        && b.iter().enumerate().all(|(i, c)| {
            if i % 2 == 0 {
                c.is_ascii_alphabetic()
            } else {
                *c == b'.'
            }
        })
}

/// Lowercase, as `str::to_lowercase`, without a `String` for ASCII words.
fn lowercase(s: &str) -> CompactString {
    if s.is_ascii() {
        let mut lower = CompactString::from(s);
        lower.make_ascii_lowercase();
        lower
    } else {
        CompactString::from(s.to_lowercase())
    }
}

/// Normalises one surface word into one or more (range, norm) pieces.
fn normalise(surface: &str, offset: usize, lang: Lang) -> Pieces {
    let lower = lowercase(surface);
    if lang == Lang::En {
        return Pieces::One(
            match lower
                .strip_suffix("'s")
                .or_else(|| lower.strip_suffix("’s"))
            {
                Some(rest) => CompactString::from(rest),
                None => lower,
            },
        );
    }
    let Some(hyphen) = surface.rfind('-') else {
        return Pieces::One(strip_enclitic(strip_proclitic(lower), lang));
    };
    let (head, tail) = (&surface[..hyphen], &surface[hyphen + 1..]);
    let (head_lower, tail_lower) = (lowercase(head), lowercase(tail));
    if HYPHEN_CLITICS.contains(&tail_lower.as_str()) && !head.contains('-') {
        return Pieces::One(head_lower);
    }
    if head_lower == tail_lower {
        return Pieces::One(head_lower);
    }
    let is_name =
        |s: &str| s.chars().next().is_some_and(char::is_uppercase) && s.chars().count() >= 3;
    if !head.contains('-') && is_name(head) && is_name(tail) {
        let tail_start = offset + hyphen + 1;
        return Pieces::Two(
            (offset..offset + hyphen, head_lower),
            (tail_start..tail_start + tail.len(), tail_lower),
        );
    }
    Pieces::One(lower)
}

/// Particles and possessives written joined to a word (`nuklirnya`, `bukanlah`): stripped when
/// the stemmer agrees that what remains is the same word (`tanya` is not `ta` + `-nya`).
const ENCLITICS: &[&str] = &["nya", "lah", "kah", "pun", "ku", "mu"];

fn strip_enclitic(lower: CompactString, lang: Lang) -> CompactString {
    for e in ENCLITICS {
        if let Some(rest) = lower.strip_suffix(e)
            && rest.len() >= 3
            && stem(rest, lang) == stem(&lower, lang)
        {
            return CompactString::from(rest);
        }
    }
    lower
}

fn strip_proclitic(lower: CompactString) -> CompactString {
    for p in PROCLITICS {
        if let Some(rest) = lower.strip_prefix(p)
            && rest.len() >= 4
            && super::stem_id::is_root(rest)
            && !super::stem_id::is_root(&lower)
        {
            return CompactString::from(rest);
        }
    }
    lower
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `raw_words` as it was before the fast scanner: UAX #29 pieces from `unicode_segmentation`.
    fn raw_words_uax29(sentence: &str) -> Vec<Range<usize>> {
        let mut words: Vec<Range<usize>> = Vec::new();
        let mut pending_hyphen: Option<usize> = None;
        for (start, piece) in sentence.split_word_bound_indices() {
            let mut end = start + piece.len();
            if is_dotted_acronym(piece.as_bytes()) && sentence[end..].starts_with('.') {
                end += 1;
            }
            if piece.chars().any(char::is_alphanumeric) {
                match (pending_hyphen.take(), words.last_mut()) {
                    (Some(h), Some(last)) if start == h => last.end = end,
                    _ => words.push(start..end),
                }
            } else if piece == "-" && words.last().is_some_and(|w| w.end == start) {
                pending_hyphen = Some(end);
            } else {
                pending_hyphen = None;
            }
        }
        words
    }

    /// `raw_words`' ranges, checking its hyphen flags.
    fn ranges(s: &str) -> Vec<Range<usize>> {
        let words = raw_words(s);
        for w in &words {
            assert_eq!(w.hyphenated, s[w.range.clone()].contains('-'), "{s:?}");
        }
        words.into_iter().map(|w| w.range).collect()
    }

    /// Pieces of news text: ASCII words, numbers, acronyms, hyphens and punctuation, typographic
    /// quotes and dashes, and a few characters the fast scanner does not know.
    const PARTS: &[&str] = &[
        "a", "Kata", "ku", "nya", "A", "S", "P.B.B", "e", "1", "2006", "1.500", "3,14", ".", ",",
        ";", ":", "'", "\"", "-", "--", "_", " ", "  ", "!", "?", "(", ")", "/", "%", "&", "\t",
        "\n", "\r\n", "“", "”", "‘", "’", "–", "—", "…", "é", "Müller", "\u{a0}", "\u{ad}",
        "\u{301}", "ą", "·",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn fast_scanner_gives_the_same_words(parts in prop::collection::vec(
            prop::sample::select(PARTS), 0..30)) {
            let s: String = parts.concat();
            prop_assert_eq!(ranges(&s), raw_words_uax29(&s));
        }

        #[test]
        fn same_words_on_ascii(s in "[a-zA-Z0-9.,;:'\"_ !?()/%&\t\n\r-]{0,60}") {
            prop_assert!(scan::pieces(&s).is_some());
            prop_assert_eq!(ranges(&s), raw_words_uax29(&s));
        }
    }

    fn norms(s: &str) -> Vec<String> {
        tokens(s, Lang::Id)
            .into_iter()
            .map(|t| t.norm.to_string())
            .collect()
    }

    #[test]
    fn reduplication_and_clitics() {
        assert_eq!(norms("negara-negara"), ["negara"]);
        assert_eq!(norms("laporan-laporan panel"), ["laporan", "panel"]);
        assert_eq!(norms("kekuasaan veto-nya"), ["kekuasaan", "veto"]);
        assert_eq!(norms("Uni Soviet-lah"), ["uni", "soviet"]);
        assert_eq!(norms("program nuklirnya"), ["program", "nuklir"]);
        assert_eq!(norms("tanya katanya"), ["tanya", "kata"]);
        assert_eq!(
            norms("pejabat A.S. dan P.B.B."),
            ["pejabat", "a.s.", "dan", "p.b.b."]
        );
    }

    #[test]
    fn hyphenated_names() {
        assert_eq!(norms("Kim Jong-un"), ["kim", "jong-un"]);
        assert_eq!(norms("Korea Utara-Rusia"), ["korea", "utara", "rusia"]);
    }

    #[test]
    fn ranges_point_into_the_sentence() {
        let s = "“Itulah sebabnya kami datang ke sini,” kata Putin.";
        for t in tokens(s, Lang::Id) {
            assert!(s[t.range.clone()].to_lowercase().starts_with(&t.norm[..1]));
        }
        let toks = tokens(s, Lang::Id);
        assert!(
            toks.iter()
                .any(|t| t.norm == "putin" && t.capitalized && !t.stop)
        );
        assert!(toks.iter().any(|t| t.norm == "kata" && t.stop));
    }

    #[test]
    fn numbers_and_english() {
        let t = tokens("pada 2006, 1.500 orang", Lang::Id);
        assert!(t.iter().any(|t| t.norm == "2006" && t.numeric));
        assert!(t.iter().any(|t| t.norm == "1.500"));
        let en = tokens("Russia's vetoes", Lang::En);
        assert_eq!(en[0].norm, "russia");
        assert_eq!(en[1].stem, "veto");
    }
}
