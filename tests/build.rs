//! `briefing build` on real fixture folders: the seeds, and a folder of hostile text.

mod common;

use common::{briefing, fixture_project, read, seeds_project};
use serde_json::Value;

fn build(dir: &std::path::Path) -> (Value, String, String) {
    briefing(dir).arg("build").assert().success();
    let json: Value = serde_json::from_str(&read(dir.join("out/briefing.json"))).unwrap();
    (
        json,
        read(dir.join("out/briefing.md")),
        read(dir.join("out/briefing.html")),
    )
}

#[test]
fn seeds_build_three_outputs_that_agree() {
    let dir = seeds_project();
    let (json, md, html) = build(dir.path());
    assert_eq!(json["schema"], 1);
    let themes = json["themes"].as_array().unwrap();
    let ids: Vec<&str> = themes.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["veto", "arms-deal", "satellite-help", "nato-response"]
    );
    for theme in themes {
        let id = theme["id"].as_str().unwrap();
        let title = theme["title"].as_str().unwrap();
        assert!(
            md.contains(&format!("<a id=\"theme-{id}\"></a>")),
            "md section for {id}"
        );
        assert!(md.contains(&format!("## {title}")), "md heading for {id}");
        assert!(
            html.contains(&format!("<section class=\"theme\" id=\"theme-{id}\">")),
            "html section for {id}"
        );
        assert!(
            html.contains(&common::escape_html(title)),
            "html title for {id}"
        );
        assert!(
            !theme["points"].as_array().unwrap().is_empty(),
            "{id} has points"
        );
        for point in theme["points"].as_array().unwrap() {
            assert!(!point["sources"].as_array().unwrap().is_empty());
        }
    }
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    let seed_names: Vec<String> = std::fs::read_dir(common::repo().join("seeds"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for article in articles {
        let id = article["id"].as_str().unwrap();
        assert!(seed_names.iter().any(|s| s == id), "{id} is a seed");
        let title = article["title"].as_str().unwrap();
        assert!(
            html.contains(&common::escape_html(title)),
            "html has title of {id}"
        );
        assert!(md.contains(title), "md has title of {id}");
        let summary = article["summary"].as_array().unwrap();
        assert_eq!(summary.len(), 3, "{id}: a 3-sentence summary");
        let sentences = article["sentences"].as_array().unwrap();
        let unmarked = html.replace("<mark>", "").replace("</mark>", "");
        for i in summary {
            let text = sentences[i.as_u64().unwrap() as usize]["text"]
                .as_str()
                .unwrap();
            assert!(
                unmarked.contains(&common::escape_html(text)),
                "html has summary of {id}"
            );
        }
        assert!(!article["key_terms"].as_array().unwrap().is_empty());
    }
}

#[test]
fn seeds_boilerplate_is_dropped_and_listed_and_metadata_found() {
    let dir = seeds_project();
    let (json, _, _) = build(dir.path());
    let article = |id: &str| {
        json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()
            .clone()
    };
    let forum = article("001_9a73aa4c586333e4");
    let dropped: Vec<(&str, &str)> = forum["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["text"].as_str().unwrap(), d["reason"].as_str().unwrap()))
        .collect();
    for (text, reason) in [
        (
            "Asia Timur LautKonflik / KeteganganProliferasi Persenjataan",
            "navigation",
        ),
        ("Staf FORUM", "byline"),
        ("VIDEO DIAMBIL DARI: REUTERS", "credit"),
        ("Artikel Terkait", "interface"),
        ("Tinggalkan Balasan", "interface"),
        ("Back to top button", "interface"),
    ] {
        assert!(
            dropped.contains(&(text, reason)),
            "{text} dropped as {reason}: {dropped:?}"
        );
    }
    assert_eq!(
        forum["title"],
        "Kesepakatan persenjataan Korea Utara-Rusia mengganggu kestabilan kawasan dan melemahkan upaya nonproliferasi"
    );
    for s in forum["sentences"].as_array().unwrap() {
        let text = s["text"].as_str().unwrap();
        assert!(
            !text.contains("Back to top") && !text.contains("REUTERS"),
            "{text}"
        );
    }
    let arrahmah = article("002_fd35345ef8093550");
    assert_eq!(arrahmah["source"], "Arrahmah.id");
    assert_eq!(arrahmah["date"], "2023-09-13");
    assert!(
        arrahmah["dropped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["text"] == "(zarahamala/arrahmah.id)" && d["reason"] == "author tag")
    );
    assert_eq!(article("003_a4b6a87dbb05a943")["source"], "REPUBLIKA.CO.ID");
}

#[test]
fn a_statement_two_articles_carry_is_one_point_with_both_sources() {
    let dir = seeds_project();
    let (json, _, _) = build(dir.path());
    let veto = json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "veto")
        .unwrap();
    let shared = veto["points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("bergabung dengan"))
        .expect("the Tiongkok/China sanctions sentence is a veto point");
    let sources: Vec<&str> = shared["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["article"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["002_fd35345ef8093550", "003_a4b6a87dbb05a943"]);
    let occurrences = veto["points"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .contains("menentang sanksi baru")
        })
        .count();
    assert_eq!(occurrences, 1);
    // The bridge before the veto sentence is on the theme, but states nothing alone: it is
    // the theme's last point.
    let points = veto["points"].as_array().unwrap();
    let last = points.last().unwrap()["text"].as_str().unwrap();
    assert_eq!(last, "Sekarang, bahkan itu telah berantakan.");
}

#[test]
fn a_dated_sentence_two_articles_carry_is_one_timeline_event_citing_both() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(
        dir.path().join("briefing.toml"),
        "title = \"Wire copy\"\ninput = \"articles\"\noutput = \"out\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    let wire = "The EU will start accession talks with Croatia in April 2005.";
    for (name, text) in [
        (
            "a.txt",
            format!(
                "Talks ahead\n\nMinisters met in Brussels on the enlargement plan. {wire} The decision was welcomed in Zagreb.\n"
            ),
        ),
        (
            "b.txt",
            format!(
                "Croatia's road\n\nThe government in Zagreb hopes to join within years. {wire} Critics point to the war crimes cases.\n"
            ),
        ),
    ] {
        std::fs::write(dir.path().join("articles").join(name), text).unwrap();
    }
    let (json, md, html) = build(dir.path());
    let events: Vec<&Value> = json["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["text"] == wire)
        .collect();
    assert_eq!(events.len(), 1, "{:#}", json["timeline"]);
    assert_eq!(events[0]["date"], "2005-04");
    assert_eq!(events[0]["source"]["number"], 1);
    assert_eq!(events[0]["also"][0]["source"]["number"], 2);
    assert!(
        md.contains(&format!("| 2005-04 | {wire} | [1](#a1), [2](#a2) |")),
        "{md}"
    );
    assert!(html.contains(r##"[1]</a> <a href="#a2""##), "{html}");
}

#[test]
fn satellite_imagery_is_not_satellite_help() {
    let dir = seeds_project();
    let (json, _, _) = build(dir.path());
    for article in json["articles"].as_array().unwrap() {
        for s in article["sentences"].as_array().unwrap() {
            let text = s["text"].as_str().unwrap();
            let themes: Vec<&str> = s["themes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            if text.starts_with("Citra satelit pelabuhan Najin")
                || text.starts_with("Kelompok itu telah memproduksi gambar satelit")
            {
                assert!(!themes.contains(&"satellite-help"), "{text}: {themes:?}");
            }
            if text.contains("meluncurkan satelit pengintai") {
                assert!(themes.contains(&"satellite-help"), "{text}");
            }
        }
    }
}

#[test]
fn untrusted_text_is_escaped_in_html_and_markdown() {
    let dir = fixture_project("untrusted");
    let (json, md, html) = build(dir.path());
    let sentences = json["articles"][0]["sentences"].as_array().unwrap();
    assert!(sentences.iter().any(|s| {
        s["text"]
            .as_str()
            .unwrap()
            .contains("<script>alert(\"x\")</script>")
    }));
    for bad in [
        "<script>alert",
        "<img src=x",
        "</style> yang",
        "<!-- komentar",
        "<b>text</b>",
        "<i>theme</i>",
        "<script>alert('desc')",
    ] {
        assert!(!html.contains(bad), "HTML holds raw {bad}");
    }
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        html.contains("{{ 7 * 7 }}"),
        "tera syntax in text stays literal"
    );
    assert!(
        html.contains("<strong>PBB</strong>"),
        "theme description rendered as Markdown"
    );
    assert_eq!(html.matches("<script").count(), 0);
    // Render the Markdown as a permissive renderer would (raw HTML allowed): nothing from the
    // articles may come out as markup.
    let mut options = comrak::Options::default();
    options.render.r#unsafe = true;
    let rendered = comrak::markdown_to_html(&md, &options);
    for bad in ["<script", "<img", "href=\"javascript:", "<!--", "<b>"] {
        assert!(!rendered.contains(bad), "Markdown renders live {bad}");
    }
    assert!(md.contains("\\<script\\>alert(\"x\")\\</script\\>"));
    assert!(md.contains("\\[klik\\](javascript:alert(1))"));
}

#[test]
fn builds_are_byte_identical() {
    let dir = seeds_project();
    let (_, md1, html1) = build(dir.path());
    let json1 = read(dir.path().join("out/briefing.json"));
    let (_, md2, html2) = build(dir.path());
    assert_eq!(md1, md2);
    assert_eq!(html1, html2);
    assert_eq!(json1, read(dir.path().join("out/briefing.json")));
}

#[test]
fn a_long_briefing_shows_the_first_articles_and_every_link_resolves() {
    let dir = seeds_project();
    let config = dir.path().join("briefing.toml");
    std::fs::write(
        &config,
        read(&config).replace(
            "points_per_theme = 6",
            "points_per_theme = 6\narticles_shown = 2",
        ),
    )
    .unwrap();
    let (json, md, html) = build(dir.path());
    assert_eq!(
        json["articles"].as_array().unwrap().len(),
        5,
        "the JSON keeps every article"
    );
    assert_eq!(json["articles_shown"], 2);
    assert!(html.contains("id=\"a2\"") && !html.contains("id=\"a3\""));
    assert!(md.contains("<a id=\"a2\"></a>") && !md.contains("<a id=\"a3\"></a>"));
    assert!(
        html.contains("3 more articles in briefing.json")
            || html.contains("3 artikel lainnya di briefing.json")
    );
    let ids: std::collections::HashSet<&str> = html
        .split("id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    for target in html
        .split("href=\"#")
        .skip(1)
        .filter_map(|s| s.split('"').next())
    {
        assert!(ids.contains(target), "HTML link #{target} has no target");
    }
    let md_ids: std::collections::HashSet<&str> = md
        .split("<a id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    for target in md.split("](#").skip(1).filter_map(|s| s.split(')').next()) {
        assert!(
            md_ids.contains(target),
            "Markdown link #{target} has no target"
        );
    }
}
