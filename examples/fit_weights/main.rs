//! Fits the sentence-score weights of one language on training summaries, with cross-validation.
//!
//! `cargo run --release --example fit_weights -- TRAIN.jsonl [--stem] [--positions | --logistic]`
//!
//! TRAIN.jsonl holds `{"text", "summary"}` records (the shape of `briefing eval`'s files), made by
//! `data/get-training-data.sh`; never an evaluation file. Each article goes through the tool's
//! own per-article stages once (`pipeline::process`, the publisher-free term weights, the fixed
//! features); then coordinate ascent searches each weight over a fixed grid (position is held at
//! 1, the scale) to maximise the mean of ROUGE-1, -2, -L and -Lsum F1 of 3-sentence summaries
//! chosen by `summary::choose_summary`, as the tool chooses them. `--stem` scores with Porter
//! stems (English, as `briefing eval --stem`). 5-fold cross-validation (folds by line number
//! mod 5) reports how the fitted weights do on articles they were not fitted on, beside LEAD-3
//! on the same articles; the last fit uses every article and prints the weights for
//! `Weights::default_for`. Deterministic: no randomness, fixed order.
//! `FIT_TERMS=W` holds the key-term weight at W instead of fitting it. `--positions` prints,
//! instead of fitting, how often the oracle summary takes a sentence at each place: the curve
//! of `features::position_prior`. `--logistic` fits, instead of coordinate ascent, a logistic
//! regression of the oracle's choices on the features and places (`logistic.rs`), with the same
//! cross-validation.

use std::collections::HashMap;
use std::io::BufRead;
use std::sync::Mutex;

use briefing::config::{Config, Weights};
use briefing::corpus;
use briefing::pipeline;
use briefing::rouge::{self, RougeScores};
use briefing::segment::Sentence;
use briefing::stems::StemSet;
use briefing::summary::{self, Features};
use briefing::text::Lang;
use briefing::theme_terms::ThemeMatcher;
use rayon::prelude::*;

mod explore;
mod logistic;

struct Article {
    sentences: Vec<Sentence>,
    features: Vec<Features>,
    bags: Vec<StemSet>,
    reference: String,
    /// ROUGE of each choice of sentences already scored: most weight changes leave an
    /// article's choice as it was, and scoring is the costly step.
    scored: Mutex<HashMap<Vec<usize>, RougeScores>>,
}

const SENTENCES: usize = 3;
const GRID: &[f64] = &[
    0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0, 15.0, 25.0, 50.0,
];

type Score = fn(&str, &str) -> RougeScores;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stem = args.iter().any(|a| a == "--stem");
    let Some(path) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: fit_weights TRAIN.jsonl [--stem]");
        std::process::exit(2);
    };
    let score: Score = if stem {
        rouge::score_stemmed
    } else {
        rouge::score
    };
    let analysed = load(path);
    let count = |lang| analysed.iter().filter(|(l, _)| *l == lang).count();
    println!(
        "{} articles from {path} ({} detected Indonesian, {} English), ROUGE{}",
        analysed.len(),
        count(Lang::Id),
        count(Lang::En),
        if stem { " with Porter stems" } else { "" }
    );
    let articles: Vec<Article> = analysed.into_iter().map(|(_, a)| a).collect();
    if args.iter().any(|a| a == "--positions") {
        print_positions(&articles, score);
        return;
    }
    if args.iter().any(|a| a == "--logistic") {
        fit_logistic(&articles, score);
        return;
    }

    let folds = 5;
    let mut cv = Vec::new();
    let mut lead = Vec::new();
    for fold in 0..folds {
        let part = |test: bool| -> Vec<&Article> {
            articles
                .iter()
                .enumerate()
                .filter(|(i, _)| (i % folds == fold) == test)
                .map(|(_, a)| a)
                .collect()
        };
        let (train, test) = (part(false), part(true));
        let weights = fit(&train, score);
        let scores = per_article(&test, &weights, score);
        let leads = per_article_lead(&test, score);
        print_fold(fold, &scores, &leads, &weights);
        cv.extend(scores);
        lead.extend(leads);
    }
    print_cross_validated(&cv, &lead);
    let all: Vec<&Article> = articles.iter().collect();
    let weights = fit(&all, score);
    println!(
        "fitted on all: {}",
        fmt(&rouge::mean_percent(&per_article(&all, &weights, score)))
    );
    println!("{weights:#?}");
    if let Some(report) = args.iter().position(|a| a == "--report") {
        let path = args.get(report + 1).expect("--report FILE");
        let loaded = load(path);
        let test: Vec<&Article> = loaded.iter().map(|(_, a)| a).collect();
        println!(
            "weights fitted on all, on {path} ({} articles): fitted {} | LEAD-3 {}",
            test.len(),
            fmt(&rouge::mean_percent(&per_article(&test, &weights, score))),
            fmt(&rouge::mean_percent(&per_article_lead(&test, score)))
        );
    }
}

