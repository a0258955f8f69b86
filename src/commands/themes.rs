//! `briefing themes`: what each theme found and why, to write better themes. Writes nothing;
//! the warnings about the themes are those a build prints. It reads what the last build
//! cached (read only, checked as a build checks it), so that each turn of editing the terms
//! and looking again costs what a build after a term edit costs, not a build from nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::cache::Cache;
use crate::cli::CheckArgs;
use crate::error::Result;
use crate::lock::{Access, ProjectLock};
use crate::model::{Article, Briefing, Sentence, Theme, ThemeEvidence};
use crate::pipeline;
use crate::text::{self, Lang};
use crate::theme_terms::EXACT;

/// Sentences listed at each end of a theme.
const LISTED: usize = 10;
/// An article of fewer sentences (a teaser, a flash) has room for one term of a theme: it does
/// not count toward a term found alone.
const BODY: usize = 3;
/// The fewest articles a term must be found alone in, and the fewest terms its theme must
/// have, before the report points it out.
const ALONE_ARTICLES: usize = 3;
const ALONE_THEME_TERMS: usize = 3;

/// Prints, per theme: its sentences and articles, by evidence; its terms, how often each
/// matched, and those most of their articles carry alone; the words it learned; its ten
/// strongest and ten weakest sentences.
pub fn run(args: &CheckArgs) -> Result<()> {
    let project = super::open_project(&args.project, !args.from_jsonl.is_empty())?;
    // Shared: side by side with checks and other reports, never while a build compacts the
    // cache it reads (the articles' texts are read from it to the end).
    let _lock = ProjectLock::acquire(&project.root, Access::Shared, args.project.quiet)?;
    let outcome = if args.from_jsonl.is_empty() {
        let open = || Cache::open_read_only(project.cache_dir());
        let (scan, cache) = pipeline::scan_opening(&project, open)?;
        let outcome = pipeline::assemble(&project, &scan, &cache, &|| {})?;
        for warning in cache.take_warnings() {
            crate::error::eprint_labelled(&warning.to_string());
        }
        if !args.project.quiet {
            // As a build counts them: articles, and the files processed or found cached.
            let processed = outcome.processed.len();
            eprintln!(
                "read {} ({processed} processed, {} from cache)",
                super::counted(outcome.briefing.stats.articles, "article", "articles"),
                scan.files.len() - processed
            );
        }
        outcome
    } else {
        pipeline::assemble_records(&project, &args.from_jsonl, args.state.as_deref())?
    };
    let articles = outcome
        .briefing
        .articles
        .to_vec()
        .map_err(pipeline::spill_error)?;
    print!("{}", report(&outcome.briefing, &articles));
    super::checked_outcome(&project, &outcome, args.project.deny_warnings)
}

/// The report, as text.
pub fn report(briefing: &Briefing, articles: &[Article]) -> String {
    let mut out = String::new();
    for (ti, theme) in briefing.themes.iter().enumerate() {
        // (score, article number, sentence index, sentence, its evidence for this theme)
        let mut found: Vec<(f64, usize, usize, &Sentence, &ThemeEvidence)> = Vec::new();
        for (ai, article) in articles.iter().enumerate() {
            for (si, sentence) in article.sentences.iter().enumerate() {
                if let Some(e) = sentence.evidence.iter().find(|e| e.theme == theme.id) {
                    found.push((e.score, ai + 1, si, sentence, e));
                }
            }
        }
        let by = |via: &str| found.iter().filter(|f| f.4.via == via).count();
        let _ = writeln!(out, "{}. {} ({})", ti + 1, theme.title, theme.id);
        let _ = writeln!(
            out,
            "   {} sentences in {} articles: {} by its terms, {} by learned words, {} by similarity, {} by a neighbour",
            theme.sentences,
            theme.articles.len(),
            by("terms"),
            by("learned"),
            by("similarity"),
            by("neighbour"),
        );
        let terms: Vec<String> = theme
            .terms
            .iter()
            .map(|t| format!("{} {}", t.term, t.sentences))
            .collect();
        let _ = writeln!(out, "   terms (sentences): {}", terms.join(" · "));
        for (term, articles, alone) in found_alone(theme, articles) {
            let _ = writeln!(
                out,
                "   {term:?} is the theme's only term in {alone} of the {articles} articles it is \
                 found in: there it may be about something else (a phrase, \"{EXACT}form\" or an \
                 `exclude` keeps it to the theme)"
            );
        }
        let learned: Vec<String> = theme
            .learned
            .iter()
            .map(|w| format!("{} ({} seeds, {:.0}%)", w.word, w.seeds, w.share * 100.0))
            .collect();
        let learned = if learned.is_empty() {
            "none".into()
        } else {
            learned.join(", ")
        };
        let _ = writeln!(out, "   learned: {learned}");
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let line = |out: &mut String, f: &(f64, usize, usize, &Sentence, &ThemeEvidence)| {
            let _ = writeln!(
                out,
                "     {:.3} [{}:{}] {} — {}",
                f.0,
                f.1,
                f.2,
                f.3.text,
                why(f.4, f.2)
            );
        };
        let _ = writeln!(out, "   strongest:");
        found.iter().take(LISTED).for_each(|f| line(&mut out, f));
        if found.len() > LISTED {
            let _ = writeln!(out, "   weakest:");
            let from = found.len().saturating_sub(LISTED).max(LISTED);
            found[from..].iter().for_each(|f| line(&mut out, f));
        }
        out.push('\n');
    }
    out
}

