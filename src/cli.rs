//! The command line: `briefing init | build | check | summarize | eval | themes | clean | fetch |
//! watch | serve | completions | man`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Turns a folder of news articles into a briefing: an extractive summary of every article and
/// the material of all articles grouped by theme, as Markdown, HTML and JSON.
///
/// Exit codes: 0 success, 1 stale briefing or findings, 2 usage or input error.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a project around a folder of articles: briefing.toml (with themes suggested from
    /// the articles), .gitignore and a GitHub workflow. Replaces nothing without --force.
    Init(InitArgs),
    /// Build the briefing: read the articles named by briefing.toml and write
    /// briefing.md, briefing.html and briefing.json into the output folder.
    Build(BuildArgs),
    /// Check that the briefing in the output folder is current, writing nothing.
    /// Exits 0 when current, 1 when stale (naming the stale files and the articles added,
    /// changed or removed since it was built), 2 on error.
    Check(CheckArgs),
    /// Summarise article files, or a stream of JSON lines with --jsonl.
    Summarize(SummarizeArgs),
    /// The cross-article steps on a batch engine: one step's map over per-article records of
    /// `summarize --jsonl --partial`, or (--combine) its reduce into the next state.
    Aggregate(AggregateArgs),
    /// Score summaries against reference summaries with ROUGE, beside LEAD-3.
    Eval(EvalArgs),
    /// Show what each theme found and why: its sentences by evidence, how often each term
    /// matched, the words it learned, its strongest and weakest sentences. Writes nothing.
    Themes(CheckArgs),
    /// Remove the build cache (the project's .briefing-cache folder).
    Clean(CleanArgs),
    /// Download web pages and feeds into the input folder (the build never touches the
    /// network). Exits 0 when every URL was fetched, 1 when any failed, 2 on usage errors.
    Fetch(FetchArgs),
    /// Rebuild whenever an article, briefing.toml or a template changes (Ctrl-C to stop).
    #[cfg(feature = "watch")]
    Watch(WatchArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell or elvish) to stdout.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to stdout, or write one page per subcommand into a folder.
    Man(ManArgs),
    /// Build, serve the output folder on http://127.0.0.1, rebuild on every change and reload
    /// the open page (Ctrl-C to stop).
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
}

/// Options of `briefing init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The project folder (made if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The folder of articles, relative to DIR (default: DIR/articles if it exists, else the
    /// one folder in DIR that holds articles, else a new articles/ with a sample article).
    #[arg(long, value_name = "PATH")]
    pub input: Option<PathBuf>,
    /// Replace an existing briefing.toml and workflow (articles and .gitignore are never
    /// replaced; .gitignore only gets the cache folder added).
    #[arg(long)]
    pub force: bool,
}

/// Options of `briefing completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Options of `briefing man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write briefing.1 and one page per subcommand (briefing-build.1, …) into this folder
    /// instead of printing briefing.1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Options of `briefing build`.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// The project, as for every project command.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Do not read or write the build cache: process every article afresh.
    #[arg(long)]
    pub no_cache: bool,
    /// Build from per-article results of `briefing summarize --jsonl --partial` (files; `-` is
    /// stdin) instead of reading the input folder: the merge step of a run spread over many
    /// machines.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub from_jsonl: Vec<PathBuf>,
    /// With --from-jsonl: the files are the finish step of `briefing aggregate` run on a
    /// batch engine, and FILE is the state it ran with.
    #[arg(long, value_name = "FILE", requires = "from_jsonl")]
    pub state: Option<PathBuf>,
    /// Print, once the build is done, the wall and CPU time of each of its phases.
    #[arg(long)]
    pub timings: bool,
}

/// Options of `briefing check` and `briefing themes` (they write nothing; `check` never reads
/// the cache, `themes` reads it).
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The project, as for every project command.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Read per-article results of `briefing summarize --jsonl --partial` (files; `-` is stdin)
    /// instead of the input folder, as `build --from-jsonl` does.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub from_jsonl: Vec<PathBuf>,
    /// With --from-jsonl: the files are the finish step of `briefing aggregate`, and FILE is
    /// the state it ran with, as for `build`.
    #[arg(long, value_name = "FILE", requires = "from_jsonl")]
    pub state: Option<PathBuf>,
}

/// Options of `briefing serve`.
#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The project and how to watch it, as for `watch`.
    #[command(flatten)]
    pub watch: WatchArgs,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, value_name = "N", default_value_t = 8040)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address shows the briefing to the
    /// network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the briefing in the web browser once it is served.
    #[arg(long)]
    pub open: bool,
}

/// Options of `briefing watch`.
#[cfg(feature = "watch")]
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// The project, as for `build`.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Do not read or write the build cache: process every article afresh.
    #[arg(long)]
    pub no_cache: bool,
    /// Look for changes every second (reading every watched file) instead of waiting for the
    /// system's change events: for network file systems, or when the system has no watches left.
    #[arg(long)]
    pub poll: bool,
}

