//! The read stage: find the article files, decode them, read front matter, split the body into
//! paragraphs, and set aside boilerplate (listed as dropped, never silently lost).

pub mod boilerplate;
pub mod decode;
pub mod feed;
mod files;
pub mod markdown;
pub mod meta;
pub mod notices;
pub mod page;
mod repeats;

use std::path::Path;

use boilerplate::{Reason, classify_line};

use crate::error::{Error, Result, Warning};
use crate::text::Lang;
use files::{Kind, article_kind};
pub use files::{article_id, discover};

/// The largest article file read, of any kind (saved pages are rarely over a few MiB, and a
/// text article over a few hundred KiB is rare): a bigger one is an error naming the file, not
/// a build that holds it all in memory.
pub const MAX_ARTICLE_FILE: u64 = 32 << 20;

/// The warning for an article with no text of its own left: only headings, or paragraphs and
/// sentences that are all boilerplate or page furniture.
pub const NO_TEXT: &str = "has no article text (only headings or boilerplate); skipped";

/// How many opening paragraphs are searched for the article's date.
const DATE_PARAGRAPHS: usize = 3;
/// How far into the text (bytes) the article's date may start: the opening's first sentences,
/// not the rest of an article written as one long paragraph.
const DATE_OPENING_BYTES: usize = 800;

/// Bytes enough for any full date as news writes it (`Wednesday, 13 September 2023`).
const LONGEST_DATE: usize = 64;

/// One article as read from disk, before segmentation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// Identifier: the file's path below the input folder, without extension (`/`-separated).
    pub id: String,
    /// The file's path as given to the tool (project-relative), `/`-separated.
    pub path: String,
    /// Headline from front matter or a headline line.
    pub title: Option<String>,
    /// Publisher from front matter or dateline.
    pub source: Option<String>,
    /// Who wrote it, from front matter, a byline or the page; in the order given.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Date from front matter or text, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// URL from front matter.
    pub url: Option<String>,
    /// Language set in front matter.
    pub language: Option<Lang>,
    /// The language tag the text's source declares (a page's `<html lang>`, a feed's or item's
    /// language): a hint, taken only where the text does not tell (see
    /// [`crate::text::detect_readable_declared`]).
    #[serde(default)]
    pub declared: Option<String>,
    /// For a file holding several articles (a feed), which one this is: the item's slug
    /// (`path` then ends in `#` and the slug, `id` in `/` and the slug).
    #[serde(default)]
    pub part: Option<String>,
    /// A feed item that holds only a teaser (a one-paragraph summary, no full content).
    #[serde(default)]
    pub teaser: bool,
    /// The body, paragraph by paragraph.
    pub paragraphs: Vec<Paragraph>,
    /// What was set aside, with why.
    pub dropped: Vec<Dropped>,
}

/// A paragraph of body text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Paragraph {
    /// The text (hard-wrapped lines joined with spaces).
    pub text: String,
    /// The 1-based line it starts on.
    pub line: usize,
}

/// A piece of the file that is not article text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Dropped {
    /// The piece, as in the file.
    pub text: String,
    /// Why it was set aside.
    pub reason: Reason,
    /// The 1-based line it is on.
    pub line: usize,
}

/// Reads one article file: its article, or each item of a feed (in the order of their ids).
/// None means it was skipped, with the reason among `warnings`.
pub fn read(input: &Path, path: &Path, warnings: &mut Vec<Warning>) -> Result<Vec<Document>> {
    let warn = |message: String| Warning {
        path: path.to_path_buf(),
        line: None,
        message,
    };
    let kind = article_kind(path);
    let bytes = crate::bounded::read(path, MAX_ARTICLE_FILE).map_err(|e| Error::io(path, e))?;
    let id = article_id(input, path);
    let display = path.to_string_lossy().replace('\\', "/");
    if kind == Some(Kind::Feed) {
        let mut notes = Vec::new();
        let docs = feed::read(&id, &display, &bytes, &mut |m| notes.push(m));
        warnings.extend(notes.into_iter().map(warn));
        return match docs {
            Ok(docs) if docs.is_empty() => {
                warnings.push(warn(
                    "is a feed with no items that have text; skipped".into(),
                ));
                Ok(Vec::new())
            }
            Ok(docs) => Ok(docs),
            Err(message) => {
                warnings.push(warn(message));
                Ok(Vec::new())
            }
        };
    }
    let text = match decode::decode(&bytes) {
        decode::Decoded::Binary(kind) => {
            warnings.push(warn(format!("is {kind}, not text; skipped")));
            return Ok(Vec::new());
        }
        decode::Decoded::Text { text, notes } => {
            warnings.extend(notes.into_iter().map(warn));
            text
        }
    };
    if text.trim().is_empty() {
        warnings.push(warn("is empty; skipped".into()));
        return Ok(Vec::new());
    }
    let doc = match kind {
        Some(Kind::Markdown) => from_markdown(id, display, &text, path)?,
        Some(Kind::Page) => match page::read(id, display, &text) {
            Ok(doc) => doc,
            Err(message) => {
                warnings.push(warn(message));
                return Ok(Vec::new());
            }
        },
        _ => from_text(id, display, &text),
    };
    if doc.paragraphs.is_empty() {
        warnings.push(warn(NO_TEXT.into()));
        return Ok(Vec::new());
    }
    Ok(vec![doc])
}

