//! The model built from contributions sent as JSON is the model `add` builds.

use std::path::Path;

use super::*;
use crate::corpus;
use crate::learn;
use crate::stems::StemSet;
use crate::summary::DocFreq;

#[test]
fn epoch_days_to_dates() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(19_613), (2023, 9, 13));
    assert_eq!(civil_from_days(-1), (1969, 12, 31));
}

/// The repository's seeds with the project's configuration, through every per-article stage,
/// the learn stage and scoring, as a build takes them to the model.
struct Seeds {
    config: Config,
    matcher: ThemeMatcher,
    learned: Learned,
    forms: FxHashMap<u64, String>,
    processed: Vec<Processed>,
    summaries: Vec<Summary>,
    evidence: Vec<Vec<Vec<Evidence>>>,
}

fn seeds() -> Seeds {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::load(&root.join("briefing.toml")).unwrap();
    let matcher = ThemeMatcher::new(&config.themes);
    let input = root.join(&config.input);
    let (paths, mut warnings) = corpus::discover(&input).unwrap();
    let mut processed = Vec::new();
    for path in &paths {
        for doc in corpus::read(&input, path, &mut warnings).unwrap() {
            processed.push(crate::pipeline::process(doc, &config, &matcher));
        }
    }
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(processed.len() >= 5);
    let learned = learn::learn(&processed.as_slice(), &matcher, &config.grouping).unwrap();
    let forms = learned.word_forms(&processed.as_slice()).unwrap();
    let mut df = DocFreq::default();
    processed.iter().for_each(|p| df.add(&p.terms));
    let summaries: Vec<Summary> = processed
        .iter()
        .map(|p| p.summarize(Some(&df), &config.summary))
        .collect();
    processed.iter_mut().for_each(Processed::release_scoring);
    let evidence = processed.iter().map(|p| learned.assign(p)).collect();
    Seeds {
        config,
        matcher,
        learned,
        forms,
        processed,
        summaries,
        evidence,
    }
}

impl Seeds {
    /// A builder; a spilling one has no memory to spare, so it merges one theme at a time.
    fn builder(&self, spill: bool) -> ModelBuilder<'_> {
        ModelBuilder::new(
            &self.config,
            &self.matcher,
            &self.learned,
            &self.forms,
            spill.then_some(0),
        )
        .unwrap()
    }

    /// The briefing `add` makes, in one batch.
    fn added(&self, spill: bool) -> Briefing {
        let mut processed = self.processed.clone();
        let mut builder = self.builder(spill);
        builder
            .add(&mut processed, &self.summaries, &self.evidence)
            .unwrap();
        builder.finish().unwrap().0
    }

    /// Every article's contribution, made on its own by a builder of its own (as a worker
    /// would), written as a JSON line.
    fn lines(&self) -> String {
        let mut lines = String::new();
        for ((p, s), e) in self
            .processed
            .iter()
            .zip(&self.summaries)
            .zip(&self.evidence)
        {
            let builder = self.builder(false);
            let c = builder.contribution(&mut p.clone(), s, e);
            lines.push_str(&serde_json::to_string(&c).unwrap());
            lines.push('\n');
        }
        lines
    }

    /// The briefing made from contributions read back from JSON lines, absorbed in batches of
    /// `batch`, each changed by `change` first.
    fn absorbed(
        &self,
        lines: &str,
        batch: usize,
        spill: bool,
        change: Change,
    ) -> std::io::Result<Briefing> {
        let mut contributions: Vec<Contribution> = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        contributions.iter_mut().for_each(change);
        let mut builder = self.builder(spill);
        while !contributions.is_empty() {
            let rest = contributions.split_off(batch.min(contributions.len()));
            builder.absorb(std::mem::replace(&mut contributions, rest))?;
        }
        Ok(builder.finish()?.0)
    }
}

/// A change made to a contribution before it is absorbed.
type Change<'a> = &'a dyn Fn(&mut Contribution);

