//! Real-world folders: every kind of bad input gets a clear message naming the file (and line
//! where known), the build goes on with the good articles (unless --deny-warnings), nothing
//! panics, and a failed build leaves out/ as it was. Fixtures are generated here, since many
//! (binary files, symlink loops, 5,000 files, 60-deep folders) do not belong in git.

mod common;

use std::path::Path;

use common::{briefing, read};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

const CONFIG: &str = "title = \"Bad input\"\ninput = \"articles\"\noutput = \"out\"\n\n[[themes]]\nid = \"veto\"\ntitle = \"Veto\"\nterms = [\"veto\", \"sanksi\"]\n";

/// A project with `briefing.toml` and the given article files (path, bytes).
fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("briefing.toml"), CONFIG).unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    for (name, bytes) in files {
        let path = dir.path().join("articles").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

fn json(dir: &Path) -> Value {
    serde_json::from_str(&read(dir.join("out/briefing.json"))).unwrap()
}

fn article<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("article {id}"))
}

fn all_text(article: &Value) -> String {
    article["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join(" ")
}

const GOOD: &[u8] =
    "Rusia memveto resolusi sanksi di Dewan Keamanan. Amerika Serikat mengecam veto itu.\n"
        .as_bytes();

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let bom: [u8; 2] = if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
    bom.into_iter()
        .chain(text.encode_utf16().flat_map(|u| {
            if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            }
        }))
        .collect()
}

#[test]
fn encodings_are_decoded_or_refused_by_name() {
    let text = "“Kami menolak sanksi,” kata Rusia. Veto itu sah.\n";
    let le = utf16(text, true);
    let be = utf16(text, false);
    let bom: Vec<u8> = b"\xEF\xBB\xBF"
        .iter()
        .chain(text.as_bytes())
        .copied()
        .collect();
    let invalid: Vec<u8> = [text.as_bytes(), b"Sanksi \xFF\xFE baru. ", text.as_bytes()].concat();
    let dir = project(&[
        ("utf8.txt", text.as_bytes()),
        ("utf8-bom.txt", &bom),
        ("utf16le.txt", &le),
        ("utf16be.txt", &be),
        (
            "cp1252.txt",
            b"\x93Kami menolak sanksi,\x94 kata Rusia dengan tegas. Veto itu sah menurut Moskow.\n",
        ),
        ("invalid.txt", &invalid),
        (
            "crlf.txt",
            b"Rusia memveto resolusi sanksi.\r\nAmerika Serikat mengecam veto itu.\r\n",
        ),
        (
            "cr.txt",
            b"Rusia memveto resolusi baru.\rInggris mengecam sanksi itu.\r",
        ),
        (
            "nul.txt",
            b"Rusia memveto\0 resolusi sanksi lama. Veto itu final.\n",
        ),
        ("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("report.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
        (
            "blob.txt",
            &[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0, 0][..],
        ),
    ]);
    let assert = briefing(dir.path()).arg("build").assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    for (file, says) in [
        ("cp1252.txt", "decoded as windows-1252"),
        ("invalid.txt", "invalid UTF-8"),
        ("nul.txt", "NUL"),
        ("photo.png", "not an article"),
        ("report.pdf", "not an article"),
        ("blob.txt", "binary data, not text; skipped"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(says)),
            "{file}: {says}\n{stderr}"
        );
    }
    let j = json(dir.path());
    assert_eq!(
        j["stats"]["articles"], 6,
        "UTF-8, UTF-8 with BOM, UTF-16 LE and BE are one text"
    );
    let cp = all_text(article(&j, "cp1252"));
    assert!(cp.starts_with("“Kami menolak sanksi,” kata Rusia"), "{cp}");
    assert!(all_text(article(&j, "invalid")).contains("Sanksi \u{FFFD}\u{FFFD} baru."));
    assert_eq!(
        article(&j, "crlf")["sentences"].as_array().unwrap().len(),
        2
    );
    assert_eq!(article(&j, "cr")["sentences"].as_array().unwrap().len(), 2);
    assert!(all_text(article(&j, "nul")).contains("memveto resolusi"));
    assert!(
        stderr.contains("same text as"),
        "UTF-8, BOM and UTF-16 copies are one article: {stderr}"
    );

    briefing(dir.path())
        .args(["build", "--deny-warnings", "--no-cache"])
        .assert()
        .code(1);
}

