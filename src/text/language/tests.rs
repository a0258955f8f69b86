use super::*;

/// English news prose: every paragraph must be English, and the vote must agree with whatlang.
pub(super) const ENGLISH: &[&str] = &[
    "Russia used its veto in the Security Council on Thursday to end the work of a panel of \
     experts that had monitored North Korea's efforts to evade sanctions over its nuclear \
     program for the past 15 years. The move was the latest sign of how far relations between \
     Moscow and Washington have fallen, and it came after the panel had produced evidence that \
     Russia was supplying fuel and other goods to the North.",
    "The central bank held its benchmark rate at 6 percent on Wednesday, as expected, saying \
     that inflation was still within its target range but that the weaker rupiah could push \
     prices up in the coming months. Analysts said the bank would probably keep rates on hold \
     until the end of the year, when the new government is expected to present its first \
     budget.",
    "Rescue workers were searching on Sunday for dozens of people who are still missing after \
     a landslide buried part of a village in West Java. Officials said at least 12 people had \
     been killed and that heavy rain was making it harder for teams to reach the area. \
     \"We are doing everything we can,\" a spokesman for the disaster agency told reporters, \
     adding that more than 300 residents had been moved to temporary shelters.",
    "When the company announced its results, its shares rose by almost a fifth. The chief \
     executive said that demand for electric vehicles had been stronger than they had thought, \
     and that the new factory, which will open next year, would double what the firm can \
     produce. Some investors, however, warned that competition from cheaper models was growing.",
    "Indonesia's election commission said on Tuesday that turnout had reached 82 percent, the \
     highest since the country returned to democracy in 1998. Observers from several \
     international groups said the vote had been largely free and fair, although they noted \
     reports of vote buying in some provinces and called on the authorities to investigate.",
    "In a statement, the ministry said the new rules would apply to all imports of steel from \
     the beginning of March. Exporters in China and Vietnam, who account for most of the \
     shipments, have until then to register with the trade office. It was not clear whether \
     the rules would also cover products that have already been ordered.",
];

/// Indonesian news prose, including a paragraph that quotes English.
pub(super) const INDONESIAN: &[&str] = &[
    "Rusia menggunakan kekuasaan veto-nya di Dewan Keamanan Perserikatan Bangsa-Bangsa untuk \
     menghentikan panel ahli PBB yang telah memantau upaya Korea Utara untuk menghindari sanksi \
     atas program nuklirnya selama 15 tahun terakhir.",
    "Presiden Joko Widodo mengatakan pemerintah akan terus mendorong hilirisasi industri agar \
     nilai tambah sumber daya alam dapat dinikmati oleh masyarakat. Menurut dia, kebijakan itu \
     sudah terbukti meningkatkan penerimaan negara dan membuka lapangan kerja baru.",
    "Gregoire mengatakan kepada Reuters bahwa game yang kini digandrungi puluhan ribu siswa itu \
     dimainkan melalui grup Facebook bernama 'Chasseurs de livres' yang berarti 'Pemburu \
     Buku.' \"It is a way to make the children read,\" katanya, seraya menambahkan bahwa para \
     guru juga ikut bermain.",
    "Kementerian Kesehatan mencatat jumlah kasus demam berdarah di sejumlah provinsi meningkat \
     tajam dalam sebulan terakhir. Masyarakat diimbau untuk menguras tempat penampungan air dan \
     segera memeriksakan diri ke puskesmas jika mengalami gejala seperti demam tinggi.",
];

#[test]
fn detects_indonesian_and_english() {
    assert_eq!(
        detect(
            "Rusia menggunakan kekuasaan veto-nya di Dewan Keamanan untuk menghentikan panel ahli."
        ),
        Lang::Id
    );
    assert_eq!(
        detect("Russia used its veto in the Security Council to end the panel of experts."),
        Lang::En
    );
    assert_eq!(detect(""), Lang::Id);
}

#[test]
fn english_prose_is_english_by_vote_and_by_whatlang() {
    for p in ENGLISH {
        assert_eq!(detect(p), Lang::En, "{p}");
        assert_eq!(whatlang_detect(window(p)), Lang::En, "{p}");
        assert_eq!(decisive(&Votes::count(window(p))), Some(Lang::En), "{p}");
    }
    let all = ENGLISH.join("\n");
    assert_eq!(detect(&all), Lang::En);
    assert_eq!(decisive(&Votes::count(window(&all))), Some(Lang::En));
}