fn text(briefing: &Briefing) -> String {
    crate::json::to_string(briefing).unwrap()
}

#[test]
fn contributions_sent_as_json_make_the_briefing_add_makes() {
    let seeds = seeds();
    let lines = seeds.lines();
    let unchanged = |_: &mut Contribution| {};
    for spill in [false, true] {
        let added = seeds.added(spill);
        assert!(added.themes.iter().any(|t| !t.points.is_empty()));
        assert!(added.themes.iter().any(|t| !t.quotes.is_empty()));
        assert!(!added.timeline.is_empty());
        for batch in [1, 2, 100] {
            let absorbed = seeds.absorbed(&lines, batch, spill, &unchanged).unwrap();
            let same = text(&absorbed) == text(&added) && absorbed == added;
            assert!(same, "a different briefing: spill {spill}, batch {batch}");
        }
    }
}

/// What a contribution carries beside its entry counts: a briefing made without it differs.
#[test]
fn every_part_of_the_offers_counts() {
    let seeds = seeds();
    let lines = seeds.lines();
    let expected = text(&seeds.added(false));
    // (The language the merge reads a point in changes nothing on the seeds: not checked.)
    let changes: [(&str, Change); 5] = [
        ("stems", &|c| {
            c.offers
                .sentences
                .iter_mut()
                .for_each(|o| o.stems = StemSet::default())
        }),
        ("scores", &|c| {
            c.offers
                .sentences
                .iter_mut()
                .for_each(|o| o.themes.iter_mut().for_each(|t| t.1 = 0.5))
        }),
        ("term uses", &|c| c.offers.term_uses.clear()),
        ("quotes", &|c| c.offers.quotes.clear()),
        ("events", &|c| c.offers.events.clear()),
    ];
    for (what, change) in changes {
        let changed = seeds.absorbed(&lines, 100, false, change).unwrap();
        assert!(
            text(&changed) != expected,
            "the same briefing without its {what}"
        );
    }
}

#[test]
fn offers_out_of_range_are_refused() {
    let seeds = seeds();
    let lines = seeds.lines();
    let changes: [Change; 4] = [
        &|c| {
            c.offers
                .sentences
                .iter_mut()
                .for_each(|o| o.sentence = 10_000)
        },
        &|c| c.offers.term_uses.push([0, 1_000_000, 1]),
        &|c| c.offers.quotes.push([10_000, 0]),
        &|c| {
            c.offers
                .sentences
                .iter_mut()
                .for_each(|o| o.themes.push((99, 1.0)))
        },
    ];
    for change in changes {
        let refused = seeds.absorbed(&lines, 100, false, change).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::InvalidData);
    }
}

/// The briefing made from filed articles ([`Filed`]), absorbed in batches of `batch`, each
/// changed by `change` first.
fn filed(
    seeds: &Seeds,
    lines: &str,
    spill: bool,
    change: &dyn Fn(&mut Filing),
) -> std::io::Result<Briefing> {
    let mut filed: Vec<Filed> = (lines.lines())
        .map(|l| {
            let c: Contribution = serde_json::from_str(l).unwrap();
            let entry = String::from_utf8(crate::json::entry(c.article()).unwrap()).unwrap();
            // As the cache keeps it.
            let stored =
                postcard::to_stdvec(&(Filing::of(c.article(), c.offers()), c.offers(), &entry));
            let (filing, offers, entry): (Filing, Offers, String) =
                postcard::from_bytes(&stored.unwrap()).unwrap();
            (filing, offers, EntryText::Made(entry))
        })
        .collect();
    filed.iter_mut().for_each(|f| change(&mut f.0));
    let mut builder = seeds.builder(spill);
    while !filed.is_empty() {
        let rest = filed.split_off(2.min(filed.len()));
        builder.absorb_filed(std::mem::replace(&mut filed, rest))?;
    }
    Ok(builder.finish()?.0)
}

