//! `briefing.json`'s layout: an array or object that holds an object is indented one member per
//! line, like `serde_json`'s pretty printer; any other stays on one line. So a sentence, a key
//! term or a citation is one line (`{"text": "…", "score": 0.29, "themes": [], "line": 5,
//! "marks": [[6, 16]]}`), and an article entry or a theme section a short block of them. Fully
//! indented, the file was 2.5 times as large for nothing.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

use crate::model::{Article, Articles, Briefing};

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
    member(out, "schema", schema, true)?;
    member(out, "title", title, false)?;
    member(out, "generated", generated, false)?;
    member(out, "language", language, false)?;
    member(out, "stats", stats, false)?;
    member(out, "articles_shown", articles_shown, false)?;
    member(out, "changes", changes, false)?;
    member(out, "themes", themes, false)?;
    key(out, "articles", false)?;
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
    member(out, "timeline", timeline, false)?;
    out.write_all(b"\n}\n")?;
    out.flush()
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

/// A member of the top-level object: its key, then its value.
fn member<T: Serialize + ?Sized, W: Write + ?Sized>(
    out: &mut W,
    name: &str,
    value: &T,
    first: bool,
) -> io::Result<()> {
    key(out, name, first)?;
    Ok(write_at(out, value, 1)?)
}

/// A key of the top-level object.
fn key<W: Write + ?Sized>(out: &mut W, name: &str, first: bool) -> io::Result<()> {
    if !first {
        out.write_all(b",")?;
    }
    out.write_all(b"\n  ")?;
    serde_json::to_writer(&mut *out, name)?;
    out.write_all(b": ")
}

/// serde_json writes only valid UTF-8.
fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
}

/// An open array or object.
#[derive(Debug)]
struct Frame {
    /// `{` rather than `[`.
    object: bool,
    /// Laid out one member per line: it holds an object. Until then it is undecided, and its
    /// text is held in [`Layout::pending`] in the one-line form.
    block: bool,
    /// Where in `pending` its opening bracket is (undecided frames only).
    open_at: usize,
    /// Where its members start in [`Layout::members`] (undecided frames only).
    first_member: usize,
}

/// The formatter: what is open, and the text of the undecided containers.
#[derive(Debug, Default)]
struct Layout {
    /// Open containers, outermost first. The undecided ones are always the innermost few: an
    /// object inside a container decides it and every container around it.
    open: Vec<Frame>,
    /// Index in `open` of the outermost undecided container (`open.len()` when none).
    undecided: usize,
    /// The one-line text of the undecided containers, from the outermost one's opening bracket.
    pending: Vec<u8>,
    /// Where in `pending` each member of the undecided containers starts (after the `, `), one
    /// container's after another's: a stack, like the containers.
    members: Vec<usize>,
}

impl Layout {
    /// A layout for a value standing inside `depth` containers laid out one member per line.
    fn at_depth(depth: usize) -> Layout {
        let open: Vec<Frame> = (0..depth)
            .map(|_| Frame {
                object: true,
                block: true,
                open_at: 0,
                first_member: 0,
            })
            .collect();
        Layout {
            undecided: open.len(),
            open,
            pending: Vec::new(),
            members: Vec::new(),
        }
    }

    /// True while text goes to `pending` rather than to the writer.
    fn holding(&self) -> bool {
        self.undecided < self.open.len()
    }

    /// Writes `bytes` where text goes now.
    fn emit<W: ?Sized + Write>(&mut self, w: &mut W, bytes: &[u8]) -> io::Result<()> {
        if self.holding() {
            self.pending.extend_from_slice(bytes);
            Ok(())
        } else {
            w.write_all(bytes)
        }
    }

    /// Lays out every undecided container one member per line, writing out what they held.
    fn decide_block<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        let (pending, members) = (&self.pending, &self.members);
        let mut at = 0;
        for index in self.undecided..self.open.len() {
            let next = self.open.get(index + 1);
            let frame = &self.open[index];
            let own = &members[frame.first_member..next.map_or(members.len(), |f| f.first_member)];
            w.write_all(&pending[at..frame.open_at])?;
            w.write_all(if frame.object { b"{" } else { b"[" })?;
            at = frame.open_at + 1;
            for (i, &start) in own.iter().enumerate() {
                if i > 0 {
                    w.write_all(b",")?;
                }
                newline(w, index + 1)?;
                at = start;
                if let Some(&following) = own.get(i + 1) {
                    w.write_all(&pending[start..following - 2])?;
                    at = following;
                }
            }
            if next.is_none() {
                w.write_all(&pending[at..])?;
            }
        }
        for frame in &mut self.open[self.undecided..] {
            frame.block = true;
        }
        self.members
            .truncate(self.open[self.undecided].first_member);
        self.pending.clear();
        self.undecided = self.open.len();
        Ok(())
    }

    /// Opens an array or object.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, object: bool) -> io::Result<()> {
        if object && self.holding() {
            self.decide_block(w)?;
        }
        if !self.holding() {
            self.undecided = self.open.len();
        }
        self.open.push(Frame {
            object,
            block: false,
            open_at: self.pending.len(),
            first_member: self.members.len(),
        });
        self.pending
            .extend_from_slice(if object { b"{" } else { b"[" });
        Ok(())
    }

    /// Closes the innermost array or object.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        let Some(frame) = self.open.pop() else {
            return Ok(());
        };
        let bracket: &[u8] = if frame.object { b"}" } else { b"]" };
        if frame.block {
            newline(w, self.open.len())?;
            return w.write_all(bracket);
        }
        self.pending.extend_from_slice(bracket);
        self.members.truncate(frame.first_member);
        if self.undecided == self.open.len() {
            // It was the outermost undecided one: its one-line text is final.
            w.write_all(&self.pending)?;
            self.pending.clear();
        }
        Ok(())
    }

    /// Starts a member (array value or object key) of the innermost container.
    fn member<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        let depth = self.open.len();
        match self.open.last_mut() {
            Some(frame) if frame.block => {
                if !first {
                    w.write_all(b",")?;
                }
                newline(w, depth)
            }
            Some(_) => {
                if !first {
                    self.pending.extend_from_slice(b", ");
                }
                self.members.push(self.pending.len());
                Ok(())
            }
            None => Ok(()),
        }
    }
}

