//! The word lists the segmenter consults: abbreviations by class, and words that open
//! sentences, in hash sets built once.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::Abbr;
use crate::text::Lang;
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
pub(super) struct Fnv(u64);

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

pub(super) type FastMap<V> = HashMap<&'static str, V, BuildHasherDefault<Fnv>>;
pub(super) type FastSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

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

pub(super) static ABBR_ID: LazyLock<FastMap<Abbr>> = LazyLock::new(|| build_abbr(Lang::Id));
pub(super) static ABBR_EN: LazyLock<FastMap<Abbr>> = LazyLock::new(|| build_abbr(Lang::En));
pub(super) static STARTERS: LazyLock<FastSet> =
    LazyLock::new(|| STARTER_WORDS.split_whitespace().collect());
