//! `briefing serve`: build, serve the output folder, rebuild on change and reload the page (see
//! [`crate::serve`]).

use crate::cli::ServeArgs;
use crate::error::Result;
use crate::serve::{Options, serve};
use crate::watching::ProjectWatch;

/// Serves until Ctrl-C.
pub fn run(args: &ServeArgs) -> Result<()> {
    let (project, config) = super::watch::load(&args.watch)?;
    // Watching starts before the first build, so a change made while it runs is not missed.
    let watch = ProjectWatch::start(&project, &config, args.watch.poll)?;
    let options = Options {
        out: project.output(),
        addr: std::net::SocketAddr::new(args.bind, args.port),
        open: args.open,
    };
    serve(&options, watch, || super::watch::rebuild(&args.watch))
}
