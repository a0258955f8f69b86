//! A small HTTP server on 127.0.0.1 for the fetch tests (tiny_http): routes set by the test,
//! each request answered on its own thread (so a slow route holds up no other) and logged;
//! stopped when dropped.

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Response, StatusCode};

/// What a route answers.
#[derive(Clone, Debug)]
pub struct Route {
    /// The status.
    pub status: u16,
    /// Headers (`Content-Type`, `Location`, `ETag`, …).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
    /// How long to wait before answering.
    pub delay: Duration,
}

/// A route's body.
#[derive(Clone, Debug)]
pub enum Body {
    /// These bytes, with a Content-Length.
    Bytes(Vec<u8>),
    /// `n` bytes of `x`, with a Content-Length declaring them.
    Declared(usize),
    /// `n` bytes of `x`, chunked, with no length declared.
    Chunked(usize),
}

impl Route {
    /// A 200 of `content_type` with `body`.
    pub fn ok(content_type: &str, body: &[u8]) -> Route {
        Route {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: Body::Bytes(body.to_vec()),
            delay: Duration::ZERO,
        }
    }

    /// An HTML page.
    pub fn html(body: &str) -> Route {
        Route::ok("text/html; charset=utf-8", body.as_bytes())
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Route {
        Route {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Body::Bytes(Vec::new()),
            delay: Duration::ZERO,
        }
    }

    /// A bare status.
    pub fn status(status: u16) -> Route {
        Route {
            status,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: Body::Bytes(format!("status {status}").into_bytes()),
            delay: Duration::ZERO,
        }
    }

    /// The route with one more header.
    pub fn with(mut self, name: &str, value: &str) -> Route {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The value of header `name`, if set.
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One request the server saw.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The path and query asked for.
    pub path: String,
    /// Its headers, names lowercased.
    pub headers: HashMap<String, String>,
    /// The status answered.
    pub status: u16,
}

type Routes = Arc<Mutex<HashMap<String, Route>>>;

/// The running server.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The port.
    pub port: u16,
    server: Arc<tiny_http::Server>,
    routes: Routes,
    log: Arc<Mutex<Vec<Seen>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server on a free port of 127.0.0.1 with no routes (every path answers 404).
    pub fn start() -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let routes: Routes = Arc::default();
        let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let thread = {
            let (server, routes, log) = (server.clone(), routes.clone(), log.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let (routes, log) = (routes.clone(), log.clone());
                    std::thread::spawn(move || answer(request, &routes, &log));
                }
            })
        };
        Server {
            base: format!("http://127.0.0.1:{port}"),
            port,
            server,
            routes,
            log,
            thread: Some(thread),
        }
    }

    /// Serves `route` at `path` (replacing what was there).
    pub fn set(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.into(), route);
    }

    /// The full URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The requests seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }

    /// The requests seen for `path`.
    pub fn seen_at(&self, path: &str) -> Vec<Seen> {
        self.seen().into_iter().filter(|s| s.path == path).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Answers one request from the routes, honouring `If-None-Match` with a 304.
fn answer(request: tiny_http::Request, routes: &Routes, log: &Mutex<Vec<Seen>>) {
    let path = request.url().to_string();
    let headers: HashMap<String, String> = request
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_ascii_lowercase(),
                h.value.to_string(),
            )
        })
        .collect();
    let route = routes.lock().unwrap().get(&path).cloned();
    let route = route.unwrap_or_else(|| Route::status(404));
    let not_modified = route.status == 200
        && route.header("ETag").is_some()
        && headers.get("if-none-match").map(String::as_str) == route.header("ETag");
    let status = if not_modified { 304 } else { route.status };
    log.lock().unwrap().push(Seen {
        path,
        headers,
        status,
    });
    std::thread::sleep(route.delay);
    let headers: Vec<Header> = route
        .headers
        .iter()
        .map(|(n, v)| Header::from_bytes(n.as_bytes(), v.as_bytes()).unwrap())
        .collect();
    let status_code = StatusCode(status);
    // Errors answering (the client gave up on a slow or huge answer) are expected.
    let _ = if not_modified {
        let mut response = Response::empty(status_code);
        for h in headers {
            response.add_header(h);
        }
        request.respond(response)
    } else {
        match route.body {
            Body::Bytes(bytes) => {
                let length = bytes.len();
                request.respond(Response::new(
                    status_code,
                    headers,
                    std::io::Cursor::new(bytes),
                    Some(length),
                    None,
                ))
            }
            Body::Declared(n) => request.respond(
                Response::new(
                    status_code,
                    headers,
                    std::io::repeat(b'x').take(n as u64),
                    Some(n),
                    None,
                )
                .with_chunked_threshold(usize::MAX),
            ),
            Body::Chunked(n) => request.respond(Response::new(
                status_code,
                headers,
                std::io::repeat(b'x').take(n as u64),
                None,
                None,
            )),
        }
    };
}
