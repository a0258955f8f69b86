//! "What changed since the previous build", in all three outputs and in `check`.

mod common;

use common::{briefing, read, seeds_project};

fn changes(dir: &std::path::Path) -> serde_json::Value {
    let json: serde_json::Value =
        serde_json::from_str(&read(dir.join("out/briefing.json"))).unwrap();
    json["changes"].clone()
}

#[test]
fn changes_are_reported_kept_on_a_rebuild_and_named_by_check() {
    let dir = seeds_project();
    let seeds = dir.path().join("seeds");
    briefing(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();
    assert_eq!(changes(dir.path())["compared"], false);
    assert!(read(dir.path().join("out/briefing.md")).contains("Build pertama"));

    // One article added, one changed, one removed.
    std::fs::write(
        seeds.join("009_added.txt"),
        "Satelit baru diluncurkan\n\nBadan antariksa meluncurkan satelit baru pada Senin. \
         Peluncuran itu disaksikan ribuan orang. Satelit itu akan memantau cuaca.\n",
    )
    .unwrap();
    let changed = seeds.join("002_fd35345ef8093550.txt");
    std::fs::write(
        &changed,
        read(&changed).replace("Pertemuan langka", "Pertemuan yang sangat langka"),
    )
    .unwrap();
    std::fs::remove_file(seeds.join("004_22d663425594b92f.txt")).unwrap();

    let out = briefing(dir.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in [
        "seeds/009_added.txt: added since the briefing was built",
        "seeds/002_fd35345ef8093550.txt: changed since the briefing was built",
        "seeds/004_22d663425594b92f.txt: removed since the briefing was built",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }

    briefing(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();
    let c = changes(dir.path());
    assert_eq!(c["compared"], true);
    let ids = |kind: &str| -> Vec<String> {
        c[kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("added"), ["009_added"]);
    assert_eq!(ids("updated"), ["002_fd35345ef8093550"]);
    assert_eq!(ids("removed"), ["004_22d663425594b92f"]);
    assert_eq!(c["removed"][0]["number"], serde_json::Value::Null);
    let new_points: Vec<&str> = c["themes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| {
            t["new_points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
        })
        .collect();
    assert!(
        new_points
            .iter()
            .any(|p| p.contains("Pertemuan yang sangat langka")),
        "{new_points:?}"
    );
    let html = read(dir.path().join("out/briefing.html"));
    assert!(html.contains("id=\"changes\""));
    assert!(html.contains("seeds/009_added.txt"));
    let md = read(dir.path().join("out/briefing.md"));
    assert!(md.contains("**1** artikel ditambahkan"), "{md}");
    // The counts are joined by " · ", with no separator left dangling at the end.
    let since = md
        .lines()
        .find(|l| l.starts_with("Sejak build sebelumnya:"))
        .unwrap();
    assert!(
        since.contains("ditambahkan · **1** artikel diperbarui · **1** artikel dihapus"),
        "{since}"
    );

    // Rebuilding the unchanged project (cache or not) keeps the same bytes, and check agrees.
    let before: Vec<String> = ["md", "html", "json"]
        .iter()
        .map(|e| read(dir.path().join(format!("out/briefing.{e}"))))
        .collect();
    briefing(dir.path())
        .args(["build", "-q", "--no-cache"])
        .assert()
        .success();
    briefing(dir.path())
        .args(["build", "-q", "--no-cache"])
        .assert()
        .success();
    let after: Vec<String> = ["md", "html", "json"]
        .iter()
        .map(|e| read(dir.path().join(format!("out/briefing.{e}"))))
        .collect();
    assert!(
        before == after,
        "a rebuild of an unchanged project changed the briefing"
    );
    briefing(dir.path()).arg("check").assert().success();
}

#[test]
fn an_unreadable_previous_briefing_is_a_first_build_said_plainly() {
    let dir = seeds_project();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/briefing.json"), "not json").unwrap();
    let out = briefing(dir.path()).args(["build"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot read the previous briefing"),
        "{stderr}"
    );
    assert_eq!(changes(dir.path())["compared"], false);
}

#[test]
fn an_article_updated_without_new_points_is_said_with_no_dangling_separator() {
    let dir = seeds_project();
    briefing(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();
    // A byline added to an article changes its file, not its sentences.
    let article = dir.path().join("seeds/002_fd35345ef8093550.txt");
    let text = read(&article);
    std::fs::write(&article, format!("{text}\nPenulis: Tim Redaksi\n")).unwrap();
    briefing(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();
    let c = changes(dir.path());
    assert_eq!(c["updated"].as_array().unwrap().len(), 1, "{c}");
    assert!(c["themes"].as_array().unwrap().is_empty(), "{c}");
    let md = read(dir.path().join("out/briefing.md"));
    let since = md
        .lines()
        .find(|l| l.starts_with("Sejak build sebelumnya:"))
        .unwrap();
    assert_eq!(since, "Sejak build sebelumnya: **1** artikel diperbarui");
    let html = read(dir.path().join("out/briefing.html"));
    assert!(
        html.contains("<p>Sejak build sebelumnya: <strong>1</strong> artikel diperbarui</p>"),
        "{html}"
    );
}
