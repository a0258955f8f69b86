//! Key terms: frequency of content words (stopwords out, stems merged), with names (runs of
//! capitalised words) and repeated collocations counted as one term, weighted by how much they
//! mark this article when a corpus is there.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use compact_str::CompactString;

use crate::segment::{Tokenized, TokenizedArticle};
use crate::text::{self, Token, Vocabulary};

/// A term an article uses, with how often.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Term {
    /// Stems joined by spaces: what occurrences are merged on.
    pub key: CompactString,
    /// The form shown to readers: the most frequent surface form.
    pub display: CompactString,
    /// Occurrences in the article.
    pub count: usize,
}

/// The terms of one article and where they occur.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleTerms {
    /// Distinct terms, in order of first occurrence.
    pub terms: Vec<Term>,
    /// For each sentence, every term occurrence, in text order.
    pub occurrences: Vec<Vec<Occurrence>>,
}

impl ArticleTerms {
    /// The distinct terms (indices into `terms`) of one sentence's occurrences, in order of
    /// first occurrence, written into `ids`. `seen` (one flag per term, all false, left so) marks
    /// the terms met, so a sentence of n different terms costs n, not n² (it was a linear scan).
    pub fn distinct(occurrences: &[Occurrence], ids: &mut Vec<usize>, seen: &mut [bool]) {
        ids.clear();
        for o in occurrences {
            let t = o.term as usize;
            #[cfg(test)]
            tests::DISTINCT_STEPS.with(|c| c.set(c.get() + 1));
            if !seen[t] {
                seen[t] = true;
                ids.push(t);
            }
        }
        for &t in ids.iter() {
            seen[t] = false;
        }
    }
}

/// One occurrence of a term: its index in [`ArticleTerms::terms`] and its byte range in the
/// sentence text. Twelve bytes, and `[term, start, end]` in JSON: an archive holds millions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "(u32, u32, u32)", into = "(u32, u32, u32)")]
pub struct Occurrence {
    /// Index of the term.
    pub term: u32,
    /// First byte in the sentence.
    pub start: u32,
    /// Byte after the last.
    pub end: u32,
}

impl From<(u32, u32, u32)> for Occurrence {
    fn from((term, start, end): (u32, u32, u32)) -> Occurrence {
        Occurrence { term, start, end }
    }
}

impl From<Occurrence> for (u32, u32, u32) {
    fn from(o: Occurrence) -> (u32, u32, u32) {
        (o.term, o.start, o.end)
    }
}

/// In how many articles of the corpus each term occurs.
#[derive(Debug, Clone, Default)]
pub struct DocFreq {
    /// Number of articles.
    pub articles: usize,
    /// Term key → number of articles using it.
    pub counts: HashMap<CompactString, usize>,
}

impl DocFreq {
    /// Counts term keys over all articles.
    pub fn new<'a>(articles: impl IntoIterator<Item = &'a ArticleTerms>) -> DocFreq {
        let mut df = DocFreq::default();
        for terms in articles {
            df.articles += 1;
            for term in &terms.terms {
                // Most keys are seen before: look up without cloning the key.
                match df.counts.get_mut(&term.key) {
                    Some(count) => *count += 1,
                    None => {
                        df.counts.insert(term.key.clone(), 1);
                    }
                }
            }
        }
        df
    }

    /// Smoothed inverse document frequency; 1.0 for a term every article has.
    pub fn idf(&self, key: &str) -> f64 {
        let df = self.counts.get(key).copied().unwrap_or(0) as f64;
        ((1.0 + self.articles as f64) / (1.0 + df)).ln() + 1.0
    }
}

