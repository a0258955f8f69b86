//! Hand-computed ROUGE cases.
use super::*;

fn assert_close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-12, "got {got}, want {want}");
}

fn assert_scores(got: RougeScores, want: [f64; 4]) {
    assert_close(got.rouge1, want[0]);
    assert_close(got.rouge2, want[1]);
    assert_close(got.rouge_l, want[2]);
    assert_close(got.rouge_lsum, want[3]);
}

#[test]
fn tokenize_matches_python() {
    // Outputs of rouge_score.tokenize.tokenize(s, None) under Python 3.11.
    let cases: &[(&str, &[&str])] = &[
        ("İstanbul", &["i", "stanbul"]),
        ("KELVIN", &["kelvin"]),
        ("\u{212A}ELVIN", &["kelvin"]),
        ("Café crème", &["caf", "cr", "me"]),
        ("ÉCOLE", &["cole"]),
        ("a\u{2028}b", &["a", "b"]),
        ("x²", &["x"]),
        ("ＡＢＣ", &[]),
        ("foo_bar", &["foo", "bar"]),
        ("  ", &[]),
        ("", &[]),
        ("ΣΑΣ abc", &["abc"]),
        (
            "It's 3:45pm, U.S.A.!",
            &["it", "s", "3", "45pm", "u", "s", "a"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(tokenize(text), *want, "{text:?}");
    }
}

#[test]
fn only_two_non_ascii_chars_lowercase_to_ascii() {
    // Python 3.11: [c for c in map(chr, range(128, 0x110000))
    //               if re.search('[a-z0-9]', c.lower())] == ['\u0130', '\u212a'].
    let found: Vec<char> = (128..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|c| c.to_lowercase().any(|l| l.is_ascii_alphanumeric()))
        .collect();
    assert_eq!(found, ['\u{130}', '\u{212A}']);
}

#[test]
fn simple_substitution() {
    // ref: the cat sat on the mat (6); cand: the cat lay on the mat (6).
    // R1: the 2 + cat + on + mat = 5 overlap -> P = R = 5/6 -> F = 5/6.
    // R2: ref {the cat, cat sat, sat on, on the, the mat},
    //     cand {the cat, cat lay, lay on, on the, the mat} -> 3/5 each -> 0.6.
    // RL: LCS "the cat on the mat" = 5 -> 5/6. Lsum: one sentence each,
    //     union = that LCS, all 5 tokens within counts -> 5/6.
    let s = score("the cat sat on the mat", "the cat lay on the mat");
    assert_scores(s, [5.0 / 6.0, 0.6, 5.0 / 6.0, 5.0 / 6.0]);
}

#[test]
fn empty_sides_score_zero() {
    assert_eq!(score("the cat sat", ""), RougeScores::default());
    assert_eq!(score("", "the cat sat"), RougeScores::default());
    assert_eq!(score("", ""), RougeScores::default());
    assert_eq!(score("!!! ... ---", "?? ,, ;;"), RougeScores::default());
    assert_eq!(score("\n\n \n", "a b c"), RougeScores::default());
}

#[test]
fn single_token_has_no_bigrams() {
    // R1 = 1 (1/1 each); R2: no bigrams on either side -> 0/max(0,1) -> F = 0.
    assert_scores(score("word", "word"), [1.0, 0.0, 1.0, 1.0]);
}

#[test]
fn repeated_tokens_are_clipped() {
    // ref "a a a a" (4 tokens, 3 bigrams "a a"), cand "a a" (2 tokens, 1 bigram).
    // R1: min(4, 2) = 2 -> P = 2/2 = 1, R = 2/4 = 0.5 -> F = 2*1*0.5/1.5 = 2/3.
    // R2: min(3, 1) = 1 -> P = 1/1, R = 1/3 -> F = (2/3)/(4/3) = 0.5.
    // RL: LCS = 2 -> P = 1, R = 0.5 -> 2/3. Lsum: union = 2 positions -> 2/3.
    assert_scores(
        score("a a a a", "a a"),
        [2.0 / 3.0, 0.5, 2.0 / 3.0, 2.0 / 3.0],
    );
}

#[test]
fn union_lcs_beats_plain_lcs() {
    // ref: "the quick brown fox jumps" (5 tokens), one sentence.
    // cand: "brown jumps dog" / "the quick" (5 tokens, two sentences).
    // R1: the, quick, brown, jumps = 4 -> P = R = 4/5 -> 0.8.
    // R2: ref {the quick, quick brown, brown fox, fox jumps};
    //     cand (whole text) {brown jumps, jumps dog, dog the, the quick} -> 1/4 -> 0.25.
    // RL on whole sequences: "brown jumps" or "the quick" -> 2 -> 2/5 = 0.4.
    // Lsum: LCS(ref, s1) = {brown, jumps}, LCS(ref, s2) = {the, quick};
    //     union = 4 tokens, all within counts -> P = R = 4/5 -> 0.8.
    let s = score("the quick brown fox jumps", "brown jumps dog\nthe quick");
    assert_scores(s, [0.8, 0.25, 0.4, 0.8]);
}

#[test]
fn lsum_hits_are_clipped_by_token_counts() {
    // ref sentences "a b" / "a b" (m = 4), cand "a b" (n = 2). Both reference
    // sentences have union {a, b}, but the candidate holds one a and one b,
    // so only the first sentence's two tokens hit: P = 2/2, R = 2/4 -> 2/3.
    // R2 over whole texts: ref {a b, b a, a b}, cand {a b} -> P 1, R 1/3 -> 0.5.
    let s = score("a b\na b", "a b");
    assert_scores(s, [2.0 / 3.0, 0.5, 2.0 / 3.0, 2.0 / 3.0]);
}

#[test]
fn lsum_follows_python_lcs_tie_breaking() {
    // ref sentences "a b" / "a" (m = 3), cand "b a" (n = 2).
    // LCS("a b", "b a") has length 1: both "a" and "b" qualify. rouge-score's
    // backtrack at (2, 2): b != a, table[2][1] = 1 is not > table[1][2] = 1,
    // so it steps up, then matches "a". Hit a (cand a: 1 -> 0). The second
    // sentence's LCS is "a" again, but the candidate's "a" is used up.
    // hits = 1 -> P = 1/2, R = 1/3 -> F = (1/3)/(5/6) = 0.4 (0.8 had it picked "b").
    // R1: a min(2,1) + b 1 = 2 -> P 1, R 2/3 -> 0.8. R2: {a b, b a} vs {b a}
    // -> P 1, R 1/2 -> 2/3. RL: LCS("a b a", "b a") = 2 -> 0.8.
    let s = score("a b\na", "b a");
    assert_scores(s, [0.8, 2.0 / 3.0, 0.8, 0.4]);
}

#[test]
fn lsum_splits_on_newline_only_and_drops_empty_lines() {
    // "\r" is a plain separator; blank lines vanish.
    let a = score("one two\r\n\r\nthree four\n\n", "three four\none two");
    let b = score("one two\nthree four", "three four\none two");
    assert_eq!(a, b);
    // Lsum: union recovers all 4 tokens -> 1.0, while RL = 2/4 = 0.5.
    assert_close(a.rouge_lsum, 1.0);
    assert_close(a.rouge_l, 0.5);
}

#[test]
fn mean_percent_averages_then_scales() {
    let xs = [
        RougeScores {
            rouge1: 0.5,
            rouge2: 0.25,
            rouge_l: 1.0,
            rouge_lsum: 0.0,
        },
        RougeScores {
            rouge1: 1.0,
            rouge2: 0.75,
            rouge_l: 0.0,
            rouge_lsum: 0.5,
        },
    ];
    assert_scores(mean_percent(&xs), [75.0, 50.0, 50.0, 25.0]);
    assert_eq!(mean_percent(&[]), RougeScores::default());
}

/// Direct port of `lcs_ind` (`_lcs_table` + `_backtrack_norec`).
fn python_lcs_ind(r: &[usize], c: &[usize]) -> Vec<usize> {
    let mut t = vec![vec![0usize; c.len() + 1]; r.len() + 1];
    for i in 1..=r.len() {
        for j in 1..=c.len() {
            t[i][j] = if r[i - 1] == c[j - 1] {
                t[i - 1][j - 1] + 1
            } else {
                t[i - 1][j].max(t[i][j - 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (r.len(), c.len(), Vec::new());
    while i > 0 && j > 0 {
        if r[i - 1] == c[j - 1] {
            out.insert(0, i - 1);
            i -= 1;
            j -= 1;
        } else if t[i][j - 1] > t[i - 1][j] {
            j -= 1;
        } else {
            i -= 1;
        }
    }
    out
}

/// Small deterministic xorshift generator for test inputs.
struct Rng(u64);
impl Rng {
    fn next(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

#[test]
fn blockwise_lcs_matches_full_table_backtrack() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut ws = LcsWorkspace::default();
    for case in 0..400 {
        let vocab = 1 + rng.next(5);
        let n = rng.next(if case % 10 == 0 { 200 } else { 40 });
        let m = rng.next(if case % 10 == 0 { 200 } else { 140 });
        let r: Vec<usize> = (0..n).map(|_| rng.next(vocab)).collect();
        let c: Vec<usize> = (0..m).map(|_| rng.next(vocab)).collect();
        let want = python_lcs_ind(&r, &c);
        for budget in [1, 64, 200, 1 << 12, DIRECTION_BITS_BUDGET] {
            let mut mark = vec![false; n];
            ws.mark_lcs(&r, &c, budget, &mut mark);
            let got: Vec<usize> = (0..n).filter(|&i| mark[i]).collect();
            assert_eq!(got, want, "case {case}, budget {budget}");
        }
    }
}

#[test]
fn blockwise_scores_match_default_budget() {
    let mut rng = Rng(12345);
    let words = ["a", "b", "c", "d", "E", "f."];
    for _ in 0..100 {
        let mut text = || {
            let mut s = String::new();
            for _ in 0..rng.next(120) {
                s.push_str(words[rng.next(words.len())]);
                s.push(if rng.next(8) == 0 { '\n' } else { ' ' });
            }
            s
        };
        let (r, c) = (text(), text());
        assert_eq!(score_with_budget(&r, &c, None, 64), score(&r, &c));
    }
}

#[test]
fn large_and_odd_inputs_do_not_panic() {
    let long_line = "la ".repeat(3000);
    let s = score(&long_line, &long_line);
    assert_scores(s, [1.0, 1.0, 1.0, 1.0]);
    let many_lines = "x y\n".repeat(2000);
    let s = score(&many_lines, "y x\n\n\n");
    assert!(s.rouge_lsum > 0.0 && s.rouge_lsum <= 1.0);
    let odd = "\u{0}\u{FEFF}😀\u{10FFFF}\r\n\t İİ \u{212A}\u{307}";
    let s = score(odd, odd);
    assert!(s.rouge1.is_finite() && s.rouge_lsum.is_finite());
}
