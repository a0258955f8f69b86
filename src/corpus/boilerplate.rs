//! Boilerplate: lines a news page carries around the article (navigation crumbs, share and
//! comment forms, "Back to top", related-article lists, credits, bylines, editor tags). Each is
//! recognised by its shape, not by a list of one site's lines, and is dropped with a reason.

use std::sync::LazyLock;

use regex::Regex;

/// Why a line or piece is not part of the article's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Reason {
    /// Site navigation or a category trail.
    Navigation,
    /// A page control or form: share, comment, "back to top", "read also".
    Interface,
    /// A photo or video credit, or a caption's source line.
    Credit,
    /// An author line.
    Byline,
    /// An editor's or author's initials at the end of the text: `(les)`, `[feb]`.
    AuthorTag,
    /// A heading inside the article (kept out of the sentences; the first may be the title).
    Heading,
    /// The dateline that opens the article (`MOSKOW (Arrahmah.id) –`): kept as metadata.
    Dateline,
    /// A notice about the article rather than its news: an editor's note, a read-more pointer,
    /// a disclaimer of views, a transcript notice, a writer's bio.
    Notice,
    /// A paragraph that repeats an earlier one of the article word for word: a pull quote, a
    /// page that holds its text twice (for phones and for desktops).
    Repeat,
}

impl Reason {
    /// The reason as it appears in the JSON (`"navigation"`, `"author tag"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Navigation => "navigation",
            Reason::Interface => "interface",
            Reason::Credit => "credit",
            Reason::Byline => "byline",
            Reason::AuthorTag => "author tag",
            Reason::Heading => "heading",
            Reason::Dateline => "dateline",
            Reason::Notice => "notice",
            Reason::Repeat => "repeat",
        }
    }
}

/// Phrases of page furniture, Indonesian and English. A short line that starts with one is
/// interface, not text.
const INTERFACE_PHRASES: &[&str] = &[
    "back to top",
    "kembali ke atas",
    "artikel terkait",
    "berita terkait",
    "baca juga",
    "baca selengkapnya",
    "lihat juga",
    "simak juga",
    "related articles",
    "related posts",
    "related stories",
    "read more",
    "read also",
    "see also",
    "tinggalkan balasan",
    "tinggalkan komentar",
    "tulis komentar",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "alamat email anda tidak akan dipublikasikan",
    "your email address will not be published",
    "required fields are marked",
    "ruas yang wajib ditandai",
    "bagikan",
    "share this",
    "share on",
    "share:",
    "tweet",
    "copy link",
    "salin tautan",
    "salin link",
    "subscribe",
    "berlangganan",
    "ikuti kami",
    "follow us",
    "advertisement",
    "iklan",
    "scroll to continue",
    "gulir untuk melanjutkan",
    "loading",
    "komentar",
    "comments",
    "tags:",
    "tag:",
    "topik:",
    "kategori:",
    "categories:",
    "click here",
    "klik di sini",
    "sign up",
    "newsletter",
    "all rights reserved",
    "hak cipta",
    "copyright",
    // A Reddit feed item's footer: "submitted by /u/NAME", "[link] [comments]" (the author is
    // the item's own).
    "submitted by",
    "[link]",
    "©",
    "previous article",
    "next article",
    "artikel sebelumnya",
    "artikel selanjutnya",
    "print",
    "cetak",
    "email this",
    "download aplikasi",
    "unduh aplikasi",
    "ikuti berita",
    "follow berita",
    "dapatkan update",
];

/// Words that open a credit line (`VIDEO DIAMBIL DARI: REUTERS`, `Foto: Antara`).
const CREDIT_WORDS: &[&str] = &[
    "video",
    "foto",
    "photo",
    "gambar",
    "image",
    "sumber",
    "source",
    "kredit",
    "credit",
    "ilustrasi",
    "illustration",
    "grafis",
    "infografis",
    "caption",
    "keterangan",
];

/// Words that open a byline (`Staf FORUM`, `Oleh Andi`, `By Jane Doe`, `Editor: …`).
const BYLINE_WORDS: &[&str] = &[
    "oleh",
    "by",
    "penulis",
    "reporter",
    "wartawan",
    "editor",
    "redaktur",
    "kontributor",
    "laporan",
    "staf",
    "staff",
    "tim",
    "penyunting",
    "pewarta",
    "written",
];

