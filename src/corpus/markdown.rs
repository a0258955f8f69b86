//! Markdown articles: front matter (`---` YAML-style or `+++` TOML) and the text blocks of the
//! body, read with pulldown-cmark. Inline HTML is kept as literal text, never as markup.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

/// Fields an article's front matter may set.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The article's headline.
    pub title: Option<String>,
    /// The publisher.
    pub source: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who wrote it, when several did: a list (TOML), or one line with the names separated by
    /// commas.
    pub authors: Option<Names>,
    /// `id` or `en`, overriding detection.
    pub language: Option<String>,
}

/// Names given as a list, or as one line separated by commas.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Names {
    /// `authors: A, B`
    Line(String),
    /// `authors = ["A", "B"]`
    List(Vec<String>),
}

impl Names {
    /// The names, in order.
    pub fn into_vec(self) -> Vec<String> {
        match self {
            Names::Line(line) => line.split(',').map(str::to_string).collect(),
            Names::List(list) => list,
        }
    }
}

/// One block of body text with its 1-based line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block's text, soft breaks as spaces.
    pub text: String,
    /// The line it starts on.
    pub line: usize,
    /// True for headings.
    pub heading: bool,
}

/// A front-matter problem: the message and the 1-based line it concerns.
pub type FrontMatterError = (String, usize);

/// Parses a Markdown article into front matter and body blocks.
pub fn parse(text: &str) -> Result<(FrontMatter, Vec<Block>), FrontMatterError> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);

    let mut front = FrontMatter::default();
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut metadata: Option<(MetadataBlockKind, usize)> = None;
    let mut depth_in_block = 0usize;

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(kind)) => metadata = Some((kind, line_of(range.start))),
            Event::End(TagEnd::MetadataBlock(_)) => metadata = None,
            Event::Text(t) if metadata.is_some() => {
                let (kind, line) = metadata.expect("checked");
                front = match kind {
                    MetadataBlockKind::YamlStyle => parse_yaml(&t, line + 1)?,
                    MetadataBlockKind::PlusesStyle => parse_toml(&t, line + 1)?,
                };
            }
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::CodeBlock(_),
            ) => {
                if current.is_none() {
                    current = Some(Block {
                        text: String::new(),
                        line: line_of(range.start),
                        heading: matches!(event, Event::Start(Tag::Heading { .. })),
                    });
                }
                depth_in_block += 1;
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => {
                depth_in_block = depth_in_block.saturating_sub(1);
                if depth_in_block == 0
                    && let Some(block) = current.take()
                    && !block.text.trim().is_empty()
                {
                    blocks.push(Block {
                        text: block.text.trim().to_string(),
                        ..block
                    });
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                match current.as_mut() {
                    Some(block) => block.text.push_str(&t),
                    None if !t.trim().is_empty() => blocks.push(Block {
                        text: t.trim().to_string(),
                        line: line_of(range.start),
                        heading: false,
                    }),
                    None => {}
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = current.as_mut() {
                    block.text.push(' ');
                }
            }
            _ => {}
        }
    }
    Ok((front, blocks))
}

/// Flat `key: value` front matter (the YAML that articles use), checked against [`FrontMatter`].
fn parse_yaml(text: &str, first_line: usize) -> Result<FrontMatter, FrontMatterError> {
    let mut table = toml::Table::new();
    for (i, raw) in text.lines().enumerate() {
        let line = first_line + i;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = raw
            .split_once(':')
            .filter(|_| !raw.starts_with([' ', '\t', '-']))
        else {
            return Err((
                format!(
                    "front matter: expected `key: value`, found {trimmed:?}; lists and nested values are not supported"
                ),
                line,
            ));
        };
        let key = key.trim();
        let value = value.trim();
        let value = if value.len() >= 2
            && ((value.starts_with('"') && value.ends_with('"'))
                || (value.starts_with('\'') && value.ends_with('\'')))
        {
            value[1..value.len() - 1].to_string()
        } else if value.starts_with(['[', '{', '|', '>']) || value.is_empty() {
            return Err((
                format!("front matter: `{key}` must be a single line of text"),
                line,
            ));
        } else {
            value.to_string()
        };
        table.insert(key.to_string(), toml::Value::String(value));
        let checked: Result<FrontMatter, _> = table.clone().try_into();
        if let Err(e) = checked {
            return Err((
                format!("front matter: {}", first_line_of(&e.to_string())),
                line,
            ));
        }
    }
    let front: FrontMatter = table
        .try_into()
        .map_err(|e: toml::de::Error| (format!("front matter: {e}"), first_line))?;
    validate(front, first_line)
}

/// `+++` front matter, parsed as TOML.
fn parse_toml(text: &str, first_line: usize) -> Result<FrontMatter, FrontMatterError> {
    let front: FrontMatter = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| first_line + text[..s.start.min(text.len())].matches('\n').count())
            .unwrap_or(first_line);
        (format!("front matter: {}", e.message()), line)
    })?;
    validate(front, first_line)
}

fn validate(front: FrontMatter, line: usize) -> Result<FrontMatter, FrontMatterError> {
    if let Some(date) = &front.date {
        let ok = date.len() == 10
            && date.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !ok {
            return Err((
                format!("front matter: date = {date:?}: write it as YYYY-MM-DD"),
                line,
            ));
        }
    }
    if let Some(lang) = &front.language
        && lang != "id"
        && lang != "en"
    {
        return Err((
            format!("front matter: language = {lang:?}: use \"id\" or \"en\""),
            line,
        ));
    }
    Ok(front)
}

fn first_line_of(s: &str) -> String {
    s.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_and_blocks() {
        let text = "---\ntitle: \"Veto Rusia\"\nsource: Arrahmah.id\ndate: 2023-09-13\n---\n\n# Judul\n\nKalimat satu.\nlanjutan <b>tebal</b>.\n\n- butir\n";
        let (front, blocks) = parse(text).unwrap();
        assert_eq!(front.title.as_deref(), Some("Veto Rusia"));
        assert_eq!(front.date.as_deref(), Some("2023-09-13"));
        assert_eq!(
            blocks[0],
            Block {
                text: "Judul".into(),
                line: 7,
                heading: true
            }
        );
        assert_eq!(blocks[1].text, "Kalimat satu. lanjutan <b>tebal</b>.");
        assert_eq!(blocks[1].line, 9);
        assert_eq!(blocks[2].text, "butir");
    }

    #[test]
    fn toml_front_matter() {
        let (front, _) = parse("+++\ntitle = \"T\"\nurl = \"https://x\"\n+++\n\nIsi.\n").unwrap();
        assert_eq!(front.url.as_deref(), Some("https://x"));
    }

    #[test]
    fn malformed_front_matter_names_the_line() {
        let (msg, line) = parse("---\ntitle: T\nthis is not yaml\n---\nIsi.\n").unwrap_err();
        assert_eq!(line, 3, "{msg}");
        let (msg, line) = parse("---\ntitle: T\ndate: kemarin\n---\nIsi.\n").unwrap_err();
        assert!(msg.contains("YYYY-MM-DD"), "{msg} {line}");
        let (msg, line) = parse("---\ntitle: [a, b]\n---\nIsi.\n").unwrap_err();
        assert_eq!(line, 2, "{msg}");
        let (msg, line) = parse("---\ntitle: T\nauthr: X\n---\nIsi.\n").unwrap_err();
        assert!(msg.contains("authr") && line == 3, "{msg} {line}");
        let (msg, line) = parse("+++\ntitle = 3\n+++\nIsi.\n").unwrap_err();
        assert_eq!(line, 2, "{msg}");
    }
}
