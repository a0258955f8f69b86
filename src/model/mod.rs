//! The briefing's data model: what `out/briefing.json` holds, exactly, and what every template
//! receives. Field order is fixed by the struct definitions; numbers are rounded upstream.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub use articles::Articles;

/// The JSON schema version; bumped on any incompatible change.
pub const SCHEMA: u32 = 1;

/// The whole briefing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Briefing {
    /// Schema version ([`SCHEMA`]).
    pub schema: u32,
    /// The briefing's title (from the configuration).
    pub title: String,
    /// The date given as "generated on", if any (config or `SOURCE_DATE_EPOCH`).
    pub generated: Option<String>,
    /// The articles' dominant language (`id`, `en`): the HTML `lang`.
    pub language: String,
    /// Counts and ranges over the whole corpus.
    pub stats: Stats,
    /// How many article entries the rendered briefing shows (the first ones); citations of later
    /// articles are plain numbers.
    pub articles_shown: usize,
    /// What changed since the previous build (see [`Changes`]).
    #[serde(default)]
    pub changes: Changes,
    /// One section per configured theme, in configuration order.
    pub themes: Vec<Theme>,
    /// Every article, in path order (held, or spilled to a temporary file for an archive).
    pub articles: Articles,
    /// Sentences that date what they report, in date order.
    pub timeline: Vec<Event>,
}

/// A dated event on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `YYYY-MM-DD`, or `YYYY-MM` when the text gives only month and year.
    pub date: String,
    /// The sentence that reports it.
    pub text: String,
    /// Where it comes from.
    pub source: SourceRef,
    /// The publisher of the article it comes from, if known.
    pub publisher: Option<String>,
    /// True when the text gave no year and the article's date supplied it (`"inferred": true`
    /// in briefing.json; absent when false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub inferred: bool,
    /// The other articles that report it on the same date in the same words (a wire story that
    /// several papers ran), in article order; absent from briefing.json when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Reported>,
}

/// One more article that reports a timeline event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reported {
    /// Where.
    pub source: SourceRef,
    /// The publisher of that article, if known.
    pub publisher: Option<String>,
}

/// For serde: leaves a false flag out of the JSON.
fn is_false(flag: &bool) -> bool {
    !flag
}

/// A quotation in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words.
    pub text: String,
    /// Who said them, as the text names them.
    pub speaker: Option<String>,
    /// The index of the sentence holding the quote.
    pub sentence: usize,
}

/// Corpus-wide figures for the header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Number of articles.
    pub articles: usize,
    /// Number of distinct sources named.
    pub sources: usize,
    /// Number of sentences over all articles.
    pub sentences: usize,
    /// Number of pieces dropped as boilerplate or metadata.
    pub dropped: usize,
    /// Earliest article date, if any is known.
    pub date_from: Option<String>,
    /// Latest article date, if any is known.
    pub date_to: Option<String>,
    /// Number of articles with a known date.
    pub dated: usize,
    /// The distinct source names, as the articles write them, sorted.
    pub source_names: Vec<String>,
}

/// A theme section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// The configured id.
    pub id: String,
    /// The configured title.
    pub title: String,
    /// The configured description.
    pub description: Option<String>,
    /// Ids of the articles that speak to the theme, strongest first (shared with the other
    /// lists that name the article: an archive's theme cites hundreds of thousands).
    pub articles: Vec<Arc<str>>,
    /// The same articles' 1-based positions in `articles` (for citations and anchors).
    pub numbers: Vec<usize>,
    /// How many sentences speak to the theme, by any evidence.
    pub sentences: usize,
    /// Each configured term with the number of sentences it was found in, in configuration
    /// order (a term found nowhere has 0).
    pub terms: Vec<TermUse>,
    /// The words the corpus taught the theme, strongest first (at most 20 here; see
    /// `briefing themes`).
    pub learned: Vec<LearnedWord>,
    /// Every point, strongest first.
    pub points: Vec<Point>,
    /// How many points the rendered briefing shows (the rest are counted as "N more").
    pub shown: usize,
    /// The best few attributed quotes on the theme that the points shown do not already carry,
    /// by their sentence's score.
    pub quotes: Vec<ThemeQuote>,
}

/// How often a configured term was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermUse {
    /// The term as written in the configuration.
    pub term: String,
    /// The sentences it was found in (outside excluded contexts).
    pub sentences: usize,
}

/// A word the corpus taught a theme: most sentences that carry it carry the theme's terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnedWord {
    /// The word as the articles write it.
    pub word: String,
    /// How many of the theme's term-matched sentences carry it.
    pub seeds: usize,
    /// The share of the sentences carrying it that carry the theme's terms.
    pub share: f64,
}

/// A quote under a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeQuote {
    /// The words quoted.
    pub text: String,
    /// Who said them.
    pub speaker: String,
    /// The sentence they are in.
    pub source: SourceRef,
}

/// One statement under a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The sentence, as its strongest source words it.
    pub text: String,
    /// Strength, rounded to three decimals.
    pub score: f64,
    /// Every article carrying the statement.
    pub sources: Vec<SourceRef>,
}