/// The terms of a theme of several that most articles finding them find alone, none of the
/// theme's other terms beside them: (term, articles with a body it is found in, those it is
/// alone in). Where no other term of the theme is, a word is often about something else
/// ("charges" in a theme on computers, found in court reports). A word of the theme's title is
/// what the theme is about, and is left out ("film" in "Film, award", whose other terms are
/// narrower).
fn found_alone<'a>(theme: &'a Theme, articles: &[Article]) -> Vec<(&'a str, usize, usize)> {
    if theme.terms.len() < ALONE_THEME_TERMS {
        return Vec::new();
    }
    // Per term: (articles, alone).
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for article in articles.iter().filter(|a| a.sentences.len() >= BODY) {
        let found: BTreeSet<&str> = (article.sentences.iter())
            .flat_map(|s| &s.evidence)
            .filter(|e| e.theme == theme.id)
            .flat_map(|e| e.terms.iter().map(|[term, _]| term.as_str()))
            .collect();
        for term in &found {
            let count = counts.entry(term).or_default();
            count.0 += 1;
            count.1 += usize::from(found.len() == 1);
        }
    }
    (theme.terms.iter())
        .filter_map(|t| {
            let &(articles, alone) = counts.get(t.term.as_str())?;
            (alone >= ALONE_ARTICLES && 2 * alone > articles && !in_title(&theme.title, &t.term))
                .then_some((t.term.as_str(), articles, alone))
        })
        .collect()
}

/// Whether every word of a term is a word of the title, by stem in either language.
fn in_title(title: &str, term: &str) -> bool {
    [Lang::Id, Lang::En].into_iter().any(|lang| {
        let stems = |words: &str| -> BTreeSet<String> {
            let (tokens, vocabulary) = text::analyze(words, lang);
            tokens
                .iter()
                .map(|t| vocabulary.stem(t).to_string())
                .collect()
        };
        let term = stems(term.trim_start_matches(EXACT));
        !term.is_empty() && term.is_subset(&stems(title))
    })
}

/// Why a sentence is under a theme, in a few words.
fn why(e: &ThemeEvidence, sentence: usize) -> String {
    let mut parts = Vec::new();
    if !e.terms.is_empty() {
        let terms: Vec<String> = e
            .terms
            .iter()
            .map(|[term, found]| {
                if term == found {
                    term.clone()
                } else {
                    format!("{term} as “{found}”")
                }
            })
            .collect();
        parts.push(format!("terms: {}", terms.join(", ")));
    }
    if !e.learned.is_empty() {
        parts.push(format!("learned: {}", e.learned.join(", ")));
    }
    if let Some(s) = e.similarity {
        parts.push(format!("similarity {s:.3}"));
    }
    match e.neighbour {
        Some(n) if n > sentence => parts.push(format!("leads into sentence {n}")),
        Some(n) => parts.push(format!("continues sentence {n}")),
        None => {}
    }
    parts.join("; ")
}
