//! How well the static word vectors alone assign topics: accuracy on a labelled topic set.
//!
//! `cargo run --release --example vector_topics [topics.tsv] [themes.toml]`
//!
//! Defaults: `../shared/eval/topics-dev.tsv` (tab-separated `index_id`, `category`, `text`,
//! Indonesian, with a header line) and `eval/topics/themes.toml` (each theme's `id` is a
//! category, `/` written `-`; its `title` and `terms` are its words). A sentence's vector is the sum of the vectors of
//! its content words' stems (tokens of `briefing::text::analyze`, stopwords, numbers and tokens
//! without a letter skipped); a theme's is the sum over the stems of its title and terms. The
//! predicted topic is the theme of highest cosine (the first on a tie; none when the sentence has
//! no vector, which counts as wrong). Prints accuracy, the confusion matrix, how many content
//! tokens had a vector, and probe cosines of related and unrelated word pairs. The labels are
//! only measured against, never learned from.

use std::collections::BTreeMap;

use briefing::text::vectors::{Vectors, cosine, table};
use briefing::text::{Lang, analyze};
use serde::Deserialize;

#[derive(Deserialize)]
struct Themes {
    themes: Vec<Theme>,
}

#[derive(Deserialize)]
struct Theme {
    id: String,
    title: String,
    terms: Vec<String>,
}

/// Sum of the vectors of the content words of `text`; (vector, content tokens, with a vector).
fn text_vector(text: &str, lang: Lang, vectors: &Vectors) -> (Vec<f32>, usize, usize) {
    let (tokens, vocabulary) = analyze(text, lang);
    let mut acc = vec![0.0; vectors.dims()];
    let (mut content, mut found) = (0, 0);
    for token in tokens.iter().filter(|t| t.is_content()) {
        content += 1;
        found += usize::from(vectors.add_to(vocabulary.stem_hash(token), 1.0, &mut acc));
    }
    (acc, content, found)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let tsv = args
        .next()
        .unwrap_or_else(|| "../shared/eval/topics-dev.tsv".into());
    let themes_path = args
        .next()
        .unwrap_or_else(|| "eval/topics/themes.toml".into());
    let themes: Themes = toml::from_str(&std::fs::read_to_string(&themes_path)?)?;
    let lang = Lang::Id;
    let vectors = table(lang);
    println!(
        "vectors: {} stems x {} dims ({lang:?})",
        vectors.len(),
        vectors.dims()
    );

    let theme_vectors: Vec<Vec<f32>> = themes
        .themes
        .iter()
        .map(|t| {
            let words = std::iter::once(&t.title).chain(&t.terms);
            let text = words.cloned().collect::<Vec<_>>().join(" , ");
            text_vector(&text, lang, vectors).0
        })
        .collect();
    let index: BTreeMap<&str, usize> = themes
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let n = themes.themes.len();
    // confusion[gold][predicted]; column n: no prediction.
    let mut confusion = vec![vec![0usize; n + 1]; n];
    let (mut content, mut found, mut skipped) = (0, 0, 0);
    let data = std::fs::read_to_string(&tsv)?;
    for line in data.lines().skip(1) {
        let mut fields = line.splitn(3, '\t');
        let (Some(_), Some(category), Some(text)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Some(&gold) = index.get(category.replace('/', "-").as_str()) else {
            skipped += 1;
            continue;
        };
        let (v, c, f) = text_vector(text, lang, vectors);
        content += c;
        found += f;
        let predicted = (0..n)
            .map(|i| (i, cosine(&v, &theme_vectors[i])))
            .filter(|&(_, c)| c != 0.0)
            .fold(None, |best: Option<(usize, f32)>, (i, c)| match best {
                Some((_, b)) if b >= c => best,
                _ => Some((i, c)),
            })
            .map_or(n, |(i, _)| i);
        confusion[gold][predicted] += 1;
    }

    let total: usize = confusion.iter().flatten().sum();
    let correct: usize = (0..n).map(|i| confusion[i][i]).sum();
    println!(
        "accuracy: {correct}/{total} = {:.3}  (content tokens with a vector: {found}/{content} = {:.3}; rows of unknown category skipped: {skipped})",
        correct as f64 / total.max(1) as f64,
        found as f64 / content.max(1) as f64
    );
    println!("\nconfusion (rows: gold, columns: predicted; '-' no prediction)");
    print!("{:>20}", "");
    for i in 0..n {
        print!(" {:>6}", short(&themes.themes[i].id));
    }
    println!(" {:>6} {:>7}", "-", "recall");
    for (i, row) in confusion.iter().enumerate() {
        print!("{:>20}", themes.themes[i].id);
        for c in row {
            print!(" {c:>6}");
        }
        let sum: usize = row.iter().sum();
        println!(" {:>7.3}", row[i] as f64 / sum.max(1) as f64);
    }

    println!("\nprobe cosines (stem vectors)");
    let probes: [(Lang, &str, &str, &[&str]); 4] = [
        (
            Lang::Id,
            "sanksi",
            "embargo",
            &["sepakbola", "penyanyi", "resep"],
        ),
        (
            Lang::Id,
            "roket",
            "peluncuran",
            &["sepakbola", "penyanyi", "resep"],
        ),
        (
            Lang::En,
            "sanction",
            "embargo",
            &["football", "singer", "recipe"],
        ),
        (
            Lang::En,
            "rocket",
            "launch",
            &["football", "singer", "recipe"],
        ),
    ];
    for (lang, word, near, far) in probes {
        let v = |w: &str| text_vector(w, lang, table(lang)).0;
        let base = v(word);
        print!("{:?} {word}: {near} {:.3}", lang, cosine(&base, &v(near)));
        for other in far {
            print!(", {other} {:.3}", cosine(&base, &v(other)));
        }
        println!();
    }
    Ok(())
}

/// The first six characters of a theme id, for column heads.
fn short(id: &str) -> String {
    id.chars().take(6).collect()
}
