//! Page furniture that arrives as sentences inside the text, where a scraper joined a page's
//! lines into one paragraph: read-more links, editor's notes, disclaimers, transcript and
//! subscription notices, photo and video credits, and the author's bio before a "Follow him on
//! Twitter". Each is known by its shape (a label and a colon, a call to follow or click, the
//! disclaimer's own wording), not by a list of one site's lines.

use std::sync::LazyLock;

use regex::Regex;

use super::boilerplate::Reason;

mod clues;

pub use clues::Clues;
use clues::has_clue_words;

/// A label and a colon opening a pointer to other content: `Read more: …`, `WATCH: …`,
/// `Baca juga: …`, `Editor's note: …`, `Photos: …`, a caption's `FILE PHOTO: …`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:read more|read|more|watch|see|see also|related|also read|don't miss|editor'?s note|editors'? note|catatan redaksi|catatan editor|baca juga|baca|simak juga|simak|lihat juga|tonton juga|tonton|(?:file )?photos?|(?:file )?videos?|gallery|foto|(?:file )?image|graphic|infographic|interactive|opinion|update|correction|koreksi|ralat)\s*:").unwrap()
});

/// A news agency's photo caption: "In this Sunday, Nov. 10, 2019, photograph, a long row of …",
/// "In this file photo, …", "In this image released by the ministry, …": the picture's date
/// and source, then what it shows.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^In this (?:[^,;]{1,40}, ){0,3}(?:(?:file|handout|undated|aerial) )*(?:photo(?:graph)?|image|picture|frame grab|video image)(?: (?:provided|released|taken|made available|shot|obtained)(?-u:\b)[^;]{0,120}?)?,").unwrap()
});

/// A newsletter's pitch: "Get the day's top headlines delivered to your inbox every morning by
/// subscribing to our newsletter.", "Smart is sexy - get our newsletter:", "From our editors to
/// your inbox.", "… you should subscribe to his free e-mail newsletter, …", "FA Insights is a
/// daily newsletter from Business Insider that …".
static INBOX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:delivered|sent|straight|direct(?:ly)?)(?-u:\b)[^.]{0,40}(?-u:\b)(?:your|to the) inbox|from our (?:[^.]{0,40} )?(?:to|in) your inbox|(?:get|sign up for|join) our (?:free |daily |weekly )?newsletter|subscribe to (?:our|his|her|their|the) (?:free )?(?:e-?mail |daily |weekly |monthly )?newsletter|is an? (?:free )?(?:daily|weekly|monthly) (?:e-?mail )?newsletter (?:from|by))(?-u:\b)").unwrap()
});

/// A disclaimer of the writer's views: "The views expressed in this commentary are solely those
/// of the writer", "The opinions expressed here do not reflect …".
static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:views|opinions)(?-u:\b)[^.]{0,60}(?-u:\b)expressed(?-u:\b)[^.]{0,80}(?-u:\b)(?:solely|only|those of|do not|does not|belong|are (?:his|her|their|the author))").unwrap()
});

/// A site's legal notice (within one sentence: no repetition bound, whose compiled form costs
/// more than the searches): "The material on this site may not be reproduced, distributed,
/// transmitted, cached or otherwise used, except with the prior written permission of …",
/// "Community Rules apply to all content you upload …", "Registration on or use of this site
/// constitutes acceptance of our User Agreement", "Dilarang mengutip atau memperbanyak …".
static LEGAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:may not be (?:reproduced|republished|copied|redistributed|rewritten)(?:,|\s+or\s|\s+in whole)[^.]*(?-u:\b)(?:permission|consent)|constitutes acceptance of (?:our|the|its)|content you upload|dilarang (?:mengutip|memperbanyak|menyalin|mengambil)[^.]*(?-u:\b)(?:tanpa (?:se)?izin|sebagian atau (?:se|ke)?seluruh))").unwrap()
});