static AUTHOR_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(\[]\s*(?:\*|[\p{Ll}0-9._\-]+(?:\s*[/,]\s*[\p{L}0-9._\-]+)*)\s*[)\]]$").unwrap()
});

/// Classifies one line of an article; `None` means it is article text.
///
/// `seen_text` says whether article text has already been seen above this line (bylines follow
/// titles; crumbs come first).
pub fn classify_line(line: &str, seen_text: bool) -> Option<Reason> {
    let line = line.trim();
    // Every rule below is for lines of at most LONGEST_FURNITURE words: count no further.
    let n = count_words(line, LONGEST_FURNITURE + 1);
    if n == 0 {
        return None;
    }
    if is_author_tag(line) {
        return Some(Reason::AuthorTag);
    }
    if n > LONGEST_FURNITURE {
        return None;
    }
    let first = line.split_whitespace().next()?;
    // Only the start is compared with phrases (the longest is 43 bytes, and the character after
    // a phrase is looked at): lowercase the first 64 characters, not the whole paragraph.
    let head = match line.len() {
        // At most 64 bytes: at most 64 characters.
        0..=64 => line,
        _ => line
            .char_indices()
            .nth(64)
            .map_or(line, |(i, _)| &line[..i]),
    };
    let lower = head.to_lowercase();
    let ends_like_sentence =
        ends_with_terminal(without_trailing_tag(line)) || has_inner_sentence_end(line);
    if n <= 12 && starts_with_phrase(&lower, INTERFACE_PHRASES, ends_like_sentence) {
        return Some(Reason::Interface);
    }
    let first = first.trim_end_matches([':', '|']).to_lowercase();
    if n <= 12 && CREDIT_WORDS.contains(&first.as_str()) && (line.contains(':') || n <= 2) {
        return Some(Reason::Credit);
    }
    if n <= 6 && !ends_like_sentence && BYLINE_WORDS.contains(&first.as_str()) && n >= 2 {
        return Some(Reason::Byline);
    }
    if !ends_like_sentence && n <= 12 && !seen_text && looks_like_crumbs(line) {
        return Some(Reason::Navigation);
    }
    if !ends_like_sentence {
        return Some(Reason::Heading);
    }
    None
}

/// A line that reads as a headline that asks, exclaims or trails off ("What now for Kelly
/// Holmes?", "Could rivalry overshadow election?", "'My memories of Marley...'"): at most
/// [`HEADLINE_QUESTION_WORDS`] words, one question, exclamation or trailing phrase. The caller
/// takes it for the title only above all the text of an article that has none (read as text,
/// it became the article's first sentence, its title, and the first of its summary); under a
/// known title it is a lead that asks, and stays text.
pub fn is_question_headline(line: &str) -> bool {
    let line = line.trim();
    let end = line.trim_end_matches(|c: char| {
        matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»') || c.is_whitespace()
    });
    let asks = end.ends_with(['?', '!', '…']) || end.ends_with("...");
    asks && count_words(line, HEADLINE_QUESTION_WORDS + 1) <= HEADLINE_QUESTION_WORDS
        && !has_inner_sentence_end(line)
}

/// The most words of a headline that is a question or an exclamation.
const HEADLINE_QUESTION_WORDS: usize = 12;

/// A headline glued after a sentence of its paragraph, where a page ran a link to another story
/// into the text ("Yes! Here Are 6 Gluten-Free Beers That Don't Suck", "… Here’s Why We All
/// Need To Get Better At Celebrating Female Success"): no sentence end and no comma (not a list
/// of names), a letter or digit first (not a bracketed address), four words or more, and every word of four letters or more (three at least)
/// starting with a capital or a digit.
pub fn is_glued_headline(piece: &str) -> bool {
    let piece = piece.trim();
    if ends_with_terminal(piece)
        || piece.contains(',')
        || !piece.starts_with(|c: char| c.is_alphanumeric())
    {
        return false;
    }
    let (mut words, mut long) = (0, 0);
    for word in piece.split_whitespace() {
        words += 1;
        if word.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            if !word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                return false;
            }
            long += 1;
        }
    }
    words >= 4 && long >= 3
}

