//! `briefing man`: manual pages (roff) from the clap definitions: briefing.1 to stdout, or
//! briefing.1 and one page per subcommand into a folder.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Result};

/// Prints the main page, or writes every page into `--out`.
pub fn run(args: &ManArgs) -> Result<()> {
    let command = Cli::command();
    match &args.out {
        None => {
            let mut page = Vec::new();
            render(&command, &mut page, Path::new("briefing.1"))?;
            use std::io::Write;
            std::io::stdout()
                .write_all(&page)
                .map_err(|e| Error::io("stdout", e))
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            // Writes briefing.1 and briefing-<subcommand>.1 (help is left out).
            clap_mangen::generate_to(command, dir).map_err(|e| Error::io(dir, e))?;
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .map_err(|e| Error::io(dir, e))?
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("briefing") && n.ends_with(".1"))
                .collect();
            names.sort();
            eprintln!(
                "wrote {} pages into {}: {}",
                names.len(),
                dir.display(),
                names.join(", ")
            );
            Ok(())
        }
    }
}

/// Renders one command's page into `out`.
fn render(command: &clap::Command, out: &mut Vec<u8>, name: &Path) -> Result<()> {
    clap_mangen::Man::new(command.clone())
        .render(out)
        .map_err(|e| Error::io(name, e))
}
