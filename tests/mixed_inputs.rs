//! One folder mixing plain text, Markdown, saved pages and feeds gives one clean briefing:
//! each kind's dates, authors and sources in all three outputs, feed items as articles (a
//! teaser marked), no markup words among the key terms, and the same bytes from a rebuild
//! on one thread and from the cache.

mod common;

use common::{briefing, read, repo};
use serde_json::Value;

const CONFIG: &str = "title = \"Campuran\"\ninput = \"articles\"\noutput = \"out\"\n";

const MARKDOWN: &str = "---\ntitle: Gempa Guncang Cianjur\nsource: Kabar Jabar\nauthor: Wulan Sari\ndate: 2024-02-02\n---\n\nGempa bermagnitudo 5,1 mengguncang Cianjur pada Jumat pagi dan merusak puluhan rumah warga.\n\nBMKG menyatakan gempa tidak berpotensi tsunami dan warga diminta tetap tenang.\n";

/// A project with one `.txt` seed, one `.md`, two pages and two feeds.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("briefing.toml"), CONFIG).unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(articles.join("feeds")).unwrap();
    std::fs::copy(
        repo().join("seeds/000_c6d91555ae0bc334.txt"),
        articles.join("korea.txt"),
    )
    .unwrap();
    std::fs::write(articles.join("gempa.md"), MARKDOWN).unwrap();
    let pages = repo().join("tests/fixtures/pages");
    for (from, to) in [
        ("id-kompas-beras.html", "beras.html"),
        ("en-localnews-bridge.html", "bridge.htm"),
        ("antara-feed.xml", "feeds/antara.xml"),
        ("kabar-pagi.json", "feeds/kabar.json"),
    ] {
        std::fs::copy(pages.join(from), articles.join(to)).unwrap();
    }
    // Not articles: a plain JSON file and a stylesheet.
    std::fs::write(articles.join("data.json"), "{\"rows\": []}").unwrap();
    std::fs::write(articles.join("style.css"), "body { color: red }").unwrap();
    dir
}

fn article<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("article {id} in {json}"))
}

#[test]
fn a_mixed_folder_gives_one_clean_briefing() {
    let dir = project();
    let out = briefing(dir.path()).arg("build").assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("data.json") && stderr.contains("style.css"),
        "{stderr}"
    );
    assert!(
        stderr.contains("feeds/kabar.json") && stderr.contains("teaser"),
        "{stderr}"
    );

    let json: Value = serde_json::from_str(&read(dir.path().join("out/briefing.json"))).unwrap();
    let ids: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 8, "{ids:?}");
    for (id, date, author, source) in [
        ("gempa", "2024-02-02", "Wulan Sari", "Kabar Jabar"),
        ("beras", "2024-03-04", "Elsa Catriana", "KOMPAS.com"),
        (
            "bridge",
            "2024-05-09",
            "Hannah Okafor",
            "Riverside Chronicle",
        ),
        (
            "feeds/antara/bi-pertahankan-suku-bunga-acuan-di-6-persen",
            "2024-02-21",
            "Martha Herlinawati Simanjuntak",
            // The feed's title, "ANTARA News - Ekonomi", without its section.
            "ANTARA News",
        ),
        (
            "feeds/kabar/mudik-lebaran",
            "2024-04-08",
            "Siti Rahmawati",
            "Kabar Pagi",
        ),
    ] {
        let a = article(&json, id);
        assert_eq!(a["date"], date, "{id}");
        assert_eq!(a["authors"][0], author, "{id}");
        assert_eq!(a["source"], source, "{id}");
        assert!(a.get("teaser").is_none(), "{id}");
    }
    let teaser = article(&json, "feeds/kabar/harga-tiket-pesawat");
    assert_eq!(teaser["teaser"], true);
    assert_eq!(
        teaser["path"],
        "articles/feeds/kabar.json#harga-tiket-pesawat"
    );
    assert_eq!(article(&json, "korea")["path"], "articles/korea.txt");

    // No markup word is a key term of any article.
    let markup = [
        "html", "body", "div", "span", "nav", "href", "h1", "script", "class", "meta", "p", "li",
        "ul", "cdata", "amp", "nbsp",
    ];
    for a in json["articles"].as_array().unwrap() {
        for term in a["key_terms"].as_array().unwrap() {
            let term = term["term"].as_str().unwrap().to_lowercase();
            assert!(
                !markup.contains(&term.as_str()),
                "{} has key term {term}",
                a["id"]
            );
        }
    }

    let md = read(dir.path().join("out/briefing.md"));
    let html = read(dir.path().join("out/briefing.html"));
    for text in [
        "KOMPAS.com",
        "Elsa Catriana",
        "2024-03-04",
        "Riverside Chronicle",
        "Hannah Okafor",
        "Martha Herlinawati Simanjuntak",
        "2024-02-21",
        "Kabar Pagi",
    ] {
        assert!(md.contains(text), "briefing.md lacks {text}");
        assert!(html.contains(text), "briefing.html lacks {text}");
    }
    assert!(md.contains("articles/feeds/kabar.json\\#harga-tiket-pesawat · cuplikan saja"));
    assert!(html.contains("<span class=\"teaser\">cuplikan saja</span>"));
    assert!(!html.contains("<p>Jakarta (ANTARA)") && !md.contains("<p>"));

    // The same bytes again: from the cache, and without it on one thread.
    let first = std::fs::read(dir.path().join("out/briefing.json")).unwrap();
    briefing(dir.path()).arg("build").assert().success();
    assert_eq!(
        first,
        std::fs::read(dir.path().join("out/briefing.json")).unwrap()
    );
    briefing(dir.path())
        .args(["build", "--no-cache"])
        .env("RAYON_NUM_THREADS", "1")
        .assert()
        .success();
    assert_eq!(
        first,
        std::fs::read(dir.path().join("out/briefing.json")).unwrap()
    );
}

#[test]
fn partial_records_of_pages_and_feeds_merge_into_the_briefing_a_build_gives() {
    // Flat: `summarize FILE` names an article by its file below the file's own folder, so a
    // build's ids agree with it for files at the top of the input folder.
    let dir = project();
    let articles = dir.path().join("articles");
    for feed in ["antara.xml", "kabar.json"] {
        std::fs::rename(articles.join("feeds").join(feed), articles.join(feed)).unwrap();
    }
    briefing(dir.path())
        .args(["build", "--no-cache"])
        .assert()
        .success();
    let built = read(dir.path().join("out/briefing.json"));
    let files: Vec<String> = walk(&dir.path().join("articles"))
        .into_iter()
        .map(|p| {
            p.strip_prefix(dir.path())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| !p.ends_with("data.json") && !p.ends_with(".css"))
        .collect();
    let out = briefing(dir.path())
        .args(["summarize", "--partial"])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = String::from_utf8(out.stdout).unwrap();
    // Six files, eight articles: each feed item is a record of its own.
    assert_eq!(records.lines().count(), 8);
    // Records in reverse order: the merge orders them by article path.
    let reversed: Vec<&str> = records.lines().rev().collect();
    std::fs::write(dir.path().join("parts.jsonl"), reversed.join("\n") + "\n").unwrap();
    std::fs::remove_dir_all(dir.path().join("out")).unwrap();
    briefing(dir.path())
        .args(["build", "--from-jsonl", "parts.jsonl"])
        .assert()
        .success();
    let merged = read(dir.path().join("out/briefing.json"));
    assert!(
        built == merged,
        "the merge differs from the build:\n{merged}"
    );
}

/// The files below `dir`, sorted.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}
