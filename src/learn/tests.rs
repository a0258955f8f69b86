use super::*;
use crate::config::{Config, ThemeConfig};
use crate::corpus;
use crate::model::Briefing;
use crate::pipeline;
use crate::text::Lang;
use crate::theme_terms::ThemeMatcher;

fn theme(id: &str, title: &str, terms: &[&str]) -> ThemeConfig {
    ThemeConfig {
        id: id.into(),
        title: title.into(),
        description: None,
        terms: terms.iter().map(|s| s.to_string()).collect(),
        exclude: Vec::new(),
    }
}

fn config(themes: Vec<ThemeConfig>, grouping: GroupingConfig) -> Config {
    Config {
        themes,
        grouping,
        ..Config::default()
    }
}

fn brief(config: &Config, texts: &[&str]) -> Briefing {
    let docs = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let id = format!("{i:02}");
            let mut doc = corpus::from_text(id.clone(), id, t);
            doc.language = Some(Lang::Id);
            doc
        })
        .collect();
    pipeline::briefing_of(config, docs)
}

/// (theme, via) of every sentence of the first article.
fn themes_of(b: &Briefing, article: usize) -> Vec<Vec<(String, String)>> {
    b.articles.held().unwrap()[article]
        .sentences
        .iter()
        .map(|s| {
            s.evidence
                .iter()
                .map(|e| (e.theme.clone(), e.via.clone()))
                .collect()
        })
        .collect()
}

fn only(signal: &str) -> GroupingConfig {
    GroupingConfig {
        learn: signal == "learn",
        similarity: signal == "similarity",
        neighbours: signal == "neighbours",
        ..GroupingConfig::default()
    }
}

#[test]
fn a_continuing_sentence_takes_its_neighbours_theme() {
    let c = config(vec![theme("veto", "Veto", &["veto"])], only("neighbours"));
    let b = brief(
        &c,
        &[
            "Rusia memveto resolusi itu pada hari Kamis. Sekarang, bahkan itu telah berantakan. \
           Komunis Korut dibentuk pada masa awal Perang Dingin.",
        ],
    );
    let got = themes_of(&b, 0);
    assert_eq!(got[0], [("veto".into(), "terms".into())]);
    assert_eq!(got[1], [("veto".into(), "neighbour".into())]);
    assert_eq!(got[2], []);
    assert_eq!(
        b.articles.held().unwrap()[0].sentences[1].evidence[0].neighbour,
        Some(0)
    );
    assert!(
        b.articles.held().unwrap()[0].sentences[1].evidence[0].score
            < b.articles.held().unwrap()[0].sentences[0].evidence[0].score
    );
}

#[test]
fn a_sentence_of_next_to_no_words_takes_the_theme_of_the_sentence_it_leads_into() {
    let c = config(
        vec![
            theme("arms", "Senjata", &["senjata"]),
            theme("veto", "Veto", &["veto"]),
        ],
        only("neighbours"),
    );
    let b = brief(
        &c,
        &[
            "Korut tidak boleh memperluas senjata nuklirnya. Sekarang, bahkan itu telah \
             berantakan. Rusia memveto resolusi itu pada hari Kamis. Dia menambahkan bahwa \
             panel ahli tidak lagi memantau Pyongyang.",
        ],
    );
    let got = themes_of(&b, 0);
    assert_eq!(got[0], [("arms".into(), "terms".into())]);
    // The bridge takes what follows, not what precedes.
    assert_eq!(got[1], [("veto".into(), "neighbour".into())]);
    let sentences = &b.articles.held().unwrap()[0].sentences;
    assert_eq!(sentences[1].evidence[0].neighbour, Some(2));
    // A continuing sentence with words of its own still takes what precedes.
    assert_eq!(got[3], [("veto".into(), "neighbour".into())]);
    assert_eq!(sentences[3].evidence[0].neighbour, Some(2));
}

/// Talks on an arms deal: the seeds share "Shoigu", "Pyongyang" and "kontrak"; the last
/// article carries those words and not the theme's term.
const ARMS_TALKS: &[&str] = &[
    "Shoigu membahas kontrak senjata dengan Pyongyang. Artileri dari Pyongyang dikirim dengan \
     kereta. Shoigu menandatangani kontrak senjata.",
    "Menurut Shoigu, kontrak senjata dengan Pyongyang sudah siap.",
    "Cuaca di Jakarta cerah sepanjang hari.",
    "Shoigu dan pejabat Pyongyang menandatangani kontrak baru.",
];

