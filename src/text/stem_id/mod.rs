//! Indonesian stemmer: Enhanced Confix Stripping (ECS) over a root-word list.
//!
//! # Algorithm
//!
//! This is the Nazief–Adriani family of dictionary-checked affix strippers in its
//! "Enhanced Confix Stripping" form (Arifin, Mahendra & Ciptaningtyas 2009; Tahitoe &
//! Purwitasari 2010). A word is looked up in the root list after every step and the
//! first root found is returned:
//!
//! 1. the word itself is checked;
//! 2. the inflectional particle (`-lah`, `-kah`, `-tah`, `-pun`), then the possessive
//!    pronoun (`-ku`, `-mu`, `-nya`), then the derivational suffix (`-i`, `-kan`, `-an`)
//!    are removed, checking the list after each;
//! 3. up to three derivational prefixes (`di-`, `ke-`, `se-`, `me-`/`meN-`, `pe-`/`peN-`,
//!    `per-`, `be-`/`ber-`, `te-`/`ter-`) are removed, with the recoding rules of
//!    `meN-`/`peN-` (`meny-` → `s`, `mem-` → `p`, `men-` → `t`, `meng-` → `k`, …), the
//!    disallowed confixes (`be-…-i`, `di-…-an`, `ke-…-i`, `ke-…-kan`, `me-…-an`, `se-…-i`,
//!    `se-…-kan`, `te-…-an`) and no prefix repeated twice in a row;
//! 4. "loop pengembalian akhiran": if no root was found, the suffixes are put back one
//!    at a time (first the derivational suffix, `-kan` first becoming `-an` with its
//!    `k` kept, then the possessive, then the particle) and step 3 is retried.
//!
//! Small deviations from the published algorithm, each to avoid a known mis-stem:
//! - `-an` with a kept `k` is tried before `-kan` where the confix allows it
//!   (`makanan` → `makan`, not `maka`; `pergerakan` → `gerak`);
//! - the word *with* its `-i` is tried first, and a bare `-i` (no prefix) only after
//!   prefix removal (`membeli` → `beli`, not `bel`; `mendaki` → `daki`, not `mendak`);
//! - a bare `-an`/`-kan`/`-i` with no prefix must leave a root of four letters or more
//!   (keeps names: `bali`, `milan`, `asean`);
//! - a three-letter root reached by removing `-an`, or any root reached by removing a
//!   particle or possessive, gives way to a longer root found with those letters kept
//!   (`bertahan` → `tahan`, not `tah`; `bersekolah` → `sekolah`, not `seko`);
//! - `-tah` is removed only when that directly leaves a root (`pemerintah` is not
//!   `pemerin` + `-tah`);
//! - `peN-…-kan` is not a confix; inner prefixes may only be `pe(N)-`, `per-`,
//!   `be(r)-`, `te(r)-`, `ke-` or `se-`; a stripped stem keeps at least three letters.
//!
//! Where a recoding is ambiguous and both readings are roots (`meng-` + V: `aku` or
//! `kaku`; `mem-` + V: `minta` or `pinta`; `ber-` + V: `ada` or `rada`), the first rule of
//! the published order wins (vowel, `m`, `ber-`), except `men-` + V, where `t` is tried
//! before `n` (`menarik` → `tarik`). This is the main source of remaining errors
//! (`mengurangi` → `urang`, `mengalahkan` → `alah`).
//!
//! The stemmer is conservative: if no root is found, the word is returned unchanged
//! (ASCII-lowercased). Words of three letters or fewer, words longer than 40 letters,
//! and words containing anything but ASCII letters and hyphens are returned unchanged.
//! A hyphenated word `a-b` becomes the stem of its halves when both halves stem to
//! the same root (`negara-negara` → `negara`, `tembak-menembak` → `tembak`); any other
//! hyphenated word (`jong-un`) is returned unchanged.
//!
//! The code allocates only the returned `String`; candidates live in stack buffers.
//!
//! # Data and licence
//!
//! The root list `data/id-roots.txt` is extracted from the stems of Debian's
//! `hunspell-id` dictionary (`id_ID.dic`, LibreOffice dictionaries), "Copyright (C)
//! 2017 Ali Ahmadi", licensed under the GNU LGPL version 3 (LGPL-3.0-only); the list
//! keeps that licence (see `data/id-roots.NOTICE`, and `data/make-id-roots.sh` to
//! regenerate it). No Sastrawi, Kateglo or non-commercial data is used.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// The root list, one lowercase root per line; lines starting with `#` are comments.
static ROOTS_TXT: &str = include_str!("../../../data/id-roots.txt");

