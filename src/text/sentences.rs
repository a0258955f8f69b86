//! Sentence segmentation for Indonesian (first) and English news paragraphs.
//!
//! [`split`] returns the byte ranges of the sentences of one paragraph. It is a
//! single left-to-right pass over the bytes with constant-size look-behind and
//! look-ahead at each candidate boundary, so it runs in linear time and never
//! allocates per character (only the output vector grows).
//!
//! # Rules
//!
//! A *candidate* boundary is a run of terminators (`.`, `!`, `?`, `…`, `...`)
//! followed by any closing quotes/brackets (`” ’ " ' ) ] } » ›`, possibly mixed
//! with more terminators, e.g. `.”)` or `?!”`), followed by whitespace. Nothing
//! that is not followed by whitespace is ever a boundary, which keeps numbers
//! (`1.500`, `2,5`, `3.14`, `10.30 WIB`, `13/9/2023`, `v1.2.3`), domains, URLs
//! and e-mails (`arrahmah.id`, `REPUBLIKA.CO.ID`, `www.example.com`) and
//! datelines (`MOSKOW (Arrahmah.id) – …`) whole.
//!
//! The next token decides (opening quotes/brackets are skipped first):
//! * a lowercase letter: no break (the Indonesian rule, `“…,” kata Miller.`;
//!   also after `?`, `!` and an ellipsis). Sources that forget the capital
//!   (`… bernama kelotok. kumparan sendiri …`) stay merged, deliberately;
//! * continuation punctuation (`, ; : % / & )`, a glued dash, or another
//!   terminator, as in a spaced ellipsis `. . .`): no break;
//! * nothing (end of paragraph) : no break, the sentence just ends there;
//! * an uppercase / uncased letter, a digit or another symbol: break, unless the
//!   terminator is a single `.` after an abbreviation (below).
//!
//! A quote's inner sentences therefore split where the next one starts with a
//! capital (`“Kalimat satu. Kalimat dua,” ujarnya.` gives `“Kalimat satu.` and
//! `Kalimat dua,” ujarnya.`): the attribution stays with the last inner sentence.
//!
//! ## Abbreviations (the token before a single `.`)
//! * **Titles and prefixes** (`Dr.`, `dr.`, `Prof.`, `Ir.`, `Hj.`, `Drs.`, `K.H.`,
//!   `Jl.`, `Kab.`, `Rp.`, `hlm.`, `Mr.`, `Gen.`, `e.g.`, `vs.`, Indonesian
//!   `No.`/`no.`, …) practically never end a sentence: never a break before a
//!   capitalised word, a digit or a symbol.
//! * **Ambiguous abbreviations** can end a sentence: dotted acronyms of any
//!   length (`A.S.`, `P.B.B.`, `R.I.`, `U.S.A.`, degrees `S.H.`, `M.Si.`,
//!   `S.Kom.`, `Ph.D.`), single-letter initials (`Vladimir V. Putin`,
//!   `J. R. R. Tolkien`), `Inc.`, `Ltd.`, `Co.`, `Corp.`, `Jr.`, `Sr.`, `St.`,
//!   `Tbk.`, `Man.`/`Nott.` (football clubs), month abbreviations,
//!   `a.m.`/`p.m.` and English `No.`. **Chosen rule:** after one of these a
//!   break happens only before a *clear sentence start*: an opening quote, or a
//!   capitalised function word
//!   that typically opens a sentence (`Ia`, `Dia`, `Mereka`, `Namun`, `Pada`,
//!   `Ini`, `Hal`, `Sementara`, `The`, `He`, `But`, … see `STARTER_WORDS`). So
//!   `pejabat di A.S. Presiden Biden …` and `Presiden R.I. Joko Widodo` stay
//!   whole while `tinggal di A.S. Dia pindah …` and `sanctions by the U.S. The
//!   move …` break. Before a digit they never break (`Jan. 5`, `No. 3`).
//! * **Clause enders** — list enders (`dll.`, `dsb.`, `dst.`, `dkk.`, `tsb.`,
//!   `etc.`) and units (`km.`, `kg.`, `ml.`) — almost always close a clause when
//!   a capitalised word follows, so they break there like ordinary words; none
//!   before a lowercase word (`dll. dan`) or a number (`Km. 50`).
//! * A one- or two-digit number opening the sentence or following a colon
//!   (`1. Pertama …`, `bahwa: 1. Mendukung …`) is an enumeration marker.
//!
//! ## Next-token refinements
//! * A lowercase word with an inner capital (`iPad`, `iOS`, `e-KTP`) counts as
//!   capitalised.
//! * A free-standing bullet or dash (`berikut. - Jangan …`) is skipped and the
//!   word after it decides; a glued dash (`-nya`) is a continuation.
//! * An ellipsis separated from the previous word by a space (`Love You ..
//!   Love You Not`, `kata dia ... Kemudian`) is an in-sentence pause: no break.
//!
//! ## Other rules
//! * A terminator only breaks once the sentence holds a letter or digit, so a
//!   leading `“…` or a paragraph of punctuation is never cut off alone.
//! * A short trailing tag in parentheses/brackets at the very end of the
//!   paragraph, after the last sentence's terminator — `(zarahamala/arrahmah.id)`,
//!   `(les)`, `(ant)`, `(rdk/rds)`, `(*)` — becomes its own range.
//! * Inner newlines are ordinary whitespace. Everything uses
//!   [`char::is_whitespace`], so ranges are trimmed by that definition.

