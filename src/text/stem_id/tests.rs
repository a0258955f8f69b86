//! Stemmer cases.
use super::*;

const EXPECTED: &[(&str, &str)] = &[
    ("mengatakan", "kata"),
    ("katanya", "kata"),
    ("pengapalan", "kapal"),
    ("persenjataan", "senjata"),
    ("menunjukkan", "tunjuk"),
    ("senjata", "senjata"),
    ("bersenjata", "senjata"),
    ("peluncuran", "luncur"),
    ("meluncurkan", "luncur"),
    ("diluncurkan", "luncur"),
    ("pembicaraan", "bicara"),
    ("perundingan", "runding"),
    ("kekhawatiran", "khawatir"),
    ("mengkhawatirkan", "khawatir"),
    ("kekuatan", "kuat"),
    ("pertemuan", "temu"),
    ("bertemu", "temu"),
    ("menyatakan", "nyata"),
    ("menyerukan", "seru"),
    ("memberikan", "beri"),
    ("diberikan", "beri"),
    ("penjualan", "jual"),
    ("menjual", "jual"),
    ("pengiriman", "kirim"),
    ("mengirim", "kirim"),
    ("kerjasama", "kerjasama"),
    ("sanksi", "sanksi"),
    ("dukungan", "dukung"),
    ("mendukung", "dukung"),
    ("didukung", "dukung"),
    ("pemimpin", "pimpin"),
    ("dipimpin", "pimpin"),
    ("kepemimpinan", "pimpin"),
    ("perdagangan", "dagang"),
    ("pembatasan", "batas"),
    ("membatasi", "batas"),
    ("ancaman", "ancam"),
    ("mengancam", "ancam"),
    ("menghentikan", "henti"),
    ("memveto", "veto"),
    ("veto", "veto"),
    ("satelit", "satelit"),
    ("rudal", "rudal"),
    ("nuklir", "nuklir"),
    ("negara-negara", "negara"),
    ("laporan-laporan", "lapor"),
    ("jong-un", "jong-un"),
    ("bantuan", "bantu"),
    ("membantu", "bantu"),
    ("perang", "perang"),
    ("peperangan", "perang"),
    ("keamanan", "aman"),
    ("pengembangan", "kembang"),
    ("mengembangkan", "kembang"),
    ("kesepakatan", "sepakat"),
    ("menyepakati", "sepakat"),
    ("pasokan", "pasok"),
    ("memasok", "pasok"),
    ("amunisi", "amunisi"),
    ("munisi", "munisi"),
    ("menghukum", "hukum"),
    ("menjatuhkan", "jatuh"),
    ("menentang", "tentang"),
    ("pelanggaran", "langgar"),
    ("melanggar", "langgar"),
    ("bergabung", "gabung"),
    ("kemerdekaan", "merdeka"),
    ("penyebaran", "sebar"),
    ("menyebarkan", "sebar"),
    ("pengawasan", "awas"),
    ("berusaha", "usaha"),
    ("diduga", "duga"),
    ("menyambut", "sambut"),
    ("perekonomian", "ekonomi"),
    ("antariksa", "antariksa"),
    ("pelabuhan", "labuh"),
    ("mempercepat", "cepat"),
    ("memperkuat", "kuat"),
    ("mempertahankan", "tahan"),
];

#[test]
fn expected_stems() {
    let bad: Vec<String> = EXPECTED
        .iter()
        .filter_map(|&(w, want)| {
            let got = stem(w);
            (got != want).then(|| format!("{w} -> {got} (want {want})"))
        })
        .collect();
    assert!(bad.is_empty(), "wrong stems:\n{}", bad.join("\n"));
}