fn from_markdown(id: String, path: String, text: &str, file: &Path) -> Result<Document> {
    let (front, blocks) = markdown::parse(text).map_err(|(message, line)| Error::Input {
        path: file.to_path_buf(),
        line: Some(line),
        message: format!("{message}; fix the front matter between the `---` lines"),
    })?;
    let mut doc = empty_document(id, path);
    doc.title = front.title;
    doc.source = front.source;
    let listed = front
        .authors
        .map(markdown::Names::into_vec)
        .unwrap_or_default();
    doc.authors = distinct_names(front.author.into_iter().chain(listed));
    doc.date = front.date;
    doc.url = front.url;
    doc.language = front
        .language
        .as_deref()
        .map(|l| if l == "en" { Lang::En } else { Lang::Id });
    let lines = blocks.into_iter().map(|b| (b.text, b.line, b.heading));
    body(&mut doc, lines);
    Ok(doc)
}

/// Builds a document from plain text (paragraphs by line, boilerplate set aside).
pub fn from_text(id: String, path: String, text: &str) -> Document {
    let mut doc = empty_document(id, path);
    body(
        &mut doc,
        paragraphs_of_text(text)
            .into_iter()
            .map(|p| (p.text, p.line, false)),
    );
    doc
}

/// Names trimmed, empty ones left out, each kept once (first place wins).
pub fn distinct_names(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

fn empty_document(id: String, path: String) -> Document {
    Document {
        id,
        path,
        title: None,
        source: None,
        authors: Vec::new(),
        date: None,
        url: None,
        language: None,
        declared: None,
        part: None,
        teaser: false,
        paragraphs: Vec::new(),
        dropped: Vec::new(),
    }
}

/// Splits plain text into paragraphs: each line is one, except that a line which does not end
/// like a sentence is joined to a next line starting in lowercase (hard-wrapped text).
pub fn paragraphs_of_text(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false;
    // Lines split at each `\n` found by `memchr` (`str::lines` searches one byte at a time);
    // a `\r` before it goes with the trimming, and a last empty line closes nothing.
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for (i, end) in ends.enumerate() {
        let line = &text[start..end];
        start = end + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        let continues = trimmed.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(last) if open && continues && !boilerplate::ends_with_terminal(&last.text) => {
                last.text.push(' ');
                last.text.push_str(trimmed);
            }
            _ => out.push(Paragraph {
                text: trimmed.to_string(),
                line: i + 1,
            }),
        }
        open = true;
    }
    out
}

