//! What pages put around and inside the article's text that is not the text: captions and
//! credits, galleries, sign-up boxes, and the cards that pop up over a name in a paragraph.
//! Removed before extraction, because Readability keeps them when they sit inside the
//! article's container.

use dom_query::Document as Dom;

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

/// Removes the cards that sit inside a paragraph's text: an element of the paragraph made of
/// [`CARD_LINKS`] links or more and next to nothing else (nine tenths of its text is link
/// text), like the hover card of a person's picture, full name and latest stories that a site
/// puts after the name (`Gov. Kristi Noem<span>Kristi Lynn Noem South Dakota governor doubles
/// down… MORE</span> (R) is defending…`). The innermost such element goes first, so the name
/// the card hangs on, a link of its own, stays.
fn drop_cards_in_text(dom: &Dom) {
    let inside = dom.select("p span, p div, p ul");
    for element in inside.nodes().iter().rev() {
        let element = dom_query::Selection::from(*element);
        let links = element.select("a");
        if links.length() < CARD_LINKS {
            continue;
        }
        let linked: usize = links.iter().map(|a| a.text().trim().len()).sum();
        if linked * 10 >= element.text().trim().len() * 9 {
            element.remove();
        }
    }
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
