//! Saved web pages and feeds (tests/fixtures/pages/, see its README): the main text extracted
//! without navigation, comments or related links, and each page's and feed item's title,
//! date, authors, source and link.

use std::path::Path;

use briefing::corpus::{self, Document};

const DIR: &str = "tests/fixtures/pages";

/// The documents of one fixture, with the warnings it gave.
fn read(name: &str) -> (Vec<Document>, Vec<String>) {
    let mut warnings = Vec::new();
    let docs = corpus::read(Path::new(DIR), &Path::new(DIR).join(name), &mut warnings).unwrap();
    (docs, warnings.iter().map(|w| w.to_string()).collect())
}

fn text(doc: &Document) -> String {
    doc.paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What one page must yield.
struct Expected {
    file: &'static str,
    title: &'static str,
    date: Option<&'static str>,
    authors: &'static [&'static str],
    source: Option<&'static str>,
    url: Option<&'static str>,
    /// `<html lang>`, as written: the hint detection takes where the text does not tell.
    language: Option<&'static str>,
    first: &'static str,
    last: &'static str,
    absent: &'static [&'static str],
}

const PAGES: &[Expected] = &[
    Expected {
        file: "id-detik-banjir.html",
        title: "Banjir Rendam Ratusan Rumah di Kampung Melayu, Warga Mengungsi ke Masjid",
        date: Some("2024-02-26"),
        authors: &["Rizky Pratama"],
        source: Some("detikNews"),
        url: Some(
            "https://news.detik.com/berita/d-7123456/banjir-rendam-ratusan-rumah-di-kampung-melayu",
        ),
        language: Some("id"),
        first: "Banjir merendam ratusan rumah warga di Kampung Melayu",
        last: "BPBD memperkirakan air akan surut dalam dua hari jika hujan di kawasan Bogor mereda.",
        absent: &[
            "Baca juga",
            "Bendung Katulampa",
            "Tiap tahun begini",
            "Terpopuler",
            "Pedoman Media Siber",
            "Finance",
        ],
    },
    Expected {
        file: "id-kompas-beras.html",
        title: "Harga Beras Premium Naik Lagi, Pedagang Pasar Induk Cipinang Keluhkan Pasokan",
        date: Some("2024-03-04"),
        authors: &["Elsa Catriana", "Erlangga Djumena"],
        source: Some("KOMPAS.com"),
        url: Some(
            "https://money.kompas.com/read/2024/03/04/101500526/harga-beras-premium-naik-lagi",
        ),
        language: Some("id-ID"),
        first: "Harga beras premium di Pasar Induk Beras Cipinang kembali naik",
        last: "Pedagang berharap harga kembali turun setelah panen raya pada April mendatang.",
        absent: &[
            "Baca juga",
            "Inflasi Februari",
            "Gaji tidak naik",
            "Kompas Cyber Media",
            "Penulis:",
        ],
    },
    Expected {
        file: "id-antara-vaksin.html",
        title: "Kemenkes Targetkan Imunisasi Polio Jangkau 95 Persen Anak di Papua",
        date: Some("2024-01-15"),
        authors: &["Lintang Budiyanti Prameswari"],
        source: Some("ANTARA News"),
        url: Some(
            "https://www.antaranews.com/berita/4001234/kemenkes-targetkan-imunisasi-polio-jangkau-95-persen-anak-di-papua",
        ),
        language: Some("id"),
        first: "Kementerian Kesehatan menargetkan imunisasi polio tambahan",
        last: "Pekan imunisasi tahap pertama berlangsung hingga akhir Januari, disusul tahap kedua pada bulan Maret.",
        absent: &["Baca juga", "WHO Apresiasi", "Dilarang keras", "Terpopuler"],
    },
    Expected {
        file: "id-republika-kereta.html",
        title: "Kereta Cepat Catat Satu Juta Penumpang dalam Tiga Bulan Pertama",
        date: Some("2024-01-17"),
        authors: &["Novita Intan"],
        source: Some("Republika Online"),
        url: Some(
            "https://ekonomi.republika.co.id/berita/s6abc1234/kereta-cepat-catat-satu-juta-penumpang",
        ),
        language: Some("id"),
        first: "Kereta cepat Jakarta-Bandung mencatat satu juta penumpang",
        last: "Pemerintah daerah berjanji memperbaiki angkutan penghubung ke stasiun pada semester pertama tahun ini.",
        absent: &[
            "Baca Juga",
            "Tarif Kereta Cepat Naik",
            "Alhamdulillah",
            "Sepakbola",
        ],
    },
    Expected {
        file: "en-localnews-bridge.html",
        title: "Council approves repairs to closed Mill Street bridge",
        date: Some("2024-05-09"),
        authors: &["Hannah Okafor"],
        source: Some("Riverside Chronicle"),
        url: Some(
            "https://www.riversidechronicle.example/news/2024/05/council-approves-mill-street-bridge-repairs",
        ),
        language: Some("en-GB"),
        first: "Riverside council has approved 2.4 million pounds of repairs",
        last: "A temporary footbridge proposed by residents was rejected because it would have delayed the main repairs.",
        absent: &[
            "cookies",
            "Accept all",
            "Read more",
            "Bus routes changed",
            "About time",
            "Registered in England",
        ],
    },
    Expected {
        file: "en-tech-chips.html",
        title: "Chipmaker delays new factory as demand for older chips cools",
        date: Some("2024-06-11"),
        authors: &["Marcus Lindqvist"],
        source: Some("The Circuit Review"),
        url: Some("https://circuitreview.example/2024/06/11/chipmaker-delays-new-factory"),
        language: Some("en"),
        first: "A large contract chipmaker said on Tuesday",
        last: "Shares in the company fell four percent in early trading before recovering most of the loss.",
        absent: &[
            "newsletter",
            "Carmakers cut chip orders",
            "inventory glut",
            "Podcasts",
            "Facebook",
        ],
    },
    Expected {
        file: "en-aljazeera-helicopter.html",
        title: "US service members killed in Afghanistan helicopter crash",
        date: Some("2019-11-20"),
        authors: &[],
        source: Some("Al Jazeera"),
        url: Some(
            "https://www.aljazeera.com/news/2019/11/service-members-killed-afghanistan-helicopter-crash-191120070028895.html",
        ),
        language: None,
        first: "Two United States service members have been killed in a helicopter crash in Afghanistan",
        last: "More than 2,500 Afghan civilians have been killed in the fighting so far this year, according to the United Nations.",
        absent: &["SOURCE: News agencies", "Sign up"],
    },
    Expected {
        file: "en-detroitnews-teachers.html",
        title: "Thousands of teachers pack Indiana Statehouse for protest",
        date: None,
        authors: &["Tom Davies"],
        source: Some("detroitnews"),
        url: Some(
            "https://www.detroitnews.com/story/news/nation/2019/11/19/thousands-teachers-pack-indiana-statehouse-protest/40651467/",
        ),
        language: Some("en"),
        first: "Several thousand teachers wearing red surrounded the Indiana Statehouse on Tuesday",
        last: "students whose names we know when we’re in the classroom.”",
        absent: &["Subscribe"],
    },
    Expected {
        file: "en-jpost-berlin.html",
        title: "Son of former German president stabbed to death in Berlin",
        date: Some("2019-11-20"),
        // The page's byline ("By JERUSALEM POST STAFF"), in title case as every name written
        // in capitals.
        authors: &["Jerusalem Post Staff"],
        source: Some("The Jerusalem Post"),
        url: Some(
            "https://www.jpost.com/Breaking-News/Son-of-former-German-president-stabbed-to-death-in-Berlin-608399",
        ),
        language: None,
        first: "The son of former German President Richard von Weizsäcker",
        last: "Police arrested a 57-year-old man suspect of committing the assassination.",
        absent: &["Subscribe"],
    },
    // A photo gallery of four slides above the text (each a caption and an "(AP Photo/…)"
    // credit), and the AP dateline: none of it is the article's text.
    Expected {
        file: "en-ctpost-patrick.html",
        title: "Deval Patrick takes nascent 2020 campaign to South Carolina",
        date: Some("2019-11-20"),
        authors: &["Meg Kinnard", "Errin Haines"],
        source: Some("Connecticut Post"),
        url: Some(
            "https://www.ctpost.com/news/article/Deval-Patrick-takes-nascent-2020-campaign-to-14847854.php",
        ),
        language: None,
        first: "About a dozen black female small-business owners were gathered",
        last: "“I want to see how he translates that into policy.”",
        absent: &[
            "speaks with a business owner",
            "AP Photo",
            "Photo: Meg Kinnard",
            "Image 1 of",
        ],
    },
    // Figures with `<figcaption>`: "Media caption…", "Image copyright … Image caption …".
    Expected {
        file: "en-bbc-assange.html",
        title: "Sweden drops Assange rape investigation",
        date: Some("2019-11-19"),
        authors: &[],
        source: Some("BBC News"),
        url: Some("https://www.bbc.com/news/world-europe-50473792"),
        language: Some("en"),
        first: "Prosecutors in Sweden have dropped an investigation into a rape allegation",
        last: "scheduled to take place at Westminster Magistrate's Court in London in February.",
        absent: &[
            "Media caption",
            "Image caption",
            "Image copyright",
            "Media playback",
        ],
    },
    // A hover card inside the first paragraph, after the governor's name: her picture, full
    // name, three headlines and "MORE".
    Expected {
        file: "en-thehill-noem.html",
        title: "South Dakota governor doubles down on 'meth, we're on it' anti-drug campaign",
        date: Some("2019-11-19"),
        authors: &["Tess Bonn"],
        source: Some("TheHill"),
        url: Some(
            "https://thehill.com/homenews/news/471033-south-dakota-governor-doubles-down-on-meth-were-on-it-anti-drug-campaign",
        ),
        language: None,
        first: "South Dakota Gov. Kristi Noem (R) is defending the state’s launch",
        last: "The governor's office didn't immediately respond to The Hill's request for comment.",
        absent: &[
            "Kristi Lynn Noem",
            "pipeline protest",
            "In God We Trust",
            "MORE",
        ],
    },
];

