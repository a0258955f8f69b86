//! The render stage: the briefing model through tera templates into Markdown and HTML, and
//! serialised as JSON. The default templates are embedded in the binary; a file of the same name
//! in the project's `templates/` folder overrides one.
//!
//! Tera autoescapes by template name: `.html` templates escape HTML, and `.md` templates are
//! given a Markdown escaper, so every article string is inert in both outputs unless a template
//! explicitly marks it `safe`.

mod helpers;
mod limits;

use std::path::Path;

use tera::{Context, Kwargs, State, Tera};

use crate::error::{Error, Result};
use crate::model::{
    Article, Briefing, ChangedArticle, Changes, Event, LearnedWord, Point, SourceRef, Stats,
    TermUse, Theme, ThemeQuote,
};
use crate::output::Contents;

/// The templates built into the binary: (name, text).
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("briefing.md", include_str!("../../templates/briefing.md")),
    (
        "briefing.html",
        include_str!("../../templates/briefing.html"),
    ),
    ("briefing.css", include_str!("../../templates/briefing.css")),
];

/// The files a build writes into the output folder, in order.
pub const OUTPUTS: &[&str] = &["briefing.md", "briefing.html", "briefing.json"];

/// Renders briefings with the default templates, overridden from a project's folder.
pub struct Renderer {
    html: Tera,
    markdown: Tera,
    fingerprint: blake3::Hash,
    unused: Vec<String>,
    budgets: [limits::Budget; 2],
}

/// The largest template file read.
const MAX_TEMPLATE: u64 = 16 << 20;