/// The roots of the list, for lookups.
static ROOTS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    // Sized for every line up front: growing the set rehashes all the roots again.
    let lines = ROOTS_TXT.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut roots = FxHashSet::with_capacity_and_hasher(lines, Default::default());
    roots.extend(
        ROOTS_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#')),
    );
    roots
});

/// Longest word (in bytes) the stemmer works on; longer words are returned unchanged.
const MAX_LEN: usize = 40;
/// Shortest stem a stripping step may leave.
const MIN_STEM: usize = 3;

/// True when `word` is in the root-word list (`data/id-roots.txt`).
///
/// The lookup is exact, except that ASCII upper case is folded to lower case.
pub fn is_root(word: &str) -> bool {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        ROOTS.contains(word.to_ascii_lowercase().as_str())
    } else {
        ROOTS.contains(word)
    }
}

/// Stems one Indonesian word (lowercase expected; any input accepted, never panics) to its root.
///
/// Returns the root found by Enhanced Confix Stripping, or the word itself
/// (ASCII-lowercased) when no root is found; input containing anything but ASCII
/// letters and hyphens is returned unchanged. See the module documentation.
pub fn stem(word: &str) -> String {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
        return word.to_string();
    }
    let lower = word.to_ascii_lowercase();
    if lower.contains('-') {
        return stem_hyphenated(&lower);
    }
    match stem_bytes(lower.as_bytes()) {
        Some(root) => root.as_str().to_string(),
        None => lower,
    }
}

/// `a-b` → stem of `a` when `a` and `b` stem alike (reduplication), else unchanged.
fn stem_hyphenated(w: &str) -> String {
    let mut parts = w.split('-');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return w.to_string();
    };
    if a.is_empty() || b.is_empty() {
        return w.to_string();
    }
    let sa = stem(a);
    if a == b {
        return sa;
    }
    if stem(b) == sa { sa } else { w.to_string() }
}

/// A short ASCII word on the stack.
#[derive(Clone, Copy)]
struct Buf {
    b: [u8; MAX_LEN],
    n: usize,
}

impl Buf {
    /// `head` followed by `tail`; `None` if it would not fit.
    fn join(head: &[u8], tail: &[u8]) -> Option<Buf> {
        let n = head.len() + tail.len();
        if n > MAX_LEN {
            return None;
        }
        let mut b = [0u8; MAX_LEN];
        b[..head.len()].copy_from_slice(head);
        b[head.len()..n].copy_from_slice(tail);
        Some(Buf { b, n })
    }
    fn bytes(&self) -> &[u8] {
        &self.b[..self.n]
    }
    fn as_str(&self) -> &str {
        // Only ever built from ASCII letters.
        std::str::from_utf8(self.bytes()).unwrap_or("")
    }
}

fn root(w: &[u8]) -> bool {
    w.len() >= MIN_STEM && std::str::from_utf8(w).is_ok_and(|s| ROOTS.contains(s))
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Derivational suffix removed before prefix stripping (for the confix rules).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Suf {
    None,
    I,
    Kan,
    An,
}

/// Derivational prefix families.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pre {
    Di,
    Ke,
    Se,
    Me,
    Pe,
    Per,
    Ber,
    Ter,
}

