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

mod lexicon;
mod quotes;

use super::Lang;
use lexicon::{ABBR_EN, ABBR_ID, FastMap, STARTERS};
use std::ops::Range;

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
    // The first 0xE2 byte at or after `i` (or `end`), found again once `i` passes it.
    let mut e2 = memchr::memchr(0xE2, &b[start..end]).map_or(end, |k| start + k);
    while i < end {
        i = next_candidate(b, i, end, &mut e2);
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

/// Position of the first byte in `b[i..end]` that is `.`, `!`, `?` or 0xE2 (the lead byte of
/// `…`), or `end`. `e2` is the first 0xE2 byte (or `end`) at or after an earlier `i`: looked
/// for again only once `i` has passed it, and the three others only before it, each search
/// vectorised by `memchr`.
fn next_candidate(b: &[u8], i: usize, end: usize, e2: &mut usize) -> usize {
    if *e2 < i {
        *e2 = memchr::memchr(0xE2, &b[i..end]).map_or(end, |k| i + k);
    }
    memchr::memchr3(b'.', b'!', b'?', &b[i..*e2]).map_or(*e2, |k| i + k)
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
        if quotes::inside_short_quote(s, sent_start, term_start, ws) {
            return false;
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

/// A bullet or dash that marks an item of a list, when it stands alone before the item's text.
fn is_list_marker(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '•' | '*' | '·' | '▪' | '►')
}

/// A sentence without the list marker that opens it (`• Police searched …` → `Police searched
/// …`): the marker and the whitespace after it, when text follows them. The splitter starts a
/// sentence at such a marker ([`skip_bullet`]); the sentence is the item, not its bullet.
pub fn without_list_marker(sentence: &str) -> &str {
    let mut chars = sentence.chars();
    match (chars.next(), chars.next()) {
        (Some(marker), Some(space)) if is_list_marker(marker) && space.is_whitespace() => {
            let item = chars.as_str().trim_start();
            if item.is_empty() { sentence } else { item }
        }
        _ => sentence,
    }
}

/// If `first` (at `k`) is a bullet or dash standing alone (followed by
/// whitespace), the position and character after it and the whitespace.
fn skip_bullet(s: &str, k: usize, first: char, end: usize) -> Option<(usize, char)> {
    if !is_list_marker(first) {
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

#[cfg(test)]
mod tests;