/// A new line indented to `depth` (two spaces a level).
fn newline<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
    const LINE: &[u8; 65] = b"\n                                                                ";
    let mut indent = 2 * depth;
    w.write_all(&LINE[..1 + indent.min(64)])?;
    while indent > 64 {
        indent -= 64;
        w.write_all(&LINE[1..1 + indent.min(64)])?;
    }
    Ok(())
}

/// Values and pieces of strings: the compact form, where text goes now.
macro_rules! routed {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            if self.holding() {
                CompactFormatter.$method(&mut self.pending $(, $arg)*)
            } else {
                CompactFormatter.$method(w $(, $arg)*)
            }
        }
    )*};
}

impl Formatter for Layout {
    routed!(
        write_null(),
        write_bool(v: bool),
        write_i8(v: i8),
        write_i16(v: i16),
        write_i32(v: i32),
        write_i64(v: i64),
        write_i128(v: i128),
        write_u8(v: u8),
        write_u16(v: u16),
        write_u32(v: u32),
        write_u64(v: u64),
        write_u128(v: u128),
        write_f32(v: f32),
        write_f64(v: f64),
        write_number_str(v: &str),
        begin_string(),
        end_string(),
        write_string_fragment(v: &str),
        write_char_escape(v: serde_json::ser::CharEscape),
        write_byte_array(v: &[u8]),
        write_raw_fragment(v: &str),
    );

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, false)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.member(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, true)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.member(w, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.emit(w, b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    fn streamed(briefing: &crate::model::Briefing) -> Vec<u8> {
        let mut out = Vec::new();
        super::write_briefing(briefing, &mut out).unwrap();
        out
    }

    #[test]
    fn a_briefing_in_parallel_is_the_same_text() {
        let seeds: crate::model::Briefing =
            serde_json::from_str(include_str!("../out/briefing.json")).unwrap();
        let mut many = seeds.clone();
        let entries = many.articles.held().unwrap().to_vec();
        for _ in 0..1000 {
            many.articles
                .held_mut()
                .unwrap()
                .extend(entries.iter().cloned());
        }
        let mut none = seeds.clone();
        none.articles.held_mut().unwrap().clear();
        // The same entries written to a temporary file as they are made, two kept whole.
        let mut spilled = many.clone();
        let mut writer = crate::model::articles::SpillWriter::new(2).unwrap();
        for article in many.articles.held().unwrap() {
            let text = super::entry(article).unwrap();
            writer
                .push(article.into(), &text, || Ok(article.clone()))
                .unwrap();
        }
        spilled.articles = writer.finish(None).unwrap();
        assert_eq!(spilled.articles.first(5).len(), 2);
        assert_eq!(spilled.articles.len(), many.articles.len());
        assert_eq!(streamed(&spilled), streamed(&many));
        for briefing in [&seeds, &many, &none] {
            assert_eq!(
                String::from_utf8(streamed(briefing)).unwrap(),
                super::to_string(briefing).unwrap()
            );
        }
    }

    #[test]
    fn containers_without_objects_stay_on_one_line() {
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
            "{\n  \"empty\": [],\n  \"marks\": [[6, 16], [41, 45]],\n  \"none\": {},\n  \
             \"sentences\": [\n    {\"score\": 0.5, \"text\": \"a\"}\n  ],\n  \
             \"themes\": [\"veto\", \"arms\"]\n}\n"
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            value
        );
    }

    /// Any JSON value: plain values, arrays and objects nested a few levels.
    fn any_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            "[a-z\"\\\n é“]{0,6}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 48, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::from),
                proptest::collection::btree_map("[a-z]{1,3}", inner, 0..5)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn any_value_reads_back_the_same(value in any_json()) {
            let text = super::to_string(&value).unwrap();
            let read: serde_json::Value = serde_json::from_str(&text).unwrap();
            proptest::prop_assert_eq!(&read, &value);
            // A value that holds no object (at any depth) is on one line.
            fn holds_object(v: &serde_json::Value) -> bool {
                let is_or_holds = |x: &serde_json::Value| x.is_object() || holds_object(x);
                match v {
                    serde_json::Value::Object(m) => m.values().any(is_or_holds),
                    serde_json::Value::Array(items) => items.iter().any(is_or_holds),
                    _ => false,
                }
            }
            proptest::prop_assert_eq!(text.lines().count() == 1, !holds_object(&value));
        }
    }
}
