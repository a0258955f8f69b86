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
            df.add(terms);
        }
        df
    }

    /// Counts one more article's term keys.
    pub fn add(&mut self, terms: &ArticleTerms) {
        self.articles += 1;
        for term in &terms.terms {
            // Most keys are seen before: look up without cloning the key.
            match self.counts.get_mut(&term.key) {
                Some(count) => *count += 1,
                None => {
                    self.counts.insert(term.key.clone(), 1);
                }
            }
        }
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
    let (names, pair_counts) = (&words.names, &words.pairs);
    let runs = capitalised_runs(&words, names);
    let run_counts = NgramCounts::new(&words, &runs);

    // Term numbers by stems: of single words (most terms) straight by stem number.
    let mut single_terms = vec![NO_TERM; words.stems];
    let mut longer_terms: HashMap<Gram, u32> =
        HashMap::with_capacity_and_hasher(runs.len(), Default::default());
    // The terms found, in order of first occurrence, each with its first form; a term's other
    // forms (most terms have one) are chained through `Form::next` in `forms`. The `Term`s are
    // made once all are counted. Sized for a term in every other word: most articles never
    // grow it.
    let mut terms: Vec<Found> = Vec::with_capacity(words.ids.len() / 2);
    let mut forms: Vec<Form> = Vec::new();
    let mut occurrences = Vec::with_capacity(sentences.len());
    let (mut spans, mut found) = (Vec::new(), Vec::new());
    let mut next_run = 0;
    for (si, sentence) in sentences.iter().enumerate() {
        let (base, end) = (words.starts[si], words.starts[si + 1]);
        let toks = sentence.tokens;
        spans.clear();
        while next_run < runs.len() && runs[next_run].start < end {
            let run = runs[next_run].clone();
            match run.len() {
                1 => spans.push(run), // most runs: one word, nothing to cut
                _ => decompose(&words, run, &run_counts, &mut spans),
            }
            next_run += 1;
        }
        // A name span holding nothing but stopwords (a lone capitalised "Ini") is dropped; one
        // cut next to the "of" that joined it ("of North Korea") loses the joining words.
        if !spans.is_empty() {
            spans.retain_mut(|span: &mut Range<usize>| {
                while span.start < span.end && words.is(span.start, JOIN) {
                    span.start += 1;
                }
                while span.end > span.start && words.is(span.end - 1, JOIN) {
                    span.end -= 1;
                }
                words.flags[span.clone()].iter().any(|f| f & CONTENT != 0)
            });
        }
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
            let new = *slot == NO_TERM;
            if new {
                *slot = terms.len() as u32;
            }
            let id = *slot as usize;
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
            if new {
                terms.push(Found {
                    first: Form {
                        surface,
                        count: 1,
                        initial,
                        next: NO_FORM,
                    },
                    count: 1,
                    sentence: si as u32,
                    tokens: (span.start - base) as u32..(span.end - base) as u32,
                });
            } else {
                let term = &mut terms[id];
                term.count += 1;
                add_form(&mut forms, &mut term.first, surface, initial);
            }
        }
        occurrences.push(found.to_vec());
    }
    let terms = terms
        .iter()
        .map(|t| Term {
            key: span_key(
                &sentences[t.sentence as usize].tokens
                    [t.tokens.start as usize..t.tokens.end as usize],
                vocabulary,
            ),
            display: match most_used_form(&forms, &t.first) {
                (form, true) if is_title_case(form) => CompactString::from(form.to_lowercase()),
                (form, _) => CompactString::from(form),
            },
            count: t.count as usize,
        })
        .collect();
    ArticleTerms { terms, occurrences }
}

/// A term while the article is counted.
struct Found<'a> {
    /// Its first form.
    first: Form<'a>,
    /// Its occurrences.
    count: u32,
    /// Where it first occurs, to make its key: a sentence and the range of its tokens.
    sentence: u32,
    tokens: Range<u32>,
}