#[test]
fn indonesian_prose_is_indonesian_by_vote_and_by_whatlang() {
    for p in INDONESIAN {
        assert_eq!(detect(p), Lang::Id, "{p}");
        assert_eq!(whatlang_detect(window(p)), Lang::Id, "{p}");
    }
    let all = INDONESIAN.join("\n");
    assert_eq!(decisive(&Votes::count(window(&all))), Some(Lang::Id));
}

#[test]
fn mixed_or_short_text_is_left_to_whatlang() {
    // One sentence each way: too few function words for a vote.
    let mixed = format!("{} {}", ENGLISH[0], INDONESIAN[1]);
    assert_eq!(detect(&mixed), whatlang_detect(window(&mixed)));
    assert_eq!(decisive(&Votes::count("di the")), None);
    // Mostly non-Latin script: whatlang sees Arabic (neither allowed language), so Indonesian.
    let arabic = format!(
        "{} the of and to in is that for was on",
        "بسم الله الرحمن الرحيم ".repeat(8)
    );
    assert_eq!(decisive(&Votes::count(window(&arabic))), None);
    assert_eq!(detect(&arabic), whatlang_detect(window(&arabic)));
}

#[test]
fn window_stops_at_a_char_boundary() {
    let text = format!("{}é and more", "a".repeat(DETECT_BYTES - 1));
    assert_eq!(window(&text).len(), DETECT_BYTES - 1);
    assert_eq!(window("abc"), "abc");
}

/// The texts detection sees for one article: the pipeline's sample (first eight paragraphs
/// joined), the raw text, and each paragraph.
fn samples(text: &str) -> Vec<String> {
    let doc = crate::corpus::from_text(String::new(), String::new(), text);
    let mut out = vec![
        doc.paragraphs
            .iter()
            .take(8)
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        text.to_string(),
    ];
    out.extend(doc.paragraphs.iter().map(|p| p.text.clone()));
    out
}

/// Checks the vote, and the trigram comparison, against whatlang on every sample; returns
/// (samples, decided by vote).
fn agree_with_whatlang(text: &str, what: &str) -> (usize, usize) {
    let (mut n, mut voted) = (0, 0);
    for s in samples(text) {
        let w = window(&s);
        super::trigram::tests::agrees(w);
        let votes = Votes::count(w);
        if let Some(lang) = decisive(&votes) {
            assert_eq!(lang, whatlang_detect(w), "{what}: {votes:?} on {w:?}");
            voted += 1;
        }
        n += 1;
    }
    (n, voted)
}

#[test]
fn seeds_agree_with_whatlang() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("seeds/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("seed");
            let (_, voted) = agree_with_whatlang(&text, &path.display().to_string());
            assert!(voted > 0);
            assert_eq!(detect(&text), Lang::Id);
            files += 1;
        }
    }
    assert!(files > 0);
}

/// Checks the vote against whatlang on JSON lines files (`{"text": …}` per line) and `.txt`/`.md`
/// files named in `BRIEFING_DETECT_FILES` (colon-separated): each text's samples, and mixtures of
/// two texts (the first `k` bytes of one, then the other, `k` in steps of 64), e.g.
/// `BRIEFING_DETECT_FILES=../shared/eval/dev.jsonl:english.jsonl cargo test --release --lib --
/// --ignored agree`.
#[test]
#[ignore = "needs BRIEFING_DETECT_FILES"]
fn files_agree_with_whatlang() {
    let list = std::env::var("BRIEFING_DETECT_FILES").expect("BRIEFING_DETECT_FILES");
    let mut texts = Vec::new();
    for file in list.split(':').filter(|f| !f.is_empty()) {
        let content = std::fs::read_to_string(file).expect(file);
        if file.ends_with(".jsonl") {
            texts.extend(
                content
                    .lines()
                    .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                    .filter_map(|v| v["text"].as_str().map(str::to_string))
                    .map(|t| (file, t)),
            );
        } else {
            texts.push((file, content));
        }
    }
    let (mut n, mut voted) = (0, 0);
    for (i, (file, text)) in texts.iter().enumerate() {
        let (a, b) = agree_with_whatlang(text, &format!("{file}: {i}"));
        n += a;
        voted += b;
    }
    let (mut mixtures, mut mixtures_voted) = (0, 0);
    for (i, (_, a)) in texts.iter().enumerate() {
        for j in 0..12 {
            let (_, b) = &texts[(i * 7 + j * 131 + 1) % texts.len()];
            for k in (0..=DETECT_BYTES).step_by(64) {
                for s in [
                    format!("{}\n{b}", prefix(a, k)),
                    format!("{}\n{a}", prefix(b, k)),
                ] {
                    let w = window(&s);
                    super::trigram::tests::agrees(w);
                    if let Some(lang) = decisive(&Votes::count(w)) {
                        assert_eq!(lang, whatlang_detect(w), "mixture {w:?}");
                        mixtures_voted += 1;
                    }
                    mixtures += 1;
                }
            }
        }
    }
    eprintln!(
        "{} texts: {n} samples, {voted} decided by the vote; {mixtures} mixtures, {mixtures_voted} \
         decided by the vote; all agree with whatlang",
        texts.len()
    );
}

