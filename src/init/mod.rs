//! `briefing init`: makes a project around a folder of articles — `briefing.toml` (every key
//! shown, themes suggested from the articles), `.gitignore` lines for the cache, and a GitHub
//! workflow that keeps the briefing current. Nothing is overwritten unless asked.

mod article_groups;
mod cluster;
pub mod files;
pub mod suggest;

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::cache::CACHE_DIR;
use crate::config::{CONFIG_FILE, Config};
use crate::corpus;
use crate::error::{Error, Result, Warning};
use crate::pipeline;
use crate::processed::Processed;
use crate::theme_terms::ThemeMatcher;

pub use suggest::Suggestion;

/// The themes `init` suggests for articles processed with the default settings and no themes
/// (as `init` reads them), strongest first: groups of articles where the corpus has several
/// subjects, else groups of the terms its articles share.
pub fn suggest_themes(articles: &[Processed]) -> Vec<Suggestion> {
    let by_articles = article_groups::suggest(articles);
    if by_articles.len() >= article_groups::ENOUGH_THEMES {
        by_articles
    } else {
        suggest::suggest(articles)
    }
}

/// The articles folder a project gets when none is named or found.
pub const DEFAULT_INPUT: &str = "articles";
/// The output folder of a new project.
pub const DEFAULT_OUTPUT: &str = "out";
/// The workflow file, relative to the project folder.
pub const WORKFLOW_FILE: &str = ".github/workflows/briefing.yml";
/// The script of the workflow's steps, relative to the project folder.
pub const CI_SCRIPT_FILE: &str = ".github/briefing/ci.sh";
/// The sample article's file name.
pub const SAMPLE_FILE: &str = "sample-article.md";

/// Files at a project's top level that are about the project, not articles.
const PROJECT_DOCUMENTS: &[&str] = &[
    "readme",
    "license",
    "licence",
    "changelog",
    "contributing",
    "notice",
];

/// What `briefing init` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The project folder (made if missing).
    pub dir: PathBuf,
    /// The articles folder, relative to `dir`; found or made when not given.
    pub input: Option<PathBuf>,
    /// Replace `briefing.toml` and the workflow when they exist.
    pub force: bool,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Made anew.
    Created,
    /// Replaced (`--force`).
    Replaced,
    /// Lines added to the end of an existing file.
    Appended,
    /// Already as needed: left alone.
    Kept,
}

/// What `briefing init` did.
#[derive(Debug)]
pub struct Report {
    /// Each file touched (path within the project folder) and what was done to it, in order.
    pub files: Vec<(PathBuf, Action)>,
    /// The articles folder, relative to the project folder.
    pub input: PathBuf,
    /// How many articles it holds (the sample included).
    pub articles: usize,
    /// The themes suggested and written into `briefing.toml`.
    pub themes: Vec<Suggestion>,
    /// Files in the articles folder that were skipped while reading them.
    pub warnings: Vec<Warning>,
}

/// Makes the project: checks that nothing would be overwritten (unless `force`), finds or makes
/// the articles folder, suggests themes from its articles, and writes the files.
pub fn init(options: &Options) -> Result<Report> {
    let dir = &options.dir;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let input = match &options.input {
        Some(given) => given_input(dir, given)?,
        None => found_input(dir)?,
    };
    let output = PathBuf::from(DEFAULT_OUTPUT);
    let targets = [
        PathBuf::from(CONFIG_FILE),
        PathBuf::from(WORKFLOW_FILE),
        PathBuf::from(CI_SCRIPT_FILE),
    ];
    let existing: Vec<&PathBuf> = targets.iter().filter(|t| dir.join(t).exists()).collect();
    if !options.force && !existing.is_empty() {
        let names: Vec<String> = existing
            .iter()
            .map(|p| dir.join(p).display().to_string())
            .collect();
        return Err(Error::Usage(format!(
            "{} already {}; nothing was written. Pass --force to replace {} (the articles and \
             .gitignore are never replaced)",
            names.join(" and "),
            if names.len() == 1 { "exists" } else { "exist" },
            if names.len() == 1 { "it" } else { "them" },
        )));
    }

    let mut files = Vec::new();
    let input_dir = dir.join(&input);
    std::fs::create_dir_all(&input_dir).map_err(|e| Error::io(&input_dir, e))?;
    let (mut paths, mut warnings) = corpus::discover(&input_dir)?;
    if paths.is_empty() {
        let sample = input_dir.join(SAMPLE_FILE);
        create_new(&sample, files::SAMPLE_ARTICLE)?;
        files.push((input.join(SAMPLE_FILE), Action::Created));
        paths.push(sample);
    }
    let articles = read_articles(&input_dir, &paths, &mut warnings);
    let themes = suggest_themes(&articles);

    let config = files::config(&title(dir), &input, &output, &themes)?;
    // What is written must load: a bad combination (such as --input out) is refused here.
    Config::parse(&config, &dir.join(CONFIG_FILE))?;
    let workflow = files::workflow(&input, &output, false)?;
    let script = files::CI_SCRIPT.to_string();
    for (path, text) in targets.iter().zip([config, workflow, script]) {
        let action = if existing.contains(&path) {
            Action::Replaced
        } else {
            Action::Created
        };
        write(&dir.join(path), &text)?;
        if path == Path::new(CI_SCRIPT_FILE) {
            make_executable(&dir.join(path))?;
        }
        files.push((path.clone(), action));
    }
    files.push((
        PathBuf::from(".gitignore"),
        ignore_cache(&dir.join(".gitignore"))?,
    ));
    Ok(Report {
        files,
        input,
        articles: paths.len(),
        themes,
        warnings,
    })
}