/// Finds the terms of an article: names (runs of capitalised words), repeated collocations, and
/// single content words.
pub fn extract_terms(article: &TokenizedArticle<'_>) -> ArticleTerms {
    let (sentences, vocabulary) = (&article.sentences, article.vocabulary);
    let words = Words::new(sentences, vocabulary.stem_count());
    let names = name_stems(&words);
    let runs = capitalised_runs(&words, &names);
    let run_counts = NgramCounts::new(&words, &runs);
    let pair_counts = PairCounts::new(&words);

    // Term numbers by stems: of single words (most terms) straight by stem number.
    let mut single_terms = vec![NO_TERM; words.stems];
    let mut longer_terms: HashMap<Gram, u32> = HashMap::default();
    // Surface forms of all terms, in order of first occurrence; `heads[term]` starts the chain
    // of that term's forms (linked through `Form::next`).
    let mut forms: Vec<Form> = Vec::new();
    let mut heads: Vec<u32> = Vec::new();
    let mut out = ArticleTerms {
        terms: Vec::new(),
        occurrences: Vec::with_capacity(sentences.len()),
    };
    let (mut spans, mut found) = (Vec::new(), Vec::new());
    let mut next_run = 0;
    for (si, sentence) in sentences.iter().enumerate() {
        let (base, end) = (words.starts[si], words.starts[si + 1]);
        let toks = sentence.tokens;
        spans.clear();
        while next_run < runs.len() && runs[next_run].start < end {
            decompose(&words.ids, runs[next_run].clone(), &run_counts, &mut spans);
            next_run += 1;
        }
        // A name span holding nothing but stopwords (a lone capitalised "Ini") is dropped.
        spans.retain(|span: &Range<usize>| {
            words.flags[span.clone()].iter().any(|f| f & CONTENT != 0)
        });
        found.clear();
        // Name spans and the content words between them (single, or a collocation pair), in
        // text order; `spans[k]` is the next name span.
        let mut k = 0;
        let mut i = base;
        while i < end {
            let span = if spans.get(k).is_some_and(|s| s.start == i) {
                k += 1;
                spans[k - 1].clone()
            } else if words.is(i, CONTENT) {
                let pair = i + 1 < end
                    && spans.get(k).is_none_or(|s| s.start != i + 1)
                    && words.is(i + 1, CONTENT)
                    && words.is(i, ADJACENT)
                    && pair_counts.is_collocation(words.ids[i], words.ids[i + 1]);
                i..if pair { i + 2 } else { i + 1 }
            } else {
                i += 1;
                continue;
            };
            i = span.end;
            let (first, last) = (&toks[span.start - base], &toks[span.end - 1 - base]);
            let surface = &sentence.text[first.start as usize..last.shown_end as usize];
            let slot = match span.len() {
                1 => &mut single_terms[words.ids[span.start] as usize],
                _ => longer_terms
                    .entry(gram(&words.ids, span.clone()))
                    .or_insert(NO_TERM),
            };
            if *slot == NO_TERM {
                *slot = out.terms.len() as u32;
                out.terms.push(Term {
                    key: span_key(&toks[span.start - base..span.end - base], vocabulary),
                    display: CompactString::default(),
                    count: 0,
                });
                heads.push(NO_FORM);
            }
            let id = *slot as usize;
            out.terms[id].count += 1;
            found.push(Occurrence {
                term: *slot,
                start: first.start,
                end: last.end,
            });
            // A capital a sentence's first word carries only for being first is no name's
            // (unless the word is a name elsewhere, or a capitalised word follows it).
            let initial = span.len() == 1
                && words.is(span.start, FIRST)
                && !names[words.ids[span.start] as usize]
                && !(words.is(span.start, ADJACENT)
                    && words.is(span.start + 1, CAPITAL | WORDLIKE));
            add_form(&mut forms, &mut heads[id], surface, initial);
        }
        out.occurrences.push(found.to_vec());
    }
    for (term, head) in out.terms.iter_mut().zip(heads) {
        term.display = match most_used_form(&forms, head) {
            (form, true) if is_title_case(form) => CompactString::from(form.to_lowercase()),
            (form, _) => CompactString::from(form),
        };
    }
    out
}

/// A term's key: its stems joined by spaces.
fn span_key(tokens: &[Token], vocabulary: &Vocabulary) -> CompactString {
    if let [t] = tokens {
        return CompactString::from(vocabulary.stem(t));
    }
    let mut key = CompactString::default();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(vocabulary.stem(t));
    }
    key
}

/// Token flag: [`Token::is_content`].
const CONTENT: u8 = 1;
/// Token flag: [`text::WORDLIKE`].
const WORDLIKE: u8 = 2;
/// Token flag: written with a capital.
const CAPITAL: u8 = 4;
/// Token flag: only whitespace separates the token from the next, both wordlike (only such
/// pairs are ever joined).
const ADJACENT: u8 = 8;
/// Token flag: the first of its sentence.
const FIRST: u8 = 16;

