//! A page's author field as sites fill it: a byline without its label ("Victor Tangermann,
//! Futurism"), with the label ("By TOM KRISHER, AP Auto Writer", "Analysis by Chris Cillizza,
//! CNN Editor-at-large"), with a date glued on ("Carrie ArnoldNovember 15, 2019", "Jeff Foust —
//! November 18, 2019") or the outlet after a full stop ("Finian Cunningham. Sputnik
//! International"). Read through [`byline`], it gives the writers alone.

use super::byline::{AUTHOR_LABELS, EDITOR_LABELS, byline, names_only};
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

/// The writers an author field names (its outlet, role, credentials, date, contact details and
/// buttons left out); a field that does not read as a byline is kept, tidied ("Letters to the
/// Editor"); one with no name left (a time, a placeholder such as "Name") names none. Names
/// written in capitals are given in title case ("Tom Krisher").
pub fn page_authors(field: &str) -> Vec<String> {
    // "Deutsche Welle (www.dw.com)": an organisation given with its web address, the publisher.
    if field.contains("(www.") || field.contains("(http") {
        return Vec::new();
    }
    let field = tidy(field);
    let field = without_stamp_label(without_date(without_clock(unglued(&field))));
    if field.is_empty() || PLACEHOLDERS.iter().any(|p| field.eq_ignore_ascii_case(p)) {
        return Vec::new();
    }
    writers(field).unwrap_or_else(|| vec![field.to_string()])
}

/// Separators a page's template puts around a byline's parts ("/ Cory Doctorow / 10:08 am").
const SEPARATORS: &[char] = &[' ', '/', '|', '·', ',', '-', '–', '—'];

/// A field without the time of day that follows the name ("Cory Doctorow | 10:08 am Fri"), nor
/// the separators around what is left; a time with no letter before it is left to the date rules.
fn without_clock(field: &str) -> &str {
    // One pass: a letter seen so far, and whether the character before was a space.
    let (mut letter, mut after_space) = (false, true);
    let mut end = field.len();
    for (at, c) in field.char_indices() {
        if letter && after_space && c.is_ascii_digit() && is_clock(&field[at..]) {
            end = at;
            break;
        }
        letter |= c.is_alphabetic();
        after_space = c == ' ';
    }
    field[..end].trim_matches(SEPARATORS)
}

/// True when `text` starts with a time of day: one or two digits, a colon, two digits.
fn is_clock(text: &str) -> bool {
    let b = text.as_bytes();
    let hours = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&hours)
        && b.get(hours) == Some(&b':')
        && b.get(hours + 1..hours + 3)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
}

/// A field without the label of a time stamp its date was cut from ("Reuters Updated:").
fn without_stamp_label(field: &str) -> &str {
    const LABELS: &[&str] = &[
        "updated",
        "published",
        "posted",
        "last updated",
        "diperbarui",
        "dipublikasikan",
        "diterbitkan",
    ];
    let field = field.trim_end_matches(SEPARATORS);
    let bare = field.trim_end_matches(':');
    LABELS
        .iter()
        .find_map(|label| {
            let at = bare.len().checked_sub(label.len())?;
            let head = bare.get(..at)?;
            (head.ends_with(' ') && bare[at..].eq_ignore_ascii_case(label)).then_some(head)
        })
        .map_or(field, |head| head.trim_end_matches(SEPARATORS))
}

/// The people a feed item's author field names: a field that is a list of names ("A, B and
/// C") gives each, one that is not is kept tidied as one ("/u/llogiq", a citation list); a
/// feed's author field names people, never the outlet, so a last part after a comma is a name.
pub fn feed_authors(field: &str) -> Vec<String> {
    let field = tidy(field);
    if field.is_empty() || PLACEHOLDERS.iter().any(|p| field.eq_ignore_ascii_case(p)) {
        return Vec::new();
    }
    names_only(&field).unwrap_or_else(|| vec![field])
}

/// Author fields that a site's template left unfilled.
const PLACEHOLDERS: &[&str] = &[
    "name",
    "author",
    "admin",
    "administrator",
    "unknown",
    "anonymous",
];

/// The writers of a tidied author field without its date, or `None` when it does not read as a
/// byline.
fn writers(field: &str) -> Option<Vec<String>> {
    let field = without_outlet(field);
    let field = ["Analysis by ", "Opinion by ", "Posted by "]
        .iter()
        .find_map(|lead| field.strip_prefix(lead))
        .unwrap_or(field);
    let read = byline(field).or_else(|| byline(&format!("By {field}")))?;
    let authors: Vec<String> = (read.authors.iter())
        .filter(|a| !CREDENTIALS.contains(&a.as_str()))
        .map(|a| title_case_if_capitals(without_credentials(a)))
        .collect();
    (!authors.is_empty()).then_some(authors)
}

/// Buttons a site prints beside its writer's name, one word each.
const BUTTONS: &[&str] = &["Follow", "Email", "E-mail", "Twitter"];