use super::Lang;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::LazyLock;

/// Byte ranges of the sentences in one paragraph, in order, non-overlapping, each trimmed of surrounding whitespace.
pub fn split(paragraph: &str, lang: Lang) -> Vec<Range<usize>> {
    let s = paragraph;
    let b = s.as_bytes();
    let mut out = Vec::new();
    let start = skip_ws(s, 0);
    let end = trim_end(s, b.len());
    if start >= end {
        return out;
    }
    let ctx = Ctx {
        s,
        end,
        tag_start: trailing_tag(s, start, end),
        abbr: match lang {
            Lang::Id => &ABBR_ID,
            Lang::En => &ABBR_EN,
        },
    };
    let mut sent_start = start;
    let mut scan = AlnumScan {
        pos: start,
        found: false,
    };
    let mut i = start;
    while i < end {
        i = next_candidate(b, i, end);
        if i >= end {
            break;
        }
        let is_term = match b[i] {
            b'.' | b'!' | b'?' => true,
            _ => b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6), // 0xE2: '…'?
        };
        if !is_term {
            i += 1;
            continue;
        }
        let term_start = i;
        let mut run = Run::default();
        let mut j = i;
        while j < end {
            let ch = char_at(s, j);
            match ch {
                '.' => run.periods += 1,
                '!' | '?' => run.bang = true,
                '…' => run.ellipsis = true,
                _ if is_closer(ch) => {}
                _ => break,
            }
            j += ch.len_utf8();
        }
        if j >= end {
            break;
        }
        if !char_at(s, j).is_whitespace() {
            i = j;
            continue;
        }
        if scan.has_alnum(s, term_start) && ctx.breaks(sent_start, term_start, j, run) {
            out.push(sent_start..j);
            sent_start = skip_ws(s, j);
            scan = AlnumScan {
                pos: sent_start,
                found: false,
            };
            i = sent_start;
        } else {
            i = j;
        }
    }
    out.push(sent_start..end);
    out
}

/// Position of the first byte in `b[i..end]` that is `.`, `!`, `?` or 0xE2
/// (the lead byte of `…`), or `end`. Scans eight bytes at a time.
fn next_candidate(b: &[u8], mut i: usize, end: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(LO) & !v & HI != 0;
    while i + 8 <= end {
        let w = u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        if has_zero(w ^ (LO * b'.' as u64))
            || has_zero(w ^ (LO * b'!' as u64))
            || has_zero(w ^ (LO * b'?' as u64))
            || has_zero(w ^ (LO * 0xE2))
        {
            break;
        }
        i += 8;
    }
    while i < end && !matches!(b[i], b'.' | b'!' | b'?' | 0xE2) {
        i += 1;
    }
    i
}

/// What a run of terminators and closers contained.
#[derive(Default, Clone, Copy)]
struct Run {
    periods: u32,
    bang: bool,
    ellipsis: bool,
}

impl Run {
    fn single_period(self) -> bool {
        self.periods == 1 && !self.bang && !self.ellipsis
    }
}

/// How an abbreviation before a single period behaves.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Abbr {
    /// A title or prefix: never ends a sentence.
    NonFinal,
    /// May end a sentence: breaks only before a clear sentence start.
    Ambiguous,
    /// Usually ends a clause (`dll.`, `km.`): breaks before a capitalised word
    /// like an ordinary word, but not before a number (`Km. 50`).
    Final,
}

/// Incrementally answers "does the current sentence hold a letter or digit
/// before `upto`?" without rescanning.
struct AlnumScan {
    pos: usize,
    found: bool,
}

impl AlnumScan {
    fn has_alnum(&mut self, s: &str, upto: usize) -> bool {
        if !self.found && upto > self.pos {
            self.found = s[self.pos..upto].chars().any(char::is_alphanumeric);
            self.pos = upto;
        }
        self.found
    }
}

/// What the token after a candidate boundary starts with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    Upper,
    Digit,
    Symbol,
}

struct Ctx<'a> {
    s: &'a str,
    end: usize,
    tag_start: Option<usize>,
    abbr: &'a FastMap<Abbr>,
}

