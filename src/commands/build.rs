//! `briefing build`: scan, then (unless nothing changed) read, summarise, group, render and
//! write atomically.

use crate::cache::{Cache, Manifest};
use crate::cli::BuildArgs;
use crate::error::Result;
use crate::lock::{Access, ProjectLock};
use crate::output::{self, journal::Recovered};
use crate::pipeline::{self, Project};
use crate::render::Renderer;
use crate::timings;

/// Builds the briefing into the project's output folder.
pub fn run(args: &BuildArgs) -> Result<()> {
    if args.timings {
        timings::start();
    }
    let result = run_build(args);
    if args.timings {
        let phases = timings::finish();
        if result.is_ok() {
            eprint!("{}", timings::table(&phases));
        }
    }
    result
}

/// [`run`], its phases marked for `--timings`.
fn run_build(args: &BuildArgs) -> Result<()> {
    let project = super::open_project(&args.project, !args.from_jsonl.is_empty())?;
    // One build of a project at a time: a second one waits here (see `lock`).
    let _lock = ProjectLock::acquire(&project.root, Access::Exclusive, args.project.quiet)?;
    finish_interrupted(&project, args.project.quiet)?;
    let renderer = Renderer::new(Some(&project.templates()))?;
    for warning in renderer.warnings() {
        crate::error::print_warning(warning);
    }
    timings::mark("project, lock and templates");
    if !args.from_jsonl.is_empty() {
        return from_records(&project, &renderer, args);
    }
    match build(&project, args, &renderer, true) {
        // A cached text found damaged as the briefing was written: the cache dropped it when
        // the build ended, and a second build makes every text again.
        Err(e) if damaged_cache(&e) => {
            crate::error::print_warning(&format!("{e}; building again without it"));
            build(&project, args, &renderer, false)
        }
        result => result,
    }
}

/// Whether `e` is a cached text found damaged ([`crate::cache::DamagedText`]).
fn damaged_cache(e: &crate::error::Error) -> bool {
    matches!(e, crate::error::Error::Io { source, .. }
        if source.get_ref().is_some_and(|inner| inner.is::<crate::cache::DamagedText>()))
}

/// Builds with the cache (unless `--no-cache`; its stored entry texts only when `texts`):
/// scans, and unless nothing changed, assembles, renders and writes the briefing.
fn build(project: &Project, args: &BuildArgs, renderer: &Renderer, texts: bool) -> Result<()> {
    // Without the cache, the files need no keys: each is read once, when processed. With it,
    // its index is read while the files are listed.
    let (scan, cache) = match (args.no_cache, texts) {
        (true, _) => (pipeline::scan(project, None)?, Cache::disabled()),
        (false, true) => pipeline::scan_opening(project, || Cache::open(project.cache_dir()))?,
        (false, false) => {
            pipeline::scan_opening(project, || Cache::open(project.cache_dir()).without_texts())?
        }
    };
    timings::mark("scan");
    let fingerprint = build_fingerprint(project, &scan, renderer);
    let out = project.output();
    let current = if args.no_cache || !scan.warnings.is_empty() {
        None
    } else {
        cache
            .load_manifest()
            .filter(|m| m.is_current(&fingerprint, &out))
    };
    timings::mark("up-to-date check");
    if let Some(manifest) = current {
        // The same inputs give the same warnings, and `--deny-warnings` the same failure.
        super::report_warnings(&manifest.warnings, args.project.deny_warnings)?;
        if !args.project.quiet {
            eprintln!(
                "briefing in {} is up to date ({} unchanged)",
                out.display(),
                super::counted(scan.files.len(), "article", "articles")
            );
        }
        return Ok(());
    }
    cache.remove_leftovers();
    scan.keep_stamps(&cache);
    // On a terminal, a progress bar for long builds; indicatif draws nothing when stderr is
    // not a terminal (CI, pipes).
    let bar = if args.project.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(scan.files.len() as u64)
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let outcome = pipeline::assemble(project, &scan, &cache, &|| bar.inc(1));
    bar.finish_and_clear();
    timings::mark("articles and model");
    let result = outcome
        .and_then(|outcome| write_briefing(project, args, renderer, &cache, &fingerprint, outcome));
    // The cache keeps what this build used and stored; only a build that got through keeps
    // nothing else.
    cache.commit(result.is_ok());
    timings::mark("manifest and cache commit");
    for warning in cache.take_warnings() {
        crate::error::eprint_labelled(&warning.to_string());
    }
    let (outcome, written) = result?;
    if args.project.verbose {
        for path in &outcome.processed {
            eprintln!("processed {}", path.display());
        }
        if outcome.reused {
            eprintln!(
                "reused the last build's document frequencies, learned themes and unchanged \
                 articles' results (no change to the articles they are learned from)"
            );
        }
    }
    if !args.project.quiet {
        let how = format!(
            "{} processed, {} from cache",
            outcome.processed.len(),
            scan.files.len() - outcome.processed.len()
        );
        report(&outcome, &how, &written.files);
    }
    if let crate::model::Articles::Held(articles) = outcome.briefing.articles {
        pipeline::free_in_parallel(articles);
    }
    Ok(())
}

