use super::*;
use proptest::prelude::*;

/// [`furniture`] as it was before the clues: every pattern tried on every sentence.
fn furniture_unclued(sentence: &str) -> Option<Reason> {
    let sentence = sentence.trim();
    let bracketed = sentence.starts_with('[')
        && sentence.trim_end_matches([' ', '.']).ends_with(']')
        && !sentence[1..].contains('[');
    if bracketed
        || LABEL.is_match(sentence)
        || TRANSCRIPT.is_match(sentence)
        || DISCLAIMER.is_match(sentence)
        || LEGAL.is_match(sentence)
        || PUBLISHED.is_match(sentence)
    {
        return Some(Reason::Notice);
    }
    if CALL.is_match(sentence)
        || INVITATION.is_match(sentence)
        || INBOX.is_match(sentence)
        || CONTROL.is_match(sentence)
        || LINK_HERE.is_match(sentence)
    {
        return Some(Reason::Interface);
    }
    if CREDIT_START.is_match(sentence)
        || CAPTION.is_match(sentence)
        || CREDIT_END.is_match(sentence)
        || is_credit_label(sentence)
        || is_contribution_credit(sentence)
        || is_wire_credit(sentence)
    {
        return Some(Reason::Credit);
    }
    None
}

/// Pieces of the patterns, in odd cases and with the two characters outside ASCII that
/// match ASCII letters case-insensitively (`ſ`, the Kelvin sign).
const PIECES: &[&str] = &[
    " ",
    " ",
    ".",
    ":",
    "/",
    "(",
    ")",
    "[",
    "]",
    "©",
    "\u{a0}",
    "\t",
    "Jane Doe",
    "CNN's",
    "cLick HERE",
    "klik disini",
    "get our newsletter",
    "may not be reproduced",
    "DILARANG mengutip",
    "Press esc",
    " to",
    "here",
    "Read more",
    "bACA juga",
    "Editor's note",
    "Photo",
    "foto",
    "FOTO",
    "by",
    "courtesy",
    "Copyright",
    "all rights reserved",
    "/ Getty Images",
    "/AFP",
    "/ ReuterS",
    "Reuter\u{17f}",
    "(Photo: AP)",
    "(foto",
    "Subscribe",
    "\u{17f}ubscribe",
    "sign up",
    "Follow",
    "Like",
    "\u{212a}lik",
    "Klik",
    "ikuti",
    "on Twitter",
    "newsletter",
    "delivered to your inbox",
    "subscribe to his free e-mail newsletter",
    "is a daily newsletter from",
    "new\u{17f}letter",
    "Share button below",
    "You can follow",
    "please ",
    "INBOX",
    "FILE PHOTO",
    "In this ",
    "Nov. 10, 2019, ",
    "photograph,",
    "@cnn",
    "here",
    "views",
    "Opinions",
    "expressed",
    "EXPRE\u{17f}\u{17f}ED",
    "in this",
    "are solely",
    "do not",
    "comment on",
    "the bottom of",
    "this page",
    "Comment",
    "to request a mention",
    "Leave a comment",
    "leave",
    "rush transcript",
    "Tran\u{17f}cript",
    "transcript is published",
    "on this page you will find",
    "This story was produced by",
    "this REPORTING is supported",
    "Liputan ini didukung",
    "Thank you for using",
    "thanks for reading",
    "Terima kasih telah membaca",
    "please note that there may be a delay",
    "This copy may not be in its final form",
    "contributed",
    "to this report",
    "reporting",
    "Reported",
    "wrote",
    "from",
    "New Delhi",
    "and",
    "Ana",
    "Credit",
    "Image credit",
    "is a",
    "kata",
    "dia",
    "yang",
];

