//! The text of the files `briefing init` writes, from the templates in `templates/init/`
//! (compiled in): the configuration, the `.gitignore` lines, the sample article, and the GitHub
//! workflow with the script of its steps, which this repository's own
//! `.github/workflows/briefing.yml` and `.github/briefing/ci.sh` are also made from.

use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};

use crate::config::{BriefingConfig, GroupingConfig, SummaryConfig, Weights};
use crate::error::{Error, Result};
use crate::text::Lang;

use super::suggest::Suggestion;
use super::{CI_SCRIPT_FILE, WORKFLOW_FILE};

/// `briefing.toml`'s template (tera, default delimiters; values come in as TOML literals).
const CONFIG_TEMPLATE: &str = include_str!("../../templates/init/briefing.toml.tera");
/// The workflow's template (tera with `<% %>`, `<< >>` and `<# #>`: GitHub uses `${{ }}`).
pub const WORKFLOW_TEMPLATE: &str = include_str!("../../templates/init/workflow.yml.tera");
/// The script of the workflow's steps (`.github/briefing/ci.sh`): the same in every project, it
/// reads the project's folders and the tool's version from the workflow's environment.
pub const CI_SCRIPT: &str = include_str!("../../templates/init/ci.sh");
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
    context.insert("weights", &Weights::default_for(Lang::Id));
    context.insert("english", &Weights::default_for(Lang::En));
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

/// Renders the GitHub workflow: for a project made by `init` (`repository` false: gets the
/// release binary of briefing, then builds, summarises and commits the briefing with it), or for
/// this repository (`repository` true: also tests the tool when it changed, and builds briefing
/// from source).
pub fn workflow(input: &Path, output: &Path, repository: bool) -> Result<String> {
    let (input, output) = (slashed(input), slashed(output));
    let mut context = Context::new();
    context.insert("repository", &repository);
    context.insert("input", &yaml_string(&input));
    context.insert("output", &output);
    context.insert("output_value", &yaml_string(&output));
    context.insert("output_dir", &yaml_string(&format!("{output}/")));
    context.insert("version", env!("CARGO_PKG_VERSION"));
    context.insert("tool", &tool_repository(TOOL_REPOSITORY));
    let paths: Vec<String> = trigger_paths(&input, &output, repository)
        .iter()
        .map(|p| yaml_string(p))
        .collect();
    context.insert("paths", &paths);
    // What the build cache's key hashes: the inputs of a build (the tool is in its version).
    let hashed = [
        format!("{input}/**"),
        "briefing.toml".into(),
        "templates/**".into(),
    ]
    .iter()
    .map(|p| format!("'{}'", p.replace('\'', "''")))
    .collect::<Vec<_>>()
    .join(", ");
    let key = format!(
        "briefing-cache-${{{{ runner.os }}}}-${{{{ env.BRIEFING_VERSION }}}}-${{{{ hashFiles({hashed}) }}}}"
    );
    context.insert("cache_key", &yaml_string(&key));
    render(WORKFLOW_TEMPLATE, "briefing.yml", &context, true)
}

/// The paths whose change runs the workflow: the articles, the output (a hand edit is rebuilt),
/// the templates, the configuration and the workflow with its script; for this repository also
/// the tool itself (a new version changes the briefing) and what tests it.
pub fn trigger_paths(input: &str, output: &str, repository: bool) -> Vec<String> {
    let mut paths = vec![
        format!("{input}/**"),
        format!("{output}/**"),
        "templates/**".to_string(),
        "briefing.toml".to_string(),
    ];
    if repository {
        paths.extend(
            [
                "src/**",
                "data/**",
                "tests/**",
                "examples/**",
                "Cargo.toml",
                "Cargo.lock",
                ".ci/**",
            ]
            .map(String::from),
        );
    }
    paths.extend([WORKFLOW_FILE, CI_SCRIPT_FILE].map(String::from));
    paths
}