/// Every article of a `{"text", "summary"}` file, through the tool's per-article stages.
fn load(path: &str) -> Vec<(Lang, Article)> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let lines: Vec<String> = std::io::BufReader::new(file)
        .lines()
        .map(|l| l.expect("readable line"))
        .filter(|l| !l.trim().is_empty())
        .collect();
    let config = Config::default();
    let matcher = ThemeMatcher::new(&[]);
    lines
        .par_iter()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let doc = corpus::from_text(
                String::new(),
                String::new(),
                v["text"].as_str().expect("text"),
            );
            let p = pipeline::process(doc, &config, &matcher);
            let weight = summary::key_term_weights(&p.terms, None, p.doc.source.as_deref());
            let features = summary::with_terms(
                &p.features,
                &summary::features::term_feature(&p.terms, &weight),
            );
            let features = match explore::signal() {
                Some(name) => explore::apply(&name, &features, &p.bags, &p.sentences),
                None => features,
            };
            let article = Article {
                sentences: p.sentences,
                features,
                bags: p.bags,
                reference: v["summary"].as_str().expect("summary").to_string(),
                scored: Mutex::default(),
            };
            (p.language, article)
        })
        .collect()
}

/// Places tabulated by `--positions`; the last row pools every place from it on.
const PLACES: usize = 12;

/// `--positions`: for each place in an article (the first sentence, the second, …), the share of
/// the articles that have a sentence there whose oracle summary takes it, relative to the first
/// place's share: the curve `features::position_prior` ships. The oracle is the usual greedy
/// one: up to 3 sentences, each the one that most raises ROUGE-1 + ROUGE-2 F1 of those taken.
fn print_positions(articles: &[Article], score: Score) {
    let taken: Vec<Vec<usize>> = articles.par_iter().map(|a| oracle(a, score)).collect();
    let mut chosen = [0usize; PLACES];
    let mut present = [0usize; PLACES];
    for (a, taken) in articles.iter().zip(&taken) {
        for i in 0..a.sentences.len() {
            present[i.min(PLACES - 1)] += 1;
        }
        for &i in taken {
            chosen[i.min(PLACES - 1)] += 1;
        }
    }
    let share = |i: usize| chosen[i] as f64 / present[i].max(1) as f64;
    let monotone = never_rising(&chosen, &present);
    println!("place  sentences  taken  share  relative  never rising");
    for i in 0..PLACES {
        println!(
            "{:>5}{} {:>9} {:>6} {:>6.3} {:>9.3} {:>13.3}",
            i,
            if i == PLACES - 1 { "+" } else { " " },
            present[i],
            chosen[i],
            share(i),
            share(i) / share(0),
            monotone[i] / monotone[0]
        );
    }
}

/// The closest never-rising curve to the shares `taken[i] / present[i]` (pool adjacent
/// violators, weighted by `present`): news puts the essentials first, so a later place that
/// the oracle happens to take more often than an earlier one is noise of a small sample.
fn never_rising(taken: &[usize], present: &[usize]) -> Vec<f64> {
    // Blocks of pooled places: (taken, present, places).
    let mut blocks: Vec<(usize, usize, usize)> = Vec::new();
    for (&t, &p) in taken.iter().zip(present) {
        blocks.push((t, p.max(1), 1));
        while blocks.len() > 1 {
            let (t2, p2, n2) = blocks[blocks.len() - 1];
            let (t1, p1, n1) = blocks[blocks.len() - 2];
            if (t2 as f64 / p2 as f64) <= (t1 as f64 / p1 as f64) {
                break;
            }
            blocks.pop();
            *blocks.last_mut().expect("two blocks") = (t1 + t2, p1 + p2, n1 + n2);
        }
    }
    blocks
        .iter()
        .flat_map(|&(t, p, n)| std::iter::repeat_n(t as f64 / p as f64, n))
        .collect()
}

