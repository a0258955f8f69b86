//! Discourse: whether a sentence continues the one before it (a pronoun or "now" as its
//! subject, an anaphoric "tersebut", reported speech that names no new topic, a quotation
//! going on). Such a sentence, when it carries no evidence of a theme of its own, takes its
//! neighbour's themes in the learn stage.

use super::{Lang, Token};

/// First words that point back: pronouns and demonstratives.
const POINTERS_ID: &[&str] = &["dia", "ia", "mereka", "beliau", "ini", "itu", "hal"];
const POINTERS_EN: &[&str] = &[
    "he", "she", "it", "they", "this", "that", "these", "those", "such",
];
/// First words that turn or go on from what came before: connectives and "now".
const TURNS_ID: &[&str] = &[
    "sekarang",
    "kini",
    "namun",
    "tetapi",
    "tapi",
    "akan",
    "kendati",
    "meski",
    "meskipun",
    "sebelumnya",
    "kemudian",
    "langkah",
];
const TURNS_EN: &[&str] = &["but", "however", "now", "yet", "still"];
/// Words that point back wherever they stand ("the talks in question", "he added").
const ANAPHORS_ID: &[&str] = &[
    "tersebut",
    "menambahkan",
    "katanya",
    "ujarnya",
    "tambahnya",
    "imbuhnya",
    "lanjutnya",
];
const ANAPHORS_EN: &[&str] = &["added", "adding"];
/// Verbs of saying: a sentence whose subject is one to three words and then says something
/// reports more of the story at hand ("Kremlin mengatakan …", "Officials said …").
const SAYING_ID: &[&str] = &[
    "mengatakan",
    "kata",
    "ujar",
    "menegaskan",
    "menyatakan",
    "menjelaskan",
    "membantah",
    "menanggapi",
];
const SAYING_EN: &[&str] = &[
    "said", "says", "told", "stated", "noted", "warned", "denied",
];
/// How many words may stand before a verb of saying.
const SUBJECT_WORDS: usize = 3;

/// The word lists of a language.
struct Lists {
    pointers: List,
    turns: List,
    anaphors: List,
    saying: List,
}

/// Words to look for, with a gate that turns most other words away in one lookup: for each
/// length, the first letters of the list's words of that length (bit 0 for `a`).
struct List {
    words: &'static [&'static str],
    gate: [u32; GATE_LENGTHS],
}

/// Words this long or longer are in no list.
const GATE_LENGTHS: usize = 32;

/// A [`List`] of `words`: each made of lowercase ASCII letters and shorter than
/// [`GATE_LENGTHS`] (checked when compiling).
const fn list(words: &'static [&'static str]) -> List {
    let mut gate = [0; GATE_LENGTHS];
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_bytes();
        let mut j = 0;
        while j < w.len() {
            assert!(
                w[j].is_ascii_lowercase(),
                "list words are lowercase letters"
            );
            j += 1;
        }
        gate[w.len()] |= 1 << (w[0] - b'a');
        i += 1;
    }
    List { words, gate }
}

static ID: Lists = Lists {
    pointers: list(POINTERS_ID),
    turns: list(TURNS_ID),
    anaphors: list(ANAPHORS_ID),
    saying: list(SAYING_ID),
};

static EN: Lists = Lists {
    pointers: list(POINTERS_EN),
    turns: list(TURNS_EN),
    anaphors: list(ANAPHORS_EN),
    saying: list(SAYING_EN),
};

fn lists(lang: Lang) -> &'static Lists {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// Whether the sentence `text` (with its `tokens`) continues the sentence before it.
pub fn continues(text: &str, tokens: &[Token], lang: Lang) -> bool {
    let lists = lists(lang);
    text.starts_with(['“', '"', '‘', '\'', '«'])
        || refers_back(text, tokens, lists)
        || tokens.first().is_some_and(|t| is(text, t, &lists.turns))
}

/// Whether the sentence `text` (with its `tokens`) points back to what came before: it holds
/// a quotation (or its end), or a pronoun or demonstrative is its first word, or it carries an
/// anaphor ("tersebut", "he added") or reports speech ("Kremlin mengatakan …"). A sentence
/// that continues without pointing back only turns ("Sekarang, …", "But …").
pub fn points_back(text: &str, tokens: &[Token], lang: Lang) -> bool {
    text.contains(['“', '”', '"', '‘', '’', '«', '»'])
        || text.starts_with('\'')
        || refers_back(text, tokens, lists(lang))
}