impl Renderer {
    /// Loads the default templates, then any file in `overrides` (the project's `templates/`).
    pub fn new(overrides: Option<&Path>) -> Result<Renderer> {
        let mut templates: Vec<(String, String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    text.to_string(),
                    format!("built-in {name}"),
                )
            })
            .collect();
        if let Some(dir) = overrides.filter(|d| d.is_dir()) {
            for (name, text, label) in read_overrides(dir)? {
                match templates.iter_mut().find(|t| t.0 == name) {
                    Some(slot) => *slot = (name, text, label),
                    None => templates.push((name, text, label)),
                }
            }
        }
        let mut html = Tera::new();
        let mut markdown = Tera::new();
        markdown.autoescape_on([".md"]);
        markdown.set_escape_fn(escape_markdown);
        html.register_filter("marked", |v: &tera::Value, _: Kwargs, _: &State| {
            marked(v, Markup::Html)
        });
        markdown.register_filter("marked", |v: &tera::Value, _: Kwargs, _: &State| {
            marked(v, Markup::Markdown)
        });
        // Markdown source is left unescaped only where the output is Markdown; in HTML it is
        // plain text (escaped).
        markdown.register_filter("markdown_inline", helpers::markdown_inline);
        html.register_filter("markdown_inline", |v: &str, _: Kwargs, _: &State| {
            tera::Value::from(v)
        });
        let budgets = [limits::Budget::default(), limits::Budget::default()];
        for (tera, budget) in [&mut html, &mut markdown].into_iter().zip(&budgets) {
            budget.install(tera);
            tera.register_filter("markdown", markdown_to_html);
            tera.register_filter("summary_sentences", helpers::summary_sentences);
            tera.register_filter("summary_text", helpers::summary_text);
            let pairs = templates
                .iter()
                .map(|(name, text, _)| (name.as_str(), text.as_str()));
            tera.add_raw_templates(pairs)
                .map_err(|e| template_error(&templates, e))?;
        }
        let unused = unused_templates(&templates);
        let mut hasher = blake3::Hasher::new();
        for (name, text, _) in &templates {
            hasher.update(&(name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            hasher.update(&(text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        Ok(Renderer {
            html,
            markdown,
            fingerprint: hasher.finalize(),
            budgets,
            unused,
        })
    }

    /// Warnings about files in `templates/` that no output uses: not named as a built-in
    /// template, and not included, extended or imported by any template (`Briefing.html`,
    /// `briefing.htm`).
    pub fn warnings(&self) -> &[String] {
        &self.unused
    }

    /// blake3 over every template's name and text: part of the build's fingerprint.
    pub fn fingerprint(&self) -> blake3::Hash {
        self.fingerprint
    }

    /// Renders the three outputs: (file name, contents), in [`OUTPUTS`] order. The pages are
    /// rendered here; `briefing.json` is written from the model as it is stored or compared.
    pub fn render<'b>(&self, briefing: &'b Briefing) -> Result<Vec<(&'static str, Contents<'b>)>> {
        let (markdown, html) = self.render_pages(briefing)?;
        Ok(vec![
            ("briefing.md", Contents::Text(markdown)),
            ("briefing.html", Contents::Text(html)),
            (
                "briefing.json",
                Contents::Streamed(Box::new(move |out| {
                    crate::json::write_briefing(briefing, out)
                })),
            ),
        ])
    }

    /// The Markdown and HTML pages, rendered in parallel from one context.
    fn render_pages(&self, briefing: &Briefing) -> Result<(String, String)> {
        let context =
            Context::from_serialize(&Page::of(briefing)).map_err(|e| Error::Template {
                name: "briefing".into(),
                message: e.to_string(),
            })?;
        // Each page within its budget: its size checked as it grows, its ranges counted.
        let render = |tera: &Tera, budget: &limits::Budget, name: &str| {
            budget.reset();
            let mut page = Vec::new();
            tera.render_to(name, &context, limits::Bounded(&mut page))
                .map_err(|e| Error::Template {
                    name: name.to_string(),
                    message: tera_message(&e),
                })?;
            String::from_utf8(page).map_err(|e| Error::Template {
                name: name.to_string(),
                message: e.to_string(),
            })
        };
        let (markdown, html) = rayon::join(
            || render(&self.markdown, &self.budgets[1], "briefing.md"),
            || render(&self.html, &self.budgets[0], "briefing.html"),
        );
        Ok((markdown?, html?))
    }
}

/// What the templates see: the model, cut to what a page can show, so that an archive of a
/// million articles costs the templates no more than the entries they render: the article
/// entries the briefing shows (the first `articles_shown`), and of each long list at most
/// [`PAGE_LIST`] items (a theme's points and articles, the strongest; the timeline, the latest),
/// with the full counts beside them. `briefing.json` keeps everything.
#[derive(serde::Serialize)]
struct Page<'a> {
    schema: u32,
    title: &'a str,
    generated: &'a Option<String>,
    language: &'a str,
    stats: &'a Stats,
    articles_shown: usize,
    changes: PageChanges<'a>,
    themes: Vec<PageTheme<'a>>,
    articles: &'a [Article],
    timeline: &'a [Event],
    timeline_total: usize,
}

/// The most items of one list a page's context carries.
pub const PAGE_LIST: usize = 1000;

/// What changed, as the templates see it: each list at most [`PAGE_LIST`] long (a rebuild of an
/// archive may add a million articles), with the full counts in `totals` (`added`, `updated`,
/// `removed`) and each theme's `new_points_total`.
#[derive(serde::Serialize)]
struct PageChanges<'a> {
    compared: bool,
    added: &'a [ChangedArticle],
    updated: &'a [ChangedArticle],
    removed: &'a [ChangedArticle],
    themes: Vec<PageThemeChange<'a>>,
    totals: ChangeTotals,
}

/// The full lengths of the lists of [`PageChanges`].
#[derive(serde::Serialize)]
struct ChangeTotals {
    added: usize,
    updated: usize,
    removed: usize,
}

/// A theme's new points, as the templates see them (see [`PageChanges`]).
#[derive(serde::Serialize)]
struct PageThemeChange<'a> {
    id: &'a str,
    new_points: &'a [String],
    new_points_total: usize,
}

