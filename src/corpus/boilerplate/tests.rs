//! Tests of the line classifier.

use super::*;

#[test]
fn phrases_fit_in_the_lowercased_head() {
    // classify_line lowercases only the first 64 characters of a line.
    assert!(INTERFACE_PHRASES.iter().all(|p| p.chars().count() < 64));
}

#[test]
fn words_are_counted_as_split_whitespace_splits_them() {
    // count_words decodes only characters starting with these bytes.
    let spaces = (0..=0x10FFFF_u32).filter_map(char::from_u32);
    for c in spaces.filter(|c| c.is_whitespace() && !c.is_ascii()) {
        let lead = c.to_string().as_bytes()[0];
        assert!(matches!(lead, 0xC2 | 0xE1..=0xE3), "{c:?}");
    }
    for line in [
        "",
        "  ",
        "delapan  kata dalam\tbaris\u{a0}yang agak\r\npanjang sekali",
        "abcdefgh ijklmnop\n\tqrstuvwx\u{b}yz",
        "satu",
        " satu  dua\ttiga\n",
        "a\u{a0}b\u{2009}c\u{3000}d\u{85}e\u{1680}f\u{202f}g",
        "é ü\u{e000}x \u{2010}y",
        "Kabar — dari « Jakarta » hari ini, 13/9/2023 … selesai.",
    ] {
        let words = line.split_whitespace().count();
        for limit in 1..=words + 1 {
            assert_eq!(
                count_words(line, limit),
                words.min(limit),
                "{line:?} {limit}"
            );
        }
    }
}

proptest::proptest! {
    #[test]
    fn any_line_is_counted_as_split_whitespace_splits_it(
        line in "[a-z \t\n\u{b}\u{c}\r\u{a0}\u{2003}\u{3000}é“]{0,60}",
        limit in 1usize..25,
    ) {
        let words = line.split_whitespace().count();
        proptest::prop_assert_eq!(count_words(&line, limit), words.min(limit));
    }
}

#[test]
fn page_furniture() {
    for (line, reason) in [
        ("Back to top button", Reason::Interface),
        ("Artikel Terkait", Reason::Interface),
        ("Tinggalkan Balasan", Reason::Interface),
        (
            "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
            Reason::Interface,
        ),
        ("Leave a Reply", Reason::Interface),
        ("submitted by /u/sala81", Reason::Interface),
        ("[link] [comments]", Reason::Interface),
        ("Baca juga: Rusia veto resolusi PBB", Reason::Interface),
        ("VIDEO DIAMBIL DARI: REUTERS", Reason::Credit),
        ("Foto: Antara/Andi", Reason::Credit),
        ("Sumber", Reason::Credit),
        ("Staf FORUM", Reason::Byline),
        ("Oleh Andi Wijaya", Reason::Byline),
        ("(zarahamala/arrahmah.id)", Reason::AuthorTag),
        ("(les)", Reason::AuthorTag),
        ("[feb]", Reason::AuthorTag),
        ("(den / asa)", Reason::AuthorTag),
        ("Dukungan Perang Ukraina", Reason::Heading),
        ("Rusia Dukung Korut", Reason::Heading),
        ("The Disappearance of John M. Ford", Reason::Heading),
        ("U.S. Senate Passes the Budget", Reason::Heading),
    ] {
        assert_eq!(classify_line(line, true), Some(reason), "{line}");
    }
    assert_eq!(
        classify_line(
            "Asia Timur LautKonflik / KeteganganProliferasi Persenjataan",
            false
        ),
        Some(Reason::Navigation)
    );
    assert_eq!(
        classify_line("Home › Dunia › Asia", false),
        Some(Reason::Navigation)
    );
    assert_eq!(
        classify_line("HomeNewsSport", false),
        Some(Reason::Navigation)
    );
}