/// A term's key: its stems joined by spaces.
fn span_key(tokens: &[Token], vocabulary: &Vocabulary) -> CompactString {
    if let [t] = tokens {
        return vocabulary.stem_string(t).clone();
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
/// Token flag: `of`, or `the` right after it, written in lowercase: what joins the parts of an
/// English name ("Department of Justice", "Bank of the West").
const JOIN: u8 = 32;

/// What term finding asks of every token, worked out once per article in one pass over the
/// tokens. Tokens are numbered across the article: sentence `s` holds `starts[s]..starts[s + 1]`.
struct Words {
    /// Every token's stem number ([`Token::stem`]): the counting below compares numbers, not
    /// strings.
    ids: Vec<u32>,
    /// Every token's flags ([`CONTENT`], [`WORDLIKE`], [`CAPITAL`], [`ADJACENT`], [`FIRST`]).
    flags: Vec<u8>,
    starts: Vec<usize>,
    /// Number of distinct stems: ids are below it.
    stems: usize,
    /// Stems written with a capital somewhere other than at a sentence start: names (indexed by
    /// stem number).
    names: Vec<bool>,
    /// The capitalised wordlike tokens, in order: the only ones a run of names holds.
    capitals: Vec<u32>,
    /// Lowercase content words and their adjacent pairs, counted.
    pairs: PairCounts,
}

impl Words {
    fn new(sentences: &[Tokenized<'_>], stems: usize) -> Words {
        let total: usize = sentences.iter().map(|s| s.tokens.len()).sum();
        let mut words = Words {
            ids: Vec::with_capacity(total),
            flags: Vec::with_capacity(total),
            starts: Vec::with_capacity(sentences.len() + 1),
            stems,
            names: vec![false; stems],
            // Sized for a capital in every fourth word: most articles never grow it.
            capitals: Vec::with_capacity(total / 4),
            pairs: PairCounts {
                single: vec![0; stems],
                // Sized for a pair in every fourth word: most articles never grow it.
                pairs: HashMap::with_capacity_and_hasher(total / 4, Default::default()),
            },
        };
        words.starts.push(0);
        for s in sentences {
            words.ids.extend(s.tokens.iter().map(|t| t.stem));
            // Each token's flags with the next one's at hand: ADJACENT joins two wordlike
            // tokens, so the gap is looked at only when both are.
            let toks = s.tokens;
            let Some(first) = toks.first() else {
                words.starts.push(words.ids.len());
                continue;
            };
            let mut flags = token_flags(first) | FIRST;
            for (t, next) in toks.iter().zip(toks.iter().skip(1)) {
                let next_flags = token_flags(next) | joining(s.text, t, next);
                let adjacent = flags & next_flags & WORDLIKE != 0
                    && only_whitespace(s.text, t.end as usize..next.start as usize);
                let flags_here = flags | if adjacent { ADJACENT } else { 0 };
                words.note(t.stem, flags_here, next.stem, next_flags);
                words.flags.push(flags_here);
                flags = next_flags;
            }
            // The last token is adjacent to nothing: no pair starts at it.
            words.note(toks[toks.len() - 1].stem, flags, 0, 0);
            words.flags.push(flags);
            words.starts.push(words.ids.len());
        }
        words
    }

    /// Counts a token with stem `id` and `flags` (all of them, [`ADJACENT`] and [`FIRST`]
    /// included) followed by one with stem `next` and `next_flags`: a name, a capital, a
    /// lowercase content word and its pair with the next.
    #[inline(always)]
    fn note(&mut self, id: u32, flags: u8, next: u32, next_flags: u8) {
        // A name's word, or a stopword that opens or joins a name inside a sentence ("New" in
        // "in New York"): at a sentence's start it still belongs to the name after it.
        if flags & (FIRST | CAPITAL | CONTENT) == CAPITAL | CONTENT
            || (flags & (FIRST | CAPITAL | CONTENT | ADJACENT) == CAPITAL | ADJACENT
                && next_flags & (CAPITAL | WORDLIKE) == CAPITAL | WORDLIKE)
        {
            self.names[id as usize] = true;
        }
        if flags & (CAPITAL | WORDLIKE) == CAPITAL | WORDLIKE {
            // The token's number: its flags are pushed next.
            self.capitals.push(self.flags.len() as u32);
        }
        if flags & (CONTENT | CAPITAL) == CONTENT {
            self.pairs.single[id as usize] += 1;
            if flags & ADJACENT != 0 && next_flags & (CONTENT | CAPITAL) == CONTENT {
                *self.pairs.pairs.entry((id, next)).or_insert(0) += 1;
            }
        }
    }

    /// True when token `i` has all of `flags`.
    fn is(&self, i: usize, flags: u8) -> bool {
        self.flags[i] & flags == flags
    }
}

/// [`JOIN`] for `next` when it is `of`, or `the` after `of` (`t`), in lowercase; else 0. Only
/// tokens of two or three bytes are looked at.
fn joining(text: &str, t: &Token, next: &Token) -> u8 {
    let bytes = text.as_bytes();
    let word = |t: &Token| bytes.get(t.start as usize..t.end as usize);
    // Asked of every token: its first byte turns nearly all away.
    match (next.end - next.start, bytes.get(next.start as usize)) {
        (2, Some(b'o')) if word(next) == Some(b"of") => JOIN,
        (3, Some(b't')) if word(next) == Some(b"the") && word(t) == Some(b"of") => JOIN,
        _ => 0,
    }
}

/// A token's flags but [`ADJACENT`] and [`FIRST`], without a branch.
fn token_flags(t: &Token) -> u8 {
    let f = t.flags;
    let wordlike = u8::from(f & text::WORDLIKE != 0);
    let stop = u8::from(f & text::STOP != 0);
    let capital = u8::from(f & text::CAPITALIZED != 0);
    (wordlike * WORDLIKE) | ((wordlike & !stop & 1) * CONTENT) | (capital * CAPITAL)
}

/// Whether the bytes `gap` of `text` are whitespace only: one space nearly always, looked at
/// as a byte.
fn only_whitespace(text: &str, gap: Range<usize>) -> bool {
    (gap.len() == 1 && text.as_bytes().get(gap.start) == Some(&b' '))
        || text
            .get(gap)
            .is_some_and(|g| g.chars().all(char::is_whitespace))
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
    let ids = &ids[span];
    // Word by word: a copy of the slice's length would call `memcpy`.
    std::array::from_fn(|k| ids.get(k).copied().unwrap_or(NO_STEM))
}

/// No term yet for these stems.
const NO_TERM: u32 = u32::MAX;

/// One surface form of a term and how often it is used.
struct Form<'a> {
    surface: &'a str,
    count: u32,
    /// Seen only as a sentence's first word (its capital may be the sentence's, not a name's).
    initial: bool,
    /// The term's form seen before this one was first, or [`NO_FORM`].
    next: u32,
}

/// End of a chain of [`Form`]s.
const NO_FORM: u32 = u32::MAX;

/// Counts a use of `surface` among a term's forms: its `first`, then the chain of the others
/// in `forms` that `first.next` starts; `initial` says it is a sentence's first word and no
/// name.
fn add_form<'a>(forms: &mut Vec<Form<'a>>, first: &mut Form<'a>, surface: &'a str, initial: bool) {
    if first.surface == surface {
        first.count += 1;
        first.initial &= initial;
        return;
    }
    let head = &mut first.next;
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

/// The most used of a term's forms (`first` and its chain in `forms`), the first seen on a tie,
/// and whether it was seen only as a sentence's first word.
fn most_used_form<'a>(forms: &[Form<'a>], first: &Form<'a>) -> (&'a str, bool) {
    // The chain runs from the newest form to the oldest, then the first: `>=` keeps the oldest
    // of equals.
    let mut best = ("", false, 0);
    let mut f = first.next;
    while f != NO_FORM {
        let form = &forms[f as usize];
        if form.count >= best.2 {
            best = (form.surface, form.initial, form.count);
        }
        f = form.next;
    }
    if first.count >= best.2 {
        best = (first.surface, first.initial, first.count);
    }
    (best.0, best.1)
}

/// Counts of stems (by stem number) and of adjacent pairs, among lowercase content words
/// (made by [`Words::new`]).
struct PairCounts {
    single: Vec<u32>,
    pairs: HashMap<(u32, u32), u32>,
}

impl PairCounts {
    /// A repeated pair that makes up much of the use of its words ("kerja sama", "panel ahli").
    fn is_collocation(&self, a: u32, b: u32) -> bool {
        let single = |s: u32| self.single[s as usize];
        // Each use of a pair counts as a use of both its words, so a pair used twice has words
        // used twice: most words are not, and their pairs need no lookup.
        if single(a) < 2 || single(b) < 2 {
            return false;
        }
        let pair = self.pairs.get(&(a, b)).copied().unwrap_or(0);
        pair >= 2 && pair * 2 >= single(a).min(single(b))
    }
}

mod names;

use names::{NgramCounts, capitalised_runs, decompose, is_title_case};

#[cfg(test)]
mod tests;
