use super::*;
use crate::text::Lang;

fn parse(text: &str) -> Result<Config> {
    Config::parse(text, Path::new("briefing.toml"))
}

#[test]
fn minimal_config_gets_defaults() {
    let c = parse("title = \"T\"\n").unwrap();
    assert_eq!(c.input, PathBuf::from("articles"));
    assert_eq!(c.output, PathBuf::from("out"));
    assert_eq!(c.summary.sentences, 3);
    assert_eq!(c.language, LanguageSetting::Auto);
}

#[test]
fn unknown_key_names_key_and_line() {
    let err = parse("title = \"T\"\nsentences = 3\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("sentences"), "{err}");
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn wrong_type_names_line() {
    let err = parse("title = \"T\"\n[summary]\nsentences = \"three\"\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn duplicate_theme_ids_and_empty_terms_are_refused() {
    let dup = "title = \"T\"\n[[themes]]\nid = \"a\"\ntitle = \"A\"\nterms = [\"x\"]\n[[themes]]\nid = \"a\"\ntitle = \"B\"\nterms = [\"y\"]\n";
    assert!(parse(dup).unwrap_err().to_string().contains("unique"));
    let empty = "title = \"T\"\n[[themes]]\nid = \"a\"\ntitle = \"A\"\nterms = []\n";
    assert!(parse(empty).unwrap_err().to_string().contains("no terms"));
}

#[test]
fn the_date_must_be_a_real_date_and_errors_name_the_line() {
    let good = parse("title = \"T\"\ndate = \"2024-02-29\"\n").unwrap();
    assert_eq!(good.date.as_deref(), Some("2024-02-29"));
    for bad in [
        "2023-02-29",
        "2024-13-01",
        "20 June 2024",
        "2024-6-1",
        "",
        "2024-06-20T10:00",
    ] {
        let err = parse(&format!("title = \"T\"\n\ndate = \"{bad}\"\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 3") && err.contains("YYYY-MM-DD"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn negative_weights_are_refused_with_key_and_line() {
    for (key, value) in [
        ("quote", "-0.3"),
        ("terms", "-1"),
        ("title", "nan"),
        ("length", "-inf"),
    ] {
        let text = format!("title = \"T\"\n[summary.weights]\nposition = 1.0\n{key} = {value}\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("line 4") && err.contains(key) && err.contains("0 or more"),
            "{key}: {err}"
        );
    }
    let inline = "title = \"T\"\n[summary]\nweights = { quote = -1 }\n";
    let err = parse(inline).unwrap_err().to_string();
    assert!(err.contains("line 3") && err.contains("quote"), "{err}");
    assert!(parse("title = \"T\"\n[summary.weights]\nquote = 0\n").is_ok());
}

#[test]
fn weights_left_out_are_the_language_default_and_set_ones_apply_to_every_article() {
    let (id, en) = (
        Weights::default_for(Lang::Id),
        Weights::default_for(Lang::En),
    );
    assert_ne!(id, en, "the languages have their own defaults");
    // An empty table, as `briefing init` writes it, sets nothing.
    let c = parse("title = \"T\"\n[summary.weights]\n").unwrap();
    assert_eq!(c.summary.weights_for(Lang::Id), id);
    assert_eq!(c.summary.weights_for(Lang::En), en);
    let c = parse("title = \"T\"\n[summary.weights]\nquote = 0.5\nterms = 2\n").unwrap();
    for (lang, default) in [(Lang::Id, id), (Lang::En, en)] {
        let w = c.summary.weights_for(lang);
        assert_eq!((w.quote, w.terms), (0.5, 2.0), "{lang:?}");
        assert_eq!(
            Weights {
                quote: default.quote,
                terms: default.terms,
                ..w
            },
            default,
            "{lang:?}: the weights not set stay the language's"
        );
    }
}

#[test]
fn output_inside_input_is_refused() {
    for out in ["seeds", "./seeds/out", "seeds/x"] {
        let text = format!("title = \"T\"\ninput = \"seeds\"\noutput = \"{out}\"\n");
        assert!(parse(&text).is_err(), "{out}");
    }
    for out in ["..", "../x", "/tmp/x", "."] {
        let text = format!("title = \"T\"\noutput = \"{out}\"\n");
        assert!(parse(&text).is_err(), "{out}");
    }
    assert!(parse("title = \"T\"\noutput = \"site/out\"\n").is_ok());
}

#[test]
fn fetch_urls_must_be_web_addresses_and_errors_name_the_line() {
    let good = "title = \"T\"\n[fetch]\nurls = [\"https://example.com/a\", \"http://x.id/rss\"]\n";
    let c = parse(good).unwrap();
    assert_eq!(c.fetch.urls.len(), 2);
    assert_eq!(c.fetch.addresses()[1].as_str(), "http://x.id/rss");
    assert_eq!(
        web_address("https://x.id/a#top").unwrap().as_str(),
        "https://x.id/a"
    );
    for bad in [
        "ftp://example.com/a",
        "example.com/a",
        "file:///etc/passwd",
        "https://",
    ] {
        let text =
            format!("title = \"T\"\n[fetch]\nurls = [\n  \"https://ok.id/\",\n  \"{bad}\",\n]\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("briefing.toml"), "{err}");
        assert!(err.contains("line 5"), "{bad}: {err}");
    }
}

#[test]
fn the_background_is_on_off_or_all_and_anything_else_names_the_line() {
    let background = |value: &str| {
        parse(&format!(
            "title = \"T\"\n[grouping]\nbackground = {value}\n"
        ))
    };
    for (value, meaning) in [
        ("true", Background::Bodies),
        ("false", Background::Off),
        ("\"all\"", Background::All),
    ] {
        assert_eq!(
            background(value).unwrap().grouping.background,
            meaning,
            "{value}"
        );
    }
    assert_eq!(
        parse("title = \"T\"\n").unwrap().grouping.background,
        Background::Bodies
    );
    let err = background("\"some\"").unwrap_err().to_string();
    assert!(
        err.contains("briefing.toml") && err.contains("line 3"),
        "{err}"
    );
    assert!(err.contains("\"all\"") && err.contains("false"), "{err}");
    // Written back as it is read (the init template shows the default so).
    let all = toml::to_string(&GroupingConfig {
        background: Background::All,
        ..GroupingConfig::default()
    })
    .unwrap();
    assert!(all.contains("background = \"all\""), "{all}");
}
