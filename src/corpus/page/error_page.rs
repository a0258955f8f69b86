//! Pages a server sent in place of an article: "Page Not Found", "403 Forbidden", "Error 404",
//! "Halaman tidak ditemukan". Saved or fetched by mistake, they would otherwise become an
//! article of navigation links or of the one line "The request URL is forbidden."

/// HTTP's reason phrases for the errors a saved page shows, with the wordings sites use for
/// them (English and Indonesian), lowercase.
const ERROR_PHRASES: &[&str] = &[
    "not found",
    "page not found",
    "file not found",
    "forbidden",
    "access denied",
    "unauthorized",
    "gone",
    "bad request",
    "too many requests",
    "internal server error",
    "bad gateway",
    "service unavailable",
    "gateway timeout",
    "halaman tidak ditemukan",
    "tidak ditemukan",
    "akses ditolak",
];

/// The most words an error page's text holds (its navigation included): an article with a
/// title such as "Not Found" has more.
pub const MOST_WORDS: usize = 200;

/// True when a page's title says the server sent an error and its text is short: the title's
/// first part (before " | ", " - " and the like) is an HTTP error status (4xx or 5xx), a reason
/// phrase, or both ("404", "Page Not Found", "Error 404 - Not Found", "HTTP Error 403:
/// Forbidden"), and the text has at most [`MOST_WORDS`] words.
pub fn is_error_page(title: &str, words: usize) -> bool {
    words <= MOST_WORDS && error_title(title)
}

/// Separators between a title and the site's name.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · "];

fn error_title(title: &str) -> bool {
    let first = SEPARATORS
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .map_or(title, |at| &title[..at]);
    let first = first.to_lowercase();
    let (mut status, mut error) = (false, false);
    let mut rest: Vec<&str> = Vec::new();
    for word in first.split(|c: char| c.is_whitespace() || c == ':') {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        match word {
            "" | "http" => {}
            "error" => error = true,
            _ if word.len() == 3
                && word.starts_with(['4', '5'])
                && word.bytes().all(|b| b.is_ascii_digit()) =>
            {
                status = true
            }
            _ => rest.push(word),
        }
    }
    let phrase = rest.join(" ");
    ERROR_PHRASES.contains(&phrase.as_str()) || phrase.is_empty() && (status || error)
}

#[cfg(test)]
mod tests {
    use super::is_error_page;

    #[test]
    fn titles_of_error_pages() {
        for title in [
            "Page Not Found",
            "Forbidden",
            "404",
            "404 Not Found",
            "Error 404 - Not Found",
            "HTTP Error 403: Forbidden",
            "Page not found | Details",
            "503 Service Unavailable",
            "Halaman Tidak Ditemukan - detikcom",
            "Error",
        ] {
            assert!(is_error_page(title, 92), "{title}");
        }
    }

    #[test]
    fn articles_are_no_error_pages() {
        for title in [
            "Not Found: the search for the missing hikers goes on",
            "Error in ballot count delays results",
            "404 days after the flood, the town rebuilds",
            "Forbidden City reopens to visitors",
            "Gone Girl review",
        ] {
            assert!(!is_error_page(title, 92), "{title}");
        }
        // A title that is a reason phrase, over a whole article.
        assert!(!is_error_page("Gone", 650));
    }
}