/// Prefix + suffix pairs that do not form a confix.
fn disallowed(p: Pre, s: Suf) -> bool {
    matches!(
        (p, s),
        (Pre::Ber, Suf::I)
            | (Pre::Di, Suf::An)
            | (Pre::Ke, Suf::I)
            | (Pre::Ke, Suf::Kan)
            | (Pre::Me, Suf::An)
            | (Pre::Se, Suf::I)
            | (Pre::Se, Suf::Kan)
            | (Pre::Ter, Suf::An)
            | (Pre::Pe, Suf::Kan)
    )
}

/// A word (minus removed suffixes) to try prefix stripping on.
#[derive(Clone, Copy)]
struct Variant<'a> {
    w: &'a [u8],
    suf: Suf,
    /// A particle or possessive was removed.
    infl: bool,
}

/// Up to 12 suffix-removal variants, most stripped first (ECS order with restores).
struct Variants<'a> {
    v: [Variant<'a>; 12],
    n: usize,
}

impl<'a> Variants<'a> {
    fn push(&mut self, w: &'a [u8], suf: Suf, infl: bool) {
        if self.n < self.v.len() {
            self.v[self.n] = Variant { w, suf, infl };
            self.n += 1;
        }
    }
    fn iter(&self) -> impl Iterator<Item = &Variant<'a>> {
        self.v[..self.n].iter()
    }
}

fn strip_end<'a>(w: &'a [u8], suffixes: &[&[u8]]) -> Option<&'a [u8]> {
    suffixes
        .iter()
        .find(|s| w.len() >= s.len() + MIN_STEM && w.ends_with(s))
        .map(|s| &w[..w.len() - s.len()])
}

fn variants(w: &[u8]) -> Variants<'_> {
    let mut out = Variants {
        v: [Variant {
            w,
            suf: Suf::None,
            infl: false,
        }; 12],
        n: 0,
    };
    let mut inflected: [&[u8]; 4] = [w; 4];
    let mut ni = 0;
    let mut particle_opts: [&[u8]; 2] = [w; 2];
    let np = match strip_end(w, &[b"lah", b"kah", b"pun"]) {
        Some(s) => {
            particle_opts[0] = s;
            2
        }
        None => 1,
    };
    for &p in &particle_opts[..np] {
        if let Some(s) = strip_end(p, &[b"nya", b"ku", b"mu"]) {
            inflected[ni] = s;
            ni += 1;
        }
        inflected[ni] = p;
        ni += 1;
    }
    for &b in &inflected[..ni] {
        let infl = b.len() < w.len();
        if let Some(s) = strip_end(b, &[b"kan"]) {
            out.push(&b[..b.len() - 2], Suf::An, infl); // "-an" with the "k" kept
            out.push(s, Suf::Kan, infl);
            out.push(b, Suf::None, infl);
        } else if let Some(s) = strip_end(b, &[b"an"]) {
            out.push(s, Suf::An, infl);
            out.push(b, Suf::None, infl);
        } else if let Some(s) = strip_end(b, &[b"i"]) {
            out.push(b, Suf::None, infl);
            out.push(s, Suf::I, infl);
        } else {
            out.push(b, Suf::None, infl);
        }
    }
    out
}

/// Suffix removal alone, checking the list after each step as ECS does: the word
/// minus its particle, then minus its possessive, then minus its derivational
/// suffix (`-kan`, `-an`; a bare `-i` is tried later, after prefix removal with the
/// `i` kept: `mendaki` → `daki`, not `mendak`). `-tah` is only removed when that directly leaves a root: as a particle it
/// is archaic, while many words end in "tah" (`pemerintah`, `membantah`). A bare derivational suffix must leave a root of at least four letters
/// (keeps names such as `bali`, `milan`, `asean`).
fn strip_suffixes_only(w: &[u8]) -> Option<&[u8]> {
    let mut b = w;
    if let Some(s) = strip_end(b, &[b"lah", b"kah", b"tah", b"pun"]) {
        if root(s) {
            return Some(s);
        }
        if !w.ends_with(b"tah") {
            b = s;
        }
    }
    if let Some(s) = strip_end(b, &[b"nya", b"ku", b"mu"]) {
        if root(s) {
            return Some(s);
        }
        b = s;
    }
    let bare = |s: &[u8]| s.len() > MIN_STEM && root(s);
    if let Some(s) = strip_end(b, &[b"kan"]) {
        let an = &b[..b.len() - 2];
        if bare(an) {
            Some(an)
        } else {
            bare(s).then_some(s)
        }
    } else if let Some(s) = strip_end(b, &[b"an"]) {
        bare(s).then_some(s)
    } else {
        None
    }
}

