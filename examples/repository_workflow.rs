//! Prints this repository's GitHub workflow: `templates/init/workflow.yml.tera` rendered for
//! the repository (the same template `briefing init` renders for a new project).
//!
//!     cargo run --example repository_workflow > .github/workflows/briefing.yml

use std::path::Path;

fn main() {
    match briefing::init::files::workflow(Path::new("seeds"), Path::new("out"), true) {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
