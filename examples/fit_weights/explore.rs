//! `EXPLORE=SIGNAL`: candidate sentence signals, put for the experiment in the `title` feature
//! (which training articles leave empty) and fitted by the same coordinate ascent.

use std::collections::{HashMap, HashSet};

use briefing::rouge;
use briefing::segment::Sentence;
use briefing::stems::StemSet;
use briefing::summary::Features;
use briefing::text::{Lang, vectors};

/// The signal named by `EXPLORE`, if any.
pub fn signal() -> Option<String> {
    std::env::var("EXPLORE").ok().filter(|s| !s.is_empty())
}

/// Each sentence's vector: the sum of its content stems' vectors.
fn sentence_vectors(bags: &[StemSet]) -> Vec<Vec<f32>> {
    let table = vectors::table(Lang::En);
    bags.iter()
        .map(|bag| {
            let mut v = vec![0.0f32; table.dims()];
            for &h in bag.hashes() {
                table.add_to(h, 1.0, &mut v);
            }
            v
        })
        .collect()
}

fn lexical(a: &StemSet, b: &StemSet) -> f64 {
    let d = ((a.len() * b.len()) as f64).sqrt();
    if d == 0.0 {
        0.0
    } else {
        a.common(b) as f64 / d
    }
}

/// The features with `title` replaced by the named signal, scaled into [0, 1] per article.
pub fn apply(
    name: &str,
    features: &[Features],
    bags: &[StemSet],
    sentences: &[Sentence],
) -> Vec<Features> {
    let n = bags.len();
    let words: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.text.split_whitespace().map(str::to_string).collect())
        .collect();
    let vecs = sentence_vectors(bags);
    let sim = |i: usize, j: usize| -> f64 {
        if name.starts_with("lex") {
            lexical(&bags[i], &bags[j])
        } else {
            f64::from(vectors::cosine(&vecs[i], &vecs[j])).max(0.0)
        }
    };
    let raw: Vec<f64> = match name {
        "centroid" | "lexcentroid" => {
            let dims = vecs.first().map_or(0, Vec::len);
            let mut c = vec![0.0f32; dims];
            for v in &vecs {
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    for (a, x) in c.iter_mut().zip(v) {
                        *a += x / norm;
                    }
                }
            }
            vecs.iter()
                .map(|v| f64::from(vectors::cosine(v, &c)))
                .collect()
        }
        "first" | "lexfirst" => (0..n)
            .map(|i| if i == 0 { 1.0 } else { sim(i, 0) })
            .collect(),
        "degree" | "lexdegree" => (0..n)
            .map(|i| {
                (0..n).filter(|&j| j != i).map(|j| sim(i, j)).sum::<f64>() / (n.max(2) - 1) as f64
            })
            .collect(),
        // PacSum: similarity to the sentences after counts, to those before counts against.
        "pacsum" | "lexpacsum" => (0..n)
            .map(|i| {
                let after: f64 = (i + 1..n).map(|j| sim(i, j)).sum();
                let before: f64 = (0..i).map(|j| sim(i, j)).sum();
                after - lambda() * before
            })
            .collect(),
        "words" => bags.iter().map(|b| b.len() as f64).collect(),
        // The shipped `centrality` with the backward weight `LAMBDA` (fit with FIT_CENTRALITY=0).
        // The same with the overlap divided by |i|^P |j|^(1-P) (P = 1/2 is the cosine): a P
        // above 1/2 leans against long sentences, which echo more only by being long.
        "exponent" => {
            let p: f64 = std::env::var("P")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.5);
            let sim = |i: usize, j: usize| {
                let (a, b) = (bags[i].len() as f64, bags[j].len() as f64);
                if a == 0.0 || b == 0.0 {
                    0.0
                } else {
                    bags[i].common(&bags[j]) as f64 / (a.powf(p) * b.powf(1.0 - p))
                }
            };
            directed(n, sim)
        }
        // The shipped `centrality` with the sentence's numbers counted beside its content stems.
        "lexnum" => {
            let numbers: Vec<HashSet<String>> = words
                .iter()
                .map(|w| {
                    w.iter()
                        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                        .collect()
                })
                .collect();
            let sim = |i: usize, j: usize| {
                let a = (bags[i].len() + numbers[i].len()) as f64;
                let b = (bags[j].len() + numbers[j].len()) as f64;
                if a == 0.0 || b == 0.0 {
                    0.0
                } else {
                    let common =
                        bags[i].common(&bags[j]) + numbers[i].intersection(&numbers[j]).count();
                    common as f64 / (a * b).sqrt()
                }
            };
            directed(n, sim)
        }
        "lambda" => directed(n, |i, j| lexical(&bags[i], &bags[j])),
        // Names and numbers: capitalised words past the first, and words with a digit.
        "ents" | "entsrep" | "entsshare" => {
            let sets: Vec<HashSet<String>> = words.iter().map(|w| entities(w)).collect();
            let mut df: HashMap<&String, usize> = HashMap::new();
            for set in &sets {
                for e in set {
                    *df.entry(e).or_default() += 1;
                }
            }
            let total = df.len().max(1) as f64;
            sets.iter()
                .map(|set| match name {
                    "ents" => set.len() as f64,
                    "entsrep" => set.iter().filter(|e| df[e] >= 2).count() as f64,
                    _ => set.len() as f64 / total,
                })
                .collect()
        }
        "numbers" => words
            .iter()
            .map(|w| f64::from(w.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))))
            .collect(),
        // PacSum's directed centrality over stemmed word bigrams.
        "bigrams" | "bigramsdeg" => {
            let sets: Vec<HashSet<(String, String)>> = sentences
                .iter()
                .map(|s| {
                    let t = rouge::tokenize_stemmed(&s.text);
                    t.windows(2).map(|p| (p[0].clone(), p[1].clone())).collect()
                })
                .collect();
            let sim = |i: usize, j: usize| {
                let d = ((sets[i].len() * sets[j].len()) as f64).sqrt();
                if d == 0.0 {
                    0.0
                } else {
                    sets[i].intersection(&sets[j]).count() as f64 / d
                }
            };
            (0..n)
                .map(|i| {
                    let after: f64 = (i + 1..n).map(|j| sim(i, j)).sum();
                    let before: f64 = (0..i).map(|j| sim(i, j)).sum();
                    if name == "bigramsdeg" {
                        after + before
                    } else {
                        (after - lambda() * before).max(0.0)
                    }
                })
                .collect()
        }
        // Closeness to a highlight's length in words (highlights restate a fact in 12-20).
        "lenband" => words
            .iter()
            .map(|w| {
                let w = w.len() as f64;
                (w.min(20.0) / 20.0 - (w - 35.0).max(0.0) / 35.0).max(0.0)
            })
            .collect(),
        // Not opening with a word that needs what came before ("He said", "But", "That").
        "standalone" => words
            .iter()
            .map(|w| {
                let first = w
                    .first()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
                    .unwrap_or_default();
                f64::from(!ANAPHORIC.contains(&first.as_str()))
            })
            .collect(),
        "longpen" => bags
            .iter()
            .map(|b| (b.len() as f64 - 20.0).max(0.0))
            .collect(),
        other => panic!("unknown EXPLORE signal {other}"),
    };
    let (lo, hi) = raw
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), &x| (l.min(x), h.max(x)));
    features
        .iter()
        .zip(&raw)
        .map(|(f, &x)| Features {
            title: if hi > lo { (x - lo) / (hi - lo) } else { 0.0 },
            ..*f
        })
        .collect()
}

