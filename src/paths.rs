//! The project's folders checked against each other as they resolve on disk (links followed),
//! not only as written: the output must not be, or be inside, the input, the templates, the
//! cache or the project folder itself, and the input must be inside the project unless the user
//! says otherwise (`--allow-outside`), so `input = "/"` does not read the whole machine.

use std::path::{Path, PathBuf};

use crate::cache::CACHE_DIR;
use crate::error::{Error, Result};
use crate::pipeline::Project;

/// Checks the resolved folders of `project`; `allow_outside` lets the input lie outside it.
pub fn check(project: &Project, allow_outside: bool) -> Result<()> {
    let root = resolve(&project.root);
    let input = resolve(&project.input());
    let output = resolve(&project.output());
    let config = project.root.join(crate::config::CONFIG_FILE);
    let fail = |message: String| {
        Err(Error::Config {
            path: config.clone(),
            message,
        })
    };
    if !allow_outside && !input.starts_with(&root) {
        return fail(format!(
            "input = {:?} resolves to {}, outside the project folder {}; pass --allow-outside \
             if briefing should really read it",
            project.config.input,
            input.display(),
            root.display()
        ));
    }
    let own = [
        (
            "the input folder",
            input.clone(),
            "it would be read as articles",
        ),
        (
            "the templates folder",
            resolve(&project.templates()),
            "it would overwrite templates",
        ),
        (
            "the build cache",
            resolve(&project.root.join(CACHE_DIR)),
            "`briefing clean` would delete it",
        ),
        (
            "the project folder",
            root.clone(),
            "it would mix with the project's files",
        ),
    ];
    for (what, folder, harm) in &own {
        let inside = what != &"the project folder" && output.starts_with(folder);
        if output == *folder || inside {
            return fail(format!(
                "output = {:?} resolves to {}, which is {what} or inside it: {harm}. Point \
                 output at a folder of its own{}",
                project.config.output,
                output.display(),
                if project.config.output.as_os_str() == "out" {
                    " (if out is a link, make it a real folder)"
                } else {
                    ", such as \"out\""
                }
            ));
        }
    }
    Ok(())
}

/// The path with every link resolved, as far as it exists; the rest appended as written.
fn resolve(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
}
