//! `briefing.json`'s layout and its parallel writer, checked against serde.

use serde_json::json;

fn streamed(briefing: &crate::model::Briefing) -> Vec<u8> {
    let mut out = Vec::new();
    super::write_briefing(briefing, &mut out).unwrap();
    out
}

#[test]
fn a_briefing_in_parallel_is_the_same_text() {
    let seeds: crate::model::Briefing =
        serde_json::from_str(include_str!("../../out/briefing.json")).unwrap();
    let mut many = seeds.clone();
    let entries = many.articles.held().unwrap().to_vec();
    for _ in 0..1000 {
        many.articles
            .held_mut()
            .unwrap()
            .extend(entries.iter().cloned());
    }
    let mut none = seeds.clone();
    none.articles.held_mut().unwrap().clear();
    // The same entries written to a temporary file as they are made, two kept whole.
    let mut spilled = many.clone();
    let mut writer = crate::model::articles::SpillWriter::new(2).unwrap();
    for article in many.articles.held().unwrap() {
        let text = super::entry(article).unwrap();
        writer
            .push(article.into(), &text, || Ok(article.clone()))
            .unwrap();
    }
    spilled.articles = writer.finish(None).unwrap();
    assert_eq!(spilled.articles.first(5).len(), 2);
    assert_eq!(spilled.articles.len(), many.articles.len());
    assert_eq!(streamed(&spilled), streamed(&many));
    for briefing in [&seeds, &many, &none] {
        assert_eq!(
            String::from_utf8(streamed(briefing)).unwrap(),
            super::to_string(briefing).unwrap()
        );
    }
}

#[test]
fn themes_written_directly_are_serdes_text() {
    let seeds: crate::model::Briefing =
        serde_json::from_str(include_str!("../../out/briefing.json")).unwrap();
    let mut briefing = seeds.clone();
    let theme = briefing.themes[0].clone();
    assert!(!theme.points.is_empty());
    // Many points, one of them citing nothing (laid out on one line), one with text and an
    // article id to escape.
    let mut many = theme.clone();
    while many.points.len() < 1000 {
        many.points.extend(theme.points.iter().cloned());
    }
    many.points[7].sources.clear();
    many.points[8].text = "a \"quoted\" \\ word\nand\u{1} more, \u{7f} é “x”".into();
    many.points[8].sources[0].article = "dir/\"odd\"\tname".into();
    // A theme without points, and one with nothing that holds an object.
    let mut pointless = theme.clone();
    pointless.points.clear();
    let mut bare = pointless.clone();
    bare.terms.clear();
    bare.learned.clear();
    bare.quotes.clear();
    briefing.themes = vec![many, pointless, bare, theme];
    let text = String::from_utf8(streamed(&briefing)).unwrap();
    assert_eq!(text, super::to_string(&briefing).unwrap());
    assert!(text.contains("\"sources\": []}"));
    assert!(text.contains(r#""article": "dir/\"odd\"\tname""#));
    // And no themes at all.
    briefing.themes.clear();
    let text = String::from_utf8(streamed(&briefing)).unwrap();
    assert_eq!(text, super::to_string(&briefing).unwrap());
    assert!(text.contains("\"themes\": [],"));
}

#[test]
fn strings_are_written_as_serde_json_writes_them() {
    let every_ascii: String = (0u8..128).map(char::from).collect();
    for text in [
        "",
        "plain",
        "é “x” /",
        every_ascii.as_str(),
        "\u{7f}\u{85}\u{2028}",
    ] {
        let mut out = Vec::new();
        super::string(&mut out, text).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(text).unwrap()
        );
    }
}

#[test]
fn containers_without_objects_stay_on_one_line() {
    let value = json!({
        "marks": [[6, 16], [41, 45]],
        "themes": ["veto", "arms"],
        "empty": [],
        "none": {},
        "sentences": [{"text": "a", "score": 0.5}],
    });
    let text = super::to_string(&value).unwrap();
    assert_eq!(
        text,
        "{\n  \"empty\": [],\n  \"marks\": [[6, 16], [41, 45]],\n  \"none\": {},\n  \
         \"sentences\": [\n    {\"score\": 0.5, \"text\": \"a\"}\n  ],\n  \
         \"themes\": [\"veto\", \"arms\"]\n}\n"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        value
    );
}

/// Any JSON value: plain values, arrays and objects nested a few levels.
fn any_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z\"\\\n é“]{0,6}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 48, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[a-z]{1,3}", inner, 0..5)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest::proptest! {
    #[test]
    fn any_value_reads_back_the_same(value in any_json()) {
        let text = super::to_string(&value).unwrap();
        let read: serde_json::Value = serde_json::from_str(&text).unwrap();
        proptest::prop_assert_eq!(&read, &value);
        // A value that holds no object (at any depth) is on one line.
        fn holds_object(v: &serde_json::Value) -> bool {
            let is_or_holds = |x: &serde_json::Value| x.is_object() || holds_object(x);
            match v {
                serde_json::Value::Object(m) => m.values().any(is_or_holds),
                serde_json::Value::Array(items) => items.iter().any(is_or_holds),
                _ => false,
            }
        }
        proptest::prop_assert_eq!(text.lines().count() == 1, !holds_object(&value));
    }
}