#[test]
fn odd_shapes_are_handled() {
    let long_word = "a".repeat(200_000);
    let no_punct = "rusia memveto resolusi sanksi di dewan keamanan tanpa tanda baca sama sekali dan terus berlanjut";
    let dir = project(&[
        ("empty.txt", b""),
        ("blank.txt", b"  \n\t\n   \n"),
        ("one.txt", b"Rusia memveto resolusi itu."),
        ("nopunct.txt", no_punct.as_bytes()),
        (
            "longword.txt",
            format!("Kata panjang {long_word} muncul di sini. Veto lagi.").as_bytes(),
        ),
        ("dup-a.txt", GOOD),
        ("dup-b.txt", GOOD),
        (
            "nama dengan spasi 🚀 ë.txt",
            "Sanksi baru untuk Korea Utara diumumkan.".as_bytes(),
        ),
    ]);
    let assert = briefing(dir.path()).arg("build").assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("empty.txt") && l.contains("is empty; skipped")),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("blank.txt") && l.contains("is empty; skipped")),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("dup-b.txt") && l.contains("same text as articles/dup-a.txt")),
        "{stderr}"
    );
    let j = json(dir.path());
    assert_eq!(j["stats"]["articles"], 5);
    assert_eq!(article(&j, "one")["summary"].as_array().unwrap().len(), 1);
    assert_eq!(all_text(article(&j, "nopunct")), no_punct);
    assert!(all_text(article(&j, "longword")).contains(&long_word));
    let spaced = article(&j, "nama dengan spasi 🚀 ë");
    assert_eq!(spaced["path"], "articles/nama dengan spasi 🚀 ë.txt");
    let html = read(dir.path().join("out/briefing.html"));
    assert!(html.contains("nama dengan spasi 🚀 ë"));
}

#[test]
fn a_huge_single_line_is_processed() {
    let sentence = "Rusia memveto resolusi sanksi baru di Dewan Keamanan PBB pada hari Kamis ";
    let line = sentence.repeat(20 * 1024 * 1024 / sentence.len());
    let dir = project(&[("huge.txt", line.as_bytes()), ("small.txt", GOOD)]);
    briefing(dir.path()).arg("build").assert().success();
    let j = json(dir.path());
    assert_eq!(j["stats"]["articles"], 2);
}

#[test]
fn an_article_file_over_the_limit_is_skipped_by_name() {
    let sentence = "Rusia memveto resolusi sanksi baru di Dewan Keamanan PBB pada hari Kamis.\n";
    let big = sentence.repeat((33 << 20) / sentence.len());
    let dir = project(&[("small.txt", GOOD), ("big.txt", big.as_bytes())]);
    let warning = || contains("big.txt").and(contains("over the limit of 33554432"));
    briefing(dir.path())
        .args(["build", "--deny-warnings"])
        .assert()
        .failure()
        .stderr(warning());
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(warning());
    assert_eq!(json(dir.path())["stats"]["articles"], 1);
}

#[test]
fn many_files_and_deep_folders() {
    let dir = project(&[]);
    let articles = dir.path().join("articles");
    for i in 0..5000 {
        std::fs::write(
            articles.join(format!("t{i:04}.txt")),
            format!("Sanksi nomor {i} diumumkan hari ini."),
        )
        .unwrap();
    }
    let deep: std::path::PathBuf = (0..60).map(|i| format!("d{i}")).collect();
    std::fs::create_dir_all(articles.join(&deep)).unwrap();
    std::fs::write(articles.join(&deep).join("deep.txt"), GOOD).unwrap();
    briefing(dir.path()).arg("build").assert().success();
    let j = json(dir.path());
    assert_eq!(j["stats"]["articles"], 5001);
    let deep_id = format!("{}/deep", deep.to_string_lossy());
    assert!(
        j["articles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == deep_id.as_str())
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.txt"),
        "Rahasia di luar folder input.",
    )
    .unwrap();
    let dir = project(&[("good.txt", GOOD)]);
    let articles = dir.path().join("articles");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        articles.join("outside.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&articles, articles.join("loop")).unwrap();
    let assert = briefing(dir.path()).arg("build").assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("outside.txt") && l.contains("symbolic link")),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("loop") && l.contains("symbolic link")),
        "{stderr}"
    );
    let j = json(dir.path());
    assert_eq!(j["stats"]["articles"], 1);
    assert!(!read(dir.path().join("out/briefing.json")).contains("Rahasia"));
}

