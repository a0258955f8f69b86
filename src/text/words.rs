//! Words: Unicode word boundaries (UAX #29), then the rules of Indonesian: reduplication
//! (`negara-negara` → `negara`), clitics after a hyphen (`veto-nya` → `veto`), hyphenated names
//! kept whole (`Kim Jong-un`) and hyphen-joined pairs of names split (`Korea Utara-Rusia`).

use std::ops::Range;

use compact_str::CompactString;

use unicode_segmentation::UnicodeSegmentation;

pub(super) use super::scan::RawWord;
use super::scan::{self, is_dotted_acronym};
use super::tokenizer::{ALPHANUMERIC, CAPITALIZED, NUMERIC, STOP, WORDLIKE};
use super::{Lang, stem, stem_and_stop, stopwords::is_stopword};

/// Particles and pronouns that attach to a word with a hyphen (`veto-nya`, `Soviet-lah`).
const HYPHEN_CLITICS: &[&str] = &["nya", "lah", "kah", "pun", "ku", "mu", "tah"];
/// Proclitic pronouns (`kuambil`, `kaulihat`): stripped when what remains is a known root.
const PROCLITICS: &[&str] = &["ku", "kau"];

/// What a word gives, but for where it is: its stem, token flags, and how much of it key terms
/// show.
pub(super) struct Analysis {
    pub stem: CompactString,
    pub flags: u8,
    /// Its discourse classes ([`super::discourse::class`]).
    pub discourse: u8,
    /// [`display_len`] of the word.
    pub shown_len: u32,
}

/// The analysis of a surface word without a hyphen.
pub(super) fn analyse_plain(surface: &str, lang: Lang) -> Analysis {
    match normalise(surface, 0, lang) {
        Pieces::One(norm) => analysis(surface, norm, lang),
        Pieces::Two(..) => unreachable!("only a hyphen splits a word"),
    }
}

/// A piece of a sentence that makes a token, analysed.
pub(super) type Piece = (Range<usize>, Analysis);