#[test]
fn filed_articles_make_the_briefing_add_makes() {
    let seeds = seeds();
    let lines = seeds.lines();
    for spill in [false, true] {
        let added = seeds.added(spill);
        let made = filed(&seeds, &lines, spill, &|_| {}).unwrap();
        assert!(
            text(&made) == text(&added) && made == added,
            "spill {spill}"
        );
    }
    // A filing is what a rebuild reads instead of the entry: a few percent of it.
    let entries: usize = (lines.lines())
        .map(|l| serde_json::from_str::<Contribution>(l).unwrap())
        .map(|c| {
            let filing = Filing::of(c.article(), c.offers());
            let entry = crate::json::entry(c.article()).unwrap().len();
            assert!(postcard::to_stdvec(&filing).unwrap().len() * 2 < entry);
            entry
        })
        .sum();
    assert!(entries > 0);
}

#[test]
fn a_filing_that_does_not_fit_its_offers_is_refused() {
    let seeds = seeds();
    let lines = seeds.lines();
    let changes: [&dyn Fn(&mut Filing); 4] = [
        &|f| f.cited.clear(),
        &|f| f.cited.reverse(),
        &|f| f.sentences = 0,
        &|f| f.quotes.iter_mut().for_each(|q| q.1.sentence = 10_000),
    ];
    for change in changes {
        let refused = filed(&seeds, &lines, true, change).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::InvalidData);
    }
}

/// A memo in memory that counts what it recalled, and can be made to recall points that cite
/// articles the build does not have.
#[derive(Default)]
struct MemoInMemory {
    kept: std::sync::Mutex<FxHashMap<[u8; 32], Vec<crate::themes::Point>>>,
    recalled: std::sync::atomic::AtomicUsize,
}

impl PointsMemo for MemoInMemory {
    fn recall(&self, key: &blake3::Hash) -> Option<Vec<crate::themes::Point>> {
        let points = self.kept.lock().unwrap().get(key.as_bytes()).cloned()?;
        self.recalled
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(points)
    }

    fn keep(&self, key: &blake3::Hash, points: &[crate::themes::Point]) {
        self.kept
            .lock()
            .unwrap()
            .insert(*key.as_bytes(), points.to_vec());
    }
}

impl MemoInMemory {
    fn recalled(&self) -> usize {
        self.recalled.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[test]
fn theme_points_are_recalled_only_for_the_sentences_they_were_merged_from() {
    let seeds = seeds();
    let themes = seeds.config.themes.len();
    // The first `n` articles' briefing, with the memo or without.
    let built = |n: usize, memo: Option<&MemoInMemory>| {
        let mut processed = seeds.processed[..n].to_vec();
        let mut builder = seeds.builder(false);
        if let Some(memo) = memo {
            builder = builder.with_points_memo(memo);
        }
        builder
            .add(&mut processed, &seeds.summaries[..n], &seeds.evidence[..n])
            .unwrap();
        builder.finish().unwrap().0
    };
    let all = seeds.processed.len();
    let memo = MemoInMemory::default();
    assert_eq!(built(all, Some(&memo)), built(all, None));
    assert_eq!(memo.recalled(), 0);
    assert_eq!(built(all, Some(&memo)), built(all, None));
    assert_eq!(memo.recalled(), themes, "every theme recalled");
    // One article fewer: the themes it spoke to are merged again, the others recalled.
    let fewer = built(all - 1, None);
    let last = &seeds.evidence[all - 1];
    let untouched = (0..themes)
        .filter(|&t| last.iter().flatten().all(|e| e.theme != t))
        .count();
    assert!(untouched < themes, "the last seed speaks to a theme");
    assert_eq!(built(all - 1, Some(&memo)), fewer);
    assert_eq!(memo.recalled(), themes + untouched);
    // Points that cite an article the build has not are not recalled.
    for points in memo.kept.lock().unwrap().values_mut() {
        for point in points.iter_mut() {
            point.sources.push((all + 10, 0));
        }
    }
    assert_eq!(built(all, Some(&memo)), built(all, None));
}