#[test]
fn pages_yield_their_text_and_metadata() {
    for e in PAGES {
        let (docs, warnings) = read(e.file);
        assert_eq!(docs.len(), 1, "{}: {warnings:?}", e.file);
        let doc = &docs[0];
        let body = text(doc);
        assert_eq!(doc.title.as_deref(), Some(e.title), "{} title", e.file);
        assert_eq!(doc.date.as_deref(), e.date, "{} date", e.file);
        assert_eq!(doc.authors, e.authors, "{} authors", e.file);
        assert_eq!(doc.source.as_deref(), e.source, "{} source", e.file);
        assert_eq!(doc.url.as_deref(), e.url, "{} url", e.file);
        assert_eq!(doc.declared.as_deref(), e.language, "{} language", e.file);
        assert_eq!(doc.language, None, "{}: only front matter sets it", e.file);
        assert!(
            body.contains(e.first),
            "{}: first sentence missing:\n{body}",
            e.file
        );
        assert!(
            body.contains(e.last),
            "{}: last sentence missing:\n{body}",
            e.file
        );
        for absent in e.absent {
            assert!(
                !body.contains(absent),
                "{}: `{absent}` kept:\n{body}",
                e.file
            );
        }
        assert!(!body.contains('<'), "{}: markup kept:\n{body}", e.file);
        assert!(doc.part.is_none() && !doc.teaser);
    }
}

