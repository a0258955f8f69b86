//! What changed since the previous build: the briefing is compared with the `briefing.json` it
//! is about to replace, never with a clock.
//!
//! An article is matched by its id and is *updated* when its content hash ([`content_hash`]:
//! what was read, not the scores, which move when other articles come and go) differs. A point
//! is matched by its text within its theme. When the articles (ids and hashes) and every
//! theme's points are the same as the previous briefing's, its `changes` are kept as they were:
//! so a rebuild of an unchanged project writes the same bytes, and `check` finds a fresh build
//! current, while the briefing still says what its last real change was.

use std::io::BufReader;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cache::Cache;
use crate::cache::stamp::Stamp;
use crate::digest::Digest;
use crate::model::articles::Head;
use crate::model::{Article, Briefing, ChangedArticle, Changes, ThemeChange};

/// The 16 hex digits of blake3 over what was read of an article: title, source, authors,
/// date, URL, teaser flag and sentence texts, each length-prefixed. The fields are laid out
/// in one buffer and hashed in one call: blake3 hashes many chunks of one input at once, where
/// field by field it went a block at a time (11 instructions per byte of `summarize`'s 290,
/// against 7).
pub fn content_hash(article: &Article) -> String {
    let text: usize = article.sentences.iter().map(|s| s.text.len() + 8).sum();
    let mut bytes: Vec<u8> = Vec::with_capacity(text + 256);
    let mut field = |text: &str| {
        bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
        bytes.extend_from_slice(text.as_bytes());
    };
    field(&article.title);
    field(article.source.as_deref().unwrap_or("\u{0}none"));
    for author in &article.authors {
        field(author);
    }
    field("\u{0}authors end");
    field(article.date.as_deref().unwrap_or("\u{0}none"));
    field(article.url.as_deref().unwrap_or("\u{0}none"));
    field(if article.teaser { "teaser" } else { "full" });
    for sentence in &article.sentences {
        field(&sentence.text);
    }
    blake3::hash(&bytes).to_hex()[..16].to_string()
}

/// What is needed of the previous `briefing.json` (the rest is skipped as it is read).
#[derive(Debug, Serialize, Deserialize)]
pub struct Previous {
    articles: Vec<PreviousArticle>,
    themes: Vec<PreviousTheme>,
    #[serde(default)]
    changes: Changes,
}

#[derive(Debug, Serialize, Deserialize)]
struct PreviousArticle {
    id: String,
    path: String,
    title: String,
    #[serde(default)]
    hash: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct PreviousTheme {
    id: String,
    points: Vec<PreviousPoint>,
}

#[derive(Debug, Serialize, Deserialize)]
struct PreviousPoint {
    text: String,
}

/// The articles added, updated and removed between two briefings, as paths.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ArticleDiff {
    /// Paths of new articles.
    pub added: Vec<String>,
    /// Paths of articles whose content changed.
    pub updated: Vec<String>,
    /// Paths of articles that are gone.
    pub removed: Vec<String>,
}

impl Previous {
    /// What a later build needs of `briefing`, the briefing just written.
    pub fn of(briefing: &Briefing) -> Previous {
        Previous {
            articles: briefing
                .articles
                .heads()
                .map(|a| PreviousArticle {
                    id: a.id.to_string(),
                    path: a.path.to_string(),
                    title: a.title.to_string(),
                    hash: a.hash.to_string(),
                })
                .collect(),
            themes: briefing
                .themes
                .iter()
                .map(|t| PreviousTheme {
                    id: t.id.clone(),
                    points: t
                        .points
                        .iter()
                        .map(|p| PreviousPoint {
                            text: p.text.clone(),
                        })
                        .collect(),
                })
                .collect(),
            changes: briefing.changes.clone(),
        }
    }

    /// Reads `briefing.json`: `Ok(None)` when there is none, `Err` (saying why) when it cannot
    /// be read or is not a briefing.
    pub fn read(path: &Path) -> Result<Option<Previous>, String> {
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        serde_json::from_reader(BufReader::new(file))
            .map(Some)
            .map_err(|e| format!("not a briefing ({e})"))
    }