/// Where a point comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The article id (shared: a point of wire copy cites thousands of articles).
    pub article: Arc<str>,
    /// The article's 1-based position in `articles` (citations and anchors use it).
    pub number: usize,
    /// The sentence index in that article.
    pub sentence: usize,
}

/// One article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Id: the file's path below the input folder, without extension.
    pub id: String,
    /// The file, relative to the project folder.
    pub path: String,
    /// What was read, as a short hash (16 hex digits of blake3 over the title, source, authors,
    /// date, URL, teaser flag and sentence texts; not the scores): an article whose hash differs
    /// from the previous build's was updated.
    #[serde(default)]
    pub hash: String,
    /// Headline: front matter, else a headline line, else the first sentence.
    pub title: String,
    /// Publisher, where the text or front matter names it.
    pub source: Option<String>,
    /// Who wrote it, where a byline, the page or front matter names them.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Date, `YYYY-MM-DD`, where the text or front matter gives it.
    pub date: Option<String>,
    /// URL from front matter, a page's canonical link or a feed item's link.
    pub url: Option<String>,
    /// A feed item that holds only a teaser (a short summary, no full content); left out of
    /// briefing.json when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub teaser: bool,
    /// `id` or `en`.
    pub language: String,
    /// The key terms, strongest first.
    pub key_terms: Vec<KeyTerm>,
    /// Indices into `sentences` of the summary, in article order.
    pub summary: Vec<usize>,
    /// The article's theme profile, strongest first.
    pub themes: Vec<ThemeWeight>,
    /// Every sentence.
    pub sentences: Vec<Sentence>,
    /// Quotations with their speakers.
    pub quotes: Vec<Quote>,
    /// What was set aside, with why.
    pub dropped: Vec<Dropped>,
}

impl Article {
    /// The summary's sentences, one per line (as ROUGE-Lsum and the stream expect them).
    pub fn summary_text(&self) -> String {
        self.summary
            .iter()
            .filter_map(|&i| self.sentences.get(i))
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// What changed since the previous build, compared with the `briefing.json` it replaces (never
/// with a clock). When the articles and points are the same as that briefing's, its `changes`
/// are kept, so rebuilding an unchanged project gives the same bytes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    /// False when there was nothing to compare with: the first build, or a previous
    /// `briefing.json` that could not be read. The lists are empty then.
    pub compared: bool,
    /// Articles new in this build.
    pub added: Vec<ChangedArticle>,
    /// Articles whose `hash` changed.
    pub updated: Vec<ChangedArticle>,
    /// Articles of the previous build that are gone (`number` is null).
    pub removed: Vec<ChangedArticle>,
    /// The themes with points that the previous build did not have (matched by their text), in
    /// configuration order.
    pub themes: Vec<ThemeChange>,
}

/// An article named in [`Changes`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedArticle {
    /// The article id.
    pub id: String,
    /// Its file, relative to the project folder.
    pub path: String,
    /// Its headline.
    pub title: String,
    /// Its 1-based position in `articles`; null for a removed article.
    pub number: Option<usize>,
}

/// A theme's new points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeChange {
    /// The theme id.
    pub id: String,
    /// The texts of the points new to it, strongest first.
    pub new_points: Vec<String>,
}

/// A key term and its weight in (0, 1].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyTerm {
    /// The term as readers see it.
    pub term: String,
    /// Its weight relative to the article's strongest term.
    pub weight: f64,
}

/// A theme's weight in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeWeight {
    /// The theme id.
    pub id: String,
    /// Share of the article's sentences that speak to the theme.
    pub weight: f64,
}

/// One sentence of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// The text as in the source, inner whitespace folded.
    pub text: String,
    /// Score in [0, 1].
    pub score: f64,
    /// Ids of the themes it speaks to, strongest first.
    pub themes: Vec<String>,
    /// Why it speaks to each of them (same order).
    pub evidence: Vec<ThemeEvidence>,
    /// The 1-based line of the source file it is on.
    pub line: usize,
    /// Byte ranges `[start, end)` in `text` where the article's key terms occur.
    pub marks: Vec<[usize; 2]>,
}

/// Why a sentence is under a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeEvidence {
    /// The theme id.
    pub theme: String,
    /// Confidence in (0, 1]: configured terms 0.67–1, learned words or similarity 0.25–0.6, a
    /// neighbour's themes three quarters of the neighbour's.
    pub score: f64,
    /// What put it there: `terms`, `learned`, `similarity` or `neighbour`.
    pub via: String,
    /// The configured terms found: `[as written in the configuration, as found in the text]`.
    pub terms: Vec<[String; 2]>,
    /// The learned words of the theme the sentence carries, as written in the articles.
    pub learned: Vec<String>,
    /// The sentence's similarity to the theme (word vectors), when that is what put it there.
    pub similarity: Option<f64>,
    /// The index of the neighbouring sentence whose themes it takes, when that is what put it
    /// there: the one before (which it continues) or, for a sentence of next to no words of
    /// its own, the one after (which it leads into).
    pub neighbour: Option<usize>,
}

/// A piece of the file set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// The piece.
    pub text: String,
    /// Why: navigation, interface, credit, byline, author tag, heading, dateline.
    pub reason: String,
    /// The 1-based line.
    pub line: usize,
}
pub mod articles;
pub mod build;
pub mod evidence;
