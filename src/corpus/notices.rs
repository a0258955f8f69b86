//! Page furniture that arrives as sentences inside the text, where a scraper joined a page's
//! lines into one paragraph: read-more links, editor's notes, disclaimers, transcript and
//! subscription notices, photo and video credits, and the author's bio before a "Follow him on
//! Twitter". Each is known by its shape (a label and a colon, a call to follow or click, the
//! disclaimer's own wording), not by a list of one site's lines.

use std::sync::LazyLock;

use regex::Regex;

use super::boilerplate::Reason;

/// A label and a colon opening a pointer to other content: `Read more: …`, `WATCH: …`,
/// `Baca juga: …`, `Editor's note: …`, `Photos: …`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:read more|read|more|watch|see|see also|related|also read|don't miss|editor'?s note|editors'? note|catatan redaksi|catatan editor|baca juga|baca|simak juga|simak|lihat juga|tonton juga|tonton|photos?|videos?|gallery|foto|image|graphic|infographic|interactive|opinion|update|correction|koreksi|ralat)\s*:").unwrap()
});

/// A disclaimer of the writer's views: "The views expressed in this commentary are solely those
/// of the writer", "The opinions expressed here do not reflect …".
static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:views|opinions)(?-u:\b)[^.]{0,60}(?-u:\b)expressed(?-u:\b)[^.]{0,80}(?-u:\b)(?:solely|only|those of|do not|does not|belong|are (?:his|her|their|the author))").unwrap()
});

/// A call to follow, like, subscribe, sign up, click or download, aimed at a network, a
/// newsletter, an app or an account (`Follow @CNNOpinion on Twitter`, `Subscribe to … for …`).
static CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:subscribe|sign up|berlangganan)(?-u:\b)|^(?:follow|like|join|download|click|tap|ikuti|unduh|klik|share)(?-u:\b)[^.]{0,120}(?-u:\b)(?:twitter|facebook|instagram|tiktok|youtube|linkedin|newsletter|app|here|gallery|updates|@\w+)").unwrap()
});

/// An invitation to the reader to act on the page itself: "comment on the bottom of this page
/// with your school name", "to request a mention on … Roll Call", and "Leave a comment" opening
/// a sentence (not "she did not leave a comment").
static INVITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:comment (?:on|at|in|below) (?:the bottom of )?this (?:page|story|article)|to request a mention)|^leave a comment").unwrap()
});

/// A notice about a transcript or a show page: "Click here to access the transcript …",
/// "Please note that there may be a delay …", "This is a rush transcript".
static TRANSCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:rush transcript|transcript is published|transcript of today|on this page you will find|please note that there may be a delay|this copy may not be in its final form)").unwrap()
});

/// A credit line that opens with its label: `Photo by …`, `Copyright 2015 …`, `© …`.
static CREDIT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:photo|image|video|foto)s?\s+(?:by|courtesy|credit)(?-u:\b)|copyright(?-u:\b)|©|all rights reserved)").unwrap()
});

/// A credit at the end of a line: `… /Getty Images`, `… (Photo: …)`. Anchored at the end only,
/// so the regex engine reads it backwards from the end instead of scanning the sentence.
static CREDIT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:/\s*getty images|/\s*afp|/\s*reuters|\(\s*(?:photo|foto|image)[^)]*\))\s*\.?$",
    )
    .unwrap()
});

/// A writer's bio: a name, then "is a/an/the" and a role (`Frida Ghitis is a world affairs
/// columnist for …`). Taken only beside a call to follow or an editor's note, where it is one.
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Editor'?s note:\s*)?\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s+(?:is|was)\s+(?:a|an|the)\s").unwrap()
});

/// Why a sentence of the text is page furniture, if it is.
pub fn furniture(sentence: &str) -> Option<Reason> {
    let sentence = sentence.trim();
    // A note in square brackets: `[Breaking news update, posted 9:04 p.m. ET] .`
    let bracketed = sentence.starts_with('[')
        && sentence.trim_end_matches([' ', '.']).ends_with(']')
        && !sentence[1..].contains('[');
    if bracketed
        || LABEL.is_match(sentence)
        || TRANSCRIPT.is_match(sentence)
        || DISCLAIMER.is_match(sentence)
    {
        return Some(Reason::Notice);
    }
    if CALL.is_match(sentence) || INVITATION.is_match(sentence) {
        return Some(Reason::Interface);
    }
    if CREDIT_START.is_match(sentence)
        || CREDIT_END.is_match(sentence)
        || is_credit_label(sentence)
        || is_contribution_credit(sentence)
    {
        return Some(Reason::Credit);
    }
    None
}

/// A short line labelled as a credit (`Credit: SpaceX`, `Foto: ANTARA/Rivan`,
/// `Image credit: NASA/JPL`): the label, a colon, and a few words naming the source.
fn is_credit_label(sentence: &str) -> bool {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:photo|image|video|foto|gambar)\s+)?(?:credits?|kredit|photo|image|foto)\s*:\s*\S").unwrap()
    });
    LABEL.is_match(sentence.trim()) && sentence.split_whitespace().count() <= 8
}

