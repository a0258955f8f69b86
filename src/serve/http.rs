//! One request: a file below the output folder (HTML with the reload script added), the
//! events long-poll, or an error status.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Method, Request, Response, ResponseBox};

use super::{EVENTS, LONG_POLL, Shared};

/// The page served for `/`.
const INDEX: &str = "briefing.html";

/// Answers one request.
pub(super) fn handle(request: Request, shared: &Shared, out: &Path) {
    let (target, query) = request.url().split_once('?').unwrap_or((request.url(), ""));
    let (target, query) = (target.to_string(), query.to_string());
    let response = match request.method() {
        Method::Get | Method::Head if target == EVENTS => events(shared, &query).boxed(),
        Method::Get | Method::Head => file(shared, out, &target),
        _ => text(405, "only GET and HEAD are served\n")
            .with_header(header("Allow", "GET, HEAD"))
            .boxed(),
    };
    // The reader may have gone (a reload while a long-poll was held): nothing to do.
    let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
}

/// The long-poll: the generation once it is not `since` (at once when `since` is not given).
fn events(shared: &Shared, query: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let since = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse::<u64>().ok());
    let status = shared.lock();
    let (status, _) = shared
        .changed
        .wait_timeout_while(status, LONG_POLL, |s| {
            !s.stopping && since == Some(s.generation)
        })
        .unwrap_or_else(|e| e.into_inner());
    let body = serde_json::json!({
        "generation": status.generation,
        "error": status.error,
    });
    Response::from_string(body.to_string()).with_header(header("Content-Type", "application/json"))
}

/// A file below `out`, or 404. HTML gets the reload script and, after a failed build, the
/// error.
fn file(shared: &Shared, out: &Path, target: &str) -> ResponseBox {
    let not_found = || text(404, "not found: only the briefing's files are served\n").boxed();
    let Some(relative) = relative_path(target) else {
        return not_found();
    };
    let path = match inside(out, &relative) {
        Some(path) => path,
        None if relative == Path::new(INDEX) => return no_briefing(shared).boxed(),
        None => return not_found(),
    };
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    let is_text = mime.type_() == mime_guess::mime::TEXT || mime.subtype() == "json";
    let content_type = if is_text {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let response = if mime.subtype() == mime_guess::mime::HTML {
        let Ok(bytes) = std::fs::read(&path) else {
            return not_found();
        };
        let status = shared.lock();
        let addition = addition(status.generation, status.error.as_deref(), true);
        Response::from_data(inject(&String::from_utf8_lossy(&bytes), &addition)).boxed()
    } else {
        // Streamed: briefing.json can be large.
        let Ok(file) = std::fs::File::open(&path) else {
            return not_found();
        };
        Response::from_file(file).boxed()
    };
    response
        .with_header(header("Content-Type", &content_type))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        // The length, not chunks: HEAD then tells the size.
        .with_chunked_threshold(usize::MAX)
}

/// The page for `/` while there is no briefing (the first build failed).
fn no_briefing(shared: &Shared) -> Response<std::io::Cursor<Vec<u8>>> {
    let status = shared.lock();
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>No briefing \
         yet</title></head>\n<body>\n<h1>No briefing yet</h1>\n<p>There is no {INDEX} in the \
         output folder yet. Fix what the build reports and save: this page reloads by \
         itself.</p>\n{}</body>\n</html>\n",
        addition(status.generation, status.error.as_deref(), false)
    );
    Response::from_string(page)
        .with_status_code(503)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
}

/// A plain-text response.
fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("valid"))
}

/// The path a request names below the output folder: percent-decoded, `/` for the index, and
/// `None` for anything that could leave the folder or names a hidden file (`..`, `.`, a
/// backslash, a NUL, a leading dot), or is not UTF-8.
pub(super) fn relative_path(target: &str) -> Option<PathBuf> {
    let target = target.split('#').next().unwrap_or_default();
    if !target.starts_with('/') {
        return None;
    }
    let decoded = percent_decode_str(target).decode_utf8().ok()?;
    let mut path = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') || segment.contains(['\\', '\0', ':']) {
            return None;
        }
        path.push(segment);
    }
    if path.as_os_str().is_empty() {
        path.push(INDEX);
    }
    Some(path)
}

/// `out/relative` when it is a file that is inside `out` once links are resolved.
pub(super) fn inside(out: &Path, relative: &Path) -> Option<PathBuf> {
    let root = out.canonicalize().ok()?;
    let path = root.join(relative).canonicalize().ok()?;
    (path.starts_with(&root) && path.is_file()).then_some(path)
}

/// What the served HTML gets: a banner when the latest build failed, and the reload script.
fn addition(generation: u64, error: Option<&str>, kept: bool) -> String {
    let mut html = String::new();
    if let Some(error) = error {
        let mut escaped = Vec::new();
        let _ = tera::escape_html(error, &mut escaped);
        let kept = if kept {
            "This is the briefing of the last build that succeeded. "
        } else {
            ""
        };
        html.push_str(&format!(
            "<div id=\"briefing-build-error\" role=\"alert\" style=\"position:sticky;bottom:0;\
             margin:0;padding:.75em 1em;background:#fff;color:#8b0000;border-top:3px solid \
             #8b0000;font:1rem/1.4 system-ui,sans-serif;white-space:pre-wrap\"><strong>The \
             latest build failed.</strong> {kept}Fix this and save; the page reloads by \
             itself.\n{}</div>\n",
            String::from_utf8_lossy(&escaped)
        ));
    }
    html.push_str(&format!(
        "<script id=\"briefing-reload\">\n(() => {{\n  const generation = {generation};\n  \
         const wait = () => fetch('{EVENTS}?since=' + generation, {{ cache: 'no-store' }})\n    \
         .then((r) => r.json())\n    .then((s) => (s.generation !== generation ? \
         location.reload() : wait()))\n    .catch(() => setTimeout(wait, 2000));\n  \
         wait();\n}})();\n</script>\n"
    ));
    html
}

/// `page` with `addition` before its last `</body>` (or at its end).
pub(super) fn inject(page: &str, addition: &str) -> String {
    let at = page
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(page.len());
    let mut out = String::with_capacity(page.len() + addition.len());
    out.push_str(&page[..at]);
    out.push_str(addition);
    out.push_str(&page[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_below_the_folder() {
        assert_eq!(relative_path("/"), Some(PathBuf::from(INDEX)));
        assert_eq!(
            relative_path("/briefing.json"),
            Some(PathBuf::from("briefing.json"))
        );
        assert_eq!(
            relative_path("/a%20b/c.md"),
            Some(PathBuf::from("a b/c.md"))
        );
        for bad in [
            "/../secret",
            "/%2e%2e/secret",
            "/a/%2E%2E/%2E%2E/x",
            "/..%2fx",
            "/.briefing-journal",
            "/a%5c..%5cb",
            "/%00",
            "/C:/x",
            "relative",
            "/%ff",
        ] {
            assert_eq!(relative_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        assert_eq!(
            inject("<p>x</body></BODY>\n", "<s>"),
            "<p>x</body><s></BODY>\n"
        );
        assert_eq!(inject("<p>x", "<s>"), "<p>x<s>");
    }

    #[test]
    fn a_build_error_is_escaped() {
        let html = addition(3, Some("<b>bad</b> & worse"), true);
        assert!(
            html.contains("&lt;b&gt;bad&lt;/b&gt; &amp; worse"),
            "{html}"
        );
        assert!(html.contains("const generation = 3;"));
    }
}