/// A call to follow, like, subscribe, sign up, click or download, aimed at a network, a
/// channel, a newsletter, an app or an account (`Follow @CNNOpinion on Twitter`, `Subscribe to
/// … for …`, `You can follow him on Twitter or LinkedIn.`, `Simak breaking news dan berita
/// pilihan kami langsung di ponselmu.`, `Mari bergabung di Grup Telegram …`),
/// or a click or tap aimed at the page's own pictures and controls (`Click on the slideshow to
/// see the projects.`).
static CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:you can|please) )?(?:subscribe|sign up|berlangganan)(?-u:\b)|^(?:(?:you can|please|mari) )?(?:follow|like|join|download|click|tap|ikuti|unduh|klik|share|simak|dapatkan|gabung|bergabung|pilih|pastikan)(?-u:\b)[^.]{0,120}(?-u:\b)(?:twitter|facebook|instagram|tiktok|youtube|linkedin|whatsapp|telegram|google news|channel|saluran|grup|ponselmu|breaking news|newsletter|app|here|gallery|updates|@\w+)(?-u:\b)|^(?:click|tap|klik)(?-u:\b)[^.]{0,60}(?-u:\b)(?:slide ?shows?|slides|photos?|images?|pictures?|videos?|arrows?|buttons?|links?|foto|gambar|tautan|tombol)(?-u:\b)").unwrap()
});

/// A note on the text's own publication: where it first ran or ran again, that it was updated,
/// edited or corrected (`This article was originally published on The Conversation.`, `This
/// interview has been edited for length and clarity.`, `An earlier version of this story
/// misstated …`, `Artikel ini telah tayang di Kompas.com dengan judul …`, `Berita ini telah
/// diperbarui …`), and the pointer to the full text that closes a copied detik article
/// (`Baca artikel detiknews, "…" selengkapnya https://…`); who made or paid for it (`This story
/// was produced by Kaiser Health News …`, `This reporting was supported by a grant from …`,
/// `Liputan ini didukung oleh …`); and a short closing thanks (`Thank you for using CNN Student
/// News!`, `Terima kasih telah membaca`). Only the text itself ("this story", "artikel ini") is
/// the subject: "The report was published on Tuesday" and "This project was funded by the
/// World Bank" are news.
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:a|an earlier|an updated|a previous|the original) version of this|this)\s+(?:blog\s+)?(?:post|article|story|piece|column|interview|transcript|reporting|coverage|episode)(?:\s+(?:has|have|had|was|were|is))?(?:\s+been)?\s+(?:originally\s+|first\s+|also\s+|last\s+|lightly\s+|since\s+|jointly\s+)?(?:published|posted|updated|republished|reprinted|adapted|excerpted|appeared|ran|syndicated|edited|condensed|corrected|misstated|misidentified|incorrectly|produced|co-produced|created|written|reported|funded|supported|underwritten|sponsored|made\s+possible|brought\s+to\s+you|part\s+of)(?-u:\b)|^(?:artikel|berita|tulisan|naskah|liputan)\s+ini\s+(?:(?:telah|sudah|pertama\s+kali|juga|sebelumnya|pernah)\s+)*(?:tayang|terbit|dimuat|ditayangkan|diterbitkan|dipublikasikan|diperbarui|diperbaharui|diupdate|merupakan\s+kiriman|mengalami\s+(?:pembaruan|perubahan|koreksi)|(?:merupakan\s+)?(?:hasil\s+)?kerja\s*sama|didukung|diproduksi|ditulis\s+oleh)(?-u:\b)|^baca\s+(?:artikel|berita)\s.*?(?-u:\b)selengkapnya(?-u:\b)|^(?:thank\s+you|thanks)\s+for\s+(?:reading|watching|using|listening|visiting|subscribing|supporting)(?-u:\b)[^.!?]{0,60}[.!]?$|^terima\s+kasih\s+(?:telah|sudah)\s+(?:membaca|menonton|menyimak|berkunjung|mengunjungi)(?-u:\b)[^.!?]{0,60}[.!]?$").unwrap()
});