#[test]
fn the_other_real_pages_give_a_title_and_text() {
    for (file, title, first) in [
        (
            "en-usatoday-meth.html",
            "'Meth. We're On It': South Dakota campaign is working Kristi Noem says",
            "Noem",
        ),
        (
            "en-spacenews-landers.html",
            "NASA adds five companies to commercial lunar lander program",
            "NASA",
        ),
        (
            "en-hawaiinewsnow-telescope.html",
            "Scientists use Hawaii telescope to spot water vapor on distant moon",
            "Europa",
        ),
    ] {
        let (docs, _) = read(file);
        assert_eq!(docs[0].title.as_deref(), Some(title), "{file}");
        assert!(text(&docs[0]).contains(first), "{file}");
        assert!(docs[0].paragraphs.len() >= 5, "{file}");
    }
}

#[test]
fn a_site_name_given_as_a_web_address_is_shown_as_its_host() {
    // hawaiinewsnow.com's og:site_name is "https://www.hawaiinewsnow.com".
    let (docs, _) = read("en-hawaiinewsnow-telescope.html");
    assert_eq!(docs[0].source.as_deref(), Some("hawaiinewsnow.com"));
    let (docs, _) = read("en-detroitnews-teachers.html");
    assert_eq!(docs[0].source.as_deref(), Some("detroitnews"));
}

