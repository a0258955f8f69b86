//! The memory budget: a corpus larger than `--memory` allows is spilled to temporary files and
//! read back a batch at a time, and the briefing is the same, byte for byte, as a held build's;
//! for a build, a check, a merge of records and the themes report.

mod common;

use std::path::Path;

use common::{briefing, outputs, read, seeds_project};

/// Sentences the generated articles are made of: each article picks four, so that terms,
/// themes, points, dates and quotes recur across articles, as in a real archive.
const SENTENCES: [&str; 12] = [
    "Rusia memveto resolusi Dewan Keamanan PBB tentang sanksi terhadap Korea Utara.",
    "Panel ahli PBB yang memantau sanksi itu berakhir pada 30 April 2024.",
    "Korea Utara mengirim amunisi dan artileri ke Rusia, kata pejabat Amerika Serikat.",
    "\"Kami tidak akan menerima pasokan senjata itu,\" kata Jens Stoltenberg.",
    "Rusia membantu program satelit dan roket Korea Utara, menurut Seoul.",
    "Peluncuran satelit mata-mata itu gagal pada Mei.",
    "NATO dan sekutunya memperkuat pertahanan di Eropa timur.",
    "Menteri Pertahanan Sergey Shoigu menghadiri pembicaraan tersebut.",
    "Dia menambahkan bahwa kerja sama militer kedua negara makin erat.",
    "Pasar di Pyongyang tetap ramai meski harga beras naik.",
    "Cuaca di Vladivostok dingin sepanjang pekan.",
    "Kim Jong Un mengunjungi pabrik senjata di provinsi utara.",
];

/// A project of the seeds and `n` generated articles (more than one batch of 2,048), with one
/// article that repeats another's text.
fn archive(n: usize) -> tempfile::TempDir {
    let project = seeds_project();
    let seeds = project.path().join("seeds");
    for i in 0..n {
        let picks: Vec<&str> = (0..4)
            .map(|k| SENTENCES[(i * 7 + k * (i % 5 + 1)) % SENTENCES.len()])
            .collect();
        let text = format!(
            "# Laporan {i}\n\n{} Laporan nomor {i} ditulis di Jakarta.\n\n{} {}\n\n{}\n",
            picks[0], picks[1], picks[2], picks[3]
        );
        std::fs::write(seeds.join(format!("gen-{i:05}.txt")), text).unwrap();
    }
    std::fs::copy(seeds.join("gen-00001.txt"), seeds.join("gen-copy.txt")).unwrap();
    project
}

/// Runs `briefing ARGS` in `dir`; returns stderr, asserting success.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = briefing(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "briefing {args:?}: {stderr}");
    stderr
}

#[test]
fn a_spilled_build_is_the_held_build_byte_for_byte() {
    let project = archive(2_300);
    let dir = project.path();
    let held_log = run(dir, &["build", "--no-cache"]);
    let held = outputs(dir);
    let held_themes = run_stdout(dir, &["themes"]);
    std::fs::remove_dir_all(dir.join("out")).unwrap();

    let spilled_log = run(dir, &["build", "--no-cache", "--memory", "64KiB"]);
    assert_eq!(outputs(dir), held, "spilled outputs differ from held ones");
    // The same warnings (the repeated text among them), in the same order.
    let warnings = |log: &str| -> Vec<String> {
        log.lines()
            .filter(|l| l.starts_with("warning"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(warnings(&spilled_log), warnings(&held_log));
    assert!(
        spilled_log.contains("gen-copy.txt: has the same text as seeds/gen-00001.txt"),
        "{spilled_log}"
    );
    run(dir, &["check", "--memory", "64KiB"]);
    assert_eq!(
        run_stdout(dir, &["themes", "--memory", "64KiB"]),
        held_themes
    );
    // The briefing holds every article, in order, and the pages the first ones.
    let json: serde_json::Value =
        serde_json::from_str(&read(dir.join("out/briefing.json"))).unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 2_300 + 5);
    assert_eq!(json["stats"]["articles"], 2_300 + 5);
}

#[test]
fn with_similarity_on_a_spilled_build_is_the_held_build_too() {
    // Similarity learns over the corpus in several passes (centres, prototypes, background,
    // thresholds, two rounds of self-training): each reads the spilled corpus back.
    let project = archive(2_100);
    let dir = project.path();
    let config = dir.join("briefing.toml");
    let text = read(&config) + "\n[grouping]\nsimilarity = true\n";
    std::fs::write(&config, text).unwrap();
    run(dir, &["build", "--no-cache"]);
    let held = outputs(dir);
    let json = read(dir.join("out/briefing.json"));
    assert!(
        json.contains("\"via\": \"similarity\""),
        "similarity put no sentence anywhere"
    );
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    run(dir, &["build", "--no-cache", "--memory", "64KiB"]);
    assert_eq!(outputs(dir), held, "spilled outputs differ from held ones");
}

#[test]
fn a_spilled_merge_of_records_is_the_build() {
    let project = archive(300);
    let dir = project.path();
    run(dir, &["build", "--no-cache"]);
    let built = outputs(dir);
    // Every article's record, through stdin (always spilled) and from a file (spilled by the
    // budget), in reverse order.
    let mut files: Vec<String> = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| format!("seeds/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    files.reverse();
    let out = briefing(dir)
        .arg("summarize")
        .arg("--partial")
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(dir.join("records.jsonl"), &out.stdout).unwrap();
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    run(
        dir,
        &[
            "build",
            "--from-jsonl",
            "records.jsonl",
            "--memory",
            "64KiB",
        ],
    );
    assert_eq!(
        outputs(dir),
        built,
        "a spilled merge differs from the build"
    );
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    let merged = briefing(dir)
        .args(["build", "--from-jsonl", "-"])
        .write_stdin(out.stdout)
        .output()
        .unwrap();
    assert!(merged.status.success());
    assert_eq!(
        outputs(dir),
        built,
        "a merge from stdin differs from the build"
    );
}

#[test]
fn a_budget_that_is_not_a_size_is_refused_with_an_example() {
    let project = seeds_project();
    briefing(project.path())
        .args(["build", "--memory", "lots"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("give a size such as 2GiB"));
}

/// Runs `briefing ARGS` in `dir`; returns stdout, asserting success.
fn run_stdout(dir: &Path, args: &[&str]) -> String {
    let out = briefing(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "briefing {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
