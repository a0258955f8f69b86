use super::*;
use crate::text::analyze;

/// The vector of the stem that `word` has in `lang` (it must have one).
fn vector(word: &str, lang: Lang) -> Vec<f32> {
    let (tokens, vocabulary) = analyze(word, lang);
    assert_eq!(tokens.len(), 1, "{word}");
    let table = table(lang);
    let mut acc = vec![0.0; table.dims()];
    assert!(
        table.add_to(vocabulary.stem_hash(&tokens[0]), 1.0, &mut acc),
        "{word} ({}) has no vector",
        vocabulary.stem(&tokens[0])
    );
    acc
}

fn cos(a: &str, b: &str, lang: Lang) -> f32 {
    cosine(&vector(a, lang), &vector(b, lang))
}

/// `word` is closer to `near` than to every word of `far`.
fn closer(word: &str, near: &str, far: &[&str], lang: Lang) {
    let c = cos(word, near, lang);
    for other in far {
        let d = cos(word, other, lang);
        assert!(c > d, "{word}: {near} {c:.3} vs {other} {d:.3}");
    }
}

/// Indonesian words are close to their English translations, which the Indonesian table holds as
/// loanwords. (Related Indonesian words are not reliably close: e5 embeds a word alone mostly by
/// its spelling; `sanksi`/`embargo` and `roket`/`peluncuran` are not, see
/// `examples/vector_topics.rs`.)
#[test]
fn indonesian_words_are_close_to_their_translations() {
    let unrelated = ["sepakbola", "penyanyi", "resep", "pantai", "pemilu"];
    closer("sanksi", "sanction", &unrelated, Lang::Id);
    closer("roket", "rocket", &unrelated, Lang::Id);
    closer("film", "movie", &unrelated, Lang::Id);
}

#[test]
fn related_words_are_closer_english() {
    let unrelated = ["football", "goal", "singer", "recipe", "beach"];
    closer("sanction", "embargo", &unrelated, Lang::En);
    closer("rocket", "launch", &unrelated, Lang::En);
    closer(
        "doctor",
        "disease",
        &["goal", "singer", "rocket", "election"],
        Lang::En,
    );
}

#[test]
fn stopwords_and_numbers_have_no_vector() {
    for (word, lang) in [
        ("yang", Lang::Id),
        ("dan", Lang::Id),
        ("the", Lang::En),
        ("2006", Lang::Id),
    ] {
        let (tokens, vocabulary) = analyze(word, lang);
        assert!(
            !table(lang).contains(vocabulary.stem_hash(&tokens[0])),
            "{word}"
        );
    }
    let mut acc = vec![1.0; table(Lang::En).dims()];
    assert!(!table(Lang::En).add_to(stems::hash("the"), 1.0, &mut acc));
    assert!(acc.iter().all(|&x| x == 1.0));
}

#[test]
fn tables_are_sizeable_and_keyed_by_stems() {
    for lang in [Lang::Id, Lang::En] {
        let t = table(lang);
        assert!(t.len() > 10_000, "{lang:?}: {}", t.len());
        assert!(t.dims() >= 32);
        for stem in t.stems().iter().step_by(97) {
            assert!(t.contains(stems::hash(stem)), "{stem}");
        }
    }
    // Inflected forms share their stem's vector.
    assert_eq!(
        vector("peluncuran", Lang::Id),
        vector("diluncurkan", Lang::Id)
    );
    assert_eq!(vector("sanctions", Lang::En), vector("sanction", Lang::En));
}

#[test]
fn add_to_scales_and_accumulates() {
    let t = table(Lang::En);
    let h = stems::hash(t.stems()[t.len() / 2]);
    let mut once = vec![0.0; t.dims()];
    let mut twice = vec![0.0; t.dims()];
    assert!(t.add_to(h, 2.0, &mut once));
    assert!(t.add_to(h, 1.0, &mut twice) && t.add_to(h, 1.0, &mut twice));
    assert_eq!(once, twice);
    assert!(once.iter().any(|&x| x != 0.0));
}

/// A table in the file format, for the round trip.
fn encode(dims: u32, rows: &[(&str, f32, Vec<i8>)]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend(dims.to_le_bytes());
    out.extend((rows.len() as u32).to_le_bytes());
    for (_, scale, _) in rows {
        out.extend(scale.to_le_bytes());
    }
    for (_, _, values) in rows {
        out.extend(values.iter().map(|&v| v as u8));
    }
    for (stem, _, _) in rows {
        out.push(stem.len() as u8);
        out.extend(stem.as_bytes());
    }
    out
}

fn leak(bytes: Vec<u8>) -> &'static [u8] {
    Box::leak(bytes.into_boxed_slice())
}

#[test]
fn round_trips() {
    let bytes = encode(
        3,
        &[
            ("aku", 0.5, vec![1, -2, 127]),
            ("babi", 2.0, vec![-127, 0, 3]),
        ],
    );
    let t = Vectors::parse(leak(bytes)).unwrap();
    assert_eq!((t.dims(), t.len()), (3, 2));
    assert_eq!(t.stems(), ["aku", "babi"]);
    let mut acc = vec![0.0; 3];
    assert!(t.add_to(stems::hash("aku"), 1.0, &mut acc));
    assert_eq!(acc, [0.5, -1.0, 63.5]);
    assert!(t.add_to(stems::hash("babi"), -1.0, &mut acc));
    assert_eq!(acc, [254.5, -1.0, 57.5]);
    assert!(!t.contains(stems::hash("cicak")));
    // The compiled-in table is exactly its header, scales, values and stems.
    let t = table(Lang::Id);
    assert_eq!(
        ID_BYTES.len(),
        16 + t.len() * (4 + t.dims()) + t.stems().iter().map(|s| 1 + s.len()).sum::<usize>()
    );
}

#[test]
fn rejects_bad_tables() {
    let good = encode(2, &[("a", 1.0, vec![1, 2]), ("b", 1.0, vec![3, 4])]);
    assert!(Vectors::parse(leak(good.clone())).is_ok());
    let mut magic = good.clone();
    magic[0] = b'X';
    assert_eq!(Vectors::parse(leak(magic)).unwrap_err(), FormatError::Magic);
    for cut in [3, 12, 20, good.len() - 1] {
        assert!(matches!(
            Vectors::parse(leak(good[..cut].to_vec())).unwrap_err(),
            FormatError::Truncated(_)
        ));
    }
    let mut trailing = good.clone();
    trailing.push(0);
    assert_eq!(
        Vectors::parse(leak(trailing)).unwrap_err(),
        FormatError::Trailing(1)
    );
    let unordered = encode(2, &[("b", 1.0, vec![1, 2]), ("a", 1.0, vec![3, 4])]);
    assert_eq!(
        Vectors::parse(leak(unordered)).unwrap_err(),
        FormatError::Stem(1)
    );
    let nan = encode(2, &[("a", f32::NAN, vec![1, 2])]);
    assert_eq!(
        Vectors::parse(leak(nan)).unwrap_err(),
        FormatError::Scale(0)
    );
    let huge = [MAGIC.as_slice(), &[1, 0, 0, 0], &[255, 255, 255, 255]].concat();
    assert!(matches!(
        Vectors::parse(leak(huge)).unwrap_err(),
        FormatError::Truncated(_)
    ));
    assert_eq!(
        Vectors::parse(leak(encode(0, &[]))).unwrap_err(),
        FormatError::NoDims
    );
}
