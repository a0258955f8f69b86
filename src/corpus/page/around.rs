//! What pages put around and inside the article's text that is not the text: captions and
//! credits, galleries, sign-up boxes, and the cards that pop up over a name in a paragraph.
//! Removed before extraction, because Readability keeps them when they sit inside the
//! article's container.

use dom_query::{Document as Dom, NodeRef};

/// What pages wrap around the article's text, named by class or id: captions and photo credits,
/// image galleries and slideshows (a caption and a credit per slide), and newsletter sign-up
/// boxes. Readability keeps them when they sit inside the article's container.
const AROUND_TEXT: &str = "[class*=caption], [id*=caption], [class*=Caption], [class*=credit], \
                           [class*=Credit], [class*=gallery], [class*=Gallery], \
                           [class*=slideshow], [class*=Slideshow], [class*=newsletter], \
                           [class*=Newsletter], [class*=signup], [class*=subscribe]";

/// Removes what describes the pictures or asks for a sign-up, which is never the article's
/// text: `<figcaption>`, and the elements [`AROUND_TEXT`] names. An element matched by its class
/// or id is removed only when it holds less than a quarter of the page's text, so that a
/// template that calls the body "with-captions", or a page that is mostly a gallery, keeps it.
pub(super) fn drop_around_text(dom: &Dom) {
    dom.select("figcaption").remove();
    let whole = dom.select("body").text().len();
    for element in dom.select(AROUND_TEXT).iter() {
        if element.text().len() * 4 < whole {
            element.remove();
        }
    }
    drop_cards_in_text(dom);
}

/// Links an element inside a paragraph holds, at least, to be taken for a card.
const CARD_LINKS: usize = 3;

/// Removes the cards that sit inside a paragraph's text: a `<span>`, `<div>` or `<ul>` of the
/// paragraph made of [`CARD_LINKS`] links or more and next to nothing else (nine tenths of its
/// text is link text), like the hover card of a person's picture, full name and latest stories
/// that a site puts after the name (`Gov. Kristi Noem<span>Kristi Lynn Noem South Dakota
/// governor doubles down… MORE</span> (R) is defending…`). One pass from the leaves up, so the
/// innermost such element goes first and the name the card hangs on, a link of its own,
/// stays; each node is visited once.
fn drop_cards_in_text(dom: &Dom) {
    for paragraph in dom.select("p").nodes() {
        for child in paragraph.children() {
            tally_dropping_cards(&child);
        }
    }
}

/// What a node holds once the cards below it are gone: characters of text (whitespace not
/// counted), links, and characters of link text.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    text: usize,
    links: usize,
    linked: usize,
}

/// [`Tally`] of `node`, removing it when it is a card and the cards inside it first. Nesting is
/// bounded by [`super::MAX_DEPTH`] (deeper pages are refused before they are parsed).
fn tally_dropping_cards(node: &NodeRef) -> Tally {
    if node.is_text() {
        let text = node.text().chars().filter(|c| !c.is_whitespace()).count();
        return Tally {
            text,
            ..Tally::default()
        };
    }
    if !node.is_element() {
        return Tally::default();
    }
    let mut sum = Tally::default();
    for child in node.children() {
        let t = tally_dropping_cards(&child);
        sum.text += t.text;
        sum.links += t.links;
        sum.linked += t.linked;
    }
    if node.has_name("a") {
        sum.links += 1;
        sum.linked = sum.text;
    } else if ["span", "div", "ul"].iter().any(|name| node.has_name(name))
        && sum.links >= CARD_LINKS
        && sum.linked * 10 >= sum.text * 9
    {
        node.remove_from_parent();
        return Tally::default();
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_inside_a_paragraph_goes_and_its_name_stays() {
        let html = "<html><body><p>Gov. <span class=people><a href=/p/kn>Kristi Noem</a>\
                    <span class=block><span><img src=k.jpg><a href=/p/kn>Kristi Lynn Noem</a>\
                    <a href=/a/1>Governor doubles down on campaign</a> \
                    <a href=/a/2>State drops protest laws</a> <a href=/p/kn>MORE</a>\
                    </span></span></span> (R) is defending the campaign.</p>\
                    <p>See <span><a href=/a>one</a>, <a href=/b>two</a> and the report by \
                    <a href=/c>the council</a> on the bridge and its repairs</span>.</p>\
                    </body></html>";
        let dom = Dom::from(html);
        drop_around_text(&dom);
        let text = dom.select("body").text().to_string();
        assert!(
            text.contains("Gov. Kristi Noem (R) is defending the campaign."),
            "{text}"
        );
        assert!(!text.contains("doubles down"), "{text}");
        // Links in running text are text.
        assert!(
            text.contains("the report by the council on the bridge"),
            "{text}"
        );
    }

    #[test]
    fn cards_deep_in_a_paragraph_go_in_one_pass() {
        let card = "<span><a href=/1>One</a> <a href=/2>Two</a> <a href=/3>Three</a></span>";
        let depth = 200;
        let html = format!(
            "<html><body><p>Kept words {}{card} more kept words{}.</p></body></html>",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        );
        let dom = Dom::from(html.as_str());
        drop_around_text(&dom);
        let text = dom.select("body").text().to_string();
        assert_eq!(text, "Kept words  more kept words.");
    }

    #[test]
    fn captions_galleries_and_signups_go_and_a_body_named_like_them_stays() {
        let para = "The council voted on Tuesday to close the old bridge for repairs.";
        let body: String = (0..12)
            .map(|i| format!("<p>{para} Item {i}.</p>"))
            .collect();
        let html = format!(
            "<html><body><article class=\"story with-captions\">\
             <figure><img src=a.jpg><figcaption>The bridge at dawn.</figcaption></figure>\
             <ul class=\"photo-gallery\"><li>Workers inspect a pillar. (AP Photo/Jo Doe)</li></ul>\
             <span class=\"image-credit\">Photo: Jo Doe</span>{body}\
             <div class=\"newsletter-box\">Get the news every morning.</div>\
             </article></body></html>"
        );
        let dom = Dom::from(html.as_str());
        drop_around_text(&dom);
        let text = dom.select("body").text().to_string();
        for gone in [
            "bridge at dawn",
            "inspect a pillar",
            "Jo Doe",
            "every morning",
        ] {
            assert!(!text.contains(gone), "{gone}: {text}");
        }
        // The article element's class names captions, but it holds the text: it stays.
        assert_eq!(text.matches(para).count(), 12, "{text}");
    }
}
