//! Suggested themes on the repository's seeds, and where `init` finds the articles.

use super::*;

/// The seeds, read and analysed as `init` does.
fn seeds() -> Vec<Processed> {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (paths, mut warnings) = corpus::discover(&input).unwrap();
    let articles = read_articles(&input, &paths, &mut warnings);
    assert!(warnings.is_empty(), "{warnings:?}");
    articles
}
