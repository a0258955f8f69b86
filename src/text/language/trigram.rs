//! whatlang's answer for a window the function-word vote leaves undecided, worked out without
//! whatlang when the window is in Latin script: with the allowlist Indonesian and English (whose
//! alphabets are the same 26 letters, so its alphabet scores tie) whatlang's combined method
//! ranks the two by the trigram distance alone, and that is computed here from the window's
//! trigrams, counted in an open-addressed table of integers instead of a hash map of chars and
//! ranked by count, then by trigram within each count. A tie, an empty text or a `Σ` (lowercased
//! by its context) are left to whatlang. The tests check the answer against whatlang's on every
//! sample they make.

use super::Lang;

/// whatlang 0.18's trigram profile of English: its 300 trigrams, most frequent first, three
/// bytes each (`src/trigrams/profiles.rs`, MIT licence).
const ENGLISH: &str = concat!(
    " ththe anhe nd andion ofof tio toto on  inal atiighghtrig rior entas ed is ll in ",
    " bee rne oneveralls tevet t frs a ha rety ery ord t prht  co eve he ang ts hising",
    "be yon shce reefreryon thermennatshapronaly ahases for hihalf tn an ont  pes o fo",
    "d inceer onsrese sectityly l bry e eerse ian e o dectidomedoeedhtsteronare  no wh",
    " a  und f asny l ae pere en na winitnted aanyted dins stath perithe tst e cy tom ",
    "soc arch t od ontis eequve ociman fuoteothess al acwitial mauni serea so onlitint",
    "r ty oencthiualt a eqtatquaive stalie wl oaref hconte led isundciae fle  lay iuma",
    "by  byhumf aic  huavege r a woo ams com meeass dtec lin een rattitplewheateo ts r",
    "t frot chciedisagearyo oancelino  fa susonincat ndahouwort inderomoms otg temetle",
    "itignis witlducd wwhiacthicaw law heichminimiorto sse e bntrtraeduountane dnstl p",
    "d nld ntas iblen p pun s atilyrththofulssidero ecatucauntien edo ph aeraindpensec",
    "n wommr s",
);

/// whatlang 0.18's trigram profile of Indonesian, as [`ENGLISH`].
const INDONESIAN: &str = concat!(
    "an ang dang  peak  ke meata sedankan di behakberperranngayaneng ya haasaganmenara",
    "nyan pn dn ka dtan atat oraalasan baap erhn brhaya  mag ba spenebaas aanuk ntu or",
    "etitasakatiabanset unn stern y tek mtukbasiaplambebam  dek akebn mi duntamadalah ",
    "ikadakebep osa punmemn henddenra elari nda sadi ma a mn tk dn anggtaumangareriasi",
    " tiun al adaum a plakariau  nenega bngsta olelehertersidak hanagsadarukatidbatsia",
    "eraeh dapiladilh datusamia i m inlanahauantu ai t da ag dharsemna apaserenakatuat",
    "erberlmasrtaegaungnanempn ukuml dg s huka entpatmbaagantaadi sueniukun ihukindar ",
    "rgai sakundisuani rushansi carnny lain u dik ua lahrikusiembannmerianggalaimina u",
    "luaemaemuargdundipa tmatayarbuaruerkrkainiekaa krakkesyatibanasrmaerneses pnus pu",
    "anuina tamelmuakelk sus ndunakda syadaspemlinut yaramiupuseoaikeorinyauptakipeing",
    "tin andikuarilig trsesarantg pa naksain jat p umg mdirksaumukepmumi kecaratm ph p",
    "abasesm m",
);

/// Trigrams in a profile, and the largest distance one counts (whatlang's
/// `MAX_TRIGRAM_DISTANCE`).
const PROFILE: usize = 300;
/// How many of the text's most frequent trigrams are ranked (whatlang's `TEXT_TRIGRAMS_SIZE`).
const RANKED: usize = 600;

/// A trigram as one integer ordered as whatlang orders its `Trigram(char, char, char)`: each
/// char in 21 bits. Never 0 (every char counted is at least a space).
#[inline]
const fn key(a: u32, b: u32, c: u32) -> u64 {
    (a as u64) << 42 | (b as u64) << 21 | c as u64
}

/// A profile's trigrams as [`key`]s.
const fn keys(profile: &str) -> [u64; PROFILE] {
    let bytes = profile.as_bytes();
    assert!(bytes.len() == 3 * PROFILE, "a profile has 300 trigrams");
    let mut out = [0u64; PROFILE];
    let mut i = 0;
    while i < PROFILE {
        out[i] = key(
            bytes[3 * i] as u32,
            bytes[3 * i + 1] as u32,
            bytes[3 * i + 2] as u32,
        );
        i += 1;
    }
    out
}

static ENGLISH_KEYS: [u64; PROFILE] = keys(ENGLISH);
static INDONESIAN_KEYS: [u64; PROFILE] = keys(INDONESIAN);