#[test]
fn words_the_seeds_share_are_learned_and_find_sentences_without_the_terms() {
    let c = config(vec![theme("arms", "Senjata", &["senjata"])], only("learn"));
    let b = brief(&c, ARMS_TALKS);
    let learned: Vec<&str> = b.themes[0]
        .learned
        .iter()
        .map(|w| w.word.as_str())
        .collect();
    assert!(learned.contains(&"Shoigu"), "{learned:?}");
    assert!(learned.contains(&"kontrak"), "{learned:?}");
    assert!(
        !learned.iter().any(|w| w.contains("enjata")),
        "a term is not learned: {learned:?}"
    );
    assert_eq!(themes_of(&b, 3)[0], [("arms".into(), "learned".into())]);
    assert_eq!(themes_of(&b, 2)[0], []);
}

/// Two themes far apart, for the similarity tests.
fn space_and_football() -> Vec<ThemeConfig> {
    vec![
        theme("space", "Antariksa dan satelit", &["satelit", "roket"]),
        theme("football", "Sepak bola", &["sepak bola", "gol"]),
    ]
}

/// An article of seeds of each of [`space_and_football`]'s themes.
const SPACE_SEEDS: &str = "Roket itu membawa satelit cuaca ke orbit. Satelit komunikasi \
    diluncurkan dengan roket baru. Badan antariksa menyiapkan roket untuk satelit berikutnya.";
const FOOTBALL_SEEDS: &str = "Tim itu mencetak gol pada menit akhir pertandingan sepak bola. \
    Pemain sepak bola itu mencetak dua gol. Gol kedua lahir dari tendangan bebas dalam laga \
    sepak bola.";

/// The space theme alone, with similarity the only signal besides its terms.
fn space_by_similarity() -> Config {
    config(vec![space_and_football().remove(0)], only("similarity"))
}

#[test]
fn similarity_finds_a_sentence_on_the_theme_without_its_words() {
    let c = config(space_and_football(), only("similarity"));
    let b = brief(
        &c,
        &[
            SPACE_SEEDS,
            FOOTBALL_SEEDS,
            "Wahana antariksa itu mendarat di bulan setelah perjalanan panjang di orbit.",
            "Penyerang itu menendang bola ke gawang lawan dan pelatih tim bersorak.",
        ],
    );
    assert_eq!(themes_of(&b, 2)[0], [("space".into(), "similarity".into())]);
    // A sentence on the other theme is never put under this one.
    assert!(!themes_of(&b, 3)[0].iter().any(|(t, _)| t == "space"));
}

#[test]
fn a_theme_held_by_similarity_alone_is_not_passed_to_the_next_sentence() {
    let mut grouping = only("similarity");
    grouping.neighbours = true;
    let c = config(space_and_football(), grouping);
    let b = brief(
        &c,
        &[
            SPACE_SEEDS,
            FOOTBALL_SEEDS,
            "Wahana antariksa itu mendarat di bulan setelah perjalanan panjang di orbit. \
             Dia menambahkan bahwa itu tidak mudah.",
            "Roket itu membawa satelit ke orbit. Dia menambahkan bahwa itu tidak mudah.",
        ],
    );
    let guessed = themes_of(&b, 2);
    assert_eq!(guessed[0], [("space".into(), "similarity".into())]);
    assert_eq!(guessed[1], [], "a guess is not passed on as a second guess");
    // The same sentence after one that carries the theme's terms takes it.
    let held = themes_of(&b, 3);
    assert_eq!(held[0], [("space".into(), "terms".into())]);
    assert_eq!(held[1], [("space".into(), "neighbour".into())]);
}

#[test]
fn a_sentence_that_continues_one_on_no_theme_is_not_put_on_one_by_similarity() {
    let c = config(space_and_football(), only("neighbours"));
    let (_, articles) = processed(
        &c,
        &["Harga beras naik lagi. Dia menambahkan bahwa wahana itu mendarat di bulan."],
    );
    let guess = Evidence {
        theme: 0,
        score: 0.6,
        via: Via::Similarity,
        learned: Vec::new(),
        similarity: Some(0.5),
        neighbour: None,
    };
    let mut out = vec![Vec::new(), vec![guess.clone()]];
    evidence::continuations_take_what_precedes(&mut out, &articles[0]);
    assert_eq!(out[1], [], "it goes on about what its neighbour was about");
    // After a sentence on a theme by its terms, the same guess gives way to that theme.
    let mut held = guess.clone();
    (held.theme, held.via, held.similarity, held.score) = (1, Via::Terms, None, 0.667);
    let mut out = vec![vec![held], vec![guess]];
    evidence::continuations_take_what_precedes(&mut out, &articles[0]);
    assert_eq!((out[1][0].theme, out[1][0].neighbour), (1, Some(0)));
}

