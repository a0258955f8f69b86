//! What a response is (by its content type) and the file it is saved as.
//!
//! A file's name is made from its URL alone, so the same URL always lands in the same file:
//! `<host>-<path>-<hash>.<ext>`. Host and path are lowercased and every run of characters other
//! than ASCII letters and digits becomes one `-` (a leading `www.` and a trailing `.html`-like
//! extension are left out, percent escapes count as separators), cut to [`MAX_SLUG`] characters;
//! the hash is the first 12 hex digits of the blake3 hash of the whole URL (query included), so
//! two URLs whose slugs agree still get different files. The extension comes from the content
//! type ([`Kind::extension`]).

use url::Url;

/// The longest slug (host and path part) of a file name, in characters.
pub const MAX_SLUG: usize = 60;

/// Hex digits of the URL's hash in a file name: 48 bits, so a clash between two URLs whose
/// slugs also agree is far beyond any input folder (and is still detected, not overwritten).
const HASH_DIGITS: usize = 12;

/// Path extensions left out of the slug: the saved file gets its own from the content type.
const PAGE_EXTENSIONS: &[&str] = &[
    "html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "xml", "rss", "atom", "json",
    "txt",
];

/// What a response holds, judged by its content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An HTML or XHTML page.
    Html,
    /// Plain text.
    Text,
    /// An RSS feed (`application/rss+xml`).
    Rss,
    /// An Atom feed (`application/atom+xml`).
    Atom,
    /// A feed served as generic XML (`application/xml`, `text/xml`, `application/rdf+xml`).
    Xml,
    /// A JSON Feed (`application/feed+json`, or `application/json` that parses as a feed).
    JsonFeed,
}

/// The content types accepted, for messages.
pub const ACCEPTED: &str = "HTML or XHTML pages, RSS, Atom or XML feeds, JSON Feeds and plain text";

impl Kind {
    /// The kind of a content type's essence (`text/html; charset=utf-8` → [`Kind::Html`]); none
    /// for a type that is not a page, a feed or text.
    pub fn from_content_type(content_type: &str) -> Option<Kind> {
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        Some(match essence.as_str() {
            "text/html" | "application/xhtml+xml" => Kind::Html,
            "text/plain" => Kind::Text,
            "application/rss+xml" => Kind::Rss,
            "application/atom+xml" => Kind::Atom,
            "application/xml" | "text/xml" | "application/rdf+xml" => Kind::Xml,
            "application/feed+json" | "application/json" => Kind::JsonFeed,
            _ => return None,
        })
    }

    /// The extension of the saved file.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Html => "html",
            Kind::Text => "txt",
            Kind::Rss => "rss",
            Kind::Atom => "atom",
            Kind::Xml => "xml",
            Kind::JsonFeed => "json",
        }
    }

    /// True for feeds: they must parse as one, and their items are fetched too.
    pub fn is_feed(self) -> bool {
        matches!(self, Kind::Rss | Kind::Atom | Kind::Xml | Kind::JsonFeed)
    }
}

/// The file name `url` is saved under when its response is of `kind`.
pub fn file_name(url: &Url, kind: Kind) -> String {
    format!("{}-{}.{}", slug(url), url_hash(url), kind.extension())
}

/// The first [`HASH_DIGITS`] hex digits of the blake3 hash of the URL as written by the `url`
/// crate (scheme and host lowercased, default port dropped).
pub fn url_hash(url: &Url) -> String {
    blake3::hash(url.as_str().as_bytes()).to_hex()[..HASH_DIGITS].to_string()
}

/// The host (without `www.`, with a port if one is given) and path of `url` as lowercase ASCII
/// letters and digits joined by single `-`, at most [`MAX_SLUG`] characters; `page` when
/// nothing is left.
pub fn slug(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    let mut text = host.to_string();
    if let Some(port) = url.port() {
        text.push_str(&format!("-{port}"));
    }
    text.push('/');
    text.push_str(without_page_extension(url.path()));
    let mut slug = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            // A percent escape separates, whatever byte it stands for.
            for _ in 0..2 {
                chars.next_if(char::is_ascii_hexdigit);
            }
            push_separator(&mut slug);
        } else if c.is_ascii_alphanumeric() {
            if slug.len() == MAX_SLUG {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else {
            push_separator(&mut slug);
        }
    }
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "page".into()
    } else {
        slug.to_string()
    }
}

/// Adds one `-` unless the slug is empty, full or already ends with one.
fn push_separator(slug: &mut String) {
    if !slug.is_empty() && !slug.ends_with('-') && slug.len() < MAX_SLUG {
        slug.push('-');
    }
}

/// The path without a trailing page extension (`/a/b.html` → `/a/b`).
fn without_page_extension(path: &str) -> &str {
    let last = path.rsplit('/').next().unwrap_or_default();
    match last.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty() && PAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) =>
        {
            &path[..path.len() - ext.len() - 1]
        }
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn slug_keeps_host_and_path_words() {
        assert_eq!(
            slug(&url(
                "https://www.Kompas.com/read/2024/06/19/rusia-korut.html?page=2"
            )),
            "kompas-com-read-2024-06-19-rusia-korut"
        );
        assert_eq!(
            slug(&url("http://127.0.0.1:8080/feeds/news.rss")),
            "127-0-0-1-8080-feeds-news"
        );
        assert_eq!(slug(&url("https://example.com/")), "example-com");
        assert_eq!(
            slug(&url("https://example.com/berita/%E2%80%94Ã©t%C3%A9-x")),
            "example-com-berita-t-x"
        );
        assert_eq!(slug(&url("https://example.com/.html")), "example-com-html");
    }

    #[test]
    fn slug_is_bounded_and_never_ends_in_a_dash() {
        let long = format!("https://example.com/{}", "ab-".repeat(100));
        let s = slug(&url(&long));
        assert!(s.len() <= MAX_SLUG, "{s}");
        assert!(!s.ends_with('-') && !s.starts_with('-'), "{s}");
    }

    #[test]
    fn names_differ_by_query_and_are_stable() {
        let a = file_name(&url("https://example.com/a?id=1"), Kind::Html);
        let b = file_name(&url("https://example.com/a?id=2"), Kind::Html);
        assert_ne!(a, b);
        assert!(
            a.starts_with("example-com-a-") && a.ends_with(".html"),
            "{a}"
        );
        let hash = &blake3::hash(b"https://example.com/a?id=1").to_hex()[..12];
        assert_eq!(a, format!("example-com-a-{hash}.html"));
        // The url crate writes the same address one way: case of scheme and host, default port.
        assert_eq!(
            a,
            file_name(&url("HTTPS://EXAMPLE.com:443/a?id=1"), Kind::Html)
        );
    }

    #[test]
    fn content_types_map_to_kinds() {
        let kind = Kind::from_content_type;
        assert_eq!(kind("text/html; charset=UTF-8"), Some(Kind::Html));
        assert_eq!(kind("Application/XHTML+XML"), Some(Kind::Html));
        assert_eq!(kind("application/rss+xml"), Some(Kind::Rss));
        assert_eq!(kind("application/atom+xml"), Some(Kind::Atom));
        assert_eq!(kind("text/xml"), Some(Kind::Xml));
        assert_eq!(kind("application/feed+json"), Some(Kind::JsonFeed));
        assert_eq!(kind("text/plain"), Some(Kind::Text));
        assert_eq!(kind("image/png"), None);
        assert_eq!(kind(""), None);
        assert!(Kind::Rss.is_feed() && !Kind::Html.is_feed() && !Kind::Text.is_feed());
    }
}