/// Whether whatlang counts `ch` as a space (its `is_stop_char`: ASCII punctuation, digits,
/// controls and spaces).
#[inline]
fn is_stop(ch: char) -> bool {
    matches!(ch, '\u{0000}'..='\u{0040}' | '\u{005B}'..='\u{0060}' | '\u{007B}'..='\u{007E}')
}

/// Slots of the table of a window's trigrams: a power of two, at least twice the trigrams of
/// the longest window compared ([`MAX_WINDOW`]).
const SLOTS: usize = 4096;
/// The longest window compared here (detection's windows are 1,024 bytes).
const MAX_WINDOW: usize = 2046;
/// Each ASCII byte as whatlang counts it: lowercased, a stop char as a space.
static ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            0..=0x40 | 0x5b..=0x60 | 0x7b..=0x7e => b' ',
            c => c.to_ascii_lowercase(),
        };
        b += 1;
    }
    table
};

/// An empty slot of [`Table`].
const EMPTY: u64 = 0;
/// A trigram's rank when it is not among the [`RANKED`] most frequent.
const UNRANKED: u32 = u32::MAX;
/// A space, which every stop char counts as.
const SPACE: u32 = ' ' as u32;

/// The trigrams of one window: an open-addressed table (at most half full) of their [`key`]s
/// and counts (ranks once [`Table::rank`] has run), kept per thread and emptied after each
/// window by clearing only the slots it used.
struct Table {
    keys: Vec<u64>,
    values: Vec<u32>,
    /// Slots in the order their trigram was first met.
    order: Vec<u32>,
    /// The trigrams ranked, most frequent first.
    sorted: Vec<u64>,
    /// Per count, where its trigrams go in `sorted`.
    buckets: Vec<u32>,
    /// The window's chars as whatlang counts them, a space before and after.
    chars: Vec<u32>,
}

thread_local! {
    static TABLE: std::cell::RefCell<Table> = std::cell::RefCell::new(Table {
        keys: vec![EMPTY; SLOTS],
        values: vec![0; SLOTS],
        order: Vec::new(),
        sorted: Vec::new(),
        buckets: Vec::new(),
        chars: Vec::new(),
    });
}

