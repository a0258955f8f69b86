use clap::Parser;

fn main() {
    let cli = briefing::cli::Cli::parse();
    if let Err(error) = briefing::commands::run(cli) {
        eprintln!("error: {error}");
        std::process::exit(error.exit_code());
    }
}