/// The first words of [`PUBLISHED`] (`this`, `a`/`an`/`the` … `version of this`, `artikel`,
/// `berita`, `tulisan`, `naskah`, `liputan`, `baca`, `thank`, `thanks`, `terima`).
const PUBLISHED_WORDS: &[&str] = &[
    "this", "a", "an", "the", "artikel", "berita", "tulisan", "naskah", "liputan", "baca", "thank",
    "thanks", "terima",
];
/// The first two bytes of [`PUBLISHED_WORDS`] (`a` with the space after it).
const PUBLISHED_OPENINGS: &[[u8; 2]] = &[
    *b"th", *b"a ", *b"an", *b"ar", *b"be", *b"tu", *b"na", *b"li", *b"ba", *b"te",
];

/// An invitation to the reader to act on the page itself: "comment on the bottom of this page
/// with your school name", "to request a mention on … Roll Call", "Leave a comment" or "To post
/// a comment, log into …" opening a sentence (not "she did not leave a comment"), the comment
/// box's rules ("Your comments are subject to our Terms of Service", "If you do not want to
/// comment with a social network, …"), a call for letters ("Submit your letter to the editor
/// via this form."), a button placed on the page, at the sentence's end
/// ("… by clicking the Share button below."; not "the button below the candidate's photo"), and a link's "click here" ("simply click here", "klik di sini"; ASCII
/// letters only, see [`CLUE_WORDS`]).
static INVITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:comment (?:on|at|in|below) (?:the bottom of )?this (?:page|story|article)|to request a mention|your comments? (?:are|is|will be|may be) (?:subject|moderated|reviewed)|comment (?:with|using|through) (?:a|your) social (?:network|media)|button (?:below|above)[.!:]?$)|^(?:leave a comment|to (?:post|add|leave|submit|write) (?:a |your )?comment|(?:please )?(?:submit|send|e-?mail) (?:us )?your letters?(?-u:\b))|(?i-u:\bclick here\b|\bklik di ?sini\b)").unwrap()
});

/// A media player's or a slideshow's keys: "Press spacebar to pause and continue.", "Press esc
/// to stop.", "Tap the play button to watch". Only keys and buttons: "Press the government to
/// stop …" is news.
static CONTROL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:press|hit|tap|use) (?:the )?(?:space ?bar|esc(?:ape)?|enter|return|tab|arrow keys?|(?:left|right|up|down) arrow(?: keys?)?|(?:play|pause|mute|full ?screen) button)(?: key)? to(?-u:\b)").unwrap()
});

/// The first two letters of [`CONTROL`]'s words (`press`, `hit`, `tap`, `use`).
const CONTROL_OPENINGS: &[[u8; 2]] = &[*b"pr", *b"hi", *b"ta", *b"us"];

/// A link's text that ends with "here" or "di sini": a call to get, see or read something named
/// ("Get the recipe for sweet potato and parsnip mash here.", "See the full list here.",
/// "Simak selengkapnya di sini."); not "Read what the minister wrote … here".
static LINK_HERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:get|find|see|read|watch|view|download|check out|listen to) (?:the|our|a|an|all|more|this|these|every|his|her|their)(?-u:\b)[^.!?,]*(?-u:\b)here|(?:simak|baca|lihat|tonton|unduh|dapatkan)(?-u:\b)[^.!?,]*(?-u:\b)di ?sini)\s*[.!]?$").unwrap()
});

/// The first two letters of [`LINK_HERE`]'s words.
const LINK_HERE_OPENINGS: &[[u8; 2]] = &[
    *b"ge", *b"fi", *b"se", *b"re", *b"wa", *b"vi", *b"do", *b"ch", *b"li", *b"si", *b"ba", *b"lo",
    *b"to", *b"un", *b"da",
];

/// Whether a sentence ends with the words [`LINK_HERE`] ends with, before a full stop.
fn ends_with_here(sentence: &str) -> bool {
    let end = sentence.trim_end_matches(['.', '!', ' ']).as_bytes();
    let tail = &end[end.len().saturating_sub(4)..];
    tail.eq_ignore_ascii_case(b"here") || tail.eq_ignore_ascii_case(b"sini")
}

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
    furniture_in(sentence, &Clues::of(sentence))
}