/// Openers that lean on an earlier sentence: pronouns, demonstratives, connectives.
const ANAPHORIC: &[&str] = &[
    "he", "she", "it", "they", "his", "her", "its", "their", "him", "them", "this", "that",
    "these", "those", "but", "and", "also", "however", "so", "yet", "still", "then", "there",
];

/// The sentence's names and numbers: words with a digit, and capitalised words past the first
/// (stripped of punctuation and a possessive).
fn entities(words: &[String]) -> HashSet<String> {
    words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let w = w.strip_suffix("'s").unwrap_or(w);
            let number = w.chars().any(|c| c.is_ascii_digit());
            let name = i > 0 && w.chars().next().is_some_and(char::is_uppercase);
            (number || name).then(|| w.to_string())
        })
        .collect()
}

/// `BUDGET=W` (words) and `BUDGET_SKIP=1`: choose by score until the next sentence would pass W
/// words (or, skipping, every sentence that would, up to `max` sentences); at least one.
pub fn budget() -> Option<(usize, bool, usize)> {
    let w = std::env::var("BUDGET").ok()?.parse().ok()?;
    let skip = std::env::var("BUDGET_SKIP").is_ok_and(|v| v == "1");
    let max = std::env::var("BUDGET_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    Some((w, skip, max))
}

/// The budgeted choice, in article order.
pub fn choose_budget(
    scores: &[f64],
    eligible: &[bool],
    words: &[usize],
    (budget, skip, max): (usize, bool, usize),
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).filter(|&i| eligible[i]).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut chosen = Vec::new();
    let mut total = 0;
    for i in order {
        if chosen.len() >= max {
            break;
        }
        if !chosen.is_empty() && total + words[i] > budget {
            if skip {
                continue;
            }
            break;
        }
        chosen.push(i);
        total += words[i];
    }
    chosen.sort_unstable();
    chosen
}

/// Centrality in the direction of reading over `n` sentences with similarity `sim`: the sum
/// over later sentences less `lambda()` times the sum over earlier ones, at least 0.
fn directed(n: usize, sim: impl Fn(usize, usize) -> f64) -> Vec<f64> {
    (0..n)
        .map(|i| {
            let after: f64 = (i + 1..n).map(|j| sim(i, j)).sum();
            let before: f64 = (0..i).map(|j| sim(i, j)).sum();
            (after - lambda() * before).max(0.0)
        })
        .collect()
}

fn lambda() -> f64 {
    std::env::var("LAMBDA")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.5)
}