#[test]
fn the_same_on_any_thread_count() {
    let c = config(
        vec![
            theme("space", "Antariksa", &["satelit", "roket"]),
            theme("arms", "Senjata", &["senjata"]),
        ],
        GroupingConfig::default(),
    );
    let texts: Vec<String> = (0..40)
        .map(|i| {
            format!(
                "Roket nomor {i} membawa satelit ke orbit. Pabrik senjata nomor {i} dibuka. \
                 Wahana itu mendarat. Dia menambahkan bahwa peluncuran berjalan baik."
            )
        })
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let run = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| crate::json::to_string(&brief(&c, &texts)).unwrap())
    };
    assert_eq!(run(1), run(3));
}

#[test]
fn a_sentence_on_none_of_the_themes_stays_out_of_them() {
    let c = space_by_similarity();
    let b = brief(
        &c,
        &[
            SPACE_SEEDS,
            "Koki itu memasak nasi goreng di dapur. Resep sambal itu memakai cabai dan bawang. \
             Restoran itu menyajikan sate dan soto.",
            "Wahana antariksa itu mendarat di bulan setelah perjalanan panjang di orbit.",
            "Ibu itu menggoreng ikan dan merebus sayur untuk makan malam.",
        ],
    );
    assert_eq!(themes_of(&b, 2)[0], [("space".into(), "similarity".into())]);
    assert!(themes_of(&b, 3)[0].is_empty(), "{:?}", themes_of(&b, 3));
}

#[test]
fn the_threshold_is_where_the_seeds_part_from_the_rest() {
    // Seeds at 0.5–0.9, every other sentence at about 0.0: the threshold lies between.
    let seeds: Vec<i64> = [0.5, 0.6, 0.7, 0.8, 0.9]
        .iter()
        .map(|s| (s * (1u64 << 24) as f64) as i64)
        .collect();
    let mut others = histogram::Histogram::default();
    (0..100).for_each(|_| others.add(histogram::bin(0.0)));
    let t = histogram::equal_error(&seeds, &others);
    assert!(t > 0.0 && t <= 0.5, "{t}");
    // When the others reach as high as the seeds, it rises into the seeds.
    (0..100).for_each(|_| others.add(histogram::bin(0.7)));
    let t = histogram::equal_error(&seeds, &others);
    assert!(t > 0.5 && t < 0.8, "{t}");
}

#[test]
fn an_aside_of_an_article_on_none_of_the_themes_stays_out_while_the_same_flash_joins() {
    let c = space_by_similarity();
    let aside = "Wahana antariksa itu mendarat di bulan setelah perjalanan panjang di orbit.";
    let cooking = format!(
        "Koki itu memasak nasi goreng di dapur. Resep sambal itu memakai cabai dan bawang. \
         {aside} Restoran itu menyajikan sate dan soto. Ibu itu merebus sayur untuk makan malam."
    );
    let b = brief(&c, &[SPACE_SEEDS, &cooking, aside]);
    // Alone, the sentence is its article's subject, and it is on the theme.
    assert_eq!(themes_of(&b, 2)[0], [("space".into(), "similarity".into())]);
    // In an article about cooking it is an aside: the article is closer to what the corpus
    // says besides the themes than to the theme, so nothing in it joins by similarity.
    let in_cooking = themes_of(&b, 1);
    assert_eq!(in_cooking.len(), 5);
    assert!(in_cooking.iter().all(|s| s.is_empty()), "{in_cooking:?}");
}