impl Ctx<'_> {
    /// Decide a candidate boundary: terminators start at `term_start`, the run
    /// (terminators and closers) ends at `ws`, where whitespace begins.
    fn breaks(&self, sent_start: usize, term_start: usize, ws: usize, run: Run) -> bool {
        let s = self.s;
        let next = skip_ws(s, ws);
        if next >= self.end {
            return false;
        }
        if Some(next) == self.tag_start {
            return true;
        }
        // Skip opening quotes/brackets (and one stray space after them).
        let mut k = next;
        let mut quoted = false;
        let mut spaced = false;
        let first = loop {
            if k >= self.end {
                return false;
            }
            let ch = char_at(s, k);
            if is_quote(ch) {
                quoted = true;
            } else if !is_opener(ch) {
                if ch.is_whitespace() && !spaced {
                    spaced = true;
                    k = skip_ws(s, k);
                    continue;
                }
                break ch;
            }
            k += ch.len_utf8();
        };
        // A bullet ("sebagai berikut. - Jangan ...") is judged by what follows
        // it; a dash glued to a word ("-nya") is a continuation.
        let (k, first) = match skip_bullet(s, k, first, self.end) {
            Some(after) => after,
            None if is_continuation(first) => return false,
            None => (k, first),
        };
        let kind = if first.is_lowercase() {
            // "iPad", "iOS", "e-KTP": a lowercase start, but a proper name.
            if !word_has_upper(s, k, self.end) {
                return false;
            }
            Next::Upper
        } else if first.is_alphabetic() {
            Next::Upper
        } else if first.is_numeric() {
            Next::Digit
        } else if is_continuation(first) || first.is_whitespace() {
            return false;
        } else {
            Next::Symbol
        };
        if run.ellipsis || run.periods >= 2 {
            // An ellipsis standing apart from the previous word ("Love You ..
            // Love You Not") marks an elision or a pause inside a sentence.
            return !s[..term_start].ends_with(char::is_whitespace);
        }
        if !run.single_period() {
            return true;
        }
        // Token before the period, without leading punctuation.
        let Some(tok_raw) = token_before(s, term_start) else {
            return true; // very long token: not an abbreviation
        };
        let tok_raw_start = term_start - tok_raw.len();
        let tok = tok_raw.trim_start_matches(|c: char| !c.is_alphanumeric());
        if tok.is_empty() {
            return true;
        }
        if tok.len() <= 2
            && tok.bytes().all(|c| c.is_ascii_digit())
            && (tok_raw_start == sent_start || s[..tok_raw_start].trim_end().ends_with(':'))
        {
            return false; // "1. Pertama ...", "bahwa: 1. Mendukung": enumeration marker
        }
        let class = match self.abbr.get(tok) {
            Some(&c) => Some(c),
            None if is_dotted_acronym(tok) => Some(Abbr::Ambiguous),
            None => None,
        };
        match class {
            None => true,
            Some(Abbr::Final) => kind != Next::Digit,
            Some(Abbr::NonFinal) => false,
            Some(Abbr::Ambiguous) => kind == Next::Upper && (quoted || is_starter(s, k, self.end)),
        }
    }
}

/// If `first` (at `k`) is a bullet or dash standing alone (followed by
/// whitespace), the position and character after it and the whitespace.
fn skip_bullet(s: &str, k: usize, first: char, end: usize) -> Option<(usize, char)> {
    if !matches!(first, '-' | '–' | '—' | '•' | '*' | '·' | '▪' | '►') {
        return None;
    }
    let after = k + first.len_utf8();
    if after >= end || !char_at(s, after).is_whitespace() {
        return None;
    }
    let j = skip_ws(s, after);
    (j < end).then(|| (j, char_at(s, j)))
}

/// Does the word at `k` (up to whitespace, at most 24 chars) hold an uppercase letter?
fn word_has_upper(s: &str, k: usize, end: usize) -> bool {
    s[k..end]
        .chars()
        .take(24)
        .take_while(|c| !c.is_whitespace())
        .any(char::is_uppercase)
}

/// The run of non-whitespace characters ending at `pos`, or `None` if it is
/// longer than any abbreviation could be (this bounds the look-behind).
fn token_before(s: &str, pos: usize) -> Option<&str> {
    let mut start = pos;
    for (n, (i, ch)) in s[..pos].char_indices().rev().enumerate() {
        if ch.is_whitespace() {
            break;
        }
        if n >= 32 {
            return None;
        }
        start = i;
    }
    Some(&s[start..pos])
}

/// `A.S`, `P.B.B`, `U.S.A`, `S.Kom`, `M.Si`, `Ph.D`, `e.g` or a single letter
/// `V` (the final period is not part of `tok`): dot-separated letter groups of
/// at most four letters, at most one of them longer than two.
fn is_dotted_acronym(tok: &str) -> bool {
    if tok.len() > 5 && !tok.contains('.') {
        return false; // fast path: an ordinary word
    }
    let mut groups = 0;
    let mut long = 0;
    for g in tok.split('.') {
        let n = g.chars().count();
        if n == 0 || n > 4 || !g.chars().all(char::is_alphabetic) {
            return false;
        }
        if n > 2 {
            long += 1;
        }
        groups += 1;
    }
    (groups == 1 && tok.chars().count() == 1) || (groups >= 2 && long <= 1)
}

/// Is the word at `k` a capitalised word that typically opens a sentence?
fn is_starter(s: &str, k: usize, end: usize) -> bool {
    let rest = &s[k..end];
    let len = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    if len == 0 || len > 16 {
        return false;
    }
    let word = &rest[..len];
    // "J. A. Smith": a single letter followed by a period is an initial.
    if word.chars().nth(1).is_none() && rest[len..].starts_with('.') {
        return false;
    }
    STARTERS.contains(word)
}

