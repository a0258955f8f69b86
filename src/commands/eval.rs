//! `briefing eval REFS.jsonl`: ROUGE of briefing's summaries against reference summaries, beside
//! LEAD-3, computed exactly as Google's rouge-score does (see [`crate::rouge`]); `--stem` compares
//! Porter stems, as rouge-score's `use_stemmer=True`.

use std::io::BufRead;

use rayon::prelude::*;
use serde::Deserialize;

use crate::cli::EvalArgs;
use crate::config::Config;
use crate::corpus;
use crate::error::{Error, Result};
use crate::pipeline;
use crate::rouge::{self, RougeScores};
use crate::theme_terms::ThemeMatcher;

/// A reference record: the article and its human summary (one sentence per line). A `title`
/// field, if any, is ignored: in IndoSum it is rebuilt from the URL, not a real headline.
#[derive(Debug, Deserialize)]
struct Reference {
    text: String,
    summary: String,
    #[serde(default)]
    paragraphs: Option<Vec<Vec<String>>>,
}

/// Scores of one article: briefing, LEAD-3 on briefing's sentences, LEAD-3 on the reference's
/// own segmentation (when the file carries one).
struct Scored {
    briefing: RougeScores,
    lead: RougeScores,
    lead_refs: Option<RougeScores>,
}

/// Prints the ROUGE table.
pub fn run(args: &EvalArgs) -> Result<()> {
    let mut config = match &args.config {
        Some(path) => Config::load(path)?,
        None => Config::default(),
    };
    if args.sentences == 0 {
        return Err(Error::Usage("--sentences must be at least 1".into()));
    }
    config.summary.sentences = args.sentences;
    let references = read_references(&args.refs, args.limit)?;
    let matcher = ThemeMatcher::new(&[]);
    let learner = crate::learn::Learner::new(&matcher, &config.grouping);
    let n = args.sentences;
    let score = if args.stem {
        rouge::score_stemmed
    } else {
        rouge::score
    };
    let scored: Vec<Scored> = references
        .par_iter()
        .map(|r| {
            let doc = corpus::from_text(String::new(), String::new(), &r.text);
            let article = pipeline::summarize_one(doc, config.language, &config, &learner);
            let ours = article.summary_text();
            let lead = article
                .sentences
                .iter()
                .take(n)
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let lead_refs = r.paragraphs.as_ref().map(|p| {
                let first: Vec<&str> = p.iter().flatten().take(n).map(String::as_str).collect();
                score(&r.summary, &first.join("\n"))
            });
            Scored {
                briefing: score(&r.summary, &ours),
                lead: score(&r.summary, &lead),
                lead_refs,
            }
        })
        .collect();
    let mean = |f: &dyn Fn(&Scored) -> Option<RougeScores>| {
        let all: Vec<RougeScores> = scored.iter().filter_map(f).collect();
        (!all.is_empty()).then(|| rouge::mean_percent(&all))
    };
    println!(
        "{} articles from {}, {n}-sentence summaries, ROUGE F1 x100 (rouge-score method{})",
        scored.len(),
        args.refs.display(),
        if args.stem { ", Porter stems" } else { "" }
    );
    println!(
        "{:<34} {:>7} {:>7} {:>7} {:>7}",
        "method", "R-1", "R-2", "R-L", "R-Lsum"
    );
    let rows: [(&str, Option<RougeScores>); 3] = [
        ("briefing", mean(&|s| Some(s.briefing))),
        (&format!("LEAD-{n}"), mean(&|s| Some(s.lead))),
        (
            &format!("LEAD-{n} (references' segmentation)"),
            mean(&|s| s.lead_refs),
        ),
    ];
    for (name, row) in rows {
        if let Some(r) = row {
            println!(
                "{name:<34} {:>7.2} {:>7.2} {:>7.2} {:>7.2}",
                r.rouge1, r.rouge2, r.rouge_l, r.rouge_lsum
            );
        }
    }
    Ok(())
}

fn read_references(path: &std::path::Path, limit: Option<usize>) -> Result<Vec<Reference>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut refs = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        if limit.is_some_and(|l| refs.len() >= l) {
            break;
        }
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let reference: Reference = serde_json::from_str(&line).map_err(|e| Error::Input {
            path: path.to_path_buf(),
            line: Some(i + 1),
            message: format!("not a reference record {{\"text\", \"summary\"}}: {e}"),
        })?;
        refs.push(reference);
    }
    Ok(refs)
}
