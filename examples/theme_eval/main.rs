//! How well themes find their sentences, measured three ways (see README, "How themes are
//! assigned"), each with every signal of the learn stage and with each one turned off:
//!
//!     cargo run --release --example theme_eval -- seeds
//!     cargo run --release --example theme_eval -- topics ../shared/eval/topics-dev.tsv
//!     cargo run --release --example theme_eval -- topics-en eval/topics/en-topics.tsv [THEMES]
//!     cargo run --release --example theme_eval -- abstention ../shared/eval/topics-dev.tsv
//!     cargo run --release --example theme_eval -- abstention-en eval/topics/en-topics.tsv [THEMES]
//!     cargo run --release --example theme_eval -- categories ../shared/eval/dev.jsonl
//!     cargo run --release --example theme_eval -- suggestions ../shared/eval/dev.jsonl [SLICE]
//!
//! - `seeds`: the seeds with the shipped `briefing.toml` and with `eval/seeds/cold-start.toml`
//!   (two or three words per theme), against the sentence-level judgement in
//!   `eval/seeds/judgement.tsv`: precision, recall and F1 over (sentence, theme) pairs.
//! - `topics`: SIB-200's labelled Indonesian sentences, each made an article, with the seven
//!   four-word themes of `eval/topics/themes.toml`: accuracy of each sentence's strongest theme,
//!   and how many get none. `topics-en`: the same sentences in English (`eval/topics/en-topics.tsv`,
//!   kept in the repository) with the English themes of `eval/topics/themes-en.toml`, or of
//!   THEMES with another labelled TSV of English sentences (a set to choose a setting on, kept
//!   apart from these). A sentence the pipeline drops as furniture is not scored.
//! - `abstention`, `abstention-en`: the same sentences with each theme left out in turn: how
//!   many of its sentences get no theme (they are on none configured), and the accuracy on the
//!   others (see `abstention.rs`).
//! - `categories`: IndoSum dev articles with the three themes of `eval/categories/themes.toml`:
//!   whether an article's strongest theme is its category's (sports, technology,
//!   entertainment), and how often the other categories get one of them.
//! - `suggestions`: the same IndoSum articles with the themes `briefing init` suggests for them:
//!   for each suggested theme, the articles whose strongest theme it is (on a fifth of their
//!   sentences or more) and the share of them in its most common category (purity). With
//!   SLICE, each run of SLICE consecutive articles is a corpus of its own (a small project),
//!   and the totals are over the slices.
//!
//! The labels are only read to score: nothing here feeds back into the tool.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use briefing::cache::Cache;
use briefing::config::{Background, Config, GroupingConfig};
use briefing::corpus;
use briefing::model::Briefing;
use briefing::pipeline::{self, Project};
use briefing::text::Lang;

mod abstention;
mod suggestions;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("seeds") => seeds(),
        Some("topics") => topics(
            args.get(1).map_or("../shared/eval/topics-dev.tsv", |s| s),
            "eval/topics/themes.toml",
            Lang::Id,
        ),
        Some("topics-en") => topics(
            args.get(1).map_or("eval/topics/en-topics.tsv", |s| s),
            args.get(2).map_or("eval/topics/themes-en.toml", |s| s),
            Lang::En,
        ),
        Some("abstention") => abstention::run(
            args.get(1).map_or("../shared/eval/topics-dev.tsv", |s| s),
            "eval/topics/themes.toml",
            Lang::Id,
        ),
        Some("abstention-en") => abstention::run(
            args.get(1).map_or("eval/topics/en-topics.tsv", |s| s),
            args.get(2).map_or("eval/topics/themes-en.toml", |s| s),
            Lang::En,
        ),
        Some("categories") => categories(args.get(1).map_or("../shared/eval/dev.jsonl", |s| s)),
        Some("suggestions") => match args.get(2).map(|s| s.parse()).transpose() {
            Ok(slice) => suggestions::run(
                args.get(1).map_or("../shared/eval/dev.jsonl", |s| s),
                slice,
            ),
            Err(e) => Err(format!("SLICE: {e}").into()),
        },
        _ => Err(
            "usage: theme_eval seeds | topics [TSV] | topics-en [TSV [THEMES]] | abstention [TSV] | abstention-en [TSV [THEMES]] | categories [JSONL] | suggestions [JSONL [SLICE]]"
                .into(),
        ),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

