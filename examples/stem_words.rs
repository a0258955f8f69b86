//! The tool's own analysis of single words, for `data/make-vectors.sh`.
//!
//! `cargo run --release --example stem_words -- id|en < words > word\tstem\tstop`
//!
//! Reads one word per line and analyses it exactly as the tool analyses text
//! ([`briefing::text::analyze`]). A word that gives one token is written as
//! `word<TAB>stem<TAB>stop`, where `stop` is 1 for a stopword (or a single character) and 0
//! otherwise, and 2 for a number; a word that gives no token or two or more is skipped (and
//! counted on stderr). Output lines follow input order.

use std::io::{self, BufRead, BufWriter, Write};

use briefing::text::{Lang, NUMERIC, analyze};

fn main() -> io::Result<()> {
    let lang = match std::env::args().nth(1).as_deref() {
        Some("id") => Lang::Id,
        Some("en") => Lang::En,
        _ => {
            eprintln!("usage: stem_words id|en < words > word<TAB>stem<TAB>stop");
            std::process::exit(2);
        }
    };
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    let (mut written, mut skipped) = (0usize, 0usize);
    for line in stdin.lock().lines() {
        let line = line?;
        let word = line.trim();
        if word.is_empty() {
            continue;
        }
        let (tokens, vocabulary) = analyze(word, lang);
        let [token] = tokens.as_slice() else {
            skipped += 1;
            continue;
        };
        let kind = if token.has(NUMERIC) {
            2
        } else {
            u8::from(token.is_stop())
        };
        writeln!(out, "{word}\t{}\t{kind}", vocabulary.stem(token))?;
        written += 1;
    }
    out.flush()?;
    eprintln!("stem_words: {written} words analysed, {skipped} skipped (0 or 2+ tokens)");
    Ok(())
}
