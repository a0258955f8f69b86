//! Agreement with IndoSum's own sentence segmentation, and throughput.
//!
//! `cargo run --release --example agreement [dev.jsonl] [disagreements.txt]`
//!
//! Per paragraph (the `text` split on blank lines, aligned with `paragraphs`),
//! sentences are compared with all whitespace removed. Reports paragraph-level
//! exact agreement and boundary precision/recall (a boundary is the offset, in
//! non-whitespace characters, where a sentence ends inside a paragraph), and
//! writes every disagreeing paragraph to the disagreements file.

use briefing::text::{Lang, sentences::split};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::time::Instant;

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Internal boundaries as cumulative non-whitespace char counts.
fn boundaries<S: AsRef<str>>(sents: &[S]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut n = 0;
    for s in sents.iter().take(sents.len().saturating_sub(1)) {
        n += s.as_ref().chars().filter(|c| !c.is_whitespace()).count();
        out.insert(n);
    }
    out
}

/// IndoSum (NLTK) cuts list markers off: `["1.", "Pertama ..."]`. Join them
/// to the next sentence to see how much of the disagreement is only that.
fn merge_markers(sents: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut carry = String::new();
    for s in sents {
        let marker = s.len() <= 3
            && s.ends_with('.')
            && s[..s.len() - 1].bytes().all(|c| c.is_ascii_digit());
        if marker && s.len() > 1 {
            carry.push_str(s);
        } else {
            out.push(std::mem::take(&mut carry) + s);
        }
    }
    if !carry.is_empty() {
        out.push(carry);
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "/work/shared/eval/dev.jsonl".into());
    let out_path = args
        .next()
        .unwrap_or_else(|| "target/agreement_disagreements.txt".into());
    let data = std::fs::read_to_string(&path).expect("read dev.jsonl");
    let mut texts: Vec<String> = Vec::new();
    let (mut paras, mut exact, mut text_mismatch) = (0usize, 0usize, 0usize);
    let mut exact_adj = 0usize;
    let (mut tp, mut n_mine, mut n_theirs) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let id = v["id"].as_str().unwrap_or("?");
        let text = v["text"].as_str().expect("text");
        texts.push(text.to_string());
        let gold: Vec<Vec<String>> = v["paragraphs"]
            .as_array()
            .expect("paragraphs")
            .iter()
            .map(|p| {
                p.as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect()
            })
            .collect();
        let my_paras: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(my_paras.len(), gold.len(), "{id}: paragraph count");
        for (pi, (p, g)) in my_paras.iter().zip(&gold).enumerate() {
            paras += 1;
            let mine: Vec<&str> = split(p, Lang::Id).into_iter().map(|r| &p[r]).collect();
            let ms: Vec<String> = mine.iter().map(|s| squash(s)).collect();
            let gs: Vec<String> = g.iter().map(|s| squash(s)).collect();
            if ms.concat() != gs.concat() {
                text_mismatch += 1;
            }
            let (bm, bg) = (boundaries(&mine), boundaries(g));
            tp += bm.intersection(&bg).count();
            n_mine += bm.len();
            n_theirs += bg.len();
            if ms == merge_markers(&gs) {
                exact_adj += 1;
            }
            if ms == gs {
                exact += 1;
            } else {
                let _ = writeln!(report, "### {id} ¶{pi}");
                for s in &mine {
                    let _ = writeln!(report, "  MINE  | {s}");
                }
                for s in g {
                    let _ = writeln!(report, "  INDOS | {s}");
                }
                report.push('\n');
            }
        }
    }
    std::fs::write(&out_path, &report).expect("write report");
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "paragraphs: {paras}, exact agreement: {exact} ({:.2}%)",
        pct(exact, paras)
    );
    println!(
        "exact agreement counting IndoSum's split-off list markers (\"1.\" alone) as joined: {exact_adj} ({:.2}%)",
        pct(exact_adj, paras)
    );
    println!(
        "boundaries: mine {n_mine}, IndoSum {n_theirs}, common {tp}; precision {:.2}%, recall {:.2}%",
        pct(tp, n_mine),
        pct(tp, n_theirs)
    );
    println!("paragraphs whose non-whitespace text differs from IndoSum's: {text_mismatch}");
    println!("disagreements written to {out_path}");

    // Throughput: split every paragraph of every article, several rounds.
    let bytes: usize = texts.iter().map(String::len).sum();
    let rounds = 100;
    let t = Instant::now();
    let mut count = 0usize;
    for _ in 0..rounds {
        for text in &texts {
            for p in text.split("\n\n") {
                count += std::hint::black_box(split(std::hint::black_box(p), Lang::Id)).len();
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "throughput: {:.1} MB/s ({} bytes x {rounds} rounds in {:.3}s, {} sentences/round)",
        (bytes * rounds) as f64 / secs / 1e6,
        bytes,
        secs,
        count / rounds
    );
}