/// A closing credit for reporting (`CNN's Jane Doe and John Roe contributed to this report.`,
/// `Reuters contributed reporting.`, `CNN's Jane Doe reported from New Delhi.`): names and a
/// few small words, then the credit's own wording at the end. A news sentence ending the same
/// way ("The minister said three agencies contributed to this report") has lowercase words
/// before it that no list of names and roles has ([`CREDIT_WORDS`]).
fn is_contribution_credit(sentence: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:contributed\s+(?:to\s+this\s+(?:report|story|article)|reporting)(?:\s+from\s+\p{Lu}[\p{L}.'’ -]*)?|(?:reported|wrote)\s+from\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})\s*[.!]?\s*$").unwrap()
    });
    // The credit's own words, looked for first: a literal search costs about a byte's look
    // per byte, where the credit's pattern, read backwards from the end of every sentence over
    // its capitalised words, kept the regex engine building states.
    static WORDING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)contributed|reported|wrote").unwrap());
    if !WORDING.is_match(sentence) {
        return false;
    }
    let Some(credit) = CREDIT.find(sentence) else {
        return false;
    };
    let names = &sentence[..credit.start()];
    let mut words = names.split_whitespace();
    // Past the names, only the small words of a list of names and roles.
    let listed = words.clone().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        !w.starts_with(char::is_lowercase) || CREDIT_WORDS.contains(&w)
    });
    listed && words.nth(MOST_CREDITED_WORDS).is_none() && names.contains(char::is_uppercase)
}

/// The most words the names of a reporting credit take (a long list of a big story's team).
const MOST_CREDITED_WORDS: usize = 60;

/// The lowercase words a list of credited names and roles carries ("CNN's Jane Doe in Paris,
/// as well as journalists Li Wei and Ana de Souza, also").
const CREDIT_WORDS: &[&str] = &[
    "and",
    "in",
    "as",
    "well",
    "also",
    "of",
    "the",
    "with",
    "from",
    "journalist",
    "journalists",
    "intern",
    "interns",
    "staff",
    "writer",
    "writers",
    "producer",
    "producers",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "meteorologist",
    "meteorologists",
    "photographer",
    "photographers",
    "de",
    "da",
    "van",
    "von",
    "al",
    "bin",
    "el",
    "la",
    "le",
];

/// True when a sentence reads as a writer's bio; the caller takes it only next to a call to
/// follow the writer or a disclaimer.
pub fn is_bio(sentence: &str) -> bool {
    BIO.is_match(sentence.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_sentences() {
        for (sentence, reason) in [
            (
                "Read more: 5 key issues for next Israeli leader .",
                Reason::Notice,
            ),
            ("READ: Will your Apple Watch program YOU?", Reason::Notice),
            (
                "Editor's note: Frida Ghitis is a world affairs columnist.",
                Reason::Notice,
            ),
            ("Baca juga: Rusia veto resolusi PBB", Reason::Notice),
            (
                "The views expressed in this commentary are solely those of the writer.",
                Reason::Notice,
            ),
            (
                "The opinions expressed here are solely those of the author .",
                Reason::Notice,
            ),
            (
                "Click here to access the transcript of today's CNN Student News program.",
                Reason::Notice,
            ),
            (
                "Please note that there may be a delay between the time when the video is available and when the transcript is published.",
                Reason::Notice,
            ),
            (
                "Follow @CNNPhotos on Twitter to join the conversation about photography.",
                Reason::Interface,
            ),
            ("Follow him on Twitter @frida_ghitis.", Reason::Interface),
            (
                "For a chance to be mentioned on the next show, comment on the bottom of this page with your school name.",
                Reason::Interface,
            ),
            (
                "You must be a teacher or a student age 13 or older to request a mention on the Roll Call!",
                Reason::Interface,
            ),
            ("Leave a comment below.", Reason::Interface),
            (
                "Subscribe to WIRED magazine for less than $1 an issue and get a FREE GIFT!",
                Reason::Interface,
            ),
            ("Copyright 2015 The Conversation.", Reason::Credit),
            ("Photo by Jane Doe/Getty Images", Reason::Credit),
            ("Credit: SpaceX", Reason::Credit),
            ("Image credit: NASA/JPL-Caltech", Reason::Credit),
            (
                "[Breaking news update, posted 9:04 p.m. ET] .",
                Reason::Notice,
            ),
            (
                "CNN's Jane Doe and John Roe contributed to this report.",
                Reason::Credit,
            ),
            ("Reuters contributed reporting .", Reason::Credit),
            ("CNN's Jane Doe reported from New Delhi.", Reason::Credit),
            (
                "Ana Lima, Tom Berg, as well as journalists Sara Vik and Li Wei, contributed to this report from Oslo.",
                Reason::Credit,
            ),
            (
                "\" CNN Intern Jo Park contributed to this story.",
                Reason::Credit,
            ),
        ] {
            assert_eq!(furniture(sentence), Some(reason), "{sentence}");
        }
    }

    #[test]
    fn news_sentences_are_not_furniture() {
        for sentence in [
            "Farmers read the forecast every morning.",
            "Credit: the bank said it would lend more to farmers this year than it did in any year before.",
            "He said the views from the ridge were expressed in paintings.",
            "Officials will follow the river's course to the sea.",
            "The photo shows the dry reservoir.",
            "Warnock is a farmer who has lost half his herd.",
            "“Read the rules,” she said.",
            "The minister said that the agencies of three provinces contributed to this report.",
            "Donors contributed $3 million to the fund.",
            "Officials declined to comment on the report.",
            "The spokesman did not leave a comment on the record.",
            "The ambassador's staff reported from the capital that the talks had failed.",
            "Journalists who were there reported from Kabul.",
        ] {
            assert_eq!(furniture(sentence), None, "{sentence}");
        }
        assert!(is_bio(
            "Frida Ghitis is a world affairs columnist for The Miami Herald."
        ));
        assert!(!is_bio("The river is a shadow of itself."));
    }
}