impl Table {
    /// The slot of `key`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, key: u64) -> usize {
        let mut at = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52) as usize;
        while self.keys[at] != EMPTY && self.keys[at] != key {
            at = (at + 1) & (SLOTS - 1);
        }
        at
    }

    /// Counts one more occurrence of `key` (the table has room: see [`Table::count`]).
    #[inline(always)]
    fn add(&mut self, key: u64) {
        let at = self.slot(key);
        if self.keys[at] == EMPTY {
            self.keys[at] = key;
            self.values[at] = 0;
            self.order.push(at as u32);
        }
        self.values[at] += 1;
    }

    /// Counts the trigrams of the lowercased `window` as whatlang does: every stop char a space,
    /// a space before the first char and after the last, and no trigram whose middle is a space
    /// next to another. `None` (left to whatlang) for a `Σ`, or more chars than the table holds.
    fn count(&mut self, window: &str) -> Option<()> {
        let chars = &mut self.chars;
        chars.clear();
        chars.push(SPACE);
        let bytes = window.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                chars.push(ASCII[b as usize] as u32);
                i += 1;
                continue;
            }
            let ch = window[i..].chars().next()?;
            i += ch.len_utf8();
            if ch == 'Σ' {
                return None;
            }
            chars.extend(ch.to_lowercase().map(|c| match is_stop(c) {
                true => SPACE,
                false => c as u32,
            }));
        }
        chars.push(SPACE);
        if 2 * chars.len() > SLOTS {
            return None;
        }
        let chars = std::mem::take(&mut self.chars);
        for w in chars.windows(3) {
            let (c1, c2, c3) = (w[0], w[1], w[2]);
            if c2 != SPACE || (c1 != SPACE && c3 != SPACE) {
                self.add(key(c1, c2, c3));
            }
        }
        self.chars = chars;
        Some(())
    }

    /// Ranks the [`RANKED`] most frequent trigrams by count, then by trigram, both descending,
    /// as whatlang sorts them: placed by count (counting sort), then each count's trigrams
    /// sorted, up to the last count that reaches the ranked ones.
    fn rank(&mut self) {
        let max = self.order.iter().map(|&at| self.values[at as usize]).max();
        let max = max.unwrap_or(0) as usize;
        self.buckets.clear();
        self.buckets.resize(max + 1, 0);
        for &at in &self.order {
            self.buckets[self.values[at as usize] as usize] += 1;
        }
        let mut start = 0;
        for c in (1..=max).rev() {
            let n = self.buckets[c];
            self.buckets[c] = start;
            start += n;
        }
        self.sorted.clear();
        self.sorted.resize(self.order.len(), 0);
        for &at in &self.order {
            let at = at as usize;
            let bucket = &mut self.buckets[self.values[at] as usize];
            self.sorted[*bucket as usize] = self.keys[at];
            *bucket += 1;
            self.values[at] = UNRANKED;
        }
        // Each count's trigrams now end where `buckets` says, and start where the next higher
        // count's end.
        let mut begin = 0;
        for c in (1..=max).rev() {
            let end = self.buckets[c] as usize;
            self.sorted[begin..end].sort_unstable_by(|a, b| b.cmp(a));
            begin = end;
            if begin >= RANKED {
                break;
            }
        }
        for rank in 0..self.sorted.len().min(RANKED) {
            let at = self.slot(self.sorted[rank]);
            self.values[at] = rank as u32;
        }
    }

    /// whatlang's distance of the ranked trigrams from a profile.
    fn distance(&self, profile: &[u64; PROFILE]) -> u32 {
        let mut total = 0u32;
        for (i, &key) in profile.iter().enumerate() {
            let at = self.slot(key);
            total += match self.values[at] {
                _ if self.keys[at] == EMPTY => PROFILE as u32,
                UNRANKED => PROFILE as u32,
                n => n.abs_diff(i as u32),
            };
        }
        let ranked = self.order.len().min(RANKED) as u32;
        if (PROFILE as u32) > ranked {
            total = total.saturating_sub((PROFILE as u32 - ranked) * PROFILE as u32);
        }
        total.min((PROFILE * PROFILE) as u32)
    }

    /// [`compare`] on this (empty) table.
    fn compare(&mut self, window: &str) -> Option<Lang> {
        self.count(window)?;
        if self.order.is_empty() {
            return None;
        }
        self.rank();
        let (en, id) = (
            self.distance(&ENGLISH_KEYS),
            self.distance(&INDONESIAN_KEYS),
        );
        match en.cmp(&id) {
            std::cmp::Ordering::Less => Some(Lang::En),
            std::cmp::Ordering::Greater => Some(Lang::Id),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// Empties the slots used.
    fn clear(&mut self) {
        for &at in &self.order {
            self.keys[at as usize] = EMPTY;
        }
        self.order.clear();
    }
}

/// whatlang's answer (combined method, allowlist Indonesian and English) for `window`, which the
/// caller knows to be mostly in Latin script; `None` where whatlang must be asked: the two
/// distances tie, the text has no trigram, or it holds a `Σ`.
pub(super) fn compare(window: &str) -> Option<Lang> {
    if window.len() > MAX_WINDOW {
        return None;
    }
    TABLE.with_borrow_mut(|table| {
        let answer = table.compare(window);
        table.clear();
        answer
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::tests::{ENGLISH, INDONESIAN, prefix};
    use super::super::{Lang, Votes, whatlang_detect, window};
    use super::compare;

    /// `compare`'s answer, where it gives one on a mostly-Latin window, is whatlang's; returns
    /// whether it gave one.
    pub(in super::super) fn agrees(text: &str) -> bool {
        let w = window(text);
        let votes = Votes::count(w);
        if votes.ascii_letters <= votes.non_ascii {
            return false;
        }
        match compare(w) {
            Some(lang) => {
                assert_eq!(lang, whatlang_detect(w), "{w:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn prose_prefixes_and_mixtures_agree_with_whatlang() {
        let texts: Vec<&str> = ENGLISH.iter().chain(INDONESIAN).copied().collect();
        let (mut samples, mut compared, mut english) = (0, 0, 0);
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i..] {
                for k in (0..a.len()).step_by(37) {
                    let mixed = format!("{} {b}", prefix(a, k));
                    for s in [prefix(a, k), &mixed[..], &mixed.to_uppercase()] {
                        samples += 1;
                        if agrees(s) {
                            compared += 1;
                            english += usize::from(compare(window(s)) == Some(Lang::En));
                        }
                    }
                }
            }
        }
        // Nearly every sample is compared here (the rest are empty or tie), in both languages.
        assert!(compared * 10 > samples * 9, "{compared} of {samples}");
        assert!(english > 0 && english < compared, "{english} of {compared}");
    }

    #[test]
    fn other_characters_agree_with_whatlang() {
        for text in [
            "Café crème, naïve façade — “quoted” words: İstanbul Ⱥ ǅ K",
            "ÉLÉPHANT Über Straße ΣΑΣ the and of yang dan di",
            "12,5 persen (Rp 3.000) — 2024/25; @user #tag {x} [y] |z| ~w",
            "a",
            "  ",
            "\u{7f}\u{7f}\u{7f} the",
        ] {
            agrees(text);
            agrees(&text.repeat(40));
        }
        assert_eq!(compare(""), None);
        assert_eq!(compare(" 12, 3."), None);
    }
}
