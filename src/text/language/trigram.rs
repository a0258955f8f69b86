//! whatlang's answer for a window the function-word vote leaves undecided, worked out without
//! whatlang when the window is in Latin script: with the allowlist Indonesian and English (whose
//! alphabets are the same 26 letters, so its alphabet scores tie) whatlang's combined method
//! ranks the two by the trigram distance alone, and that is computed here from the window's
//! trigrams, counted in an open-addressed table of integers instead of a hash map of chars and
//! ranked by one sort of integers. A tie, an empty text or a `Σ` (lowercased by its context) are
//! left to whatlang. The tests check the answer against whatlang's on every sample they make.

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

/// The longest window compared here: its table has at most 4,096 slots, a slot's number is
/// kept in 12 bits by [`Trigrams::rank`].
const MAX_WINDOW: usize = 2046;

/// An empty slot of [`Trigrams`].
const EMPTY: u64 = 0;
/// A trigram's rank when it is not among the [`RANKED`] most frequent.
const UNRANKED: u32 = u32::MAX;

/// The trigrams of a text with their counts and ranks, in an open-addressed table (at most half
/// full), and the order they were first met in.
struct Trigrams {
    keys: Vec<u64>,
    counts: Vec<u32>,
    ranks: Vec<u32>,
    /// Slots in the order their trigram was first met.
    order: Vec<u32>,
    /// `slots - 1`.
    mask: usize,
    /// The last two chars (whatlang's `c1`, `c2`) and whether the first char has been seen.
    c1: u32,
    c2: u32,
    started: bool,
}

impl Trigrams {
    fn new(chars: usize) -> Trigrams {
        let slots = (2 * chars + 2).next_power_of_two();
        Trigrams {
            keys: vec![EMPTY; slots],
            counts: vec![0; slots],
            ranks: vec![UNRANKED; slots],
            order: Vec::with_capacity(chars + 1),
            mask: slots - 1,
            c1: ' ' as u32,
            c2: ' ' as u32,
            started: false,
        }
    }

    /// The slot of `key`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, key: u64) -> usize {
        let mut at = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & self.mask;
        while self.keys[at] != EMPTY && self.keys[at] != key {
            at = (at + 1) & self.mask;
        }
        at
    }

    /// Takes the next char of the lowercased text (a stop char as a space), counting the
    /// trigram it closes as whatlang does: not one of a space between spaces or at a word's edge.
    #[inline]
    fn push(&mut self, ch: char) -> Option<()> {
        let c3 = if is_stop(ch) { ' ' as u32 } else { ch as u32 };
        let space = ' ' as u32;
        if !self.started {
            self.started = true;
        } else if !(self.c2 == space && (self.c1 == space || c3 == space)) {
            let key = key(self.c1, self.c2, c3);
            let at = self.slot(key);
            if self.keys[at] == EMPTY {
                if 2 * (self.order.len() + 1) > self.keys.len() {
                    return None; // more chars than planned for: left to whatlang
                }
                self.keys[at] = key;
                self.order.push(at as u32);
            }
            self.counts[at] += 1;
        }
        self.c1 = self.c2;
        self.c2 = c3;
        Some(())
    }

    /// Ranks the [`RANKED`] most frequent trigrams (by count, then by trigram, both descending,
    /// as whatlang sorts them).
    fn rank(&mut self) {
        let mut sorted: Vec<u128> = self
            .order
            .iter()
            .map(|&at| {
                let at = at as usize;
                (self.counts[at] as u128) << 76 | (self.keys[at] as u128) << 12 | at as u128
            })
            .collect();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        for (rank, entry) in sorted.iter().take(RANKED).enumerate() {
            self.ranks[(entry & 0xfff) as usize] = rank as u32;
        }
    }

    /// whatlang's distance of the text from a profile.
    fn distance(&self, profile: &[u64; PROFILE]) -> u32 {
        let mut total = 0u32;
        for (i, &key) in profile.iter().enumerate() {
            let rank = self.ranks[self.slot(key)];
            total += match rank {
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
}

/// whatlang's answer (combined method, allowlist Indonesian and English) for `window`, which the
/// caller knows to be mostly in Latin script; `None` where whatlang must be asked: the two
/// distances tie, the text has no trigram, or it holds a `Σ`.
pub(super) fn compare(window: &str) -> Option<Lang> {
    if window.len() > MAX_WINDOW {
        return None;
    }
    let mut trigrams = Trigrams::new(window.len());
    for ch in window.chars() {
        if ch.is_ascii() {
            trigrams.push(ch.to_ascii_lowercase())?;
        } else if ch == 'Σ' {
            return None;
        } else {
            for lower in ch.to_lowercase() {
                trigrams.push(lower)?;
            }
        }
    }
    trigrams.push(' ')?;
    if trigrams.order.is_empty() {
        return None;
    }
    trigrams.rank();
    let (en, id) = (
        trigrams.distance(&ENGLISH_KEYS),
        trigrams.distance(&INDONESIAN_KEYS),
    );
    match en.cmp(&id) {
        std::cmp::Ordering::Less => Some(Lang::En),
        std::cmp::Ordering::Greater => Some(Lang::Id),
        std::cmp::Ordering::Equal => None,
    }
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