#[test]
fn an_article_that_never_names_a_theme_is_not_put_on_it_by_similarity() {
    let c = space_by_similarity();
    let body = "Wahana antariksa itu mendarat di bulan setelah perjalanan panjang di orbit. \
        Para astronot menyiapkan pendaratan di permukaan bulan. Badan antariksa merayakan \
        pendaratan wahana itu di bulan.";
    let named = format!("{body} Roket itu kembali ke bumi.");
    let b = brief(
        &c,
        &[
            SPACE_SEEDS,
            body,
            &named,
            "Koki itu memasak nasi goreng di dapur. Resep sambal itu memakai cabai dan bawang. \
             Restoran itu menyajikan sate dan soto.",
            "Ibu itu menggoreng ikan dan merebus sayur untuk makan malam. Pasar itu menjual \
             sayur segar setiap pagi. Harga cabai naik menjelang hari raya.",
        ],
    );
    // Close to the theme, but no sentence of it carries a term or a learned word: similarity
    // does not put the article on the theme.
    let unnamed = themes_of(&b, 1);
    assert!(unnamed.iter().all(|s| s.is_empty()), "{unnamed:?}");
    // The same article with one sentence that names the theme: the others join it by similarity.
    let named = themes_of(&b, 2);
    assert_eq!(named[3], [("space".into(), "terms".into())]);
    assert!(
        named[..3]
            .iter()
            .any(|s| s == &[("space".into(), "similarity".into())]),
        "{named:?}"
    );
}

/// Processed articles of these texts, with the themes of `config`.
fn processed(config: &Config, texts: &[&str]) -> (ThemeMatcher, Vec<Processed>) {
    let matcher = ThemeMatcher::new(&config.themes);
    let articles = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let id = format!("{i:02}");
            let mut doc = corpus::from_text(id.clone(), id, t);
            doc.language = Some(Lang::Id);
            pipeline::process(doc, config, &matcher)
        })
        .collect();
    (matcher, articles)
}

const VIEWED: [&str; 3] = [
    "Presiden memimpin rapat kabinet di istana. Menteri keuangan membahas anggaran negara.",
    "Tim nasional menang dalam pertandingan sepak bola. Pelatih memuji para pemain muda.",
    "Harga beras naik di pasar tradisional. Pedagang mengeluhkan pasokan yang berkurang dari petani.",
];

#[test]
fn views_spilled_to_a_file_read_back_as_the_views_held() {
    let config = config(
        vec![
            theme("politik", "Politik", &["presiden", "menteri"]),
            theme("olahraga", "Olahraga", &["pertandingan"]),
        ],
        GroupingConfig::default(),
    );
    let (matcher, articles) = processed(&config, &VIEWED);
    let own = space::own_terms(&matcher);
    let made = Views::of(&articles, true, Some(&own));
    assert_eq!(made.len(), 3);
    let article = made.article(0);
    assert_eq!(article.sentences, 2);
    assert!(article.hits(0).any(|h| h.theme == 0));
    let dims = space::dims(Lang::Id);
    assert!(article.whole(0, dims).is_some());
    let mut read = Vec::new();
    for spill in [false, true] {
        let mut store = ViewStore::new(spill).unwrap();
        store.push(made.clone()).unwrap();
        store
            .push(Views::of(&articles[1..], true, Some(&own)))
            .unwrap();
        let mut batches = Vec::new();
        store.each(&mut |v| batches.push(v.clone())).unwrap();
        // A second pass reads the same.
        store.each(&mut |v| batches.push(v.clone())).unwrap();
        read.push(batches);
    }
    assert_eq!(read[0], read[1]);
    assert_eq!(read[1][0], made);
    assert_eq!(read[1][2], made);
}

#[test]
fn views_that_are_not_views_are_refused() {
    let config = config(
        vec![theme("politik", "Politik", &["presiden"])],
        GroupingConfig::default(),
    );
    let (matcher, articles) = processed(&config, &VIEWED);
    let own = space::own_terms(&matcher);
    let views = Views::of(&articles, true, Some(&own));
    let mut bytes = Vec::new();
    let len = views.write_to(&mut bytes).unwrap();
    assert_eq!(len, bytes.len() as u64);
    let read = |bytes: &[u8], len: u64| Views::read_from(&mut &bytes[..], len);
    assert_eq!(read(&bytes, len).unwrap(), views);
    assert!(read(&bytes[..bytes.len() - 1], len).is_err());
    assert!(read(&bytes, len - 1).is_err());
    assert!(read(&bytes[..40], 40).is_err());
    // A sentence that would start past the end of its article's sentences.
    let mut wrong = bytes.clone();
    let sentence_at = 8 * 11 + 3;
    wrong[sentence_at + 4] = 0xff;
    assert!(read(&wrong, len).is_err());
}

