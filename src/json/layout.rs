//! The formatter of `briefing.json`'s layout: a container that holds an object is laid out
//! one member per line, any other on one line.

use std::io::{self, Write};

use serde_json::ser::{CompactFormatter, Formatter};

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
pub(super) struct Layout {
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
    pub(super) fn at_depth(depth: usize) -> Layout {
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
pub(super) fn newline<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
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