/// Buttons glued to the name before them ("Drew DeSilverLeave a comment").
const GLUED_BUTTONS: &[&str] = &["Leave a comment", "Leave a Comment", "Comments"];

/// An author field as a site fills it, without what surrounds the name: whitespace runs,
/// e-mail and web addresses, @handles ("Marah Eakin@marahe") and buttons ("Follow", "Leave a
/// comment"), a count or date glued on ("Passel24 comments", "Pete Cashmore2010-01-01"), a
/// time or date before the name ("12.24.14 9:00AM Nancy Mitchell", "December 17, 2014 at
/// 08:01PM EST by Rachel Evans"), a label that is no byline's ("Curator: Phoebe Gavin"), "By"
/// glued to the name, a " / " between name and role, brackets around the field and stray
/// punctuation at its ends.
fn tidy(field: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for word in field.split_whitespace() {
        if let Some(at) = word.find('@') {
            // An address goes whole; a handle glued to the name leaves the name.
            if at > 0 && !word[at..].contains('.') {
                words.push(&word[..at]);
            }
        } else if !is_web_address(word) && !BUTTONS.contains(&word) {
            words.push(word);
        }
    }
    let mut text = words.join(" ").replace(" / ", " | ");
    for button in GLUED_BUTTONS {
        if let Some(at) = text.find(button).filter(|&at| at > 0) {
            text.truncate(at);
        }
    }
    if let Some(at) = digit_after_letter(&text) {
        text.truncate(at);
    }
    let mut text = text.as_str();
    // "… 08:01PM EST by Rachel Evans": the name after a date or time.
    if let Some(at) = text.rfind(" by ").or_else(|| text.rfind(" By "))
        && text[..at].contains(|c: char| c.is_ascii_digit())
    {
        text = &text[at + 4..];
    }
    text = without_leading_time(text);
    text = text.trim_matches(|c: char| c.is_whitespace() || ",;|–—-*".contains(c));
    if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        text = inner.trim();
    }
    if let Some(rest) = text
        .strip_prefix("By")
        .filter(|r| r.starts_with(char::is_uppercase))
    {
        return format!("By {rest}");
    }
    if let Some((label, rest)) = text.split_once(':')
        && !label.contains(' ')
        && !(AUTHOR_LABELS.iter().chain(EDITOR_LABELS)).any(|l| l.eq_ignore_ascii_case(label))
    {
        return rest.trim().to_string();
    }
    text.to_string()
}

/// A date or time written in figures ("12.24.14", "12/25/2014", "9:00AM", "11:57,").
fn is_time_or_date(word: &str) -> bool {
    let word = word.trim_end_matches(',');
    let word = ["AM", "PM", "am", "pm"]
        .iter()
        .find_map(|clock| word.strip_suffix(clock))
        .unwrap_or(word);
    word.contains(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || ".:/-".contains(c))
}

/// A web address written bare ("gulflive.com", "www.al.com/news"): lowercase, a dot and a
/// final label of two to six letters.
fn is_web_address(word: &str) -> bool {
    let host = word.split('/').next().unwrap_or(word);
    let tld = host.rsplit('.').next().unwrap_or("");
    host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-".contains(c))
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
}

/// Where a digit follows a letter after a name of two words or more ("Jeffrey S. Passel24",
/// "Pete Cashmore2010-01-01"): what such a name never holds. A one-word handle keeps its digits
/// ("/u/m0ddas").
fn digit_after_letter(text: &str) -> Option<usize> {
    let mut before = ' ';
    for (at, c) in text.char_indices() {
        if c.is_ascii_digit() && before.is_alphabetic() && text[..at].contains(' ') {
            return Some(at);
        }
        before = c;
    }
    None
}

/// `text` without the dates and times before a name ("12.24.14", "9:00AM"), and the clock and
/// zone words after them ("AM", "EST").
fn without_leading_time(mut text: &str) -> &str {
    let mut after_time = false;
    while let Some(word) = text.split_whitespace().next() {
        let clock = after_time
            && word.len() <= 4
            && word.chars().all(|c| c.is_ascii_uppercase() || c == '.');
        if !(is_time_or_date(word) || clock) {
            break;
        }
        after_time = true;
        text = text.trim_start()[word.len()..].trim_start();
    }
    text
}

/// A name without the degrees written after it without a comma ("Lynne Eldridge MD"); one in
/// capitals is left as it is.
fn without_credentials(name: &str) -> &str {
    let mut name = name;
    while let Some((head, last)) = name.rsplit_once(' ') {
        // In a name written in capitals ("JACK MA") a credential cannot be told from a name.
        if !CREDENTIALS.contains(&last.trim_end_matches('.')) || !head.contains(char::is_lowercase)
        {
            break;
        }
        name = head.trim_end_matches(',');
    }
    name
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
    // "Antonio Regalado on December 4, 2014"
    if let Some(name) = [" on", " at", " pada"]
        .iter()
        .find_map(|w| head.strip_suffix(w))
    {
        head = name;
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
mod tests;
