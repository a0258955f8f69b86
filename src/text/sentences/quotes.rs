//! A terminator inside a short quotation that goes on and closes within the sentence: the
//! slogan `“Meth. We’re on it.” campaign`, the reply `“No. We will not,” he said.` Split
//! there, a quotation's first word or two became a sentence of its own (`South Dakota says,
//! 'Meth.`), a fragment that reached summaries.

/// Words a quotation may hold before the terminator, at most: one, as in a slogan or a reply
/// (`“Meth.`, `“No.`); a quotation of two sentences or more splits as before.
const WORDS_BEFORE: usize = 1;
/// Words the quotation may go on for after it before it closes, at most.
const WORDS_AFTER: usize = 12;

/// Whether the terminator at `term_start` (its run ends at `ws`, where whitespace begins) is
/// inside a quotation opened at most [`WORDS_BEFORE`] words before it, in this sentence (from
/// `sent_start`), that closes within [`WORDS_AFTER`] words after it, before any other
/// sentence end.
pub(super) fn inside_short_quote(s: &str, sent_start: usize, term_start: usize, ws: usize) -> bool {
    // Most words before a terminator hold no quotation mark: bytes tell, before any character
    // is decoded (`“` and `‘` begin with 0xE2; the word may reach back past a non-ASCII space,
    // which the exact look below then stops at).
    let before = &s.as_bytes()[sent_start..term_start];
    let word = before
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map_or(before, |i| &before[i + 1..]);
    if !word.iter().any(|&b| matches!(b, b'"' | b'\'' | 0xE2)) {
        return false;
    }
    // The run is terminators only: a quotation that closes at the terminator is not open.
    if s[term_start..ws].chars().any(is_quote) {
        return false;
    }
    let Some(closer) = opened_before(&s[sent_start..term_start]) else {
        return false;
    };
    closes_after(&s[ws..], closer)
}

/// The closing mark of a quotation opened in the last [`WORDS_BEFORE`] words of `before`.
fn opened_before(before: &str) -> Option<char> {
    let mut spaces = 0;
    for (i, c) in before.char_indices().rev() {
        if c.is_whitespace() {
            spaces += 1;
            if spaces >= WORDS_BEFORE {
                return None;
            }
            continue;
        }
        if let Some(closer) = closer_of(c) {
            // An opening mark starts the sentence or follows a space or a bracket; a `'`
            // between letters is an apostrophe.
            let after_space = before[..i]
                .chars()
                .next_back()
                .is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–'));
            return after_space.then_some(closer);
        }
        if is_quote(c) {
            return None;
        }
    }
    None
}

/// Whether `after` closes the quotation with `closer` (or a straight mark) within
/// [`WORDS_AFTER`] words, before another terminator is followed by whitespace.
fn closes_after(after: &str, closer: char) -> bool {
    let straight = if closer == '”' { '"' } else { '\'' };
    let mut words = 0;
    let mut prev = ' ';
    let mut chars = after.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if (c == closer || c == straight) && !prev.is_whitespace() {
            // A mark between letters is an apostrophe (`We're`), not the close.
            if next.is_none_or(|n| !n.is_alphanumeric()) {
                return true;
            }
        } else if matches!(c, '.' | '!' | '?' | '…') && next.is_some_and(char::is_whitespace) {
            return false;
        } else if c.is_whitespace() && !prev.is_whitespace() {
            words += 1;
            if words > WORDS_AFTER {
                return false;
            }
        }
        prev = c;
    }
    false
}

/// The mark that closes a quotation opened by `c`, when `c` opens one.
fn closer_of(c: char) -> Option<char> {
    match c {
        '“' | '"' => Some('”'),
        '‘' | '\'' => Some('’'),
        _ => None,
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’')
}

#[cfg(test)]
mod tests {
    use super::super::split;
    use crate::text::Lang;

    fn sentences(text: &str, lang: Lang) -> Vec<&str> {
        split(text, lang).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_short_quotation_that_goes_on_is_not_split() {
        let cases = [
            (
                "South Dakota says, 'Meth. We're On It,' and Twitter asks, Are you OK?",
                Lang::En,
            ),
            (
                "Materials from South Dakota’s viral “Meth. We’re on it.” campaign.",
                Lang::En,
            ),
            ("“No. We will not,” he said.", Lang::En),
            ("“Ya. Kami akan datang,” kata dia.", Lang::Id),
        ];
        for (text, lang) in cases {
            assert_eq!(sentences(text, lang), [text], "{text}");
        }
    }

    #[test]
    fn longer_quotations_and_closed_ones_still_split() {
        let long = "“We came here to win. We will win,” he said.";
        assert_eq!(
            sentences(long, Lang::En),
            ["“We came here to win.", "We will win,” he said."]
        );
        let closed = "He said: “No.” Then he left.";
        assert_eq!(
            sentences(closed, Lang::En),
            ["He said: “No.”", "Then he left."]
        );
        // A quotation that does not close soon: the terminator ends the sentence.
        let open = "“Yes. The council met on Tuesday and voted to close the old bridge over \
                    the river for repairs. It reopens in May.";
        assert_eq!(sentences(open, Lang::En).len(), 3, "{open}");
    }
}
