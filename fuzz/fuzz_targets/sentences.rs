//! `sentences`: arbitrary UTF-8 → `text::sentences::split` for `Lang::Id` and `Lang::En`.
//!
//! Exercises the boundary rules (terminators, closing quotes, abbreviations, enumerations,
//! ellipses, trailing tags). Asserts for both languages: ranges are non-empty, in order and
//! non-overlapping, start and end on char boundaries, are trimmed (no leading/trailing
//! whitespace), and together cover every non-whitespace char of the input.
#![no_main]

use briefing::text::Lang;
use briefing::text::sentences::split;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    for lang in [Lang::Id, Lang::En] {
        let ranges = split(s, lang);
        let mut prev_end = 0;
        for r in &ranges {
            assert!(r.start < r.end, "{lang:?}: empty or reversed range {r:?}");
            assert!(
                r.start >= prev_end,
                "{lang:?}: range {r:?} overlaps or precedes {prev_end}"
            );
            assert!(r.end <= s.len(), "{lang:?}: range {r:?} past the end");
            assert!(
                s.is_char_boundary(r.start) && s.is_char_boundary(r.end),
                "{lang:?}: range {r:?} not on char boundaries"
            );
            let piece = &s[r.clone()];
            assert_eq!(piece, piece.trim(), "{lang:?}: range {r:?} not trimmed");
            // Everything between two ranges is whitespace.
            assert!(
                s[prev_end..r.start].chars().all(char::is_whitespace),
                "{lang:?}: non-whitespace before {r:?} not covered"
            );
            prev_end = r.end;
        }
        assert!(
            s[prev_end..].chars().all(char::is_whitespace),
            "{lang:?}: non-whitespace after the last range not covered"
        );
    }
});