/// The analysis of a hyphenated word at `range` of `sentence`: one token, or two when it joins
/// two names (`Utara-Rusia`).
pub(super) fn analyse_hyphenated(
    sentence: &str,
    range: Range<usize>,
    lang: Lang,
) -> (Piece, Option<Piece>) {
    let surface = &sentence[range.clone()];
    match normalise(surface, range.start, lang) {
        Pieces::One(norm) => ((range, analysis(surface, norm, lang)), None),
        Pieces::Two((r1, n1), (r2, n2)) => {
            let first = analysis(&sentence[r1.clone()], n1, lang);
            let second = analysis(&sentence[r2.clone()], n2, lang);
            ((r1, first), Some((r2, second)))
        }
    }
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

/// The analysis of a word with this surface and norm: numbers keep their norm as stem.
fn analysis(surface: &str, norm: CompactString, lang: Lang) -> Analysis {
    let (capitalized, numeric) = initial(surface);
    let (stem, stop) = if numeric {
        let stop = is_stopword(&norm, lang) || norm.chars().count() < 2;
        (norm.clone(), stop)
    } else if is_acronym_plural(surface) && norm.len() == surface.len() {
        // The plural's stem is the acronym's: `PCs` is `PC` (no stemmer takes the `s` off
        // a word without a vowel).
        stem_and_stop(&norm[..norm.len() - 1], lang)
    } else {
        stem_and_stop(&norm, lang)
    };
    let mut flags = 0;
    for (set, flag) in [
        (stop, STOP),
        (capitalized, CAPITALIZED),
        (numeric, NUMERIC),
        (is_wordlike(&norm, numeric), WORDLIKE),
        (norm.chars().any(char::is_alphanumeric), ALPHANUMERIC),
    ] {
        if set {
            flags |= flag;
        }
    }
    Analysis {
        shown_len: display_len(surface, &norm) as u32,
        stem,
        flags,
        discourse: super::discourse::class(surface, lang),
    }
}

/// An acronym's plural: two capitals or more (digits may follow the first), then a lowercase
/// `s` (`PCs`, `MPs`, `CEOs`, `MP3s`).
fn is_acronym_plural(surface: &str) -> bool {
    let Some((b's', acronym)) = surface.as_bytes().split_last() else {
        return false;
    };
    acronym.len() >= 2
        && acronym[0].is_ascii_uppercase()
        && acronym
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && acronym.iter().filter(|b| b.is_ascii_uppercase()).count() >= 2
}

/// The length of a word's surface form without a clitic or possessive its normal form dropped
/// (`nuklirnya` → `nuklir`, `Warnock's` → `Warnock`), so key terms read as words.
fn display_len(surface: &str, norm: &str) -> usize {
    let cut = norm.len();
    let same_start = surface.len() > cut
        && surface.is_char_boundary(cut)
        && lowercases_to(&surface[..cut], norm)
        && (surface[cut..].chars().all(|c| c.is_ascii_alphabetic())
            || matches!(&surface[cut..], "'s" | "’s" | "'S" | "’S"));
    if same_start { cut } else { surface.len() }
}

/// `text.to_lowercase() == lower`, without a `String` when `text` is ASCII.
fn lowercases_to(text: &str, lower: &str) -> bool {
    if text.is_ascii() {
        text.len() == lower.len()
            && text
                .bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        text.to_lowercase() == lower
    }
}

/// Not a number, two characters or more, a letter among them.
fn is_wordlike(norm: &str, numeric: bool) -> bool {
    if numeric || norm.len() < 2 {
        return false;
    }
    // An ASCII letter in two bytes or more makes two characters or more.
    if norm.bytes().any(|b| b.is_ascii_alphabetic()) {
        return true;
    }
    !norm.is_ascii() && norm.chars().nth(1).is_some() && norm.chars().any(char::is_alphabetic)
}

/// Word ranges by UAX #29, with hyphenated words (`negara-negara`, `Jong-un`) joined back. When
/// the fast scanner ([`scan`]) knows every character of the sentence, it finds them in one pass
/// ([`scan::words`]); else the UAX #29 pieces come from `unicode_segmentation` and are joined
/// here. Both give the same words. Written into `words`.
pub(super) fn raw_words(sentence: &str, words: &mut Vec<RawWord>) {
    words.clear();
    if scan::words(sentence, words) {
        return;
    }
    words.clear();
    join_words(
        sentence,
        sentence
            .split_word_bound_indices()
            .map(|(start, piece)| scan::Piece {
                start,
                end: start + piece.len(),
                alnum: piece.chars().any(char::is_alphanumeric),
            }),
        words,
    );
}

/// The words among UAX #29 pieces: pieces with a letter or digit, a dotted acronym taking its
/// final dot, and words joined by a lone hyphen merged.
fn join_words(sentence: &str, pieces: impl Iterator<Item = scan::Piece>, words: &mut Vec<RawWord>) {
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
    use crate::text::analyze;
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
        let mut words = Vec::new();
        raw_words(s, &mut words);
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
        let mut words = Vec::new();
        raw_words(s, &mut words);
        let mut norms = Vec::new();
        for w in words {
            match normalise(&s[w.range.clone()], w.range.start, Lang::Id) {
                Pieces::One(norm) => norms.push(norm.to_string()),
                Pieces::Two((_, a), (_, b)) => norms.extend([a.to_string(), b.to_string()]),
            }
        }
        norms
    }

    #[test]
    fn an_acronyms_plural_has_its_stem_and_shows_whole() {
        for lang in [Lang::En, Lang::Id] {
            for (plural, singular) in [
                ("PCs", "PC"),
                ("MPs", "MP"),
                ("CEOs", "CEO"),
                ("MP3s", "MP3"),
            ] {
                let (p, s) = (analyse_plain(plural, lang), analyse_plain(singular, lang));
                assert_eq!(p.stem, s.stem, "{plural} in {lang:?}");
                assert_eq!(p.shown_len as usize, plural.len(), "{plural}");
            }
        }
        // Not acronyms' plurals: one capital, a capital `S`, a lowercase word.
        for (word, not) in [("Ms", "M"), ("NEWS", "NEW"), ("Mrs", "Mr"), ("bus", "bu")] {
            let (w, n) = (analyse_plain(word, Lang::En), analyse_plain(not, Lang::En));
            assert_ne!(w.stem, n.stem, "{word}");
        }
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

    /// Each token's surface, as key terms show it, and its stem.
    fn shown(s: &str, lang: Lang) -> Vec<(&str, String)> {
        let (tokens, vocabulary) = analyze(s, lang);
        tokens
            .iter()
            .map(|t| {
                assert!(t.start < t.end && t.end as usize <= s.len() && t.shown_end <= t.end);
                let shown = &s[t.start as usize..t.shown_end as usize];
                (shown, vocabulary.stem(t).to_string())
            })
            .collect()
    }

    #[test]
    fn tokens_show_their_words_without_clitics_or_possessives() {
        assert_eq!(
            shown("Program nuklirnya, negara-negara", Lang::Id),
            [
                ("Program", "program".to_string()),
                ("nuklir", "nuklir".to_string()),
                ("negara-negara", "negara".to_string())
            ]
        );
        assert_eq!(
            shown("Russia's vetoes", Lang::En),
            [
                ("Russia", "russia".to_string()),
                ("vetoes", "veto".to_string())
            ]
        );
    }

    #[test]
    fn token_flags() {
        let s = "“Itulah sebabnya kami datang ke sini,” kata Putin pada 2006.";
        let (toks, _) = analyze(s, Lang::Id);
        let token = |word: &str| *toks.iter().find(|t| &s[t.range()] == word).unwrap();
        assert!(token("Putin").has(CAPITALIZED) && token("Putin").is_content());
        assert!(token("kata").is_stop() && !token("kata").is_content());
        assert!(token("2006").has(NUMERIC) && !token("2006").has(WORDLIKE));
        assert!(token("2006").has(ALPHANUMERIC));
    }

    #[test]
    fn stems_are_numbered_within_the_article() {
        let (t, vocabulary) = analyze("Negara-negara dan negara kata mengatakan", Lang::Id);
        assert_eq!(t[0].stem, t[2].stem);
        assert_eq!(t[3].stem, t[4].stem);
        assert_ne!(t[0].stem, t[3].stem);
        assert_eq!(vocabulary.stem_count(), 3);
    }
}
