//! Articles in a language briefing does not read (saved Korean, Japanese, Portuguese and German
//! pages, a Russian text) are named in a warning and left out of the briefing, of `init`'s suggestions
//! and of `summarize`'s records; the Indonesian and English articles beside them are read as
//! before; a configured language reads every article as that language.

mod common;

use common::{briefing, read, repo};
use serde_json::Value;

const RUSSIAN: &str = "Самые популярные кулинарные блоги этого года собрали миллионы \
подписчиков. Авторы рассказывают, что приготовить на ужин за двадцать минут, если дома нет \
ничего, кроме яиц и картофеля. Рецепты проверены читателями и редакцией журнала.\n";

/// The files left out, each with the language the warning names.
const FOREIGN: [(&str, &str); 5] = [
    ("ko.html", "Korean"),
    // Its `<html lang>` says "en", as its site template does on every page.
    ("de.html", "German"),
    ("ja.html", "Japanese"),
    ("pt.html", "Portuguese"),
    ("ru.txt", "Russian"),
];

/// A project of an Indonesian article, an English page and the four foreign articles.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("briefing.toml"), config).unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::copy(
        repo().join("seeds/000_c6d91555ae0bc334.txt"),
        articles.join("korea.txt"),
    )
    .unwrap();
    let pages = repo().join("tests/fixtures/pages");
    for (from, to) in [
        ("en-localnews-bridge.html", "bridge.html"),
        ("ko-entermedia-drama.html", "ko.html"),
        ("ja-lhpat-trademark.html", "ja.html"),
        ("pt-autoracing-stockcar.html", "pt.html"),
        ("de-comwrap-dmexco.html", "de.html"),
    ] {
        std::fs::copy(pages.join(from), articles.join(to)).unwrap();
    }
    std::fs::write(articles.join("ru.txt"), RUSSIAN).unwrap();
    dir
}

const CONFIG: &str = "title = \"Campuran\"\ninput = \"articles\"\noutput = \"out\"\n";

/// The articles of the project's briefing, as (path, language), sorted.
fn kept_languages(dir: &std::path::Path) -> Vec<(String, String)> {
    let json: Value = serde_json::from_str(&read(dir.join("out/briefing.json"))).unwrap();
    let mut kept: Vec<(String, String)> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let path = a["path"].as_str().unwrap().to_string();
            (path, a["language"].as_str().unwrap().to_string())
        })
        .collect();
    kept.sort();
    kept
}

/// `briefing summarize --jsonl` on these records, one a line: its stdout and stderr.
fn summarize_jsonl(records: &[Value]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let input: String = records.iter().map(|r| format!("{r}\n")).collect();
    let out = briefing(dir.path())
        .args(["summarize", "--jsonl"])
        .write_stdin(input)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    (stdout, stderr(&out))
}

fn stderr(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stderr).to_string()
}

#[test]
fn articles_in_other_languages_are_named_and_left_out() {
    let dir = project(CONFIG);
    let out = briefing(dir.path()).arg("build").assert().success();
    let stderr = stderr(&out);
    for (file, language) in FOREIGN {
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("articles/{file}")))
            .unwrap_or_else(|| panic!("no warning names {file}: {stderr}"));
        assert!(
            line.starts_with("warning:")
                && line.contains(&format!(
                    "written in {language}, which briefing does not read"
                ))
                && line.contains("skipped")
                && line.contains("language = \"id\" or \"en\""),
            "{line}"
        );
    }
    assert_eq!(
        kept_languages(dir.path()),
        [
            ("articles/bridge.html".to_string(), "en".to_string()),
            ("articles/korea.txt".to_string(), "id".to_string())
        ]
    );
    let markdown = read(dir.path().join("out/briefing.md"));
    for word in ["что", "하지만", "para", "Stock Car"] {
        assert!(!markdown.contains(word), "{word} in {markdown}");
    }
    // A warning is a failure where warnings are.
    briefing(dir.path())
        .args(["build", "--deny-warnings"])
        .assert()
        .failure();
}

#[test]
fn a_configured_language_reads_every_article_as_that_language() {
    let dir = project(&format!("{CONFIG}language = \"en\"\n"));
    let out = briefing(dir.path()).arg("build").assert().success();
    assert!(!stderr(&out).contains("does not read"), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&read(dir.path().join("out/briefing.json"))).unwrap();
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 7, "{json}");
    assert!(articles.iter().all(|a| a["language"] == "en"));
}