/// [`furniture`] for a sentence of a paragraph whose [`Clues`] are `paragraph`'s.
pub fn furniture_in(sentence: &str, paragraph: &Clues) -> Option<Reason> {
    let sentence = sentence.trim();
    // A note in square brackets: `[Breaking news update, posted 9:04 p.m. ET] .`
    let bracketed = sentence.starts_with('[')
        && sentence.trim_end_matches([' ', '.']).ends_with(']')
        && !sentence[1..].contains('[');
    // Each pattern is tried only where its clue is: most sentences have none.
    let colon = sentence.as_bytes().contains(&b':');
    let wording = paragraph.wording && has_clue_words(sentence);
    if bracketed
        || (colon && LABEL.is_match(sentence))
        || (wording && TRANSCRIPT.is_match(sentence))
        || (wording && DISCLAIMER.is_match(sentence))
        || (wording && LEGAL.is_match(sentence))
        || (opens_like(sentence, PUBLISHED_OPENINGS)
            && opens_with(sentence, PUBLISHED_WORDS)
            && PUBLISHED.is_match(sentence))
    {
        return Some(Reason::Notice);
    }
    if ((opens_like(sentence, CALL_OPENINGS)
        || (opens_like(sentence, CALL_WORD_OPENINGS) && opens_with(sentence, CALL_WORDS)))
        && CALL.is_match(sentence))
        || (wording && (INVITATION.is_match(sentence) || INBOX.is_match(sentence)))
        || (opens_like(sentence, CONTROL_OPENINGS) && CONTROL.is_match(sentence))
        || (ends_with_here(sentence)
            && opens_like(sentence, LINK_HERE_OPENINGS)
            && LINK_HERE.is_match(sentence))
    {
        return Some(Reason::Interface);
    }
    if (opens_like(sentence, CREDIT_START_OPENINGS) && CREDIT_START.is_match(sentence))
        || (sentence.starts_with("In this ") && CAPTION.is_match(sentence))
        || (may_end_with_credit(sentence) && CREDIT_END.is_match(sentence))
        || (colon && is_credit_label(sentence))
        || is_wire_credit(sentence)
        || (wording && is_contribution_credit(sentence))
    {
        return Some(Reason::Credit);
    }
    None
}

/// The first two letters of [`CALL`]'s words (`subscribe`, `sign up`, `berlangganan`, `follow`
/// …, `simak`, and `you can`, `please` before them; the rest are [`CALL_WORDS`]).
const CALL_OPENINGS: &[[u8; 2]] = &[
    *b"su", *b"si", *b"be", *b"fo", *b"li", *b"jo", *b"do", *b"cl", *b"ta", *b"ik", *b"un", *b"kl",
    *b"sh", *b"yo", *b"pl",
];
/// [`CALL`]'s first words whose first two letters open too many sentences to be worth the
/// look (`Dalam`, `Pada`, `Para`, `Masyarakat`, `Pihak`): `mari`, `dapatkan`, `gabung`,
/// `pilih`, `pastikan`.
const CALL_WORDS: &[&str] = &["mari", "dapatkan", "gabung", "pilih", "pastikan"];
/// The first two bytes of [`CALL_WORDS`].
const CALL_WORD_OPENINGS: &[[u8; 2]] = &[*b"ma", *b"da", *b"ga", *b"pi", *b"pa"];
/// The first two letters of [`CREDIT_START`]'s words (`photo`, `image`, `video`, `foto`,
/// `copyright`, `all rights reserved`; `©` is outside ASCII).
const CREDIT_START_OPENINGS: &[[u8; 2]] = &[*b"ph", *b"im", *b"vi", *b"fo", *b"co", *b"al"];

