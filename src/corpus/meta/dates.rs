//! Dates in the text: full dates (`Rabu (13/9/2023)`, `13 September 2023`, `June 3, 2025`),
//! months of a year, and dates without a year, which the article's own date anchors.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{1,2})/(\d{1,2})/(\d{4})(?-u:\b)").unwrap());
/// Month names and their abbreviations, Indonesian and English, longest first within a month.
const MONTHS: [&[&str]; 12] = [
    &["januari", "january", "jan"],
    &["februari", "february", "feb", "peb"],
    &["maret", "march", "mar"],
    &["april", "apr"],
    &["mei", "may"],
    &["juni", "june", "jun"],
    &["juli", "july", "jul"],
    &["agustus", "august", "aug", "agu", "agt"],
    &["september", "sept", "sep"],
    &["oktober", "october", "okt", "oct"],
    &["november", "nov", "nop"],
    &["desember", "december", "des", "dec"],
];

/// Day names, Indonesian and English.
pub(super) const DAYS: [&str; 15] = [
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jum'at",
];

/// True for a month or day name written out (`Juni`, `July`, `Rabu`, `Monday`): words that
/// date things rather than say what they are about.
pub fn is_calendar_word(word: &str) -> bool {
    // Key terms ask this of every short capitalised term: one number made and looked up in a
    // sorted table, no lowercased copy and no comparison with each name.
    static NAMES: LazyLock<Vec<u128>> = LazyLock::new(|| {
        let months = MONTHS.iter().flat_map(|names| &names[..2]);
        let mut keys: Vec<u128> = (DAYS.iter().chain(months))
            .filter_map(|name| ascii_key(name))
            .collect();
        keys.sort_unstable();
        keys
    });
    ascii_key(word).is_some_and(|key| NAMES.binary_search(&key).is_ok())
}

/// An ASCII word of at most 16 bytes as one number, lowercased (the names are all ASCII).
fn ascii_key(word: &str) -> Option<u128> {
    if word.len() > 16 || !word.is_ascii() {
        return None;
    }
    let key = (word.bytes()).fold(0u128, |key, b| {
        key << 8 | u128::from(b.to_ascii_lowercase())
    });
    Some(key)
}

/// Every month name of [`MONTHS`] as one regex alternation, longest names first.
fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().flat_map(|m| m.iter().copied()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

/// `13 September 2023`, `3 Nop. 2016`: day, month, year.
static WRITTEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let months = month_alternation();
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})\s+({months})\.?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .unwrap()
});

/// `June 3, 2025`, `Sept. 3 2025`: month, day, year (American order).
static MONTH_FIRST_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let months = month_alternation();
    Regex::new(&format!(
        r"(?i)(?-u:\b)({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .unwrap()
});

/// The first full date the text mentions, as `YYYY-MM-DD`: numbers in day/month/year order (as
/// Indonesian and British news write them), or a written month before or after the day.
pub fn first_date(text: &str) -> Option<String> {
    first_date_at(text).map(|(_, date)| date)
}

/// [`first_date`] with the byte offset where the date starts in `text`.
pub fn first_date_at(text: &str) -> Option<(usize, String)> {
    first_date_span(text).map(|(span, date)| (span.start, date))
}

/// The forms of a full date: each one's pattern, and how a match of it reads as
/// `YYYY-MM-DD` (none when it names no real day).
type DateForm = (
    &'static LazyLock<Regex>,
    fn(&regex::Captures) -> Option<String>,
);

fn date_forms() -> [DateForm; 3] {
    [
        // Day/month/year in numbers.
        (&NUMERIC_DATE, |c| iso(num(&c[3]), num(&c[2]), num(&c[1]))),
        (&WRITTEN_DATE, |c| {
            iso(num(&c[3]), month_number(&c[2].to_lowercase())?, num(&c[1]))
        }),
        (&MONTH_FIRST_DATE, |c| {
            iso(num(&c[3]), month_number(&c[1].to_lowercase())?, num(&c[2]))
        }),
    ]
}

/// [`first_date`] with the bytes its date takes in `text`.
pub(super) fn first_date_span(text: &str) -> Option<(Range<usize>, String)> {
    if !has_year(text) {
        return None;
    }
    // Each form's first match, read (or not: a form whose first match names no real day
    // gives none), and the earliest of them.
    date_forms()
        .iter()
        .filter_map(|(pattern, read)| {
            let c = pattern.captures(text)?;
            Some((c.get(0)?.range(), read(&c)?))
        })
        .min_by_key(|(span, _)| span.start)
}

