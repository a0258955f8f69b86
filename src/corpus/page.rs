//! Saved web pages (`.html`, `.htm`): the main text, found by `dom_smoothie` (a port of
//! Mozilla's Readability, chosen over `rs-trafilatura`, see README "Inputs"), and the page's
//! metadata read from its head: title, authors, publish date, site name, canonical URL and
//! `<html lang>`.
//!
//! Extraction is bounded: the file is read with a size bound ([`crate::bounded`]), a page
//! nested deeper than [`MAX_DEPTH`] elements is refused before it is parsed (HTML tree building
//! costs grow with the square of the nesting), and a panic inside the extractor is caught and
//! becomes a warning naming the file.

mod around;
mod error_page;
mod title;

use std::panic::{AssertUnwindSafe, catch_unwind};

use dom_query::Document as Dom;
use serde_json::Value;

use super::{Document, Paragraph, distinct_names, empty_document, meta};
use title::{host_of, shown_title, site_shown, without_date_suffix, without_site};

/// The deepest element nesting read; real pages nest a few dozen elements deep.
pub const MAX_DEPTH: usize = 256;

/// Elements that never hold others, or whose end tag may be left out (they are closed by the
/// next sibling, so leaving them open does not nest).
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot",
    "option", "optgroup", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
    "!doctype",
];

/// Reads a page into a document (its paragraphs may be empty: the caller says so). `Err` is a
/// message for a warning: the page cannot be read.
pub fn read(id: String, path: String, html: &str) -> Result<Document, String> {
    if let Some(depth) = too_deep(html) {
        return Err(format!(
            "nests elements more than {depth} deep; not read as a page (re-save the page, or \
             copy its text into a .txt file)"
        ));
    }
    let doc = catch_unwind(AssertUnwindSafe(|| extract(id, path, html)))
        .map_err(|_| "could not be read as a page (the HTML extractor failed); skipped")?;
    let words = (doc.paragraphs.iter())
        .map(|p| p.text.split_whitespace().count())
        .sum();
    match doc.title.as_deref() {
        Some(title) if error_page::is_error_page(title, words) => Err(format!(
            "is an error page (\u{201c}{title}\u{201d}), not an article; skipped (save or fetch \
             the article's page again)"
        )),
        _ => Ok(doc),
    }
}

fn extract(id: String, path: String, html: &str) -> Document {
    let mut doc = empty_document(id, path);
    let dom = Dom::from(html);
    let head = Head::of(&dom);
    around::drop_around_text(&dom);
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let article = dom_smoothie::Readability::with_document(dom, None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok());
    doc.title = head
        .title
        .or_else(|| {
            article
                .as_ref()
                .map(|a| clean(&a.title))
                .filter(|t| !t.is_empty())
        })
        .map(|t| shown_title(&t));
    // Without a site name, the host of the page's own address names it ("nature.com").
    doc.source = (head.site.or_else(|| article.as_ref()?.site_name.clone()))
        .map(site_shown)
        .or_else(|| head.url.as_deref().and_then(host_of));
    let mut title_date = None;
    if let Some(title) = doc.title.as_mut() {
        let (rest, date) = without_date_suffix(title);
        (*title, title_date) = (rest.to_string(), date);
    }
    if let (Some(title), Some(site)) = (doc.title.as_mut(), doc.source.as_deref()) {
        *title = without_site(title, site).to_string();
    }
    doc.authors = distinct_names(
        head.authors
            .iter()
            .map(String::as_str)
            .flat_map(meta::page_authors),
    );
    if doc.authors.is_empty() {
        let byline = article.as_ref().and_then(|a| a.byline.clone());
        doc.authors = distinct_names(
            byline
                .map(|b| meta::page_authors(&strip_by(&b)))
                .into_iter()
                .flatten(),
        );
    }
    // A byline naming the site ("Al Jazeera" on aljazeera.com) names the publisher, kept as
    // the source, not a person.
    let publisher = doc.source.as_deref().map(str::to_lowercase);
    doc.authors
        .retain(|a| Some(a.to_lowercase()) != publisher && !a.contains("://"));
    doc.date = head.date.or(title_date);
    doc.url = head.url;
    let text = article
        .map(|a| a.text_content.to_string())
        .unwrap_or_default();
    // `<html lang>` is often the site template's, not the text's (German pages say "en"): it is
    // a hint, taken only where the text itself does not tell.
    doc.declared = head.language;
    let blocks = paragraphs(&text);
    super::body(
        &mut doc,
        blocks.into_iter().map(|p| (p.text, p.line, false)),
    );
    doc
}

/// The text's paragraphs: one per non-empty line, whitespace collapsed; `line` counts
/// paragraphs (a page has no line numbers of its own).
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    text.lines()
        .map(clean)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, text)| Paragraph { text, line: i + 1 })
        .collect()
}

