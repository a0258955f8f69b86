//! `briefing fetch` against a real HTTP server on 127.0.0.1 that each test starts and stops:
//! files land in the input folder under their documented names with the bytes served, the
//! manifest records them, a second run asks conditionally and reports them unchanged, every
//! failure is named with its reason, and nothing half-written or not fetch's own is touched.

mod server;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use server::{Body, Route, Server};

/// A project whose briefing.toml has `extra` appended.
fn project(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("briefing.toml"),
        format!("title = \"T\"\ninput = \"seeds\"\noutput = \"out\"\n{extra}"),
    )
    .unwrap();
    dir
}

/// `briefing fetch -C DIR` with no pause between requests and a short timeout, then `args`.
fn fetch(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("briefing")
        .unwrap()
        .args(["fetch", "-C"])
        .arg(dir)
        .args(["--delay", "0", "--timeout", "2"])
        .args(args)
        .assert()
}

/// The documented file name: host and port, the path slug, 12 hex digits of blake3(URL), and
/// the extension of the content type.
fn name(server: &Server, url_path: &str, slug: &str, ext: &str) -> String {
    let hash = blake3::hash(server.url(url_path).as_bytes()).to_hex();
    format!("127-0-0-1-{}-{slug}-{}.{ext}", server.port, &hash[..12])
}