/// Options of `briefing clean`.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The project folder (holding briefing.toml).
    #[arg(short = 'C', long = "project", value_name = "DIR", default_value = ".")]
    pub project: PathBuf,
    /// The configuration file, if not DIR/briefing.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Options of `briefing fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Pages and feeds to fetch (http or https); without any, the `urls` of briefing.toml's
    /// `[fetch]` table.
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,
    /// The project folder (holding briefing.toml).
    #[arg(short = 'C', long = "project", value_name = "DIR", default_value = ".")]
    pub project: PathBuf,
    /// The configuration file, if not DIR/briefing.toml; paths in it are relative to its folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Write into an input folder that lies outside the project folder.
    #[arg(long)]
    pub allow_outside: bool,
    /// Save feeds only, without fetching the pages their items link to.
    #[arg(long)]
    pub no_items: bool,
    /// The most items fetched per feed, in feed order.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_items: usize,
    /// Seconds between two requests to the same host (more if its robots.txt asks).
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = seconds)]
    pub delay: std::time::Duration,
    /// Seconds a request may take in all, body included (connecting may take at most 10 of
    /// them, and any one read at most 20).
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = seconds)]
    pub timeout: std::time::Duration,
    /// Print nothing but failures.
    #[arg(short, long)]
    pub quiet: bool,
}

/// A number of seconds (fractions allowed) as a duration.
fn seconds(text: &str) -> Result<std::time::Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|s| std::time::Duration::try_from_secs_f64(s).ok())
        .filter(|d| *d <= std::time::Duration::from_secs(86_400))
        .ok_or_else(|| format!("{text:?} is not a number of seconds from 0 to 86400"))
}

/// Where the project is, how strict to be and how much to say (every project command).
#[derive(Debug, Clone, Args)]
pub struct ProjectArgs {
    /// The project folder (holding briefing.toml).
    #[arg(short = 'C', long = "project", value_name = "DIR", default_value = ".")]
    pub project: PathBuf,
    /// The configuration file, if not DIR/briefing.toml; paths in it are relative to its folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Treat any input warning (skipped file, decoding fallback, duplicate) as a failure.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Read an input folder that lies outside the project folder (by its path or through a
    /// link); without this, such a configuration is refused.
    #[arg(long)]
    pub allow_outside: bool,
    /// Name every article processed (by build, watch and serve: those not taken from the cache).
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Print nothing but errors and warnings.
    #[arg(short, long)]
    pub quiet: bool,
    /// The memory a build may use (e.g. 2GiB, 512MB): a corpus that would need more is
    /// spilled to temporary files in TMPDIR and read back a batch at a time. Same briefing
    /// either way.
    #[arg(long, value_name = "SIZE", default_value = "2GiB", value_parser = memory_size)]
    pub memory: u64,
}

/// A memory size such as `2GiB`, `512MB` or `1500000000`.
fn memory_size(text: &str) -> Result<u64, String> {
    text.parse::<bytesize::ByteSize>()
        .map(|size| size.as_u64())
        .map_err(|e| format!("{e}: give a size such as 2GiB, 512MB or 1500000000"))
}

/// Options of `briefing summarize`.
#[derive(Debug, Args)]
pub struct SummarizeArgs {
    /// Article files (.txt or .md). Each gets one JSON line on stdout.
    #[arg(value_name = "FILE", required_unless_present = "jsonl")]
    pub files: Vec<PathBuf>,
    /// Read JSON lines {"id", "text", "title"?} from stdin and write one JSON line per article,
    /// in input order: {"id", "summary", "sentences", "key_terms", "themes"}.
    #[arg(long, conflicts_with = "files")]
    pub jsonl: bool,
    /// Write each article's per-article results instead of its summary, for `briefing build
    /// --from-jsonl` to merge.
    #[arg(long)]
    pub partial: bool,
    /// Sentences per summary (default: from briefing.toml, else 3).
    #[arg(short = 'n', long, value_name = "N")]
    pub sentences: Option<usize>,
    /// A configuration whose themes, language and weights to use (default: ./briefing.toml if
    /// present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Options of `briefing aggregate`.
#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// Records of `summarize --jsonl --partial` (the map; none or `-`: stdin), or with
    /// --combine the parts the map wrote.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The state the step runs with, as the last --combine wrote it (none: the first step).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Add up the parts of every partition into the next state (on stdout).
    #[arg(long)]
    pub combine: bool,
    /// The configuration (default: ./briefing.toml); every step and the merge use the same.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Options of `briefing eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// JSON lines with "id", "text" and a reference "summary" (one sentence per line), such as
    /// ../shared/eval/dev.jsonl.
    #[arg(value_name = "REFS.jsonl")]
    pub refs: PathBuf,
    /// Sentences per summary.
    #[arg(short = 'n', long, value_name = "N", default_value_t = 3)]
    pub sentences: usize,
    /// Score only the first N articles.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// A configuration whose summary weights to use (default: built-in defaults).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Compare words by their Porter stem, as rouge-score's `use_stemmer=True` (NLTK's Porter
    /// stemmer): the convention for English.
    #[arg(long)]
    pub stem: bool,
}