/// The greedy oracle: up to [`SENTENCES`] sentences, each the one that most raises ROUGE-1 +
/// ROUGE-2 F1 of those taken (stopping when none raises it).
fn oracle(article: &Article, score: Score) -> Vec<usize> {
    let mut taken: Vec<usize> = Vec::new();
    let mut best = 0.0;
    while taken.len() < SENTENCES {
        let mut step: Option<(usize, f64)> = None;
        for i in 0..article.sentences.len() {
            if taken.contains(&i) {
                continue;
            }
            let mut with = taken.clone();
            with.push(i);
            with.sort_unstable();
            let text = with
                .iter()
                .map(|&j| article.sentences[j].text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let r = score(&article.reference, &text);
            let gain = r.rouge1 + r.rouge2;
            if gain > best + 1e-12 && step.is_none_or(|(_, g)| gain > g) {
                step = Some((i, gain));
            }
        }
        let Some((i, gain)) = step else { break };
        taken.push(i);
        best = gain;
    }
    taken
}

fn fmt(r: &RougeScores) -> String {
    format!(
        "{:.2} {:.2} {:.2} {:.2}",
        r.rouge1, r.rouge2, r.rouge_l, r.rouge_lsum
    )
}

/// One fold's line: the fitted weights' and LEAD-3's mean scores on its test articles.
fn print_fold(fold: usize, scores: &[RougeScores], leads: &[RougeScores], weights: &Weights) {
    println!(
        "fold {fold}: test {} articles: fitted {} | LEAD-3 {} | {}",
        scores.len(),
        fmt(&rouge::mean_percent(scores)),
        fmt(&rouge::mean_percent(leads)),
        brief(weights)
    );
}

/// The cross-validated line: every fold's test articles together.
fn print_cross_validated(cv: &[RougeScores], lead: &[RougeScores]) {
    println!(
        "cross-validated (R-1 R-2 R-L R-Lsum): fitted {} | LEAD-3 {}",
        fmt(&rouge::mean_percent(cv)),
        fmt(&rouge::mean_percent(lead))
    );
}

fn brief(w: &Weights) -> String {
    format!(
        "terms {} paragraph {} length {} quote {} redundancy {} centrality {} title/signal {}",
        w.terms, w.paragraph, w.length, w.quote, w.redundancy, w.centrality, w.title
    )
}

fn objective(scores: &[RougeScores]) -> f64 {
    let m = rouge::mean_percent(scores);
    (m.rouge1 + m.rouge2 + m.rouge_l + m.rouge_lsum) / 4.0
}

/// ROUGE of the summary `weights` choose for `article` (one `score` function per run).
fn rouge_of(article: &Article, weights: &Weights, score: Score) -> RougeScores {
    rouge_with(article, &article.features, weights, score)
}

/// [`rouge_of`] with the article's sentences' `features` given (another position curve's).
fn rouge_with(
    article: &Article,
    features: &[Features],
    weights: &Weights,
    score: Score,
) -> RougeScores {
    let chosen = match explore::budget() {
        Some(budget) => {
            let scores: Vec<f64> = features.iter().map(|f| f.score(weights)).collect();
            let eligible: Vec<bool> = features.iter().map(|f| f.fragment == 0.0).collect();
            let words: Vec<usize> = article
                .sentences
                .iter()
                .map(|s| s.text.split_whitespace().count())
                .collect();
            explore::choose_budget(&scores, &eligible, &words, budget)
        }
        None => summary::choose_summary(features, &article.bags, weights, SENTENCES).1,
    };
    if let Some(known) = article.scored.lock().expect("no panic").get(&chosen) {
        return *known;
    }
    let text = chosen
        .iter()
        .map(|&i| article.sentences[i].text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let scores = score(&article.reference, &text);
    article
        .scored
        .lock()
        .expect("no panic")
        .insert(chosen, scores);
    scores
}

fn per_article(articles: &[&Article], weights: &Weights, score: Score) -> Vec<RougeScores> {
    articles
        .par_iter()
        .map(|a| rouge_of(a, weights, score))
        .collect()
}

fn per_article_lead(articles: &[&Article], score: Score) -> Vec<RougeScores> {
    articles
        .iter()
        .map(|a| {
            let lead: Vec<&str> = a
                .sentences
                .iter()
                .take(SENTENCES)
                .map(|s| s.text.as_str())
                .collect();
            score(&a.reference, &lead.join("\n"))
        })
        .collect()
}

/// `--logistic`: the logistic regression of [`logistic`] on the oracle's choices, 5-fold
/// cross-validated beside LEAD-3 as the coordinate ascent is, the redundancy weight then chosen
/// on the grid (on the training folds); last, the fit on every article, with its position curve.
fn fit_logistic(articles: &[Article], score: Score) {
    let taken: Vec<Vec<usize>> = articles.par_iter().map(|a| oracle(a, score)).collect();
    let folds = 5;
    let fit_on = |indices: &[usize]| -> (Weights, Vec<f64>) {
        let rows: Vec<(Vec<f64>, bool)> = indices
            .iter()
            .flat_map(|&a| {
                let taken = &taken[a];
                articles[a]
                    .features
                    .iter()
                    .enumerate()
                    .map(move |(i, f)| (logistic::row(f, i), taken.contains(&i)))
            })
            .collect();
        let (mut w, curve) = logistic::weights(&logistic::fit(&rows));
        let mut best = f64::MIN;
        for &redundancy in GRID {
            let candidate = Weights { redundancy, ..w };
            let scores: Vec<RougeScores> = indices
                .par_iter()
                .map(|&a| {
                    let features = with_curve(&articles[a], &curve);
                    rouge_with(&articles[a], &features, &candidate, score)
                })
                .collect();
            let objective = objective(&scores);
            if objective > best + 1e-9 {
                best = objective;
                w.redundancy = redundancy;
            }
        }
        (w, curve)
    };
    let (mut cv, mut lead) = (Vec::new(), Vec::new());
    for fold in 0..folds {
        let (train, test): (Vec<usize>, Vec<usize>) =
            (0..articles.len()).partition(|i| i % folds != fold);
        let (w, curve) = fit_on(&train);
        let scores: Vec<RougeScores> = test
            .par_iter()
            .map(|&a| rouge_with(&articles[a], &with_curve(&articles[a], &curve), &w, score))
            .collect();
        let test_articles: Vec<&Article> = test.iter().map(|&a| &articles[a]).collect();
        let leads = per_article_lead(&test_articles, score);
        print_fold(fold, &scores, &leads, &w);
        cv.extend(scores);
        lead.extend(leads);
    }
    print_cross_validated(&cv, &lead);
    let all: Vec<usize> = (0..articles.len()).collect();
    let (w, curve) = fit_on(&all);
    let scores: Vec<RougeScores> = articles
        .par_iter()
        .map(|a| rouge_with(a, &with_curve(a, &curve), &w, score))
        .collect();
    println!("fitted on all: {}", fmt(&rouge::mean_percent(&scores)));
    println!("{w:#?}");
    let shown: Vec<String> = curve.iter().map(|c| format!("{c:.3}")).collect();
    println!("position curve: [{}]", shown.join(", "));
}

/// The article's features with the `position` of each sentence read off `curve` (its last
/// entry for every place from it on).
fn with_curve(article: &Article, curve: &[f64]) -> Vec<Features> {
    article
        .features
        .iter()
        .enumerate()
        .map(|(i, f)| Features {
            position: curve[i.min(curve.len() - 1)],
            ..*f
        })
        .collect()
}

/// Coordinate ascent over the grid, from all-zero weights but position (fixed at 1 as the
/// scale); ties keep the earlier value. `title` stays 0: training articles have no headline.
fn fit(articles: &[&Article], score: Score) -> Weights {
    let mut w = Weights {
        terms: fixed_terms().unwrap_or(0.0),
        position: 1.0,
        title: 0.0,
        paragraph: fixed_paragraph().unwrap_or(0.0),
        length: 0.0,
        quote: 0.0,
        redundancy: 0.0,
        centrality: fixed_centrality().unwrap_or(0.0),
    };
    let mut best = objective(&per_article(articles, &w, score));
    for _pass in 0..4 {
        let mut improved = false;
        for coordinate in 0..COORDINATES {
            if coordinate == 0 && fixed_terms().is_some() {
                continue;
            }
            if coordinate == 1 && fixed_paragraph().is_some() {
                continue;
            }
            if coordinate == 5 && fixed_centrality().is_some() {
                continue;
            }
            if coordinate == 6 && explore::signal().is_none() {
                continue;
            }
            for &value in GRID {
                let mut candidate = w;
                *field(&mut candidate, coordinate) = value;
                let objective = objective(&per_article(articles, &candidate, score));
                if objective > best + 1e-9 {
                    best = objective;
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

/// `FIT_PARAGRAPH=0` holds the paragraph weight fixed: where every training article is one
/// paragraph (the English files), `paragraph_start` marks only the first sentence, and a weight
/// fitted on it would not mean what it means on articles with paragraphs.
fn fixed_paragraph() -> Option<f64> {
    std::env::var("FIT_PARAGRAPH").ok()?.parse().ok()
}

/// `FIT_CENTRALITY=0` holds the centrality weight fixed (to try another centrality in its place).
fn fixed_centrality() -> Option<f64> {
    std::env::var("FIT_CENTRALITY").ok()?.parse().ok()
}

/// The weights coordinate ascent fits, in [`field`]'s order.
const COORDINATES: usize = 7;

fn field(w: &mut Weights, i: usize) -> &mut f64 {
    match i {
        0 => &mut w.terms,
        1 => &mut w.paragraph,
        2 => &mut w.length,
        3 => &mut w.quote,
        4 => &mut w.redundancy,
        5 => &mut w.centrality,
        _ => &mut w.title,
    }
}