/// A pronoun or demonstrative as the first word, an anaphor anywhere, or a verb of saying
/// after a short subject.
fn refers_back(text: &str, tokens: &[Token], lists: &Lists) -> bool {
    tokens.first().is_some_and(|t| is(text, t, &lists.pointers))
        || tokens.iter().enumerate().any(|(i, t)| {
            is(text, t, &lists.anaphors)
                || (i > 0 && i <= SUBJECT_WORDS && is(text, t, &lists.saying))
        })
}

/// Whether the token `t` of `text` is one of `list`, compared without case and without
/// allocating: a word of another length or first letter than every list word of its length is
/// none of them (a list word's first letter is `first | 0x20` for either case of it).
fn is(text: &str, t: &Token, list: &List) -> bool {
    let word = &text.as_bytes()[t.range()];
    let Some(&first) = word.first() else {
        return false;
    };
    let letter = (first | 0x20).wrapping_sub(b'a');
    if word.len() >= GATE_LENGTHS || letter >= 26 || list.gate[word.len()] >> letter & 1 == 0 {
        return false;
    }
    list.words
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> bool {
        let (tokens, _) = crate::text::analyze(s, Lang::Id);
        continues(s, &tokens, Lang::Id)
    }

    fn en(s: &str) -> bool {
        let (tokens, _) = crate::text::analyze(s, Lang::En);
        continues(s, &tokens, Lang::En)
    }

    #[test]
    fn continuations_are_told_from_new_topics() {
        assert!(id("Sekarang, bahkan itu telah berantakan."));
        assert!(id(
            "Dia menambahkan bahwa dukungan ekonomi China terus berlanjut."
        ));
        assert!(id(
            "Menteri Pertahanan Sergey Shoigu menghadiri pembicaraan tersebut."
        ));
        assert!(id(
            "Kremlin mengatakan diskusi sensitif adalah masalah pribadi."
        ));
        assert!(id("“Kami tidak tahu dengan pasti,” ujarnya."));
        assert!(!id(
            "Melaporkan dari Seoul, Florence Looi dari Al Jazeera mengatakan hal penting."
        ));
        assert!(!id("Komunis Korut dibentuk pada masa awal Perang Dingin."));
        assert!(en("He added that the plant would open in May."));
        assert!(en("Officials said the dam was safe."));
        assert!(!en("The board approved the plant on Tuesday."));
    }

    #[test]
    fn a_turn_continues_without_pointing_back_and_speech_points_back() {
        let back = |s: &str, lang| {
            let (tokens, _) = crate::text::analyze(s, lang);
            points_back(s, &tokens, lang)
        };
        assert!(id("Sekarang, bahkan itu telah berantakan."));
        assert!(!back("Sekarang, bahkan itu telah berantakan.", Lang::Id));
        assert!(!back("3. Kurangi memori", Lang::Id));
        assert!(!back("Now, even that has fallen apart.", Lang::En));
        assert!(back("Itu saja,” ucap Rafid.", Lang::Id));
        assert!(back("Mereka menikah sejak 2008.", Lang::Id));
        assert!(back("Katanya, itu sudah melalui riset panjang.", Lang::Id));
        assert!(back("He refused.", Lang::En));
        assert!(back("Officials said no.", Lang::En));
    }

    #[test]
    fn the_gate_lets_every_list_word_through_in_any_case_and_only_those() {
        for lists in [&ID, &EN] {
            for list in [
                &lists.pointers,
                &lists.turns,
                &lists.anaphors,
                &lists.saying,
            ] {
                for w in list.words {
                    let upper = w.to_ascii_uppercase();
                    let capital = format!("{}{}", &upper[..1], &w[1..]);
                    for form in [w.to_string(), upper, capital] {
                        let text = format!("{form} {form}x");
                        let (tokens, _) = crate::text::analyze(&text, Lang::Id);
                        assert!(is(&text, &tokens[0], list), "{form}");
                        assert!(!is(&text, &tokens[1], list), "{form}x");
                    }
                }
            }
        }
        let text = "@ersebut Tersebu tersebut";
        let word = |s: usize, e: usize| Token {
            start: s as u32,
            end: e as u32,
            shown_end: e as u32,
            stem: 0,
            flags: 0,
        };
        assert!(!is(text, &word(0, 8), &ID.anaphors));
        assert!(!is(text, &word(9, 16), &ID.anaphors));
        assert!(is(text, &word(17, 25), &ID.anaphors));
        assert!(!is(text, &word(0, 0), &ID.anaphors));
    }
}
