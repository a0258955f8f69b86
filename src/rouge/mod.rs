//! ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum F1 scores, computed exactly as
//! Google's Python package `rouge-score` 0.1.2 does with
//! `RougeScorer(['rouge1', 'rouge2', 'rougeL', 'rougeLsum'], use_stemmer=False)` ([`score`]) or
//! `use_stemmer=True` ([`score_stemmed`]).
//!
//! The module is self-contained (standard library only). Behaviour mirrored
//! from `rouge_score/tokenize.py`, `rouge_scorer.py` and `scoring.py`:
//!
//! * **Tokens**: the text is lowercased with Python's Unicode `str.lower()`,
//!   every run of characters outside `[a-z0-9]` becomes a separator, and the
//!   remaining ASCII runs are the tokens. Non-ASCII letters are therefore
//!   *dropped* and split words (`"Café"` → `caf`), except the two code points
//!   whose lowercase is ASCII: the Kelvin sign `K` (U+212A) → `k`, and `İ`
//!   (U+0130) → `i` + U+0307, so `"İstanbul"` → `i`, `stanbul`.
//! * **Stemming** (`use_stemmer=True`): every token longer than three characters is replaced
//!   by its stem under NLTK's `PorterStemmer()` in its default mode (NLTK's extensions), as
//!   the `nltk-porter` crate ports it; shorter tokens are kept as they are.
//! * **ROUGE-N** (N = 1, 2): clipped n-gram overlap; precision and recall divide
//!   by `max(count, 1)`, so an empty side scores 0 rather than failing.
//! * **ROUGE-L**: longest common subsequence of the two whole token sequences.
//! * **ROUGE-Lsum**: summary-level LCS. Sentences are the text split on `'\n'`
//!   only (`'\r'` and other line breaks are ordinary separators inside a
//!   sentence) and empty lines are dropped. For each reference sentence the
//!   union of its LCS positions against every candidate sentence is taken; each
//!   token of that union scores a hit only while both the reference-wide and
//!   candidate-wide counts of that token are still positive, and each hit
//!   decrements both counts. Which of several equally long LCSs is used matters
//!   for that clipping, so the LCS is read back with `rouge-score`'s exact
//!   tie-breaking (on a mismatch step left only if the left cell is strictly
//!   greater than the upper one, otherwise step up).
//! * **F1** is `2 * p * r / (p + r)`, evaluated in that order, and 0 when
//!   `p + r` is 0.
//!
//! All arithmetic is integer counting followed by the same IEEE-754 operations
//! Python performs, so scores match `rouge-score` bit for bit.

use std::collections::HashMap;

use nltk_porter::{Mode, PorterStemmer};

/// F1 scores (0..=1) of one candidate against one reference.
///
/// Each field is the `fmeasure` that `rouge-score` reports for the metric of
/// the same name (`rouge1`, `rouge2`, `rougeL`, `rougeLsum`). The value
/// returned by [`mean_percent`] uses the same struct with percentages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RougeScores {
    /// ROUGE-1 F1: unigram overlap.
    pub rouge1: f64,
    /// ROUGE-2 F1: bigram overlap.
    pub rouge2: f64,
    /// ROUGE-L F1: longest common subsequence over the whole texts.
    pub rouge_l: f64,
    /// ROUGE-Lsum F1: summary-level union LCS over newline-separated sentences.
    pub rouge_lsum: f64,
}

/// Tokenises as rouge-score does (lowercase, `[a-z0-9]+` tokens, no stemming).
///
/// The text is lowercased with full Unicode case mapping (as Python's
/// `str.lower()`), then split at every character that is not an ASCII
/// lowercase letter or digit. Non-ASCII characters never appear in a token.
///
/// For example `"Café, 2 crèmes!"` gives `["caf", "2", "cr", "mes"]`.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for_each_token(text, |t| tokens.push(t.to_owned()));
    tokens
}

/// Scores a candidate summary against a reference summary (sentences separated by newlines for ROUGE-Lsum).
///
/// `reference` is the target (gold) text and `candidate` the prediction, in
/// the same order as `RougeScorer.score(target, prediction)`. Any input is
/// accepted: empty or token-free texts score 0 on every metric.
pub fn score(reference: &str, candidate: &str) -> RougeScores {
    score_with_budget(reference, candidate, None, DIRECTION_BITS_BUDGET)
}