impl<'a> PageChanges<'a> {
    fn of(changes: &'a Changes) -> PageChanges<'a> {
        let Changes {
            compared,
            added,
            updated,
            removed,
            themes,
        } = changes;
        let cut = |list: &'a [ChangedArticle]| &list[..list.len().min(PAGE_LIST)];
        PageChanges {
            compared: *compared,
            added: cut(added),
            updated: cut(updated),
            removed: cut(removed),
            themes: themes
                .iter()
                .map(|t| PageThemeChange {
                    id: &t.id,
                    new_points: &t.new_points[..t.new_points.len().min(PAGE_LIST)],
                    new_points_total: t.new_points.len(),
                })
                .collect(),
            totals: ChangeTotals {
                added: added.len(),
                updated: updated.len(),
                removed: removed.len(),
            },
        }
    }
}

/// The most sources of one point a page's context carries: a page cites a dozen per point, and
/// a thousand points of wire copy citing thousands of articles each would otherwise be millions
/// of template values.
pub const PAGE_SOURCES: usize = 100;

/// A theme point as the templates see it: at most [`PAGE_SOURCES`] of its sources (a point of
/// wire copy cites thousands of articles), with the full count beside them.
#[derive(serde::Serialize)]
struct PagePoint<'a> {
    text: &'a str,
    score: f64,
    sources: &'a [SourceRef],
    sources_total: usize,
}

impl<'a> PagePoint<'a> {
    fn of(point: &'a Point) -> PagePoint<'a> {
        let Point {
            text,
            score,
            sources,
        } = point;
        PagePoint {
            text,
            score: *score,
            sources: &sources[..sources.len().min(PAGE_SOURCES)],
            sources_total: sources.len(),
        }
    }
}

/// A theme section as the templates see it (see [`Page`]).
#[derive(serde::Serialize)]
struct PageTheme<'a> {
    id: &'a str,
    title: &'a str,
    description: &'a Option<String>,
    articles: &'a [std::sync::Arc<str>],
    articles_total: usize,
    numbers: &'a [usize],
    sentences: usize,
    terms: &'a [TermUse],
    learned: &'a [LearnedWord],
    points: Vec<PagePoint<'a>>,
    points_total: usize,
    shown: usize,
    quotes: &'a [ThemeQuote],
}

impl<'a> Page<'a> {
    fn of(briefing: &'a Briefing) -> Page<'a> {
        // Exhaustive, so a new field of the model cannot be forgotten here.
        let Briefing {
            schema,
            title,
            generated,
            language,
            stats,
            articles_shown,
            changes,
            themes,
            articles,
            timeline,
        } = briefing;
        Page {
            changes: PageChanges::of(changes),
            schema: *schema,
            title,
            generated,
            language,
            stats,
            articles_shown: *articles_shown,
            themes: themes.iter().map(PageTheme::of).collect(),
            articles: articles.first(*articles_shown),
            timeline: &timeline[timeline.len().saturating_sub(PAGE_LIST)..],
            timeline_total: timeline.len(),
        }
    }
}

impl<'a> PageTheme<'a> {
    fn of(theme: &'a Theme) -> PageTheme<'a> {
        let Theme {
            id,
            title,
            description,
            articles,
            numbers,
            sentences,
            terms,
            learned,
            points,
            shown,
            quotes,
        } = theme;
        let cut = |n: usize| n.min(PAGE_LIST);
        PageTheme {
            id,
            title,
            description,
            articles: &articles[..cut(articles.len())],
            articles_total: articles.len(),
            numbers: &numbers[..cut(numbers.len())],
            sentences: *sentences,
            terms,
            learned,
            points: points[..cut(points.len())]
                .iter()
                .map(PagePoint::of)
                .collect(),
            points_total: points.len(),
            shown: *shown,
            quotes,
        }
    }
}

/// Reads the project's template files: (name, text, path). A link is refused (a template must
/// not be able to pull in `/proc/self/environ` or any file outside `templates/`), and a file that
/// is not UTF-8 text (a logo) is not a template and is left out.
fn read_overrides(dir: &Path) -> Result<Vec<(String, String, String)>> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_symlink() {
            return Err(Error::Template {
                name: path.display().to_string(),
                message: "is a symbolic link; templates are read only from files inside \
                          templates/, never through links: copy the file there instead"
                    .into(),
            });
        }
        if !kind.is_file() {
            continue;
        }
        let bytes = crate::bounded::read(&path, MAX_TEMPLATE).map_err(|e| Error::Template {
            name: path.display().to_string(),
            message: format!("cannot be read as a template ({e})"),
        })?;
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        found.push((name, text, path.to_string_lossy().into_owned()));
    }
    Ok(found)
}