/// The first full date of `text` that a day name stands right before, and where it starts:
/// `Rabu (13/9/2023)`, `Tuesday, March 3, 2015`, `on Friday 13 March 2015`. That is how a report
/// gives the day it tells of; a date it gives bare is most often one it recalls ("was born
/// March 10, 1940", "wafat pada 25 Juni 2009 silam", "the September 11, 2001, attacks").
pub fn first_day_date_at(text: &str) -> Option<(usize, String)> {
    if !has_year(text) {
        return None;
    }
    let mut dates: Vec<(usize, String)> = date_forms()
        .iter()
        .flat_map(|(pattern, read)| {
            (pattern.captures_iter(text)).filter_map(|c| Some((c.get(0)?.start(), read(&c)?)))
        })
        .collect();
    dates.sort();
    dates
        .into_iter()
        .find(|(at, _)| after_day_name(&text[..*at]))
}

/// Whether `before` ends with a day name, then nothing but spaces, a comma or an opening
/// parenthesis (`Rabu (`, `Tuesday, `).
fn after_day_name(before: &str) -> bool {
    let rest = before.trim_end_matches([' ', '\t', '\u{a0}', ',', '(']);
    let word = rest
        .rsplit(|c: char| !(c.is_alphabetic() || c == '\''))
        .next()
        .unwrap_or("");
    DAYS.iter().any(|day| word.eq_ignore_ascii_case(day))
}

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(Januari|January|Februari|February|Maret|March|April|Mei|May|Juni|June|Juli|July|Agustus|August|September|Oktober|October|November|Desember|December)\s+(\d{4})(?-u:\b)").unwrap()
});

/// The date an event in `text` is given: its first full date (`YYYY-MM-DD`), else its first
/// month and year (`YYYY-MM`, from "September 2023").
pub fn event_date(text: &str) -> Option<String> {
    if !has_year(text) {
        return None;
    }
    first_date(text).or_else(|| {
        let c = MONTH_YEAR.captures(text)?;
        let month = month_number(&c[1].to_lowercase())?;
        let year = num(&c[2]);
        (1000..=9999)
            .contains(&year)
            .then(|| format!("{year:04}-{month:02}"))
    })
}

/// A date an event is given, and whether its year was inferred from the article's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDate {
    /// `YYYY-MM-DD`, or `YYYY-MM` when the text gives only a month.
    pub date: String,
    /// True when the text gave no year and the article's date supplied it.
    pub inferred: bool,
}

/// The date an event in `text` is given ([`event_date`]); failing that, with the article's own
/// date (`anchor`, `YYYY-MM-DD`), a date without a year: `on 1 July`, `from June 15`, `by
/// October`, `Rabu (13/9)`. News writes the year only when it is not the obvious one, so the
/// year is the one that puts the date nearest to publication (a date at most about six months
/// either side of it: "1 July" in an article of 20 December is next July, "15 December" in one
/// of 10 January is last December); "last October" and "next May" take the nearest before and
/// after. Without an anchor, such dates are left out.
pub fn anchored_event_date(text: &str, anchor: Option<&str>) -> Option<EventDate> {
    if let Some(date) = event_date(text) {
        return Some(EventDate {
            date,
            inferred: false,
        });
    }
    let (year, month, day) = parse_iso(anchor?)?;
    let found = yearless(text)?;
    let date = match found {
        Yearless::Day {
            month: m, day: d, ..
        } => {
            let here = days_from_civil(year, month, day);
            let best = (year - 1..=year + 1)
                .filter(|&y| iso(y as u32, m, d).is_some())
                .min_by_key(|&y| (days_from_civil(y, m, d) - here).abs())?;
            iso(best as u32, m, d)?
        }
        Yearless::Month { month: m, relation } => {
            let here = year * 12 + month as i64;
            let at = |y: i64| y * 12 + m as i64;
            let best = (year - 1..=year + 1)
                .filter(|&y| match relation {
                    Relation::Before => at(y) < here,
                    Relation::After => at(y) > here,
                    Relation::Nearest => true,
                })
                .min_by_key(|&y| (at(y) - here).abs())?;
            format!("{best:04}-{m:02}")
        }
    };
    Some(EventDate {
        date,
        inferred: true,
    })
}

/// A date the text gives without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Yearless {
    /// A day of a month.
    Day { month: u32, day: u32 },
    /// A month alone, after a preposition (`by October`, `last May`).
    Month { month: u32, relation: Relation },
}

/// Which side of publication a month alone lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Before,
    After,
    Nearest,
}

/// `1 July`, `15th of June`, `3 Nop`: day then a capitalised month, no year after.
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let months = capitalised_months();
    Regex::new(&format!(
        r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({months})(?-u:\b)\.?"
    ))
    .unwrap()
});

/// `July 1`, `Sept. 15th`: a capitalised month then the day, no year after.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let months = capitalised_months();
    Regex::new(&format!(
        r"(?-u:\b)({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)"
    ))
    .unwrap()
});