/// [`score`] with stemming, as `RougeScorer(..., use_stemmer=True)`: tokens longer than three
/// characters are compared by their Porter stem (NLTK's default mode), the convention for
/// English.
pub fn score_stemmed(reference: &str, candidate: &str) -> RougeScores {
    let stemmer = PorterStemmer::new(Mode::Nltk);
    score_with_budget(reference, candidate, Some(&stemmer), DIRECTION_BITS_BUDGET)
}

/// Tokenises as rouge-score does with `use_stemmer=True`.
pub fn tokenize_stemmed(text: &str) -> Vec<String> {
    let stemmer = PorterStemmer::new(Mode::Nltk);
    let mut tokens = Vec::new();
    for_each_token(text, |t| tokens.push(stem(Some(&stemmer), t)));
    tokens
}

/// The token as rouge-score compares it: stemmed when a stemmer is given and the token is
/// longer than three characters (tokens are ASCII, so bytes are characters).
fn stem(stemmer: Option<&PorterStemmer>, token: &str) -> String {
    match stemmer {
        Some(stemmer) if token.len() > 3 => stemmer.stem(token),
        _ => token.to_owned(),
    }
}

/// Macro-averaged scores ×100 over many pairs, as rouge-score users average per-article F1.
///
/// Each field is the arithmetic mean of that field over `scores`, summed in
/// slice order and then multiplied by 100 (`sum / len * 100`). An empty slice
/// gives all zeros.
pub fn mean_percent(scores: &[RougeScores]) -> RougeScores {
    if scores.is_empty() {
        return RougeScores::default();
    }
    let mut sum = RougeScores::default();
    for s in scores {
        sum.rouge1 += s.rouge1;
        sum.rouge2 += s.rouge2;
        sum.rouge_l += s.rouge_l;
        sum.rouge_lsum += s.rouge_lsum;
    }
    let n = scores.len() as f64;
    RougeScores {
        rouge1: sum.rouge1 / n * 100.0,
        rouge2: sum.rouge2 / n * 100.0,
        rouge_l: sum.rouge_l / n * 100.0,
        rouge_lsum: sum.rouge_lsum / n * 100.0,
    }
}

/// Largest number of LCS direction bits (one per DP cell) held at once while
/// reading back an LCS for ROUGE-Lsum: 2^27 bits = 16 MiB. Longer sentence
/// pairs are processed in row blocks recomputed from checkpoint rows.
const DIRECTION_BITS_BUDGET: usize = 1 << 27;

/// [`score`] with an explicit direction-bit budget (small in tests to
/// exercise the blockwise LCS read-back).
fn score_with_budget(
    reference: &str,
    candidate: &str,
    stemmer: Option<&PorterStemmer>,
    budget_bits: usize,
) -> RougeScores {
    let mut vocab = Vocab::default();
    let ref_sents = sentences(reference, stemmer, &mut vocab);
    let cand_sents = sentences(candidate, stemmer, &mut vocab);
    let ref_tokens: Vec<usize> = ref_sents.concat();
    let cand_tokens: Vec<usize> = cand_sents.concat();
    RougeScores {
        rouge1: ngram_f1(&ref_tokens, &cand_tokens, 1),
        rouge2: ngram_f1(&ref_tokens, &cand_tokens, 2),
        rouge_l: lcs_f1(&ref_tokens, &cand_tokens),
        rouge_lsum: summary_lcs_f1(&ref_sents, &cand_sents, vocab.len(), budget_bits),
    }
}

/// `scoring.fmeasure`: harmonic mean, 0 when both are 0. The operation order
/// `2 * p * r / (p + r)` is kept for bit-exact parity.
fn fmeasure(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// Calls `f` with every token of `text`, in order.
fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    let mut cur = String::new();
    let push = |c: char, cur: &mut String, f: &mut dyn FnMut(&str)| {
        if c.is_ascii_alphanumeric() {
            cur.push(c.to_ascii_lowercase());
        } else if !cur.is_empty() {
            f(cur);
            cur.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c, &mut cur, &mut f);
        } else {
            // Full Unicode lowercase mapping, as Python's `str.lower()`. Only
            // U+0130 and U+212A map to anything ASCII; the rest separates.
            for l in c.to_lowercase() {
                push(l, &mut cur, &mut f);
            }
        }
    }
    if !cur.is_empty() {
        f(&cur);
    }
}

/// Maps token strings to dense ids so that comparisons are integer compares.
#[derive(Default)]
struct Vocab {
    ids: HashMap<String, usize>,
}