#[test]
fn markdown_front_matter_errors_name_file_and_line() {
    let dir = project(&[
        ("good.md", b"---\ntitle: Veto Rusia\ndate: 2024-03-28\nsource: Contoh\n---\n\nRusia memveto <b>resolusi</b> sanksi. Amerika <script>x()</script> mengecam veto itu.\n"),
        ("broken.md", b"---\ntitle: Baik\nini bukan yaml\n---\n\nIsi artikel tentang sanksi.\n"),
        ("badtype.md", b"+++\ntitle = \"T\"\ndate = 2024\n+++\n\nIsi artikel tentang veto.\n"),
        ("baddate.md", b"---\ntitle: T\ndate: kemarin\n---\n\nIsi artikel lain tentang veto.\n"),
    ]);
    let assert = briefing(dir.path()).arg("build").assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("articles/broken.md:3: skipped: front matter"),
        "{stderr}"
    );
    assert!(
        stderr.contains("articles/badtype.md:3: skipped: front matter"),
        "{stderr}"
    );
    assert!(
        stderr.contains("articles/baddate.md:2: skipped: front matter: date = \"kemarin\""),
        "{stderr}"
    );
    let j = json(dir.path());
    assert_eq!(j["stats"]["articles"], 1);
    let good = article(&j, "good");
    assert_eq!(good["title"], "Veto Rusia");
    assert_eq!(good["date"], "2024-03-28");
    assert!(
        all_text(good).contains("<b>resolusi</b>"),
        "HTML in Markdown is text"
    );
    let html = read(dir.path().join("out/briefing.html"));
    assert!(
        html.contains("&lt;b&gt;resolusi&lt;&#x2F;b&gt;")
            || html.contains("&lt;b&gt;resolusi&lt;/b&gt;")
    );
    assert!(!html.contains("<script>x()"));
    briefing(dir.path())
        .args(["build", "--deny-warnings", "--no-cache"])
        .assert()
        .code(1);
}

