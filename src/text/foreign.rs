//! Texts in a language briefing does not read. Stopwords, stems, sentence rules and word
//! vectors exist for Indonesian and English only; a Russian or Korean article read as
//! Indonesian gives its function words as key terms ("на", "что", "있다") and a theme of them in
//! `init`'s suggestions. Such an article is named and left out instead (see
//! `pipeline::readable`).

use whatlang::{Lang as Detected, Script};

/// Indonesian or English function words, at least [`FUNCTION_WORDS`] of them and one word in
/// this many of the window's runs of ASCII letters, mean that the text is at least partly in a
/// language briefing reads.
const FUNCTION_SHARE: u32 = 8;
/// See [`FUNCTION_SHARE`]: a Japanese page's "Kindle for PC" is not English.
const FUNCTION_WORDS: u32 = 4;

/// What whatlang may say of a text briefing reads: the two languages, and the languages it
/// mistakes Indonesian for (Javanese, Tagalog; it has no Malay).
const READ: [Detected; 4] = [Detected::Ind, Detected::Eng, Detected::Jav, Detected::Tgl];

/// The English name of the language `window` is clearly written in when that is neither
/// Indonesian nor English; `function_words` of the two languages were found among its `words`
/// (runs of ASCII letters). In Latin script the trigram detector must be sure (its own
/// `is_reliable`); another script is another language whatever the detector's confidence.
pub(super) fn language(window: &str, function_words: u32, words: u32) -> Option<&'static str> {
    if function_words >= FUNCTION_WORDS && function_words * FUNCTION_SHARE >= words {
        return None;
    }
    let info = whatlang::detect(window)?;
    if READ.contains(&info.lang()) || (info.script() == Script::Latin && !info.is_reliable()) {
        return None;
    }
    Some(info.lang().eng_name())
}

#[cfg(test)]
mod tests {
    use super::super::Lang;
    use super::super::language::detect_readable;

    #[test]
    fn other_languages_are_named() {
        for (text, name) in [
            (
                "Самые популярные кулинарные блоги: что приготовить на ужин за двадцать минут, \
                 если дома нет ничего, кроме яиц и картофеля. Рецепты проверены читателями.",
                "Russian",
            ),
            (
                "드라마의 여주인공은 결국 진실을 알게 되었다. 하지만 시청자들은 다른 결말을 \
                 기대했고, 방송국에는 항의 전화가 이어졌다.",
                "Korean",
            ),
            (
                "O calendário da Stock Car para a próxima temporada foi divulgado nesta \
                 semana, com doze etapas em oito estados e a abertura marcada para março.",
                "Portuguese",
            ),
        ] {
            assert_eq!(detect_readable(text), Err(name), "{text}");
        }
    }

    #[test]
    fn indonesian_and_english_are_read_whatever_else_they_hold() {
        for (text, lang) in [
            (
                "Rusia menggunakan hak veto di Dewan Keamanan PBB.",
                Lang::Id,
            ),
            ("The council met on Thursday.", Lang::En),
            // An Indonesian article that opens with a verse in Arabic script.
            (
                "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ الْحَمْدُ لِلَّهِ رَبِّ الْعَالَمِينَ \
                 Ayat itu dibacakan oleh imam sebelum khotbah dimulai di masjid yang penuh.",
                Lang::Id,
            ),
            // Too short to tell: read, as before.
            ("Jakarta", Lang::Id),
            ("Rusia veto.", Lang::Id),
            ("", Lang::Id),
        ] {
            assert_eq!(detect_readable(text), Ok(lang), "{text}");
        }
    }
}
