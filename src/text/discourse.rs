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
pub fn continues(text: &str, tokens: &[Token]) -> bool {
    text.starts_with(['“', '"', '‘', '\'', '«'])
        || refers_back(tokens)
        || tokens.first().is_some_and(|t| t.discourse & TURN != 0)
}

/// Whether the sentence `text` (with its `tokens`) points back to what came before: it holds
/// a quotation (or its end), or a pronoun or demonstrative is its first word, or it carries an
/// anaphor ("tersebut", "he added") or reports speech ("Kremlin mengatakan …"). A sentence
/// that continues without pointing back only turns ("Sekarang, …", "But …").
pub fn points_back(text: &str, tokens: &[Token]) -> bool {
    text.contains(['“', '”', '"', '‘', '’', '«', '»'])
        || text.starts_with('\'')
        || refers_back(tokens)
}

/// A pronoun or demonstrative as the first word, an anaphor anywhere, or a verb of saying
/// after a short subject.
fn refers_back(tokens: &[Token]) -> bool {
    tokens.first().is_some_and(|t| t.discourse & POINTER != 0)
        || tokens.iter().enumerate().any(|(i, t)| {
            t.discourse & ANAPHOR != 0 || (i > 0 && i <= SUBJECT_WORDS && t.discourse & SAYING != 0)
        })
}

/// Word class: a pronoun or demonstrative that points back as a sentence's first word.
pub const POINTER: u8 = 1;
/// Word class: a connective or "now" that turns from what came before as a first word.
pub const TURN: u8 = 2;
/// Word class: a word that points back wherever it stands ("tersebut", "added").
pub const ANAPHOR: u8 = 4;
/// Word class: a verb of saying ("mengatakan", "said").
pub const SAYING: u8 = 8;

/// The discourse classes of a word in `lang` ([`POINTER`], [`TURN`], [`ANAPHOR`], [`SAYING`]),
/// found once per distinct word by the tokenizer and kept in its tokens
/// ([`Token::discourse`]).
pub fn class(word: &str, lang: Lang) -> u8 {
    let lists = lists(lang);
    let word = word.as_bytes();
    [
        (&lists.pointers, POINTER),
        (&lists.turns, TURN),
        (&lists.anaphors, ANAPHOR),
        (&lists.saying, SAYING),
    ]
    .into_iter()
    .filter(|(list, _)| is(word, list))
    .fold(0, |classes, (_, class)| classes | class)
}

/// Whether `word` is one of `list`, compared without case and without allocating: a word of
/// another length or first letter than every list word of its length is none of them (a list
/// word's first letter is `first | 0x20` for either case of it).
fn is(word: &[u8], list: &List) -> bool {
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
        continues(s, &tokens)
    }

    fn en(s: &str) -> bool {
        let (tokens, _) = crate::text::analyze(s, Lang::En);
        continues(s, &tokens)
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
            points_back(s, &tokens)
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
                        let (word, longer) = (&text[tokens[0].range()], &text[tokens[1].range()]);
                        assert!(is(word.as_bytes(), list), "{form}");
                        assert!(!is(longer.as_bytes(), list), "{form}x");
                    }
                }
            }
        }
        for word in ["@ersebut", "Tersebu", "", "tersebutt"] {
            assert!(!is(word.as_bytes(), &ID.anaphors), "{word}");
        }
        assert!(is(b"TERSEBUT", &ID.anaphors));
    }

    #[test]
    fn tokens_carry_their_words_classes() {
        let text = "Dia mengatakan, namun, hal tersebut. He said: but that added";
        for (lang, words) in [(Lang::Id, &text[..36]), (Lang::En, &text[37..])] {
            let (tokens, _) = crate::text::analyze(words, lang);
            for t in &tokens {
                assert_eq!(t.discourse, class(&words[t.range()], lang), "{words}");
            }
        }
        assert_eq!(class("Dia", Lang::Id), POINTER);
        assert_eq!(class("mengatakan", Lang::Id), SAYING);
        assert_eq!(class("namun", Lang::Id), TURN);
        assert_eq!(class("tersebut", Lang::Id), ANAPHOR);
        assert_eq!(class("said", Lang::En), SAYING);
        assert_eq!(class("said", Lang::Id), 0);
        assert_eq!(class("that", Lang::En), POINTER);
    }
}