#[test]
fn rss_items_are_articles_and_a_teaser_is_marked() {
    let (docs, warnings) = read("antara-feed.xml");
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "antara-feed/bi-pertahankan-suku-bunga-acuan-di-6-persen",
            "antara-feed/ekspor-kopi-sumatera-utara-naik-12-persen"
        ]
    );
    let (bi, kopi) = (&docs[0], &docs[1]);
    assert_eq!(
        bi.path,
        "tests/fixtures/pages/antara-feed.xml#bi-pertahankan-suku-bunga-acuan-di-6-persen"
    );
    assert_eq!(
        bi.title.as_deref(),
        Some("BI Pertahankan Suku Bunga Acuan di 6 Persen")
    );
    // 06:30 on the 21st in Jakarta is still the 21st.
    assert_eq!(bi.date.as_deref(), Some("2024-02-21"));
    assert_eq!(bi.authors, ["Martha Herlinawati Simanjuntak"]);
    assert_eq!(bi.source.as_deref(), Some("ANTARA News"));
    assert_eq!(
        bi.url.as_deref(),
        Some(
            "https://www.antaranews.com/berita/4012345/bi-pertahankan-suku-bunga-acuan-di-6-persen"
        )
    );
    let body = text(bi);
    assert!(body.contains("Bank Indonesia mempertahankan suku bunga acuan BI-Rate"));
    assert!(body.contains("berada di kisaran 4,7 hingga 5,5 persen."));
    assert!(
        !body.contains("Rupiah menguat") && !body.contains('<'),
        "{body}"
    );
    assert!(!bi.teaser);
    assert!(kopi.teaser);
    assert_eq!(kopi.date.as_deref(), Some("2024-02-20"));
    assert_eq!(kopi.authors, ["Juraidi"]);
    assert!(text(kopi).starts_with("Nilai ekspor kopi Sumatera Utara"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("antara-feed.xml")
            && warnings[0].contains("item 2")
            && warnings[0].contains("teaser")
    );
}

#[test]
fn atom_entries_keep_their_authors_and_local_dates() {
    let (docs, warnings) = read("circuit-review.atom");
    assert!(warnings.is_empty(), "{warnings:?}");
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "circuit-review/export-inquiry",
            "circuit-review/memory-prices-rise"
        ]
    );
    let (inquiry, memory) = (&docs[0], &docs[1]);
    // 23:30 on the 11th at -07:00 is the 12th in UTC; the day written is kept.
    assert_eq!(inquiry.date.as_deref(), Some("2024-06-11"));
    assert_eq!(memory.authors, ["Priya Raman", "Marcus Lindqvist"]);
    assert_eq!(memory.source.as_deref(), Some("The Circuit Review"));
    assert_eq!(
        memory.title.as_deref(),
        Some("Memory prices rise for a third straight quarter")
    );
    assert_eq!(
        memory.url.as_deref(),
        Some("https://circuitreview.example/2024/06/12/memory-prices-rise")
    );
    // The full content, not the one-line summary.
    assert_eq!(memory.paragraphs.len(), 3);
    assert!(text(memory).ends_with("until new factories open next year."));
    assert!(!memory.teaser && !inquiry.teaser);
}

