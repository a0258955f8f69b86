//! `briefing init`: make a project around a folder of articles (the work is in [`crate::init`]).

use std::path::Path;

use crate::cli::InitArgs;
use crate::error::Result;
use crate::init::{self, Action, Options};

/// Makes the project and says what was written and what to run next.
pub fn run(args: &InitArgs) -> Result<()> {
    let report = init::init(&Options {
        dir: args.dir.clone(),
        input: args.input.clone(),
        force: args.force,
    })?;
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    let shown = |path: &Path| args.dir.join(path).display().to_string();
    for (path, action) in &report.files {
        let what = match action {
            Action::Created => "wrote",
            Action::Replaced => "replaced",
            Action::Appended => "added .briefing-cache/ to",
            Action::Kept => "kept (it already ignores .briefing-cache/)",
        };
        println!("{what} {}", shown(path));
    }
    match report.warnings.len() {
        0 => println!("articles: {} in {}", report.articles, shown(&report.input)),
        n => println!(
            "articles: {} in {} (and {n} warning(s) about them above)",
            report.articles,
            shown(&report.input)
        ),
    }
    if report.themes.is_empty() {
        println!(
            "suggested themes: none (they come from key terms that two or more articles share); \
             write [[themes]] in briefing.toml"
        );
    } else {
        println!("suggested themes (edit them in briefing.toml):");
        for theme in &report.themes {
            println!("  {}: {}", theme.id, theme.terms.join(", "));
        }
    }
    let here = args.dir == Path::new(".");
    let project = if here {
        String::new()
    } else {
        format!(" -C {}", quoted(&args.dir))
    };
    println!("next: briefing build{project}");
    println!(
        "then open {}",
        shown(&Path::new(init::DEFAULT_OUTPUT).join("briefing.html"))
    );
    Ok(())
}

/// A path as a shell word: quoted when it holds anything but plain characters.
fn quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-~".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
