//! `briefing serve` against a real HTTP client on 127.0.0.1, and `watch` noticing a templates
//! folder made after it started. The server and watcher are the real binary, started and
//! stopped (Ctrl-C, or killed if the test fails) by each test.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{read, seeds_project};

/// A running `briefing` child, killed if the test ends before it is stopped.
struct Running(Option<Child>);

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(child) = self.0.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts `briefing serve --port 0` in `dir`, its stderr to `log`; returns it and its URL.
fn serve(dir: &Path, log: &Path) -> (Running, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("briefing"))
        .args(["serve", "--port", "0"])
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {line:?}; the server said:\n{}", read(log)))
        .to_string();
    (Running(Some(child)), url)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET `url`: (status, content type, body).
fn get(url: &str) -> (u16, String, String) {
    let mut response = agent().get(url).call().unwrap();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.body_mut().read_to_string().unwrap();
    (response.status().as_u16(), kind, body)
}

/// The status of a request sent as written (no client normalises its path).
fn raw_status(url: &str, method: &str, target: &str) -> u16 {
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"))
}

/// The events endpoint's answer once the generation is past `since` (long-polls).
fn next_generation(url: &str, since: u64, log: &Path) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let (status, kind, body) = get(&format!("{url}__briefing/events?since={since}"));
        assert_eq!(status, 200);
        assert!(kind.starts_with("application/json"), "{kind}");
        let event: serde_json::Value = serde_json::from_str(&body).unwrap();
        if event["generation"].as_u64().unwrap() > since {
            return event;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no rebuild after generation {since}; the server said:\n{}",
            read(log)
        );
    }
}

#[test]
fn serve_injects_the_reload_script_rebuilds_on_change_and_serves_only_the_output() {
    let dir = seeds_project();
    let log = dir.path().join("serve.log");
    let (mut server, url) = serve(dir.path(), &log);
    let out = dir.path().join("out");

    // The page, with the script in the response and none in the file.
    let (status, kind, page) = get(&url);
    assert_eq!((status, kind.as_str()), (200, "text/html; charset=utf-8"));
    assert!(page.contains("<script id=\"briefing-reload\">"), "{page}");
    assert!(page.contains("const generation = 1;"));
    let on_disk = read(out.join("briefing.html"));
    assert!(
        !on_disk.contains("<script"),
        "the file on disk has a script"
    );
    let script_at = page.find("<script id=\"briefing-reload\">").unwrap();
    let script_end = page[script_at..].find("</script>\n").unwrap() + "</script>\n".len();
    assert_eq!(
        format!("{}{}", &page[..script_at], &page[script_at + script_end..]),
        on_disk,
        "the served page is the file plus the script"
    );
    assert_eq!(get(&format!("{url}briefing.html")).2, page);

    // The other outputs, with their types; HEAD has the headers and no body.
    let (status, kind, markdown) = get(&format!("{url}briefing.md"));
    assert_eq!(
        (status, kind.as_str()),
        (200, "text/markdown; charset=utf-8")
    );
    assert_eq!(markdown, read(out.join("briefing.md")));
    let mut head = agent().head(format!("{url}briefing.json")).call().unwrap();
    assert_eq!(head.status().as_u16(), 200);
    assert_eq!(
        head.headers()["content-type"].to_str().unwrap(),
        "application/json; charset=utf-8"
    );
    assert_eq!(
        head.headers()["content-length"].to_str().unwrap(),
        std::fs::metadata(out.join("briefing.json"))
            .unwrap()
            .len()
            .to_string()
    );
    assert_eq!(head.body_mut().read_to_string().unwrap(), "");

    // Nothing outside the output folder: not by `..`, encoded or not, nor through a link.
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("briefing.toml"), out.join("config.txt")).unwrap();
    for target in [
        "/../briefing.toml",
        "/%2e%2e/briefing.toml",
        "/..%2fbriefing.toml",
        "/out/../../briefing.toml",
        "/config.txt",
        "/seeds/000_c6d91555ae0bc334.txt",
        "/no-such-file.html",
    ] {
        assert_eq!(raw_status(&url, "GET", target), 404, "{target}");
    }
    assert_eq!(raw_status(&url, "POST", "/"), 405);
    assert_eq!(raw_status(&url, "HEAD", "/"), 200);

    // An article changes: a rebuild, a new generation, and the page shows the change.
    let event = next_generation(&url, 0, &log);
    assert_eq!(event["generation"], 1);
    let seed = dir.path().join("seeds/002_fd35345ef8093550.txt");
    std::fs::write(
        &seed,
        read(&seed).replace("Pertemuan langka", "Pertemuan yang sangat langka"),
    )
    .unwrap();
    let event = next_generation(&url, 1, &log);
    assert_eq!(event["error"], serde_json::Value::Null, "{event}");
    let generation = event["generation"].as_u64().unwrap();
    let (_, _, page) = get(&url);
    assert!(page.contains("Pertemuan yang sangat langka"));
    assert!(page.contains(&format!("const generation = {generation};")));
    assert!(!read(out.join("briefing.html")).contains("<script"));

    // A broken configuration: the last good briefing stays, and the page says why.
    let good = read(out.join("briefing.html"));
    std::fs::write(dir.path().join("briefing.toml"), "title = \n").unwrap();
    let event = next_generation(&url, generation, &log);
    let error = event["error"].as_str().expect("the build error");
    assert!(error.contains("briefing.toml"), "{error}");
    let (status, _, page) = get(&url);
    assert_eq!(status, 200);
    assert!(page.contains("id=\"briefing-build-error\""), "{page}");
    assert!(page.contains("The latest build failed."));
    assert_eq!(read(out.join("briefing.html")), good);

    // Ctrl-C: a clean stop.
    let mut child = server.0.take().unwrap();
    #[cfg(unix)]
    {
        // SAFETY: kill takes plain integers and touches no memory.
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        let status = child.wait().unwrap();
        assert!(
            status.success(),
            "{status}; the server said:\n{}",
            read(&log)
        );
        assert!(read(&log).contains("stopped serving"), "{}", read(&log));
    }
    #[cfg(not(unix))]
    {
        let _ = child.kill();
        let _ = child.wait();
    }
}

#[test]
fn watch_notices_a_templates_folder_made_after_it_started() {
    let dir = seeds_project();
    std::fs::remove_dir_all(dir.path().join("templates")).unwrap();
    let log = dir.path().join("watch.log");
    let child = Command::new(assert_cmd::cargo::cargo_bin("briefing"))
        .arg("watch")
        .current_dir(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let _watcher = Running(Some(child));
    let wait_for = |what: &str, ok: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !ok() {
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "no {what}; the watcher said:\n{}",
                read(&log)
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait_for("watching", &|| read(&log).contains("watching"));
    let md = dir.path().join("out/briefing.md");
    assert!(read(&md).starts_with("# "));
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    // A template written into the new folder (after the folder was noticed, or with it).
    wait_for("second build after templates/ was made", &|| {
        read(&log).matches("built ").count() + read(&log).matches("up to date").count() >= 2
    });
    std::fs::write(
        templates.join("briefing.md"),
        "# {{ title }} (my template)\n",
    )
    .unwrap();
    wait_for("a rebuild with the new template", &|| {
        std::fs::read_to_string(&md).is_ok_and(|t| t.contains("(my template)"))
    });
}
