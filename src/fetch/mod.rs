//! `briefing fetch`: downloads pages and feeds into the input folder, politely ([`client`]), so
//! that the build itself never touches the network.
//!
//! Each URL's response is saved as one file named from the URL ([`naming`]), written atomically,
//! and recorded in the folder's manifest ([`manifest`]); a file fetch did not write, or that was
//! edited since, is never overwritten. A URL fetched before is asked for conditionally (its
//! ETag and Last-Modified), so a second run reports it unchanged without downloading it. A feed
//! is saved and its items' links ([`feed`]) fetched as pages too. A URL that fails is reported
//! and the others go on.

pub mod client;
pub mod feed;
pub mod manifest;
pub mod naming;
pub mod robots;

use std::collections::HashSet;
use std::path::Path;

use url::Url;

use crate::error::{Error, Result};
use client::{Client, Fetched, Settings, Validators};
use manifest::{Entry, Manifest};
use naming::Kind;

/// What to fetch besides the URLs given, and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// How the client behaves (user agent, pacing, timeout, size cap).
    pub settings: Settings,
    /// Fetch the pages a feed's items link to.
    pub items: bool,
    /// The most items fetched per feed, in feed order.
    pub max_items: usize,
}

/// What became of a URL that was fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Saved to a file it did not have before.
    New,
    /// Its file was replaced by a changed response.
    Updated,
    /// The server said it was not modified, or sent the same bytes: its file was left as it is.
    Unchanged,
}

impl Status {
    /// The word shown for it.
    pub fn word(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Updated => "updated",
            Status::Unchanged => "unchanged",
        }
    }
}

/// A URL's status and its file name in the input folder, or why it failed.
pub type UrlResult = std::result::Result<(Status, String), String>;

/// What became of one URL.
#[derive(Debug)]
pub struct Outcome {
    /// The URL.
    pub url: Url,
    /// The feed it is an item of, when it is one.
    pub feed: Option<Url>,
    /// Its status and the file name in the input folder, or why it failed.
    pub result: UrlResult,
}

/// How many URLs came to what.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Saved for the first time.
    pub new: usize,
    /// Replaced with a changed response.
    pub updated: usize,
    /// Found unchanged.
    pub unchanged: usize,
    /// Failed (each reported with its reason).
    pub failed: usize,
}

/// A URL done: its status, its file, and the links of its items when it is a feed.
struct Done {
    status: Status,
    file: String,
    items: Vec<Url>,
}

/// Why a URL was not done: a reason that concerns the URL alone, or a failure that stops the
/// run (the manifest cannot be written).
enum Failure {
    Url(String),
    Fatal(Error),
}

impl From<String> for Failure {
    fn from(reason: String) -> Failure {
        Failure::Url(reason)
    }
}

/// Fetches `urls` (and their feeds' items) into input folder `dir`, calling `report` as each
/// URL is done; errors only when the run cannot go on (the manifest cannot be read or written).
pub fn fetch_all(
    dir: &Path,
    urls: &[Url],
    options: &Options,
    report: &mut dyn FnMut(&Outcome),
) -> Result<Tally> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut run = Run {
        dir,
        manifest: Manifest::load(dir)?,
        client: Client::new(options.settings.clone()),
        max_bytes: options.settings.max_bytes,
    };
    let mut tally = Tally::default();
    let mut seen = HashSet::new();
    let mut note = |outcome: Outcome, tally: &mut Tally| {
        match &outcome.result {
            Ok((Status::New, _)) => tally.new += 1,
            Ok((Status::Updated, _)) => tally.updated += 1,
            Ok((Status::Unchanged, _)) => tally.unchanged += 1,
            Err(_) => tally.failed += 1,
        }
        report(&outcome);
    };
    for url in urls {
        if !seen.insert(url.clone()) {
            continue;
        }
        let (result, items) = split(run.one(url, None))?;
        note(
            Outcome {
                url: url.clone(),
                feed: None,
                result,
            },
            &mut tally,
        );
        if !options.items {
            continue;
        }
        for item in items.into_iter().take(options.max_items) {
            if !seen.insert(item.clone()) {
                continue;
            }
            let (result, _) = split(run.one(&item, Some(url)))?;
            note(
                Outcome {
                    url: item,
                    feed: Some(url.clone()),
                    result,
                },
                &mut tally,
            );
        }
    }
    if dir.join(manifest::JOURNAL_FILE).exists() {
        run.manifest.store(dir)?;
    }
    Ok(tally)
}

/// A URL's result for its outcome, with its feed items; a fatal failure as an error.
fn split(done: std::result::Result<Done, Failure>) -> Result<(UrlResult, Vec<Url>)> {
    match done {
        Ok(done) => Ok((Ok((done.status, done.file)), done.items)),
        Err(Failure::Url(reason)) => Ok((Err(reason), Vec::new())),
        Err(Failure::Fatal(error)) => Err(error),
    }
}

/// One fetch run over an input folder.
struct Run<'a> {
    dir: &'a Path,
    manifest: Manifest,
    client: Client,
    max_bytes: u64,
}

