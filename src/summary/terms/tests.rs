use super::*;
use crate::config::LanguageSetting;
use crate::corpus;
use crate::segment::segment;

fn terms_of(text: &str) -> Vec<(String, usize)> {
    let doc = corpus::from_text("a".into(), "a.txt".into(), text);
    let article = segment(doc, LanguageSetting::Auto);
    extract_terms(&article.tokenized())
        .terms
        .into_iter()
        .map(|t| (t.display.to_string(), t.count))
        .collect()
}

fn has(terms: &[(String, usize)], display: &str, count: usize) -> bool {
    terms.iter().any(|(d, c)| d == display && *c == count)
}

#[test]
fn names_and_collocations_are_one_term() {
    let t = terms_of(
        "Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Korea Utara. \
         Sidang Dewan Keamanan PBB membahas uji coba rudal Korea Utara. \
         Vladimir Putin memuji uji coba itu, kata Presiden Rusia. \
         Kim Jong Un menyambut Vladimir Putin. Sidang Dewan Keamanan diam.",
    );
    assert!(has(&t, "Korea Utara", 2), "{t:?}");
    assert!(has(&t, "Kim Jong Un", 2), "{t:?}");
    assert!(has(&t, "Vladimir Putin", 3), "{t:?}");
    assert!(has(&t, "Dewan Keamanan", 2), "{t:?}");
    assert!(has(&t, "uji coba", 2), "{t:?}");
    assert!(has(&t, "Presiden Rusia", 2), "{t:?}");
    assert!(
        !t.iter()
            .any(|(d, _)| d == "Korea" || d == "Utara" || d == "uji"),
        "{t:?}"
    );
}

#[test]
fn stems_merge_and_clitics_leave_the_display() {
    let t =
        terms_of("Program nuklirnya maju. Senjata dan persenjataan nuklir dijual. Nuklir lagi.");
    assert!(has(&t, "nuklir", 3) || has(&t, "Nuklir", 3), "{t:?}");
    assert!(
        t.iter()
            .any(|(d, c)| d.eq_ignore_ascii_case("senjata") && *c == 2),
        "{t:?}"
    );
}

#[test]
fn english_names_keep_their_small_words() {
    let t = terms_of(
        "Officials at the State Department met Kim Jong Un. The State Department said nothing.",
    );
    assert!(has(&t, "State Department", 2), "{t:?}");
    assert!(has(&t, "Kim Jong Un", 1), "{t:?}");
}