#[test]
fn a_view_centred_at_use_is_the_vector_summed_with_the_centre_within_its_packing() {
    let config = config(
        vec![theme("politik", "Politik", &["presiden"])],
        GroupingConfig::default(),
    );
    let (_, articles) = processed(&config, &VIEWED);
    let views = Views::of(&articles, true, None);
    let dims = space::dims(Lang::Id);
    let centre: Vec<f32> = (0..dims).map(|i| i as f32 / 1000.0).collect();
    let mut checked = 0;
    for a in 0..views.len() {
        let article = views.article(a);
        for si in 0..article.sentences {
            let mut at_use = vec![0f32; dims];
            let kept = view::centred(article.whole(si, dims), &centre, &mut at_use);
            let mut words =
                sentence::SentenceWords::new(article.stems(si), Lang::Id, Some(&centre));
            let summed = words.keeping(|_| true);
            assert_eq!(summed.is_some(), kept);
            if let Some(summed) = summed {
                // Packed to a byte a value: off by at most half a step of the largest value
                // (a unit vector's largest value is at most 1).
                let step = 1.0 / 127.0;
                for (x, y) in summed.iter().zip(&at_use) {
                    assert!((x - y).abs() <= step / 2.0 + 1e-6, "{x} against {y}");
                }
                let cosine = space::dot(summed, &at_use)
                    / (space::dot(summed, summed) * space::dot(&at_use, &at_use)).sqrt();
                assert!(cosine > 0.999, "cosine {cosine}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 4, "{checked} sentences with vectors");
}

#[test]
fn one_article_with_too_few_seeds_is_assigned_as_the_whole_stage_assigns_it() {
    let config = config(
        vec![
            theme("antariksa", "Antariksa", &["satelit", "roket"]),
            theme("pangan", "Pangan", &["beras"]),
        ],
        GroupingConfig::default(),
    );
    let matcher = ThemeMatcher::new(&config.themes);
    let learner = Learner::new(&matcher, &config.grouping);
    let seeds = [
        "Roket itu membawa satelit cuaca ke orbit rendah bumi.",
        "Satelit komunikasi kedua diluncurkan dengan roket yang sama.",
        "Badan antariksa menyiapkan roket baru untuk satelit navigasi.",
        "Sebuah satelit pengamat bumi menyusul pada bulan depan.",
    ];
    let others = "Peluncuran berlangsung dari pangkalan di pantai timur pada pagi hari. \
                  Para insinyur memantau wahana itu dari ruang kendali sepanjang malam. \
                  Mereka juga mencatat data cuaca di sekitar landasan. \
                  Harga beras di pasar induk naik lagi minggu ini.";
    let mut learned_from = Vec::new();
    for n in 0..=seeds.len() {
        let text = format!("{} {others}", seeds[..n].join(" "));
        let (_, articles) = processed(&config, &[&text]);
        let article = &articles[0];
        let (learned, view) = learner.learn_one(article);
        let quick = learned.assign_viewed(article, view.article(0));
        // The whole stage, every pass run.
        let (whole, mut views) = learner
            .learn_with(&std::slice::from_ref(article), &mut |_| {})
            .unwrap();
        let viewed = views.next_batch().unwrap().unwrap();
        let full = whole.assign_viewed(article, viewed.article(0));
        assert_eq!(quick, full, "{n} seeds");
        assert_eq!(quick.len(), n + 4);
        // Below three seeds the passes are skipped; from three on they run.
        assert_eq!(learned.spaces.is_some(), n >= 3, "{n} seeds");
        assert!(whole.spaces.is_some());
        learned_from.push(quick.iter().filter(|e| !e.is_empty()).count());
    }
    // The terms' themes are found with or without the passes.
    assert!(
        learned_from[0] >= 1 && learned_from[2] >= 3,
        "{learned_from:?}"
    );
}

#[test]
fn a_sentence_its_learned_words_put_on_a_theme_says_so_when_similarity_agrees() {
    let c = config(
        vec![theme("arms", "Senjata", &["senjata"])],
        GroupingConfig::default(),
    );
    let b = brief(&c, ARMS_TALKS);
    let evidence = &b.articles.held().unwrap()[3].sentences[0].evidence;
    assert_eq!(evidence.len(), 1, "{evidence:?}");
    assert_eq!(evidence[0].via, "learned", "{evidence:?}");
    assert!(!evidence[0].learned.is_empty(), "{evidence:?}");
    // Similarity picks the same theme, and is shown beside the learned words.
    assert!(evidence[0].similarity.is_some(), "{evidence:?}");
}

mod abstention;