/// Finds the root of a lowercase ASCII word, or `None` to keep the word as it is.
fn stem_bytes(w: &[u8]) -> Option<Buf> {
    if w.len() <= 3 || w.len() > MAX_LEN || root(w) {
        return None;
    }
    if let Some(s) = strip_suffixes_only(w) {
        return Buf::join(s, b"");
    }
    // Prefix removal on each variant, suffixes restored step by step. A root reached
    // by removing a particle or possessive, or a three-letter one reached by removing
    // `-an`, gives way to a longer root found when those letters are kept
    // (`bersekolah` → `sekolah`, not `seko` + `-lah`; `bertahan` → `tahan`, not `tah`).
    let vs = variants(w);
    let mut weak: Option<(Buf, &[u8])> = None;
    for v in vs.iter() {
        match weak {
            None => {
                if v.suf == Suf::I && v.w.len() > MIN_STEM && root(v.w) {
                    return Buf::join(v.w, b""); // bare -i, after prefixes with the i kept
                }
                if let Some(r) = strip_prefixes(v.w, v.suf, 0, None) {
                    if v.infl || (r.n == MIN_STEM && v.suf == Suf::An) {
                        weak = Some((r, v.w));
                    } else {
                        return Some(r);
                    }
                }
            }
            Some((wr, base)) => {
                if v.w.len() > base.len()
                    && v.w.starts_with(base)
                    && let Some(r) = strip_prefixes(v.w, v.suf, 0, None)
                    && r.n > wr.n
                {
                    return Some(r);
                }
            }
        }
    }
    weak.map(|(r, _)| r)
}

/// Prefix-stripping candidates of one step: (prefix family, recoded remainder).
struct Cands {
    c: [(Pre, Buf); 6],
    n: usize,
}

impl Cands {
    fn push(&mut self, p: Pre, head: &[u8], tail: &[u8]) {
        if self.n < self.c.len()
            && let Some(b) = Buf::join(head, tail)
        {
            self.c[self.n] = (p, b);
            self.n += 1;
        }
    }
}

fn byte_at(w: &[u8], i: usize) -> u8 {
    w.get(i).copied().unwrap_or(0)
}

/// Recoding rules of `meN-` and `peN-` (`kind` is `Me` or `Pe`; `w` starts with "me"/"pe").
fn men_pen(w: &[u8], kind: Pre, out: &mut Cands) {
    let (c2, c3, c4) = (byte_at(w, 2), byte_at(w, 3), byte_at(w, 4));
    match (c2, c3) {
        (b'n', b'g') => {
            if matches!(c4, b'g' | b'h' | b'q' | b'k') {
                out.push(kind, b"", &w[4..]);
            } else if is_vowel(c4) {
                out.push(kind, b"", &w[4..]);
                out.push(kind, b"k", &w[4..]);
                if c4 == b'e' {
                    out.push(kind, b"", &w[5..]); // menge-: monosyllabic roots (mengebom)
                }
            }
        }
        (b'n', b'y') => {
            if is_vowel(c4) {
                out.push(kind, b"s", &w[4..]);
                out.push(kind, b"", &w[2..]);
            }
        }
        (b'n', _) => {
            if matches!(c3, b'c' | b'd' | b'j' | b's' | b'z' | b't') {
                out.push(kind, b"", &w[3..]);
            } else if is_vowel(c3) {
                out.push(kind, b"t", &w[3..]);
                out.push(kind, b"", &w[2..]);
            }
        }
        (b'm', _) => {
            if matches!(c3, b'b' | b'f' | b'v' | b'p') {
                out.push(kind, b"", &w[3..]);
            } else if is_vowel(c3) {
                out.push(kind, b"", &w[2..]);
                out.push(kind, b"p", &w[3..]);
            } else if c3 == b'r' && is_vowel(c4) {
                out.push(kind, b"p", &w[3..]);
            }
        }
        (b'l' | b'r' | b'w' | b'y', _) if is_vowel(c3) => {
            out.push(kind, b"", &w[2..]);
            if kind == Pre::Pe && c2 == b'l' {
                out.push(kind, b"", &w[3..]); // pelajar → ajar
            }
        }
        _ => {
            if kind == Pre::Pe && !is_vowel(c2) && c2 != 0 {
                out.push(kind, b"", &w[2..]); // pekerja, petani, pedagang
            }
        }
    }
}

