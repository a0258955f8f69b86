//! Stopwords: stopwords-iso (via the `stop-words` crate) plus the reporting verbs and fillers of
//! news prose, which carry no topic ("kata", "ujar", "said").

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::Lang;

/// Words news uses to attribute and to connect, beyond the general lists.
const NEWS_ID: &[&str] = &[
    "kata",
    "ujar",
    "ungkap",
    "tutur",
    "sebut",
    "jelas",
    "tambah",
    "tegas",
    "nyata",
    "ucap",
    "menurut",
    "yakni",
    "yaitu",
    "serta",
    "pun",
    "lah",
    "kah",
    "nya",
    "pula",
    "para",
    "sang",
    "tersebut",
    "itu",
    "ini",
    "tsb",
    "dll",
    "dsb",
    "dst",
    "kali",
    "kini",
    "lalu",
    "sejak",
    "secara",
    "pihak",
    "hal",
    "sementara",
    "bersama",
    "sebagai",
    "demikian",
    "seraya",
    "sembari",
    "saat",
    "selama",
    "terhadap",
    "atas",
    "antara",
    "hingga",
    "bulan",
    "tahun",
    "hari",
    "pekan",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
    "kata",
    "katanya",
    // Informal abbreviations of function words, and honorifics after a name ("Nabi Muhammad
    // SAW", "Umar r.a."): on a blog or in a quote they became key terms ("yg", "ra").
    "yg",
    "dg",
    "dgn",
    "utk",
    "tdk",
    "krn",
    "sdh",
    "blm",
    "jg",
    "saw",
    "swt",
    "ra",
];
const NEWS_EN: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "according",
    "also",
    "would",
    "could",
    "may",
    "might",
    "mr",
    "mrs",
    "ms",
    // Titles and units abbreviated: "Dr. King", "Jr.", "14th Fl.", "Rs 500" ("oz" is also Oz).
    "dr",
    "jr",
    "sr",
    "fl",
    "ft",
    "lb",
    "lbs",
    "rs",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "year",
    "years",
    "week",
    "weeks",
    // Times of day: abbreviations, not topics.
    "a.m.",
    "p.m.",
    "a.m",
    "p.m",
];

static ID: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| build("id", NEWS_ID));
static EN: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| build("en", NEWS_EN));

fn build(code: &str, extra: &[&'static str]) -> FxHashSet<&'static str> {
    let mut set: FxHashSet<&'static str> = stop_words::lookup(code)
        .unwrap_or_default()
        .iter()
        .copied()
        .collect();
    set.extend(extra.iter().copied());
    set
}

/// True when the lowercase word is a stopword in `lang`.
pub fn is_stopword(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::Id => ID.contains(word),
        Lang::En => EN.contains(word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_loaded() {
        assert!(is_stopword("yang", Lang::Id));
        assert!(is_stopword("mengatakan", Lang::Id));
        assert!(is_stopword("the", Lang::En));
        assert!(!is_stopword("sanksi", Lang::Id));
        assert!(!is_stopword("sanctions", Lang::En));
        assert!(is_stopword("jr", Lang::En));
        assert!(is_stopword("yg", Lang::Id));
    }
}