/// Sorts blocks into body paragraphs, the title, dateline and boilerplate.
fn body(doc: &mut Document, blocks: impl Iterator<Item = (String, usize, bool)>) {
    let mut seen_text = false;
    // A dateline opens one of the first paragraphs (a page may put a photo caption first);
    // once one is found, no other is looked for.
    let mut dateline_open = true;
    let mut repeats = repeats::Repeats::default();
    for (text, line, heading) in blocks {
        if let Some(byline) = meta::byline(&text).filter(|_| !heading) {
            take_byline(doc, byline);
            doc.dropped.push(Dropped {
                text,
                reason: Reason::Byline,
                line,
            });
            continue;
        }
        // A date on a line of its own is the article's date when it opens the article, and
        // never a sentence or a title.
        if let Some((_, date)) = meta::date_line(&text) {
            if doc.date.is_none() && doc.paragraphs.len() < DATE_PARAGRAPHS {
                doc.date = Some(date);
            }
            doc.dropped.push(Dropped {
                text,
                reason: Reason::Dateline,
                line,
            });
            continue;
        }
        let reason = if heading
            || (doc.title.is_none() && !seen_text && boilerplate::is_question_headline(&text))
        {
            Some(Reason::Heading)
        } else {
            classify_line(&text, seen_text)
        };
        match reason {
            Some(Reason::Heading) if doc.title.is_none() && !seen_text => {
                doc.title = Some(text.clone());
                doc.dropped.push(Dropped {
                    text,
                    reason: Reason::Heading,
                    line,
                });
            }
            Some(reason) => doc.dropped.push(Dropped { text, reason, line }),
            None if repeats.seen(&text, &doc.paragraphs) => {
                doc.dropped.push(Dropped {
                    text,
                    reason: Reason::Repeat,
                    line,
                });
            }
            None if dateline_open && doc.paragraphs.len() < DATE_PARAGRAPHS => {
                seen_text = true;
                let (text, found) = take_dateline(doc, text, line);
                dateline_open = !found;
                doc.paragraphs.push(Paragraph { text, line });
            }
            None => {
                seen_text = true;
                doc.paragraphs.push(Paragraph { text, line });
            }
        }
    }
    // A text made only of heading-like lines (no sentence punctuation anywhere) is still text.
    if doc.paragraphs.is_empty() {
        let (headings, rest): (Vec<Dropped>, Vec<Dropped>) = std::mem::take(&mut doc.dropped)
            .into_iter()
            .partition(|d| d.reason == Reason::Heading);
        doc.dropped = rest;
        doc.paragraphs = headings
            .into_iter()
            .map(|d| Paragraph {
                text: d.text,
                line: d.line,
            })
            .collect();
    }
    if doc.date.is_none() {
        // Only the opening carries the article's own date; later dates are history ("17
        // Agustus 1945") or plans ("kontrak hingga 30 Juni 2020", "The theme will end
        // November 26, 2016" deep in a one-paragraph article). Even there, only a date given
        // with its day ("Rabu (13/9/2023)", "Tuesday, March 3, 2015"): a bare one is most often
        // recalled ("launched Jan. 12, 1966", "wafat pada 25 Juni 2009 silam"). Measured on
        // 1,000 CNN stories of 2015 (en-dev): 27 were dated by a date in their opening, 25 of
        // them wrongly (1856, 1944, 2001…); with the day asked for, one is (wrongly). On 300
        // IndoSum articles (dev, whose ids carry the publication time): 30 → 21 dated, 20 of
        // the 21 within four days of publication; the 9 left undated include the one 8
        // years off.
        let mut before = 0;
        for p in doc.paragraphs.iter().take(DATE_PARAGRAPHS) {
            if before >= DATE_OPENING_BYTES {
                break;
            }
            // Only a date that starts in the opening counts: the search reads no further than
            // the longest date past it (a long paragraph is not searched to its end).
            let mut reach = p.text.len().min(DATE_OPENING_BYTES - before + LONGEST_DATE);
            while !p.text.is_char_boundary(reach) {
                reach -= 1;
            }
            if let Some((at, date)) = meta::first_day_date_at(&p.text[..reach]) {
                if before + at < DATE_OPENING_BYTES {
                    doc.date = Some(date);
                }
                break;
            }
            before += p.text.len() + 1;
        }
    }
}

/// Fills what the front matter left open from an author line: authors, publisher, date.
fn take_byline(doc: &mut Document, byline: meta::Byline) {
    if doc.authors.is_empty() {
        doc.authors = distinct_names(byline.authors);
    }
    if doc.source.is_none() {
        doc.source = byline.source;
    }
    if doc.date.is_none() {
        doc.date = byline.date;
    }
}

/// Strips a dateline from an opening paragraph, keeping its place and source as metadata, and
/// a date that opens it as a sentence of its own (`March 10, 2015. We're …`), keeping the date;
/// true when there was either.
fn take_dateline(doc: &mut Document, mut text: String, line: usize) -> (String, bool) {
    let mut found = false;
    if let Some((len, date)) = meta::date_head(&text) {
        if doc.date.is_none() {
            doc.date = Some(date);
        }
        doc.dropped.push(Dropped {
            text: text[..len].trim().to_string(),
            reason: Reason::Dateline,
            line,
        });
        text.drain(..len);
        found = true;
    }
    let Some(dateline) = meta::dateline(&text) else {
        return (text, found);
    };
    if doc.source.is_none() {
        doc.source = dateline.source;
    }
    doc.dropped.push(Dropped {
        text: text[..dateline.len].trim().to_string(),
        reason: Reason::Dateline,
        line,
    });
    (text[dateline.len..].to_string(), true)
}

#[cfg(test)]
mod tests;
