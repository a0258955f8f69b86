//! `briefing.json`'s layout: indented like `serde_json`'s pretty printer, except that an array
//! of plain values (numbers, strings, booleans) stays on one line — `"marks": [[6, 16], [41, 45]]`
//! rather than one number per line, which made the file twice the size for nothing.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

use crate::model::Briefing;

/// Serialises `value` in this layout, with a final newline.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(1 << 16);
    write_at(&mut out, value, 0)?;
    out.push(b'\n');
    Ok(utf8(out))
}

/// Serialises a briefing exactly as [`to_string`] does, the article entries (the bulk of a
/// large briefing) on all threads.
pub fn briefing(briefing: &Briefing) -> serde_json::Result<String> {
    // Exhaustive, so that a new field of the model cannot be left out; the order is serde's
    // (declaration order), checked against `to_string` by the tests.
    let Briefing {
        schema,
        title,
        generated,
        language,
        stats,
        articles_shown,
        themes,
        articles,
        timeline,
    } = briefing;
    let mut out = Vec::with_capacity(1 << 20);
    out.push(b'{');
    member(&mut out, "schema", schema, true)?;
    member(&mut out, "title", title, false)?;
    member(&mut out, "generated", generated, false)?;
    member(&mut out, "language", language, false)?;
    member(&mut out, "stats", stats, false)?;
    member(&mut out, "articles_shown", articles_shown, false)?;
    member(&mut out, "themes", themes, false)?;
    key(&mut out, "articles", false)?;
    if articles.is_empty() {
        out.extend_from_slice(b"[]");
    } else {
        out.push(b'[');
        // In batches, so that only one batch's pieces are held besides the whole.
        for (b, batch) in articles.chunks(ENTRIES_PER_BATCH).enumerate() {
            let pieces: Vec<Vec<u8>> = batch
                .par_chunks(ENTRIES_PER_PIECE)
                .enumerate()
                .map(|(p, entries)| {
                    let mut piece = Vec::new();
                    for (i, entry) in entries.iter().enumerate() {
                        if b + p + i > 0 {
                            piece.push(b',');
                        }
                        piece.extend_from_slice(b"\n    ");
                        write_at(&mut piece, entry, 2)?;
                    }
                    Ok(piece)
                })
                .collect::<serde_json::Result<_>>()?;
            pieces.iter().for_each(|piece| out.extend_from_slice(piece));
        }
        out.extend_from_slice(b"\n  ]");
    }
    member(&mut out, "timeline", timeline, false)?;
    out.extend_from_slice(b"\n}\n");
    Ok(utf8(out))
}

/// Article entries serialised together on one thread, and per parallel batch.
const ENTRIES_PER_PIECE: usize = 64;
const ENTRIES_PER_BATCH: usize = 64 * ENTRIES_PER_PIECE;

/// Writes `value` as if it stood `depth` levels deep in the document.
fn write_at<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> serde_json::Result<()> {
    let layout = Layout {
        open: vec![Open::Object; depth],
        awaiting_first: false,
    };
    value.serialize(&mut serde_json::Serializer::with_formatter(out, layout))
}

/// A member of the top-level object: its key, then its value.
fn member<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    name: &str,
    value: &T,
    first: bool,
) -> serde_json::Result<()> {
    key(out, name, first)?;
    write_at(out, value, 1)
}

/// A key of the top-level object.
fn key(out: &mut Vec<u8>, name: &str, first: bool) -> serde_json::Result<()> {
    if !first {
        out.push(b',');
    }
    out.extend_from_slice(b"\n  ");
    serde_json::to_writer(&mut *out, name)?;
    out.extend_from_slice(b": ");
    Ok(())
}

/// serde_json writes only valid UTF-8.
fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
}

/// How an open array or object is being laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// An object with no member yet.
    EmptyObject,
    /// An object: one member per line.
    Object,
    /// An array whose first value has not been seen yet: its layout follows from that value.
    Undecided,
    /// An array of plain values, on one line.
    Inline,
    /// An array of arrays or objects: one value per line.
    Block,
}

