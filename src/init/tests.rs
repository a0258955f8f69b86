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

#[test]
fn a_word_gathered_in_few_articles_is_above_chance_and_one_spread_as_chance_spreads_it_is_not() {
    // 25 articles: "Ferguson" 60 times in 6 of them; "day" 40 times over 20.
    assert!(suggest::residual_idf(25, 6, 60) > 1.5);
    assert!(suggest::residual_idf(25, 20, 40).abs() < 0.1);
    // Used once in each of two articles: what chance gives.
    assert!(suggest::residual_idf(25, 2, 2) <= 0.0);
}

#[test]
fn words_every_story_uses_are_not_suggested_as_a_subject() {
    // Twelve subjects of three articles each, every subject with eight words of its own that
    // come back within its articles; seven articles in ten also say what any story says.
    let syllables = [
        "bar", "del", "kim", "lor", "mun", "pek", "ros", "sul", "tan", "vor", "wex", "zal",
    ];
    let word = |t: usize, k: usize| format!("{}{}an", syllables[t], syllables[(t + k + 1) % 12]);
    let common = "Officials said people waited all day, for some time, at the scene.";
    let dir = tempfile::tempdir().unwrap();
    for a in 0..36 {
        let t = a % 12;
        let w: Vec<String> = (0..8).map(|k| word(t, k)).collect();
        // Each word twice, in sentences that mix them differently.
        let groups: [&[usize]; 4] = [&[0, 1, 2], &[3, 4, 5], &[6, 7, 0, 1], &[2, 3, 4, 5, 6, 7]];
        let sentences: Vec<String> = (groups.iter())
            .map(|g| {
                let named: Vec<&str> = g.iter().map(|&k| w[k].as_str()).collect();
                format!("The {} met.", named.join(" and the "))
            })
            .collect();
        let mut text = format!("{} Story number {a}.", sentences.join(" "));
        if a % 10 < 7 {
            text = format!("{text} {common}");
        }
        std::fs::write(dir.path().join(format!("{a:02}.txt")), text).unwrap();
    }
    let (paths, mut warnings) = corpus::discover(dir.path()).unwrap();
    let articles = read_articles(dir.path(), &paths, &mut warnings);
    let themes = suggest::suggest(&articles);
    let terms: Vec<String> = themes
        .iter()
        .flat_map(|t| &t.terms)
        .map(|t| t.to_lowercase())
        .collect();
    assert!(themes.len() >= 3, "{themes:?}");
    for generic in ["day", "time", "people", "officials", "scene", "waited"] {
        assert!(
            !terms.iter().any(|t| t.contains(generic)),
            "{generic}: {themes:?}"
        );
    }
}

#[test]
fn a_form_used_as_often_in_lower_case_is_shown_lower_case() {
    let forms = |list: &[(&str, usize)]| -> Vec<(compact_str::CompactString, usize)> {
        list.iter().map(|(f, n)| ((*f).into(), *n)).collect()
    };
    let tie = forms(&[("Gol", 2), ("gol", 2)]);
    let shown = suggest::most_used(tie.iter().map(|(f, n)| (f, n)));
    assert_eq!(shown.map(|f| f.as_str()), Some("gol"));
    let named = forms(&[("Gol", 3), ("gol", 1)]);
    let shown = suggest::most_used(named.iter().map(|(f, n)| (f, n)));
    assert_eq!(shown.map(|f| f.as_str()), Some("Gol"));
}

#[test]
fn one_story_falls_back_to_groups_of_terms() {
    // The seeds are one story: their articles do not part into three subjects.
    let articles = seeds();
    assert!(article_groups::suggest(&articles).len() < article_groups::ENOUGH_THEMES);
    assert_eq!(suggest_themes(&articles), suggest::suggest(&articles));
}