#[test]
fn a_headline_that_asks_is_told_from_a_sentence() {
    for title in [
        "Could rivalry overshadow election?",
        "What now for Kelly Holmes?",
        "Apa kabar Timnas?",
        "Goal of the month!",
        "'My memories of Marley...'",
        "Rivals of the £400 Apple…",
    ] {
        assert!(is_question_headline(title), "{title}");
        assert_eq!(
            classify_line(title, false),
            None,
            "{title} is a sentence by its shape"
        );
    }
    for text in [
        "Why now? The vote is on Thursday.",
        "\"Is this the end?\" he asked.",
        "Will the ministers of the member states agree on a common budget line before the summit ends?",
        "The vote is on Thursday.",
    ] {
        assert!(!is_question_headline(text), "{text}");
    }
}

#[test]
fn a_headline_with_a_name_of_inner_capitals_is_a_heading() {
    for title in [
        "McIlroy wins 800m indoor title",
        "YouTube star signs with McLaren",
        "WhatsApp adds group calls",
        "iPhone sales lift Apple",
    ] {
        assert_eq!(
            classify_line(title, false),
            Some(Reason::Heading),
            "{title}"
        );
    }
}

#[test]
fn a_headline_glued_after_a_sentence_is_told_from_text() {
    for headline in [
        "Here Are 6 Gluten-Free Beers That Don't Suck",
        "Here’s Why We All Need To Get Better At Celebrating Female Success",
        "Decoding 3 Common Beer Acronyms",
        "Harga Beras Naik Lagi di Pasar Induk",
    ] {
        assert!(is_glued_headline(headline), "{headline}");
    }
    for text in [
        "Here Are 6 Gluten-Free Beers That Don't Suck.",
        "Jakarta, Bandung dan Surabaya",
        "the minister said the price would rise",
        "Prabowo Subianto",
        "(436 Zone Industrielle Sidi Ghanem; 212-651-3457-95)",
        "“Kami Tidak Akan Mundur,” Kata Menteri",
    ] {
        assert!(!is_glued_headline(text), "{text}");
    }
}

#[test]
fn a_heading_in_capitals_run_into_the_text_is_told_from_a_sentence() {
    for heading in [
        "TRANSCRIPT .",
        "ROLL CALL .",
        "WEEKLY NEWSQUIZ .",
        "YOUR QUESTIONS .",
        "SIARAN PERS:",
        "COVID-19",
    ] {
        assert!(is_caps_heading(heading), "{heading}");
    }
    for text in [
        "UN.",
        "STOP!",
        "THE SHOW GOES ON TONIGHT.",
        "ROLL CALL is at nine.",
        "“HELP US.”",
        "Transcript.",
        "I LOVE IT.",
        "KAMI MENOLAK.",
    ] {
        assert!(!is_caps_heading(text), "{text}");
    }
}

#[test]
fn a_label_run_into_the_text_is_told_from_a_sentence() {
    for label in [
        "Latest developments: .",
        "They included: .",
        "What we know:",
        "Hasil latihan bebas pertama:",
        "Berikut videonya:",
    ] {
        assert!(is_label_heading(label), "{label}");
    }
    for text in [
        "The minister listed the three demands of the striking teachers:",
        "Latest developments: the river fell overnight.",
        "Note: .5 percent",
        "Developments.",
        "The talks resumed at 10:30.",
    ] {
        assert!(!is_label_heading(text), "{text}");
    }
}

#[test]
fn article_text_is_kept() {
    for line in [
        "Sekarang, bahkan itu telah berantakan.",
        "“Kami tidak tahu dengan pasti, tetapi kami sangat memperhatikan hal ini,” ujarnya.",
        "Video yang beredar menunjukkan peluncuran rudal itu dari pantai timur, kata pejabat.",
        "(Putin menjawab pertanyaan wartawan.)",
        "Putin mengatakan ada peluang untuk dijajaki. (zarahamala/arrahmah.id)",
        "Ia datang. Lalu pergi tanpa kata",
    ] {
        assert_eq!(classify_line(line, true), None, "{line}");
    }
}