/// What term finding asks of every token, worked out once per article. Tokens are numbered
/// across the article: sentence `s` holds `starts[s]..starts[s + 1]`.
struct Words {
    /// Every token's stem number ([`Token::stem`]): the counting below compares numbers, not
    /// strings.
    ids: Vec<u32>,
    /// Every token's flags ([`CONTENT`], [`WORDLIKE`], [`CAPITAL`], [`ADJACENT`], [`FIRST`]).
    flags: Vec<u8>,
    starts: Vec<usize>,
    /// Number of distinct stems: ids are below it.
    stems: usize,
}

impl Words {
    fn new(sentences: &[Tokenized<'_>], stems: usize) -> Words {
        let total = sentences.iter().map(|s| s.tokens.len()).sum();
        let mut words = Words {
            ids: Vec::with_capacity(total),
            flags: Vec::with_capacity(total),
            starts: Vec::with_capacity(sentences.len() + 1),
            stems,
        };
        words.starts.push(0);
        for s in sentences {
            for (i, t) in s.tokens.iter().enumerate() {
                words.ids.push(t.stem);
                let mut flags = if i == 0 { FIRST } else { 0 };
                if t.has(text::WORDLIKE) {
                    flags |= WORDLIKE;
                    if !t.is_stop() {
                        flags |= CONTENT;
                    }
                    if i > 0 && words.is(words.flags.len() - 1, WORDLIKE) {
                        let gap = &s.text[s.tokens[i - 1].end as usize..t.start as usize];
                        if gap == " " || gap.chars().all(char::is_whitespace) {
                            *words.flags.last_mut().expect("i > 0") |= ADJACENT;
                        }
                    }
                }
                if t.has(text::CAPITALIZED) {
                    flags |= CAPITAL;
                }
                words.flags.push(flags);
            }
            words.starts.push(words.ids.len());
        }
        words
    }

    /// True when token `i` has all of `flags`.
    fn is(&self, i: usize, flags: u8) -> bool {
        self.flags[i] & flags == flags
    }
}

/// The stem numbers of a span of at most four words (names are cut to four, collocations are
/// pairs), padded: a key for counting that needs no allocation.
type Gram = [u32; GRAM_WORDS];

/// The most words a [`Gram`] holds: longer spans are not counted.
const GRAM_WORDS: usize = 4;

/// Padding in a [`Gram`] shorter than four words.
const NO_STEM: u32 = u32::MAX;

fn gram(ids: &[u32], span: Range<usize>) -> Gram {
    debug_assert!(span.len() <= GRAM_WORDS, "spans are cut to four words");
    let mut g = [NO_STEM; GRAM_WORDS];
    for (slot, id) in g.iter_mut().zip(&ids[span]) {
        *slot = *id;
    }
    g
}

/// No term yet for these stems.
const NO_TERM: u32 = u32::MAX;

/// One surface form of a term and how often it is used.
struct Form<'a> {
    surface: &'a str,
    count: usize,
    /// Seen only as a sentence's first word (its capital may be the sentence's, not a name's).
    initial: bool,
    /// The term's form seen before this one was first, or [`NO_FORM`].
    next: u32,
}

/// End of a chain of [`Form`]s.
const NO_FORM: u32 = u32::MAX;

/// Counts a use of `surface` in the chain of forms starting at `head`; `initial` says it is a
/// sentence's first word and no name.
fn add_form<'a>(forms: &mut Vec<Form<'a>>, head: &mut u32, surface: &'a str, initial: bool) {
    let mut f = *head;
    while f != NO_FORM {
        let form = &mut forms[f as usize];
        if form.surface == surface {
            form.count += 1;
            form.initial &= initial;
            return;
        }
        f = form.next;
    }
    forms.push(Form {
        surface,
        count: 1,
        initial,
        next: *head,
    });
    *head = (forms.len() - 1) as u32;
}

/// The most used form of a chain, the first seen on a tie, and whether it was seen only as a
/// sentence's first word.
fn most_used_form<'a>(forms: &[Form<'a>], mut f: u32) -> (&'a str, bool) {
    // The chain runs from the newest form to the oldest: `>=` keeps the oldest of equals.
    let mut best = ("", false, 0);
    while f != NO_FORM {
        let form = &forms[f as usize];
        if form.count >= best.2 {
            best = (form.surface, form.initial, form.count);
        }
        f = form.next;
    }
    (best.0, best.1)
}

