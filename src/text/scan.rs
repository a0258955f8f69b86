//! A fast path for UAX #29 word boundaries on the characters news text is made of.
//!
//! [`pieces`] splits a sentence exactly as `unicode_segmentation`'s `split_word_bound_indices`
//! does, provided every character of the sentence is one the scanner knows: all of ASCII, the
//! Latin-1 letters (`À`–`ÿ` except `×` and `÷`), no-break space, and the typographic quotes,
//! dashes, bullet, ellipsis and currency signs of news prose (`“ ” ‘ ’ – — • … € £ © ® ° « »`).
//! Any other character (a combining mark, a soft hyphen, another script…) makes it return `None`,
//! and the caller falls back to `unicode_segmentation`.
//!
//! Those characters fall in a few Word_Break classes (values from Unicode's
//! `WordBreakProperty.txt`, as in `unicode_segmentation`'s tables):
//! ALetter (`A`–`Z`, `a`–`z`, Latin-1 letters), Numeric (`0`–`9`), MidLetter (`:`),
//! MidNumLet (`.`, `‘`, `’`) and Single_Quote (`'`, which outside Hebrew acts as MidNumLet),
//! MidNum (`,`, `;`), ExtendNumLet (`_`), WSegSpace (space), CR, LF and Newline (VT, FF), and
//! Other (everything else, Double_Quote included, which only matters after Hebrew letters).
//! None of them is Extend, Format or ZWJ, so rule WB4 never applies, and the rules that remain
//! are: WB3 (CR × LF), WB3a/b (break around newlines), WB3d (spaces stay together), WB5 and
//! WB8–WB10 (letters and digits stay together), WB6/WB7 (letter (MidLetter | MidNumLetQ) letter),
//! WB11/WB12 (digit (MidNum | MidNumLetQ) digit), WB13a/b (ExtendNumLet joins letters and
//! digits) and WB999 (break everywhere else). The scanner runs them as
//! `unicode_segmentation` does, left to right, greedily; a property test checks that the
//! two agree on random strings over these characters and a few the scanner does not know.

/// The Word_Break class of a character the scanner knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Anything that breaks on both sides.
    Other,
    /// ALetter.
    Letter,
    /// Numeric.
    Numeric,
    /// MidLetter.
    MidLetter,
    /// MidNumLet and Single_Quote.
    MidNumLet,
    /// MidNum.
    MidNum,
    /// ExtendNumLet.
    ExtendNumLet,
    /// WSegSpace.
    Space,
    /// CR.
    Cr,
    /// LF and Newline.
    Newline,
}

/// The class of an ASCII byte.
const fn ascii_class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Numeric,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        b'_' => Class::ExtendNumLet,
        b' ' => Class::Space,
        b'\r' => Class::Cr,
        b'\n' | 0x0B | 0x0C => Class::Newline,
        _ => Class::Other,
    }
}

/// [`ascii_class`] of every ASCII byte.
static ASCII: [Class; 128] = {
    let mut t = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = ascii_class(b as u8);
        b += 1;
    }
    t
};

/// The class of a non-ASCII character the scanner knows, or `None`.
fn other_class(c: char) -> Option<Class> {
    match c {
        'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ' => Some(Class::Letter),
        '‘' | '’' => Some(Class::MidNumLet),
        '\u{a0}' | '×' | '÷' | '“' | '”' | '–' | '—' | '•' | '…' | '€' | '£' | '©' | '®' | '°'
        | '«' | '»' => Some(Class::Other),
        _ => None,
    }
}

/// Class and byte length of the character at byte `i` of `s` (on a character boundary), or
/// `None` at the end of `s` or if the scanner does not know the character.
#[inline(always)]
fn class_at(s: &str, i: usize) -> Option<(Class, usize)> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some((ASCII[b as usize], 1)),
        Some(_) => non_ascii_class_at(s, i),
        None => None,
    }
}

/// [`class_at`] for a character outside ASCII.
#[inline(never)]
fn non_ascii_class_at(s: &str, i: usize) -> Option<(Class, usize)> {
    let c = s[i..].chars().next()?;
    other_class(c).map(|k| (k, c.len_utf8()))
}

/// One UAX #29 piece of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset of its start.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// Whether it holds a letter or a digit.
    pub alnum: bool,
}

/// The UAX #29 pieces of `s`, as `split_word_bound_indices` gives them, or `None` when `s` holds
/// a character the scanner does not know.
#[cfg(test)] // the reference the tests check `words` against
pub fn pieces(s: &str) -> Option<Pieces<'_>> {
    // The scanner knows every ASCII character: only the others need a look.
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(skip) = first_non_ascii(&bytes[i..]) {
        i += skip;
        i += non_ascii_class_at(s, i)?.1;
    }
    Some(Pieces { s, pos: 0 })
}