    /// The changes `briefing` makes to this briefing: its own `changes` when the articles and
    /// points are the same, else the difference.
    pub fn changes_to(&self, briefing: &Briefing) -> Changes {
        if self.same_content(briefing) {
            return self.changes.clone();
        }
        let before: foldhash::HashMap<&str, &PreviousArticle> =
            self.articles.iter().map(|a| (a.id.as_str(), a)).collect();
        let now: foldhash::HashSet<&str> = briefing.articles.heads().map(|a| a.id).collect();
        let entry = |(i, a): (usize, Head<'_>)| ChangedArticle {
            id: a.id.to_string(),
            path: a.path.to_string(),
            title: a.title.to_string(),
            number: Some(i + 1),
        };
        let numbered = || briefing.articles.heads().enumerate();
        let points_before: foldhash::HashMap<&str, foldhash::HashSet<&str>> = self
            .themes
            .iter()
            .map(|t| {
                (
                    t.id.as_str(),
                    t.points.iter().map(|p| p.text.as_str()).collect(),
                )
            })
            .collect();
        Changes {
            compared: true,
            added: numbered()
                .filter(|(_, a)| !before.contains_key(a.id))
                .map(entry)
                .collect(),
            updated: numbered()
                .filter(|(_, a)| before.get(a.id).is_some_and(|b| b.updated(*a)))
                .map(entry)
                .collect(),
            removed: self
                .articles
                .iter()
                .filter(|a| !now.contains(a.id.as_str()))
                .map(|a| ChangedArticle {
                    id: a.id.clone(),
                    path: a.path.clone(),
                    title: a.title.clone(),
                    number: None,
                })
                .collect(),
            themes: briefing
                .themes
                .iter()
                .filter_map(|theme| {
                    let known = points_before.get(theme.id.as_str());
                    let new_points: Vec<String> = theme
                        .points
                        .iter()
                        .filter(|p| known.is_none_or(|k| !k.contains(p.text.as_str())))
                        .map(|p| p.text.clone())
                        .collect();
                    (!new_points.is_empty()).then(|| ThemeChange {
                        id: theme.id.clone(),
                        new_points,
                    })
                })
                .collect(),
        }
    }

    /// The articles `briefing` adds, updates and removes, as paths (for `check`).
    pub fn article_diff(&self, briefing: &Briefing) -> ArticleDiff {
        let before: foldhash::HashMap<&str, &PreviousArticle> =
            self.articles.iter().map(|a| (a.id.as_str(), a)).collect();
        let now: foldhash::HashSet<&str> = briefing.articles.heads().map(|a| a.id).collect();
        let mut diff = ArticleDiff::default();
        for article in briefing.articles.heads() {
            match before.get(article.id) {
                None => diff.added.push(article.path.to_string()),
                Some(b) if b.updated(article) => diff.updated.push(article.path.to_string()),
                Some(_) => {}
            }
        }
        diff.removed = self
            .articles
            .iter()
            .filter(|a| !now.contains(a.id.as_str()))
            .map(|a| a.path.clone())
            .collect();
        diff
    }

    /// The same articles (ids and hashes, in order) and, per theme, the same point texts.
    fn same_content(&self, briefing: &Briefing) -> bool {
        let same_articles = self.articles.len() == briefing.articles.len()
            && self
                .articles
                .iter()
                .zip(briefing.articles.heads())
                .all(|(b, a)| b.id == a.id && b.hash == a.hash);
        let same_points = self.themes.len() == briefing.themes.len()
            && self.themes.iter().zip(&briefing.themes).all(|(b, t)| {
                b.id == t.id
                    && b.points
                        .iter()
                        .map(|p| p.text.as_str())
                        .collect::<foldhash::HashSet<_>>()
                        == t.points
                            .iter()
                            .map(|p| p.text.as_str())
                            .collect::<foldhash::HashSet<_>>()
            });
        same_articles && same_points
    }
}

