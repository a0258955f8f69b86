//! `pipeline`: arbitrary bytes (UTF-8, else lossily decoded) → `corpus::from_text` →
//! `pipeline::summarize_one` with the default configuration and no themes.
//!
//! Exercises paragraph joining, boilerplate/dateline detection, language detection, sentence
//! splitting, tokenising/stemming, term extraction, scoring and summary selection. Asserts:
//! never panics; every sentence's text, with whitespace removed, is a substring of the input
//! with whitespace removed (nothing is invented or reordered inside a sentence); summary
//! indices are `< sentences.len()` and strictly increasing.
#![no_main]

use briefing::config::Config;
use briefing::theme_terms::ThemeMatcher;
use libfuzzer_sys::fuzz_target;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let doc = briefing::corpus::from_text("a".into(), "a.txt".into(), &text);
    let article =
        briefing::pipeline::summarize_one(doc, &Config::default(), &ThemeMatcher::new(&[]));

    let input = squeeze(&text);
    for sentence in &article.sentences {
        let s = squeeze(&sentence.text);
        assert!(
            input.contains(&s),
            "sentence not in input: {:?}",
            sentence.text
        );
    }
    for &i in &article.summary {
        assert!(
            i < article.sentences.len(),
            "summary index {i} out of range"
        );
    }
    assert!(
        article.summary.windows(2).all(|w| w[0] < w[1]),
        "summary indices not strictly increasing: {:?}",
        article.summary
    );
});