#[test]
fn an_empty_input_folder_is_an_error() {
    let dir = project(&[("empty.txt", b"")]);
    briefing(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("no articles"))
        .stderr(contains("articles"));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn config_errors_exit_2_name_the_problem_and_write_nothing() {
    let theme = "[[themes]]\nid = \"veto\"\ntitle = \"Veto\"\nterms = [\"veto\"]\n";
    let cases: Vec<(String, &[&str])> = vec![
        (format!("title = \"T\"\ninput = \"articles\"\nsumary = 3\n{theme}"), &["sumary", "line 3"]),
        (format!("title = \"T\"\ninput = \"articles\"\n[summary]\nsentences = \"tiga\"\n{theme}"), &["line 4", "sentences"]),
        ("title = \"T\"\ninput = \"articles\"\n[[themes]]\nid = \"a\"\ntitle = \"A\"\nterms = []\n".into(), &["no terms"]),
        (format!("title = \"T\"\ninput = \"articles\"\n{theme}{theme}"), &["unique", "veto"]),
        ("title = \"T\"\ninput = \"articles\"\noutput = \"articles\"\n".into(), &["inside input"]),
        ("title = \"T\"\ninput = \"articles\"\noutput = \"articles/out\"\n".into(), &["inside input"]),
        ("title = \"T\"\ninput = \"articles\"\n[[themes]]\nid = \"veto\"\ntitle = \"Ve".into(), &["line 5"]),
        ("title = \"T\"\ninput = \"articles\"\n[[themes]]\nid = \"Veto Bad\"\ntitle = \"V\"\nterms = [\"v\"]\n".into(), &["themes[0].id"]),
    ];
    for (config, expected) in cases {
        let dir = project(&[("good.txt", GOOD)]);
        std::fs::write(dir.path().join("briefing.toml"), &config).unwrap();
        let mut assert = briefing(dir.path())
            .arg("build")
            .assert()
            .code(2)
            .stderr(contains("briefing.toml"));
        for e in expected {
            assert = assert.stderr(contains(*e));
        }
        assert!(
            !dir.path().join("out").exists(),
            "nothing written for {config}"
        );
        assert!(!dir.path().join("articles/out").exists());
    }
}

#[test]
fn a_failed_build_leaves_out_as_it_was() {
    let dir = project(&[("good.txt", GOOD)]);
    briefing(dir.path()).arg("build").assert().success();
    let before = read(dir.path().join("out/briefing.md"));
    std::fs::write(
        dir.path().join("briefing.toml"),
        "title = \"T\"\nthemes = 3\n",
    )
    .unwrap();
    briefing(dir.path()).arg("build").assert().code(2);
    assert_eq!(read(dir.path().join("out/briefing.md")), before);
    std::fs::write(dir.path().join("briefing.toml"), CONFIG).unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/briefing.md"), "{% for x in %}").unwrap();
    briefing(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("briefing.md"));
    assert_eq!(read(dir.path().join("out/briefing.md")), before);
}

#[test]
fn hostile_text_is_inert_in_every_output() {
    let payloads = [
        "<script>alert(1)</script>",
        "</style><script>alert(2)</script>",
        "\"><img src=x onerror=alert(3)>",
        "<a href=\"javascript:alert(4)\">klik</a>",
        "[tautan](javascript:alert(5))",
        "![gambar](http://evil.example/x.png)",
        "{{ 7 * 7 }}",
        "{% raw %}{% endraw %}",
        "<!-- komentar -->",
        "<iframe src=//evil.example></iframe>",
        "&lt;script&gt; sudah di-escape",
        "`kode` **tebal** _miring_ | tabel |",
    ];
    let text: String = payloads
        .iter()
        .map(|p| format!("Sanksi dan veto: {p} ditulis apa adanya.\n"))
        .collect();
    let dir = project(&[("payloads.txt", text.as_bytes())]);
    // Show every sentence: in the summary and as theme points.
    let config = CONFIG.replacen(
        "[[themes]]",
        "[summary]\nsentences = 20\n\n[briefing]\npoints_per_theme = 50\n\n[[themes]]",
        1,
    );
    std::fs::write(dir.path().join("briefing.toml"), config).unwrap();
    briefing(dir.path()).arg("build").assert().success();
    let html = read(dir.path().join("out/briefing.html"));
    for bad in [
        "<script",
        "<img",
        "<iframe",
        "href=\"javascript",
        "<!-- komentar",
        "</style><",
    ] {
        assert!(!html.contains(bad), "HTML holds live {bad}");
    }
    assert!(
        html.contains("{{ 7 * 7 }}") && !html.contains(">49<"),
        "tera syntax stays literal"
    );
    assert!(
        html.contains("&amp;lt;script&amp;gt;"),
        "already-escaped text is escaped again, shown as typed"
    );
    let md = read(dir.path().join("out/briefing.md"));
    let mut options = comrak::Options::default();
    options.render.r#unsafe = true;
    let rendered = comrak::markdown_to_html(&md, &options);
    for bad in [
        "<script",
        "<img",
        "<iframe",
        "href=\"javascript",
        "<!--",
        "<code>kode",
        "<strong>tebal",
        "<em>miring",
        "<table",
    ] {
        assert!(!rendered.contains(bad), "Markdown renders live {bad}");
    }
    let j = json(dir.path());
    let sentences = all_text(article(&j, "payloads"));
    for p in payloads {
        assert!(sentences.contains(p), "JSON keeps {p} as it was");
    }
    assert!(predicate::str::contains("\\<script\\>").eval(&md));
}

#[test]
fn two_files_with_one_id_are_named_in_a_warning() {
    let other = format!("{}\nAmerika Serikat mengecam veto itu.\n", read_str(GOOD));
    let dir = project(&[("dup.txt", GOOD), ("dup.md", other.as_bytes())]);
    briefing(dir.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("dup.txt: has the same article id `dup` as"))
        .stderr(contains("articles/dup.md"));
}

fn read_str(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}