/// The trailing author/editor tag, `(les)` or `(zarahamala/arrahmah.id)`: a
/// short bracketed group ending the paragraph, after whitespace that follows a
/// sentence terminator (possibly with closing quotes). Returns its start.
fn trailing_tag(s: &str, start: usize, end: usize) -> Option<usize> {
    let b = s.as_bytes();
    let close = b[end - 1];
    let open = match close {
        b')' => b'(',
        b']' => b'[',
        _ => return None,
    };
    let lo = end.saturating_sub(64).max(start);
    let mut p = end - 1;
    loop {
        if p == lo {
            return None;
        }
        p -= 1;
        if b[p] == open {
            break;
        }
        if b[p] == close || b[p] == b'(' || b[p] == b')' {
            return None;
        }
    }
    let before = trim_end(s, p);
    if before == p || before <= start {
        return None; // no whitespace before the tag, or nothing before it
    }
    let last = s[start..before]
        .chars()
        .rev()
        .find(|&c| !is_closer(c))
        .unwrap_or(' ');
    matches!(last, '.' | '!' | '?' | '…').then_some(p)
}

fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or(' ')
}

/// First non-whitespace byte position at or after `i` (or `s.len()`).
fn skip_ws(s: &str, i: usize) -> usize {
    s[i..]
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(s.len(), |(k, _)| i + k)
}

/// End of `s[..i]` with trailing whitespace removed.
fn trim_end(s: &str, i: usize) -> usize {
    s[..i].trim_end().len()
}

/// Closing quotes and brackets that may follow a terminator.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '〉' | '》'
    )
}

/// Quote characters (either direction, since sources mix them up).
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '„'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '『'
            | '`'
    )
}

/// Opening brackets and marks that may precede a sentence's first word.
fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '¿' | '¡' | '〈' | '《')
}

/// Characters after which a candidate boundary is not a sentence start.
fn is_continuation(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '%'
            | ')'
            | ']'
            | '}'
            | '-'
            | '–'
            | '—'
            | '‒'
            | '―'
            | '/'
            | '&'
            | '.'
            | '!'
            | '?'
            | '…'
    )
}

// Abbreviation lists: whitespace-separated tokens, without the final period.

/// Titles and prefixes (never sentence-final).
const NON_FINAL: &str = "
    Dr dr DR Prof prof Ir Hj Drs Dra K.H KH Bpk Bp Sdr Sdri Yth yth Ny Tn Nn Jend Kol Kapt Pdt
    Mgr Ust Ustd
    Jl Jln jl Gg Kec kec Kab kab Kel kel Prov prov Ds Dsn Kp Rp rp tgl Tgl hlm Hlm vol Vol
    Telp telp Tlp PT CV Pte a.n u.p s.d a.l ca Ca
    Mr Mrs Ms Mmes Messrs Gen Gens Col Lt Sgt Rep Reps Sen Sens Gov Capt Cmdr Adm Maj Brig Rev
    Hon Pres Supt Insp Det Fr Mt Ft Atty
    vs v cf e.g i.e approx Fig fig Nos pp Vols
";

/// May end a sentence: break only before a clear sentence start. Dotted
/// acronyms and single letters are recognised by shape, not listed.
const AMBIGUOUS: &str = "
    Jr Sr St Inc Ltd Co Corp Bros Plc Tbk Bhd Sdn Ave
    Man Nott Utd
    Jan Feb Mar Apr Jun Jul Aug Agu Agt Sep Sept Oct Okt Nov Dec Des
    a.m p.m
";

/// Clause enders: list enders and units.
const FINAL: &str = "
    dll dsb dst dkk tsb etc Dll Dsb Dkk
    km Km kg Kg cm mm mg ml gr
";

/// Capitalised words that typically open a sentence (Indonesian, then
/// English); consulted only after an ambiguous abbreviation.
const STARTER_WORDS: &str = "
    Ia Dia Beliau Mereka Kami Kita Saya Aku Anda Kamu Ini Itu Hal Namun Tetapi Tapi Akan
    Sementara Sedangkan Selain Pada Dalam Di Ke Dari Saat Ketika Sebelumnya Sebelum Sesudah
    Setelah Kemudian Lalu Menurut Menurutnya Oleh Untuk Karena Jika Kalau Apabila Bila Meski
    Meskipun Walaupun Walau Sejak Selama Sebab Maka Dengan Tak Tidak Belum Sudah Telah Bahkan
    Adapun Selanjutnya Akibatnya Sehingga Hingga Sampai Sebagai Seperti Juga Para Sebuah Seorang
    Sebanyak Sekitar Kini Sekarang Kemarin Apa Siapa Bagaimana Mengapa Kenapa Kapan Berdasarkan
    Terkait Diketahui Dikatakan Disebutkan Secara Begitu Demikian Tentu Mungkin Bagi Semua
    Seluruh Beberapa Banyak Sejumlah Yang Nah Padahal Sayangnya Sebenarnya Agar Supaya Tanpa
    Masih Ada Atas Soal Apalagi Terlebih Pun Katanya
    The A An This That These Those He She It They We I You His Her Its Their Our My Your But
    And Or So Yet However Meanwhile Moreover Also In On At For From With By After Before When
    While If As Although Though Because Since Until During There Here What Who Why How Where
    Which Some Many Most All Both Each Then Now Still According Last Earlier Later Instead Such
    Other Another
