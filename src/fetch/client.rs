//! The polite HTTP client: one `ureq` agent (rustls), a user agent naming the tool, a pause
//! between requests to the same host, robots.txt fetched once per site and honoured, redirects
//! followed by hand (each hop checked against robots.txt and paced, a loop or more than
//! [`MAX_REDIRECTS`] refused), timeouts on connecting, on each read and on the whole request,
//! the body capped in size (a declared length over the cap is refused before the body is read),
//! and the content type checked.

use std::collections::HashMap;
use std::io::Read;
use std::time::{Duration, Instant};

use ureq::http::{Response, StatusCode, header};
use url::Url;

use super::naming::{self, Kind};
use super::robots::{self, Site};

/// The most redirects followed for one URL.
pub const MAX_REDIRECTS: usize = 5;

/// The longest wait for a connection, whatever the whole request may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest wait for any one read of the response.
const READ_TIMEOUT: Duration = Duration::from_secs(20);

/// What is asked for, in order of preference.
const ACCEPT: &str = "text/html, application/xhtml+xml, application/rss+xml, \
                      application/atom+xml, application/feed+json, application/xml;q=0.9, \
                      text/xml;q=0.9, application/json;q=0.8, text/plain;q=0.8";

/// How the client behaves.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The `User-Agent` header.
    pub user_agent: String,
    /// The least time between two requests to one host (robots.txt may ask for more).
    pub delay: Duration,
    /// The longest a request may take, body included; it also caps the connect and read
    /// timeouts.
    pub timeout: Duration,
    /// The largest body accepted, in bytes.
    pub max_bytes: u64,
}

/// The validators of an earlier response, for a conditional request.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    /// Sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// A response worth keeping.
#[derive(Debug)]
pub struct Page {
    /// The address it came from, after redirects.
    pub final_url: Url,
    /// The body.
    pub bytes: Vec<u8>,
    /// What it is, by its content type.
    pub kind: Kind,
    /// The `Content-Type` header.
    pub content_type: String,
    /// The validators to send next time.
    pub validators: Validators,
}

/// What a GET came to.
#[derive(Debug)]
pub enum Fetched {
    /// The server answered 304: what was fetched before is current.
    NotModified,
    /// A new body.
    Page(Page),
}

/// The client; it remembers robots.txt and the time of the last request per host.
pub struct Client {
    agent: ureq::Agent,
    settings: Settings,
    last_request: HashMap<String, Instant>,
    sites: HashMap<String, Site>,
}

impl Client {
    /// A client with these settings.
    pub fn new(settings: Settings) -> Client {
        let agent = ureq::Agent::config_builder()
            .user_agent(settings.user_agent.as_str())
            .accept(ACCEPT)
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_connect(Some(CONNECT_TIMEOUT.min(settings.timeout)))
            .timeout_per_read(Some(READ_TIMEOUT.min(settings.timeout)))
            .timeout_per_call(Some(settings.timeout))
            .build()
            .new_agent();
        Client {
            agent,
            settings,
            last_request: HashMap::new(),
            sites: HashMap::new(),
        }
    }