/// A warning for each project template that is not a built-in one's name and that no template
/// names (in an include, extends or import: its name in quotes).
fn unused_templates(templates: &[(String, String, String)]) -> Vec<String> {
    let expected: Vec<&str> = DEFAULT_TEMPLATES.iter().map(|(name, _)| *name).collect();
    templates
        .iter()
        .filter(|(name, _, _)| !expected.contains(&name.as_str()))
        .filter(|(name, _, _)| {
            let quoted = [format!("\"{name}\""), format!("'{name}'")];
            !templates
                .iter()
                .any(|(_, text, _)| quoted.iter().any(|q| text.contains(q.as_str())))
        })
        .map(|(_, _, path)| {
            format!(
                "{path}: this template is not used: a template replaces a built-in one only by \
                 its exact name ({}), and any other is used only when a template includes, \
                 extends or imports it; rename it, or remove it",
                expected.join(", ")
            )
        })
        .collect()
}

/// A tera error with its causes (an I/O error from the page's bound is a cause).
fn tera_message(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(&format!(": {text}"));
        }
        source = cause.source();
    }
    message
}

/// Names the file behind a tera error: the override's path, or the built-in template's name.
fn template_error(templates: &[(String, String, String)], error: tera::Error) -> Error {
    let message = error.to_string();
    let name = templates
        .iter()
        .find(|(name, _, _)| message.contains(&format!("--> {name}:")))
        .map_or_else(|| "templates".to_string(), |(_, _, label)| label.clone());
    Error::Template { name, message }
}

/// The output a filter writes for.
#[derive(Clone, Copy)]
enum Markup {
    Html,
    Markdown,
}

/// The `marked` filter: a sentence (`{text, marks}`) with its key terms highlighted — `<mark>`
/// in HTML, `**bold**` in Markdown — and everything else escaped for that output.
fn marked(sentence: &tera::Value, markup: Markup) -> tera::Value {
    let text = sentence
        .get_from_path("text")
        .and_then(tera::Value::as_str)
        .unwrap_or_default();
    let mut marks: Vec<(usize, usize)> = sentence
        .get_from_path("marks")
        .and_then(tera::Value::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|m| {
            let pair = m.as_array()?;
            Some((
                pair.first()?.as_u64()? as usize,
                pair.get(1)?.as_u64()? as usize,
            ))
        })
        .filter(|&(a, b)| {
            a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
        })
        .collect();
    marks.sort_unstable();
    let escape = |s: &str| -> String {
        let mut out = Vec::new();
        let result = match markup {
            Markup::Html => tera::escape_html(s, &mut out),
            Markup::Markdown => escape_markdown(s, &mut out),
        };
        result.map_or_else(
            |_| String::new(),
            |_| String::from_utf8_lossy(&out).into_owned(),
        )
    };
    let (open, close) = match markup {
        Markup::Html => ("<mark>", "</mark>"),
        Markup::Markdown => ("**", "**"),
    };
    let mut out = String::with_capacity(text.len() + 16 * marks.len());
    let mut at = 0;
    for (start, end) in marks {
        if start < at {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        out.push_str(open);
        out.push_str(&escape(&text[start..end]));
        out.push_str(close);
        at = end;
    }
    out.push_str(&escape(&text[at..]));
    tera::Value::safe_string(&out)
}

/// Escapes text for Markdown: every character that could start markup (emphasis, links,
/// images, code, HTML, tables, entities) is backslash-escaped; line breaks become spaces.
pub fn escape_markdown(input: &str, output: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut buf = [0u8; 4];
    for c in input.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                output.write_all(b"\\")?;
                output.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            }
            '\n' | '\r' => output.write_all(b" ")?,
            _ => output.write_all(c.encode_utf8(&mut buf).as_bytes())?,
        }
    }
    Ok(())
}

