//! The template filters and escapers of the render stage: `marked` (key terms highlighted in
//! an escaped sentence), `markdown` (a configuration string as HTML) and the Markdown escaper.

use tera::{Kwargs, State};

/// The output a filter writes for.
#[derive(Clone, Copy)]
pub(super) enum Markup {
    Html,
    Markdown,
}

/// The `marked` filter: a sentence (`{text, marks}`) with its key terms highlighted — `<mark>`
/// in HTML, `**bold**` in Markdown — and everything else escaped for that output.
pub(super) fn marked(sentence: &tera::Value, markup: Markup) -> tera::Value {
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
pub(super) fn markdown_to_html(value: &str, _: Kwargs, _: &State) -> tera::Value {
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