/// A heading in capitals run into the text as a sentence of its own ("TRANSCRIPT .", "ROLL
/// CALL .", "WEEKLY NEWSQUIZ ." in a page's flattened text): one to three words, no lowercase
/// letter, four capitals or more, nothing after them but a full stop or a colon, and no
/// personal pronoun, which a shouted sentence has ("I LOVE IT.", "KAMI MENOLAK.").
pub fn is_caps_heading(piece: &str) -> bool {
    // Asked of every sentence: most are turned away by their length or their second letter.
    if piece.len() > LONGEST_CAPS_HEADING || piece.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let label = piece.trim().trim_end_matches(['.', ':']).trim_end();
    let words = label.split_whitespace().count();
    (1..=3).contains(&words)
        && label.chars().filter(|c| c.is_uppercase()).count() >= 4
        && label.chars().all(|c| {
            c.is_uppercase() || c.is_ascii_digit() || c.is_whitespace() || "&'’-".contains(c)
        })
        && label
            .split_whitespace()
            .all(|word| !PRONOUNS.contains(&word.to_lowercase().as_str()))
}

/// A label run into the text as a sentence of its own ("Latest developments: .", "What we
/// know:"): one to four words that end in a colon, nothing after it but a full stop. The caller
/// drops it where it heads a list or stands alone in its paragraph; one that introduces a
/// quotation ("Dia mengatakan:") is kept there. A sentence that leads into a list in words of
/// its own ("The minister listed three demands:") is longer and stays.
pub fn is_label_heading(piece: &str) -> bool {
    // Asked of every sentence: most are turned away by their length or their last bytes.
    if piece.len() > LONGEST_CAPS_HEADING {
        return false;
    }
    let piece = piece.trim_end();
    let Some(label) = piece
        .strip_suffix(':')
        .or_else(|| piece.strip_suffix('.')?.trim_end().strip_suffix(':'))
    else {
        return false;
    };
    (1..=4).contains(&label.split_whitespace().count())
}

/// The longest [`is_caps_heading`] in bytes: three long words and their stop.
const LONGEST_CAPS_HEADING: usize = 64;

/// Personal pronouns, English and Indonesian: a sentence's subjects and objects.
const PRONOUNS: &[&str] = &[
    "i", "me", "you", "he", "him", "she", "her", "it", "we", "us", "they", "them", "aku", "saya",
    "kamu", "anda", "dia", "ia", "kami", "kita", "mereka", "beliau",
];

/// The most words a line of furniture (heading, credit, byline, crumbs) has; longer lines are
/// text.
const LONGEST_FURNITURE: usize = 20;

/// How many words `line` has, as `split_whitespace` splits them, counting no further than
/// `limit`. Every line of an article is counted: eight ASCII bytes are taken at a time (a word
/// starts at each byte that is not white space after one that is), other characters one by one.
fn count_words(line: &str, limit: usize) -> usize {
    let bytes = line.as_bytes();
    let (mut count, mut in_word, mut i) = (0, false, 0);
    while count < limit && i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
            if chunk & HIGHS == 0 {
                let spaces = ascii_spaces(chunk);
                let after_space = spaces << 8 | if in_word { 0 } else { 0x80 };
                count += high_bits(!spaces & after_space & HIGHS);
                in_word = spaces >> 63 == 0;
                i += 8;
                continue;
            }
        }
        let space = match bytes[i] {
            b'\t'..=b'\r' | b' ' => 1,
            // The lead bytes of every non-ASCII white space character (U+0085, U+00A0, U+1680,
            // U+2000 to U+205F, U+3000): only these are decoded.
            0xC2 | 0xE1..=0xE3 => line[i..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8),
            _ => 0,
        };
        if space > 0 {
            in_word = false;
            i += space;
        } else {
            count += usize::from(!in_word);
            in_word = true;
            i += 1;
        }
    }
    count.min(limit)
}

