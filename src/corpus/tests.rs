use super::*;
use std::path::PathBuf;

/// Sorts the paragraphs of a plain text into `doc`, as `from_text` does after its front matter.
fn read_body(doc: &mut Document, text: &str) {
    body(
        doc,
        paragraphs_of_text(text)
            .into_iter()
            .map(|p| (p.text, p.line, false)),
    );
}

#[test]
fn hard_wrapped_lines_are_joined_and_lines_kept_apart() {
    let p = paragraphs_of_text("Kalimat yang\ndibungkus baris.\nBaris baru.\n\nParagraf dua.\n");
    let texts: Vec<_> = p.iter().map(|p| (p.text.as_str(), p.line)).collect();
    assert_eq!(
        texts,
        [
            ("Kalimat yang dibungkus baris.", 1),
            ("Baris baru.", 3),
            ("Paragraf dua.", 5)
        ]
    );
}

#[test]
fn headline_byline_dateline_and_crumbs() {
    let mut doc = empty_document("a".into(), "a.txt".into());
    let text = "Asia Timur LautKonflik / KeteganganProliferasi\n\nKesepakatan senjata Korea Utara-Rusia mengganggu kawasan\n\nStaf FORUM\n\nMOSKOW (Arrahmah.id) – Pertemuan itu pada Rabu (13/9/2023) berlangsung.\n\nBack to top button\n";
    read_body(&mut doc, text);
    assert_eq!(
        doc.title.as_deref(),
        Some("Kesepakatan senjata Korea Utara-Rusia mengganggu kawasan")
    );
    assert_eq!(doc.source.as_deref(), Some("Arrahmah.id"));
    assert_eq!(doc.date.as_deref(), Some("2023-09-13"));
    assert_eq!(doc.paragraphs.len(), 1);
    assert!(doc.paragraphs[0].text.starts_with("Pertemuan itu"));
    let reasons: Vec<_> = doc.dropped.iter().map(|d| d.reason.as_str()).collect();
    assert_eq!(
        reasons,
        ["navigation", "heading", "byline", "dateline", "interface"]
    );
}

#[test]
fn byline_and_dateline_fill_the_metadata() {
    let text = "Reservoir falls to record low\n\nBy Dana Whitcombe and Jason Warnock, Marren Valley Courier — 3 June 2025\n\nMARREN CITY — The reservoir fell again on Monday.\n";
    let doc = from_text("a".into(), "a.txt".into(), text);
    assert_eq!(doc.title.as_deref(), Some("Reservoir falls to record low"));
    assert_eq!(doc.authors, ["Dana Whitcombe", "Jason Warnock"]);
    assert_eq!(doc.source.as_deref(), Some("Marren Valley Courier"));
    assert_eq!(doc.date.as_deref(), Some("2025-06-03"));
    assert_eq!(doc.paragraphs.len(), 1);
    assert_eq!(
        doc.paragraphs[0].text,
        "The reservoir fell again on Monday."
    );
    let reasons: Vec<_> = doc.dropped.iter().map(|d| d.reason.as_str()).collect();
    assert_eq!(reasons, ["heading", "byline", "dateline"]);

    let id = "Oleh Andi Wijaya\n\nJAKARTA, KOMPAS.com - Presiden meresmikan bendungan.\n\nPenulis: Andi Wijaya | Editor: Budi Santoso\n";
    let doc = from_text("b".into(), "b.txt".into(), id);
    assert_eq!(doc.authors, ["Andi Wijaya"]);
    assert_eq!(doc.source.as_deref(), Some("KOMPAS.com"));
    assert_eq!(doc.paragraphs.len(), 1);
    assert!(doc.paragraphs[0].text.starts_with("Presiden"));

    let cnn = "(CNN)Share, and your gift will be multiplied. That may sound odd.";
    let doc = from_text("c".into(), "c.txt".into(), cnn);
    assert_eq!(doc.source.as_deref(), Some("CNN"));
    assert!(doc.paragraphs[0].text.starts_with("Share, and"));
}

#[test]
fn a_date_line_dates_the_article_and_is_no_sentence_or_title() {
    // A date on its own line, under the headline or above it.
    for text in [
        "Volcano wakes up\n\nTuesday, March 10, 2015\n\nThe volcano erupted on Monday.\n",
        "March 10, 2015\n\nVolcano wakes up\n\nThe volcano erupted on Monday.\n",
    ] {
        let doc = from_text("a".into(), "a.txt".into(), text);
        assert_eq!(doc.title.as_deref(), Some("Volcano wakes up"), "{text}");
        assert_eq!(doc.date.as_deref(), Some("2015-03-10"), "{text}");
        assert_eq!(doc.paragraphs.len(), 1, "{text}");
        assert!(doc.dropped.iter().any(|d| d.reason == Reason::Dateline));
    }
    // A date as the opening sentence of the first paragraph (flattened page text).
    let doc = from_text(
        "b".into(),
        "b.txt".into(),
        "March 10, 2015 . We're visiting Italy on Tuesday. We also climb.",
    );
    assert_eq!(doc.date.as_deref(), Some("2015-03-10"));
    assert_eq!(
        doc.paragraphs[0].text,
        "We're visiting Italy on Tuesday. We also climb."
    );
    assert_eq!(doc.dropped[0].text, "March 10, 2015 .");
    // A date with its day inside the opening sentence stays in it, and still dates the
    // article; a bare one is a date the article recalls, and does not.
    let doc = from_text(
        "c".into(),
        "c.txt".into(),
        "On Tuesday, March 10, 2015, the volcano erupted.",
    );
    assert_eq!(doc.date.as_deref(), Some("2015-03-10"));
    assert_eq!(
        doc.paragraphs[0].text,
        "On Tuesday, March 10, 2015, the volcano erupted."
    );
    for recalled in [
        "On October 24, 1944, U.S. warplanes swarmed at the battleship Musashi.",
        "The skies over Gotham City might brighten again. (That would be the 50th anniversary \
         of the series, which launched Jan. 12, 1966.) The film is due next year.",
        "Jasad Michael Jackson telah terkubur sejak wafat pada 25 Juni 2009 silam.",
    ] {
        assert_eq!(from_text("r".into(), "r.txt".into(), recalled).date, None);
    }
    // A date line deep in the article is dropped but does not date it.
    let late = "Volcano wakes up\n\nThe volcano erupted.\n\nIt was loud.\n\nAsh fell.\n\nJune 3, 1991\n\nThe last eruption.\n";
    let doc = from_text("d".into(), "d.txt".into(), late);
    assert_eq!(doc.date, None);
    assert_eq!(doc.paragraphs.len(), 4);
}

