//! Suggested themes on the repository's seeds, and where `init` finds the articles.

use super::*;

/// The seeds, read and analysed as `init` does.
fn seeds() -> Vec<Processed> {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (paths, mut warnings) = corpus::discover(&input).unwrap();
    let articles = read_articles(&input, &paths, &mut warnings);
    assert!(warnings.is_empty(), "{warnings:?}");
    articles
}

#[test]
fn seeds_get_themes_of_three_to_six_terms_each_term_in_one_theme() {
    let themes = suggest::suggest(&seeds());
    assert!(
        (2..=suggest::MAX_THEMES).contains(&themes.len()),
        "{themes:?}"
    );
    let mut seen = std::collections::BTreeSet::new();
    for theme in &themes {
        assert!((suggest::MIN_TERMS..=suggest::MAX_TERMS).contains(&theme.terms.len()));
        assert!(theme.sentences > 0, "{theme:?}");
        for term in &theme.terms {
            assert!(seen.insert(term.to_lowercase()), "{term} twice: {themes:?}");
        }
    }
    // Strongest first: by the sentences the terms find.
    assert!(themes.windows(2).all(|w| w[0].sentences >= w[1].sentences));
}

#[test]
fn one_article_or_none_gets_no_suggestion() {
    let articles = seeds();
    assert!(suggest::suggest(&articles[..1]).is_empty());
    assert!(suggest::suggest(&[]).is_empty());
}

#[test]
fn the_same_articles_give_the_same_suggestions() {
    let articles = seeds();
    assert_eq!(suggest::suggest(&articles), suggest::suggest(&articles));
}

#[test]
fn given_input_must_be_a_folder_inside_the_project() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        given_input(dir.path(), Path::new("./news/2024")).unwrap(),
        Path::new("news/2024")
    );
    for bad in ["", ".", "..", "../x", "a/../../b", "/"] {
        assert!(given_input(dir.path(), Path::new(bad)).is_err(), "{bad:?}");
    }
    std::fs::create_dir(dir.path().join("in")).unwrap();
    assert_eq!(
        given_input(dir.path(), &dir.path().join("in")).unwrap(),
        Path::new("in")
    );
}

#[test]
fn a_suggested_term_whose_stem_reaches_a_word_the_articles_use_is_written_exact() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "The flood cost many lives in the valley. Families who live by the river left their \
         homes, and the arrested looters were held overnight.",
    )
    .unwrap();
    let (paths, mut warnings) = corpus::discover(dir.path()).unwrap();
    let articles = read_articles(dir.path(), &paths, &mut warnings);
    let mut themes = vec![suggest::Suggestion {
        id: "flood".into(),
        title: "Flood".into(),
        terms: vec!["lives".into(), "arrested".into(), "river".into()],
        sentences: 2,
    }];
    suggest::exact_where_broader(&mut themes, &articles);
    // "lives" would match "live" (a word of the articles); "arrested" would match "arrest",
    // which they do not use; "river" is its own stem.
    assert_eq!(themes[0].terms, ["=lives", "arrested", "river"]);
}