/// The first `k` bytes of `s`, cut back to a character boundary.
pub(super) fn prefix(s: &str, k: usize) -> &str {
    let mut k = k.min(s.len());
    while !s.is_char_boundary(k) {
        k -= 1;
    }
    &s[..k]
}

/// [`Votes::count`] as it was written before the table of function words: each word lowercased
/// into a buffer and looked up in the lists.
fn count_by_lists(window: &str) -> Votes {
    let mut v = Votes::default();
    let bytes = window.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            if bytes[i] >= 0x80 {
                v.non_ascii += 1;
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let word = window[start..i].to_ascii_lowercase();
        v.ascii_letters += word.len() as u32;
        let part = i * PARTS / (bytes.len() + 1);
        v.words[part] += 1;
        if INDONESIAN_WORDS.contains(&word.as_str()) {
            v.id[part] += 1;
        } else if ENGLISH_WORDS.contains(&word.as_str()) {
            v.en[part] += 1;
        }
    }
    v
}

#[test]
fn every_listed_word_is_found_in_its_list() {
    for (words, lang) in [(INDONESIAN_WORDS, Lang::Id), (ENGLISH_WORDS, Lang::En)] {
        for w in words {
            assert_eq!(function_word(pack(w.as_bytes())), Some(lang), "{w}");
            let upper = w.to_ascii_uppercase();
            assert_eq!(Votes::count(&upper), count_by_lists(&upper), "{upper}");
            let votes = Votes::count(&upper);
            assert_eq!(
                Votes::total(&votes.id) + Votes::total(&votes.en),
                1,
                "{upper}"
            );
        }
    }
    assert!(INDONESIAN_WORDS.iter().all(|w| !ENGLISH_WORDS.contains(w)));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]

    /// The table counts what the lists count, on text made of listed words, their neighbours
    /// and other characters.
    #[test]
    fn votes_are_the_lists_votes(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "yang", "YANG", "Dan", "the", "The", "of", "masyarakat", "masyarakatnya",
            "pemerintah", "government", "governments", "sementara", "x", "di", "dia", "ia",
            "thes", "an", "a", "tersebut", "BAGAIMANA", "kemudian", "sementaranya", "é", "ü", " ", " ", ",", ".", "\n", "-", "7", "'",
        ][..]), 0..60),
    ) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(Votes::count(&text), count_by_lists(&text));
    }

    /// The letters found eight bytes at a time are the bytes `is_ascii_alphabetic` takes.
    #[test]
    fn eight_bytes_at_once(eight in proptest::prelude::any::<[u8; 8]>()) {
        let high = ascii_letters(u64::from_le_bytes(eight));
        for (k, b) in eight.iter().enumerate() {
            proptest::prop_assert_eq!(high >> (8 * k + 7) & 1 == 1, b.is_ascii_alphabetic());
        }
    }

    /// A word of up to ten letters is found exactly when it is listed.
    #[test]
    fn unlisted_words_are_not_found(word in "[a-z]{1,10}") {
        let listed = if INDONESIAN_WORDS.contains(&word.as_str()) {
            Some(Lang::Id)
        } else if ENGLISH_WORDS.contains(&word.as_str()) {
            Some(Lang::En)
        } else {
            None
        };
        proptest::prop_assert_eq!(function_word(pack(word.as_bytes())), listed);
    }
}
