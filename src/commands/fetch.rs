//! `briefing fetch`: download pages and feeds into the input folder (see [`crate::fetch`]).

use crate::cli::FetchArgs;
use crate::error::{Error, Result};
use crate::fetch::{self, Options, Outcome, client::Settings};
use crate::lock::{Access, ProjectLock};
use crate::pipeline::Project;

/// The largest body saved: 10 MB.
const MAX_BYTES: u64 = 10_000_000;

/// Fetches the URLs given (else briefing.toml's `[fetch] urls`) into the input folder.
pub fn run(args: &FetchArgs) -> Result<()> {
    let project = Project::load(&args.project, args.config.as_deref())?;
    crate::paths::check(&project, args.allow_outside)?;
    let urls = if args.urls.is_empty() {
        project.config.fetch.addresses()
    } else {
        args.urls
            .iter()
            .map(|text| crate::config::web_address(text).map_err(Error::Usage))
            .collect::<Result<Vec<_>>>()?
    };
    if urls.is_empty() {
        return Err(Error::Usage(format!(
            "nothing to fetch: give URLs, or list them in {} as `urls = [\"https://…\"]` under \
             `[fetch]`",
            project.config_path.display()
        )));
    }
    if args.timeout.is_zero() {
        return Err(Error::Usage(
            "--timeout 0 would fail every request; give a number of seconds above 0".into(),
        ));
    }
    let options = Options {
        settings: Settings {
            user_agent: user_agent(project.config.fetch.contact.as_deref()),
            delay: args.delay,
            timeout: args.timeout,
            max_bytes: MAX_BYTES,
        },
        items: !args.no_items,
        max_items: args.max_items,
    };
    // Builds read the input folder under this lock: none sees a fetch half done.
    let _lock = ProjectLock::acquire(&project.root, Access::Exclusive, args.quiet)?;
    let input = project.input();
    let shown = |name: &str| input.join(name).display().to_string();
    let tally = fetch::fetch_all(&input, &urls, &options, &mut |outcome: &Outcome| {
        let indent = if outcome.feed.is_some() { "  " } else { "" };
        match &outcome.result {
            Ok((status, file)) if !args.quiet => eprintln!(
                "{indent}{:<9} {} → {}",
                status.word(),
                outcome.url,
                shown(file)
            ),
            Ok(_) => {}
            Err(reason) => eprintln!("{indent}failed    {}: {reason}", outcome.url),
        }
    })?;
    let total = tally.new + tally.updated + tally.unchanged + tally.failed;
    if !args.quiet || tally.failed > 0 {
        eprintln!(
            "fetched {total} URL(s) into {}: {} new, {} updated, {} unchanged, {} failed",
            input.display(),
            tally.new,
            tally.updated,
            tally.unchanged,
            tally.failed
        );
    }
    if tally.failed > 0 {
        return Err(Error::Findings(format!(
            "{} of {total} URL(s) could not be fetched (each is named above with the reason)",
            tally.failed
        )));
    }
    Ok(())
}

/// `briefing/0.1.0 (+CONTACT)`: the tool, its version, and how to reach whoever runs it (the
/// configured contact, else the project's repository when the package names one).
fn user_agent(contact: Option<&str>) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let contact = contact
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or(env!("CARGO_PKG_REPOSITORY"));
    if contact.is_empty() {
        format!("briefing/{version}")
    } else {
        format!("briefing/{version} (+{contact})")
    }
}
