//! Language detection between Indonesian and English.
//!
//! The first [`DETECT_BYTES`] bytes of a text decide. A vote of function words comes first: the
//! window's runs of ASCII letters are looked up in two short, disjoint lists of frequent Indonesian
//! and English words (`yang`, `dan`, `di` … / `the`, `of`, `and` …). When one language wins
//! clearly and throughout the window ([`decisive`]), that is the answer; otherwise (short or mixed
//! text, names, tables, code, a window not mostly in ASCII letters) whatlang's trigram detector,
//! allowlist Indonesian and English, decides, as it did for every text before the vote. The vote
//! is one pass over the bytes; whatlang counts and sorts the window's trigrams.
//!
//! The vote is a shortcut, not a second opinion: its thresholds are set so that it gives
//! whatlang's answer. The tests check this on English and Indonesian prose and the seeds; the
//! ignored test `files_agree_with_whatlang` checks it on any files, with mixtures of their texts
//! (run on the evaluation set, a 10,000-article corpus made from it, and ~1,400 English texts:
//! crate READMEs, licences and Python's documentation, it found no disagreement in ~145,000
//! samples and ~4.8 million mixtures; the vote decided ~58% of the samples and ~74% of the
//! mixtures, ~93% of the articles' own samples). Where whatlang and the vote could still differ,
//! the text has a clear majority of one language's function words in every quarter.

use super::Lang;

/// How many bytes of a text detection looks at.
pub const DETECT_BYTES: usize = 1024;

/// Detects whether a text is Indonesian or English from its first [`DETECT_BYTES`] bytes
/// (Indonesian on a tie, when the text is too short to tell, or when it is not in Latin script).
pub fn detect(text: &str) -> Lang {
    let window = window(text);
    let votes = Votes::count(window);
    decisive(&votes).unwrap_or_else(|| whatlang_detect(window))
}

/// The first [`DETECT_BYTES`] bytes of `text`, cut back to a character boundary.
fn window(text: &str) -> &str {
    let mut end = text.len().min(DETECT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// whatlang's answer on a window (the detector used before the function-word vote, and still the
/// fallback when the vote is undecided).
fn whatlang_detect(window: &str) -> Lang {
    let detector =
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Ind, whatlang::Lang::Eng]);
    match detector.detect_lang(window) {
        Some(whatlang::Lang::Eng) => Lang::En,
        _ => Lang::Id,
    }
}

/// Function-word counts of a window, per quarter (by byte position).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Votes {
    /// Indonesian function words.
    id: [u32; PARTS],
    /// English function words.
    en: [u32; PARTS],
    /// Runs of ASCII letters.
    words: [u32; PARTS],
    /// ASCII letters.
    ascii_letters: u32,
    /// Bytes outside ASCII (every non-ASCII character has at least two).
    non_ascii: u32,
}

/// How many parts of the window are counted apart.
const PARTS: usize = 4;
/// Longest function word in either list, in bytes.
const MAX_WORD: usize = 10;

impl Votes {
    /// Counts the function words among the runs of ASCII letters of `window` (a word counts in the
    /// part where it ends).
    fn count(window: &str) -> Votes {
        let mut v = Votes::default();
        let bytes = window.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphabetic() {
                if bytes[i] >= 0x80 {
                    v.non_ascii += 1;
                }
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word = &bytes[start..i];
            v.ascii_letters += word.len() as u32;
            let part = i * PARTS / (bytes.len() + 1);
            v.words[part] += 1;
            if word.len() <= MAX_WORD {
                let mut buf = [0u8; MAX_WORD];
                for (lower, &c) in buf.iter_mut().zip(word) {
                    *lower = c | 0x20; // ASCII letters only
                }
                match function_word(&buf[..word.len()]) {
                    Some(Lang::Id) => v.id[part] += 1,
                    Some(Lang::En) => v.en[part] += 1,
                    None => {}
                }
            }
        }
        v
    }

    fn total(counts: &[u32; PARTS]) -> u32 {
        counts.iter().sum()
    }
}

/// The vote's answer when it is clear, `None` to ask whatlang.
///
/// The window must be mostly ASCII letters (so that whatlang, too, sees a Latin-script text: ASCII
/// letters outnumber every other script). The winner needs [`MARGIN`] times the loser's function
/// words plus [`MIN_VOTES`], at least one word in [`DENSITY`] of the window, and one word in
/// [`PART_DENSITY`] of each quarter of [`PART_MIN_WORDS`] words or more. The density rules keep
/// the vote away from texts of which a part is in neither list: names, tables, code, or a passage
/// in the other language without function words, all of which whatlang reads by trigrams. On the
/// test material, relaxing `MARGIN` to 6, `PART_MIN_WORDS` to 6 or `PART_DENSITY` to 30 already
/// gives disagreements; the values below keep a margin from those.
fn decisive(v: &Votes) -> Option<Lang> {
    if v.ascii_letters <= v.non_ascii {
        return None;
    }
    let words = Votes::total(&v.words);
    let clear = |win: &[u32; PARTS], lose: &[u32; PARTS]| {
        let (w, l) = (Votes::total(win), Votes::total(lose));
        w >= MARGIN * l + MIN_VOTES
            && w * DENSITY >= words
            && win
                .iter()
                .zip(&v.words)
                .all(|(&w, &n)| n < PART_MIN_WORDS || w * PART_DENSITY >= n)
    };
    if clear(&v.id, &v.en) {
        Some(Lang::Id)
    } else if clear(&v.en, &v.id) {
        Some(Lang::En)
    } else {
        None
    }
}

