//! Abstention: whether a short article about none of the configured themes gets none. The
//! topic set is built once per topic with that topic's theme left out of the configuration, so
//! that its sentences are about no theme a user wrote; each sentence is then in one run as a
//! sentence of no theme and in six as one of a configured theme.
//!
//! Printed: the share of sentences left unthemed when their topic has no theme (higher is
//! better), which theme takes the rest, and the accuracy of the strongest theme on the
//! sentences whose topic has one (as `topics` measures it, six themes at a time).

use std::collections::BTreeMap;

use briefing::config::Config;
use briefing::pipeline;
use briefing::text::Lang;

use super::{Res, article_themes, by_id, load_config, read_topics, variants};

/// Runs the measure on a topic set with its themes.
pub(crate) fn run(tsv: &str, themes: &str, lang: Lang) -> Res {
    let mut config = load_config(themes)?;
    // As configured, with the measuring switches of `variants` (BACKGROUND=all, …).
    config.grouping = variants(&config.grouping).swap_remove(0).1;
    let (labels, docs) = read_topics(tsv, lang)?;
    println!(
        "{} sentences, {} themes ({themes}), each theme left out in turn",
        labels.len(),
        config.themes.len()
    );
    println!(
        "| theme left out | its sentences | left unthemed | taken by (most) | accuracy on the others |"
    );
    println!("|---|---:|---:|---|---:|");
    let (mut left_total, mut abstained_total) = (0usize, 0usize);
    let (mut others_total, mut right_total) = (0usize, 0usize);
    for out in &config.themes {
        let kept = Config {
            themes: config
                .themes
                .iter()
                .filter(|t| t.id != out.id)
                .cloned()
                .collect(),
            ..config.clone()
        };
        let b = pipeline::briefing_of(&kept, docs.clone());
        let by_id = by_id(&b);
        let (mut left, mut abstained, mut others, mut right) = (0, 0, 0, 0);
        let mut taken: BTreeMap<&str, usize> = BTreeMap::new();
        for (id, label) in &labels {
            // A sentence the pipeline dropped (as furniture) is not scored.
            let Some(&article) = by_id.get(id.as_str()) else {
                continue;
            };
            let themes = article_themes(article);
            let first = themes.first().map(|t| t.as_str());
            if *label == out.id {
                left += 1;
                match first {
                    None => abstained += 1,
                    Some(t) => *taken.entry(t).or_default() += 1,
                }
            } else {
                others += 1;
                right += usize::from(first == Some(label.as_str()));
            }
        }
        let most = taken
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or(String::from("–"), |(t, n)| format!("{t} ({n})"));
        println!(
            "| {} | {left} | {:.3} | {most} | {:.3} |",
            out.id,
            abstained as f64 / left.max(1) as f64,
            right as f64 / others.max(1) as f64
        );
        (left_total, abstained_total) = (left_total + left, abstained_total + abstained);
        (others_total, right_total) = (others_total + others, right_total + right);
    }
    println!(
        "| **all** | {left_total} | **{:.3}** | | **{:.3}** |",
        abstained_total as f64 / left_total.max(1) as f64,
        right_total as f64 / others_total.max(1) as f64
    );
    Ok(())
}