impl Vocab {
    fn id(&mut self, token: &str) -> usize {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = self.ids.len();
        self.ids.insert(token.to_owned(), id);
        id
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// The text's sentences for ROUGE-Lsum as token-id lists: split on `'\n'`
/// only, keeping only sentences with at least one token. (`rouge-score`
/// keeps every non-empty line, but a line without tokens adds nothing to any
/// count or LCS, and the all-empty case scores 0 either way.) Concatenated,
/// they are exactly the tokens of the whole text. Tokens are stemmed when `stemmer` is given.
fn sentences(text: &str, stemmer: Option<&PorterStemmer>, vocab: &mut Vocab) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let mut ids = Vec::new();
        for_each_token(line, |t| ids.push(vocab.id(&stem(stemmer, t))));
        if !ids.is_empty() {
            out.push(ids);
        }
    }
    out
}

/// `_score_ngrams` over `_create_ngrams(tokens, n)` (n is 1 or 2).
fn ngram_f1(reference: &[usize], candidate: &[usize], n: usize) -> f64 {
    let ngrams = |tokens: &[usize]| -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = tokens
            .windows(n)
            .map(|w| (w[0], if n > 1 { w[1] } else { 0 }))
            .collect();
        v.sort_unstable();
        v
    };
    let r = ngrams(reference);
    let c = ngrams(candidate);
    // Clipped overlap = size of the multiset intersection (merge of sorted runs).
    let (mut i, mut j, mut overlap) = (0, 0, 0usize);
    while i < r.len() && j < c.len() {
        match r[i].cmp(&c[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                overlap += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let precision = overlap as f64 / c.len().max(1) as f64;
    let recall = overlap as f64 / r.len().max(1) as f64;
    fmeasure(precision, recall)
}

/// `_score_lcs`: ROUGE-L F1 over whole token sequences.
fn lcs_f1(reference: &[usize], candidate: &[usize]) -> f64 {
    if reference.is_empty() || candidate.is_empty() {
        return 0.0;
    }
    let lcs = lcs_len(reference, candidate) as f64;
    let precision = lcs / candidate.len() as f64;
    let recall = lcs / reference.len() as f64;
    fmeasure(precision, recall)
}

/// LCS length with one rolling row over the shorter sequence:
/// O(|a|·|b|) time, O(min(|a|, |b|)) memory.
fn lcs_len(a: &[usize], b: &[usize]) -> usize {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut row = vec![0usize; short.len() + 1];
    for &x in long {
        let mut diag = 0; // row_prev[j - 1]
        for j in 1..=short.len() {
            let up = row[j];
            row[j] = if x == short[j - 1] {
                diag + 1
            } else {
                up.max(row[j - 1])
            };
            diag = up;
        }
    }
    row[short.len()]
}

/// `_summary_level_lcs`: ROUGE-Lsum F1 with union LCS and hit clipping.
fn summary_lcs_f1(
    ref_sents: &[Vec<usize>],
    cand_sents: &[Vec<usize>],
    vocab_len: usize,
    budget_bits: usize,
) -> f64 {
    let m: usize = ref_sents.iter().map(Vec::len).sum();
    let n: usize = cand_sents.iter().map(Vec::len).sum();
    if m == 0 || n == 0 {
        return 0.0;
    }
    // Token counts, to prevent double counting (as ROUGE-1.5.5 does).
    let mut cnt_r = vec![0usize; vocab_len];
    let mut cnt_c = vec![0usize; vocab_len];
    for &t in ref_sents.iter().flatten() {
        cnt_r[t] += 1;
    }
    for &t in cand_sents.iter().flatten() {
        cnt_c[t] += 1;
    }
    let mut ws = LcsWorkspace::default();
    let mut in_union = Vec::new();
    let mut hits = 0usize;
    for r in ref_sents {
        // `_union_lcs`: sorted union of LCS positions in `r`, over all candidate sentences.
        in_union.clear();
        in_union.resize(r.len(), false);
        for c in cand_sents {
            ws.mark_lcs(r, c, budget_bits, &mut in_union);
        }
        for (&t, _) in r.iter().zip(&in_union).filter(|(_, hit)| **hit) {
            if cnt_c[t] > 0 && cnt_r[t] > 0 {
                hits += 1;
                cnt_c[t] -= 1;
                cnt_r[t] -= 1;
            }
        }
    }
    let recall = hits as f64 / m as f64;
    let precision = hits as f64 / n as f64;
    fmeasure(precision, recall)
}

/// Reusable buffers for reading back one LCS (`lcs_ind` in `rouge-score`).
///
/// Instead of the full integer table, the read-back keeps one bit per cell:
/// whether, on a mismatch, `table[i][j-1] > table[i-1][j]` (step left). When
/// the bits for a sentence pair would exceed the budget, rows are handled in
/// blocks from the bottom up, each recomputed from a stored checkpoint row
/// (or, if even those cannot be allocated, from row 0).
#[derive(Default)]
struct LcsWorkspace {
    row: Vec<usize>,
    dir: Vec<u64>,
    checkpoints: Vec<usize>,
}

impl LcsWorkspace {
    /// Sets `mark[i] = true` for every reference position `i` of the LCS of
    /// `r` and `c` that `_backtrack_norec(_lcs_table(r, c), r, c)` returns.
    fn mark_lcs(&mut self, r: &[usize], c: &[usize], budget_bits: usize, mark: &mut [bool]) {
        let (n, m) = (r.len(), c.len());
        if n == 0 || m == 0 {
            return;
        }
        let words = m.div_ceil(64);
        // Rows per block: as many as the budget allows, at least one.
        let mut block = (budget_bits / words.saturating_mul(64)).clamp(1, n);
        self.dir.clear();
        while self.dir.try_reserve_exact(block * words).is_err() && block > 1 {
            block = block.div_ceil(2);
        }
        self.dir.resize(block * words, 0);
        let blocks = n.div_ceil(block);

        // Forward pass storing the row at the start of each block after the first.
        let mut have_checkpoints = false;
        if blocks > 1 {
            self.checkpoints.clear();
            let len = (blocks - 1).checked_mul(m + 1);
            if let Some(len) = len
                && self.checkpoints.try_reserve_exact(len).is_ok()
            {
                self.row.clear();
                self.row.resize(m + 1, 0);
                for (done, &x) in r[..(blocks - 1) * block].iter().enumerate() {
                    Self::step(&mut self.row, x, c, m, None);
                    if (done + 1) % block == 0 {
                        self.checkpoints.extend_from_slice(&self.row);
                    }
                }
                have_checkpoints = true;
            }
        }

        // Backward read-back, block by block from the last.
        let (mut i, mut j) = (n, m);
        for k in (0..blocks).rev() {
            if j == 0 {
                break;
            }
            let start = k * block;
            // Only columns 0..=j matter from here on: the path never moves right.
            self.row.clear();
            if k == 0 {
                self.row.resize(j + 1, 0);
            } else if have_checkpoints {
                let at = (k - 1) * (m + 1);
                self.row
                    .extend_from_slice(&self.checkpoints[at..at + j + 1]);
            } else {
                self.row.resize(j + 1, 0);
                for &x in &r[..start] {
                    Self::step(&mut self.row, x, c, j, None);
                }
            }
            for (b, &x) in r[start..i].iter().enumerate() {
                let bits = &mut self.dir[b * words..(b + 1) * words];
                Self::step(&mut self.row, x, c, j, Some(bits));
            }
            // `_backtrack_norec` within this block.
            while i > start && j > 0 {
                if r[i - 1] == c[j - 1] {
                    mark[i - 1] = true;
                    i -= 1;
                    j -= 1;
                } else if self.dir[(i - start - 1) * words + (j - 1) / 64] >> ((j - 1) % 64) & 1
                    == 1
                {
                    j -= 1;
                } else {
                    i -= 1;
                }
            }
        }
    }

    /// Advances the DP `row` (columns `0..=width`) by one reference token `x`,
    /// optionally recording for column `j` (bit `j - 1`) whether
    /// `table[i][j-1] > table[i-1][j]`.
    fn step(row: &mut [usize], x: usize, c: &[usize], width: usize, dir: Option<&mut [u64]>) {
        let mut diag = 0; // table[i-1][j-1]; column 0 is always 0
        match dir {
            None => {
                for j in 1..=width {
                    let up = row[j];
                    row[j] = if x == c[j - 1] {
                        diag + 1
                    } else {
                        up.max(row[j - 1])
                    };
                    diag = up;
                }
            }
            Some(bits) => {
                let mut word = 0u64;
                for j in 1..=width {
                    let up = row[j];
                    let left = row[j - 1];
                    row[j] = if x == c[j - 1] {
                        diag + 1
                    } else {
                        word |= u64::from(left > up) << ((j - 1) % 64);
                        up.max(left)
                    };
                    diag = up;
                    if j % 64 == 0 || j == width {
                        bits[(j - 1) / 64] = word;
                        word = 0;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