pub(crate) type Res = Result<(), Box<dyn std::error::Error>>;

/// The learn stage as configured, with terms only, and with each signal turned the other way.
pub(crate) fn variants(base: &GroupingConfig) -> Vec<(&'static str, GroupingConfig)> {
    let mut base = base.clone();
    // THRESHOLD=q shows how the similarity threshold trades coverage for precision.
    if let Some(q) = std::env::var("THRESHOLD").ok().and_then(|v| v.parse().ok()) {
        base.threshold = q;
    }
    // BACKGROUND=all measures with every sentence held against the background.
    if std::env::var("BACKGROUND").is_ok_and(|v| v == "all") {
        base.background = Background::All;
    }
    // SIMILARITY=1 measures with similarity on as the base (each signal then flipped from it).
    if std::env::var("SIMILARITY").is_ok() {
        base.similarity = true;
    }
    let base = &base;
    let flip = |f: fn(&mut GroupingConfig)| {
        let mut g = base.clone();
        f(&mut g);
        g
    };
    vec![
        ("as configured", base.clone()),
        (
            "terms only",
            flip(|g| {
                g.learn = false;
                g.similarity = false;
                g.neighbours = false;
            }),
        ),
        ("learned words flipped", flip(|g| g.learn = !g.learn)),
        ("similarity flipped", flip(|g| g.similarity = !g.similarity)),
        (
            "similarity on, background flipped",
            flip(|g| {
                g.similarity = true;
                g.background = match g.background {
                    Background::Off => Background::Bodies,
                    Background::Bodies | Background::All => Background::Off,
                };
            }),
        ),
        ("neighbours flipped", flip(|g| g.neighbours = !g.neighbours)),
    ]
}

fn seeds() -> Res {
    let judgement = read_judgement(Path::new("eval/seeds/judgement.tsv"))?;
    for config in ["briefing.toml", "eval/seeds/cold-start.toml"] {
        let project = Project::load(Path::new("."), Some(Path::new(config)))?;
        println!("\n## {config} ({} themes)", project.config.themes.len());
        println!("| variant | precision | recall | F1 | pairs found |");
        println!("|---|---:|---:|---:|---:|");
        for (name, grouping) in variants(&project.config.grouping) {
            let mut project = project.clone();
            project.config.grouping = grouping;
            let briefing = build(&project)?;
            let found = sentence_themes(&briefing);
            let (p, r, f, n) = prf(&found, &judgement);
            println!("| {name} | {p:.3} | {r:.3} | {f:.3} | {n} |");
            if name == "as configured" {
                let out = format!("target/theme_eval-{}.txt", config.replace('/', "_"));
                std::fs::write(&out, listing(&briefing, &judgement))?;
                println!("(every sentence with its themes and the judgement: {out})\n");
            }
        }
    }
    Ok(())
}

fn build(project: &Project) -> Result<Briefing, Box<dyn std::error::Error>> {
    let scan = pipeline::scan(project, None)?;
    Ok(pipeline::assemble(project, &scan, &Cache::disabled(), &|| {})?.briefing)
}

/// (article id, sentence index) → themes.
type Themes = BTreeMap<(String, usize), BTreeSet<String>>;

fn read_judgement(path: &Path) -> Result<Themes, Box<dyn std::error::Error>> {
    let mut out = Themes::new();
    for line in std::fs::read_to_string(path)?.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(a), Some(i), t) = (f.next(), f.next(), f.next().unwrap_or("")) else {
            return Err(format!("{}: bad line {line:?}", path.display()).into());
        };
        let themes = t.split(',').filter(|s| !s.is_empty()).map(String::from);
        out.insert((a.to_string(), i.parse()?), themes.collect());
    }
    Ok(out)
}

fn sentence_themes(b: &Briefing) -> Themes {
    let mut out = Themes::new();
    for a in held(b) {
        for (i, s) in a.sentences.iter().enumerate() {
            out.insert((a.id.clone(), i), s.themes.iter().cloned().collect());
        }
    }
    out
}