/// `owner/name` of briefing's repository on GitHub, from Cargo.toml's `repository` URL;
/// `OWNER/briefing` (which the workflow's script refuses, saying what to set) when it names none.
fn tool_repository(url: &str) -> String {
    url.trim_end_matches('/')
        .trim_end_matches(".git")
        .strip_prefix("https://github.com/")
        .filter(|name| name.split('/').count() == 2)
        .unwrap_or("OWNER/briefing")
        .to_string()
}

/// A YAML double-quoted scalar holding `text` (a JSON string is one).
fn yaml_string(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
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

    /// How to bring the repository's files back in line with the templates.
    const REGENERATE: &str =
        "edit templates/init/, then run `cargo run --example repository_workflow`";

    #[test]
    fn the_repository_workflow_is_the_template_rendered_for_it() {
        let rendered = workflow(Path::new("seeds"), Path::new("out"), true).unwrap();
        let file = include_str!("../../.github/workflows/briefing.yml");
        assert!(
            rendered == file,
            ".github/workflows/briefing.yml differs from templates/init/workflow.yml.tera \
             rendered for this repository: {REGENERATE}"
        );
        let script = include_str!("../../.github/briefing/ci.sh");
        assert!(
            script == CI_SCRIPT,
            ".github/briefing/ci.sh differs from templates/init/ci.sh: {REGENERATE}"
        );
    }

    #[test]
    fn a_project_workflow_runs_briefing_on_its_own_folders() {
        let text = workflow(Path::new("news/2024"), Path::new("site"), false).unwrap();
        assert!(text.contains("- \"news/2024/**\""), "{text}");
        assert!(text.contains("- \"site/**\""), "{text}");
        assert!(text.contains("BRIEFING_INPUT: \"news/2024\""), "{text}");
        assert!(text.contains("BRIEFING_OUTPUT: \"site\""), "{text}");
        assert!(
            text.contains("hashFiles('news/2024/**', 'briefing.toml', 'templates/**')"),
            "{text}"
        );
        assert!(text.contains("path: \"site/\""), "{text}");
        assert!(
            !text.contains("cargo ") && !text.contains("src/**") && !text.contains("FROM_SOURCE"),
            "{text}"
        );
    }

    #[test]
    fn awkward_folder_names_stay_one_yaml_string_and_one_expression_string() {
        let text = workflow(Path::new("it's \"news\": #1"), Path::new("out"), false).unwrap();
        let yaml: serde_json::Value =
            serde_json::to_value(serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&text).unwrap())
                .unwrap();
        assert_eq!(yaml["env"]["BRIEFING_INPUT"], "it's \"news\": #1");
        assert_eq!(yaml["on"]["push"]["paths"][0], "it's \"news\": #1/**");
        let key = yaml["jobs"]["briefing"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| {
                s["with"]["path"]
                    .as_str()
                    .is_some_and(|p| p.starts_with(".briefing-cache\n"))
            })
            .map(|s| s["with"]["key"].as_str().unwrap().to_string())
            .unwrap();
        assert!(key.contains("hashFiles('it''s \"news\": #1/**', "), "{key}");
    }

    #[test]
    fn the_tool_repository_comes_from_a_github_url_or_is_left_to_fill_in() {
        assert_eq!(
            tool_repository("https://github.com/a/briefing"),
            "a/briefing"
        );
        assert_eq!(tool_repository("https://github.com/a/b.git/"), "a/b");
        assert_eq!(tool_repository(""), "OWNER/briefing");
        assert_eq!(tool_repository("https://gitlab.com/a/b"), "OWNER/briefing");
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
            "points_per_theme =",
            "articles_shown =",
            "learn =",
            "similarity =",
            "neighbours =",
            "threshold =",
            "background =",
            "learned_share =",
            "sample =",
            "urls =",
            "contact =",
            "[[themes]]",
            "id =",
            "description =",
            "exclude =",
        ] {
            assert!(text.contains(key), "{key} missing from\n{text}");
        }
        for key in crate::config::WEIGHT_KEYS {
            assert!(
                text.contains(&format!("# {key} = ")),
                "weight {key} missing from\n{text}"
            );
        }
    }
}
