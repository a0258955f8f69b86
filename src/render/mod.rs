//! The render stage: the briefing model through tera templates into Markdown and HTML, and
//! serialised as JSON. The default templates are embedded in the binary; a file of the same name
//! in the project's `templates/` folder overrides one.
//!
//! Tera autoescapes by template name: `.html` templates escape HTML, and `.md` templates are
//! given a Markdown escaper, so every article string is inert in both outputs unless a template
//! explicitly marks it `safe`.

mod filters;
mod helpers;
mod limits;
mod page;

use std::io;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use tera::{Context, Kwargs, State, Tera};

use crate::error::{Error, Result};
use crate::model::Briefing;
use crate::output::Contents;
pub use filters::escape_markdown;
use filters::{Markup, markdown_to_html, marked};
use page::Page;
pub use page::{PAGE_LIST, PAGE_SOURCES};

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
        Ok(outputs(
            Contents::Text(markdown),
            Contents::Text(html),
            briefing,
        ))
    }

    /// The three outputs as [`Renderer::render`] gives them, but with the pages rendered by the
    /// first of them to be written: [`crate::output::write_all`] writes the files together, so
    /// the pages are made while `briefing.json` is written. A template error comes out of the
    /// write, as itself.
    pub fn render_as_written<'b>(
        &'b self,
        briefing: &'b Briefing,
    ) -> Vec<(&'static str, Contents<'b>)> {
        let pages = Arc::new(Pages {
            renderer: self,
            briefing,
            made: OnceLock::new(),
        });
        let page = |html: bool| {
            let pages = Arc::clone(&pages);
            Contents::Streamed(Box::new(move |out| {
                out.write_all(pages.page(html)?.as_bytes())
            }))
        };
        outputs(page(false), page(true), briefing)
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

/// The three outputs in [`OUTPUTS`] order: the pages given, and `briefing.json` written from
/// the model.
fn outputs<'b>(
    markdown: Contents<'b>,
    html: Contents<'b>,
    briefing: &'b Briefing,
) -> Vec<(&'static str, Contents<'b>)> {
    vec![
        ("briefing.md", markdown),
        ("briefing.html", html),
        (
            "briefing.json",
            Contents::Streamed(Box::new(move |out| {
                crate::json::write_briefing(briefing, out)
            })),
        ),
    ]
}

/// The Markdown and HTML pages of one briefing, rendered together the first time either is
/// asked for.
struct Pages<'b> {
    renderer: &'b Renderer,
    briefing: &'b Briefing,
    made: OnceLock<Result<(String, String)>>,
}

impl Pages<'_> {
    /// The HTML page, or the Markdown one; a template error as an I/O error that holds it.
    fn page(&self, html: bool) -> io::Result<&str> {
        let made = (self.made).get_or_init(|| self.renderer.render_pages(self.briefing));
        match made {
            Ok((markdown, page)) => Ok(if html { page } else { markdown }),
            Err(Error::Template { name, message }) => Err(io::Error::other(Error::Template {
                name: name.clone(),
                message: message.clone(),
            })),
            Err(e) => Err(io::Error::other(e.to_string())),
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