/// Precision, recall, F1 and the number of pairs found, over (sentence, theme) pairs of the
/// judged sentences.
fn prf(found: &Themes, truth: &Themes) -> (f64, f64, f64, usize) {
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for (key, want) in truth {
        let got = found.get(key).cloned().unwrap_or_default();
        tp += got.intersection(want).count();
        fp += got.difference(want).count();
        fneg += want.difference(&got).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fneg).max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f, tp + fp)
}

fn listing(b: &Briefing, truth: &Themes) -> String {
    let mut out = String::new();
    for a in held(b) {
        out.push_str(&format!("## {}\n", a.id));
        for (i, s) in a.sentences.iter().enumerate() {
            let want = truth.get(&(a.id.clone(), i)).cloned().unwrap_or_default();
            let got: Vec<String> = s
                .evidence
                .iter()
                .map(|e| format!("{}:{}:{}", e.theme, e.via, e.score))
                .collect();
            let mark = if s.themes.iter().cloned().collect::<BTreeSet<_>>() == want {
                " "
            } else {
                "!"
            };
            out.push_str(&format!(
                "{mark} {i} got [{}] want [{}] {}\n",
                got.join(" "),
                want.into_iter().collect::<Vec<_>>().join(","),
                s.text
            ));
        }
    }
    out
}

/// The briefing of `docs` under each variant of the learn stage.
fn per_variant(config: &Config, docs: &[corpus::Document]) -> Vec<(&'static str, Briefing)> {
    variants(&config.grouping)
        .into_iter()
        .map(|(name, grouping)| {
            let config = Config {
                grouping,
                ..config.clone()
            };
            (name, pipeline::briefing_of(&config, docs.to_vec()))
        })
        .collect()
}

/// A briefing's articles by id.
pub(crate) fn by_id(b: &Briefing) -> BTreeMap<&str, &briefing::model::Article> {
    held(b).iter().map(|a| (a.id.as_str(), a)).collect()
}

/// A briefing's articles: the eval's corpora are small enough to be held.
pub(crate) fn held(b: &Briefing) -> &[briefing::model::Article] {
    b.articles
        .held()
        .expect("the eval's briefings are held in memory")
}

pub(crate) fn load_config(path: &str) -> Result<Config, Box<dyn std::error::Error>> {
    Ok(Config::load(Path::new(path))?)
}

/// Each article's id with its topic (`/` written `-`, as the themes' ids are), and the articles.
pub(crate) type Topics = (Vec<(String, String)>, Vec<corpus::Document>);

/// A topic set's sentences, each an article in `lang`, with their topics.
pub(crate) fn read_topics(tsv: &str, lang: Lang) -> Result<Topics, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(tsv)?;
    let mut labels = Vec::new();
    let mut docs = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            continue;
        }
        let id = format!("{n:04}");
        labels.push((id.clone(), f[1].replace('/', "-")));
        let mut doc = corpus::from_text(id.clone(), id, f[2]);
        doc.language = Some(lang);
        docs.push(doc);
    }
    Ok((labels, docs))
}

/// The themes of an article, strongest first (of its sentences, in order).
pub(crate) fn article_themes(article: &briefing::model::Article) -> Vec<&String> {
    article
        .sentences
        .iter()
        .flat_map(|s| s.evidence.iter().map(|e| &e.theme))
        .collect()
}

