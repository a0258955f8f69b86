//! `theme_eval suggestions`: the themes `briefing init` suggests for categorised articles, and
//! how well each keeps to one category.

use std::collections::BTreeMap;

use briefing::config::Config;
use briefing::corpus;
use briefing::pipeline;

use crate::{Res, held, read_categorised};

/// Runs `suggestions` on the whole file, or on each slice of `slice` articles.
pub(crate) fn run(jsonl: &str, slice: Option<usize>) -> Res {
    let articles = read_categorised(jsonl)?;
    let size = slice.unwrap_or(articles.len()).max(1);
    let (mut all, mut most, mut total) = (0, 0, 0);
    for (k, part) in articles.chunks(size).enumerate() {
        if slice.is_some() {
            println!(
                "\n## slice {k}: articles {} to {}",
                k * size,
                k * size + part.len() - 1
            );
        }
        let (a, m) = one(part)?;
        (all, most, total) = (all + a, most + m, total + part.len());
    }
    if slice.is_some() {
        println!(
            "\nall slices: articles under a suggested theme: {all} of {total}; purity over them: {:.3}",
            most as f64 / all.max(1) as f64
        );
    }
    Ok(())
}

/// The suggested themes of one corpus and their purity: (articles themed, articles in their
/// theme's most common category).
fn one(
    articles: &[(corpus::Document, String)],
) -> Result<(usize, usize), Box<dyn std::error::Error>> {
    let matcher = briefing::theme_terms::ThemeMatcher::new(&[]);
    let defaults = Config::default();
    let processed: Vec<_> = (articles.iter())
        .map(|(doc, _)| pipeline::process(doc.clone(), &defaults, &matcher))
        .collect();
    let suggested = briefing::init::suggest_themes(&processed);
    let mut config = Config::default();
    config.themes = (suggested.iter())
        .map(|s| briefing::config::ThemeConfig {
            id: s.id.clone(),
            title: s.title.clone(),
            description: None,
            terms: s.terms.clone(),
            exclude: Vec::new(),
        })
        .collect();
    let docs = articles.iter().map(|(d, _)| d.clone()).collect();
    let b = pipeline::briefing_of(&config, docs);
    let category: BTreeMap<&str, &str> = (articles.iter())
        .map(|(d, c)| (d.path.as_str(), c.as_str()))
        .collect();
    let mut members: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for a in held(&b) {
        if let Some(top) = a.themes.first().filter(|t| t.weight >= 0.2) {
            let c = category.get(a.path.as_str()).copied().unwrap_or("");
            *members
                .entry(top.id.as_str())
                .or_default()
                .entry(c)
                .or_default() += 1;
        }
    }
    println!(
        "{} articles, {} suggested themes",
        articles.len(),
        suggested.len()
    );
    println!("| theme | terms | articles | purity | categories |");
    println!("|---|---|---:|---:|---|");
    let (mut all, mut most) = (0, 0);
    for s in &suggested {
        let counts = members.get(s.id.as_str()).cloned().unwrap_or_default();
        let n: usize = counts.values().sum();
        let top = counts.values().copied().max().unwrap_or(0);
        let mut ranked: Vec<_> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let listed: Vec<String> = ranked.iter().map(|(c, k)| format!("{c} {k}")).collect();
        println!(
            "| {} | {} | {n} | {:.2} | {} |",
            s.id,
            s.terms.join(", "),
            top as f64 / n.max(1) as f64,
            listed.join(", ")
        );
        all += n;
        most += top;
    }
    println!(
        "articles under a suggested theme: {all} of {}; purity over them: {:.3}",
        articles.len(),
        most as f64 / all.max(1) as f64
    );
    Ok((all, most))
}