/// Each byte's top bit: set in every byte.
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// How many bytes of `x` have their top bit set, `x` having no other bits: the bits shifted to
/// the bottom of their bytes and summed into the top byte by one multiplication (cheaper than
/// `count_ones` without the `popcnt` instruction, which the default target does not assume).
fn high_bits(x: u64) -> usize {
    ((x >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// The top bit of each byte of eight ASCII bytes that is white space (tab to carriage return,
/// or a space). No sum below carries into the next byte, as every byte is below 0x80.
fn ascii_spaces(chunk: u64) -> u64 {
    let each = |byte: u8| u64::from_ne_bytes([byte; 8]);
    let not_space = (chunk ^ each(b' ')) + each(0x7F);
    let from_tab = chunk + each(0x80 - b'\t');
    let past_return = chunk + each(0x80 - b'\r' - 1);
    (!not_space | from_tab & !past_return) & HIGHS
}

/// The line without an author tag at its end (`… dijajaki. (zarahamala/arrahmah.id)`).
fn without_trailing_tag(line: &str) -> &str {
    match line.rfind(['(', '[']) {
        Some(open) if open > 0 && is_author_tag(&line[open..]) => line[..open].trim_end(),
        _ => line,
    }
}

/// True when a sentence ends inside the line (`. ` then a capital): prose, not a heading. The
/// dot of an initial or a dotted acronym (`John M. Ford`, `U.S. Senate`) ends no sentence.
fn has_inner_sentence_end(line: &str) -> bool {
    // By byte: in UTF-8 these bytes are only ever these characters.
    let ends = line
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'.' | b'!' | b'?'));
    ends.map(|(i, _)| i).any(|i| {
        line[i + 1..]
            .strip_prefix(' ')
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase)
            && !(line.as_bytes()[i] == b'.' && is_initials(&line[..i]))
    })
}

/// Whether the word that ends `before` is an initial or initials (`M`, `U.S`): capital letters
/// one at a time, joined by dots.
fn is_initials(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    !word.is_empty()
        && word.split('.').all(|piece| {
            let mut chars = piece.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        })
}

/// True for an editor's or author's tag: `(les)`, `(zarahamala/arrahmah.id)`, `[feb]`, `(den / asa)`.
pub fn is_author_tag(piece: &str) -> bool {
    let piece = piece.trim();
    // The pattern's brackets, checked first: most short lines have none.
    piece.len() <= 48
        && piece.starts_with(['(', '['])
        && piece.ends_with([')', ']'])
        && AUTHOR_TAG.is_match(piece)
}

/// Crumb trails: parts joined by separators, or category names glued together by a scraper
/// (`Asia Timur LautKonflik / KeteganganProliferasi`).
fn looks_like_crumbs(line: &str) -> bool {
    let separators = ['›', '»', '>', '|', '/', '•', '·'];
    let has_separator = line
        .split_whitespace()
        .any(|w| w.chars().count() == 1 && separators.contains(&w.chars().next().unwrap_or(' ')));
    has_separator || glued_links(line) >= 2
}

/// How many places in `line` run one link's label into the next ("LautKonflik",
/// "HomeNewsSport"): a capital inside a word right after three lowercase letters or more. A
/// name has at most one, and after fewer letters ("McIlroy", "YouTube", "iPhone"), so a
/// headline that carries one is not taken for navigation.
fn glued_links(line: &str) -> usize {
    let mut count = 0;
    for word in line.split_whitespace() {
        let mut lower_run = 0;
        for c in word.chars() {
            if c.is_uppercase() && lower_run >= 3 {
                count += 1;
            }
            lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
        }
    }
    count
}

/// A phrase of three words or more is specific enough alone; a shorter one ("iklan", "share
/// on") marks furniture only on a line that does not read as a sentence.
fn starts_with_phrase(lower: &str, phrases: &[&str], ends_like_sentence: bool) -> bool {
    // The start compared first: few lines start with any phrase, and the phrase's words are
    // counted only for one that does.
    // The first byte compared before the whole phrase: most phrases differ in it.
    let first = lower.as_bytes().first();
    phrases.iter().any(|p| {
        p.as_bytes().first() == first
            && lower.starts_with(p)
            && (!ends_like_sentence || p.split_whitespace().count() >= 3)
            && lower[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// True when a line ends as a sentence does (full stop, question, exclamation, colon, or a
/// closing quote after one of them).
pub fn ends_with_terminal(line: &str) -> bool {
    let trimmed = line.trim_end_matches(|c: char| {
        matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»') || c.is_whitespace()
    });
    trimmed.ends_with(['.', '!', '?', '…', ':', ';'])
}

#[cfg(test)]
mod tests;