/// The text of an HTML fragment (a feed item's content), paragraph by paragraph.
pub fn fragment_paragraphs(html: &str) -> Result<Vec<Paragraph>, String> {
    if let Some(depth) = too_deep(html) {
        return Err(format!("nests elements more than {depth} deep"));
    }
    catch_unwind(AssertUnwindSafe(|| {
        paragraphs(&Dom::fragment(html).formatted_text())
    }))
    .map_err(|_| "the HTML extractor failed".into())
}

/// Whitespace runs collapsed to one space, trimmed.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A byline without its "By"/"Oleh"/"Penulis:" lead.
fn strip_by(byline: &str) -> String {
    let text = clean(byline);
    for lead in [
        "By ",
        "by ",
        "Oleh ",
        "oleh ",
        "Penulis:",
        "Penulis :",
        "Reporter:",
    ] {
        if let Some(rest) = text.strip_prefix(lead) {
            return rest.trim().to_string();
        }
    }
    text
}

/// `Some(MAX_DEPTH)` when the markup nests elements deeper than [`MAX_DEPTH`]: a linear scan
/// of the tags that keeps the open elements (end tags close up to their match, as browsers do).
fn too_deep(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]) {
        i += lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!' || **b == b'-')
                .count();
        let Some(gt) = memchr(b'>', &bytes[end..]) else {
            break;
        };
        let name = html[start..end].to_ascii_lowercase();
        let self_closing = end + gt > 0 && bytes[end + gt - 1] == b'/';
        i = end + gt + 1;
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
        } else if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            // Raw text: skip to its end tag.
            let close = format!("</{name}");
            i = find_ignore_case(&html[i..], &close).map_or(bytes.len(), |e| i + e);
        } else if !self_closing {
            open.push(name);
            if open.len() > MAX_DEPTH {
                return Some(MAX_DEPTH);
            }
        }
    }
    None
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    haystack
        .as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// What a page's head (and JSON-LD) says about it.
#[derive(Debug, Default)]
struct Head {
    title: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    site: Option<String>,
    url: Option<String>,
    /// `<html lang>`, as written.
    language: Option<String>,
}

/// Meta tags giving the publish date, in order of trust.
const DATE_META: &[&str] = &[
    r#"meta[property="article:published_time"]"#,
    r#"meta[name="article:published_time"]"#,
    r#"meta[itemprop="datePublished"]"#,
    r#"meta[name="pubdate"]"#,
    r#"meta[name="publishdate"]"#,
    r#"meta[name="publish-date"]"#,
    r#"meta[name="content_PublishedDate"]"#,
    r#"meta[name="dc.date"]"#,
    r#"meta[name="DC.date.issued"]"#,
    r#"meta[name="date"]"#,
    r#"meta[name="sailthru.date"]"#,
    r#"meta[name="parsely-pub-date"]"#,
];

/// Elements that give the publish date in a `title` (hAtom's `<abbr class="published"
/// title="2014-12-29T22:16:26Z">`), the published one before the updated one.
const DATE_TITLES: &[&str] = &[
    r#"[class~="published"][title]"#,
    r#"[class~="updated"][title]"#,
];

/// Elements whose text is the date as the page shows it ("on 04 December 2014", "Dec. 29 2014
/// 3:00 AM"): read last, and only a full date in them.
const DATE_TEXTS: &str = r#"[itemprop="datePublished"], [class~="date"], [class~="pub-date"], [class~="published"], [class~="post-date"], [class~="entry-date"], [class~="article-date"]"#;