impl PreviousArticle {
    /// Its content changed (unknown when the previous build recorded no hash).
    fn updated(&self, now: Head<'_>) -> bool {
        !self.hash.is_empty() && self.hash != now.hash
    }
}

/// The cache key of what a build keeps of the briefing it wrote ([`remember`]).
fn remembered_key() -> blake3::Hash {
    Cache::key(&[b"previous briefing, digest XXH3-128, kept as a text"])
}

/// Stores in the cache what the next build needs of `briefing` ([`Previous::of`] it), as a
/// text entry, while the briefing is being written; its hash, for [`remember`] once the
/// briefing is in place. None when it cannot be encoded.
pub fn keep_previous(cache: &Cache, briefing: &Briefing) -> Option<blake3::Hash> {
    let bytes = postcard::to_stdvec(&Previous::of(briefing)).ok()?;
    Some(cache.store_text(&bytes))
}

/// Keeps in the cache, for the next build, the hash of the `briefing.json` just written with
/// what that build needs of it (`previous`, from [`keep_previous`]): reading that back from a
/// large `briefing.json` takes seconds (a 50,000-article briefing is 450 MB), the cache's copy
/// milliseconds. The file's stamp, taken once it is in place, spares the next build hashing it
/// again.
pub fn remember(cache: &Cache, json: (Digest, Option<Stamp>), previous: &blake3::Hash) {
    let (hash, stamp) = json;
    cache.store(
        &remembered_key(),
        &(hash.to_bytes(), stamp, *previous.as_bytes()),
    );
}

/// The previous briefing as the cache keeps it, when it stands for the `briefing.json` that is
/// in `out` now (checked by its stamp, else by its hash: a file replaced or edited since is
/// read instead).
fn remembered(cache: &Cache, path: &Path) -> Option<Previous> {
    type Kept = ([u8; 16], Option<Stamp>, [u8; 32]);
    let (hash, stamp, previous) = cache.load::<Kept>(&remembered_key())?;
    let current = (stamp.is_some() && stamp == Stamp::at(path))
        || Digest::of_file(path).ok()? == Digest::from_bytes(hash);
    if !current {
        return None;
    }
    let at = cache.locate_text(&previous)?;
    let bytes = cache.reader()?.read_text(&at, &previous).ok()?;
    postcard::from_bytes(&bytes).ok()
}

