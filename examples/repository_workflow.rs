//! Writes this repository's GitHub workflow and the script of its steps:
//! `templates/init/workflow.yml.tera` rendered for the repository into
//! `.github/workflows/briefing.yml`, and `templates/init/ci.sh` into `.github/briefing/ci.sh`
//! (what `briefing init` writes for a new project, from the same templates).
//!
//!     cargo run --example repository_workflow

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workflow = match briefing::init::files::workflow(Path::new("seeds"), Path::new("out"), true)
    {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    for (file, text) in [
        (briefing::init::WORKFLOW_FILE, workflow.as_str()),
        (
            briefing::init::CI_SCRIPT_FILE,
            briefing::init::files::CI_SCRIPT,
        ),
    ] {
        let path = root.join(file);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!("error: {}: {e}", path.display());
            std::process::exit(2);
        }
        println!("wrote {file}");
    }
}
