//! `--logistic`: a logistic regression of "the oracle summary takes this sentence" on the
//! sentence's features and its place, turned into the weights and the position curve the tool
//! scores with (the regression's log-odds are a weighted sum of the same features, so ranking by
//! them is ranking by the tool's score).
//!
//! Fitted by Newton's method (iteratively reweighted least squares) with a small ridge penalty,
//! summing in a fixed order: the same rows give the same coefficients, bit for bit.

use briefing::config::Weights;
use briefing::summary::Features;

/// Places with an indicator column of their own; the last pools every place from it on.
pub const PLACES: usize = 12;

/// The columns before the place indicators: intercept, terms, shortness, quote, paragraph
/// start, centrality.
const FEATURES: usize = 6;

/// Ridge penalty on every coefficient but the intercept: keeps the places few articles reach
/// from running off.
const RIDGE: f64 = 1.0;

/// One sentence's row: its features, then one indicator per place after the first (the first
/// place is the intercept's).
pub fn row(f: &Features, place: usize) -> Vec<f64> {
    let mut x = vec![
        1.0,
        f.terms,
        f.shortness,
        f.quote,
        f.paragraph_start,
        f.centrality,
    ];
    x.extend((1..PLACES).map(|p| f64::from(place.min(PLACES - 1) == p)));
    x
}

/// The coefficients maximising the penalised log-likelihood of `rows` (features, taken).
pub fn fit(rows: &[(Vec<f64>, bool)]) -> Vec<f64> {
    let d = rows.first().map_or(0, |(x, _)| x.len());
    let mut beta = vec![0.0; d];
    for _ in 0..50 {
        let mut grad = vec![0.0; d];
        let mut hess = vec![vec![0.0; d]; d];
        for (x, taken) in rows {
            let z: f64 = x.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let residual = f64::from(*taken) - p;
            let w = p * (1.0 - p);
            for i in 0..d {
                grad[i] += residual * x[i];
                for j in 0..d {
                    hess[i][j] += w * x[i] * x[j];
                }
            }
        }
        for i in 1..d {
            grad[i] -= RIDGE * beta[i];
            hess[i][i] += RIDGE;
        }
        let step = solve(hess, grad);
        let largest = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        for (b, s) in beta.iter_mut().zip(&step) {
            *b += s;
        }
        if largest < 1e-10 {
            break;
        }
    }
    beta
}

/// The weights and the position curve (place 0 first, 1.0) that rank sentences as the
/// coefficients `beta` do, scaled so the position weight is 1. A coefficient of the wrong sign
/// for the tool's score (a penalty that would reward) is 0: the score's weights are never
/// negative. The curve is made never rising (a later place scored above an earlier one is
/// brought down to it).
pub fn weights(beta: &[f64]) -> (Weights, Vec<f64>) {
    let mut place: Vec<f64> = std::iter::once(0.0)
        .chain(beta[FEATURES..].iter().copied())
        .collect();
    for i in 1..place.len() {
        place[i] = place[i].min(place[i - 1]);
    }
    let lowest = place[place.len() - 1];
    let span = (place[0] - lowest).max(1e-9);
    let curve = place.iter().map(|c| (c - lowest) / span).collect();
    let scaled = |c: f64| (c / span).max(0.0);
    let w = Weights {
        terms: scaled(beta[1]),
        position: 1.0,
        title: 0.0,
        paragraph: scaled(beta[4]),
        length: scaled(-beta[2]),
        quote: scaled(-beta[3]),
        redundancy: 0.0,
        centrality: scaled(beta[5]),
    };
    (w, curve)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (a is symmetric positive
/// definite here: the ridge sees to it).
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .expect("a row");
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let factor = a[row][col] / a[col][col];
            let (upper, lower) = a.split_at_mut(row);
            for (x, p) in lower[0][col..].iter_mut().zip(&upper[col][col..]) {
                *x -= factor * p;
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let rest: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - rest) / a[row][row];
    }
    x
}
