//! Facts the text states outright: who said what (`“…,” kata Miller`), and what happened when
//! (sentences that give a date). Both are read off sentences already segmented.

use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::meta;

/// A quotation and who said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The words inside the quotation marks.
    pub text: String,
    /// The speaker as the text names them, if it does.
    pub speaker: Option<String>,
}

/// Verbs of saying that follow a quotation, Indonesian and English.
static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[,.]?\s*(?:kata|ujar|ungkap|tegas|jelas|tutur|imbuh|tambah|sebut|tandas|tukas|lanjut|papar|terang|said|says|told|added)(nya)?(?-u:\b)\s*(.*)$").unwrap()
});

/// Words that end a speaker's name: what follows is context ("kepada wartawan").
const AFTER_SPEAKER: &[&str] = &[
    "kepada",
    "dalam",
    "di",
    "pada",
    "saat",
    "ketika",
    "seraya",
    "sembari",
    "yang",
    "dan",
    "dengan",
    "sebagai",
    "usai",
    "dikutip",
    "dilansir",
    "seperti",
    "sebagaimana",
    "melalui",
    "lewat",
    "to",
    "in",
    "at",
    "on",
    "when",
    "as",
    "after",
    "during",
    "who",
    "according",
];

/// Pronouns a verb of saying may take as its subject ("kata dia", "said he"): the speaker is
/// the one named before.
const PRONOUN_SPEAKERS: &[&str] = &[
    "dia", "ia", "beliau", "mereka", "he", "she", "they", "we", "i",
];

/// The most words a speaker's name and title take.
const LONGEST_SPEAKER: usize = 14;

/// The quotation a sentence opens with and its speaker, when the sentence is one: a quote of
/// at least five words followed by a verb of saying. `previous` gives the last speaker named in
/// the article, for "…,” ujarnya; it is asked only then.
pub fn quote(sentence: &str, previous: impl FnOnce() -> Option<String>) -> Option<Quote> {
    let (open, close) = match sentence.chars().next()? {
        '“' => ('“', '”'),
        '"' => ('"', '"'),
        _ => return None,
    };
    let body_start = open.len_utf8();
    let close_at = sentence[body_start..].find(close)? + body_start;
    let text = sentence[body_start..close_at]
        .trim()
        .trim_end_matches(',')
        .trim();
    if text.split_whitespace().count() < 5 {
        return None;
    }
    let after = sentence[close_at + close.len_utf8()..].trim_start();
    let caps = ATTRIBUTION.captures(after)?;
    let pronoun = caps.get(1).is_some();
    let rest = caps.get(2).map_or("", |m| m.as_str());
    // The name runs to a word of context or to the first comma (an apposition follows it), at
    // most eight words, or more while they are capitalised: a long title ends in the name
    // ("Kepala Bidang Humas Polda Metro Jaya Komisaris Besar Polisi Argo Yuwono").
    let mut words: Vec<&str> = Vec::new();
    for word in rest.split_whitespace() {
        // (An acronym in brackets is part of the title: "Seluruh Indonesia (PBVSI) Slamet".)
        let capitalised = word.trim_start_matches('(').starts_with(char::is_uppercase);
        if AFTER_SPEAKER.contains(&word.to_lowercase().as_str())
            || words.len() >= LONGEST_SPEAKER
            || (words.len() >= 8 && !capitalised)
        {
            break;
        }
        words.push(word.trim_end_matches(','));
        if word.ends_with(',') {
            break;
        }
    }
    let named = words.join(" ");
    let named = named.trim_end_matches(['.', ',', ';', '!', '?']).trim();
    let pronoun = pronoun || PRONOUN_SPEAKERS.contains(&named.to_lowercase().as_str());
    let speaker = if pronoun || named.is_empty() {
        previous()
    } else {
        Some(named.to_string())
    };
    Some(Quote {
        text: text.to_string(),
        speaker,
    })
}

/// The person a sentence opens with as its subject, the antecedent of a later "…,” ujarnya":
/// a run of capitalised words ended by an apposition's comma or followed by a verb
/// (`Wakil Menteri Luar Negeri AS Kurt Campbell menyampaikan…`, `James O’Brien, kepala…`).
pub fn subject(sentence: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    let mut rest = sentence.split_whitespace();
    for word in rest.by_ref() {
        let bare = word.trim_end_matches(',');
        if !bare.chars().next().is_some_and(char::is_uppercase) {
            return finish(words, Some(word));
        }
        words.push(bare);
        if word.ends_with(',') || words.len() > 8 {
            return finish(words, None);
        }
    }
    None
}

/// A subject must not open with a function word and, without a comma, must be followed by a
/// verb (Indonesian me-/ber-/ter- forms, English "said"/"says").
fn finish(words: Vec<&str>, next: Option<&str>) -> Option<String> {
    let first = words.first()?.to_lowercase();
    if crate::text::stopwords::is_stopword(&first, crate::text::Lang::Id)
        || crate::text::stopwords::is_stopword(&first, crate::text::Lang::En)
    {
        return None;
    }
    let verb = |w: &str| {
        let w = w.to_lowercase();
        ["me", "ber", "ter"].iter().any(|p| w.starts_with(p))
            || matches!(w.as_str(), "said" | "says" | "told" | "juga")
    };
    match next {
        Some(word) if !verb(word) => None,
        _ => Some(words.join(" ")),
    }
}

