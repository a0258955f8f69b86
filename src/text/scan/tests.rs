use super::*;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Characters the scanner knows, ASCII first and most often, and a few it does not.
const KNOWN: &[char] = &[
    'a', 'b', 'z', 'A', 'K', 'Z', '0', '1', '9', '.', ',', ';', ':', '\'', '"', '-', '_', ' ', ' ',
    'e', 'n', '!', '?', '(', ')', '/', '%', '&', '@', '#', '\t', '\n', '\r', '\u{b}', '\u{c}',
    '\u{0}', '\u{7f}', 'é', 'À', 'ÿ', 'ß', '×', '÷', '\u{a0}', '“', '”', '‘', '’', '–', '—', '•',
    '…', '€', '£', '©', '®', '°', '«', '»',
];
const UNKNOWN: &[char] = &[
    '\u{ad}', '\u{301}', '\u{200b}', '\u{200d}', 'א', 'ą', '\u{2024}', '·', 'ª', '\u{85}',
    '\u{2028}', '😀', 'カ',
];

fn uax29(s: &str) -> Vec<Piece> {
    s.split_word_bound_indices()
        .map(|(start, p)| Piece {
            start,
            end: start + p.len(),
            alnum: p.chars().any(char::is_alphanumeric),
        })
        .collect()
}

fn known_string() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(KNOWN), 0..40).prop_map(|v| v.into_iter().collect())
}

fn any_string() -> impl Strategy<Value = String> {
    let all: Vec<char> = KNOWN.iter().chain(UNKNOWN).copied().collect();
    prop::collection::vec(prop::sample::select(all), 0..40).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn same_pieces_as_unicode_segmentation(s in known_string()) {
        let fast: Vec<Piece> = pieces(&s).expect("known characters").collect();
        prop_assert_eq!(fast, uax29(&s));
    }

    #[test]
    fn unknown_characters_fall_back(s in any_string()) {
        match pieces(&s) {
            Some(p) => {
                prop_assert!(s.chars().all(|c| KNOWN.contains(&c)));
                prop_assert_eq!(p.collect::<Vec<_>>(), uax29(&s));
            }
            None => prop_assert!(s.chars().any(|c| UNKNOWN.contains(&c))),
        }
    }

    #[test]
    fn words_stop_where_pieces_do(s in any_string()) {
        prop_assert_eq!(words(&s, &mut Vec::new()), pieces(&s).is_some());
    }

    #[test]
    fn alnum_runs_eight_bytes_at_once(
        s in prop::collection::vec(prop::sample::select(&[
            b'a', b'z', b'A', b'Z', b'0', b'9', b'@', b'[', b'`', b'{', b'/', b':', b' ', 0x10,
            0x19, 0x7f, 0x80, 0xc3, 0xe0, 0xff,
        ][..]), 0..24),
    ) {
        let expected = s.iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(s.len());
        prop_assert_eq!(ascii_alnum_run(&s), expected);
    }

    #[test]
    fn first_non_ascii_byte(s in any_string()) {
        prop_assert_eq!(first_non_ascii(s.as_bytes()), s.bytes().position(|b| b >= 0x80));
    }
}

#[test]
fn examples() {
    for s in [
        "",
        "Kata Putin, “Itulah sebabnya.” A.S. dan P.B.B.",
        "pada 2006, 1.500 orang; 3,14 dan 10:30 WIB",
        "Jum’at, Qur'an, rock'n'roll, e-KTP, snake_case_1, _x, 1_",
        "a.1 1.a a..b 1,,2 a:b 1:2 a;b 1;2 a,b",
        "José Müller × 2 ÷ 3\r\n\n\u{b}  \u{a0} –—…",
    ] {
        let fast: Vec<Piece> = pieces(s).expect("known characters").collect();
        assert_eq!(fast, uax29(s), "{s:?}");
    }
    assert!(pieces("naïve\u{301}").is_none());
}
