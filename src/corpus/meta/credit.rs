//! A page's author field as sites fill it: a byline without its label ("Victor Tangermann,
//! Futurism"), with the label ("By TOM KRISHER, AP Auto Writer", "Analysis by Chris Cillizza,
//! CNN Editor-at-large"), with a date glued on ("Carrie ArnoldNovember 15, 2019", "Jeff Foust —
//! November 18, 2019") or the outlet after a full stop ("Finian Cunningham. Sputnik
//! International"). Read through [`byline`], it gives the writers alone.

use super::byline::byline;
use super::dates::first_date_at;

/// Degrees and credentials written after a writer's name ("Rachael Link, MS, RD"): no writers.
const CREDENTIALS: &[&str] = &[
    "MS", "MA", "MSc", "BSc", "RD", "RDN", "LD", "PhD", "MD", "MPH", "RN", "JD", "MBA", "CPT",
    "CDE", "DO", "DDS",
];

/// Day names a date may open with, glued to the name before it ("Jeff FoustMonday, …").
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Month names a date may open with, glued to the name before it ("Carrie ArnoldNovember 15").
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `field` before a day or month name glued to a lowercase letter ("ArnoldNovember 15, 2019").
fn unglued(field: &str) -> &str {
    let glued = DAYS.iter().chain(MONTHS).filter_map(|name| {
        field.match_indices(name).map(|(at, _)| at).find(|&at| {
            field[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_lowercase)
        })
    });
    glued.min().map_or(field, |at| &field[..at])
}

/// The writers an author field names, or none when it does not read as a byline (it is then
/// kept as written). Names written in capitals are given in title case ("Tom Krisher").
pub fn page_authors(field: &str) -> Option<Vec<String>> {
    let field = without_date(unglued(field.trim()));
    let field = without_outlet(field);
    let field = ["Analysis by ", "Opinion by ", "Posted by "]
        .iter()
        .find_map(|lead| field.strip_prefix(lead))
        .unwrap_or(field);
    let read = byline(field).or_else(|| byline(&format!("By {field}")))?;
    let authors: Vec<String> = (read.authors.iter())
        .filter(|a| !CREDENTIALS.contains(&a.as_str()))
        .map(|a| title_case_if_capitals(a))
        .collect();
    (!authors.is_empty()).then_some(authors)
}

/// `field` up to a date it ends with (written, or `YYYY-MM-DD`), and the day name and
/// separators before the date.
fn without_date(field: &str) -> &str {
    let iso = field.len().checked_sub(10).filter(|&at| {
        field.is_char_boundary(at)
            && field.as_bytes()[at..].iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    });
    let Some(at) = iso.or_else(|| first_date_at(field).map(|(at, _)| at)) else {
        return field;
    };
    let mut head = field[..at].trim_end_matches([' ', ',', '—', '–', '-', '|']);
    if let Some(day) = DAYS.iter().find(|d| head.ends_with(*d)) {
        head = head[..head.len() - day.len()].trim_end_matches([' ', ',', '—', '–', '-', '|']);
    }
    if head.is_empty() { field } else { head }
}

/// `field` before ". Outlet" (a full stop after a word of three letters or more, then a
/// capital), or before "Associated Press" glued to the last name ("ERIC TUCKERAssociated Press").
fn without_outlet(field: &str) -> &str {
    if let Some(at) = field.find("Associated Press").filter(|&at| at > 0) {
        let before = &field[..at];
        if before.ends_with(|c: char| c.is_alphabetic()) {
            return before;
        }
    }
    for (at, _) in field.match_indices(". ") {
        let word = field[..at].rsplit(' ').next().unwrap_or("");
        let next_is_capital = field[at + 2..].starts_with(char::is_uppercase);
        if word.chars().count() >= 3 && next_is_capital {
            return &field[..at];
        }
    }
    field
}

/// "TOM KRISHER" → "Tom Krisher"; a name not all in capitals, or of one word (an agency's
/// "PTI", "RT"), is kept as written.
fn title_case_if_capitals(name: &str) -> String {
    if name.chars().any(char::is_lowercase)
        || !name.chars().any(char::is_uppercase)
        || !name.contains(' ')
    {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::page_authors;

    #[test]
    fn author_fields_give_the_writers() {
        for (field, writers) in [
            ("By TOM KRISHER, AP Auto Writer", &["Tom Krisher"][..]),
            ("Victor Tangermann, Futurism", &["Victor Tangermann"]),
            ("Troy L. Smith, Cleveland.com", &["Troy L. Smith"]),
            (
                "Amy Kuperinsky | NJ Advance Media for NJ.com",
                &["Amy Kuperinsky"],
            ),
            (
                "Lisa Kaczke and Trevor J. Mitchell",
                &["Lisa Kaczke", "Trevor J. Mitchell"],
            ),
            (
                "LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKERAssociated Press",
                &["Lisa Mascaro", "Mary Clare Jalonick", "Eric Tucker"],
            ),
            ("FEDERICA LUSIARDI - 2019-04-10", &["Federica Lusiardi"]),
            ("Carrie ArnoldNovember 15, 2019", &["Carrie Arnold"]),
            ("Jeff FoustMonday, November 18, 2019", &["Jeff Foust"]),
            ("Jeff Foust — November 18, 2019", &["Jeff Foust"]),
            ("Sandee LaMotte, CNN", &["Sandee LaMotte"]),
            ("Rachael Link, MS, RD", &["Rachael Link"]),
            (
                "Analysis by Chris Cillizza, CNN Editor-at-large",
                &["Chris Cillizza"],
            ),
            (
                "Finian Cunningham. Sputnik International",
                &["Finian Cunningham"],
            ),
            (
                "By MEG KINNARD and ERRIN HAINES, Associated Press",
                &["Meg Kinnard", "Errin Haines"],
            ),
            ("Sarah E. Needleman", &["Sarah E. Needleman"]),
            ("Kevin McCoy", &["Kevin McCoy"]),
            ("PTI", &["PTI"]),
            ("Posted by Vortex", &["Vortex"]),
        ] {
            assert_eq!(
                page_authors(field),
                Some(writers.iter().map(|w| w.to_string()).collect()),
                "{field}"
            );
        }
    }

    #[test]
    fn fields_that_are_no_byline_are_left_alone() {
        for field in ["", "staff", "the editors of this site, 2019!", "@handle"] {
            assert_eq!(page_authors(field), None, "{field}");
        }
    }
}
