use super::*;

#[test]
fn nesting_is_counted_by_open_elements() {
    let deep = format!("{}x{}", "<div>".repeat(300), "</div>".repeat(300));
    assert_eq!(too_deep(&deep), Some(MAX_DEPTH));
    let closed = "<div></div>".repeat(1000);
    assert_eq!(too_deep(&closed), None);
    // Paragraphs and list items left open do not nest; nor do void elements.
    let open = "<p>a<li>b<br><img src=x>".repeat(1000);
    assert_eq!(too_deep(&open), None);
    // Markup inside scripts and comments is not markup.
    let script = format!(
        "<script>{}</script><!--{}-->",
        "<div>".repeat(300),
        "<b>".repeat(300)
    );
    assert_eq!(too_deep(&script), None);
}

/// A page with the head shapes of real sites: an edition as `og:site_name` (reuters.com),
/// a character reference inside JSON-LD (threatpost.com), a date after the title (dw.com).
fn page(site: &str, ld: &str, title: &str) -> Document {
    let body = "<p>The ministers met in Brussels on Monday to agree the plan for the year. \
                They said the talks had gone well and would go on in March.</p>"
        .repeat(3);
    let html = format!(
        r#"<html><head><title>{title}</title><meta property="og:title" content="{title}">
        <meta property="og:site_name" content="{site}">
        <link rel="canonical" href="https://www.reuters.com/article/x">
        <script type="application/ld+json">{ld}</script></head>
        <body><article><h1>{title}</h1>{body}</article></body></html>"#
    );
    read("x".into(), "x.html".into(), &html).expect("a page")
}

#[test]
fn the_site_the_address_names_and_references_in_json_ld_are_read() {
    let ld = r#"{"@type":"NewsArticle","headline":"Talks go on",
        "author":{"@type":"Person","name":"Lindsey O&#039;Donnell"},
        "publisher":{"@type":"Organization","name":"Reuters"}}"#;
    let doc = page("U.S.", ld, "Talks go on");
    assert_eq!(doc.source.as_deref(), Some("Reuters"));
    assert_eq!(doc.authors, ["Lindsey O'Donnell"]);
    // A site name the address carries stays, even beside another publisher.
    let doc = page(
        "Reuters",
        &ld.replace("\"Reuters\"", "\"Thomson\""),
        "Talks go on",
    );
    assert_eq!(doc.source.as_deref(), Some("Reuters"));
    let doc = page(
        "DW.COM",
        r#"{"headline":"x"}"#,
        "Talks go on | DW | 19.01.2020",
    );
    assert_eq!(doc.title.as_deref(), Some("Talks go on"));
    assert_eq!(doc.date.as_deref(), Some("2020-01-19"));
    // No site name at all: the host of the page's address names it.
    let doc = page("", r#"{"headline":"x"}"#, "Talks go on");
    assert_eq!(doc.source.as_deref(), Some("reuters.com"));
}

#[test]
fn the_author_meta_tag_counts_only_when_the_json_ld_names_no_author() {
    let html = |ld: &str| {
        let body = "<p>The ministers met in Brussels on Monday to agree the plan for the year. \
                    They said the talks had gone well and would go on in March.</p>"
            .repeat(3);
        format!(
            r#"<html><head><title>Talks go on</title>
            <meta name="author" content="Condé Nast">
            <meta name="copyright" content="Copyright (c) Condé Nast 2023">
            <script type="application/ld+json">{ld}</script></head>
            <body><article><h1>Talks go on</h1>{body}</article></body></html>"#
        )
    };
    // Wired's head: the publisher in the meta tag, the writer in the JSON-LD.
    let wired = html(
        r#"{"@type":"NewsArticle","headline":"Talks go on","author":[{"@type":"Person","name":"Tom Bennett"}]}"#,
    );
    let doc = read("x".into(), "x.html".into(), &wired).expect("a page");
    assert_eq!(doc.authors, ["Tom Bennett"]);
    // Without an author in the JSON-LD, the meta tag is all there is.
    let bare = html(r#"{"@type":"NewsArticle","headline":"Talks go on"}"#)
        .replace("Condé Nast\">", "Dana Whitcombe\">");
    let doc = read("x".into(), "x.html".into(), &bare).expect("a page");
    assert_eq!(doc.authors, ["Dana Whitcombe"]);
}

#[test]
fn dates_keep_their_own_day() {
    assert_eq!(
        normal_date("2024-03-05T06:00:00+07:00").as_deref(),
        Some("2024-03-05")
    );
    assert_eq!(
        normal_date("5 Maret 2024, 10:00 WIB").as_deref(),
        Some("2024-03-05")
    );
    assert_eq!(
        normal_date("20141229 18:22:00").as_deref(),
        Some("2014-12-29")
    );
    assert_eq!(normal_date("20141329"), None);
    assert_eq!(normal_date("201412291"), None);
    assert_eq!(normal_date("2024-13-05"), None);
    assert_eq!(normal_date("soon"), None);
}
