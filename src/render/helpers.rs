//! Template helpers beyond tera's own: an article's summary without indexing by hand, and a
//! configuration string's Markdown kept as Markdown in `briefing.md`.

use tera::{Kwargs, State, Value};

/// The `summary_sentences` filter: `{% for s in article | summary_sentences %}` gives the
/// summary's sentences (`{text, score, themes, line, marks, …}`) in article order, so a template
/// need not index `article.sentences` by `article.summary` itself.
pub fn summary_sentences(article: &Value, _: Kwargs, _: &State) -> Value {
    Value::from(summary(article))
}

/// The `summary_text` filter: `{{ article | summary_text }}` gives the summary as one string,
/// its sentences joined by a space (escaped like any article text).
pub fn summary_text(article: &Value, _: Kwargs, _: &State) -> Value {
    let sentences = summary(article);
    let texts: Vec<&str> = sentences
        .iter()
        .filter_map(|s| s.get_from_path("text").and_then(Value::as_str))
        .collect();
    Value::from(texts.join(" "))
}

/// The summary's sentences of an article value.
fn summary(article: &Value) -> Vec<Value> {
    let sentences = article
        .get_from_path("sentences")
        .and_then(Value::as_array)
        .unwrap_or_default();
    article
        .get_from_path("summary")
        .and_then(Value::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|i| sentences.get(i.as_u64()? as usize).cloned())
        .collect()
}

/// The `markdown_inline` filter (for `briefing.md`): a configuration string that is Markdown
/// (a theme description), kept as Markdown, as one paragraph: line breaks become spaces, raw
/// HTML and entities are escaped (`<`, `&`), and a leading character that would start a block
/// (a heading, quote, list, table, fence) is escaped.
pub fn markdown_inline(value: &str, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&inline_markdown(value))
}

fn inline_markdown(value: &str) -> String {
    let one_line: String = value
        .trim()
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(one_line.len() + 8);
    let digits = one_line.chars().take_while(char::is_ascii_digit).count();
    let ordered = digits > 0 && matches!(one_line[digits..].chars().next(), Some('.' | ')'));
    for (i, c) in one_line.chars().enumerate() {
        let starts_block = i == 0 && "#>-+*=|~`".contains(c);
        if c == '<' || c == '&' || starts_block || (ordered && i == digits) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_stays_markdown_but_html_and_blocks_do_not_get_through() {
        assert_eq!(
            inline_markdown("The **veto** and [sanctions](https://un.org)"),
            "The **veto** and [sanctions](https://un.org)"
        );
        assert_eq!(
            inline_markdown("<script>x</script> &amp;"),
            "\\<script>x\\</script> \\&amp;"
        );
        assert_eq!(
            inline_markdown("# Not a heading\n- nor a list"),
            "\\# Not a heading - nor a list"
        );
        assert_eq!(inline_markdown("2024. A year"), "2024\\. A year");
    }

    #[test]
    fn the_summary_without_indexing() {
        let article = Value::from_serializable(&serde_json::json!({
            "summary": [2, 0, 9],
            "sentences": [{"text": "A."}, {"text": "B."}, {"text": "C."}],
        }));
        let sentences = summary(&article);
        assert_eq!(sentences.len(), 2);
        assert_eq!(
            sentences[0].get_from_path("text").unwrap().as_str(),
            Some("C.")
        );
    }
}
