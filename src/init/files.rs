//! The text of the files `briefing init` writes, from the templates in `templates/init/`
//! (compiled in): the configuration, the `.gitignore` lines, the sample article and the GitHub
//! workflow, which this repository's own `.github/workflows/briefing.yml` is also rendered from.

use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};

use crate::config::{BriefingConfig, GroupingConfig, SummaryConfig, Weights};
use crate::error::{Error, Result};

use super::suggest::Suggestion;

/// `briefing.toml`'s template (tera, default delimiters; values come in as TOML literals).
const CONFIG_TEMPLATE: &str = include_str!("../../templates/init/briefing.toml.tera");
/// The workflow's template (tera with `<% %>`, `<< >>` and `<# #>`: GitHub uses `${{ }}`).
pub const WORKFLOW_TEMPLATE: &str = include_str!("../../templates/init/workflow.yml.tera");
/// The lines `.gitignore` gets.
pub const GITIGNORE: &str = include_str!("../../templates/init/gitignore");
/// The article a project without any gets, so that its first build works.
pub const SAMPLE_ARTICLE: &str = include_str!("../../templates/init/sample-article.md");

/// Where this tool's source lives, when Cargo.toml says (`repository`); the workflow of a new
/// project installs it from there.
const TOOL_REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// A theme as the configuration template shows it: every value a TOML literal.
#[derive(Serialize)]
struct ThemeLiterals {
    id: String,
    title: String,
    terms: String,
}

/// Renders `briefing.toml` for a project: `title`, `input` and `output` as given, the defaults
/// of every other setting shown, and the suggested themes.
pub fn config(title: &str, input: &Path, output: &Path, themes: &[Suggestion]) -> Result<String> {
    let mut context = Context::new();
    context.insert("title", &literal(title));
    context.insert("input", &literal(&slashed(input)));
    context.insert("output", &literal(&slashed(output)));
    context.insert("summary", &SummaryConfig::default());
    context.insert("weights", &Weights::default());
    context.insert("briefing", &BriefingConfig::default());
    context.insert("grouping", &GroupingConfig::default());
    let themes: Vec<ThemeLiterals> = themes
        .iter()
        .map(|t| ThemeLiterals {
            id: literal(&t.id),
            title: literal(&t.title),
            terms: format!(
                "[{}]",
                t.terms
                    .iter()
                    .map(|x| literal(x))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .collect();
    context.insert("themes", &themes);
    render(CONFIG_TEMPLATE, "briefing.toml", &context, false)
}

/// Renders the GitHub workflow: for a project made by `init` (`repository` false: installs
/// briefing, then checks and rebuilds with it), or for this repository (`repository` true:
/// tests, checks and rebuilds with `cargo run --release --`).
pub fn workflow(input: &Path, output: &Path, repository: bool) -> Result<String> {
    let mut context = Context::new();
    context.insert("repository", &repository);
    context.insert("input", &slashed(input));
    context.insert("output", &slashed(output));
    let version = env!("CARGO_PKG_VERSION");
    context.insert("version", version);
    let install = if TOOL_REPOSITORY.is_empty() {
        // Cargo.toml names no repository: the line says what to fill in.
        "cargo install --locked --git https://github.com/OWNER/briefing briefing # set OWNER: where briefing's source is".to_string()
    } else {
        format!("cargo install --locked --git {TOOL_REPOSITORY} --tag v{version} briefing")
    };
    context.insert("install", &install);
    context.insert(
        "run",
        if repository {
            "cargo run --release --"
        } else {
            "briefing"
        },
    );
    render(WORKFLOW_TEMPLATE, "briefing.yml", &context, true)
}

/// Renders one template; `angled` switches to the `<% %>` / `<< >>` / `<# #>` delimiters.
fn render(template: &str, name: &str, context: &Context, angled: bool) -> Result<String> {
    let fail = |e: tera::Error| Error::Template {
        name: format!("init/{name}"),
        message: e.to_string(),
    };
    let mut tera = Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    if angled {
        tera.set_delimiters(tera::Delimiters {
            block_start: "<%".into(),
            block_end: "%>".into(),
            variable_start: "<<".into(),
            variable_end: ">>".into(),
            comment_start: "<#".into(),
            comment_end: "#>".into(),
        })
        .map_err(fail)?;
    }
    tera.add_raw_template(name, template).map_err(fail)?;
    tera.render(name, context).map_err(fail)
}

/// A TOML basic string holding `text` (quotes, backslashes and control characters escaped).
pub fn literal(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A relative path with `/` between its parts, as written in briefing.toml.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn the_repository_workflow_is_the_template_rendered_for_it() {
        let rendered = workflow(Path::new("seeds"), Path::new("out"), true).unwrap();
        let file = include_str!("../../.github/workflows/briefing.yml");
        assert!(
            rendered == file,
            ".github/workflows/briefing.yml differs from templates/init/workflow.yml.tera \
             rendered for this repository: edit the template, then run \
             `cargo run --example repository_workflow > .github/workflows/briefing.yml`"
        );
    }

    #[test]
    fn a_project_workflow_runs_briefing_on_its_own_folders() {
        let text = workflow(Path::new("news/2024"), Path::new("site"), false).unwrap();
        assert!(text.contains("\"news/2024/**\""), "{text}");
        assert!(text.contains("run: briefing check"), "{text}");
        assert!(text.contains("run: briefing build"), "{text}");
        assert!(text.contains("git add site/"), "{text}");
        assert!(
            !text.contains("cargo test") && !text.contains("src/**"),
            "{text}"
        );
    }

    #[test]
    fn config_with_awkward_strings_parses_back() {
        let theme = Suggestion {
            id: "a-b".into(),
            title: "Quotes \" and \\ back\nslash".into(),
            terms: vec!["o'clock".into(), "\"x\"".into(), "tab\there".into()],
            sentences: 3,
        };
        let text = config(
            "T \"q\" \\",
            Path::new("my articles"),
            Path::new("out"),
            std::slice::from_ref(&theme),
        )
        .unwrap();
        let parsed = Config::parse(&text, Path::new("briefing.toml")).unwrap();
        assert_eq!(parsed.title, "T \"q\" \\");
        assert_eq!(parsed.input, Path::new("my articles"));
        assert_eq!(parsed.themes[0].title, theme.title);
        assert_eq!(parsed.themes[0].terms, theme.terms);
    }

    #[test]
    fn config_shows_every_default_and_parses_to_them() {
        let text = config("T", Path::new("articles"), Path::new("out"), &[]).unwrap();
        let parsed = Config::parse(&text, Path::new("briefing.toml")).unwrap();
        let defaults = Config {
            title: "T".into(),
            input: "articles".into(),
            ..Config::default()
        };
        assert_eq!(parsed, defaults);
        // Every key of the configuration appears, set or commented out.
        for key in [
            "title =",
            "input =",
            "output =",
            "language =",
            "date =",
            "sentences =",
            "key_terms =",
            "terms =",
            "position =",
            "paragraph =",
            "length =",
            "quote =",
            "redundancy =",
            "points_per_theme =",
            "articles_shown =",
            "learn =",
            "similarity =",
            "neighbours =",
            "threshold =",
            "learned_share =",
            "urls =",
            "contact =",
            "[[themes]]",
            "id =",
            "description =",
            "exclude =",
        ] {
            assert!(text.contains(key), "{key} missing from\n{text}");
        }
    }
}
