//! Fits the sentence-score weights on reference summaries, with cross-validation.
//!
//! `cargo run --release --example fit_weights -- ../shared/eval/dev.jsonl`
//!
//! Each article's sentences are segmented and featurised once; then coordinate ascent searches
//! each weight over a fixed grid (position is held at 1, the scale) to maximise the mean of
//! ROUGE-1, -2, -L and -Lsum F1 of 3-sentence summaries. 5-fold cross-validation (folds by line
//! number mod 5) reports how the fitted weights do on articles they were not fitted on, beside
//! LEAD-3 on the same articles; the last fit uses every article and prints the weights for
//! `briefing.toml` / `Weights::default()`. Deterministic: no randomness, fixed order.
//! `FIT_TERMS=W` holds the key-term weight at W instead of fitting it.

use std::io::BufRead;

use briefing::config::{LanguageSetting, Weights};
use briefing::corpus;
use briefing::rouge::{self, RougeScores};
use briefing::segment::{self, Segmented};
use briefing::summary::{self, Features};
use rayon::prelude::*;

struct Article {
    segmented: Segmented,
    features: Vec<Features>,
    bags: Vec<briefing::stems::StemSet>,
    reference: String,
}

const SENTENCES: usize = 3;
const GRID: &[f64] = &[0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0];

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval/dev.jsonl".into());
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let articles: Vec<Article> = std::io::BufReader::new(file)
        .lines()
        .map(|l| l.expect("readable line"))
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .par_iter()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let doc = corpus::from_text(
                String::new(),
                String::new(),
                v["text"].as_str().expect("text"),
            );
            let segmented = segment::segment(doc, LanguageSetting::Auto);
            let terms = summary::extract_terms(&segmented.tokenized());
            let weight = summary::term_weights(&terms, None);
            let features = summary::features::fixed(&segmented)
                .into_iter()
                .zip(summary::features::term_feature(&terms, &weight))
                .map(|(f, terms)| summary::Features { terms, ..f })
                .collect();
            let bags = summary::content_bags(&segmented);
            Article {
                segmented,
                features,
                bags,
                reference: v["summary"].as_str().expect("summary").to_string(),
            }
        })
        .collect();
    println!("{} articles from {path}", articles.len());

    let folds = 5;
    let mut cv = Vec::new();
    let mut lead = Vec::new();
    for fold in 0..folds {
        let train: Vec<&Article> = articles
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, a)| a)
            .collect();
        let test: Vec<&Article> = articles
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == fold)
            .map(|(_, a)| a)
            .collect();
        let weights = fit(&train);
        let scores = per_article(&test, &weights);
        let leads = per_article_lead(&test);
        println!(
            "fold {fold}: test {} articles: fitted {} | LEAD-3 {}",
            test.len(),
            fmt(&rouge::mean_percent(&scores)),
            fmt(&rouge::mean_percent(&leads))
        );
        cv.extend(scores);
        lead.extend(leads);
    }
    println!(
        "cross-validated (R-1 R-2 R-L R-Lsum): fitted {} | LEAD-3 {}",
        fmt(&rouge::mean_percent(&cv)),
        fmt(&rouge::mean_percent(&lead))
    );
    let all: Vec<&Article> = articles.iter().collect();
    let weights = fit(&all);
    println!(
        "fitted on all: {}",
        fmt(&rouge::mean_percent(&per_article(&all, &weights)))
    );
    println!("{weights:#?}");
}

fn fmt(r: &RougeScores) -> String {
    format!(
        "{:.2} {:.2} {:.2} {:.2}",
        r.rouge1, r.rouge2, r.rouge_l, r.rouge_lsum
    )
}

fn objective(scores: &[RougeScores]) -> f64 {
    let m = rouge::mean_percent(scores);
    (m.rouge1 + m.rouge2 + m.rouge_l + m.rouge_lsum) / 4.0
}

fn summary_of(article: &Article, weights: &Weights) -> String {
    let scores: Vec<f64> = article.features.iter().map(|f| f.score(weights)).collect();
    let mut eligible: Vec<bool> = article.features.iter().map(|f| f.fragment == 0.0).collect();
    if !eligible.contains(&true) {
        eligible.fill(true);
    }
    let chosen = summary::choose(
        &article.bags,
        &scores,
        &eligible,
        SENTENCES,
        weights.redundancy,
    );
    chosen
        .iter()
        .map(|&i| article.segmented.sentences[i].text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn per_article(articles: &[&Article], weights: &Weights) -> Vec<RougeScores> {
    articles
        .par_iter()
        .map(|a| rouge::score(&a.reference, &summary_of(a, weights)))
        .collect()
}

fn per_article_lead(articles: &[&Article]) -> Vec<RougeScores> {
    articles
        .iter()
        .map(|a| {
            let lead: Vec<&str> = a
                .segmented
                .sentences
                .iter()
                .take(SENTENCES)
                .map(|s| s.text.as_str())
                .collect();
            rouge::score(&a.reference, &lead.join("\n"))
        })
        .collect()
}

/// Coordinate ascent over the grid, position fixed at 1 as the scale; ties keep the earlier value.
fn fit(articles: &[&Article]) -> Weights {
    let mut w = Weights {
        title: 0.0,
        position: 1.0,
        ..Weights::default()
    };
    if let Some(terms) = fixed_terms() {
        w.terms = terms;
    }
    let mut best = objective(&per_article(articles, &w));
    for _pass in 0..4 {
        let mut improved = false;
        for coordinate in 0..5 {
            if coordinate == 0 && fixed_terms().is_some() {
                continue;
            }
            for &value in GRID {
                let mut candidate = w;
                *field(&mut candidate, coordinate) = value;
                let score = objective(&per_article(articles, &candidate));
                if score > best + 1e-9 {
                    best = score;
                    w = candidate;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
    w
}

/// `FIT_TERMS=0.3` holds the key-term weight fixed, to see what a stronger key-term signal costs.
fn fixed_terms() -> Option<f64> {
    std::env::var("FIT_TERMS").ok()?.parse().ok()
}

fn field(w: &mut Weights, i: usize) -> &mut f64 {
    match i {
        0 => &mut w.terms,
        1 => &mut w.paragraph,
        2 => &mut w.length,
        3 => &mut w.quote,
        _ => &mut w.redundancy,
    }
}