/// Fewest function words of the winning language for a decision (with no loser's words).
const MIN_VOTES: u32 = 6;
/// How many times the loser's function words the winner needs (besides [`MIN_VOTES`]).
const MARGIN: u32 = 10;
/// The winner's function words must be at least one word in this many.
const DENSITY: u32 = 5;
/// A quarter of the window with this many words or more must have its own function words …
const PART_MIN_WORDS: u32 = 4;
/// … at least one word in this many.
const PART_DENSITY: u32 = 10;

/// Which list a lowercase ASCII word is in. The lists are disjoint, and no word here is common in
/// the other language (`di`, `ke` are not English words; `the`, `of` not Indonesian ones). `as`
/// and `it` are left out: Indonesian news writes `AS` (Amerika Serikat) and `IT`.
fn function_word(w: &[u8]) -> Option<Lang> {
    match w {
        b"yang" | b"dan" | b"di" | b"ke" | b"dari" | b"ini" | b"itu" | b"dengan" | b"untuk"
        | b"tidak" | b"dalam" | b"akan" | b"pada" | b"juga" | b"ada" | b"adalah" | b"oleh"
        | b"karena" | b"bahwa" | b"atau" | b"sudah" | b"telah" | b"saat" | b"kata" | b"mereka"
        | b"kami" | b"kita" | b"tersebut" | b"bisa" | b"lebih" | b"ia" | b"dia" | b"para"
        | b"secara" | b"hingga" | b"namun" | b"setelah" | b"menjadi" | b"masih" | b"sebagai"
        | b"antara" | b"seperti" | b"hanya" | b"saja" | b"bagi" | b"belum" | b"sejak"
        | b"sebuah" | b"seorang" | b"kepada" | b"tetapi" | b"jika" | b"serta" | b"harus"
        | b"dapat" | b"yaitu" | b"yakni" | b"tak" | b"pun" | b"nya" | b"lagi" | b"sangat"
        | b"agar" | b"sehingga" | b"tentang" | b"bagaimana" | b"apa" | b"kembali" | b"lalu"
        | b"kini" | b"sama" | b"mulai" | b"tahun" | b"orang" | b"satu" | b"dua" | b"pihak"
        | b"hal" | b"maka" | b"bila" | b"ketika" | b"sendiri" | b"lain" | b"semua" | b"seluruh"
        | b"banyak" | b"sekitar" | b"hari" | b"waktu" | b"terhadap" | b"tanpa" | b"melalui"
        | b"sementara" | b"selain" | b"begitu" | b"beberapa" | b"sebelum" | b"kali"
        | b"menurut" | b"atas" | b"bukan" | b"pernah" | b"sedang" | b"demikian" | b"mungkin"
        | b"bahkan" | b"kemudian" | b"terus" | b"pula" | b"ujar" | b"katanya" | b"jelas"
        | b"bersama" | b"baru" | b"masyarakat" | b"pemerintah" | b"bulan" => Some(Lang::Id),
        b"the" | b"of" | b"and" | b"to" | b"in" | b"is" | b"that" | b"for" | b"was" | b"on"
        | b"with" | b"by" | b"at" | b"from" | b"he" | b"his" | b"are" | b"be" | b"this"
        | b"have" | b"has" | b"an" | b"were" | b"which" | b"said" | b"not" | b"but" | b"they"
        | b"their" | b"will" | b"who" | b"been" | b"had" | b"its" | b"would" | b"also"
        | b"more" | b"after" | b"or" | b"than" | b"about" | b"there" | b"when" | b"we" | b"she"
        | b"her" | b"what" | b"all" | b"one" | b"can" | b"into" | b"over" | b"other" | b"could"
        | b"you" | b"our" | b"if" | b"these" | b"those" | b"while" | b"so" | b"up" | b"out"
        | b"them" | b"him" | b"do" | b"did" | b"does" | b"how" | b"just" | b"only" | b"some"
        | b"any" | b"because" | b"before" | b"between" | b"during" | b"under" | b"should"
        | b"where" | b"then" | b"such" | b"most" | b"many" | b"first" | b"must" | b"being"
        | b"each" | b"very" | b"through" | b"against" | b"people" | b"year" | b"two"
        | b"government" => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