/// The names in the input folder, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// The manifest, parsed.
fn manifest(dir: &Path) -> Value {
    let text = std::fs::read_to_string(dir.join("seeds/.briefing-fetch.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

const PAGE_A: &str =
    "<html><head><title>A</title></head><body><p>Rusia dan Korea Utara.</p></body></html>";
const TEXT_B: &str = "Menteri Luar Negeri Rusia tiba di Pyongyang pada hari Selasa.\n\nKedua negara menandatangani perjanjian kerja sama.\n";

#[test]
fn pages_are_saved_by_name_and_a_second_run_is_unchanged() {
    let server = Server::start();
    server.set("/news/a.html", Route::html(PAGE_A).with("ETag", "\"a1\""));
    server.set(
        "/b",
        Route::ok("text/plain; charset=utf-8", TEXT_B.as_bytes())
            .with("Last-Modified", "Wed, 19 Jun 2024 08:00:00 GMT"),
    );
    server.set("/old", Route::redirect(301, "/news/a.html"));
    let dir = project("");
    let (a, b, old) = (
        server.url("/news/a.html"),
        server.url("/b"),
        server.url("/old"),
    );

    let first = fetch(dir.path(), &[&a, &b, &old]).success();
    let err = stderr(&first);
    assert!(
        err.contains("3 new, 0 updated, 0 unchanged, 0 failed"),
        "{err}"
    );
    let name_a = name(&server, "/news/a.html", "news-a", "html");
    let name_b = name(&server, "/b", "b", "txt");
    let name_old = name(&server, "/old", "old", "html");
    let mut expected = vec![
        ".briefing-fetch.json".to_string(),
        name_a.clone(),
        name_b.clone(),
        name_old.clone(),
    ];
    expected.sort();
    assert_eq!(files(dir.path()), expected);
    let seeds = dir.path().join("seeds");
    assert_eq!(
        std::fs::read_to_string(seeds.join(&name_a)).unwrap(),
        PAGE_A
    );
    assert_eq!(
        std::fs::read_to_string(seeds.join(&name_b)).unwrap(),
        TEXT_B
    );
    assert_eq!(
        std::fs::read_to_string(seeds.join(&name_old)).unwrap(),
        PAGE_A
    );

    let m = manifest(dir.path());
    assert_eq!(m["version"], 1);
    let entry_a = &m["entries"][&a];
    assert_eq!(entry_a["file"], name_a.as_str());
    assert_eq!(entry_a["final_url"], a.as_str());
    assert_eq!(entry_a["etag"], "\"a1\"");
    assert_eq!(entry_a["content_type"], "text/html; charset=utf-8");
    assert_eq!(
        entry_a["hash"],
        blake3::hash(PAGE_A.as_bytes()).to_hex().as_str()
    );
    assert!(entry_a["fetched_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        m["entries"][&b]["last_modified"],
        "Wed, 19 Jun 2024 08:00:00 GMT"
    );
    assert_eq!(m["entries"][&old]["final_url"], a.as_str());
    // Polite: robots.txt asked for once, and the user agent names the tool and its version.
    assert_eq!(server.seen_at("/robots.txt").len(), 1);
    let agent = &server.seen_at("/b")[0].headers["user-agent"];
    assert!(agent.starts_with("briefing/0.1.0"), "{agent}");
    let manifest_before = std::fs::read(seeds.join(".briefing-fetch.json")).unwrap();

    let second = fetch(dir.path(), &[&a, &b, &old]).success();
    let err = stderr(&second);
    assert!(
        err.contains("0 new, 0 updated, 3 unchanged, 0 failed"),
        "{err}"
    );
    let asked_a = server.seen_at("/news/a.html");
    assert_eq!(asked_a.last().unwrap().headers["if-none-match"], "\"a1\"");
    assert_eq!(asked_a.last().unwrap().status, 304);
    let asked_b = server.seen_at("/b");
    assert_eq!(
        asked_b.last().unwrap().headers["if-modified-since"],
        "Wed, 19 Jun 2024 08:00:00 GMT"
    );
    assert_eq!(
        std::fs::read(seeds.join(".briefing-fetch.json")).unwrap(),
        manifest_before
    );

    let changed = PAGE_A.replace("Rusia", "Russia");
    server.set("/news/a.html", Route::html(&changed).with("ETag", "\"a2\""));
    let third = fetch(dir.path(), &[&a]).success();
    let err = stderr(&third);
    assert!(err.contains("0 new, 1 updated, 0 unchanged"), "{err}");
    assert_eq!(
        std::fs::read_to_string(seeds.join(&name_a)).unwrap(),
        changed
    );
    assert_eq!(manifest(dir.path())["entries"][&a]["etag"], "\"a2\"");

    // The build reads what was fetched and never the manifest.
    let build = Command::cargo_bin("briefing")
        .unwrap()
        .args(["build", "-C"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(
        !stderr(&build).contains(".briefing-fetch"),
        "{}",
        stderr(&build)
    );
    let json = std::fs::read_to_string(dir.path().join("out/briefing.json")).unwrap();
    assert!(json.contains("Pyongyang"));
}

#[test]
fn each_failure_is_named_with_its_reason_and_nothing_half_written_is_left() {
    let server = Server::start();
    server.set(
        "/robots.txt",
        Route::ok("text/plain", b"User-agent: briefing\nDisallow: /private\n"),
    );
    server.set("/ok", Route::html(PAGE_A));
    let mut slow = Route::html(PAGE_A);
    slow.delay = std::time::Duration::from_secs(4);
    server.set("/slow", slow);
    let mut huge = Route::html("");
    huge.body = Body::Declared(11_000_000);
    server.set("/huge", huge.clone());
    huge.body = Body::Chunked(11_000_000);
    server.set("/huge-chunked", huge);
    server.set("/loop-a", Route::redirect(302, "/loop-b"));
    server.set("/loop-b", Route::redirect(302, "/loop-a"));
    server.set("/private/x", Route::html(PAGE_A));
    server.set("/to-private", Route::redirect(307, "/private/y"));
    for i in 1..=6 {
        server.set(
            &format!("/hop{i}"),
            Route::redirect(302, &format!("/hop{}", i + 1)),
        );
    }
    server.set("/hop7", Route::html(PAGE_A));
    server.set("/image", Route::ok("image/png", b"\x89PNG\r\n"));
    let dir = project("");
    let cases = [
        ("/slow", "timed out"),
        ("/huge", "the body is 11 MB, more than the 10 MB cap"),
        ("/huge-chunked", "the body runs past the 10 MB cap"),
        ("/loop-a", "redirect loop"),
        ("/missing", "HTTP 404"),
        ("/private/x", "robots.txt disallows /private/x for briefing"),
        (
            "/to-private",
            "robots.txt disallows /private/y for briefing",
        ),
        ("/hop1", "more than 5 redirects"),
        ("/image", "the content type is image/png"),
    ];
    let mut urls: Vec<String> = cases.iter().map(|(p, _)| server.url(p)).collect();
    urls.insert(3, server.url("/ok"));
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();

    let run = fetch(dir.path(), &args).code(1);
    let err = stderr(&run);
    for (path, reason) in cases {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("{}:", server.url(path))))
            .unwrap_or_else(|| panic!("no line for {path} in {err}"));
        assert!(line.starts_with("failed"), "{line}");
        assert!(line.contains(reason), "{path}: {line}");
    }
    assert!(
        err.contains("1 new, 0 updated, 0 unchanged, 9 failed"),
        "{err}"
    );
    // Only the page that came whole is in the folder: no temporary or partial file.
    let ok = name(&server, "/ok", "ok", "html");
    assert_eq!(files(dir.path()), [".briefing-fetch.json".to_string(), ok]);
    let m = manifest(dir.path());
    assert_eq!(m["entries"].as_object().unwrap().len(), 1);
    assert!(
        server.seen_at("/private/x").is_empty(),
        "robots.txt was not honoured"
    );
    assert!(server.seen_at("/loop-b").len() == 1);
}

const FEED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Berita</title><link>/</link><description>d</description>
<item><title>Satu</title><link>/items/1</link></item>
<item><title>Dua</title><link>ITEM2</link></item>
<item><title>Tiga</title><link>/items/3</link></item>
</channel></rss>
"#;

#[test]
fn a_feed_is_saved_and_its_items_fetched_as_pages() {
    let server = Server::start();
    let feed_text = FEED.replace("ITEM2", &server.url("/items/2"));
    server.set(
        "/feed",
        Route::ok("application/rss+xml", feed_text.as_bytes()).with("ETag", "\"f1\""),
    );
    for i in 1..=3 {
        server.set(
            &format!("/items/{i}"),
            Route::html(&format!("<html><body><p>Item {i}.</p></body></html>"))
                .with("ETag", &format!("\"i{i}\"")),
        );
    }
    let feed_url = server.url("/feed");
    let feed_name = name(&server, "/feed", "feed", "rss");
    let item = |i: usize| {
        name(
            &server,
            &format!("/items/{i}"),
            &format!("items-{i}"),
            "html",
        )
    };

    let dir = project("");
    let run = fetch(dir.path(), &["--max-items", "2", &feed_url]).success();
    assert!(stderr(&run).contains("3 new"), "{}", stderr(&run));
    let mut expected = vec![
        ".briefing-fetch.json".to_string(),
        feed_name.clone(),
        item(1),
        item(2),
    ];
    expected.sort();
    assert_eq!(files(dir.path()), expected);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("seeds").join(&feed_name)).unwrap(),
        feed_text
    );
    assert!(
        server.seen_at("/items/3").is_empty(),
        "--max-items 2 fetched a third item"
    );
    let m = manifest(dir.path());
    assert_eq!(
        m["entries"][server.url("/items/1")]["feed"],
        feed_url.as_str()
    );
    assert!(m["entries"][&feed_url].get("feed").is_none());

    // Again: the feed is not modified, and its items are checked from the saved feed.
    let again = fetch(dir.path(), &["--max-items", "2", &feed_url]).success();
    assert!(
        stderr(&again).contains("0 new, 0 updated, 3 unchanged"),
        "{}",
        stderr(&again)
    );
    assert_eq!(server.seen_at("/feed").last().unwrap().status, 304);
    assert_eq!(server.seen_at("/items/2").last().unwrap().status, 304);

    let feed_only = project("");
    fetch(feed_only.path(), &["--no-items", &feed_url]).success();
    assert_eq!(
        files(feed_only.path()),
        [".briefing-fetch.json".to_string(), feed_name]
    );
}

#[test]
fn files_fetch_did_not_write_or_that_were_edited_are_never_overwritten() {
    let server = Server::start();
    server.set("/a", Route::html(PAGE_A));
    server.set("/b", Route::html(PAGE_A));
    let dir = project("");
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    let name_a = name(&server, "/a", "a", "html");
    std::fs::write(seeds.join(&name_a), "mine").unwrap();

    let run = fetch(dir.path(), &[&server.url("/a"), &server.url("/b")]).code(1);
    assert!(
        stderr(&run).contains("was not written by briefing fetch"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        std::fs::read_to_string(seeds.join(&name_a)).unwrap(),
        "mine"
    );

    let name_b = name(&server, "/b", "b", "html");
    std::fs::write(seeds.join(&name_b), "edited").unwrap();
    server.set("/b", Route::html("<p>new</p>"));
    let run = fetch(dir.path(), &[&server.url("/b")]).code(1);
    assert!(
        stderr(&run).contains("was changed since briefing fetch wrote it"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        std::fs::read_to_string(seeds.join(&name_b)).unwrap(),
        "edited"
    );
    assert_eq!(
        server.seen_at("/b").len(),
        1,
        "an edited file is not even asked for again"
    );
}

#[test]
fn urls_and_contact_come_from_briefing_toml() {
    let server = Server::start();
    server.set("/a", Route::html(PAGE_A));
    let dir = project(&format!(
        "\n[fetch]\ncontact = \"mailto:desk@example.com\"\nurls = [\"{}\"]\n",
        server.url("/a")
    ));
    fetch(dir.path(), &[]).success();
    assert!(files(dir.path()).contains(&name(&server, "/a", "a", "html")));
    assert_eq!(
        server.seen_at("/a")[0].headers["user-agent"],
        "briefing/0.1.0 (+mailto:desk@example.com)"
    );
}

#[test]
fn usage_errors_exit_2_and_name_the_file_and_line() {
    let bad = project(
        "\n[fetch]\nurls = [\n  \"https://example.com/\",\n  \"ftp://example.com/x\",\n]\n",
    );
    let run = fetch(bad.path(), &[]).code(2);
    let err = stderr(&run);
    assert!(
        err.contains("briefing.toml") && err.contains("line 8"),
        "{err}"
    );
    assert!(err.contains("ftp://example.com/x"), "{err}");

    let empty = project("");
    let run = fetch(empty.path(), &[]).code(2);
    assert!(
        stderr(&run).contains("nothing to fetch"),
        "{}",
        stderr(&run)
    );
    let run = fetch(empty.path(), &["example.com/news"]).code(2);
    assert!(
        stderr(&run).contains("not a web address"),
        "{}",
        stderr(&run)
    );
    assert!(
        !empty.path().join("seeds").exists(),
        "a usage error wrote nothing"
    );
}