    /// Fetches `url`, conditionally when `validators` are given; the reason when it cannot.
    pub fn get(&mut self, url: &Url, validators: Option<&Validators>) -> Result<Fetched, String> {
        let mut chain = vec![url.clone()];
        loop {
            let current = chain.last().cloned().unwrap_or_else(|| url.clone());
            self.site(&current).check(&current)?;
            let mut response = self.send(&current, validators)?;
            let status = response.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let next = redirect_target(&current, &response)?;
                if chain.contains(&next) {
                    chain.push(next);
                    return Err(format!("redirect loop: {}", join(&chain)));
                }
                if chain.len() > MAX_REDIRECTS {
                    return Err(format!(
                        "more than {MAX_REDIRECTS} redirects: {} → {next}",
                        join(&chain)
                    ));
                }
                chain.push(next);
                continue;
            }
            if status == StatusCode::NOT_MODIFIED && validators.is_some() {
                return Ok(Fetched::NotModified);
            }
            if status != StatusCode::OK {
                return Err(format!(
                    "HTTP {} {}",
                    status.as_u16(),
                    status.canonical_reason().unwrap_or_default()
                ));
            }
            return self.read_page(current, &mut response).map(Fetched::Page);
        }
    }

    /// Checks the content type and the size, and reads the body.
    fn read_page(
        &self,
        final_url: Url,
        response: &mut Response<ureq::Body>,
    ) -> Result<Page, String> {
        let content_type = header_text(response, header::CONTENT_TYPE).unwrap_or_default();
        let kind = Kind::from_content_type(&content_type).ok_or_else(|| {
            if content_type.is_empty() {
                format!(
                    "the response has no content type; briefing saves {}",
                    naming::ACCEPTED
                )
            } else {
                format!(
                    "the content type is {content_type}; briefing saves {}, so it was not saved",
                    naming::ACCEPTED
                )
            }
        })?;
        let max = self.settings.max_bytes;
        let too_big =
            |what: String| format!("{what}, more than the {} cap; not saved", megabytes(max));
        if let Some(length) = response.body().content_length()
            && length > max
        {
            return Err(too_big(format!("the body is {}", megabytes(length))));
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(max)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => {
                    format!("the body runs past the {} cap; not saved", megabytes(max))
                }
                e => reason(&e),
            })?;
        Ok(Page {
            final_url,
            bytes,
            kind,
            validators: Validators {
                etag: header_text(response, header::ETAG),
                last_modified: header_text(response, header::LAST_MODIFIED),
            },
            content_type,
        })
    }

    /// The robots.txt rules of `url`'s site, fetching them the first time the site is met.
    fn site(&mut self, url: &Url) -> &Site {
        let key = robots::site_key(url);
        if !self.sites.contains_key(&key) {
            let site = self.fetch_robots(url);
            self.sites.insert(key.clone(), site);
        }
        &self.sites[&key]
    }

    /// Fetches and reads the robots.txt of `url`'s site, following up to [`MAX_REDIRECTS`].
    fn fetch_robots(&mut self, url: &Url) -> Site {
        let mut current = robots::robots_url(url);
        for _ in 0..=MAX_REDIRECTS {
            let mut response = match self.send(&current, None) {
                Ok(response) => response,
                Err(e) => return Site::unreachable(&e),
            };
            let status = response.status();
            if status.is_redirection() {
                match redirect_target(&current, &response) {
                    Ok(next) => {
                        current = next;
                        continue;
                    }
                    Err(e) => return Site::failed(&format!("could not be followed ({e})")),
                }
            }
            if !status.is_success() {
                return Site::from_response(status.as_u16(), b"");
            }
            let mut body = Vec::new();
            let read = response
                .body_mut()
                .as_reader()
                .take(robots::MAX_ROBOTS)
                .read_to_end(&mut body);
            return match read {
                Ok(_) => Site::from_response(status.as_u16(), &body),
                Err(e) => Site::failed(&format!("could not be read ({e})")),
            };
        }
        Site::failed(&format!("was redirected more than {MAX_REDIRECTS} times"))
    }

    /// Sends one GET to `url`, first waiting until the host's pause since its last request is
    /// over.
    fn send(
        &mut self,
        url: &Url,
        validators: Option<&Validators>,
    ) -> Result<Response<ureq::Body>, String> {
        let host = url.host_str().unwrap_or_default().to_string();
        let pause = self
            .sites
            .get(&robots::site_key(url))
            .and_then(Site::crawl_delay)
            .map_or(self.settings.delay, |asked| asked.max(self.settings.delay));
        if let Some(last) = self.last_request.get(&host) {
            let due = *last + pause;
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
        }
        self.last_request.insert(host, Instant::now());
        let mut request = self.agent.get(url.as_str());
        if let Some(validators) = validators {
            if let Some(etag) = &validators.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(date) = &validators.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, date);
            }
        }
        request.call().map_err(|e| reason(&e))
    }
}

/// Where a redirect response points, resolved against the URL that answered; only http and
/// https are followed.
fn redirect_target(from: &Url, response: &Response<ureq::Body>) -> Result<Url, String> {
    let location = header_text(response, header::LOCATION).ok_or_else(|| {
        format!(
            "HTTP {} without a Location to follow",
            response.status().as_u16()
        )
    })?;
    let mut next = from
        .join(&location)
        .map_err(|e| format!("redirected to {location:?}, which is not an address ({e})"))?;
    if !matches!(next.scheme(), "http" | "https") {
        return Err(format!("redirected to {next}, which is not http or https"));
    }
    next.set_fragment(None);
    Ok(next)
}

/// A header's value as text, if present and readable.
fn header_text(response: &Response<ureq::Body>, name: header::HeaderName) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A request error as a reason.
fn reason(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(what) => format!("timed out ({what})"),
        e => e.to_string(),
    }
}

/// A chain of addresses, `a → b → c`.
fn join(chain: &[Url]) -> String {
    chain
        .iter()
        .map(Url::as_str)
        .collect::<Vec<_>>()
        .join(" → ")
}

/// A byte count for messages: `10 MB`, `10.5 MB`, `512 bytes`.
fn megabytes(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{bytes} bytes")
    } else {
        let mb = bytes as f64 / 1_000_000.0;
        format!("{} MB", (mb * 10.0).round() / 10.0)
    }
}