/// The date of the event a sentence reports, if it gives one (`YYYY-MM-DD` or `YYYY-MM`); a date
/// without a year (`on 1 July`, `by October`) takes its year from the article's date
/// (`article_date`), the year nearest to publication, and is marked inferred (see
/// [`meta::anchored_event_date`]). With no article date such a date is left out.
pub fn event_date(sentence: &str, article_date: Option<&str>) -> Option<meta::EventDate> {
    meta::anchored_event_date(sentence, article_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str, previous: Option<&str>) -> Option<(String, Option<String>)> {
        quote(s, || previous.map(str::to_string)).map(|q| (q.text, q.speaker))
    }

    /// The speaker of the quotation `s` opens with (`previous` named before it).
    fn speaker(s: &str, previous: Option<&str>) -> Option<String> {
        q(s, previous).and_then(|(_, speaker)| speaker)
    }

    #[test]
    fn quotes_and_speakers() {
        assert_eq!(
            q(
                "“Ini adalah pergeseran yang luar biasa,” kata Robert Einhorn, pejabat Departemen Luar Negeri.",
                None
            ),
            Some((
                "Ini adalah pergeseran yang luar biasa".into(),
                Some("Robert Einhorn".into())
            ))
        );
        assert_eq!(
            q("“Kami mendesak DPRK untuk menghentikan perundingan senjata dengan Rusia,” kata juru bicara Perdana Menteri Rishi Sunak kepada wartawan.", None).unwrap().1.as_deref(),
            Some("juru bicara Perdana Menteri Rishi Sunak")
        );
        assert_eq!(
            q("“Kami tidak tahu dengan pasti, tetapi kami sangat memperhatikan hal ini,” ujarnya.", Some("Kurt Campbell")).unwrap().1.as_deref(),
            Some("Kurt Campbell")
        );
        assert_eq!(
            q("\"This is a remarkable shift,\" said Robert Einhorn.", None)
                .unwrap()
                .1
                .as_deref(),
            Some("Robert Einhorn")
        );
        for (sentence, previous, named) in [
            (
                "\"Kami akan PAM sidang berikutnya lebih banyak (petugas),\" kata Kepala Bidang Humas Polda Metro Jaya Komisaris Besar Polisi Argo Yuwono di Jakarta, Sabtu (22/04/2017).",
                None,
                "Kepala Bidang Humas Polda Metro Jaya Komisaris Besar Polisi Argo Yuwono",
            ),
            (
                "\"We will rebuild the bridge before the winter comes,\" said the mayor, who lost his own house in the flood.",
                None,
                "the mayor",
            ),
            (
                "“Peserta kejuaraan itu terdiri dari 26 tim putra,” kata Kepala Bidang Voli Pantai Persatuan Bola Voli Seluruh Indonesia (PBVSI) Slamet Mulyanto ketika dihubungi.",
                None,
                "Kepala Bidang Voli Pantai Persatuan Bola Voli Seluruh Indonesia (PBVSI) Slamet Mulyanto",
            ),
            (
                "“Kepada masyarakat luar dilarang keras untuk melakukan aksi,” kata dia.",
                Some("Boy Rafli Amar"),
                "Boy Rafli Amar",
            ),
            (
                "“Hari ini penyidik KPK menggeledah sejumlah lokasi di Madiun,” kata Wakil Ketua KPK Laode M Syarif dikutip Detikcom.",
                None,
                "Wakil Ketua KPK Laode M Syarif",
            ),
        ] {
            assert_eq!(
                speaker(sentence, previous).as_deref(),
                Some(named),
                "{sentence}"
            );
        }
        assert_eq!(q("“Terlalu pendek,” kata dia.", None), None);
        assert_eq!(
            subject("Wakil Menteri Luar Negeri AS Kurt Campbell menyampaikan keprihatinan.")
                .as_deref(),
            Some("Wakil Menteri Luar Negeri AS Kurt Campbell")
        );
        assert_eq!(
            subject("James O’Brien, kepala Kantor Koordinasi Sanksi, mengatakan").as_deref(),
            Some("James O’Brien")
        );
        assert_eq!(
            subject("Sue Mi Terry mengatakan Beijing dan Moskow").as_deref(),
            Some("Sue Mi Terry")
        );
        assert_eq!(subject("Dalam pertemuan tersebut, Putin menunjukkan"), None);
        assert_eq!(subject("Rusia dan Korea Utara mendiskusikan"), None);
        assert_eq!(
            q(
                "Putin menjawab, “Itulah sebabnya kami datang ke sini.”",
                None
            ),
            None
        );
        assert_eq!(
            q(
                "“Kalimat kutipan tanpa atribusi sama sekali di sini.”",
                None
            ),
            None
        );
    }
}