/// Whether a case-insensitive pattern anchored at the start, whose words open with one of
/// `openings`, may match: the first two bytes are one of them in any case, or one of them is
/// outside ASCII (as `ſ`, the Kelvin sign and `©` are).
fn opens_like(sentence: &str, openings: &[[u8; 2]]) -> bool {
    match *sentence.as_bytes() {
        [a, b, ..] if a < 0x80 && b < 0x80 => {
            openings.contains(&[a.to_ascii_lowercase(), b.to_ascii_lowercase()])
        }
        [] => false,
        _ => true,
    }
}

/// Whether a case-insensitive pattern anchored at the start, whose first word is one of
/// `words` (lowercase ASCII), may match: the sentence's first word (to the first ASCII space)
/// is one of them in any case, or holds a byte outside ASCII (`ſ` and the Kelvin sign match
/// ASCII letters case-insensitively, and a space outside ASCII is one to `\s`).
fn opens_with(sentence: &str, words: &[&str]) -> bool {
    let bytes = sentence.as_bytes();
    let first = bytes
        .split(|b| b.is_ascii_whitespace())
        .next()
        .unwrap_or(bytes);
    !first.is_ascii()
        || words
            .iter()
            .any(|w| first.eq_ignore_ascii_case(w.as_bytes()))
}

/// Whether [`CREDIT_END`] may match: its credits end with `s` (`Getty Images`, `Reuters`, or
/// `ſ`), `p` (`AFP`) or `)`, before whitespace and a full stop, and start with `/` or `(`.
fn may_end_with_credit(sentence: &str) -> bool {
    let end = sentence.strip_suffix('.').unwrap_or(sentence).trim_end();
    matches!(
        end.chars().next_back(),
        Some('s' | 'S' | 'ſ' | 'p' | 'P' | ')')
    ) && sentence.as_bytes().iter().any(|&b| b == b'/' || b == b'(')
}

/// A short line labelled as a credit (`Credit: SpaceX`, `Foto: ANTARA/Rivan`,
/// `Image credit: NASA/JPL`, `Sources: CNN and flightaware.com`, `Sumber: Antara`): the label,
/// a colon, and a few words naming the source.
fn is_credit_label(sentence: &str) -> bool {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:photo|image|video|foto|gambar)\s+)?(?:credits?|kredit|photo|image|foto|sources?|sumber)\s*:\s*\S").unwrap()
    });
    LABEL.is_match(sentence.trim()) && sentence.split_whitespace().count() <= 8
}

/// A news agency's closing credit: `Reporting by Jane Doe; Editing by John Roe`, `(Additional
/// reporting by …)`. Its opening words, then a semicolon, an "Editing by" or a closing
/// bracket: a news sentence opening "Reporting by the Times found …" has none of them.
fn is_wire_credit(sentence: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "Reporting by ",
        "Additional reporting by ",
        "Writing by ",
        "Editing by ",
        "Compiled by ",
    ];
    let bracketed = sentence.starts_with('(') && sentence.trim_end_matches('.').ends_with(')');
    let inner = sentence.strip_prefix('(').unwrap_or(sentence);
    OPENINGS.iter().any(|o| {
        inner.strip_prefix(o).is_some_and(|rest| {
            bracketed
                || rest.contains(';')
                || rest.contains("Editing by")
                || rest.contains("editing by")
        })
    })
}

