//! `records`: arbitrary bytes as a file of `summarize --partial` records → `build --from-jsonl`'s
//! reading and merge (`briefing::pipeline::assemble_records`).
//!
//! Two genuine records (two seed-like articles with theme hits) are made once; each input then
//! becomes the file, either as raw bytes (first byte even) or as the genuine records with the
//! remaining bytes XORed into them from an offset (first byte odd, so that indices, lengths and
//! spans inside a well-formed record are reached). Asserts: never panics; a file is either
//! refused with an error naming it, or merged into a briefing whose citations point at
//! sentences that exist.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use briefing::pipeline::{self, Project};
use briefing::theme_terms::ThemeMatcher;
use libfuzzer_sys::fuzz_target;

const CONFIG: &str = r#"title = "fuzz"
input = "in"
output = "out"
language = "id"
[[themes]]
id = "veto"
title = "Veto"
terms = ["veto", "sanksi", "Dewan Keamanan"]
[[themes]]
id = "arms"
title = "Senjata"
terms = ["senjata", "amunisi"]
exclude = ["senjata nuklir"]
"#;

const ARTICLES: [&str; 2] = [
    "Rusia memveto resolusi Dewan Keamanan tentang sanksi. Sekarang, bahkan itu telah \
     berantakan.\n\nKorea Utara mengirim 10.000 peluru dan amunisi ke Rusia. Dia menambahkan \
     bahwa senjata nuklir tidak dibahas.",
    "Amerika Serikat menjatuhkan sanksi baru. “Kami tidak akan ragu,” kata Miller.\n\nPasokan \
     senjata dari Pyongyang terus mengalir pada 2023.",
];

struct Setup {
    _dir: tempfile::TempDir,
    project: Project,
    path: PathBuf,
    genuine: Vec<u8>,
}

static SETUP: LazyLock<Setup> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("briefing.toml"), CONFIG).expect("the config");
    let project = Project::load(dir.path(), None).expect("a valid config");
    let matcher = ThemeMatcher::new(&project.config.themes);
    let mut genuine = Vec::new();
    for (i, text) in ARTICLES.iter().enumerate() {
        let id = format!("a{i}");
        let doc = briefing::corpus::from_text(id.clone(), id, text);
        let processed = pipeline::process(doc, &project.config, &matcher);
        briefing::partial::write(&mut genuine, processed, &project.config).expect("a record");
    }
    Setup {
        path: dir.path().join("records.jsonl"),
        _dir: dir,
        project,
        genuine,
    }
});

fuzz_target!(|bytes: &[u8]| {
    let setup = &*SETUP;
    let file = match bytes.split_first() {
        Some((op, rest)) if op % 2 == 1 && rest.len() >= 2 => {
            let mut file = setup.genuine.clone();
            let at = usize::from(u16::from_le_bytes([rest[0], rest[1]])) % file.len();
            for (byte, flip) in file[at..].iter_mut().zip(&rest[2..]) {
                *byte ^= flip;
            }
            file
        }
        _ => bytes.to_vec(),
    };
    std::fs::write(&setup.path, &file).expect("writing the records");
    match pipeline::assemble_records(&setup.project, std::slice::from_ref(&setup.path)) {
        Err(e) => assert!(e.to_string().contains("records.jsonl"), "{e}"),
        Ok(outcome) => {
            let b = &outcome.briefing;
            for theme in &b.themes {
                for point in &theme.points {
                    for source in &point.sources {
                        let article = &b.articles[source.number - 1];
                        assert!(source.sentence < article.sentences.len());
                    }
                }
            }
        }
    }
});