impl Head {
    fn of(dom: &Dom) -> Head {
        let meta_of = |selector: &str| {
            dom.select(selector)
                .iter()
                .filter_map(|m| m.attr("content"))
                .map(|c| clean(&c))
                .find(|c| !c.is_empty())
        };
        let ld = json_ld(dom);
        let title = meta_of(r#"meta[property="og:title"]"#)
            .or_else(|| ld.iter().find_map(|v| string(v.get("headline"))));
        // The author meta tags only when the JSON-LD names none: next to it, they most often
        // name the publisher site-wide (`<meta name="author" content="Condé Nast">` on Wired
        // beside the JSON-LD's "Tom Bennett").
        let mut authors: Vec<String> = ld.iter().flat_map(|v| names(v.get("author"))).collect();
        if authors.is_empty() {
            authors.extend(
                dom.select(r#"meta[name="author"], meta[name="dc.creator"]"#)
                    .iter()
                    .filter_map(|m| m.attr("content"))
                    .map(|c| c.to_string())
                    .filter(|c| !c.contains("://")),
            );
        }
        let date = DATE_META
            .iter()
            .find_map(|s| meta_of(s))
            .into_iter()
            .chain(ld.iter().filter_map(|v| string(v.get("datePublished"))))
            .chain(
                dom.select("time[datetime]")
                    .iter()
                    .filter_map(|t| t.attr("datetime").map(|d| d.to_string())),
            )
            .chain(DATE_TITLES.iter().flat_map(|selector| {
                (dom.select(selector).iter())
                    .filter_map(|e| e.attr("title").map(|d| d.to_string()))
                    .collect::<Vec<_>>()
            }))
            .find_map(|d| normal_date(&d))
            .or_else(|| {
                (dom.select(DATE_TEXTS).iter())
                    .map(|e| clean(&e.text()))
                    .filter(|t| t.len() <= 80)
                    .find_map(|t| meta::first_date(&t))
            });
        let url = dom
            .select(r#"link[rel="canonical"]"#)
            .iter()
            .filter_map(|l| l.attr("href"))
            .map(|h| h.trim().to_string())
            .find(|h| !h.is_empty())
            .or_else(|| meta_of(r#"meta[property="og:url"]"#));
        let og_site = meta_of(r#"meta[property="og:site_name"]"#);
        let publisher = ld
            .iter()
            .find_map(|v| string(v.get("publisher").and_then(|p| p.get("name"))));
        let site = match (og_site, publisher) {
            // `og:site_name` "U.S." (an edition) on reuters.com, whose JSON-LD publisher is
            // "Reuters": the name the page's address carries is the site's.
            (Some(og), Some(publisher))
                if !names_host(&og, url.as_deref()) && names_host(&publisher, url.as_deref()) =>
            {
                Some(publisher)
            }
            (og, publisher) => og.or(publisher),
        };
        let language = dom
            .select("html")
            .attr("lang")
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty());
        Head {
            title,
            authors,
            date,
            site,
            url,
            language,
        }
    }
}

/// The JSON-LD objects of a page that describe an article (or any object with a publish
/// date or headline): top-level objects, arrays of them and `@graph` members.
fn json_ld(dom: &Dom) -> Vec<Value> {
    let mut out = Vec::new();
    for script in dom.select(r#"script[type="application/ld+json"]"#).iter() {
        let Ok(value) = serde_json::from_str::<Value>(script.text().trim()) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items.into_iter().rev()),
                Value::Object(mut map) => {
                    if let Some(graph) = map.remove("@graph") {
                        stack.push(graph);
                    }
                    if map.contains_key("datePublished") || map.contains_key("headline") {
                        out.push(Value::Object(map));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// True when the host of `url` carries `name`, letters and digits only, of three or more
/// ("Reuters" in www.reuters.com, "DW.COM" in www.dw.com).
pub(super) fn names_host(name: &str, url: Option<&str>) -> bool {
    let Some(host) = url.and_then(|u| url::Url::parse(u).ok()?.host_str().map(str::to_lowercase))
    else {
        return false;
    };
    let host: String = host.chars().filter(char::is_ascii_alphanumeric).collect();
    let name: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    name.chars().count() >= 3 && host.contains(&name)
}

/// A JSON-LD string, trimmed, when not empty. A script's text is not read as HTML, so the
/// character references some sites write into it ("Lindsey O&#039;Donnell") are decoded here.
fn string(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(ld_text)
        .filter(|s| !s.is_empty())
}

/// A JSON-LD string's text: character references decoded, whitespace collapsed.
fn ld_text(text: &str) -> String {
    clean(&html_escape::decode_html_entities(text))
}

/// The names in a JSON-LD `author`: a string, a person (`name`) or a list of either.
fn names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![ld_text(s)],
        Some(Value::Object(map)) => string(map.get("name")).into_iter().collect(),
        Some(Value::Array(items)) => items.iter().flat_map(|v| names(Some(v))).collect(),
        _ => Vec::new(),
    }
}

/// A date as `YYYY-MM-DD`: an ISO 8601 timestamp's date as written (its own time zone, so
/// `2024-03-05T06:00:00+07:00` is the 5th; also in its basic form, `20141229 18:22:00`), else a
/// date written out ("5 Maret 2024").
pub fn normal_date(text: &str) -> Option<String> {
    let text = text.trim();
    let basic = text
        .get(..8)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
        .filter(|_| matches!(text.as_bytes().get(8), None | Some(b' ' | b'T')))
        .map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]));
    let text = basic.as_deref().unwrap_or(text);
    let iso = text.get(..10).filter(|d| {
        let b = d.as_bytes();
        b[4] == b'-' && b[7] == b'-' && d.chars().filter(char::is_ascii_digit).count() == 8
    });
    match iso {
        Some(d) => {
            let (y, m, day) = (&d[..4], &d[5..7], &d[8..]);
            let ok = ("01"..="12").contains(&m) && ("01"..="31").contains(&day) && y >= "1900";
            ok.then(|| d.to_string())
        }
        None => meta::first_date(text),
    }
}

#[cfg(test)]
mod tests;