/// `by October`, `last May`, `sejak Juni`: a preposition, then a month's full name.
static MONTH_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(in|by|from|since|until|till|through|before|after|during|last|next|this|early|late|mid|pada|sejak|hingga|sampai|bulan|awal|akhir|pertengahan)[\s-]+(Januari|January|Februari|February|Maret|March|April|Mei|May|Juni|June|Juli|July|Agustus|August|September|Oktober|October|November|Desember|December)(?-u:\b)",
    )
    .unwrap()
});

/// `Rabu (13/9)`: an Indonesian weekday, then day/month in brackets.
static WEEKDAY_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)\s*\(\s*(\d{1,2})/(\d{1,2})\s*\)").unwrap()
});

/// Month names with a capital (`July`, `Nop`): a lowercase "may" or "mar" is a word, not a month.
fn capitalised_months() -> String {
    let mut names: Vec<String> = MONTHS
        .iter()
        .flat_map(|m| m.iter())
        .map(|n| {
            let mut c = n.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

/// The first date without a year that `text` gives. A day and month followed by a year, or a
/// number that goes on (`July 2025`, `1 July, 2024`, `June 12.5`), is not one.
fn yearless(text: &str) -> Option<Yearless> {
    let year_follows = |end: usize| {
        let rest = text[end..].trim_start_matches([',', ' ', '.']);
        rest.starts_with(|c: char| c.is_ascii_digit())
    };
    let mut found: Vec<(usize, Yearless)> = Vec::new();
    if let Some(c) = DAY_MONTH
        .captures_iter(text)
        .find(|c| c.get(0).is_some_and(|m| !year_follows(m.end())))
    {
        let month = month_number(&c[2].to_lowercase())?;
        let start = c.get(0)?.start();
        found.push((
            start,
            Yearless::Day {
                month,
                day: num(&c[1]),
            },
        ));
    }
    if let Some(c) = MONTH_DAY
        .captures_iter(text)
        .find(|c| c.get(0).is_some_and(|m| !year_follows(m.end())))
    {
        let month = month_number(&c[1].to_lowercase())?;
        let start = c.get(0)?.start();
        found.push((
            start,
            Yearless::Day {
                month,
                day: num(&c[2]),
            },
        ));
    }
    if let Some(c) = WEEKDAY_DAY_MONTH.captures(text) {
        let start = c.get(0)?.start();
        found.push((
            start,
            Yearless::Day {
                month: num(&c[2]),
                day: num(&c[1]),
            },
        ));
    }
    if let Some(c) = MONTH_ALONE
        .captures_iter(text)
        .find(|c| c.get(0).is_some_and(|m| !year_follows(m.end())))
    {
        let month = month_number(&c[2].to_lowercase())?;
        let relation = match &c[1] {
            "last" | "since" | "sejak" => Relation::Before,
            "next" => Relation::After,
            _ => Relation::Nearest,
        };
        let start = c.get(0)?.start();
        found.push((start, Yearless::Month { month, relation }));
    }
    found
        .into_iter()
        .filter(|(_, y)| match *y {
            Yearless::Day { month, day } => iso(2000, month, day).is_some(),
            Yearless::Month { .. } => true,
        })
        .min_by_key(|(start, _)| *start)
        .map(|(_, y)| y)
}

/// Year, month and day of a `YYYY-MM-DD` date.
fn parse_iso(date: &str) -> Option<(i64, u32, u32)> {
    let mut parts = date.splitn(3, '-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    iso(year, month, day)?;
    Some((i64::from(year), month, day))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// True when `text` has four ASCII digits in a row, as every date pattern here does: most
/// sentences have none, and this one pass spares them the regexes.
fn has_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut run, mut i) = (0, 0);
    while let Some(&byte) = bytes.get(i) {
        // Eight bytes without a digit at a time (most of the text): they end any run.
        if let Some(chunk) = bytes.get(i..i + 8)
            && !has_ascii_digit(u64::from_le_bytes(chunk.try_into().unwrap_or([b'0'; 8])))
        {
            run = 0;
            i += 8;
            continue;
        }
        run = if byte.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
        i += 1;
    }
    false
}

/// True when one of the eight bytes is an ASCII digit. Only the low seven bits of each byte
/// are summed, so no sum carries into the next byte; a byte with its top bit set is no digit.
fn has_ascii_digit(chunk: u64) -> bool {
    let each = |byte: u8| u64::from_ne_bytes([byte; 8]);
    let low = chunk & each(0x7F);
    let from_zero = low + each(0x80 - b'0');
    let past_nine = low + each(0x80 - b'9' - 1);
    from_zero & !past_nine & !chunk & each(0x80) != 0
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

fn month_number(name: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|names| names.contains(&name))
        .map(|i| i as u32 + 1)
}

/// Formats a valid calendar date, or refuses an impossible one.
fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=days).contains(&day) && (1000..=9999).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests;
