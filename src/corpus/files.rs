//! Which files of the input folder are articles, in what order, under what id, and of what
//! kind (text, Markdown, saved page, feed).

use std::path::{Path, PathBuf};

use super::feed;
use crate::error::{Error, Result, Warning};

/// File extensions read as articles.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text"];
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown"];
const PAGE_EXTENSIONS: &[&str] = &["html", "htm"];
/// Always feeds; `.xml` and `.json` files are feeds when their content says so.
const FEED_EXTENSIONS: &[&str] = &["rss", "atom"];

/// How much of an `.xml` or `.json` file is read to tell whether it is a feed.
const SNIFF_BYTES: u64 = 4096;

/// Lists the article files below `input`, sorted by path; other files are reported as warnings.
/// Symbolic links are not followed.
pub fn discover(input: &Path) -> Result<(Vec<PathBuf>, Vec<Warning>)> {
    if !input.is_dir() {
        return Err(Error::Input {
            path: input.to_path_buf(),
            line: None,
            message:
                "the input folder does not exist or is not a folder; set `input` in briefing.toml"
                    .into(),
        });
    }
    // Walked in the order the system lists the folders, then sorted once by path, component
    // by component (as a sorted walk would list them): cheaper than sorting every folder.
    let mut files: Vec<(Vec<u8>, PathBuf)> = Vec::new();
    let mut warnings: Vec<(Vec<u8>, Warning)> = Vec::new();
    let walker = walkdir::WalkDir::new(input)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let warn = |path: &Path, message: String| {
        let warning = Warning {
            path: path.to_path_buf(),
            line: None,
            message,
        };
        (order_key(path), warning)
    };
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(input);
                warnings.push(warn(path, format!("cannot be read ({e}); skipped")));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_symlink() {
            warnings.push(warn(
                path,
                "is a symbolic link; links are not followed, skipped".into(),
            ));
        } else if entry.file_type().is_file() {
            if article_kind(path).is_some() {
                files.push((order_key(path), entry.into_path()));
            } else {
                warnings.push(warn(
                    path,
                    "is not an article (.txt, .md, .html, or a feed: .rss, .atom, .xml, JSON \
                     Feed .json); skipped"
                        .into(),
                ));
            }
        }
    }
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    warnings.sort_by(|a, b| a.0.cmp(&b.0));
    let files: Vec<PathBuf> = files.into_iter().map(|(_, path)| path).collect();
    let mut warnings: Vec<Warning> = warnings.into_iter().map(|(_, w)| w).collect();
    // `dup.txt` and `dup.md` are both article `dup`: said, and both kept.
    let mut first_with: foldhash::HashMap<String, &Path> = Default::default();
    for path in &files {
        let id = article_id(input, path);
        if let Some(first) = first_with.get(&id) {
            warnings.push(Warning {
                path: path.clone(),
                line: None,
                message: format!(
                    "has the same article id `{id}` as {}; both are briefed, but ids should be \
                     unique (they name articles in briefing.json): rename one",
                    first.display()
                ),
            });
        } else {
            first_with.insert(id, path);
        }
    }
    Ok((files, warnings))
}

/// A key that sorts paths as [`Path`]'s order does, component by component, by comparing
/// bytes: the components joined by a zero byte, which no name holds and which sorts before
/// every other.
fn order_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len());
    for (i, part) in path.components().enumerate() {
        if i > 0 {
            key.push(0);
        }
        key.extend_from_slice(part.as_os_str().as_encoded_bytes());
    }
    key
}

/// What an article file holds, and so how it is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    Markdown,
    Page,
    Feed,
}

/// What kind of article file `path` is, by its extension; an `.xml` or `.json` file is read
/// (its first bytes) to tell whether it is a feed.
pub(super) fn article_kind(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let ext = ext.as_str();
    if TEXT_EXTENSIONS.contains(&ext) {
        Some(Kind::Text)
    } else if MARKDOWN_EXTENSIONS.contains(&ext) {
        Some(Kind::Markdown)
    } else if PAGE_EXTENSIONS.contains(&ext) {
        Some(Kind::Page)
    } else if FEED_EXTENSIONS.contains(&ext) {
        Some(Kind::Feed)
    } else if ext == "xml" || ext == "json" {
        use std::io::Read;
        let mut head = Vec::new();
        let file = crate::bounded::open_regular(path).ok()?;
        file.take(SNIFF_BYTES).read_to_end(&mut head).ok()?;
        feed::sniff(&head, ext == "json").then_some(Kind::Feed)
    } else {
        None
    }
}

/// The article's id: its path below the input folder, without extension.
pub fn article_id(input: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(input).unwrap_or(path);
    let mut id = String::with_capacity(rel.as_os_str().len());
    let mut parts = rel.components().peekable();
    while let Some(part) = parts.next() {
        let name = part.as_os_str();
        if parts.peek().is_some() {
            id.push_str(&name.to_string_lossy());
            id.push('/');
        } else {
            // The last one without its extension, as `Path::with_extension("")` drops it.
            let stem = Path::new(name).file_stem().unwrap_or(name);
            id.push_str(&stem.to_string_lossy());
        }
    }
    id
}