/// Whether a file fetch wrote is still as it wrote it.
#[derive(Debug, PartialEq, Eq)]
enum OnDisk {
    /// Not there (removed since).
    Missing,
    /// There, with the hash recorded.
    AsWritten,
    /// There but changed, or no longer a regular file.
    Changed,
}

impl Run<'_> {
    /// Fetches `url` (an item of `feed`, if given), saves it and records it.
    fn one(&mut self, url: &Url, feed: Option<&Url>) -> std::result::Result<Done, Failure> {
        let key = url.as_str();
        let previous = self.manifest.get(key).cloned();
        let mut validators = None;
        if let Some(entry) = &previous {
            match on_disk(self.dir, entry) {
                OnDisk::AsWritten => {
                    validators = Some(Validators {
                        etag: entry.etag.clone(),
                        last_modified: entry.last_modified.clone(),
                    });
                }
                OnDisk::Missing => {}
                OnDisk::Changed => {
                    return Err(Failure::Url(format!(
                        "{} was changed since briefing fetch wrote it, and fetch does not \
                         overwrite edits: move it out of the input folder to fetch this URL again",
                        entry.file
                    )));
                }
            }
        }
        let page = match self.client.get(url, validators.as_ref())? {
            Fetched::NotModified => {
                // Validators are only sent for an entry whose file is as written.
                let Some(entry) = previous else {
                    return Err(Failure::Url("HTTP 304 to an unconditional request".into()));
                };
                let items = self.saved_items(&entry);
                return Ok(Done {
                    status: Status::Unchanged,
                    file: entry.file,
                    items,
                });
            }
            Fetched::Page(page) => page,
        };
        let items = if page.kind.is_feed() {
            feed::item_links(&page.bytes, &page.final_url)?
        } else {
            Vec::new()
        };
        let name = naming::file_name(url, page.kind);
        if let Some(owner) = self.manifest.owner(&name).filter(|owner| *owner != key) {
            return Err(Failure::Url(format!(
                "its file name {name} is already that of {owner}; not saved"
            )));
        }
        let path = self.dir.join(&name);
        let ours = previous.as_ref().filter(|p| p.file == name);
        let exists = path.symlink_metadata().is_ok();
        if exists && ours.is_none() {
            return Err(Failure::Url(format!(
                "{} already exists and was not written by briefing fetch; move it away to fetch \
                 this URL",
                path.display()
            )));
        }
        let hash = blake3::hash(&page.bytes).to_hex().to_string();
        let status = match ours {
            Some(entry) if exists && entry.hash == hash => Status::Unchanged,
            Some(_) if exists => Status::Updated,
            _ => Status::New,
        };
        if status != Status::Unchanged {
            manifest::write_atomically(self.dir, &name, &page.bytes)
                .map_err(|e| Failure::Url(format!("cannot be saved: {e}")))?;
        }
        let fetched_at = match ours {
            Some(entry) if status == Status::Unchanged => entry.fetched_at.clone(),
            _ => humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
        };
        if let Some(old) = previous.as_ref().filter(|p| p.file != name) {
            // The URL now answers with another kind of file: the old one, fetch's own and
            // unedited (checked above), goes.
            let _ = std::fs::remove_file(self.dir.join(&old.file));
        }
        let entry = Entry {
            file: name.clone(),
            final_url: page.final_url.to_string(),
            fetched_at,
            hash,
            content_type: page.content_type,
            etag: page.validators.etag,
            last_modified: page.validators.last_modified,
            feed: feed.map(|f| f.to_string()),
        };
        if previous.as_ref() != Some(&entry) {
            self.manifest
                .record(self.dir, key, entry)
                .map_err(Failure::Fatal)?;
        }
        Ok(Done {
            status,
            file: name,
            items,
        })
    }

    /// The item links of a feed fetched before, read from its file (none when it is not a feed
    /// or no longer reads as one).
    fn saved_items(&self, entry: &Entry) -> Vec<Url> {
        let is_feed = Kind::from_content_type(&entry.content_type).is_some_and(Kind::is_feed);
        if !is_feed {
            return Vec::new();
        }
        let base = Url::parse(&entry.final_url).ok();
        match (
            crate::bounded::read(&self.dir.join(&entry.file), self.max_bytes),
            base,
        ) {
            (Ok(bytes), Some(base)) => feed::item_links(&bytes, &base).unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// Whether `entry`'s file is still as fetch wrote it (hashed as it is read, never held whole).
fn on_disk(dir: &Path, entry: &Entry) -> OnDisk {
    let path = dir.join(&entry.file);
    let mut file = match crate::bounded::open_regular(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return OnDisk::Missing,
        Err(_) => return OnDisk::Changed,
    };
    let mut hasher = blake3::Hasher::new();
    match std::io::copy(&mut file, &mut hasher) {
        Ok(_) if hasher.finalize().to_hex().as_str() == entry.hash => OnDisk::AsWritten,
        _ => OnDisk::Changed,
    }
}