/// The index of the first byte outside ASCII, looking eight bytes at a time.
#[cfg(test)] // the reference the tests check `words` against
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let high_bits = word & 0x8080_8080_8080_8080;
        if high_bits != 0 {
            return Some(offset + high_bits.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    let rest = chunks.remainder();
    rest.iter().position(|&b| b >= 0x80).map(|k| offset + k)
}

/// Iterator over the pieces of a sentence whose characters the scanner all knows.
#[cfg(test)] // the reference the tests check `words` against
pub struct Pieces<'a> {
    s: &'a str,
    pos: usize,
}

#[cfg(test)] // the reference the tests check `words` against
impl Iterator for Pieces<'_> {
    type Item = Piece;

    #[inline]
    fn next(&mut self) -> Option<Piece> {
        let (s, start) = (self.s, self.pos);
        let bytes = s.as_bytes();
        let (first, len) = class_at(s, start)?;
        let mut end = start + len;
        let mut alnum = false;
        match first {
            Class::Cr if bytes.get(end) == Some(&b'\n') => end += 1, // WB3
            Class::Space => {
                while bytes.get(end) == Some(&b' ') {
                    end += 1; // WB3d (the only WSegSpace the scanner knows is ASCII)
                }
            }
            Class::Letter | Class::Numeric | Class::ExtendNumLet => {
                (end, alnum) = word_piece_end(s, first, end);
            }
            // Other, Newline, and a middle character on its own: one character (WB3a, WB999).
            _ => {}
        }
        self.pos = end;
        Some(Piece { start, end, alnum })
    }
}

/// The end of a piece that starts with a character of class `first` (a letter, a digit or
/// ExtendNumLet) ending at `end`, and whether the piece holds a letter or a digit.
#[inline(always)]
fn word_piece_end(s: &str, first: Class, mut end: usize) -> (usize, bool) {
    let bytes = s.as_bytes();
    let mut state = first;
    let mut alnum = first != Class::ExtendNumLet;
    loop {
        // The bulk of a word: ASCII letters and digits (WB5, WB8, WB9, WB10); the state is the
        // class of the last of them.
        let run = ascii_alnum_run(&bytes[end..]);
        if run > 0 {
            end += run;
            alnum = true;
            state = if bytes[end - 1].is_ascii_digit() {
                Class::Numeric
            } else {
                Class::Letter
            };
        }
        let Some((class, l)) = class_at(s, end) else {
            break;
        };
        match class {
            // Latin-1 letters (WB5, WB10), ExtendNumLet (WB13a, WB13b)
            Class::Letter => alnum = true,
            Class::ExtendNumLet => {}
            // WB6/WB7 after a letter, WB11/WB12 after a digit: the middle character joins only
            // when the same kind follows it.
            Class::MidLetter | Class::MidNumLet | Class::MidNum => {
                let wanted = match (state, class) {
                    (Class::Letter, Class::MidLetter | Class::MidNumLet) => Class::Letter,
                    (Class::Numeric, Class::MidNum | Class::MidNumLet) => Class::Numeric,
                    _ => break,
                };
                match class_at(s, end + l) {
                    Some((next, l2)) if next == wanted => {
                        end += l + l2;
                        continue;
                    }
                    _ => break,
                }
            }
            _ => break,
        }
        state = class;
        end += l;
    }
    (end, alnum)
}

/// How many bytes `bytes` starts with that are ASCII letters or digits, eight looked at at once.
#[inline(always)]
fn ascii_alnum_run(bytes: &[u8]) -> usize {
    let mut run = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let eight = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let others = !ascii_alnum(eight) & HIGH_BITS;
        if others != 0 {
            return run + others.trailing_zeros() as usize / 8;
        }
        run += 8;
    }
    run + chunks
        .remainder()
        .iter()
        .position(|&b| !ASCII_ALNUM[b as usize])
        .unwrap_or(chunks.remainder().len())
}

/// The high bit of every byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `eight` that is an ASCII letter or digit, all eight tested at
/// once: a byte is in a range when adding (0x80 - its first) crosses 0x80 and adding (0x80 -
/// one past its last) does not; seven bits and sums under 0x100 never carry into the next
/// byte, and a byte with the high bit set is neither.
#[inline(always)]
fn ascii_alnum(eight: u64) -> u64 {
    let in_range = |v: u64, first: u8, past: u8| {
        let low7 = v & !HIGH_BITS;
        let from = low7 + 0x0101_0101_0101_0101 * (0x80 - first as u64);
        let to = low7 + 0x0101_0101_0101_0101 * (0x80 - past as u64);
        from & !to & !v & HIGH_BITS
    };
    // `| 0x20` makes every letter lowercase, and no byte outside the letters one of them.
    in_range(eight | 0x2020_2020_2020_2020, b'a', b'z' + 1) | in_range(eight, b'0', b'9' + 1)
}

