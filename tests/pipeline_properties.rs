//! Property tests over read → segment → score: no panic on any text, nothing lost or invented,
//! and summaries made of the article's own sentences.

use briefing::config::{Config, LanguageSetting};
use briefing::corpus;
use briefing::learn::Learner;
use briefing::pipeline;
use briefing::theme_terms::ThemeMatcher;
use proptest::prelude::*;

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The bullets and dashes of `s` that stand before white space: markers a list item's sentence
/// leaves out (`• Police searched …` is the sentence `Police searched …`).
fn list_markers(s: &str) -> usize {
    let mut chars = s.chars().peekable();
    let mut markers = 0;
    while let Some(c) = chars.next() {
        if matches!(c, '-' | '–' | '—' | '•' | '*' | '·' | '▪' | '►')
            && chars.peek().is_some_and(|n| n.is_whitespace())
        {
            markers += 1;
        }
    }
    markers
}

/// Pieces news text is made of, hard cases included.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Rusia",
            "memveto",
            "resolusi",
            "sanksi",
            "Dewan",
            "Keamanan",
            "PBB",
            "A.S.",
            "P.B.B.",
            "Vladimir",
            "V.",
            "Putin",
            "Kim",
            "Jong-un",
            "negara-negara",
            "veto-nya",
            "1.500",
            "2,5",
            "13/9/2023",
            "“",
            "”",
            "\"",
            "‘",
            "’",
            ",",
            ".",
            "!",
            "?",
            "…",
            "...",
            "–",
            "-",
            "(les)",
            "(zarahamala/arrahmah.id)",
            "kata",
            "Miller.",
            "ujarnya.",
            "Dr.",
            "Jl.",
            "dll.",
            "\n",
            "\n\n",
            "Back to top",
            "MOSKOW (Arrahmah.id) –",
            "Jakarta, CNN Indonesia --",
            "🚀",
            "<script>",
            "{{ 7 * 7 }}",
            "[x](javascript:alert(1))",
            "Tinggalkan Balasan",
            "•",
            "–",
            "e\u{301}",
        ])
        .prop_map(String::from),
        "[a-zA-Z]{1,12}",
        "\\PC{1,6}",
    ]
}

fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.join(" "))
}

fn config(n: usize) -> Config {
    let mut config = Config::default();
    config.summary.sentences = n;
    config.language = LanguageSetting::Auto;
    config
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn nothing_is_lost_and_summaries_come_from_the_article(text in article_text(), n in 1usize..6) {
        let doc = corpus::from_text("a".into(), "a.txt".into(), &text);
        let (config, matcher) = (config(n), ThemeMatcher::new(&[]));
        let article = pipeline::summarize_one(doc, config.language, &config, &Learner::new(&matcher, &config.grouping));
        let whole = squash(&text);
        let mut kept = 0usize;
        for s in &article.sentences {
            let sq = squash(&s.text);
            prop_assert!(!sq.is_empty());
            prop_assert!(whole.contains(&sq), "sentence {:?} not in the text", s.text);
            prop_assert!(!s.text.contains("  ") && s.text.trim() == s.text);
            prop_assert!((0.0..=1.0).contains(&s.score));
            kept += sq.chars().count();
        }
        for d in &article.dropped {
            prop_assert!(whole.contains(&squash(&d.text)), "dropped {:?} not in the text", d.text);
            kept += squash(&d.text).chars().count();
        }
        // Every character is a sentence or dropped, once; only a list item's bullet may be
        // left out of both.
        let all = whole.chars().count();
        prop_assert!(kept <= all && kept + list_markers(&text) >= all, "every character is a sentence or dropped, once: {} of {}", kept, all);
        prop_assert!(article.summary.len() <= n.min(article.sentences.len()));
        prop_assert!(article.summary.windows(2).all(|w| w[0] < w[1]), "in article order, no repeats");
        prop_assert!(article.summary.iter().all(|&i| i < article.sentences.len()));
        if !article.sentences.is_empty() {
            prop_assert!(!article.summary.is_empty());
        }
    }

    #[test]
    fn any_text_at_all_never_panics(text in "\\PC{0,400}", n in 1usize..4) {
        let doc = corpus::from_text("a".into(), "a.txt".into(), &text);
        let (config, matcher) = (config(n), ThemeMatcher::new(&[]));
        let article = pipeline::summarize_one(doc, config.language, &config, &Learner::new(&matcher, &config.grouping));
        prop_assert!(article.summary.len() <= n);
    }
}
