//! Texts in a language briefing does not read. Stopwords, stems, sentence rules and word
//! vectors exist for Indonesian and English only; a Russian or Korean article read as
//! Indonesian gives its function words as key terms ("на", "что", "있다") and a theme of them in
//! `init`'s suggestions. Such an article is named and left out instead (see
//! `pipeline::readable`).

use whatlang::{Lang as Detected, Script};

use super::Lang;

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

/// Whether whatlang, unsure or not, takes `window` for a language briefing reads (Italian's
/// "di" and "in" are Indonesian and English function words, so counting those cannot tell).
pub(super) fn looks_read(window: &str) -> bool {
    whatlang::detect(window).is_some_and(|info| READ.contains(&info.lang()))
}

/// What a source declares of its text's language (a page's `<html lang>`, a feed's
/// `<language>`, an item's `xml:lang`), from the tag (`en-US`, `id`, `in`, `pt-br`, `IT-it`,
/// `ind`): a language briefing reads, or the English name of another; none for a tag that
/// names no language (`und`, `x-…`, `mul`, empty, unknown).
pub(super) fn declared(tag: &str) -> Option<Result<Lang, &'static str>> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let language = match primary.as_str() {
        // "in" is Indonesian's code before 1989, still met in the wild.
        "in" => return Some(Ok(Lang::Id)),
        code if code.len() == 2 => isolang::Language::from_639_1(code)?,
        code => isolang::Language::from_639_3(code)?,
    };
    match language.to_639_3() {
        "ind" => Some(Ok(Lang::Id)),
        "eng" => Some(Ok(Lang::En)),
        // Undetermined, several, or no linguistic content: no language is named.
        "und" | "mul" | "zxx" | "mis" => None,
        _ => Some(Err(language.to_name())),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Lang;
    use super::super::language::{detect_readable, detect_readable_declared};
    use super::declared;

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

    #[test]
    fn a_declared_language_is_taken_only_where_the_text_does_not_tell() {
        // Too short for the vote or the trigram detector to be sure: the declaration decides.
        for italian in [
            "Il sindaco ha inaugurato ieri il nuovo ponte sul fiume.",
            // "in" and "di" are English and Indonesian function words too.
            "È stato arrestato in Pakistan il padre di una ragazza. In Italia l'uomo è \
             accusato di essere il mandante di un delitto.",
        ] {
            assert!(
                detect_readable(italian).is_ok(),
                "undeclared, it is read: {italian}"
            );
            assert_eq!(
                detect_readable_declared(italian, Some("it")),
                Err("Italian")
            );
        }
        let names = "Jun Woo Park shows Scott Reyes...";
        for (tag, lang) in [("en-US", Lang::En), ("id", Lang::Id)] {
            assert_eq!(detect_readable_declared(names, Some(tag)), Ok(lang));
            assert_eq!(super::super::detect_declared(names, Some(tag)), lang);
        }
        // A clear text outweighs the declaration, whichever way it errs.
        let indonesian = "Rusia menggunakan hak veto di Dewan Keamanan PBB untuk menghentikan \
                          panel ahli yang selama ini memantau sanksi terhadap Korea Utara.";
        assert_eq!(
            detect_readable_declared(indonesian, Some("en")),
            Ok(Lang::Id)
        );
        assert_eq!(
            detect_readable_declared(indonesian, Some("it")),
            Ok(Lang::Id)
        );
        let german = "Die wichtigsten Nachrichten aus der Redaktion: der Bundestag hat am \
                      Donnerstag die Verlängerung der Maßnahmen beschlossen, die Länder müssen \
                      nun über die Umsetzung in den Schulen und Kindergärten entscheiden.";
        assert_eq!(detect_readable_declared(german, Some("en")), Err("German"));
    }

    #[test]
    fn declared_tags_name_their_language() {
        for (tag, answer) in [
            ("en", Some(Ok(Lang::En))),
            ("en-US", Some(Ok(Lang::En))),
            ("en_US", Some(Ok(Lang::En))),
            (" id ", Some(Ok(Lang::Id))),
            ("in", Some(Ok(Lang::Id))),
            ("id-ID", Some(Ok(Lang::Id))),
            ("ind", Some(Ok(Lang::Id))),
            ("it", Some(Err("Italian"))),
            ("IT-it", Some(Err("Italian"))),
            ("pt-br", Some(Err("Portuguese"))),
            ("de", Some(Err("German"))),
            ("ja", Some(Err("Japanese"))),
            ("und", None),
            ("mul", None),
            ("x-klingon", None),
            ("zz", None),
            ("", None),
        ] {
            assert_eq!(declared(tag), answer, "{tag}");
        }
    }
}
