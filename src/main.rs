use clap::Parser;

/// mimalloc: the pipeline makes many small, short-lived strings, and glibc's malloc spent a fifth
/// of the run on them (measured with perf on `summarize --jsonl`).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    no_transparent_huge_pages();
    let cli = briefing::cli::Cli::parse();
    if let Err(error) = briefing::commands::run(cli) {
        briefing::error::print_error(&error.to_string());
        std::process::exit(error.exit_code());
    }
}

/// mimalloc asks the kernel for transparent huge pages, and where the kernel compacts memory to
/// find them (THP `defrag=madvise`, common) page faults took from a fifth to half of a large
/// build, varying from run to run, and doubled `summarize`'s memory (measured with perf and GNU
/// time on a 10,000-article corpus). Ordinary pages cost a steady, small amount.
#[cfg(target_os = "linux")]
fn no_transparent_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn no_transparent_huge_pages() {}
