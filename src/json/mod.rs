//! `briefing.json`'s layout: an array or object that holds an object is indented one member per
//! line, like `serde_json`'s pretty printer; any other stays on one line. So a sentence, a key
//! term or a citation is one line (`{"text": "…", "score": 0.29, "themes": [], "line": 5,
//! "marks": [[6, 16]]}`), and an article entry or a theme section a short block of them. Fully
//! indented, the file was 2.5 times as large for nothing.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use self::layout::{Layout, newline};
use crate::model::{Article, Articles, Briefing, Point, SourceRef, Theme};

mod layout;

/// Serialises `value` in this layout, with a final newline.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(1 << 16);
    write_at(&mut out, value, 0)?;
    out.push(b'\n');
    Ok(utf8(out))
}

/// Writes a briefing exactly as [`to_string`] serialises it, into `out` as it is made: the
/// article entries (the bulk of a large briefing) are serialised on all threads a batch at a
/// time, each batch while the one before is being written, so a briefing of hundreds of
/// megabytes is never held whole and writing overlaps serialising.
pub fn write_briefing(briefing: &Briefing, out: &mut (dyn Write + Send)) -> io::Result<()> {
    // Exhaustive, so that a new field of the model cannot be left out; the order is serde's
    // (declaration order), checked against `to_string` by the tests.
    let Briefing {
        schema,
        title,
        generated,
        language,
        stats,
        articles_shown,
        changes,
        themes,
        articles,
        timeline,
    } = briefing;
    // Every member straight to the output: an archive's themes cite every article and its
    // timeline holds every dated sentence, too much to make whole before writing.
    let out = &mut io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"{")?;
    member(out, "schema", schema, true, 1)?;
    member(out, "title", title, false, 1)?;
    member(out, "generated", generated, false, 1)?;
    member(out, "language", language, false, 1)?;
    member(out, "stats", stats, false, 1)?;
    member(out, "articles_shown", articles_shown, false, 1)?;
    member(out, "changes", changes, false, 1)?;
    key(out, "themes", false, 1)?;
    write_themes(themes, out)?;
    key(out, "articles", false, 1)?;
    if articles.is_empty() {
        out.write_all(b"[]")?;
    } else {
        out.write_all(b"[")?;
        match articles {
            Articles::Held(articles) => write_held(articles, out)?,
            Articles::Spilled(spilled) => spilled.each_raw(|i, entry| {
                out.write_all(if i > 0 { b",\n    " } else { b"\n    " })?;
                out.write_all(entry)
            })?,
        }
        out.write_all(b"\n  ]")?;
    }
    member(out, "timeline", timeline, false, 1)?;
    out.write_all(b"\n}\n")?;
    out.flush()
}

/// The theme sections, laid out as serde lays them out, their points written directly: an
/// archive's points cite every article (42 MB of citations at 50,000 articles), which serde's
/// general path wrote at a quarter of the speed.
fn write_themes<W: Write + ?Sized>(themes: &[Theme], out: &mut W) -> io::Result<()> {
    if themes.is_empty() {
        return out.write_all(b"[]");
    }
    block_array(out, themes, 1, write_theme)
}

/// One theme section, standing two levels deep.
fn write_theme<W: Write + ?Sized>(theme: &Theme, out: &mut W) -> io::Result<()> {
    // Exhaustive, as in `write_briefing`; the order is serde's, checked by the tests.
    let Theme {
        id,
        title,
        description,
        articles,
        numbers,
        sentences,
        terms,
        learned,
        points,
        shown,
        quotes,
    } = theme;
    // Without points a section is small and may be one line: serde lays it out. With them, it
    // holds an object, so it is laid out one member per line.
    if points.is_empty() {
        return Ok(write_at(out, theme, 2)?);
    }
    out.write_all(b"{")?;
    member(out, "id", id, true, 3)?;
    member(out, "title", title, false, 3)?;
    member(out, "description", description, false, 3)?;
    member(out, "articles", articles, false, 3)?;
    member(out, "numbers", numbers, false, 3)?;
    member(out, "sentences", sentences, false, 3)?;
    member(out, "terms", terms, false, 3)?;
    member(out, "learned", learned, false, 3)?;
    key(out, "points", false, 3)?;
    block_array(out, points, 3, write_point)?;
    member(out, "shown", shown, false, 3)?;
    member(out, "quotes", quotes, false, 3)?;
    newline(out, 2)?;
    out.write_all(b"}")
}

