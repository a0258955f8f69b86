use super::*;

#[test]
fn calendar_words_are_month_and_day_names_written_out() {
    for word in [
        "June",
        "juli",
        "Oktober",
        "Rabu",
        "Monday",
        "Jum'at",
        "SEPTEMBER",
    ] {
        assert!(is_calendar_word(word), "{word}");
    }
    for word in ["jun", "Okt", "reservoir", "Juneau", "minggir", ""] {
        assert!(!is_calendar_word(word), "{word}");
    }
}

#[test]
fn dates() {
    assert_eq!(
        first_date("Departemen Luar Negeri AS mengatakan pada Rabu (13/9/2023) bahwa").as_deref(),
        Some("2023-09-13")
    );
    assert_eq!(
        first_date("pada 17 Agustus 1945 dan 1/1/2000").as_deref(),
        Some("1945-08-17")
    );
    assert_eq!(first_date("pada 31/2/2023 atau September 2023"), None);
    assert_eq!(first_date("Rabu (13/9), Sekretaris"), None);
    assert_eq!(
        event_date("pada September 2023, Putin").as_deref(),
        Some("2023-09")
    );
    assert_eq!(
        event_date("Rabu (13/9/2023) dan Mei 2019").as_deref(),
        Some("2023-09-13")
    );
    assert_eq!(event_date("pada 2006"), None);
}

#[test]
fn written_dates_in_either_order_and_abbreviated() {
    for (text, date) in [
        ("Published June 3, 2025 at noon", "2025-06-03"),
        ("on Sept. 15th, 2024", "2024-09-15"),
        ("Jakarta, 3 Nop 2016", "2016-11-03"),
        ("Kamis, 17 Agt. 2017", "2017-08-17"),
        ("Tuesday, 3 June 2025", "2025-06-03"),
    ] {
        assert_eq!(first_date(text).as_deref(), Some(date), "{text}");
    }
}

#[test]
fn a_date_given_with_its_day_is_found_past_bare_ones() {
    for (text, at, date) in [
        (
            "Penangkapan itu terjadi, Sabtu (15/10/2016) malam.",
            32,
            "2016-10-15",
        ),
        ("It was Tuesday, March 3, 2015 at noon", 16, "2015-03-03"),
        ("said on Friday 13 March 2015 that", 15, "2015-03-13"),
        ("Jumat (05/05/2017)", 7, "2017-05-05"),
        // A bare date first, the day's after it.
        (
            "pada 3 - 4 Oktober 2017, kata dia di Jakarta, Kamis (1/2/2018).",
            53,
            "2018-02-01",
        ),
    ] {
        assert_eq!(
            first_day_date_at(text),
            Some((at, date.to_string())),
            "{text}"
        );
    }
    for text in [
        "was born March 10, 1940, which makes him 75",
        "sejak wafat pada 25 Juni 2009 silam",
        "On a Mondayish 3 June 2025",
        "Rabu (13/9), Sekretaris",
        "",
    ] {
        assert_eq!(first_day_date_at(text), None, "{text}");
    }
}

fn anchored(text: &str, anchor: &str) -> Option<(String, bool)> {
    anchored_event_date(text, Some(anchor)).map(|d| (d.date, d.inferred))
}

#[test]
fn dates_without_a_year_take_the_nearest_year_to_publication() {
    let inferred = |d: &str| Some((d.to_string(), true));
    let a = "2025-06-03";
    assert_eq!(
        anchored("The ban starts on 1 July.", a),
        inferred("2025-07-01")
    );
    assert_eq!(
        anchored("Rationing began from June 15.", a),
        inferred("2025-06-15")
    );
    assert_eq!(
        anchored("The reservoir may be empty by October.", a),
        inferred("2025-10")
    );
    assert_eq!(
        anchored("It last rained on 20 December.", a),
        inferred("2024-12-20")
    );
    assert_eq!(
        anchored("The works ended last October.", a),
        inferred("2024-10")
    );
    assert_eq!(anchored("Talks resume next May.", a), inferred("2026-05"));
    assert_eq!(
        anchored("Pertemuan pada Rabu (13/9) berlangsung.", "2023-09-14"),
        inferred("2023-09-13")
    );
    assert_eq!(
        anchored("Ujian digelar 2 Januari.", "2016-12-20"),
        inferred("2017-01-02")
    );
    // A year in the text wins and is not inferred.
    assert_eq!(
        anchored("on 1 July 2019", a),
        Some(("2019-07-01".into(), false))
    );
    assert_eq!(
        anchored("on July 1, 2019", a),
        Some(("2019-07-01".into(), false))
    );
    // Relative days, lowercase "may" and impossible days are no dates.
    assert_eq!(anchored("It rained yesterday and kemarin.", a), None);
    assert_eq!(anchored("Farmers may 3 times a year sell.", a), None);
    assert_eq!(anchored("on 31 June", a), None);
    // No anchor, no date.
    assert_eq!(anchored_event_date("on 1 July", None), None);
}

#[test]
fn years_are_four_digits_in_a_row() {
    for (text, year) in [
        ("", false),
        ("2023", true),
        ("pada tahun 2023.", true),
        ("pada tahun 202 3 dan 12/9", false),
        ("abcdefg1234", true),
        ("abcdefg123abcdefgh4567", true),
        ("é2é0é2é3 ١٢٣٤ 12345678", true),
        ("é2é0é2é3 ١٢٣٤ 123", false),
    ] {
        assert_eq!(has_year(text), year, "{text}");
    }
    for byte in 0..=u8::MAX {
        let chunk = u64::from_le_bytes([b'a', b'b', byte, 0xFF, 0x80, b'/', b':', b' ']);
        assert_eq!(has_ascii_digit(chunk), byte.is_ascii_digit(), "{byte}");
    }
}
