//! `briefing.toml`: the project's title, folders, summary settings and themes.
//!
//! Unknown keys and wrong types are errors that name the key and line (serde's
//! `deny_unknown_fields` plus the toml crate's spans), so a typo never passes silently.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

mod weights;

pub use weights::{SummaryConfig, WEIGHT_KEYS, WeightSettings, Weights};

/// The file name `briefing` looks for in the project folder.
pub const CONFIG_FILE: &str = "briefing.toml";

/// The largest configuration read (a FIFO or a huge file is refused, not waited on or held).
const MAX_CONFIG: u64 = 16 << 20;

/// The whole configuration, as written in `briefing.toml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The briefing's title.
    pub title: String,
    /// The folder of articles, relative to the project folder (default `articles`, as
    /// `briefing init` makes it).
    #[serde(default = "default_input")]
    pub input: PathBuf,
    /// The folder the briefing is written to, relative to the project folder.
    #[serde(default = "default_output")]
    pub output: PathBuf,
    /// The articles' language: `auto` detects it per article.
    #[serde(default)]
    pub language: LanguageSetting,
    /// A date shown as "generated on" (else `SOURCE_DATE_EPOCH`, else none: no clock is read):
    /// `YYYY-MM-DD`, a real date (anything else is an error naming the line).
    #[serde(default, deserialize_with = "calendar_date")]
    pub date: Option<String>,
    /// How summaries are made.
    #[serde(default)]
    pub summary: SummaryConfig,
    /// How the briefing presents themes.
    #[serde(default)]
    pub briefing: BriefingConfig,
    /// `[grouping]`: how themes reach beyond their terms.
    #[serde(default)]
    pub grouping: GroupingConfig,
    /// `[fetch]`: what `briefing fetch` downloads when given no URL, and how it introduces itself.
    /// Not serialised: the build never uses it, so editing it leaves the briefing current.
    #[serde(default, skip_serializing)]
    pub fetch: FetchConfig,
    /// The themes the material is grouped by.
    #[serde(default)]
    pub themes: Vec<ThemeConfig>,
}

/// `[fetch]`: the pages and feeds `briefing fetch` downloads when given no URL on the command
/// line. The build never reads this: it never touches the network.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct FetchConfig {
    /// Page and feed addresses (http or https only; a bad one is an error naming its line),
    /// with where they are in the file.
    pub urls: Vec<toml::Spanned<String>>,
    /// How site owners can reach whoever runs the fetch (a URL or `mailto:` address), put in the
    /// user agent in place of the project's address.
    pub contact: Option<String>,
}

impl FetchConfig {
    /// The addresses of `urls`, parsed (each was checked when the configuration was read).
    pub fn addresses(&self) -> Vec<url::Url> {
        self.urls
            .iter()
            .filter_map(|u| web_address(u.get_ref()).ok())
            .collect()
    }
}

/// Parses an absolute http or https address with a host; why it is not one, when it is not.
pub fn web_address(text: &str) -> std::result::Result<url::Url, String> {
    let mut url = url::Url::parse(text.trim()).map_err(|e| {
        format!(
            "{text:?} is not a web address ({e}); give one such as \"https://example.com/news\""
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(format!(
            "{text:?} is not an http or https address with a host; only web pages and feeds are fetched"
        ));
    }
    // A fragment names a place in the page, not another page.
    url.set_fragment(None);
    Ok(url)
}

/// `language = "auto" | "id" | "en"`.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSetting {
    /// Detect each article's language from its text.
    #[default]
    Auto,
    /// Indonesian.
    Id,
    /// English.
    En,
}

/// `[grouping]`: how sentences beyond those carrying a theme's terms are put under it (see
/// README, "How themes are assigned").
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct GroupingConfig {
    /// Learn words from the sentences a theme's terms find: a word most of whose sentences are
    /// on the theme becomes evidence for it.
    pub learn: bool,
    /// Compare each sentence with each theme by word vectors (on by default).
    pub similarity: bool,
    /// A sentence with no evidence of its own that continues a themed neighbour takes the
    /// neighbour's themes.
    pub neighbours: bool,
    /// A floor under how close to a theme a sentence must be to join it by similarity: at
    /// least as close as this share of the theme's term-matched sentences (a quantile, 0–1;
    /// 0, the default, leaves the threshold where the seeds part from the rest of the corpus).
    pub threshold: f64,
    /// Which sentences join a theme by similarity only when they (and, in an article of three
    /// sentences or more, their article) are closer to the theme than to the sentences no
    /// theme's terms reach, the corpus's "none of these": `true` those of articles of three
    /// sentences or more, `"all"` every sentence, `false` none.
    pub background: Background,
    /// The share of a word's sentences that must be on a theme for the word to be learned
    /// (0–1; higher is stricter).
    pub learned_share: f64,
    /// The most articles document frequencies and the learn stage read, about: a larger
    /// corpus is sampled by article id (see [`crate::learn::Sample`]), so that an edit outside
    /// the sample leaves what was learned, and every other article's result, as they were.
    pub sample: usize,
}

impl Default for GroupingConfig {
    fn default() -> Self {
        GroupingConfig {
            learn: true,
            // On: it reaches the sentences of a theme that carry none of its words; the
            // article gate and the background keep it from the asides of long articles
            // (README, "How themes are assigned").
            similarity: true,
            neighbours: true,
            threshold: 0.0,
            background: Background::Bodies,
            learned_share: 0.6,
            sample: crate::learn::LEARN_SAMPLE,
        }
    }
}

/// `grouping.background`: which sentences similarity measures against the corpus's "none of
/// these" (README, "How themes are assigned"). Written `true`, `false` or `"all"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// No sentence (`false`).
    Off,
    /// The sentences of articles of three sentences or more, and those articles (`true`).
    Bodies,
    /// Every sentence, also those of one- and two-sentence articles, a feed's teasers or a
    /// wire's flashes (`"all"`).
    All,
}