/// `ſ` and the Kelvin sign match `s` and `k` in the patterns, so the clues let them through.
#[test]
fn clues_keep_letters_outside_ascii() {
    for (sentence, reason) in [
        ("\u{17f}ubscribe to our newsletter", Reason::Interface),
        (
            "\u{212a}lik here to follow us on Twitter",
            Reason::Interface,
        ),
        ("Photo by Jane Doe/Getty Image\u{17f}", Reason::Credit),
        (
            "Click here for the tran\u{17f}cript of today's show.",
            Reason::Notice,
        ),
    ] {
        assert_eq!(furniture(sentence), Some(reason), "{sentence}");
        assert_eq!(furniture_unclued(sentence), Some(reason), "{sentence}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// The clues never keep a pattern from a sentence it matches.
    #[test]
    fn clues_change_nothing(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..14),
        before in prop::collection::vec(prop::sample::select(PIECES), 0..4),
    ) {
        let sentence = pieces.concat();
        let expected = furniture_unclued(&sentence);
        prop_assert_eq!(furniture(&sentence), expected, "{:?}", sentence);
        let paragraph = format!("{}. {sentence}", before.concat());
        prop_assert_eq!(furniture_in(&sentence, &Clues::of(&paragraph)), expected, "{:?}", paragraph);
    }
}

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
            "This story was produced by Kaiser Health News, an editorially independent program of the Kaiser Family Foundation.",
            Reason::Notice,
        ),
        (
            "This reporting was supported by a grant from the Pulitzer Center.",
            Reason::Notice,
        ),
        (
            "This article is part of a series on water, supported by the Ford Foundation.",
            Reason::Notice,
        ),
        (
            "Liputan ini didukung oleh Dana Jurnalisme Air.",
            Reason::Notice,
        ),
        ("Thank you for using CNN Student News!", Reason::Notice),
        ("Terima kasih telah membaca.", Reason::Notice),
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
        // trafilatura's test pages (adbar/trafilatura, tests/cache): mercurynews.com.
        (
            "Submit your letter to the editor via this form.",
            Reason::Interface,
        ),
        // newspaper4k's saved pages (AndyTheFactory/newspaper4k at 79553f6, tests/data/html).
        ("Press spacebar to pause and continue.", Reason::Interface),
        ("Press esc to stop.", Reason::Interface),
        (
            "To post a comment, log into your chosen social network and then add your comment below.",
            Reason::Interface,
        ),
        (
            "Your comments are subject to our Terms of Service and the privacy policy and terms of service of your social network.",
            Reason::Interface,
        ),
        (
            "If you do not want to comment with a social network, please consider writing a letter to the editor.",
            Reason::Interface,
        ),
        (
            "To get the full story on this year's stock -- completely free -- simply click here.",
            Reason::Interface,
        ),
        (
            "Get the recipe for sweet potato and parsnip mash here.",
            Reason::Interface,
        ),
        ("Smart is sexy - get our newsletter:", Reason::Interface),
        ("Simak selengkapnya di sini.", Reason::Interface),
        (
            "The material on this site may not be reproduced, distributed, transmitted, cached or otherwise used, except with the prior written permission of Syracuse Media Group.",
            Reason::Notice,
        ),
        (
            "Community Rules apply to all content you upload or otherwise submit to this site.",
            Reason::Notice,
        ),
        (
            "Dilarang mengutip atau memperbanyak sebagian atau seluruh isi berita ini tanpa izin.",
            Reason::Notice,
        ),
        ("Untuk berita lengkap, klik di sini.", Reason::Interface),
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
            "CNN's Frederik Pleitgen conducted the interview in Cologne, Germany, and Eliott C. McLaughlin wrote the story from Atlanta.",
            Reason::Credit,
        ),
        (
            "Greg Botelho wrote this story from Atlanta.",
            Reason::Credit,
        ),
        ("Jane Doe wrote this report.", Reason::Credit),
        ("Sources: CNN and flightaware.com .", Reason::Credit),
        ("Sumber: Antara", Reason::Credit),
        (
            "Ana Lima, Tom Berg, as well as journalists Sara Vik and Li Wei, contributed to this report from Oslo.",
            Reason::Credit,
        ),
        (
            "\" CNN Intern Jo Park contributed to this story.",
            Reason::Credit,
        ),
        (
            "FILE PHOTO: Traders work on the floor at the New York Stock Exchange (NYSE) in New York, U.S., November 18, 2019.",
            Reason::Notice,
        ),
        (
            "In this Sunday, Nov. 10, 2019, photograph, a long row of unsold E-Pace sports-utility vehicles sits at a Jaguar dealership in Littleton, Colo.",
            Reason::Credit,
        ),
        (
            "In this file photo, protesters march through the city centre.",
            Reason::Credit,
        ),
        (
            "In this image released by the Ministry of Defence on Friday, a tank crosses the river.",
            Reason::Credit,
        ),
        (
            "Get the day’s top headlines delivered to your inbox every morning by subscribing to our newsletter.",
            Reason::Interface,
        ),
        ("From our editors to your inbox.", Reason::Interface),
        (
            "Click on the slideshow to see the projects.",
            Reason::Interface,
        ),
        (
            "You can follow him on Twitter or LinkedIn.",
            Reason::Interface,
        ),
        (
            "If you liked this post, you should subscribe to his free e-mail newsletter, Fire and Motion, which discusses technology startups.",
            Reason::Interface,
        ),
        (
            "FA Insights is a daily newsletter from Business Insider that delivers the top news.",
            Reason::Interface,
        ),
        (
            "Share this with all of your girlfriends by clicking the Share button below.",
            Reason::Interface,
        ),
        ("Tap the arrows to see more photos.", Reason::Interface),
        (
            "The best of the week, from our newsroom to your inbox.",
            Reason::Interface,
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
        "Voters who send your letters to the council are heard, the mayor said.",
        "She submitted her letter of resignation on Monday.",
        "The ambassador's staff reported from the capital that the talks had failed.",
        "Journalists who were there reported from Kabul.",
        "The ambassador conducted the interview and wrote the story from Kabul.",
        "Sources said the talks had failed and the envoy left on Monday for Geneva.",
        "Sources: the ministry, the police and three witnesses who saw the convoy on the road that night.",
        "In this image-conscious city, voters want a mayor who looks the part.",
        "In this case, the photograph was taken by the police.",
        "In this photo-op season, candidates tour every factory in the state.",
        "The letters were delivered to the minister's inbox on Friday.",
        "Spam is delivered to millions of inboxes every day.",
        "A letter from our correspondent arrived in the ministry's inbox on Monday.",
        "Like the photos taken last year, the new images show a dry reservoir.",
        "Clicks on the video rose after the minister shared it.",
        "You can follow the river to the sea from the old bridge.",
        "Please follow the evacuation orders, the governor said.",
        "The ministry sent a letter to farmers about the drought.",
        "The newsletter, founded in 2015, has 40,000 readers.",
        "Voters pressed the button below the candidate's photo.",
        "Press the government to stop the war, the union told its members.",
        "Use the money to pay the teachers, the mayor said.",
        "Read what the minister wrote in 2019 and you will see why they are here.",
        "Get out of here.",
        "See you here next year, the organisers told the crowd.",
        "Readers commented with a social conscience rarely seen.",
        "Her comments are subject to review by the ethics board.",
        "The court said the files may not be copied before the trial ends.",
        "The documents may not be copied, the judge ruled, until both sides have seen them.",
        "Warga dilarang mengambil air dari waduk selama kemarau.",
        "This report was produced by the UN panel of experts and shows the transfers.",
        "This project was funded by the World Bank in 2019.",
        "Thank you for your service, the mayor told the firefighters.",
        "Thank you for using the new bridge instead of the ferry, which has been unsafe for years and is now closed by order of the port authority.",
        "Laporan ini disusun oleh panel ahli PBB.",
    ] {
        assert_eq!(furniture(sentence), None, "{sentence}");
    }
    assert!(is_bio(
        "Frida Ghitis is a world affairs columnist for The Miami Herald."
    ));
    assert!(!is_bio("The river is a shadow of itself."));
}

