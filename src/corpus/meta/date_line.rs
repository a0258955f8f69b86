//! A date on a line of its own, or as a sentence of its own, that opens an article: the
//! article's date, not its text (`March 10, 2015`, `Selasa, 10 Maret 2015 14:11 WIB`).

use super::dates::{DAYS, first_date_span};

/// A date standing alone at the start of `text`, as a page's date line puts it: a full date,
/// after a day name at most (`Tuesday, March 10, 2015`, `Selasa, 10 Maret 2015`) and before a
/// time at most (`14:11 WIB`, `2:30 p.m. ET`), that ends the text or a sentence of its own (`March
/// 10, 2015. We're …`). The bytes it takes (its full stop and the spaces after it included) and
/// the date; `None` when the date is part of a sentence (`On March 10, 2015, the …`).
pub fn date_head(text: &str) -> Option<(usize, String)> {
    // A date line is short: only its head is searched.
    let mut reach = text.len().min(DATE_HEAD_REACH);
    while !text.is_char_boundary(reach) {
        reach -= 1;
    }
    let (span, date) = first_date_span(&text[..reach])?;
    let before = text[..span.start].trim_end().trim_end_matches(',').trim();
    if !before.is_empty() && !DAYS.contains(&before.to_lowercase().as_str()) {
        return None;
    }
    let rest = after_time(&text[span.end..]);
    let after = rest.trim_start();
    if after.is_empty() {
        return Some((text.len(), date));
    }
    let next = after.strip_prefix('.')?.trim_start();
    let starts_sentence = next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“\"‘'".contains(c));
    (next.is_empty() || starts_sentence).then(|| (text.len() - next.len(), date))
}

/// A line that is a date and nothing else ([`date_head`] taking the whole line), and its date.
/// Every line is asked: a long one is turned away by its length.
pub fn date_line(line: &str) -> Option<(usize, String)> {
    if line.len() > DATE_HEAD_REACH {
        return None;
    }
    date_head(line).filter(|(len, _)| *len == line.len())
}

/// How far into a text [`date_head`] looks for its date.
const DATE_HEAD_REACH: usize = 80;

/// `text` after a time of day that opens it (`14:11 WIB`, `, 2:30 p.m. ET`, `| 09.15`), or
/// `text` itself when it opens with none.
fn after_time(text: &str) -> &str {
    let t = text
        .trim_start()
        .trim_start_matches([',', '|', '-', '–', '—']);
    let t = t.trim_start();
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let hours = digits(t);
    if !(1..=2).contains(&hours) {
        return text;
    }
    let Some(minutes_on) = t[hours..].strip_prefix([':', '.']) else {
        return text;
    };
    if digits(minutes_on) != 2 {
        return text;
    }
    let mut rest = &minutes_on[2..];
    // A clock's half of the day, then a time zone in capitals: each optional.
    for marker in ["a.m.", "p.m.", "am", "pm", "AM", "PM"] {
        if let Some(r) = rest.trim_start().strip_prefix(marker) {
            rest = r;
            break;
        }
    }
    let zone = rest.trim_start();
    let letters = zone.bytes().take_while(u8::is_ascii_uppercase).count();
    let ends_word = zone[letters..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    if (2..=4).contains(&letters) && ends_word {
        rest = &zone[letters..];
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_alone_or_as_its_own_sentence() {
        for (text, rest, date) in [
            ("March 10, 2015", "", "2015-03-10"),
            ("March 10, 2015 .", "", "2015-03-10"),
            (
                "March 10, 2015 . We're truly international.",
                "We're truly international.",
                "2015-03-10",
            ),
            (
                "Tuesday, March 10, 2015. The show",
                "The show",
                "2015-03-10",
            ),
            ("Selasa, 10 Maret 2015 14:11 WIB", "", "2015-03-10"),
            ("Selasa, 10/3/2015 | 09.15 WIB", "", "2015-03-10"),
            ("June 3, 2025, 2:30 p.m. ET", "", "2025-06-03"),
            (
                "3 June 2025. “We will,” she said.",
                "“We will,” she said.",
                "2025-06-03",
            ),
        ] {
            let (len, found) = date_head(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((&text[len..], found.as_str()), (rest, date), "{text}");
        }
    }

    #[test]
    fn a_date_inside_a_sentence_is_not_a_date_line() {
        for text in [
            "On March 10, 2015, the council met.",
            "March 10, 2015 was a Tuesday.",
            "March 10, 2015. and then",
            "Jakarta, 10 Maret 2015 - Presiden",
            "Selasa, 10 Maret 2015 14:11 WIB Presiden",
            "The show of March 10, 2015",
            "March 2015",
            "",
        ] {
            assert_eq!(date_head(text), None, "{text}");
        }
    }
}
