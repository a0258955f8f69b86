use clap::Parser;

/// mimalloc: the pipeline makes many small, short-lived strings, and glibc's malloc spent a fifth
/// of the run on them (measured with perf on `summarize --jsonl`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = briefing::cli::Cli::parse();
    if let Err(error) = briefing::commands::run(cli) {
        eprintln!("error: {error}");
        std::process::exit(error.exit_code());
    }
}
