//! robots.txt, read the way RFC 9309 says: rules from a robots.txt that was fetched (parsed by
//! `texting_robots` for the agent `briefing`), everything allowed when there is none (a 4xx
//! status), and nothing allowed when it could not be fetched (a 5xx status or a network error),
//! since the site's wishes are then unknown.

use std::time::Duration;

use texting_robots::Robot;
use url::Url;

/// The product token matched against `User-agent:` lines.
pub const AGENT: &str = "briefing";

/// The most of a robots.txt parsed (RFC 9309 asks crawlers to read at least 500 KiB); the rest
/// is ignored.
pub const MAX_ROBOTS: u64 = 512 << 10;

/// The longest `Crawl-delay` honoured; a site asking for more is not fetched from.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// What one site's robots.txt allows.
pub enum Site {
    /// No robots.txt (it answered 4xx): everything may be fetched.
    AllowAll,
    /// robots.txt could not be fetched or read: nothing is fetched; says why.
    DisallowAll(String),
    /// The site could not be reached to ask for robots.txt; says why.
    Unreachable(String),
    /// The site's rules for `briefing`.
    Rules(Box<Robot>),
}

/// The robots.txt address of `url`'s site (same scheme, host and port).
pub fn robots_url(url: &Url) -> Url {
    let mut robots = url.clone();
    robots.set_path("/robots.txt");
    robots.set_query(None);
    robots.set_fragment(None);
    robots
}

/// The key robots.txt rules are kept under: scheme, host and port.
pub fn site_key(url: &Url) -> String {
    url.origin().ascii_serialization()
}

impl Site {
    /// The site's robots.txt as answered with `status` and `body` (the body of a 2xx only).
    pub fn from_response(status: u16, body: &[u8]) -> Site {
        match status {
            200..=299 => match Robot::new(AGENT, body) {
                Ok(robot) => Site::Rules(Box::new(robot)),
                Err(e) => Site::failed(&format!("cannot be read ({e})")),
            },
            400..=499 => Site::AllowAll,
            _ => Site::failed(&format!("answered HTTP {status}")),
        }
    }

    /// The site's robots.txt could not be had: `what` says what happened to it.
    pub fn failed(what: &str) -> Site {
        Site::DisallowAll(format!(
            "its robots.txt {what}, and a site whose robots.txt fails is not fetched from (RFC 9309)"
        ))
    }

    /// The site could not be reached for its robots.txt: `reason` says why.
    pub fn unreachable(reason: &str) -> Site {
        Site::Unreachable(reason.to_string())
    }

    /// Whether `url` may be fetched; the reason when not.
    pub fn check(&self, url: &Url) -> Result<(), String> {
        let refusal = |why: &str| Err(format!("not fetched: {why}"));
        match self {
            Site::AllowAll => Ok(()),
            Site::DisallowAll(why) => refusal(why),
            Site::Unreachable(why) => Err(format!(
                "the site cannot be reached ({why}); not even its robots.txt was fetched"
            )),
            Site::Rules(robot) => {
                if let Some(delay) = robot.delay
                    && (delay.is_nan() || delay > MAX_CRAWL_DELAY.as_secs_f32())
                {
                    return refusal(&format!(
                        "its robots.txt asks for {delay} s between requests, more than the {} s \
                         briefing waits",
                        MAX_CRAWL_DELAY.as_secs()
                    ));
                }
                if robot.allowed(url.as_str()) {
                    Ok(())
                } else {
                    refusal(&format!(
                        "its robots.txt disallows {} for {AGENT}",
                        url.path()
                    ))
                }
            }
        }
    }

    /// The pause between requests the site asks for (`Crawl-delay`), if any.
    pub fn crawl_delay(&self) -> Option<Duration> {
        match self {
            Site::Rules(robot) => robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f32(d.min(MAX_CRAWL_DELAY.as_secs_f32()))),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn rules_for_briefing_are_honoured() {
        let txt = b"User-agent: briefing\nDisallow: /private\nCrawl-delay: 2\n\nUser-agent: *\nDisallow: /\n";
        let site = Site::from_response(200, txt);
        assert!(site.check(&url("https://x.id/news/a")).is_ok());
        let err = site.check(&url("https://x.id/private/a")).unwrap_err();
        assert!(err.contains("disallows /private/a"), "{err}");
        assert_eq!(site.crawl_delay(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn other_agents_rules_apply_through_the_star() {
        let site = Site::from_response(200, b"User-agent: *\nDisallow: /\n");
        assert!(site.check(&url("https://x.id/a")).is_err());
        let site = Site::from_response(200, b"User-agent: otherbot\nDisallow: /\n");
        assert!(site.check(&url("https://x.id/a")).is_ok());
    }

    #[test]
    fn missing_allows_and_unreachable_disallows() {
        assert!(
            Site::from_response(404, b"")
                .check(&url("https://x.id/a"))
                .is_ok()
        );
        assert!(
            Site::from_response(503, b"")
                .check(&url("https://x.id/a"))
                .is_err()
        );
        let err = Site::unreachable("timed out")
            .check(&url("https://x.id/a"))
            .unwrap_err();
        assert!(err.contains("timed out"), "{err}");
    }

    #[test]
    fn a_huge_crawl_delay_is_refused_not_waited_for() {
        let site = Site::from_response(200, b"User-agent: *\nCrawl-delay: 86400\n");
        assert!(site.check(&url("https://x.id/a")).is_err());
        assert_eq!(site.crawl_delay(), Some(MAX_CRAWL_DELAY));
    }

    #[test]
    fn robots_url_keeps_the_origin() {
        assert_eq!(
            robots_url(&url("http://127.0.0.1:9/a/b?c=d#e")).as_str(),
            "http://127.0.0.1:9/robots.txt"
        );
        assert_eq!(site_key(&url("https://X.id/a")), "https://x.id");
    }
}