/// A point, standing four levels deep, as serde lays it out: one member per line, a citation
/// per line.
fn write_point<W: Write + ?Sized>(point: &Point, out: &mut W) -> io::Result<()> {
    let Point {
        text,
        score,
        sources,
    } = point;
    // Without citations it holds no object: one line.
    if sources.is_empty() {
        return Ok(write_at(out, point, 4)?);
    }
    out.write_all(b"{")?;
    key(out, "text", true, 5)?;
    string(out, text)?;
    key(out, "score", false, 5)?;
    serde_json::to_writer(&mut *out, score)?;
    key(out, "sources", false, 5)?;
    block_array(out, sources, 5, |source, out| {
        let SourceRef {
            article,
            number,
            sentence,
        } = source;
        out.write_all(b"{\"article\": ")?;
        string(out, article)?;
        out.write_all(b", \"number\": ")?;
        serde_json::to_writer(&mut *out, number)?;
        out.write_all(b", \"sentence\": ")?;
        serde_json::to_writer(&mut *out, sentence)?;
        out.write_all(b"}")
    })?;
    newline(out, 4)?;
    out.write_all(b"}")
}

/// A non-empty array of objects standing `depth` levels deep, one member per line, each
/// written by `each`.
fn block_array<T, W: Write + ?Sized>(
    out: &mut W,
    items: &[T],
    depth: usize,
    mut each: impl FnMut(&T, &mut W) -> io::Result<()>,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        newline(out, depth + 1)?;
        each(item, out)?;
    }
    newline(out, depth)?;
    out.write_all(b"]")
}

/// A JSON string as serde_json writes it: copied as it is when nothing in it needs escaping
/// (serde_json escapes only `"`, `\\` and control characters).
fn string<W: Write + ?Sized>(out: &mut W, text: &str) -> io::Result<()> {
    if text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        return Ok(serde_json::to_writer(out, text)?);
    }
    out.write_all(b"\"")?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\"")
}

/// Held entries, serialised on all threads a batch at a time, each batch while the one before
/// is being written.
fn write_held(articles: &[Article], out: &mut (dyn Write + Send)) -> io::Result<()> {
    let mut ready: Vec<Vec<u8>> = Vec::new();
    for (b, batch) in articles.chunks(ENTRIES_PER_BATCH).enumerate() {
        let (written, pieces) = rayon::join(
            || write_pieces(out, &ready),
            || entries(b * ENTRIES_PER_BATCH, batch),
        );
        written?;
        ready = pieces?;
    }
    write_pieces(out, &ready)
}

/// One article entry as `briefing.json` lays it out in the `articles` array (without the
/// separator before it).
pub fn entry(article: &Article) -> io::Result<Vec<u8>> {
    let mut text = Vec::new();
    write_at(&mut text, article, 2)?;
    Ok(text)
}

/// A batch of article entries (the first is entry number `first`) serialised on all threads,
/// in pieces, each entry after its separator.
fn entries(first: usize, batch: &[Article]) -> io::Result<Vec<Vec<u8>>> {
    batch
        .par_chunks(ENTRIES_PER_PIECE)
        .enumerate()
        .map(|(p, entries)| {
            let mut piece = Vec::new();
            for (i, entry) in entries.iter().enumerate() {
                if first + p * ENTRIES_PER_PIECE + i > 0 {
                    piece.push(b',');
                }
                piece.extend_from_slice(b"\n    ");
                write_at(&mut piece, entry, 2)?;
            }
            Ok(piece)
        })
        .collect()
}

/// Writes serialised pieces in order.
fn write_pieces(out: &mut (dyn Write + Send), pieces: &[Vec<u8>]) -> io::Result<()> {
    pieces.iter().try_for_each(|piece| out.write_all(piece))
}

/// Article entries serialised together on one thread, and per parallel batch.
const ENTRIES_PER_PIECE: usize = 64;
const ENTRIES_PER_BATCH: usize = 64 * ENTRIES_PER_PIECE;

/// Writes `value` as if it stood `depth` levels deep in the document.
fn write_at<T: Serialize + ?Sized, W: Write + ?Sized>(
    out: &mut W,
    value: &T,
    depth: usize,
) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        out,
        Layout::at_depth(depth),
    ))
}

/// A member of an object laid out one member per line, `depth` levels deep (1: the top-level
/// object): its key, then its value.
fn member<T: Serialize + ?Sized, W: Write + ?Sized>(
    out: &mut W,
    name: &str,
    value: &T,
    first: bool,
    depth: usize,
) -> io::Result<()> {
    key(out, name, first, depth)?;
    Ok(write_at(out, value, depth)?)
}

/// A key of an object laid out one member per line, `depth` levels deep.
fn key<W: Write + ?Sized>(out: &mut W, name: &str, first: bool, depth: usize) -> io::Result<()> {
    if !first {
        out.write_all(b",")?;
    }
    newline(out, depth)?;
    string(out, name)?;
    out.write_all(b": ")
}

/// serde_json writes only valid UTF-8.
fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
}

#[cfg(test)]
mod tests;