/// `ber-`/`ter-` (`kind` is `Ber` or `Ter`; `w` starts with "be"/"te").
fn ber_ter(w: &[u8], kind: Pre, out: &mut Cands) {
    let (c2, c3, c4) = (byte_at(w, 2), byte_at(w, 3), byte_at(w, 4));
    if c2 == b'r' {
        out.push(kind, b"", &w[3..]);
        if is_vowel(c3) {
            out.push(kind, b"", &w[2..]);
        }
    } else if kind == Pre::Ber && w.starts_with(b"belajar") {
        out.push(kind, b"", &w[3..]);
    } else if !is_vowel(c2) && c2 != b'l' && c3 == b'e' && c4 == b'r' {
        out.push(kind, b"", &w[2..]); // bekerja, beserta, tegerak
    }
}

fn prefix_candidates(w: &[u8]) -> Cands {
    let mut out = Cands {
        c: [(
            Pre::Di,
            Buf {
                b: [0; MAX_LEN],
                n: 0,
            },
        ); 6],
        n: 0,
    };
    if w.len() < 2 + MIN_STEM {
        return out;
    }
    match (w[0], w[1]) {
        (b'd', b'i') => out.push(Pre::Di, b"", &w[2..]),
        (b'k', b'e') => out.push(Pre::Ke, b"", &w[2..]),
        (b's', b'e') => out.push(Pre::Se, b"", &w[2..]),
        (b'm', b'e') => men_pen(w, Pre::Me, &mut out),
        (b'p', b'e') => {
            if w[2] == b'r' {
                out.push(Pre::Per, b"", &w[3..]);
                if is_vowel(byte_at(w, 3)) {
                    out.push(Pre::Pe, b"", &w[2..]);
                }
            } else {
                men_pen(w, Pre::Pe, &mut out);
            }
        }
        (b'b', b'e') => ber_ter(w, Pre::Ber, &mut out),
        (b't', b'e') => ber_ter(w, Pre::Ter, &mut out),
        _ => {}
    }
    out
}

/// Removes up to three prefixes (`depth` already removed, `prev` the last one).
fn strip_prefixes(w: &[u8], suf: Suf, depth: u8, prev: Option<Pre>) -> Option<Buf> {
    if depth >= 3 {
        return None;
    }
    let cands = prefix_candidates(w);
    let ok = |p: Pre| {
        if depth == 0 {
            !disallowed(p, suf)
        } else {
            !matches!(p, Pre::Di | Pre::Me) && Some(p) != prev
        }
    };
    let list = &cands.c[..cands.n];
    for (p, b) in list {
        if ok(*p) && root(b.bytes()) {
            return Some(*b);
        }
    }
    for (p, b) in list {
        if ok(*p)
            && let Some(r) = strip_prefixes(b.bytes(), suf, depth + 1, Some(*p))
        {
            return Some(r);
        }
    }
    None
}

#[cfg(test)]
mod tests;