#[test]
fn a_closing_bio_of_the_articles_writer_goes() {
    let authors = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let body = "The council voted on Tuesday to close the bridge.";
    // The writer's name, then the bio going on and a call to the reader, to the end.
    let closing = [
        body,
        body,
        "Trevor Daugherty is the Senior Editor of 9to5Toys.",
        "Since joining in 2014, he's specialized in product reviews.",
        "Contact him direct at trevor@example.com.",
    ];
    assert_eq!(
        closing_bio(&closing, &authors(&["Trevor Daugherty"])),
        Some(2)
    );
    // The first name alone, and a possessive.
    let zac = [body, "Zac covers Apple news for 9to5Mac."];
    assert_eq!(closing_bio(&zac, &authors(&["Zac Hall"])), Some(1));
    let wall = [
        body,
        "Mike Wall's book about the search for alien life is out.",
        "Join our Space Forums to keep talking space.",
    ];
    assert_eq!(closing_bio(&wall, &authors(&["Mike Wall"])), Some(1));
    // The article goes on after the name: not a bio.
    let quoted = [
        "Zac said the bridge was closed.",
        "The council will vote again in May.",
    ];
    assert_eq!(closing_bio(&quoted, &authors(&["Zac Hall"])), None);
    // An outlet's byline opens no bio, and nothing is a bio without authors.
    let agency = [body, "The agency said Monday that it would reopen."];
    assert_eq!(
        closing_bio(&agency, &authors(&["The Associated Press"])),
        None
    );
    assert_eq!(closing_bio(&zac, &[]), None);
    // Only the closing sentences are looked at.
    let early = ["Zac covers Apple news.", body, body, body, body];
    assert_eq!(closing_bio(&early, &authors(&["Zac Hall"])), None);
}

#[test]
fn a_news_agencys_closing_credit_goes_and_news_about_reporting_stays() {
    for credit in [
        "Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly; Editing by Leslie Adler",
        "(Reporting by Jane Doe in Jakarta; Editing by John Roe)",
        "Additional reporting by Ana de Souza; Writing by Li Wei",
    ] {
        assert_eq!(furniture(credit), Some(Reason::Credit), "{credit}");
    }
    for news in [
        "Reporting by the Times found that the bridge had been inspected twice.",
        "Editing by hand took the team three weeks.",
    ] {
        assert_eq!(furniture(news), None, "{news}");
    }
}

#[test]
fn photo_credit_labels_are_told_from_text() {
    for credit in [
        "Photo: AP",
        "Foto: Antara",
        "(Image: Reuters)",
        "PHOTOGRAPH: Jane Doe",
    ] {
        assert!(is_photo_credit(credit), "{credit}");
    }
    for text in [
        "Photo:",
        "The photo: a dry reservoir",
        "Photographers said no.",
        "Foto",
    ] {
        assert!(!is_photo_credit(text), "{text}");
    }
}

mod publication;