";

/// FNV-1a: the keys are a few bytes long, so SipHash would dominate the lookup.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<V> = HashMap<&'static str, V, BuildHasherDefault<Fnv>>;
type FastSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

fn build_abbr(lang: Lang) -> FastMap<Abbr> {
    let mut m = FastMap::default();
    for (list, class) in [
        (FINAL, Abbr::Final),
        (AMBIGUOUS, Abbr::Ambiguous),
        (NON_FINAL, Abbr::NonFinal),
    ] {
        for w in list.split_whitespace() {
            m.insert(w, class);
        }
    }
    // "No." is always "nomor" in Indonesian; in English "no" is also a word.
    let no = match lang {
        Lang::Id => Abbr::NonFinal,
        Lang::En => Abbr::Ambiguous,
    };
    for w in ["No", "no"] {
        m.insert(w, no);
    }
    m
}

static ABBR_ID: LazyLock<FastMap<Abbr>> = LazyLock::new(|| build_abbr(Lang::Id));
static ABBR_EN: LazyLock<FastMap<Abbr>> = LazyLock::new(|| build_abbr(Lang::En));
static STARTERS: LazyLock<FastSet> = LazyLock::new(|| STARTER_WORDS.split_whitespace().collect());

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::{En, Id};

    fn seg(p: &str, lang: Lang) -> Vec<&str> {
        split(p, lang).into_iter().map(|r| &p[r]).collect()
    }

    /// (language, paragraph, expected sentences)
    const CASES: &[(Lang, &str, &[&str])] = &[
        // --- Basics ---
        (Id, "Rusia Veto Panel PBB", &["Rusia Veto Panel PBB"]),
        (
            Id,
            "Sekarang, bahkan itu telah berantakan.",
            &["Sekarang, bahkan itu telah berantakan."],
        ),
        (
            Id,
            "  Kalimat satu.   Kalimat dua.  ",
            &["Kalimat satu.", "Kalimat dua."],
        ),
        (
            Id,
            "Siapa dia? Tidak ada yang tahu! Sungguh aneh.",
            &["Siapa dia?", "Tidak ada yang tahu!", "Sungguh aneh."],
        ),
        (
            Id,
            "Kalimat satu.\nKalimat dua yang\ndibungkus.",
            &["Kalimat satu.", "Kalimat dua yang\ndibungkus."],
        ),
        // --- Indonesian abbreviations and titles ---
        (
            Id,
            "Ia bertemu Prof. Dr. Ir. H. Budi Santoso, M.Si. di kampus.",
            &["Ia bertemu Prof. Dr. Ir. H. Budi Santoso, M.Si. di kampus."],
        ),
        (
            Id,
            "Kantornya di Jl. Sudirman No. 5, Kec. Menteng, Kab. Bogor, Prov. Jawa Barat.",
            &["Kantornya di Jl. Sudirman No. 5, Kec. Menteng, Kab. Bogor, Prov. Jawa Barat."],
        ),
        (
            Id,
            "Hadir pula Hj. Ani, Drs. Budi, Dra. Sri, K.H. Ma'ruf Amin dan dr. Tirta.",
            &["Hadir pula Hj. Ani, Drs. Budi, Dra. Sri, K.H. Ma'ruf Amin dan dr. Tirta."],
        ),
        (
            Id,
            "Surat ditujukan kepada Yth. Bpk. Ahmad dan Sdr. Joko a.n. perusahaan.",
            &["Surat ditujukan kepada Yth. Bpk. Ahmad dan Sdr. Joko a.n. perusahaan."],
        ),
        (
            Id,
            "Harganya Rp. 1.500.000 per unit.",
            &["Harganya Rp. 1.500.000 per unit."],
        ),
        (
            Id,
            "Lihat hlm. 12 dan vol. 3 pada tgl. 5 Mei.",
            &["Lihat hlm. 12 dan vol. 3 pada tgl. 5 Mei."],
        ),
        (
            Id,
            "Dana dikirim ke PT. LEN Industri Bandung.",
            &["Dana dikirim ke PT. LEN Industri Bandung."],
        ),
        // --- Initials and dotted acronyms ---
        (
            Id,
            "Presiden Vladimir V. Putin dan Donald J. Trump bertemu.",
            &["Presiden Vladimir V. Putin dan Donald J. Trump bertemu."],
        ),
        (
            En,
            "J. R. R. Tolkien wrote it. He was British.",
            &["J. R. R. Tolkien wrote it.", "He was British."],
        ),
        (
            Id,
            "Menurut pejabat A.S. dan P.B.B. serta R.I. tidak ada masalah.",
            &["Menurut pejabat A.S. dan P.B.B. serta R.I. tidak ada masalah."],
        ),
        (
            Id,
            "Presiden R.I. Joko Widodo hadir.",
            &["Presiden R.I. Joko Widodo hadir."],
        ),
        // The documented ambiguity rule: after a dotted acronym, break only
        // before a clear sentence start (a starter word or an opening quote).
        (
            Id,
            "Pernyataan itu disampaikan di A.S. Presiden Biden menyetujuinya.",
            &["Pernyataan itu disampaikan di A.S. Presiden Biden menyetujuinya."],
        ),
        (
            Id,
            "Ia pernah tinggal di A.S. Dia kemudian pulang.",
            &["Ia pernah tinggal di A.S.", "Dia kemudian pulang."],
        ),
        (
            Id,
            "Sanksi dijatuhkan oleh P.B.B. “Kami menolak,” kata Rusia.",
            &[
                "Sanksi dijatuhkan oleh P.B.B.",
                "“Kami menolak,” kata Rusia.",
            ],
        ),
        (
            Id,
            "Acara dihadiri Budi Santoso, S.H. Ia mengatakan hal itu.",
            &[
                "Acara dihadiri Budi Santoso, S.H.",
                "Ia mengatakan hal itu.",
            ],
        ),
        (
            Id,
            "Ia anggota tim A. Ia lalu pindah.",
            &["Ia anggota tim A.", "Ia lalu pindah."],
        ),
        (
            Id,
            "Ketiganya adalah Edho, Dwi, dan Florida M. \"Kami senang,\" katanya.",
            &[
                "Ketiganya adalah Edho, Dwi, dan Florida M.",
                "\"Kami senang,\" katanya.",
            ],
        ),
        // --- Clause enders: list enders and units ---
        (
            Id,
            "Ia membeli buah, sayur, dll. Semua dijual murah.",
            &["Ia membeli buah, sayur, dll.", "Semua dijual murah."],
        ),
        (
            Id,
            "Ia membeli buah, sayur, dll. dan membayar tunai.",
            &["Ia membeli buah, sayur, dll. dan membayar tunai."],
        ),
        (
            Id,
            "Penelitian oleh Budi dkk. menunjukkan hasil baik.",
            &["Penelitian oleh Budi dkk. menunjukkan hasil baik."],
        ),
        (
            Id,
            "Beratnya 2.066 ml. Gelatin ialah protein.",
            &["Beratnya 2.066 ml.", "Gelatin ialah protein."],
        ),
        (
            Id,
            "Kecelakaan terjadi di Tol Cikampek Km. 50 pagi tadi.",
            &["Kecelakaan terjadi di Tol Cikampek Km. 50 pagi tadi."],
        ),
        // --- Numbers, times, dates, domains, datelines ---
        (
            Id,
            "Ia lahir pada 1990. Setelah itu ia pindah ke Bandung.",
            &["Ia lahir pada 1990.", "Setelah itu ia pindah ke Bandung."],
        ),
        (
            Id,
            "Harganya Rp 1.500.000. Harga itu naik 2,5 persen.",
            &["Harganya Rp 1.500.000.", "Harga itu naik 2,5 persen."],
        ),
        (
            Id,
            "Acara dimulai pukul 10.30 WIB. Peserta hadir tepat waktu.",
            &[
                "Acara dimulai pukul 10.30 WIB.",
                "Peserta hadir tepat waktu.",
            ],
        ),
        (
            Id,
            "Rapat pada Rabu (13/9/2023) membahas versi 1.2.3 dan nilai 3.14 saja.",
            &["Rapat pada Rabu (13/9/2023) membahas versi 1.2.3 dan nilai 3.14 saja."],
        ),
        (
            Id,
            "MOSKOW (Arrahmah.id) – Pertemuan langka terjadi. Barat khawatir.",
            &[
                "MOSKOW (Arrahmah.id) – Pertemuan langka terjadi.",
                "Barat khawatir.",
            ],
        ),
        (
            Id,
            "REPUBLIKA.CO.ID, MOSKOW - Rusia dan Korea Utara memperdalam hubungan.",
            &["REPUBLIKA.CO.ID, MOSKOW - Rusia dan Korea Utara memperdalam hubungan."],
        ),
        (
            Id,
            "Jakarta, CNN Indonesia -- Demam Pokemon Go masih melanda.",
            &["Jakarta, CNN Indonesia -- Demam Pokemon Go masih melanda."],
        ),
        (
            Id,
            "Kunjungi www.example.com atau tulis ke redaksi@example.co.id untuk info.",
            &["Kunjungi www.example.com atau tulis ke redaksi@example.co.id untuk info."],
        ),
        (
            Id,
            "Berita ini dikutip dari arrahmah.id. Situs itu populer.",
            &["Berita ini dikutip dari arrahmah.id.", "Situs itu populer."],
        ),
        // --- Lowercase continuation, quotes ---
        (
            Id,
            "“Ini adalah pergeseran yang luar biasa,” kata Robert Einhorn.",
            &["“Ini adalah pergeseran yang luar biasa,” kata Robert Einhorn."],
        ),
        (
            Id,
            "“Kalimat satu. Kalimat dua,” ujarnya.",
            &["“Kalimat satu.", "Kalimat dua,” ujarnya."],
        ),
        (
            Id,
            "“Kami datang ke sini.” kata Miller.",
            &["“Kami datang ke sini.” kata Miller."],
        ),
        (Id, "“…” ujarnya.", &["“…” ujarnya."]),
        (
            Id,
            "\"Kalimat satu. Kalimat dua,\" ujarnya. \"Kalimat tiga.\"",
            &[
                "\"Kalimat satu.",
                "Kalimat dua,\" ujarnya.",
                "\"Kalimat tiga.\"",
            ],
        ),
        (
            Id,
            "'Kalimat satu. Kalimat dua,' ujarnya.",
            &["'Kalimat satu.", "Kalimat dua,' ujarnya."],
        ),
        (
            Id,
            "‘Kalimat satu. Kalimat dua,’ ujarnya. Lalu ia pergi.",
            &["‘Kalimat satu.", "Kalimat dua,’ ujarnya.", "Lalu ia pergi."],
        ),
        (
            Id,
            "“Apa kabar?” tanya dia. “Awas!” teriaknya.",
            &["“Apa kabar?” tanya dia.", "“Awas!” teriaknya."],
        ),
        (
            Id,
            "Hebat! kata dia sambil tertawa.",
            &["Hebat! kata dia sambil tertawa."],
        ),
        (
            Id,
            "Bukan hanya bulan bisa ‘dimakan.’ Suku Inka juga percaya.",
            &[
                "Bukan hanya bulan bisa ‘dimakan.’",
                "Suku Inka juga percaya.",
            ],
        ),
        (
            Id,
            "(Ini kalimat dalam kurung.) Kalimat berikutnya.",
            &["(Ini kalimat dalam kurung.)", "Kalimat berikutnya."],
        ),
        (Id, "Sejak 2012. “", &["Sejak 2012. “"]),
        // --- Ellipsis ---
        (
            Id,
            "Dia bilang... dan lalu pergi.",
            &["Dia bilang... dan lalu pergi."],
        ),
        (
            Id,
            "Dia terdiam... Kemudian ia pergi.",
            &["Dia terdiam...", "Kemudian ia pergi."],
        ),
        (
            Id,
            "Dia terdiam… Kemudian ia pergi… entah ke mana.",
            &["Dia terdiam…", "Kemudian ia pergi… entah ke mana."],
        ),
        (
            Id,
            "Film Love You .. Love You Not dirilis.",
            &["Film Love You .. Love You Not dirilis."],
        ),
        (Id, "… Kami menolak.", &["… Kami menolak."]),
        // --- Trailing tags ---
        (
            Id,
            "Putin mengatakan masih ada peluang. (zarahamala/arrahmah.id)",
            &[
                "Putin mengatakan masih ada peluang.",
                "(zarahamala/arrahmah.id)",
            ],
        ),
        (
            Id,
            "Gregoire akan membuat aplikasi. (les)",
            &["Gregoire akan membuat aplikasi.", "(les)"],
        ),
        (
            Id,
            "Harga naik. Permintaan turun. (rdk/rds)",
            &["Harga naik.", "Permintaan turun.", "(rdk/rds)"],
        ),
        (
            Id,
            "“Kami siap,” katanya. (ant)",
            &["“Kami siap,” katanya.", "(ant)"],
        ),
        (Id, "Selesai. (*)", &["Selesai.", "(*)"]),
        (
            Id,
            "Ia datang bersama istrinya (ant)",
            &["Ia datang bersama istrinya (ant)"],
        ),
        // --- Enumerations, bullets, camel-case starts ---
        (Id, "1. Batasi notifikasi.", &["1. Batasi notifikasi."]),
        (
            Id,
            "Pesannya bahwa: 1. Mendukung upaya Indonesia. 2. Siap berkontribusi.",
            &[
                "Pesannya bahwa: 1. Mendukung upaya Indonesia.",
                "2. Siap berkontribusi.",
            ],
        ),
        (
            Id,
            "Caranya sebagai berikut. - Jangan nyalakan komputer.",
            &["Caranya sebagai berikut.", "- Jangan nyalakan komputer."],
        ),
        (
            Id,
            "Versi minimal 10.10 alias Yosemite. iPad yang kompatibel lebih banyak.",
            &[
                "Versi minimal 10.10 alias Yosemite.",
                "iPad yang kompatibel lebih banyak.",
            ],
        ),
        (
            Id,
            "Juara Man. United dan Nott. Forest bertemu.",
            &["Juara Man. United dan Nott. Forest bertemu."],
        ),
        // --- English ---
        (
            En,
            "Mr. Smith met Mrs. Jones and Dr. Brown at St. Mary's.",
            &["Mr. Smith met Mrs. Jones and Dr. Brown at St. Mary's."],
        ),
        (
            En,
            "Gen. Milley, Lt. Col. Vindman and Sen. Warren spoke. Gov. Newsom did not.",
            &[
                "Gen. Milley, Lt. Col. Vindman and Sen. Warren spoke.",
                "Gov. Newsom did not.",
            ],
        ),
        (
            En,
            "The U.S. Treasury and the U.K. agreed. The U.N. did not.",
            &[
                "The U.S. Treasury and the U.K. agreed.",
                "The U.N. did not.",
            ],
        ),
        (
            En,
            "Sanctions came from the U.S. The move angered Moscow.",
            &["Sanctions came from the U.S.", "The move angered Moscow."],
        ),
        (
            En,
            "He works for Apple Inc. The company is big. Apple Inc. CEO Tim Cook agreed.",
            &[
                "He works for Apple Inc.",
                "The company is big.",
                "Apple Inc. CEO Tim Cook agreed.",
            ],
        ),
        (
            En,
            "The meeting began at 10 a.m. It ended at 2 p.m. on Jan. 5.",
            &[
                "The meeting began at 10 a.m.",
                "It ended at 2 p.m. on Jan. 5.",
            ],
        ),
        (
            En,
            "Use tools, e.g. Google, i.e. search, vs. others, etc. and more.",
            &["Use tools, e.g. Google, i.e. search, vs. others, etc. and more."],
        ),
        (
            En,
            "He lives at No. 10 Downing St. and said no. The end.",
            &["He lives at No. 10 Downing St. and said no.", "The end."],
        ),
        (
            En,
            "It cost $1.5 billion. Investors were upset. \"Why?\" he asked.",
            &[
                "It cost $1.5 billion.",
                "Investors were upset.",
                "\"Why?\" he asked.",
            ],
        ),
        (
            En,
            "Johnson & Johnson Co. Ltd. Corp. reported profits.",
            &["Johnson & Johnson Co. Ltd. Corp. reported profits."],
        ),
        // --- Tricky negatives at paragraph end ---
        (
            Id,
            "Ia membeli buah, sayur, dll.",
            &["Ia membeli buah, sayur, dll."],
        ),
        (En, "He moved to the U.S.", &["He moved to the U.S."]),
        (Id, "Harganya Rp 1.500.000.", &["Harganya Rp 1.500.000."]),
        (
            Id,
            "Acara dimulai pukul 10.30 WIB.",
            &["Acara dimulai pukul 10.30 WIB."],
        ),
        // --- Odd input ---
        (Id, "...", &["..."]),
        (Id, "?! . !", &["?! . !"]),
        (
            Id,
            "Mantap! 😀 Keren sekali.",
            &["Mantap!", "😀 Keren sekali."],
        ),
        (Id, "a\0b. C\0d.", &["a\0b.", "C\0d."]),
        (
            Id,
            "مرحبا بالعالم. שלום עולם. Selesai.",
            &["مرحبا بالعالم.", "שלום עולם.", "Selesai."],
        ),
        (
            Id,
            "\u{301}\u{301}. \u{301}A.",
            &["\u{301}\u{301}. \u{301}A."],
        ),
    ];

    #[test]
    fn table() {
        assert!(CASES.len() >= 40);
        let mut failures = Vec::new();
        for &(lang, input, expected) in CASES {
            let got = seg(input, lang);
            if got != expected {
                failures.push(format!(
                    "{lang:?} {input:?}\n   got      {got:?}\n   expected {expected:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn empty_and_blank() {
        assert!(split("", Id).is_empty());
        assert!(split(" \n\t\u{a0} ", Id).is_empty());
        assert_eq!(split(" x ", En), vec![1..2]);
    }

    #[test]
    fn huge_inputs() {
        // 20 MB without punctuation: one range.
        let big = "kata ".repeat(4 << 20);
        assert_eq!(split(&big, Id), vec![0..big.len() - 1]);
        // A 200,000-char word, with and without a period after it.
        let word = "é".repeat(200_000);
        let p = format!("{word}. {word}");
        let r = split(&p, Id);
        assert_eq!(r.len(), 1);
        let p = format!("{word}. A{word}");
        assert_eq!(split(&p, Id).len(), 2);
        // Many sentences, many periods, many quotes: still fast and whole.
        let many = "Ia datang. ".repeat(100_000);
        assert_eq!(split(&many, Id).len(), 100_000);
        let dots = ". ".repeat(1 << 20) + "“".repeat(1 << 16).as_str();
        assert_eq!(split(&dots, Id).len(), 1);
    }

    #[test]
    fn dotted_acronyms() {
        for t in ["A.S", "P.B.B", "U.S.A", "S.Kom", "M.Si", "Ph.D", "e.g", "V"] {
            assert!(is_dotted_acronym(t), "{t}");
        }
        for t in [
            "arrahmah.id",
            "CNN.com",
            "1.500",
            "AS",
            "Rusia",
            "bola.com",
            "",
        ] {
            assert!(!is_dotted_acronym(t), "{t}");
        }
    }
}