/// A closing credit for reporting (`CNN's Jane Doe and John Roe contributed to this report.`,
/// `Reuters contributed reporting.`, `CNN's Jane Doe reported from New Delhi.`, `CNN's Jane Doe
/// conducted the interview, and John Roe wrote the story from Atlanta.`): names and a
/// few small words, then the credit's own wording at the end. A news sentence ending the same
/// way ("The minister said three agencies contributed to this report") has lowercase words
/// before it that no list of names and roles has ([`CREDIT_WORDS`]).
fn is_contribution_credit(sentence: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:contributed\s+(?:to\s+this\s+(?:report|story|article)|reporting)(?:\s+from\s+\p{Lu}[\p{L}.'’ -]*)?|(?:reported|wrote)(?:\s+(?:the|this)\s+(?:story|report|article))?\s+from\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}|wrote\s+(?:the|this)\s+(?:story|report|article))\s*[.!]?\s*$").unwrap()
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
    "conducted",
    "interview",
    "interviews",
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

/// True when a sentence is a picture's credit label ("Photo: AP", "Foto: Antara", "(Image:
/// Reuters)"); the caller takes the sentence before it as the caption only when the two make a
/// paragraph alone.
pub fn is_photo_credit(sentence: &str) -> bool {
    let text = sentence.trim().trim_start_matches(['(', '[']);
    let Some((label, rest)) = text.split_once(':') else {
        return false;
    };
    const LABELS: &[&str] = &[
        "photo",
        "photos",
        "foto",
        "photograph",
        "image",
        "images",
        "picture",
        "gambar",
        "pic",
    ];
    !rest.trim().is_empty() && LABELS.iter().any(|l| label.trim().eq_ignore_ascii_case(l))
}

/// The closing sentences of an article that may be its writer's bio, at most.
const BIO_WINDOW: usize = 4;

/// How the sentences after a closing bio open: the bio going on ("Since joining in 2014, he's
/// …", "After living in Colorado …") or a call to the reader ("Contact him direct at …", "Join
/// our Space Forums …"); a sentence with an address or a handle (`@`) goes on too.
const BIO_GOES_ON: &[&str] = &[
    "He ",
    "She ",
    "They ",
    "His ",
    "Her ",
    "Their ",
    "Since ",
    "After ",
    "Before ",
    "Contact ",
    "Join ",
    "Follow ",
    "Email ",
    "Get ",
    "Send ",
    "Sign up",
    "Subscribe",
    "If you",
    "And if you",
];

/// Words of a byline that name an outlet or a desk, not a person: never taken for the writer's
/// name opening a bio ("The agency said …" under "The Associated Press").
const NOT_A_NAME: &[&str] = &[
    "The",
    "Associated",
    "Press",
    "News",
    "Staff",
    "Agency",
    "Wire",
    "Service",
    "Reuters",
    "Desk",
    "Team",
    "Editors",
    "Editorial",
    "Redaksi",
    "Tim",
];

/// Where the writer's bio that closes an article starts, among its `sentences` (in order): the
/// first of the last [`BIO_WINDOW`] that opens with one of the `authors`' names (whole, first or
/// last) and a lowercase word or a possessive ("Phil Helsel is a reporter for NBC News.", "Zac
/// covers Apple news for 9to5Mac …", "Mike Wall's book …"), when every sentence after it to the
/// end also opens with the name or goes on as a bio does ([`BIO_GOES_ON`]). None without
/// authors, or when the article goes on after it.
pub fn closing_bio(sentences: &[&str], authors: &[String]) -> Option<usize> {
    let names: Vec<&str> = authors
        .iter()
        .flat_map(|a| {
            let words: Vec<&str> = a.split_whitespace().collect();
            let mut names = vec![a.as_str()];
            names.extend(words.first().into_iter().chain(words.last()).copied());
            names
        })
        .filter(|n| n.chars().count() >= 3 && !NOT_A_NAME.contains(n))
        .filter(|n| !n.split_whitespace().any(|w| NOT_A_NAME.contains(&w)))
        .collect();
    if names.is_empty() {
        return None;
    }
    let opens_with_name = |s: &str| {
        names.iter().any(|n| {
            s.strip_prefix(n).is_some_and(|rest| {
                rest.starts_with("'s ")
                    || rest.starts_with("’s ")
                    || rest
                        .strip_prefix(' ')
                        .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()))
            })
        })
    };
    let continues_bio = |s: &str| {
        opens_with_name(s) || s.contains('@') || BIO_GOES_ON.iter().any(|p| s.starts_with(p))
    };
    let first = sentences.len().saturating_sub(BIO_WINDOW);
    let start = (first..sentences.len()).find(|&i| opens_with_name(sentences[i]))?;
    sentences[start + 1..]
        .iter()
        .all(|s| continues_bio(s))
        .then_some(start)
}

#[cfg(test)]
mod tests;