impl Background {
    /// Whether a sentence of an article with a body (three sentences or more) or without one
    /// is measured against the background.
    pub fn applies(self, body: bool) -> bool {
        match self {
            Background::Off => false,
            Background::Bodies => body,
            Background::All => true,
        }
    }
}

/// What `background` may be, for messages.
const BACKGROUND_VALUES: &str =
    "true (articles of three sentences or more), \"all\" (every sentence) or false";

impl Serialize for Background {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Background::Off => s.serialize_bool(false),
            Background::Bodies => s.serialize_bool(true),
            Background::All => s.serialize_str("all"),
        }
    }
}

impl<'de> Deserialize<'de> for Background {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Setting;
        impl serde::de::Visitor<'_> for Setting {
            type Value = Background;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(BACKGROUND_VALUES)
            }

            fn visit_bool<E>(self, on: bool) -> std::result::Result<Background, E> {
                Ok(if on {
                    Background::Bodies
                } else {
                    Background::Off
                })
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Background, E> {
                match v {
                    "all" => Ok(Background::All),
                    _ => Err(E::custom(format!(
                        "background = \"{v}\" is not a setting: write {BACKGROUND_VALUES}"
                    ))),
                }
            }
        }
        d.deserialize_any(Setting)
    }
}

/// `[briefing]`: how much of each theme the rendered briefing shows (the JSON keeps everything).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct BriefingConfig {
    /// Points shown per theme section; the rest are counted as "N more".
    pub points_per_theme: usize,
    /// Article entries (and overview rows) shown; later articles are counted, and cited by
    /// number without a link. The JSON keeps every article.
    pub articles_shown: usize,
}

impl Default for BriefingConfig {
    fn default() -> Self {
        BriefingConfig {
            points_per_theme: 6,
            articles_shown: 200,
        }
    }
}

/// One `[[themes]]` entry.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    /// A short identifier, used in JSON and in anchors (`veto`, `arms-deal`).
    pub id: String,
    /// The heading shown for the theme.
    pub title: String,
    /// An optional sentence describing the theme.
    #[serde(default)]
    pub description: Option<String>,
    /// Words and multi-word phrases that signal the theme; matched on stems.
    pub terms: Vec<String>,
    /// Phrases whose words do not count for this theme ("citra satelit" for satellite help).
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Briefing".into(),
            input: default_input(),
            output: default_output(),
            language: LanguageSetting::Auto,
            date: None,
            summary: SummaryConfig::default(),
            briefing: BriefingConfig::default(),
            grouping: GroupingConfig::default(),
            fetch: FetchConfig::default(),
            themes: Vec::new(),
        }
    }
}

/// A `date` value: `YYYY-MM-DD` and a real date. As a field deserialiser, its error carries the
/// value's line.
fn calendar_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<String>, D::Error> {
    let text = String::deserialize(deserializer)?;
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if shaped && chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").is_ok() {
        Ok(Some(text))
    } else {
        Err(serde::de::Error::custom(format!(
            "date = {text:?} is not a date written YYYY-MM-DD (such as \"2024-06-20\"); \
             give a real date, or leave `date` out"
        )))
    }
}

/// Each theme's terms and exclusions, in order: all that theme hits depend on of the themes.
pub fn themes_terms(themes: &[ThemeConfig]) -> Vec<(&[String], &[String])> {
    (themes.iter())
        .map(|t| (t.terms.as_slice(), t.exclude.as_slice()))
        .collect()
}

fn default_input() -> PathBuf {
    PathBuf::from("articles")
}

fn default_output() -> PathBuf {
    PathBuf::from("out")
}

impl Config {
    /// The settings an article's cached work depends on, as text to hash: the language. Its
    /// theme hits depend on the terms too, but a cached article matched with other terms is
    /// matched again ([`crate::theme_terms::ThemeMatcher::terms_key`]), not processed again;
    /// a theme's id, title and description are read only by the cross-article steps. So
    /// editing a theme keeps every article's cached results.
    pub fn article_settings(&self) -> String {
        serde_json::to_string(&self.language).unwrap_or_default()
    }

