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