/// Whether each byte is an ASCII letter or digit.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Whether each byte may start a piece with a letter or digit in it: an ASCII letter, digit or
/// `_`, or a byte outside ASCII (a Latin-1 letter is one); every other ASCII byte is a piece of
/// its own, or part of a run of spaces or a CR LF, without a letter or digit.
static MAY_START_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

/// Whether each byte is a piece of its own, or part of a run of spaces or a CR LF, that holds no
/// letter or digit and closes any hyphen join: every ASCII byte of class Other, Space, CR or
/// Newline but `-`. A word that one of them (or the end) follows ends there.
static SIMPLE_BREAK: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = matches!(
            ascii_class(b as u8),
            Class::Other | Class::Space | Class::Cr | Class::Newline
        ) && b != b'-' as usize;
        b += 1;
    }
    t
};

/// A word of a sentence before normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawWord {
    /// Its byte range.
    pub range: std::ops::Range<usize>,
    /// Whether it holds a hyphen (UAX #29 never puts one inside a piece: only joining adds it).
    pub hyphenated: bool,
}

/// The words of a sentence, as `words::join_words` makes them from its pieces, in one pass that
/// steps over spaces and punctuation instead of making pieces of them: the pieces with a letter
/// or digit (a dotted acronym taking its final dot), two joined by a lone hyphen merged.
/// Appended to `out`. False, with `out` partly written, when the sentence holds a character the
/// scanner does not know (exactly when [`pieces`] is `None`): every character is met at the
/// start of a piece or inside one, and an unknown one ends a piece and starts none.
pub fn words(s: &str, out: &mut Vec<RawWord>) -> bool {
    let bytes = s.as_bytes();
    // Where a piece must start to join the last word (after a lone hyphen right after it).
    let mut pending_hyphen: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if SIMPLE_BREAK[b as usize] {
            // Pieces without a letter or digit that close any join: stepped over together.
            pending_hyphen = None;
            i += 1;
            while i < bytes.len() && SIMPLE_BREAK[bytes[i] as usize] {
                i += 1;
            }
            continue;
        }
        let start = i;
        let (end, alnum) = if ASCII_ALNUM[b as usize] {
            let run = start + ascii_alnum_run(&bytes[start..]);
            // Most words: a run of ASCII letters and digits that a simple break (or the end)
            // closes, not joining the last word.
            if pending_hyphen.is_none() && bytes.get(run).is_none_or(|&c| SIMPLE_BREAK[c as usize])
            {
                out.push(RawWord {
                    range: start..run,
                    hyphenated: false,
                });
                i = run;
                continue;
            }
            let last = if bytes[run - 1].is_ascii_digit() {
                Class::Numeric
            } else {
                Class::Letter
            };
            word_piece_end(s, last, run)
        } else if !MAY_START_WORD[b as usize] {
            // A piece without a letter or digit: only a lone hyphen right after a word keeps a
            // join open (every ASCII `-` is a piece of its own).
            pending_hyphen =
                (b == b'-' && out.last().is_some_and(|w| w.range.end == i)).then_some(i + 1);
            i += 1;
            continue;
        } else {
            let Some((first, len)) = class_at(s, i) else {
                return false;
            };
            match first {
                Class::Letter | Class::Numeric | Class::ExtendNumLet => {
                    word_piece_end(s, first, start + len)
                }
                _ => (start + len, false),
            }
        };
        i = end;
        if !alnum {
            pending_hyphen = None;
            continue;
        }
        let mut word_end = end;
        if is_dotted_acronym(&bytes[start..end]) && bytes.get(end) == Some(&b'.') {
            word_end += 1;
        }
        match (pending_hyphen.take(), out.last_mut()) {
            (Some(h), Some(last)) if h == start => {
                last.range.end = word_end;
                last.hyphenated = true;
            }
            _ => out.push(RawWord {
                range: start..word_end,
                hyphenated: false,
            }),
        }
    }
    true
}

/// `A.S`, `P.B.B`, `U.S`: single letters joined by dots (their final dot belongs to them).
pub fn is_dotted_acronym(b: &[u8]) -> bool {
    b.len() >= 3
        && b[1] == b'.'
        && b.iter().enumerate().all(|(i, c)| {
            if i % 2 == 0 {
                c.is_ascii_alphabetic()
            } else {
                *c == b'.'
            }
        })
}

#[cfg(test)]
mod tests;