#[test]
fn json_feed_items_are_articles() {
    let (docs, warnings) = read("kabar-pagi.json");
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["kabar-pagi/harga-tiket-pesawat", "kabar-pagi/mudik-lebaran"]
    );
    let (tiket, mudik) = (&docs[0], &docs[1]);
    assert_eq!(mudik.date.as_deref(), Some("2024-04-08"));
    assert_eq!(mudik.authors, ["Siti Rahmawati"]);
    assert_eq!(mudik.source.as_deref(), Some("Kabar Pagi"));
    assert_eq!(mudik.paragraphs.len(), 3);
    assert!(tiket.teaser && !mudik.teaser);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("harga-tiket-pesawat"));
}

#[test]
fn pathological_pages_are_refused_or_read_never_hang() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.html");
    let nested = format!(
        "<html><body>{}Teks.{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(&deep, nested).unwrap();
    let wide = dir.path().join("wide.html");
    let attribute = format!(
        "<html><body><p title=\"{}\">Kalimat satu di sini. Kalimat dua juga ada.</p></body></html>",
        "a".repeat(4 << 20)
    );
    std::fs::write(&wide, attribute).unwrap();
    let mut warnings = Vec::new();
    let docs = corpus::read(dir.path(), &deep, &mut warnings).unwrap();
    assert!(docs.is_empty());
    assert!(
        warnings[0].to_string().contains("deep.html") && warnings[0].to_string().contains("deep"),
        "{warnings:?}"
    );
    let docs = corpus::read(dir.path(), &wide, &mut warnings).unwrap();
    assert_eq!(docs.len(), 1, "{warnings:?}");
    // A .json file that is not a JSON Feed, and an .xml that is not a feed, are not articles.
    std::fs::write(dir.path().join("data.json"), "{\"a\": 1}").unwrap();
    std::fs::write(
        dir.path().join("image.xml"),
        "<?xml version=\"1.0\"?><svg/>",
    )
    .unwrap();
    let (files, skipped) = corpus::discover(dir.path()).unwrap();
    let names: Vec<_> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(names, ["deep.html", "wide.html"]);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
}

#[test]
fn many_closed_custom_elements_are_not_deep() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("amp.html");
    let body = "<p>Kalimat pertama di sini. Kalimat kedua juga ada di sini.</p>";
    let widgets = "<amp-img src=x></amp-img><svg><path d=\"M0\"></path></svg>".repeat(1000);
    std::fs::write(&path, format!("<html><body>{widgets}{body}</body></html>")).unwrap();
    let mut warnings = Vec::new();
    let docs = corpus::read(dir.path(), &path, &mut warnings).unwrap();
    assert_eq!(docs.len(), 1, "{warnings:?}");
}

/// A page a server sent in place of the article (saved, or fetched by mistake) is no article:
/// left out with a warning that says so; an article whose title reads like one is kept.
#[test]
fn an_error_page_is_left_out_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let nav = "<nav><ul><li>Home</li><li>Fashion &amp; Style</li><li>Body &amp; Health</li>\
               <li>Grooming</li><li>Culture &amp; Trends</li></ul></nav>";
    let not_found = dir.path().join("not-found.html");
    std::fs::write(
        &not_found,
        format!(
            "<html><head><title>Page Not Found | Details</title></head><body>{nav}<h1>Sorry, \
             we can't find that page.</h1><p>The page you requested may have moved.</p></body></html>"
        ),
    )
    .unwrap();
    let forbidden = dir.path().join("forbidden.html");
    std::fs::write(
        &forbidden,
        "<html><head><title>Forbidden</title></head><body><h2>HTTP Error 403.</h2>\
         <p>The request URL is forbidden.</p></body></html>",
    )
    .unwrap();
    let review = dir.path().join("review.html");
    let paragraphs: String = (1..=12)
        .map(|scene| {
            format!(
                "<p>In scene {scene} the film follows the couple through the years after the \
                 flood, and it takes its time. Every shot is in the same grey light, and the \
                 actors speak as if each line cost them something they could not spare.</p>"
            )
        })
        .collect();
    std::fs::write(
        &review,
        format!("<html><head><title>Gone</title></head><body><article>{paragraphs}</article></body></html>"),
    )
    .unwrap();
    for (page, title) in [
        (&not_found, "Page Not Found | Details"),
        (&forbidden, "Forbidden"),
    ] {
        let mut warnings = Vec::new();
        let docs = corpus::read(dir.path(), page, &mut warnings).unwrap();
        assert!(docs.is_empty(), "{title}");
        let warning = warnings[0].to_string();
        assert!(
            warning.contains(page.file_name().unwrap().to_str().unwrap())
                && warning.contains("is an error page")
                && warning.contains(title),
            "{warning}"
        );
    }
    let mut warnings = Vec::new();
    let docs = corpus::read(dir.path(), &review, &mut warnings).unwrap();
    assert_eq!(docs.len(), 1, "{warnings:?}");
    assert_eq!(docs[0].title.as_deref(), Some("Gone"));
}