    /// A short key of [`Config::article_settings`]: a `summarize --partial` record made with
    /// the same language setting but other terms is matched again with this configuration's.
    pub fn language_key(&self) -> String {
        blake3::hash(self.article_settings().as_bytes()).to_hex()[..16].to_string()
    }

    /// A short key of every setting per-article results depend on: the language, and each
    /// theme's terms and exclusions, in order (a sentence's term matches name a theme by its
    /// place). It tells whether results made elsewhere (`summarize --partial` records) fit
    /// this configuration.
    pub fn settings_key(&self) -> String {
        let settings = serde_json::to_string(&(&self.language, themes_terms(&self.themes)));
        blake3::hash(settings.unwrap_or_default().as_bytes()).to_hex()[..16].to_string()
    }

    /// Reads and validates `briefing.toml` at `path`.
    pub fn load(path: &Path) -> Result<Config> {
        let bytes = crate::bounded::read_following(path, MAX_CONFIG).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                format!("there is no configuration here ({e}); run `briefing init` to make one (around a folder of articles), or run briefing in the folder holding {CONFIG_FILE}, or pass -C DIR or --config FILE")
            } else {
                format!("cannot read the configuration ({e}); run briefing in the folder holding {CONFIG_FILE}, or pass -C DIR or --config FILE")
            },
        })?;
        let text = String::from_utf8(bytes).map_err(|_| Error::Config {
            path: path.to_path_buf(),
            message: "is not UTF-8 text; save it as UTF-8".into(),
        })?;
        Config::parse(&text, path)
    }

    /// Parses and validates configuration text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        config.validate(path)?;
        for url in &config.fetch.urls {
            if let Err(message) = web_address(url.get_ref()) {
                let line = text[..url.span().start.min(text.len())]
                    .matches('\n')
                    .count()
                    + 1;
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: format!("line {line}: fetch.urls: {message}"),
                });
            }
        }
        Ok(config)
    }

    fn validate(&self, path: &Path) -> Result<()> {
        let fail = |message: String| {
            Err(Error::Config {
                path: path.to_path_buf(),
                message,
            })
        };
        if self.summary.sentences == 0 {
            return fail("summary.sentences must be at least 1".into());
        }
        for (key, value) in [
            ("grouping.threshold", self.grouping.threshold),
            ("grouping.learned_share", self.grouping.learned_share),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return fail(format!("{key} = {value}: give a share between 0 and 1"));
            }
        }
        if self.grouping.sample == 0 {
            return fail("grouping.sample must be at least 1 (articles learned from)".into());
        }
        let mut ids = BTreeSet::new();
        for (i, theme) in self.themes.iter().enumerate() {
            let valid_id = !theme.id.is_empty()
                && theme
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if !valid_id {
                return fail(format!(
                    "themes[{i}].id = {:?}: use lowercase letters, digits, '-' or '_' (it becomes an anchor)",
                    theme.id
                ));
            }
            if !ids.insert(theme.id.as_str()) {
                return fail(format!(
                    "themes[{i}].id = {:?} is used by an earlier theme; theme ids must be unique",
                    theme.id
                ));
            }
            if theme.terms.iter().all(|t| t.trim().is_empty()) {
                return fail(format!(
                    "theme {:?} has no terms; give it `terms = [\"word\", \"a phrase\"]`",
                    theme.id
                ));
            }
        }
        if let Some(contact) = &self.fetch.contact
            && !contact.chars().all(|c| c.is_ascii_graphic() || c == ' ')
        {
            return fail(format!(
                "fetch.contact = {contact:?}: use printable ASCII only (it goes into the user agent header), such as \"mailto:desk@example.com\""
            ));
        }
        if is_within(&self.output, &self.input) {
            return fail(format!(
                "output = {:?} is inside input = {:?}; the briefing would become an article. Choose an output folder outside the input folder",
                self.output, self.input
            ));
        }
        if escapes(&self.output) {
            return fail(format!(
                "output = {:?} is not a folder inside the project folder; use one such as \"out\"",
                self.output
            ));
        }
        Ok(())
    }
}

/// True when `inner` equals `outer` or lies below it (lexically, after dropping `.` parts).
fn is_within(inner: &Path, outer: &Path) -> bool {
    let norm = |p: &Path| -> Vec<String> {
        p.components()
            .filter(|c| !matches!(c, Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    let (inner, outer) = (norm(inner), norm(outer));
    inner.len() >= outer.len() && inner[..outer.len()] == outer[..]
}

/// True when a relative path climbs out of the project folder, or is absolute.
fn escapes(path: &Path) -> bool {
    let mut depth = 0i32;
    for c in path.components() {
        match c {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return true,
        }
        if depth < 0 {
            return true;
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests;