/// Checks the outcome, renders and writes the briefing, and keeps in `cache` what the next
/// build needs of it (the manifest, and [`crate::changes::remember`]).
fn write_briefing(
    project: &Project,
    args: &BuildArgs,
    renderer: &Renderer,
    cache: &Cache,
    fingerprint: &blake3::Hash,
    mut outcome: pipeline::Outcome,
) -> Result<(pipeline::Outcome, output::Switched)> {
    let out = project.output();
    super::checked_outcome(project, &outcome, args.project.deny_warnings)?;
    super::fill_in_changes(&out, &mut outcome.briefing, cache);
    timings::mark("changes since the last build");
    // The pages are rendered while briefing.json is written, and what the next build needs
    // of this briefing is made meanwhile.
    let files = renderer.render_as_written(&outcome.briefing);
    let briefing = &outcome.briefing;
    let keep = || crate::changes::keep_previous(cache, briefing);
    let (written, previous) = std::thread::scope(|scope| {
        let previous =
            (!args.no_cache).then(|| std::thread::Builder::new().spawn_scoped(scope, keep));
        let written = output::write_all(&out, &files, &|name| cache.spare_path(name));
        let previous = previous.and_then(|making| match making {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => keep(),
        });
        (written, previous)
    });
    let written = written?;
    timings::mark("pages rendered and outputs written");
    if let Some(previous) = previous {
        let json = files
            .iter()
            .zip(&written.files)
            .find(|((name, _), _)| *name == "briefing.json");
        if let Some((_, file)) = json {
            let stamp = crate::cache::stamp::Stamp::at(&file.path);
            crate::changes::remember(cache, (file.hash, stamp), &previous);
        }
        let manifest = Manifest {
            fingerprint: fingerprint.to_hex().to_string(),
            outputs: files
                .iter()
                .zip(&written.files)
                .map(|((name, _), file)| (name.to_string(), file.hash.to_hex().to_string()))
                .collect(),
            warnings: outcome.warnings.clone(),
        };
        // The briefing is written: a cache that cannot keep the manifest costs the next build
        // its shortcut, nothing more.
        if let Err(e) = cache.store_manifest(&manifest) {
            crate::error::print_warning(&format!(
                "{}: cannot store the build manifest ({e}); the next build will not \
                 know the briefing is up to date",
                project.cache_dir().display()
            ));
        }
    }
    drop(files);
    Ok((outcome, written))
}

/// `build --from-jsonl`: the briefing from per-article records (no input folder, no cache).
fn from_records(project: &Project, renderer: &Renderer, args: &BuildArgs) -> Result<()> {
    let mut outcome = pipeline::assemble_records(project, &args.from_jsonl, args.state.as_deref())?;
    timings::mark("records merged");
    super::checked_outcome(project, &outcome, args.project.deny_warnings)?;
    super::fill_in_changes(&project.output(), &mut outcome.briefing, &Cache::disabled());
    timings::mark("changes since the last build");
    let files = renderer.render_as_written(&outcome.briefing);
    let written = output::write_all(&project.output(), &files, &|_| None)?;
    timings::mark("pages rendered and outputs written");
    if !args.project.quiet {
        report(&outcome, "merged from per-article records", &written.files);
    }
    Ok(())
}

/// Finishes (or undoes) the switch of outputs a build that died left in the output folder,
/// before anything else looks at it.
fn finish_interrupted(project: &Project, quiet: bool) -> Result<()> {
    let out = project.output();
    let done = output::journal::recover(&out)?;
    if !quiet {
        match done {
            Recovered::RolledForward => eprintln!(
                "finished switching in the briefing an interrupted build had written to {}",
                out.display()
            ),
            Recovered::RolledBack => eprintln!(
                "removed the unfinished files of an interrupted build from {}",
                out.display()
            ),
            Recovered::Nothing => {}
        }
    }
    Ok(())
}

/// The one-line report of a finished build.
fn report(outcome: &pipeline::Outcome, how: &str, written: &[output::Written]) {
    let stats = &outcome.briefing.stats;
    eprintln!(
        "built {} ({how}; {}, {}) into {}",
        super::counted(stats.articles, "article", "articles"),
        super::counted(stats.sentences, "sentence", "sentences"),
        super::counted(outcome.briefing.themes.len(), "theme", "themes"),
        written
            .iter()
            .map(|file| file.path.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// blake3 over everything the outputs depend on: the inputs (via the scan), the whole
/// configuration, the templates and the tool's version (inside every cache key).
fn build_fingerprint(
    project: &Project,
    scan: &pipeline::Scan,
    renderer: &Renderer,
) -> blake3::Hash {
    let config = serde_json::to_string(&project.config).unwrap_or_default();
    let date = std::env::var("SOURCE_DATE_EPOCH").unwrap_or_default();
    Cache::key(&[
        scan.fingerprint.as_bytes(),
        config.as_bytes(),
        renderer.fingerprint().as_bytes(),
        date.as_bytes(),
    ])
}
