use super::*;
use std::cell::Cell;

thread_local! {
    /// Excluded contexts compared with a term's occurrence (the work that was quadratic).
    pub(super) static STEPS: Cell<u64> = const { Cell::new(0) };
}

fn theme(id: &str, terms: &[&str], exclude: &[&str]) -> ThemeConfig {
    ThemeConfig {
        id: id.into(),
        title: id.into(),
        description: None,
        terms: terms.iter().map(|s| s.to_string()).collect(),
        exclude: exclude.iter().map(|s| s.to_string()).collect(),
    }
}

/// (theme, distinct terms, the words found) for every theme the sentence speaks to.
fn hits(m: &ThemeMatcher, s: &str) -> Vec<(usize, usize, Vec<String>)> {
    let (tokens, vocabulary) = text::analyze(s, Lang::Id);
    m.match_sentence(s, &tokens, &vocabulary, Lang::Id)
        .into_iter()
        .map(|h| {
            let found = h
                .matches
                .iter()
                .map(|m| s[m.span[0] as usize..m.span[1] as usize].to_string())
                .collect();
            (h.theme, h.terms(), found)
        })
        .collect()
}

#[test]
fn stems_phrases_and_exclusions() {
    let m = ThemeMatcher::new(&[
        theme("veto", &["veto", "Dewan Keamanan", "sanksi"], &[]),
        theme("satellite-help", &["satelit", "roket"], &["citra satelit"]),
    ]);
    assert_eq!(
        hits(&m, "Rusia memveto resolusi di Dewan Keamanan."),
        [(0, 2, vec!["memveto".into(), "Dewan Keamanan".into()])]
    );
    assert_eq!(
        hits(&m, "Citra satelit pelabuhan Najin menunjukkan pengapalan."),
        []
    );
    assert_eq!(
        hits(&m, "Rusia membantu meluncurkan satelit dengan roket."),
        [(1, 2, vec!["satelit".into(), "roket".into()])]
    );
    assert_eq!(
        hits(&m, "Citra satelit menunjukkan roket."),
        [(1, 1, vec!["roket".into()])]
    );
    assert_eq!(hits(&m, "Keamanan dewan desa."), []);
}

#[test]
fn an_exact_term_matches_its_written_form_only() {
    let m = ThemeMatcher::new(&[theme("sales", &["=penjualan"], &[])]);
    assert_eq!(
        hits(&m, "Penjualan senjata meningkat."),
        [(0, 1, vec!["Penjualan".into()])]
    );
    assert_eq!(hits(&m, "Mereka menjual senjata."), []);
    let stemmed = ThemeMatcher::new(&[theme("sales", &["penjualan"], &[])]);
    assert_eq!(hits(&stemmed, "Mereka menjual senjata.").len(), 1);
}

#[test]
fn a_word_written_with_a_capital_matches_only_words_written_with_one() {
    let m = ThemeMatcher::new(&[
        theme("apple", &["Apple", "MacBook"], &[]),
        theme("fruit", &["apel"], &[]),
    ]);
    assert_eq!(
        hits(&m, "Apple merilis MacBook baru."),
        [(0, 2, vec!["Apple".into(), "MacBook".into()])]
    );
    // The same word in lowercase is not the name ("jus apple", a "macbook" in running text).
    assert_eq!(hits(&m, "Jus apple itu dijual di samping macbook."), []);
    // A name in capitals, or opening a sentence, is written with a capital.
    assert_eq!(
        hits(&m, "APPLE MERILIS LAPTOP."),
        [(0, 1, vec!["APPLE".into()])]
    );
    // A word written in lowercase matches any case.
    assert_eq!(
        hits(&m, "Apel merah itu manis."),
        [(1, 1, vec!["Apel".into()])]
    );
}

#[test]
fn exclusions_and_terms_interleaved_at_length() {
    // "senjata nuklir" ×n then "senjata" ×n: every excluded occurrence is skipped, every other
    // one found (this input was quadratic when each term was checked against every exclusion).
    let m = ThemeMatcher::new(&[theme("arms", &["senjata"], &["senjata nuklir"])]);
    let n = 5_000;
    let text = format!(
        "{}{}.",
        "senjata nuklir ".repeat(n),
        "senjata ".repeat(n).trim_end()
    );
    let found = hits(&m, &text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2.len(), n);
}

#[test]
fn exclusions_cost_linear_work() {
    let m = ThemeMatcher::new(&[theme("arms", &["senjata"], &["senjata nuklir"])]);
    let steps = |n: usize| {
        let text = format!("{}{}.", "senjata nuklir ".repeat(n), "senjata ".repeat(n));
        let (tokens, vocabulary) = text::analyze(&text, Lang::Id);
        STEPS.with(|c| c.set(0));
        m.match_sentence(&text, &tokens, &vocabulary, Lang::Id);
        STEPS.with(Cell::get)
    };
    let (small, large) = (steps(1_000), steps(4_000));
    // Each occurrence meets the excluded contexts by binary search: n log n at most.
    assert!(large <= 5 * small, "{small} steps at n, {large} at 4n");
}

#[test]
fn a_stem_set_is_the_same_gathered_on_the_stack_or_counted_first() {
    for words in [
        0,
        5,
        STACK_STEMS - 1,
        STACK_STEMS,
        STACK_STEMS + 1,
        3 * STACK_STEMS,
    ] {
        // Distinct words, each twice, with stopwords and numbers between them.
        let text: String = (0..words)
            .map(|i| format!("kata{i} dan 20{i} kata{i} "))
            .collect();
        let (tokens, vocabulary) = text::analyze(&text, Lang::Id);
        let wanted = |t: &Token| t.flags & (STOP | ALPHANUMERIC) == ALPHANUMERIC;
        let all: Vec<u64> = tokens
            .iter()
            .filter(|t| wanted(t))
            .map(|t| vocabulary.stem_hash(t))
            .collect();
        let set = content_stems(&tokens, &vocabulary);
        assert_eq!(
            set,
            crate::stems::StemSet::new(all.clone()),
            "{words} words"
        );
        assert!(set.len() >= words, "{words} words: {}", set.len());
        assert!(all.len() >= 2 * words);
    }
}

/// A cached article matched again from its sentences finds what matching its segmented tokens
/// found: on every seed, with the shipped themes and with themes of one- and two-word terms,
/// exclusions and exact forms.
#[test]
fn sentences_matched_again_find_what_segmenting_found() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = crate::config::Config::load(&root.join("briefing.toml")).unwrap();
    let written = [
        theme(
            "a",
            &["Korea Utara", "=rudal", "Putin"],
            &["Korea Utara dan Rusia"],
        ),
        theme(
            "b",
            &["kerja sama", "Kim Jong-un", "sanksi"],
            &["sanksi baru"],
        ),
    ];
    let input = root.join("seeds");
    let (paths, _) = crate::corpus::discover(&input).unwrap();
    assert_eq!(paths.len(), 5);
    for themes in [config.themes.as_slice(), &written] {
        let matcher = ThemeMatcher::new(themes);
        for path in &paths {
            for doc in crate::corpus::read(&input, path, &mut Vec::new()).unwrap() {
                let article = segment::segment(doc, crate::config::LanguageSetting::Id);
                let found = match_article(&matcher, &article);
                assert!(found.iter().any(|hits| !hits.is_empty()));
                let again = match_sentences(&matcher, &article.sentences, article.language);
                assert_eq!(found, again, "{}", path.display());
            }
        }
    }
}
