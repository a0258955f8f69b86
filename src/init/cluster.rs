//! Agglomerative clustering with average linkage over a similarity matrix: deterministic (ties
//! go to the lowest pair of indices) and cubic in the number of items, which callers bound.

/// Groups items `0..n` by average linkage: the two groups whose items are most alike on average
/// merge, again and again, while that average similarity is at least `stop`. Returns the
/// groups, each in increasing item order, in order of their first item.
///
/// `similarity(i, j)` must be symmetric; it is asked once per pair.
pub fn average_linkage(
    n: usize,
    similarity: impl Fn(usize, usize) -> f64,
    stop: f64,
) -> Vec<Vec<usize>> {
    // Sum of the pairwise similarities between the items of groups i and j, at i * n + j.
    let mut sums = vec![0.0f64; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let s = similarity(i, j);
            sums[i * n + j] = s;
            sums[j * n + i] = s;
        }
    }
    let mut groups: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![i])).collect();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for i in 0..n {
            let Some(a) = &groups[i] else { continue };
            for j in i + 1..n {
                let Some(b) = &groups[j] else { continue };
                let average = sums[i * n + j] / (a.len() * b.len()) as f64;
                if best.is_none_or(|(s, _, _)| average > s) {
                    best = Some((average, i, j));
                }
            }
        }
        let Some((average, i, j)) = best else { break };
        if average < stop {
            break;
        }
        // Merge j into i: sums with every other group add up.
        let taken = groups[j].take().unwrap_or_default();
        if let Some(a) = groups[i].as_mut() {
            a.extend(taken);
            a.sort_unstable();
        }
        for k in 0..n {
            if k != i && k != j {
                let s = sums[i * n + k] + sums[j * n + k];
                sums[i * n + k] = s;
                sums[k * n + i] = s;
            }
        }
    }
    groups.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two tight pairs far apart, and one item alike to nothing.
    fn similarity(i: usize, j: usize) -> f64 {
        let group = |k: usize| [0, 0, 1, 1, 2][k];
        if group(i) == group(j) { 0.9 } else { 0.1 }
    }

    #[test]
    fn tight_groups_merge_and_the_rest_stays_apart() {
        assert_eq!(
            average_linkage(5, similarity, 0.5),
            vec![vec![0, 1], vec![2, 3], vec![4]]
        );
    }

    #[test]
    fn a_low_stop_merges_everything_and_a_high_one_nothing() {
        assert_eq!(
            average_linkage(5, similarity, 0.0),
            vec![vec![0, 1, 2, 3, 4]]
        );
        assert_eq!(average_linkage(5, similarity, 0.95).len(), 5);
        assert!(average_linkage(0, similarity, 0.5).is_empty());
    }

    #[test]
    fn linkage_is_the_average_not_the_closest_pair() {
        // 0–1 alike (0.9); 2 is alike to 0 (0.6) but not to 1 (0.0): average 0.3 < 0.5.
        let s = |i: usize, j: usize| match (i.min(j), i.max(j)) {
            (0, 1) => 0.9,
            (0, 2) => 0.6,
            _ => 0.0,
        };
        assert_eq!(average_linkage(3, s, 0.5), vec![vec![0, 1], vec![2]]);
    }
}