#[test]
fn front_matter_authors_are_kept_once_each_in_order() {
    let yaml = "---\nauthor: Dana Whitcombe\nauthors: Ari Wibowo, Dana Whitcombe ,\n---\n\nIsi.\n";
    let toml = "+++\nauthor = \"Dana Whitcombe\"\nauthors = [\"Ari Wibowo\", \" Dana Whitcombe \", \"\"]\n+++\n\nIsi.\n";
    for text in [yaml, toml] {
        let doc = from_markdown("a".into(), "a.md".into(), text, Path::new("a.md")).unwrap();
        assert_eq!(doc.authors, ["Dana Whitcombe", "Ari Wibowo"], "{text}");
    }
}

#[test]
fn a_date_deep_in_a_one_paragraph_article_does_not_date_it() {
    let filler = "The pope spoke to a television network about his plans and his health. ";
    let late = format!(
        "Pope Francis said on Friday that he expects a brief pontificate. {}The jubilee will end \
         November 26, 2016, the Vatican said.",
        filler.repeat(12)
    );
    assert!(late.find("November").unwrap() > DATE_OPENING_BYTES);
    assert_eq!(from_text("a".into(), "a.txt".into(), &late).date, None);
    let early = "Pope Francis said on Friday 13 March 2015 that he expects a brief \
                 pontificate. The jubilee will end November 26, 2016, the Vatican said.";
    let doc = from_text("b".into(), "b.txt".into(), early);
    assert_eq!(doc.date.as_deref(), Some("2015-03-13"));
}

#[test]
fn files_are_listed_in_path_order_whatever_order_the_folder_gives() {
    let dir = tempfile::tempdir().unwrap();
    // A folder sorts before a sibling file that extends its name ("a" < "a.txt" < "a-b"), and
    // its files come before that sibling: the order of `Path`, component by component.
    let names = [
        "b.txt",
        "a.txt",
        "a/z.txt",
        "a/b/c.md",
        "a-b.txt",
        "a/b.txt",
        "A.txt",
        "a.b/x.txt",
    ];
    for name in names {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "Teks.\n").unwrap();
    }
    std::fs::write(dir.path().join("a/notes.pdf"), "x").unwrap();
    std::fs::write(dir.path().join("0.pdf"), "x").unwrap();
    let (files, warnings) = discover(dir.path()).unwrap();
    let mut expected: Vec<PathBuf> = names.iter().map(|n| dir.path().join(n)).collect();
    expected.sort();
    assert_eq!(files, expected);
    let warned: Vec<&Path> = warnings.iter().map(|w| w.path.as_path()).collect();
    assert_eq!(
        warned,
        [dir.path().join("0.pdf"), dir.path().join("a/notes.pdf")]
    );
}

#[test]
fn an_article_id_is_its_path_below_the_input_without_the_extension() {
    let input = Path::new("in");
    let old = |path: &Path| {
        let rel = path.strip_prefix(input).unwrap_or(path).with_extension("");
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    for path in [
        "in/a.txt",
        "in/a/b.md",
        "in/a.b/c.d.txt",
        "in/.x",
        "in/x.",
        "in/x",
        "in",
        "in/a/..",
        "elsewhere/y.txt",
        "in/dir.v2/z",
    ] {
        let path = Path::new(path);
        assert_eq!(article_id(input, path), old(path), "{}", path.display());
    }
    assert_eq!(
        article_id(input, Path::new("in/2024/05/x.html")),
        "2024/05/x"
    );
}

#[test]
fn a_headline_that_asks_is_the_title_only_where_there_is_none() {
    let text = "What now for Kelly Holmes?\n\nLast April, Kelly Holmes spoke about her loneliness. She won twice.\n";
    let mut doc = empty_document("a".into(), "a.txt".into());
    read_body(&mut doc, text);
    assert_eq!(doc.title.as_deref(), Some("What now for Kelly Holmes?"));
    assert_eq!(doc.paragraphs.len(), 1);
    // A page or a feed item brings its title: a lead that asks is the article's text.
    let mut doc = empty_document("b".into(), "b.html".into());
    doc.title = Some("Drought hits the valley".into());
    let lead = "What do you do when the river runs dry?\n\nFarmers in the valley know the answer. They wait.\n";
    read_body(&mut doc, lead);
    assert_eq!(doc.paragraphs.len(), 2);
    assert_eq!(
        doc.paragraphs[0].text,
        "What do you do when the river runs dry?"
    );
}