/// The `markdown` filter: renders a configuration string (a theme description) as HTML with
/// comrak, raw HTML left out.
fn markdown_to_html(value: &str, _: Kwargs, _: &State) -> tera::Value {
    let mut options = comrak::Options::default();
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    let html = comrak::markdown_to_html(value, &options);
    tera::Value::safe_string(html.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        let mut out = Vec::new();
        escape_markdown(s, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_page_carries_at_most_a_thousand_of_a_list_and_the_full_counts() {
        let mut briefing: Briefing =
            serde_json::from_str(include_str!("../../out/briefing.json")).unwrap();
        let theme = &mut briefing.themes[0];
        let point = theme.points[0].clone();
        theme.points = (0..1500)
            .map(|i| Point {
                text: format!("{i}"),
                ..point.clone()
            })
            .collect();
        // Wire copy: one point cited by 2,500 articles.
        let source = point.sources[0].clone();
        theme.points[1].sources = (1..=2500)
            .map(|number| SourceRef {
                number,
                ..source.clone()
            })
            .collect();
        let event = briefing.timeline[0].clone();
        briefing.timeline = (0..1200)
            .map(|i| Event {
                text: format!("{i}"),
                ..event.clone()
            })
            .collect();
        // A rebuild that adds 1,200 articles and 1,100 points to a theme.
        briefing.changes.compared = true;
        briefing.changes.added = (0..1200)
            .map(|i| ChangedArticle {
                id: format!("{i}"),
                path: format!("{i}.txt"),
                title: format!("{i}"),
                number: Some(i + 1),
            })
            .collect();
        briefing.changes.themes = vec![crate::model::ThemeChange {
            id: "veto".into(),
            new_points: (0..1100).map(|i| format!("{i}")).collect(),
        }];
        let page = Page::of(&briefing);
        assert_eq!(page.changes.added.len(), PAGE_LIST);
        assert_eq!(page.changes.totals.added, 1200);
        assert_eq!(page.changes.totals.updated, 0);
        assert_eq!(page.changes.themes[0].new_points.len(), PAGE_LIST);
        assert_eq!(page.changes.themes[0].new_points_total, 1100);
        assert_eq!(page.themes[0].points.len(), PAGE_LIST);
        assert_eq!(page.themes[0].points[0].text, "0", "the strongest points");
        assert_eq!(page.themes[0].points_total, 1500);
        let cited = &page.themes[0].points[1];
        assert_eq!(cited.sources.len(), PAGE_SOURCES);
        assert_eq!(cited.sources[0].number, 1, "the sources in order");
        assert_eq!(cited.sources_total, 2500);
        assert_eq!(page.themes[0].points[0].sources_total, point.sources.len());
        assert_eq!(page.timeline.len(), PAGE_LIST);
        assert_eq!(page.timeline[0].text, "200", "the latest events");
        assert_eq!(page.timeline_total, 1200);
        // A short list is whole.
        assert_eq!(page.themes[1].points.len(), briefing.themes[1].points.len());
    }

    #[test]
    fn marked_escapes_and_highlights() {
        let sentence = tera::Value::from_serializable(&serde_json::json!({
            "text": "Rusia <b>memveto</b> resolusi PBB",
            "marks": [[30, 33], [0, 5], [2, 3], [31, 99]]
        }));
        let html = marked(&sentence, Markup::Html);
        assert_eq!(
            html.as_str().unwrap(),
            "<mark>Rusia</mark> &lt;b&gt;memveto&lt;/b&gt; resolusi <mark>PBB</mark>"
        );
        let md = marked(&sentence, Markup::Markdown);
        assert_eq!(
            md.as_str().unwrap(),
            "**Rusia** \\<b\\>memveto\\</b\\> resolusi **PBB**"
        );
    }

    #[test]
    fn markdown_escaping_neutralises_markup() {
        assert_eq!(
            md("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(
            md("<script>a & b</script>"),
            "\\<script\\>a \\& b\\</script\\>"
        );
        assert_eq!(
            md("**bold** `code` ![img]"),
            "\\*\\*bold\\*\\* \\`code\\` !\\[img\\]"
        );
        assert_eq!(md("Korea Utara-Rusia, 1.500."), "Korea Utara-Rusia, 1.500.");
    }
}