/// `--input`: a folder inside the project folder, relative to it (an absolute path is accepted
/// when it lies inside), and not the project folder itself.
fn given_input(dir: &Path, given: &Path) -> Result<PathBuf> {
    let relative = if given.is_absolute() {
        let inside = std::fs::canonicalize(dir)
            .ok()
            .zip(std::fs::canonicalize(given).ok())
            .and_then(|(d, g)| g.strip_prefix(d).ok().map(Path::to_path_buf));
        inside.ok_or_else(|| {
            Error::Usage(format!(
                "--input {}: give a folder inside the project folder {} (relative to it), where the \
                 build reads articles from",
                given.display(),
                dir.display()
            ))
        })?
    } else {
        given.to_path_buf()
    };
    let parts: Vec<Component> = relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if parts.iter().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(Error::Usage(format!(
            "--input {}: give a folder inside the project folder {}, relative to it",
            given.display(),
            dir.display()
        )));
    }
    if parts.is_empty() {
        return Err(own_folder_needed(dir));
    }
    Ok(parts.iter().collect())
}

/// Without `--input`: `articles/` when it exists; else the one folder below `dir` that holds
/// all its articles; else a new `articles/`. Articles at the top level, or in several folders,
/// are an error that says what to do.
fn found_input(dir: &Path) -> Result<PathBuf> {
    if dir.join(DEFAULT_INPUT).is_dir() {
        return Ok(PathBuf::from(DEFAULT_INPUT));
    }
    let (paths, _) = corpus::discover(dir)?;
    let mut top_level = Vec::new();
    let mut folders = std::collections::BTreeSet::new();
    for path in &paths {
        let relative = path.strip_prefix(dir).unwrap_or(path);
        let mut parts = relative.components();
        let first = parts.next().map(|c| c.as_os_str().to_owned());
        match (first, parts.next()) {
            (Some(folder), Some(_)) => {
                folders.insert(PathBuf::from(folder));
            }
            (Some(file), None) => {
                let stem = Path::new(&file)
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                if !PROJECT_DOCUMENTS.contains(&stem.as_str()) {
                    top_level.push(file.to_string_lossy().into_owned());
                }
            }
            _ => {}
        }
    }
    folders.remove(Path::new(DEFAULT_OUTPUT));
    if !top_level.is_empty() {
        return Err(Error::Usage(format!(
            "{} holds articles itself ({}{}). {}",
            dir.display(),
            top_level
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            if top_level.len() > 3 { ", …" } else { "" },
            own_folder_needed(dir)
        )));
    }
    match folders.len() {
        0 => Ok(PathBuf::from(DEFAULT_INPUT)),
        1 => Ok(folders.into_iter().next().unwrap_or_default()),
        _ => Err(Error::Usage(format!(
            "articles are in several folders of {} ({}); pass --input FOLDER to choose the one \
             to brief",
            dir.display(),
            folders
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Why the project folder itself cannot be the articles folder, and what to do.
fn own_folder_needed(dir: &Path) -> Error {
    Error::Usage(format!(
        "a project keeps its articles in a folder of their own, beside briefing.toml and the \
         output folder (which must not be inside it): move them into {} and run `briefing init` \
         again, or run `briefing init NEW-FOLDER` and put them in NEW-FOLDER/{DEFAULT_INPUT}",
        dir.join(DEFAULT_INPUT).display()
    ))
}

/// Reads and analyses the articles (in parallel, in the order given), as a build does; files
/// that cannot be read become warnings.
fn read_articles(input: &Path, paths: &[PathBuf], warnings: &mut Vec<Warning>) -> Vec<Processed> {
    let config = Config::default();
    let matcher = ThemeMatcher::new(&[]);
    let results: Vec<(Vec<Processed>, Vec<Warning>)> = paths
        .par_iter()
        .map(|path| {
            let mut local = Vec::new();
            let processed = match corpus::read(input, path, &mut local) {
                Ok(docs) => docs
                    .into_iter()
                    .filter_map(|doc| match pipeline::readable(&doc, &config, path) {
                        Ok(language) => Some(pipeline::process_in(doc, language, &matcher)),
                        Err(warning) => {
                            local.push(warning);
                            None
                        }
                    })
                    .collect(),
                Err(error) => {
                    local.push(Warning {
                        path: path.clone(),
                        line: None,
                        message: format!("skipped: {error}"),
                    });
                    Vec::new()
                }
            };
            (processed, local)
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    for (processed, local) in results {
        warnings.extend(local);
        articles.extend(processed);
    }
    articles
}

/// The title of a new project's briefing: from its folder's name.
fn title(dir: &Path) -> String {
    let name = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.trim().is_empty());
    match name {
        Some(name) => format!("Briefing: {name}"),
        None => "Briefing".into(),
    }
}

/// Adds the cache folder to `.gitignore` (made if missing; an existing one is added to, never
/// replaced).
fn ignore_cache(path: &Path) -> Result<Action> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(path, e)),
    };
    let Some(existing) = existing else {
        create_new(path, files::GITIGNORE)?;
        return Ok(Action::Created);
    };
    let listed = existing.lines().any(|line| {
        let line = line.trim().trim_start_matches('/');
        line.trim_end_matches('/') == CACHE_DIR
    });
    if listed {
        return Ok(Action::Kept);
    }
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let separator = if existing.is_empty() || existing.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    file.write_all(format!("{separator}{}", files::GITIGNORE).as_bytes())
        .map_err(|e| Error::io(path, e))?;
    Ok(Action::Appended)
}

/// Writes a file that must not exist yet.
fn create_new(path: &Path, text: &str) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))
}

/// Lets everyone run a script (it is also run as `bash FILE`, where the mode does not matter).
fn make_executable(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| Error::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Writes a file, making its folder.
fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(path, text).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests;