/// The formatter: a stack of what is open, and whether an array's first value is awaited.
#[derive(Debug, Default)]
struct Layout {
    open: Vec<Open>,
    /// Set between an array's `[` and its first value.
    awaiting_first: bool,
}

impl Layout {
    /// Indents a new line to the current depth.
    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        const LINE: &[u8; 65] =
            b"\n                                                                ";
        let mut indent = 2 * self.open.len();
        w.write_all(&LINE[..1 + indent.min(64)])?;
        while indent > 64 {
            indent -= 64;
            w.write_all(&LINE[1..1 + indent.min(64)])?;
        }
        Ok(())
    }

    /// Called before every value: the first value of an array decides its layout.
    fn value<W: ?Sized + Write>(&mut self, w: &mut W, plain: bool) -> io::Result<()> {
        if !self.awaiting_first {
            return Ok(());
        }
        self.awaiting_first = false;
        if let Some(top) = self.open.last_mut() {
            if plain {
                *top = Open::Inline;
            } else {
                *top = Open::Block;
                self.newline(w)?;
            }
        }
        Ok(())
    }
}

/// Plain values: the layout decision, then the compact form.
macro_rules! plain {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<W: ?Sized + Write>(&mut self, w: &mut W, v: $ty) -> io::Result<()> {
            self.value(w, true)?;
            CompactFormatter.$method(w, v)
        }
    )*};
}

impl Formatter for Layout {
    plain!(
        write_bool(bool),
        write_i8(i8),
        write_i16(i16),
        write_i32(i32),
        write_i64(i64),
        write_i128(i128),
        write_u8(u8),
        write_u16(u16),
        write_u32(u32),
        write_u64(u64),
        write_u128(u128),
        write_f32(f32),
        write_f64(f64),
        write_number_str(&str),
        write_byte_array(&[u8]),
        write_raw_fragment(&str),
    );

    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.value(w, true)?;
        w.write_all(b"null")
    }

    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.value(w, true)?;
        w.write_all(b"\"")
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.value(w, false)?;
        self.open.push(Open::Undecided);
        self.awaiting_first = true;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.awaiting_first = false;
        let open = self.open.pop();
        if open == Some(Open::Block) {
            self.newline(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        match (first, self.open.last()) {
            (true, _) => Ok(()),
            (false, Some(Open::Block)) => {
                w.write_all(b",")?;
                self.newline(w)
            }
            (false, _) => w.write_all(b", "),
        }
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.value(w, false)?;
        self.open.push(Open::EmptyObject);
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if self.open.pop() == Some(Open::Object) {
            self.newline(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if let Some(top) = self.open.last_mut() {
            *top = Open::Object;
        }
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn a_briefing_in_parallel_is_the_same_text() {
        let seeds: crate::model::Briefing =
            serde_json::from_str(include_str!("../out/briefing.json")).unwrap();
        let mut many = seeds.clone();
        let entries = many.articles.clone();
        for _ in 0..1000 {
            many.articles.extend(entries.iter().cloned());
        }
        let mut none = seeds.clone();
        none.articles.clear();
        for briefing in [&seeds, &many, &none] {
            assert_eq!(
                super::briefing(briefing).unwrap(),
                super::to_string(briefing).unwrap()
            );
        }
    }

    #[test]
    fn plain_arrays_stay_on_one_line() {
        let value = json!({
            "marks": [[6, 16], [41, 45]],
            "themes": ["veto", "arms"],
            "empty": [],
            "none": {},
            "sentences": [{"text": "a", "score": 0.5}],
        });
        let text = super::to_string(&value).unwrap();
        assert_eq!(
            text,
            "{\n  \"empty\": [],\n  \"marks\": [\n    [6, 16],\n    [41, 45]\n  ],\n  \
             \"none\": {},\n  \"sentences\": [\n    {\n      \"score\": 0.5,\n      \
             \"text\": \"a\"\n    }\n  ],\n  \"themes\": [\"veto\", \"arms\"]\n}\n"
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            value
        );
    }
}
