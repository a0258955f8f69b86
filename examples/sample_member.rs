//! Names articles of a project's input folder that are, and are not, in the sample the
//! cross-article steps learn from (`grouping.sample`, default 4,096), for `bench/rebuild.sh`
//! to time an edit of each kind.
//!
//!     cargo run --release --example sample_member -- PROJECT_DIR [SAMPLE]
//!
//! Prints two lines, `inside PATH` and `outside PATH` (paths relative to PROJECT_DIR, as article
//! ids are), the middle one of each kind in path order. Assumes one article per file and no
//! repeated texts, as `examples/make_corpus` makes them.

use std::path::Path;

use briefing::learn::{LEARN_SAMPLE, Sample};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), bound) = (args.first(), args.get(1)) else {
        eprintln!("usage: sample_member PROJECT_DIR [SAMPLE]");
        std::process::exit(2);
    };
    let bound = bound.map_or(LEARN_SAMPLE, |b| b.parse().expect("SAMPLE is a number"));
    let dir = Path::new(dir);
    let mut ids = Vec::new();
    collect(dir, dir, &mut ids);
    ids.sort();
    let sample = Sample::of(ids.len(), bound);
    for (label, inside) in [("inside", true), ("outside", false)] {
        let kind: Vec<&String> = ids
            .iter()
            .filter(|id| sample.contains(id) == inside)
            .collect();
        match kind.get(kind.len() / 2) {
            Some(id) => println!("{label} {id}"),
            None => println!("{label} -"),
        }
    }
}

/// The `.txt` files below `folder`, as paths relative to `root`.
fn collect(root: &Path, folder: &Path, ids: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, ids);
        } else if path.extension().is_some_and(|e| e == "txt") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            ids.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}
