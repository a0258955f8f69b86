//! Names among an article's words: runs of capitalised words, cut where their parts occur more
//! often apart than together (`Presiden Rusia` + `Vladimir Putin`).

use super::*;

/// A capital, then no capital (`Farmers`, not `ISIS` or `McCain`).
pub(super) fn is_title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase)
}

/// Maximal runs of adjacent capitalised content words; a sentence's first word joins only when
/// it is a name elsewhere.
pub(super) fn capitalised_runs(words: &Words, names: &[bool]) -> Vec<Range<usize>> {
    // Inside a sentence a capitalised stopword belongs to the name around it ("State
    // Department", "Kim Jong Un", "Menteri Luar Negeri"); a span of stopwords alone is dropped.
    // A sentence's first word is in a run when it is a name elsewhere in the article: a content
    // word, or a stopword written inside a name there ("New York State Attorney General …" at
    // a sentence's start keeps its "New") and followed by a capital here.
    let in_run = |i: usize| {
        words.is(i, CAPITAL | WORDLIKE)
            && (!words.is(i, FIRST)
                || (names[words.ids[i] as usize]
                    && (words.is(i, CONTENT)
                        || (words.is(i, ADJACENT) && words.is(i + 1, CAPITAL | WORDLIKE)))))
    };
    // Sized for a run at every capitalised word, the most there can be.
    let mut runs: Vec<Range<usize>> = Vec::with_capacity(words.capitals.len());
    // Only capitalised words are in runs: the others need no look.
    for &i in &words.capitals {
        let i = i as usize;
        if !in_run(i) {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.end == i && !words.is(i, FIRST) && words.is(i - 1, ADJACENT) => {
                run.end += 1
            }
            Some(run) if run.len() == 1 && joined_by_of(words, run.end, i) => run.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// Whether the run that ends before token `end` goes on to the capitalised word `i` (in a run
/// itself) over `of` or `of the` ("Department of Justice", "Secretary of State", "Bank of the
/// West"): the words between are those, each only a space from the next and a stopword (so in
/// English text only: read as Indonesian, "Car of The Year" holds no stopword). The caller
/// asks it only of a run of one word, an institution's or a title's ("President Putin of
/// Russia" is a name and a country).
fn joined_by_of(words: &Words, end: usize, i: usize) -> bool {
    (end + 1..=end + 2).contains(&i)
        && words.is(end - 1, ADJACENT)
        && (end..i).all(|k| words.is(k, JOIN | ADJACENT) && !words.is(k, CONTENT))
        && words.is(end, JOIN)
        && (i == end + 1 || words.ids[end] != words.ids[end + 1])
}

/// Occurrences of every n-gram (n ≤ 4) inside capitalised runs: single words by stem number.
pub(super) struct NgramCounts {
    single: Vec<u32>,
    longer: HashMap<Gram, u32>,
}

impl NgramCounts {
    pub(super) fn new(words: &Words, runs: &[Range<usize>]) -> NgramCounts {
        // A run of n words holds at most 3 (n - 1) n-grams of two to four words.
        let longer = runs.iter().map(|r| 3 * r.len().saturating_sub(1)).sum();
        let mut counts = NgramCounts {
            single: vec![0; words.stems],
            longer: HashMap::with_capacity_and_hasher(longer, Default::default()),
        };
        for run in runs {
            for start in run.clone() {
                counts.single[words.ids[start] as usize] += 1;
                for end in start + 2..=run.end.min(start + GRAM_WORDS) {
                    *counts
                        .longer
                        .entry(gram(&words.ids, start..end))
                        .or_insert(0) += 1;
                }
            }
        }
        counts
    }

    pub(super) fn get(&self, ids: &[u32], span: Range<usize>) -> u32 {
        match span.len() {
            1 => self.single[ids[span.start] as usize],
            2..=GRAM_WORDS => self.longer.get(&gram(ids, span)).copied().unwrap_or(0),
            _ => 0,
        }
    }
}

/// Splits a run of names into the phrases it is made of: a run is cut where its parts occur
/// more often on their own than together ("Presiden Rusia" + "Vladimir Putin"), and kept whole
/// otherwise ("Korea Utara", "Kim Jong Un"). Each part is split in turn, left before right, so
/// the phrases come out in text order; with a stack rather than recursion, since a run can be a
/// whole sentence of capitalised words.
pub(super) fn decompose(
    words: &Words,
    run: Range<usize>,
    counts: &NgramCounts,
    out: &mut Vec<Range<usize>>,
) {
    if run.len() == 1 {
        out.push(run); // most runs: one word, nothing to cut, no stack to allocate
        return;
    }
    // Most longer runs are names kept whole: a stack only for a run that is cut.
    let Some(k) = best_cut(words, run.clone(), counts) else {
        out.push(run);
        return;
    };
    let mut todo = vec![k..run.end, run.start..k];
    while let Some(run) = todo.pop() {
        match best_cut(words, run.clone(), counts) {
            Some(k) => {
                todo.push(k..run.end);
                todo.push(run.start..k);
            }
            None => out.push(run),
        }
    }
}

/// Where [`decompose`] cuts `run`, if anywhere. At most nine cuts are judged, however long the
/// run: a part longer than a [`Gram`] is counted 0, so every cut that leaves two such parts
/// scores alike and loses to the first of them, and only the cuts near either end (one part of
/// at most four words) and that first one can win. A run of n words thus costs O(n) in all, not
/// O(n²), with the same cuts as trying every one. A cut never parts an `of` from the words it
/// joins ("Secretary of State" + "John Kerry", not "Secretary" + "of State John Kerry"), unless
/// the run is too long to keep and can be cut nowhere else.
pub(super) fn best_cut(words: &Words, run: Range<usize>, counts: &NgramCounts) -> Option<usize> {
    let keeps_joins = |k: usize| words.flags[k - 1] & JOIN == 0 && words.flags[k] & JOIN == 0;
    best_cut_where(&words.ids, run.clone(), counts, keeps_joins).or_else(|| {
        (run.len() > GRAM_WORDS)
            .then(|| best_cut_where(&words.ids, run, counts, |_| true))
            .flatten()
    })
}

/// [`best_cut`] among the cuts `allowed` says may be made.
fn best_cut_where(
    ids: &[u32],
    run: Range<usize>,
    counts: &NgramCounts,
    allowed: impl Fn(usize) -> bool,
) -> Option<usize> {
    if run.len() == 1 {
        return None;
    }
    let count = |r: Range<usize>| {
        #[cfg(test)]
        tests::COUNTS_LOOKED_UP.with(|c| c.set(c.get() + 1));
        counts.get(ids, r)
    };
    let whole = count(run.clone());
    let longest = GRAM_WORDS;
    // Cuts leaving at most `longest` words on the left; on the right (not already tried); and
    // the first leaving more than that on both sides.
    let near_start = run.start + 1..(run.start + longest).min(run.end - 1) + 1;
    let near_end = (run.end.saturating_sub(longest)).max(run.start + longest + 1)..run.end;
    // The inner cuts leave more than `longest` words on both sides.
    let first_inner =
        (run.start + longest + 1..run.end.saturating_sub(longest)).find(|&k| allowed(k));
    // A cut is good when both parts stand apart more often than together, or when a part of two
    // words or more does ("Dewan Keamanan" + "PBB"): a single word alone does not decide, or
    // "Korea Selatan" would cut "Korea Utara" in two.
    near_start
        .chain(near_end)
        .filter(|&k| allowed(k))
        .chain(first_inner)
        .filter_map(|k| {
            let (left, right) = (count(run.start..k), count(k..run.end));
            let left_apart = left > whole && (right > whole || k - run.start >= 2);
            let right_apart = right > whole && run.end - k >= 2;
            let apart = left_apart || right_apart || run.len() > GRAM_WORDS;
            apart.then_some((left.min(right), left.max(right), std::cmp::Reverse(k)))
        })
        .max()
        .map(|(_, _, std::cmp::Reverse(k))| k)
}
