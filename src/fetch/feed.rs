//! The items of a fetched feed: parsed with `feed-rs` (RSS 0.9–2.0, Atom, JSON Feed), each
//! item's link taken (its `alternate` link, else its first), resolved against the feed's address.

use url::Url;

/// The http and https links of the feed's items, in feed order, each once; an error when the
/// bytes are not a feed.
pub fn item_links(bytes: &[u8], base: &Url) -> Result<Vec<Url>, String> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        .build()
        .parse(bytes)
        .map_err(|e| format!("it is not a feed feed-rs can read ({e}); not saved"))?;
    let mut links: Vec<Url> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for entry in &feed.entries {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
            .or_else(|| entry.links.first());
        let Some(mut url) = link.and_then(|l| base.join(l.href.trim()).ok()) else {
            continue;
        };
        url.set_fragment(None);
        if matches!(url.scheme(), "http" | "https") && seen.insert(url.clone()) {
            links.push(url);
        }
    }
    Ok(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_resolve_against_the_feed() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>A</title><link>http://x.id/a</link></item>
            <item><title>B</title><link>/b#comments</link></item>
            <item><title>A again</title><link>http://x.id/a</link></item>
            <item><title>Mail</title><link>mailto:x@x.id</link></item>
            <item><title>None</title></item>
            </channel></rss>"#;
        let base = Url::parse("http://x.id/feed.xml").unwrap();
        let links = item_links(rss, &base).unwrap();
        let links: Vec<&str> = links.iter().map(Url::as_str).collect();
        assert_eq!(links, ["http://x.id/a", "http://x.id/b"]);
    }

    #[test]
    fn atom_takes_the_alternate_link_and_json_feed_its_url() {
        let atom = br#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>t</id><updated>2024-06-20T00:00:00Z</updated>
            <entry><title>A</title><id>a</id><updated>2024-06-20T00:00:00Z</updated>
              <link rel="enclosure" href="http://x.id/a.mp3"/><link rel="alternate" href="http://x.id/a"/></entry>
            </feed>"#;
        let base = Url::parse("http://x.id/atom").unwrap();
        assert_eq!(
            item_links(atom, &base).unwrap()[0].as_str(),
            "http://x.id/a"
        );
        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
            "items": [{"id": "1", "url": "http://x.id/j", "content_text": "x"}]}"#;
        assert_eq!(
            item_links(json, &base).unwrap()[0].as_str(),
            "http://x.id/j"
        );
    }

    #[test]
    fn a_page_is_not_a_feed() {
        let base = Url::parse("http://x.id/").unwrap();
        assert!(item_links(b"<html><body>hi</body></html>", &base).is_err());
        assert!(item_links(b"{\"a\": 1}", &base).is_err());
    }
}