fn topics(tsv: &str, themes: &str, lang: Lang) -> Res {
    let config = load_config(themes)?;
    let (labels, docs) = read_topics(tsv, lang)?;
    println!(
        "{} sentences, {} themes ({themes})",
        labels.len(),
        config.themes.len()
    );
    println!("| variant | accuracy | no theme | right among themes |");
    println!("|---|---:|---:|---:|");
    for (name, b) in per_variant(&config, &docs) {
        let by_id = by_id(&b);
        let (mut right, mut none, mut among) = (0, 0, 0);
        let mut confusion: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut wrong = String::from("gold\tstrongest theme ('-': none)\tsentence\n");
        for (id, label) in &labels {
            // A sentence the pipeline dropped (as furniture) is not scored.
            let Some(&article) = by_id.get(id.as_str()) else {
                continue;
            };
            let themes = article_themes(article);
            let first = themes.first().map_or("-", |t| t.as_str());
            *confusion.entry((label.as_str(), first)).or_default() += 1;
            if first != label {
                let text: Vec<&str> = article.sentences.iter().map(|s| s.text.as_str()).collect();
                wrong.push_str(&format!("{label}\t{first}\t{}\n", text.join(" ")));
            }
            match themes.first() {
                None => none += 1,
                Some(t) if *t == label => right += 1,
                _ => {}
            }
            if themes.contains(&label) {
                among += 1;
            }
        }
        if name == "as configured" {
            let mut lines = String::from("gold\tstrongest theme ('-': none)\tsentences\n");
            for ((gold, got), n) in &confusion {
                lines.push_str(&format!("{gold}\t{got}\t{n}\n"));
            }
            let file = format!("target/theme_eval-topics-{}.tsv", lang.code());
            std::fs::write(&file, lines)?;
            let errors = format!("target/theme_eval-topics-{}-wrong.tsv", lang.code());
            std::fs::write(&errors, &wrong)?;
            eprintln!(
                "(the confusion of gold topics and strongest themes: {file}; the sentences themed wrongly: {errors})"
            );
            for t in &b.themes {
                let words: Vec<&str> = t.learned.iter().map(|w| w.word.as_str()).collect();
                eprintln!("learned for {}: {}", t.id, words.join(", "));
            }
        }
        let n = labels.len() as f64;
        println!(
            "| {name} | {:.3} | {none} | {:.3} |",
            right as f64 / n,
            among as f64 / n
        );
    }
    Ok(())
}

fn categories(jsonl: &str) -> Res {
    let config = load_config("eval/categories/themes.toml")?;
    let mut labels = Vec::new();
    let mut docs = Vec::new();
    for (n, line) in std::fs::read_to_string(jsonl)?.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let text = v["text"].as_str().unwrap_or_default();
        let category = match v["category"].as_str().unwrap_or_default() {
            "olahraga" => "sports",
            "teknologi" => "technology",
            "showbiz" | "hiburan" => "entertainment",
            _ => "",
        };
        let id = format!("{n:04}");
        labels.push((id.clone(), category));
        docs.push(corpus::from_text(id.clone(), id, text));
    }
    println!(
        "{} articles, {} themes (eval/categories/themes.toml)",
        labels.len(),
        config.themes.len()
    );
    println!(
        "| variant | accuracy (sports, technology, entertainment) | others given one of them (in any sentence) | others mostly on one (half their sentences or more) | others' sentences themed | their sentences themed |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, b) in per_variant(&config, &docs) {
        let by_id = by_id(&b);
        let (mut right, mut total, mut other, mut others, mut other_mostly) = (0, 0, 0, 0, 0);
        let mut sentences = [(0usize, 0usize); 2];
        for (id, label) in &labels {
            let Some(a) = by_id.get(id.as_str()) else {
                continue;
            };
            let top = a.themes.first().map(|t| t.id.as_str());
            let mostly = a.themes.first().is_some_and(|t| t.weight >= 0.5);
            let themed = a.sentences.iter().filter(|s| !s.themes.is_empty()).count();
            let slot = usize::from(!label.is_empty());
            sentences[slot].0 += themed;
            sentences[slot].1 += a.sentences.len();
            if label.is_empty() {
                others += 1;
                other += usize::from(top.is_some());
                other_mostly += usize::from(mostly);
            } else {
                total += 1;
                right += usize::from(top == Some(*label));
            }
        }
        let share = |(n, of): (usize, usize)| n as f64 / of.max(1) as f64;
        println!(
            "| {name} | {:.3} ({right}/{total}) | {:.3} ({other}/{others}) | {:.3} ({other_mostly}/{others}) | {:.3} | {:.3} |",
            right as f64 / total.max(1) as f64,
            other as f64 / others.max(1) as f64,
            other_mostly as f64 / others.max(1) as f64,
            share(sentences[0]),
            share(sentences[1]),
        );
    }
    Ok(())
}

/// The IndoSum articles of `jsonl` with their ids and categories as written.
pub(crate) fn read_categorised(
    jsonl: &str,
) -> Result<Vec<(corpus::Document, String)>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for (n, line) in std::fs::read_to_string(jsonl)?.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let id = format!("{n:04}");
        let text = v["text"].as_str().unwrap_or_default();
        let category = v["category"].as_str().unwrap_or_default().to_string();
        out.push((corpus::from_text(id.clone(), id, text), category));
    }
    Ok(out)
}