/// Cases behind the deviations from plain ECS (see the module docs).
#[test]
fn refinements() {
    for (w, want) in [
        ("makanan", "makan"), // -an with k kept before -kan
        ("tekanan", "tekan"),
        ("pergerakan", "gerak"),
        ("lakukan", "laku"), // -kan when "lakuk" is no root
        ("membeli", "beli"), // -i kept first
        ("mencari", "cari"),
        ("membatasi", "batas"),
        ("bertahan", "tahan"),     // not "tah"
        ("berperan", "peran"),     // not "per"
        ("bersekolah", "sekolah"), // not "seko" + -lah
        ("keberhasilannya", "hasil"),
        ("ketidakpastian", "ketidakpastian"), // no root found: unchanged
        ("jokowi", "jokowi"),
        ("depannya", "depan"), // list checked after each suffix
        ("bukanlah", "bukan"),
        ("pemerintah", "perintah"), // -tah only when it leaves a root
        ("membantah", "bantah"),
        ("bali", "bali"), // bare -i/-an needs a 4-letter root
        ("milan", "milan"),
        ("asean", "asean"),
        ("ikuti", "ikut"),
        ("penekanan", "tekan"),                     // no peN-...-kan confix
        ("kebijakan", "bijak"),                     // no ke-...-kan confix
        ("memulai", "mulai"),                       // hand-added root
        ("diketahuinya", "ketahu"),                 // the list has "ketahu"
        ("keberhasilan", "hasil"),                  // two prefixes
        ("dipertanggungjawabkan", "tanggungjawab"), // three affixes
        ("sebesar-besarnya", "besar"),
        ("tembak-menembak", "tembak"),
        ("bolak-balik", "bolak-balik"),
        ("Mengatakan", "kata"), // ASCII upper case folded
        ("JAKARTA", "jakarta"),
        ("ada", "ada"), // 3 letters: as is
        ("kan", "kan"),
    ] {
        assert_eq!(stem(w), want, "stem({w})");
    }
}

#[test]
fn roots() {
    assert!(is_root("kata"));
    assert!(is_root("Kata"));
    assert!(is_root("mulai"));
    assert!(!is_root("mengatakan"));
    assert!(!is_root(""));
    assert!(!is_root("# id-roots.txt"));
    assert!(ROOTS.len() > 20_000);
    assert!(
        ROOTS
            .iter()
            .all(|r| r.len() >= 2 && r.bytes().all(|b| b.is_ascii_lowercase()))
    );
}

#[test]
fn weird_inputs_never_panic() {
    let long_letters = "a".repeat(200_000);
    let long_affixed = format!("meng{}kan", "k".repeat(199_993));
    let long_hyphen = format!("{0}-{0}", "ber".repeat(40_000));
    let long_multibyte = "é".repeat(100_000);
    let inputs: Vec<&str> = vec![
        "",
        " ",
        "-",
        "--",
        "a-",
        "-a",
        "a--b",
        "a-b-c",
        "me",
        "men",
        "meng",
        "menge",
        "mengk",
        "peny",
        "penya",
        "pe",
        "per",
        "ber",
        "berr",
        "diper",
        "kean",
        "kan",
        "nya",
        "lah",
        "mengkan",
        "menyanya",
        "dikan",
        "pean",
        "meni",
        "tahi",
        "i",
        "an",
        "123",
        "meng123",
        "r2d2",
        "naïve",
        "mengatakan\u{0}",
        "kata😀",
        "😀",
        "日本語",
        "Ünïcödé",
        "\u{feff}kata",
        "kata\n",
        "ke-",
        "-nya",
        "se-se",
        "mem-per",
        &long_letters,
        &long_affixed,
        &long_hyphen,
        &long_multibyte,
    ];
    for w in inputs {
        let s = stem(w);
        let _ = is_root(w);
        if !w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
            assert_eq!(s, w, "non-letters must come back unchanged");
        }
    }
    assert_eq!(stem(&long_letters), long_letters);
    assert_eq!(stem("kata😀"), "kata😀");
    assert_eq!(stem("123"), "123");
    assert_eq!(stem(""), "");
}

