//! Property tests: `split` never panics, and its ranges are ordered,
//! non-overlapping, trimmed, on char boundaries and lose no non-whitespace text.

use briefing::text::{Lang, sentences::split};
use proptest::prelude::*;

/// Pieces that exercise the rules, glued together at random.
const PIECES: &[&str] = &[
    "Ia",
    "kata",
    "Dia",
    "The",
    "A.S.",
    "P.B.B.",
    "Dr.",
    "dr.",
    "No.",
    "no.",
    "Rp.",
    "dll.",
    "km.",
    "V.",
    "J.",
    "1.",
    "1.500",
    "10.30",
    "13/9/2023",
    "arrahmah.id",
    "U.S.",
    "Inc.",
    "e.g.",
    "a.m.",
    ".",
    "..",
    "...",
    "…",
    "!",
    "?",
    "?!",
    ",",
    ";",
    ":",
    "-",
    "–",
    "—",
    "•",
    "*",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "(les)",
    "(*)",
    "(zarahamala/arrahmah.id)",
    " ",
    "  ",
    "\n",
    "\t",
    "\u{a0}",
    "\u{3000}",
    "\u{200b}",
    "\0",
    "😀",
    "👨‍👩‍👧",
    "\u{301}",
    "مرحبا",
    "שלום",
    "iPad",
    "é",
    "ǅ",
    "Ⅻ",
    "١٢",
];

fn paragraph() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat()),
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(PIECES).prop_map(str::to_string),
                any::<char>().prop_map(|c| c.to_string()),
            ],
            0..60
        )
        .prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

fn non_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn check(p: &str, lang: Lang) -> Result<(), TestCaseError> {
    let ranges = split(p, lang);
    let mut prev_end = 0;
    let mut joined = String::new();
    for r in &ranges {
        prop_assert!(r.start < r.end, "empty range {r:?}");
        prop_assert!(prev_end <= r.start, "overlap or disorder at {r:?}");
        prop_assert!(p.is_char_boundary(r.start) && p.is_char_boundary(r.end));
        prop_assert!(
            p[prev_end..r.start].chars().all(char::is_whitespace),
            "lost text before {r:?}"
        );
        let s = &p[r.clone()];
        prop_assert_eq!(s.trim(), s, "untrimmed range {:?}", r);
        joined.push_str(s);
        prev_end = r.end;
    }
    prop_assert!(p[prev_end..].chars().all(char::is_whitespace), "lost tail");
    prop_assert_eq!(non_ws(&joined), non_ws(p));
    prop_assert_eq!(ranges.is_empty(), p.trim().is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn ranges_are_sound(p in paragraph()) {
        check(&p, Lang::Id)?;
        check(&p, Lang::En)?;
    }

    #[test]
    fn deterministic_and_shift_invariant(p in paragraph(), pad in "[ \n\t]{0,3}") {
        // Surrounding whitespace only shifts the ranges.
        let base = split(&p, Lang::Id);
        let padded = format!("{pad}{p}{pad}");
        let shifted: Vec<_> = split(&padded, Lang::Id)
            .into_iter()
            .map(|r| r.start - pad.len()..r.end - pad.len())
            .collect();
        prop_assert_eq!(base, shifted);
    }
}
