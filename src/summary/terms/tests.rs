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

#[test]
fn english_names_hold_their_of() {
    let t = terms_of(
        "The report of the Department of Justice was read at the Bank of the West. \
         Later the Department of Justice sued. Lawyers of Ferguson asked the Bank of the West \
         why. The Secretary of State John Kerry met President Putin of Russia.",
    );
    assert!(has(&t, "Department of Justice", 2), "{t:?}");
    assert!(has(&t, "Bank of the West", 2), "{t:?}");
    // Only capitalised names join: "report of the" and "Lawyers of" at a sentence's start do not.
    assert!(has(&t, "Ferguson", 1), "{t:?}");
    assert!(
        !t.iter()
            .any(|(d, _)| d.starts_with("of") || d.ends_with(" of")),
        "{t:?}"
    );
    assert!(
        !t.iter().any(|(d, _)| d == "Department" || d == "Justice"),
        "{t:?}"
    );
    // A cut never parts "of" from what it joins; a person's name does not take one.
    assert!(has(&t, "Secretary of State", 1), "{t:?}");
    assert!(has(&t, "John Kerry", 1), "{t:?}");
    assert!(
        has(&t, "President Putin", 1) && has(&t, "Russia", 1),
        "{t:?}"
    );
    // Read as Indonesian, "of" is no stopword and joins nothing.
    let id = terms_of(
        "Mobil itu meraih gelar Car of The Year. Gelar Car of The Year diberikan oleh juri. \
         Juri memilih mobil itu karena irit.",
    );
    assert!(!id.iter().any(|(d, _)| d.contains(" of ")), "{id:?}");
}

#[test]
fn a_name_that_opens_with_a_stopword_keeps_it_at_a_sentences_start() {
    let t = terms_of(
        "Prosecutors in New York charged the company. New York officials said the case was \
         closed. The officials in New York agreed.",
    );
    assert!(has(&t, "New York", 3), "{t:?}");
    assert!(!t.iter().any(|(d, _)| d == "York"), "{t:?}");
    // "The" is no name's word here: written lowercase inside the sentence.
    assert!(!t.iter().any(|(d, _)| d.starts_with("The ")), "{t:?}");
}