#[test]
fn init_suggests_no_theme_from_articles_it_does_not_read() {
    let dir = project(CONFIG);
    std::fs::remove_file(dir.path().join("briefing.toml")).unwrap();
    let out = briefing(dir.path()).arg("init").assert().success();
    assert!(stderr(&out).contains("articles/ru.txt"), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        stdout.contains("articles: 7 in ./articles (and 5 warning(s) about them above)"),
        "{stdout}"
    );
    let config = read(dir.path().join("briefing.toml"));
    for word in ["что", "на", "하지만", "para"] {
        assert!(
            !config.contains(&format!("\"{word}\"")),
            "{word} in {config}"
        );
    }
}

#[test]
fn summarize_leaves_out_a_record_in_another_language_with_a_warning() {
    let korea = read(repo().join("seeds/000_c6d91555ae0bc334.txt"));
    let input = [
        serde_json::json!({"id": "korea", "text": korea}),
        serde_json::json!({"id": "ru", "text": RUSSIAN}),
        serde_json::json!({"id": "en", "text": "The council met on Thursday and voted to repair the bridge before winter. The mayor said the work would take six weeks."}),
    ];
    let (stdout, stderr) = summarize_jsonl(&input);
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"korea\"", "\"en\""]);
    assert!(
        stderr.contains("<stdin> line 2: written in Russian, which briefing does not read"),
        "{stderr}"
    );
}

/// An RSS feed declaring `language`, with one item whose teaser is `text`.
fn feed(language: &str, slug: &str, text: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>Feed</title><link>https://example.org/</link><description>News</description>\
         <language>{language}</language><item><title>Item</title>\
         <link>https://example.org/news/{slug}</link><description>{text}</description>\
         <pubDate>Tue, 15 Nov 2022 20:15:04 GMT</pubDate></item></channel></rss>\n"
    )
}

#[test]
fn a_teaser_too_short_to_tell_is_read_in_the_language_its_feed_declares() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("briefing.toml"), CONFIG).unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    for (file, language, slug, text) in [
        // Read as English (or Indonesian) by the trigrams alone, it gave Italian key terms.
        (
            "it.xml",
            "it",
            "ponte",
            "Il sindaco ha inaugurato ieri il nuovo ponte sul fiume.",
        ),
        // Names and one verb: the text cannot tell, the feed can.
        (
            "en.xml",
            "en-US",
            "choi",
            "Jun Woo Park shows Scott Reyes...",
        ),
        // A text that tells outweighs the feed's declaration.
        (
            "id.xml",
            "en",
            "veto",
            "Rusia menggunakan hak veto di Dewan Keamanan PBB untuk menghentikan panel ahli \
             yang selama ini memantau sanksi terhadap Korea Utara.",
        ),
    ] {
        std::fs::write(articles.join(file), feed(language, slug, text)).unwrap();
    }
    let out = briefing(dir.path()).arg("build").assert().success();
    let stderr = stderr(&out);
    assert!(
        stderr.contains(
            "articles/it.xml: item ponte: written in Italian, which briefing does not read"
        ),
        "{stderr}"
    );
    assert_eq!(
        kept_languages(dir.path()),
        [
            ("articles/en.xml#choi".to_string(), "en".to_string()),
            ("articles/id.xml#veto".to_string(), "id".to_string())
        ]
    );
}

#[test]
fn summarize_takes_a_record_s_declared_language_where_its_text_does_not_tell() {
    let input = [
        serde_json::json!({"id": "it", "language": "it",
            "text": "Il sindaco ha inaugurato ieri il nuovo ponte sul fiume."}),
        serde_json::json!({"id": "en", "language": "en-US",
            "text": "Jun Woo Park shows Scott Reyes..."}),
        serde_json::json!({"id": "id", "language": "id",
            "text": "Jun Woo Park shows Scott Reyes..."}),
    ];
    let (stdout, stderr) = summarize_jsonl(&input);
    let languages: Vec<(String, String)> = stdout
        .lines()
        .map(|l| {
            let r: Value = serde_json::from_str(l).unwrap();
            (r["id"].to_string(), r["language"].to_string())
        })
        .collect();
    assert_eq!(
        languages,
        [
            ("\"en\"".to_string(), "\"en\"".to_string()),
            ("\"id\"".to_string(), "\"id\"".to_string())
        ]
    );
    assert!(
        stderr.contains("<stdin> line 1: written in Italian, which briefing does not read"),
        "{stderr}"
    );
}
