//! Makes a benchmark corpus of N news articles from the 300 IndoSum dev articles.
//!
//! `cargo run --release --example make_corpus -- --articles N [--out DIR] [--jsonl FILE]
//!  [--source ../shared/eval/dev.jsonl] [--force]`
//!
//! Article k is built from source article k mod 300: its first paragraph stays first and a
//! trailing author tag such as `(les)` stays last; the paragraphs between are rotated, and one
//! or two body paragraphs of other articles are inserted at random places, each replacing one of
//! the article's own while it keeps at least three, so the sizes stay those of dev.jsonl. Every
//! choice comes from a SplitMix64 generator seeded with k, so the output depends only on N and
//! the source (the corpus for N is a prefix of the corpus for any larger N). A text that repeats
//! an earlier one is drawn again, so every text is unique.
//!
//! `--out DIR` writes `DIR/briefing.toml` and `DIR/articles/0000/000000.txt`, … (at most 1000
//! files a folder); `--jsonl FILE` writes `{"id", "text"}` lines, the input of
//! `briefing summarize --jsonl`. A one-line summary goes to stderr.

use std::collections::HashSet;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::exit;

/// Fixed seed of the generator; changing it changes every corpus.
const SEED: u64 = 0x6272_6965_6669_6e67; // "briefing"
/// Articles per subfolder of `articles/`.
const PER_FOLDER: usize = 1000;
/// Shortest paragraph worth borrowing into another article, in bytes.
const MIN_BORROWED: usize = 80;

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, and the same on every machine.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the modulo bias is negligible for our small `n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A source article split into its parts.
struct Source {
    lead: String,
    body: Vec<String>,
    /// A trailing author tag (`(les)`, `[dan]`, `(abm / agk)`), kept last.
    tag: Option<String>,
}

/// The command-line options.
struct Options {
    articles: usize,
    out: Option<PathBuf>,
    jsonl: Option<PathBuf>,
    source: PathBuf,
    force: bool,
}

fn main() {
    let options = parse_args();
    if let Err(message) = run(&options) {
        eprintln!("make_corpus: error: {message}");
        exit(1);
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: make_corpus --articles N [--out DIR] [--jsonl FILE] [--source dev.jsonl] [--force]\n\
         \n  --articles N    how many articles to make\
         \n  --out DIR       write DIR/briefing.toml and DIR/articles/NNNN/NNNNNN.txt\
         \n  --jsonl FILE    write the articles as {{\"id\", \"text\"}} JSON lines\
         \n  --source FILE   the source articles (default: ../shared/eval/dev.jsonl)\
         \n  --force         replace an existing DIR/articles\
         \n\nAt least one of --out and --jsonl is needed."
    );
    exit(2);
}

fn parse_args() -> Options {
    let mut articles = None;
    let mut out = None;
    let mut jsonl = None;
    let mut source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev.jsonl");
    let mut force = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next().unwrap_or_else(|| {
                eprintln!("make_corpus: {arg} needs a value");
                usage()
            })
        };
        match arg.as_str() {
            "--articles" | "-n" => {
                let v = value();
                articles = Some(v.parse::<usize>().unwrap_or_else(|_| {
                    eprintln!("make_corpus: --articles takes a whole number, not {v:?}");
                    usage()
                }));
            }
            "--out" => out = Some(PathBuf::from(value())),
            "--jsonl" => jsonl = Some(PathBuf::from(value())),
            "--source" => source = PathBuf::from(value()),
            "--force" => force = true,
            "-h" | "--help" => usage(),
            other => {
                eprintln!("make_corpus: unknown argument {other:?}");
                usage()
            }
        }
    }
    let Some(articles) = articles else {
        eprintln!("make_corpus: --articles is required");
        usage()
    };
    if out.is_none() && jsonl.is_none() {
        eprintln!("make_corpus: give --out DIR, --jsonl FILE or both");
        usage()
    }
    Options {
        articles,
        out,
        jsonl,
        source,
        force,
    }
}

fn run(options: &Options) -> Result<(), String> {
    let sources = read_sources(&options.source)?;
    let pool = borrowable(&sources);
    if pool.is_empty() {
        return Err(format!(
            "{}: no paragraph is long enough to borrow",
            options.source.display()
        ));
    }

    let articles_dir = options.out.as_ref().map(|dir| dir.join("articles"));
    if let (Some(dir), Some(articles_dir)) = (&options.out, &articles_dir) {
        prepare_out(dir, articles_dir, options.force)?;
        fs::write(dir.join("briefing.toml"), config_text(options.articles))
            .map_err(|e| format!("{}: {e}", dir.join("briefing.toml").display()))?;
    }
    let mut jsonl = match &options.jsonl {
        Some(path) => Some(BufWriter::new(
            fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?,
        )),
        None => None,
    };

    let width = digits(options.articles.saturating_sub(1)).max(6);
    let mut seen: HashSet<String> = HashSet::with_capacity(options.articles);
    let mut total_bytes = 0usize;
    let mut redrawn = 0usize;
    for k in 0..options.articles {
        let base = k % sources.len();
        let mut rng = SplitMix64(SEED ^ (k as u64).wrapping_mul(0xd1b5_4a32_d192_ed03));
        let text = loop {
            let text = vary(&sources, base, &pool, &mut rng);
            if !seen.contains(&text) {
                break text;
            }
            redrawn += 1;
        };
        total_bytes += text.len();
        let id = format!("{k:0width$}");
        if let Some(articles_dir) = &articles_dir {
            let folder = articles_dir.join(format!("{:04}", k / PER_FOLDER));
            if k % PER_FOLDER == 0 {
                fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
            }
            let file = folder.join(format!("{id}.txt"));
            fs::write(&file, format!("{text}\n"))
                .map_err(|e| format!("{}: {e}", file.display()))?;
        }
        if let Some(w) = &mut jsonl {
            let line = format!(
                "{{\"id\": {}, \"text\": {}}}\n",
                serde_json::to_string(&id).expect("a string serialises"),
                serde_json::to_string(&text).expect("a string serialises")
            );
            w.write_all(line.as_bytes())
                .map_err(|e| format!("writing JSON lines: {e}"))?;
        }
        seen.insert(text);
    }
    if let Some(mut w) = jsonl {
        w.flush().map_err(|e| format!("writing JSON lines: {e}"))?;
    }

    let wrote: Vec<String> = [&options.out, &options.jsonl]
        .into_iter()
        .flatten()
        .map(|p| p.display().to_string())
        .collect();
    eprintln!(
        "make_corpus: {} articles, {} bytes ({:.1} MB, {} bytes on average; {} unique texts, {} redrawn) from {} source articles into {}",
        options.articles,
        total_bytes,
        total_bytes as f64 / 1e6,
        total_bytes.checked_div(options.articles).unwrap_or(0),
        seen.len(),
        redrawn,
        sources.len(),
        wrote.join(" and ")
    );
    Ok(())
}

/// Reads the `text` of every JSON line of `path` and splits it into lead, body and tag.
fn read_sources(path: &Path) -> Result<Vec<Source>, String> {
    let data = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut sources = Vec::new();
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        let text = value["text"]
            .as_str()
            .ok_or_else(|| format!("{}:{}: no \"text\" string", path.display(), i + 1))?;
        let mut paragraphs: Vec<String> = text
            .replace("\r\n", "\n")
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        if paragraphs.is_empty() {
            continue;
        }
        let lead = paragraphs.remove(0);
        let tag = match paragraphs.last() {
            Some(last) if is_tag(last) => paragraphs.pop(),
            _ => None,
        };
        sources.push(Source {
            lead,
            body: paragraphs,
            tag,
        });
    }
    if sources.is_empty() {
        return Err(format!("{}: no articles", path.display()));
    }
    Ok(sources)
}

/// An author tag on its own line: `(les)`, `[eko]`, `(abm / agk)`, `(R030)`.
fn is_tag(paragraph: &str) -> bool {
    paragraph.len() <= 24
        && ((paragraph.starts_with('(') && paragraph.ends_with(')'))
            || (paragraph.starts_with('[') && paragraph.ends_with(']')))
}

/// Body paragraphs fit to be lent to another article, as (source index, paragraph index):
/// long enough and ending like a sentence, so no list items, headings or "Baca juga" lines.
fn borrowable(sources: &[Source]) -> Vec<(usize, usize)> {
    let mut pool = Vec::new();
    for (s, source) in sources.iter().enumerate() {
        for (p, paragraph) in source.body.iter().enumerate() {
            let ends_a_sentence = paragraph.ends_with(['.', '!', '?', '"', '”', '\'', '’']);
            let furniture = ["baca", "simak", "lihat"]
                .iter()
                .any(|w| paragraph.to_lowercase().starts_with(w));
            if paragraph.len() >= MIN_BORROWED && ends_a_sentence && !furniture {
                pool.push((s, p));
            }
        }
    }
    pool
}

/// One variant of source article `base`: body rotated, one or two paragraphs swapped for other
/// articles' ones; lead first, tag last, paragraphs apart by a blank line.
fn vary(sources: &[Source], base: usize, pool: &[(usize, usize)], rng: &mut SplitMix64) -> String {
    let source = &sources[base];
    let mut body: Vec<&str> = source.body.iter().map(String::as_str).collect();
    if body.len() > 1 {
        let by = rng.below(body.len());
        body.rotate_left(by);
    }
    let borrowed = 1 + rng.below(2);
    // One paragraph out for each borrowed one, keeping three of the article's own.
    for _ in 0..borrowed {
        if body.len() >= 4 {
            body.remove(rng.below(body.len()));
        }
    }
    for _ in 0..borrowed {
        // Another article's paragraph, not one already here (the pool spans many articles).
        let paragraph = loop {
            let (s, p) = pool[rng.below(pool.len())];
            let candidate = sources[s].body[p].as_str();
            if (s != base || sources.len() == 1) && !body.contains(&candidate) {
                break candidate;
            }
        };
        let at = rng.below(body.len() + 1);
        body.insert(at, paragraph);
    }
    let mut parts = Vec::with_capacity(body.len() + 2);
    parts.push(source.lead.as_str());
    parts.extend(body);
    parts.extend(source.tag.as_deref());
    parts.join("\n\n")
}

/// Refuses to write into an existing `articles` folder unless `force`, which empties it first.
fn prepare_out(dir: &Path, articles_dir: &Path, force: bool) -> Result<(), String> {
    if articles_dir.exists() {
        if !force {
            return Err(format!(
                "{} already exists; remove it, pass --force to replace it, or choose another --out",
                articles_dir.display()
            ));
        }
        fs::remove_dir_all(articles_dir).map_err(|e| format!("{}: {e}", articles_dir.display()))?;
    }
    fs::create_dir_all(articles_dir).map_err(|e| format!("{}: {e}", dir.display()))
}

/// The project's `briefing.toml`: three themes whose terms occur across dev.jsonl.
fn config_text(articles: usize) -> String {
    format!(
        r#"# Made by `cargo run --release --example make_corpus`: a benchmark corpus.
title = "Korpus uji: {articles} artikel berita"
input = "articles"
output = "out"

[[themes]]
id = "ekonomi"
title = "Ekonomi"
description = "Harga, pasar, rupiah, anggaran dan investasi."
terms = [
  "ekonomi", "harga", "pasar", "rupiah", "dolar", "anggaran", "investasi", "investor",
  "saham", "bursa", "pajak", "bank", "inflasi",
]

[[themes]]
id = "olahraga"
title = "Olahraga"
description = "Sepak bola dan olahraga lain: pemain, pelatih, klub dan liga."
terms = [
  "sepak bola", "pertandingan", "pemain", "pelatih", "klub", "liga", "juara", "timnas",
  "stadion", "turnamen", "gol", "Liga Champions", "Piala Dunia",
]

[[themes]]
id = "politik"
title = "Politik dan pemerintahan"
description = "Presiden, menteri, DPR, partai, pemilu dan korupsi."
terms = [
  "presiden", "menteri", "pemerintah", "DPR", "partai", "politik", "pemilu", "pilkada",
  "gubernur", "kampanye", "KPK", "korupsi",
]
"#
    )
}

/// The number of decimal digits of `n`.
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}