/// Publish dates as the saved pages of newspaper4k's tests give them when no usual meta tag
/// does: hAtom's `<span class="updated" title=…>` (the Advance Local sites), `sailthru.date`
/// and `parsely-pub-date` metas, `itemprop="datePublished"` in ISO 8601's basic form, and the
/// date shown in a `class="date"` element ("on 04 December 2014").
#[test]
fn pages_dated_the_ways_sites_date_them() {
    let dir = tempfile::tempdir().unwrap();
    let body = "<article><p>The council met on Monday and approved the budget for the coming \
                year after a long debate.</p><p>Residents asked for more buses and a new \
                library, and the mayor promised both before the election.</p></article>";
    for (head, shown, date) in [
        (
            "",
            r#"<span class="updated" title="2014-12-29T22:16:26Z">December 29, 2014</span>"#,
            "2014-12-29",
        ),
        (
            r#"<meta name="sailthru.date" content="2015-01-14 15:07:20"/>"#,
            "",
            "2015-01-14",
        ),
        (
            r#"<meta name="parsely-pub-date" content="2014-12-30T07:44:00Z" />"#,
            "",
            "2014-12-30",
        ),
        (
            r#"<meta itemprop="datePublished" content="20141229 18:22:00" />"#,
            "",
            "2014-12-29",
        ),
        (
            "",
            r#"<div class="date">on 04 December 2014</div>"#,
            "2014-12-04",
        ),
    ] {
        let page = dir.path().join("page.html");
        std::fs::write(
            &page,
            format!("<html><head><title>Budget passes</title>{head}</head><body>{shown}{body}</body></html>"),
        )
        .unwrap();
        let mut warnings = Vec::new();
        let docs = corpus::read(dir.path(), &page, &mut warnings).unwrap();
        assert_eq!(docs[0].date.as_deref(), Some(date), "{head}{shown}");
    }
}

/// An article that repeats a paragraph word for word (a page saved with its text twice, one
/// copy for phones and one for desktops; a pull quote) gives it once; the repeats are listed
/// as set aside, and a short line that recurs ("Foto: Antara") is left to the other rules.
#[test]
fn a_paragraph_repeated_word_for_word_is_kept_once() {
    let dir = tempfile::tempdir().unwrap();
    let body = "The council met on Monday and approved the budget for the coming year.\n\n\
                Residents asked for more buses and a new library before the election.";
    let file = dir.path().join("twice.txt");
    std::fs::write(&file, format!("Budget passes\n\n{body}\n\n{body}\n")).unwrap();
    let mut warnings = Vec::new();
    let docs = corpus::read(dir.path(), &file, &mut warnings).unwrap();
    assert_eq!(
        text(&docs[0]),
        "The council met on Monday and approved the budget for the coming year.\n\
         Residents asked for more buses and a new library before the election."
    );
    let repeats: Vec<(&str, usize)> = (docs[0].dropped.iter())
        .filter(|d| d.reason.as_str() == "repeat")
        .map(|d| (d.text.as_str(), d.line))
        .collect();
    assert_eq!(
        repeats,
        [
            (
                "The council met on Monday and approved the budget for the coming year.",
                7
            ),
            (
                "Residents asked for more buses and a new library before the election.",
                9
            )
        ]
    );
}