/// Every prefix of every affixed shape must be safe (exercises all slicing).
#[test]
fn all_short_affix_shapes() {
    let parts = [
        "", "a", "e", "i", "k", "r", "g", "y", "n", "m", "p", "me", "pe", "be", "te", "di", "ke",
        "se", "meng", "meny", "mem", "men", "peng", "peny", "pem", "pen", "per", "ber", "ter",
        "kan", "an", "nya", "lah", "er", "ar",
    ];
    for a in parts {
        for b in parts {
            for c in parts {
                let w = format!("{a}{b}{c}");
                let _ = stem(&w);
            }
        }
    }
}

/// Measurement over a word list (one word per line, optional tab + count):
/// `STEM_WORDS=/tmp/words.tsv cargo test --release -- --ignored --nocapture`.
/// Writes every `word<TAB>stem<TAB>count` to `$STEM_OUT` when set.
#[test]
#[ignore]
fn measure_word_list() {
    let Ok(path) = std::env::var("STEM_WORDS") else {
        eprintln!("STEM_WORDS not set; nothing to measure");
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read STEM_WORDS");
    let words: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split('\t').next())
        .filter(|w| !w.is_empty())
        .collect();
    let t0 = std::time::Instant::now();
    let _ = is_root("warm-up"); // build the root set outside the timing
    println!(
        "root set: {} roots built in {:?}",
        ROOTS.len(),
        t0.elapsed()
    );
    let rounds = 20;
    let t = std::time::Instant::now();
    let mut stems = Vec::with_capacity(words.len());
    for r in 0..rounds {
        for w in &words {
            let s = stem(w);
            if r == 0 {
                stems.push(s);
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let changed = words
        .iter()
        .zip(&stems)
        .filter(|(w, s)| **w != s.as_str())
        .count();
    println!(
        "{} distinct words, {} changed ({:.1}%), {:.0} words/s",
        words.len(),
        changed,
        100.0 * changed as f64 / words.len() as f64,
        (words.len() * rounds) as f64 / secs
    );
    if let Ok(out) = std::env::var("STEM_OUT") {
        let mut s = String::new();
        for (line, st) in text.lines().zip(&stems) {
            let mut f = line.split('\t');
            let w = f.next().unwrap_or("");
            let n = f.next().unwrap_or("");
            s.push_str(&format!("{w}\t{st}\t{n}\n"));
        }
        std::fs::write(out, s).expect("write STEM_OUT");
    }
}

/// Every root reachable through any prefix path (tuning aid for `ambiguities`).
fn all_roots(w: &[u8], suf: Suf, depth: u8, prev: Option<Pre>, out: &mut Vec<String>) {
    if depth >= 3 {
        return;
    }
    let c = prefix_candidates(w);
    for &(p, b) in &c.c[..c.n] {
        let ok = if depth == 0 {
            !disallowed(p, suf)
        } else {
            !matches!(p, Pre::Di | Pre::Me) && Some(p) != prev
        };
        if !ok {
            continue;
        }
        if root(b.bytes()) && !out.iter().any(|x| x == b.as_str()) {
            out.push(b.as_str().to_string());
        }
        all_roots(b.bytes(), suf, depth + 1, Some(p), out);
    }
}

/// Lists words of `$STEM_WORDS` whose prefixes can be read to more than one root.
#[test]
#[ignore]
fn ambiguities() {
    let Ok(path) = std::env::var("STEM_WORDS") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read STEM_WORDS");
    for line in text.lines() {
        let w = line.split('\t').next().unwrap_or("");
        let b = w.as_bytes();
        if w.contains('-') || b.len() <= 3 || root(b) || strip_suffixes_only(b).is_some() {
            continue;
        }
        let mut out = Vec::new();
        for v in variants(b).iter() {
            all_roots(v.w, v.suf, 0, None, &mut out);
        }
        if out.len() > 1 {
            println!("AMB {line}\t{}\t{}", stem(w), out.join(","));
        }
    }
}