/// A capital, then no capital (`Farmers`, not `ISIS` or `McCain`).
fn is_title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase)
}

/// Stems written with a capital somewhere other than at a sentence start: names (indexed by
/// stem number).
fn name_stems(words: &Words) -> Vec<bool> {
    let mut names = vec![false; words.stems];
    for (id, &flags) in words.ids.iter().zip(&words.flags) {
        if flags & (FIRST | CAPITAL | CONTENT) == CAPITAL | CONTENT {
            names[*id as usize] = true;
        }
    }
    names
}

/// Maximal runs of adjacent capitalised content words; a sentence's first word joins only when
/// it is a name elsewhere.
fn capitalised_runs(words: &Words, names: &[bool]) -> Vec<Range<usize>> {
    // Inside a sentence a capitalised stopword belongs to the name around it ("State
    // Department", "Kim Jong Un", "Menteri Luar Negeri"); a span of stopwords alone is dropped.
    let in_run = |i: usize| {
        words.is(i, CAPITAL | WORDLIKE)
            && (!words.is(i, FIRST) || (words.is(i, CONTENT) && names[words.ids[i] as usize]))
    };
    let mut runs: Vec<Range<usize>> = Vec::new();
    for i in 0..words.ids.len() {
        if !in_run(i) {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.end == i && !words.is(i, FIRST) && words.is(i - 1, ADJACENT) => {
                run.end += 1
            }
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// Occurrences of every n-gram (n ≤ 4) inside capitalised runs: single words by stem number.
struct NgramCounts {
    single: Vec<u32>,
    longer: HashMap<Gram, u32>,
}

impl NgramCounts {
    fn new(words: &Words, runs: &[Range<usize>]) -> NgramCounts {
        let mut counts = NgramCounts {
            single: vec![0; words.stems],
            longer: HashMap::default(),
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

    fn get(&self, ids: &[u32], span: Range<usize>) -> u32 {
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
fn decompose(ids: &[u32], run: Range<usize>, counts: &NgramCounts, out: &mut Vec<Range<usize>>) {
    let mut todo = vec![run];
    while let Some(run) = todo.pop() {
        match best_cut(ids, run.clone(), counts) {
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
/// O(n²), with the same cuts as trying every one.
fn best_cut(ids: &[u32], run: Range<usize>, counts: &NgramCounts) -> Option<usize> {
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
    let first_inner = (run.len() > 2 * longest + 1).then_some(run.start + longest + 1);
    // A cut is good when both parts stand apart more often than together, or when a part of two
    // words or more does ("Dewan Keamanan" + "PBB"): a single word alone does not decide, or
    // "Korea Selatan" would cut "Korea Utara" in two.
    near_start
        .chain(near_end)
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

/// Counts of stems (by stem number) and of adjacent pairs, among lowercase content words.
struct PairCounts {
    single: Vec<u32>,
    pairs: HashMap<(u32, u32), u32>,
}

impl PairCounts {
    fn new(words: &Words) -> PairCounts {
        let mut counts = PairCounts {
            single: vec![0; words.stems],
            pairs: HashMap::default(),
        };
        let lowercase_content = |i: usize| words.flags[i] & (CONTENT | CAPITAL) == CONTENT;
        for i in 0..words.ids.len() {
            if !lowercase_content(i) {
                continue;
            }
            counts.single[words.ids[i] as usize] += 1;
            // ADJACENT is never set on a sentence's last token.
            if words.is(i, ADJACENT) && lowercase_content(i + 1) {
                *counts
                    .pairs
                    .entry((words.ids[i], words.ids[i + 1]))
                    .or_insert(0) += 1;
            }
        }
        counts
    }

    /// A repeated pair that makes up much of the use of its words ("kerja sama", "panel ahli").
    fn is_collocation(&self, a: u32, b: u32) -> bool {
        let pair = self.pairs.get(&(a, b)).copied().unwrap_or(0);
        let single = |s: u32| self.single[s as usize];
        pair >= 2 && pair * 2 >= single(a).min(single(b))
    }
}

#[cfg(test)]
mod tests;