/// Fills in `briefing.changes` from the `briefing.json` in `out` (none there: a first build),
/// or from what the cache kept of it ([`remember`]). Returns the previous briefing, and a
/// warning when one is there but cannot be read.
pub fn fill_in(
    out: &Path,
    briefing: &mut Briefing,
    cache: &Cache,
) -> (Option<Previous>, Option<String>) {
    let path = out.join("briefing.json");
    let previous = match remembered(cache, &path) {
        Some(previous) => Ok(Some(previous)),
        None => Previous::read(&path),
    };
    match previous {
        Ok(Some(previous)) => {
            briefing.changes = previous.changes_to(briefing);
            (Some(previous), None)
        }
        Ok(None) => {
            briefing.changes = Changes::default();
            (None, None)
        }
        Err(why) => {
            briefing.changes = Changes::default();
            let warning = format!(
                "{}: cannot read the previous briefing ({why}); its changes are reported as \
                 for a first build",
                path.display()
            );
            (None, Some(warning))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Briefing {
        let mut briefing: Briefing =
            serde_json::from_str(include_str!("../out/briefing.json")).unwrap();
        for article in briefing.articles.held_mut().unwrap() {
            article.hash = content_hash(article);
        }
        briefing
    }

    fn previous(briefing: &Briefing) -> Previous {
        serde_json::from_str(&crate::json::to_string(briefing).unwrap()).unwrap()
    }

    #[test]
    fn unchanged_content_keeps_the_previous_changes() {
        let mut before = seeds();
        before.changes.compared = true;
        before.changes.removed.push(ChangedArticle {
            id: "gone".into(),
            path: "seeds/gone.txt".into(),
            title: "Gone".into(),
            number: None,
        });
        let mut now = seeds();
        now.articles_shown = 1;
        assert_eq!(previous(&before).changes_to(&now), before.changes);
    }

    #[test]
    fn added_updated_removed_and_new_points() {
        let mut before = seeds();
        let gone = before.articles.held_mut().unwrap().remove(0);
        let mut now = seeds();
        let articles = now.articles.held_mut().unwrap();
        articles.pop();
        articles[1].sentences[0].text.push_str(" Tambahan.");
        articles[1].hash = content_hash(&articles[1]);
        now.themes[0].points[0].text = "Poin baru.".into();
        let changes = previous(&before).changes_to(&now);
        assert!(changes.compared);
        assert_eq!(changes.added.len(), 1);
        assert_eq!(changes.added[0].id, gone.id);
        assert_eq!(changes.added[0].number, Some(1));
        assert_eq!(changes.updated.len(), 1);
        assert_eq!(changes.updated[0].id, now.articles.held().unwrap()[1].id);
        assert_eq!(changes.removed.len(), 1);
        assert_eq!(changes.removed[0].number, None);
        assert_eq!(changes.themes.len(), 1);
        assert_eq!(changes.themes[0].new_points, ["Poin baru."]);
        let diff = previous(&before).article_diff(&now);
        assert_eq!(diff.added, [gone.path]);
        assert_eq!(diff.updated.len(), 1);
        assert_eq!(diff.removed.len(), 1);
    }

    #[test]
    fn the_hash_is_of_what_was_read_not_of_scores() {
        let mut article = seeds().articles.held_mut().unwrap().remove(0);
        let hash = content_hash(&article);
        assert_eq!(hash.len(), 16);
        article.sentences[0].score = 0.0;
        article.key_terms.clear();
        assert_eq!(content_hash(&article), hash);
        article.title.push('!');
        assert_ne!(content_hash(&article), hash);
    }

    #[test]
    fn no_or_a_broken_previous_briefing_is_a_first_build() {
        let dir = tempfile::tempdir().unwrap();
        let mut now = seeds();
        now.changes.compared = true;
        let (previous, warning) = fill_in(dir.path(), &mut now, &Cache::disabled());
        assert!(previous.is_none() && warning.is_none());
        assert_eq!(now.changes, Changes::default());
        std::fs::write(dir.path().join("briefing.json"), "{\"articles\": [").unwrap();
        let (previous, warning) = fill_in(dir.path(), &mut now, &Cache::disabled());
        assert!(previous.is_none());
        assert!(
            warning
                .unwrap()
                .contains("cannot read the previous briefing")
        );
    }

    #[test]
    fn the_cache_copy_stands_in_for_the_briefing_it_was_kept_for_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path().join("cache"));
        let written = seeds();
        let json = dir.path().join("briefing.json");
        let text = crate::json::to_string(&written).unwrap();
        std::fs::write(&json, &text).unwrap();
        assert!(remembered(&cache, &json).is_none(), "nothing kept yet");
        let stamp = Stamp::at(&json);
        assert!(cfg!(not(unix)) || stamp.is_some());
        let previous = keep_previous(&cache, &written).unwrap();
        remember(&cache, (Digest::of(text.as_bytes()), stamp), &previous);
        cache.commit(true);
        let cache = Cache::open(dir.path().join("cache"));
        let kept = remembered(&cache, &json).expect("kept for this briefing.json");
        let read = Previous::read(&json).unwrap().unwrap();
        assert_eq!(
            serde_json::to_string(&kept).unwrap(),
            serde_json::to_string(&read).unwrap()
        );
        // The file replaced since (an edit, an older briefing put back): it is read instead.
        let mut older = seeds();
        older.themes[0].points.pop();
        std::fs::write(&json, crate::json::to_string(&older).unwrap()).unwrap();
        assert!(remembered(&cache, &json).is_none());
        let mut now = seeds();
        let (previous, warning) = fill_in(dir.path(), &mut now, &cache);
        assert!(previous.is_some() && warning.is_none());
        assert!(now.changes.compared);
        assert_eq!(
            now.changes.themes.len(),
            1,
            "the point the older briefing lacks is new"
        );
    }
}