thread_local! {
    /// How many n-gram counts [`decompose`] looked up on this thread: its work.
    pub(super) static COUNTS_LOOKED_UP: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// Terms compared by [`ArticleTerms::distinct`] (a scan of those found, once).
    pub(super) static DISTINCT_STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A sentence of `n` capitalised made-up words, all different: one run of capitalised words.
fn name_run(n: usize) -> String {
    let (consonants, vowels) = (b"bcdfghjklmnprstvw", b"aiueo");
    let mut words = Vec::with_capacity(n);
    for i in 0..n {
        let mut word = String::new();
        let mut x = i;
        for syllable in 0..4 {
            let c = consonants[x % consonants.len()] as char;
            word.push(if syllable == 0 {
                c.to_ascii_uppercase()
            } else {
                c
            });
            x /= consonants.len();
            word.push(vowels[x % vowels.len()] as char);
            x /= vowels.len();
        }
        words.push(word);
    }
    format!("Senjata dikirim oleh {}.", words.join(" "))
}

/// The counts looked up to find the terms of `text`.
fn lookups(text: &str) -> u64 {
    COUNTS_LOOKED_UP.with(|c| c.set(0));
    terms_of(text);
    COUNTS_LOOKED_UP.with(|c| c.get())
}

#[test]
fn a_long_run_of_capitalised_words_costs_linear_work() {
    // Was quadratic: each level of the split tried every cut of what was left.
    let (small, large) = (lookups(&name_run(300)), lookups(&name_run(1200)));
    assert!(small > 0);
    let ratio = large as f64 / small as f64;
    assert!(
        ratio < 4.5,
        "4x the words cost {ratio:.1}x the work ({small} → {large})"
    );
}

/// [`decompose`] as it was: every cut judged at every level (quadratic in the run's length).
fn decompose_every_cut(
    ids: &[u32],
    run: Range<usize>,
    counts: &NgramCounts,
    out: &mut Vec<Range<usize>>,
) {
    if run.len() == 1 {
        out.push(run);
        return;
    }
    let count = |r: Range<usize>| counts.get(ids, r);
    let whole = count(run.clone());
    let best = (run.start + 1..run.end)
        .filter_map(|k| {
            let (left, right) = (count(run.start..k), count(k..run.end));
            let left_apart = left > whole && (right > whole || k - run.start >= 2);
            let right_apart = right > whole && run.end - k >= 2;
            let apart = left_apart || right_apart || run.len() > 4;
            apart.then_some((left.min(right), left.max(right), std::cmp::Reverse(k)))
        })
        .max();
    match best {
        Some((_, _, std::cmp::Reverse(k))) => {
            decompose_every_cut(ids, run.start..k, counts, out);
            decompose_every_cut(ids, k..run.end, counts, out);
        }
        _ => out.push(run),
    }
}

#[test]
fn judging_nine_cuts_splits_as_judging_every_cut() {
    // Runs of 1–30 names and phrases drawn from a few, so that parts recur, some phrases stay
    // whole and cuts fall everywhere.
    let names = [
        "Korea Utara",
        "Korea",
        "Selatan",
        "Presiden Rusia",
        "Vladimir Putin",
        "Putin",
        "Dewan Keamanan PBB",
        "Dewan Keamanan",
        "PBB",
        "Kim Jong Un",
        "Jong",
        "Rusia",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut text = String::new();
    for _ in 0..400 {
        text.push_str("Kata ");
        for _ in 0..1 + next(30) {
            text.push_str(names[next(names.len())]);
            text.push(' ');
        }
        text.push_str("hari ini. ");
    }
    let doc = corpus::from_text("a".into(), "a.txt".into(), &text);
    let article = segment(doc, LanguageSetting::Id);
    let tokenized = article.tokenized();
    let words = Words::new(&tokenized.sentences, tokenized.vocabulary.stem_count());
    let runs = capitalised_runs(&words, &words.names);
    let counts = NgramCounts::new(&words, &runs);
    assert!(runs.iter().filter(|r| r.len() > 10).count() > 50);
    let (mut fast, mut every) = (Vec::new(), Vec::new());
    for run in runs {
        decompose(&words, run.clone(), &counts, &mut fast);
        decompose_every_cut(&words.ids, run, &counts, &mut every);
    }
    assert_eq!(fast, every);
    assert!(every.iter().any(|p| (2..=4).contains(&p.len())));
}

#[test]
fn a_sentence_of_many_different_terms_costs_linear_work() {
    let steps = |n: usize| {
        let occurrences: Vec<Occurrence> = (0..n as u32)
            .map(|t| Occurrence {
                term: t,
                start: 0,
                end: 0,
            })
            .collect();
        let (mut ids, mut seen) = (Vec::new(), vec![false; n]);
        DISTINCT_STEPS.with(|c| c.set(0));
        ArticleTerms::distinct(&occurrences, &mut ids, &mut seen);
        assert_eq!(ids.len(), n);
        assert!(seen.iter().all(|s| !s), "the flags are left clear");
        DISTINCT_STEPS.with(|c| c.get())
    };
    let (small, large) = (steps(10_000), steps(40_000));
    assert!(large <= 4 * small, "{small} steps at n, {large} at 4n");
}

#[test]
fn english_possessives_capitals_abbreviations() {
    let t = terms_of(
        "The authority's plan angered farmers in the valley. Jason Warnock's herd is thin. \
         Warnock said the authority failed the farmers. Farmers gathered at 3 p.m. on Monday. \
         Officials met Warnock at 9 a.m. and the officials left. Inspectors came. \
         The authority's inspectors left at 5 p.m. after the inspectors counted cattle.",
    );
    // Possessives fold into the word or name; the time-of-day abbreviations are no terms.
    assert!(has(&t, "authority", 3), "{t:?}");
    assert!(has(&t, "Warnock", 3), "{t:?}");
    assert!(
        !t.iter().any(|(d, _)| d.contains('\'') || d.contains(".m.")),
        "{t:?}"
    );
    // A capital only a sentence's start gives is not shown; one before a name is kept.
    assert!(has(&t, "farmers", 3), "{t:?}");
    assert!(has(&t, "officials", 2), "{t:?}");
    assert!(has(&t, "inspectors", 3), "{t:?}");
    assert!(has(&t, "Jason", 1), "{t:?}");
}

#[test]
fn the_publishers_tag_is_no_key_term() {
    let doc = corpus::from_text(
        "a".into(),
        "a.txt".into(),
        "(CNN)Farmers in the valley told CNN the drought is the worst in memory. \
         The drought has emptied the reservoir, CNN affiliate KGO reported. \
         CNN reached the water board, which blamed the drought on a dry winter.",
    );
    let config = crate::config::Config::default();
    let matcher = crate::theme_terms::ThemeMatcher::new(&[]);
    let learner = crate::learn::Learner::new(&matcher, &config.grouping);
    let article = crate::pipeline::summarize_one(doc, config.language, &config, &learner);
    assert_eq!(article.source.as_deref(), Some("CNN"));
    let terms: Vec<&str> = article.key_terms.iter().map(|k| k.term.as_str()).collect();
    assert!(terms.contains(&"drought"), "{terms:?}");
    assert!(!terms.contains(&"CNN"), "{terms:?}");
    assert!(article.sentences.iter().all(|s| !s.text.contains("(CNN)")));
}

#[test]
fn month_and_day_names_are_no_key_terms() {
    let doc = corpus::from_text(
        "a".into(),
        "a.txt".into(),
        "The council met in June to plan the bridge repairs. In June the bridge closed, and \
         in July the repairs began. On Monday, Theresa May visited the bridge. May praised \
         the repairs, and May said the bridge would reopen on Monday. Rapat digelar Senin.",
    );
    let config = crate::config::Config::default();
    let matcher = crate::theme_terms::ThemeMatcher::new(&[]);
    let learner = crate::learn::Learner::new(&matcher, &config.grouping);
    let article = crate::pipeline::summarize_one(doc, config.language, &config, &learner);
    let terms: Vec<&str> = article.key_terms.iter().map(|k| k.term.as_str()).collect();
    assert!(terms.contains(&"bridge"), "{terms:?}");
    for calendar in ["June", "July", "Monday", "Senin"] {
        assert!(!terms.contains(&calendar), "{calendar}: {terms:?}");
    }
    // "May" is as often a name: it stays.
    assert!(terms.iter().any(|t| t.contains("May")), "{terms:?}");
}

#[test]
fn a_gap_is_whitespace_as_char_is_whitespace_has_it() {
    let texts = [
        "a b",
        "a\tb",
        "a\u{b}b",
        "a\rb",
        "a,b",
        "a\u{1f}b",
        "a\u{a0}b",
        "a \u{2009} b",
        "a, b",
        "ab",
    ];
    for text in texts {
        let gap = 1..text.len() - 1;
        let expected = text[gap.clone()].chars().all(char::is_whitespace);
        assert_eq!(only_whitespace(text, gap), expected, "{text:?}");
    }
    // Every ASCII byte alone.
    for b in 0..0x80u8 {
        let text = format!("a{}b", b as char);
        assert_eq!(
            only_whitespace(&text, 1..2),
            (b as char).is_whitespace(),
            "{b:#x}"
        );
    }
}

#[test]
fn token_flags_follow_the_token() {
    for f in 0..32u8 {
        let t = Token {
            start: 0,
            end: 1,
            shown_end: 1,
            stem: 0,
            flags: f,
            discourse: 0,
        };
        let flags = token_flags(&t);
        assert_eq!(flags & CONTENT != 0, t.is_content(), "{f}");
        assert_eq!(flags & WORDLIKE != 0, t.has(text::WORDLIKE), "{f}");
        assert_eq!(flags & CAPITAL != 0, t.has(text::CAPITALIZED), "{f}");
        assert_eq!(flags & (ADJACENT | FIRST), 0, "{f}");
    }
}
