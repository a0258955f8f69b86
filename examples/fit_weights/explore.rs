//! `EXPLORE=SIGNAL`: candidate sentence signals, put for the experiment in the `title` feature
//! (which training articles leave empty) and fitted by the same coordinate ascent.

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
pub fn apply(name: &str, features: &[Features], bags: &[StemSet]) -> Vec<Features> {
    let n = bags.len();
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

fn lambda() -> f64 {
    std::env::var("LAMBDA")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.5)
}
