//! `briefing serve`: the output folder over HTTP on the local machine, rebuilt on every change
//! (as `watch` does), with the open page reloaded after each rebuild.
//!
//! The server is `tiny_http`: synchronous, small, no async runtime, which is all a preview for
//! one reader needs. Each request gets a thread (at most [`MAX_REQUESTS`] at once). Served HTML
//! pages get a small script, in the response only (the files on disk stay script-free), that
//! long-polls [`EVENTS`] with the generation it was served at; the answer comes when a rebuild
//! has finished, and the page reloads. A failed rebuild leaves the last good briefing in place
//! (a build writes nothing unless it succeeds): the page reloads, keeps showing that briefing,
//! and carries a banner with the error until a rebuild succeeds.

mod http;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::watching::{ProjectWatch, Signal};

/// The long-poll endpoint: `GET /__briefing/events?since=N` answers `{"generation", "error"}`
/// as soon as the generation is not N (at once without `since`), or after [`LONG_POLL`].
pub const EVENTS: &str = "/__briefing/events";

/// How long a long-poll is held before it is answered with the same generation.
const LONG_POLL: Duration = Duration::from_secs(25);

/// Requests handled at once; more are answered 503 at once.
const MAX_REQUESTS: usize = 64;

/// What to serve and where.
pub struct Options {
    /// The output folder.
    pub out: PathBuf,
    /// The address and port to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// Open the page in the browser once served.
    pub open: bool,
}

/// The state of the builds, shared with the request threads.
#[derive(Debug, Default)]
struct Status {
    /// Finished builds, counting the first: 1 once the first build is done.
    generation: u64,
    /// The error of the latest build, if it failed (the output holds the last good briefing).
    error: Option<String>,
    /// Ctrl-C was pressed: long-polls are answered at once.
    stopping: bool,
}

/// [`Status`] behind a lock, and the signal of its change.
#[derive(Debug, Default)]
struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
    /// Requests being handled.
    active: AtomicUsize,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Status> {
        // A request thread that panicked cannot leave the status half-changed.
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A build finished, with `error` if it failed.
    fn finished(&self, error: Option<String>) {
        let mut status = self.lock();
        status.generation += 1;
        status.error = error;
        self.changed.notify_all();
    }

    fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }
}

/// Builds with `rebuild` (which returns the error of a failed build), serves `options.out`,
/// and rebuilds on every change `watch` reports, until Ctrl-C.
pub fn serve(
    options: &Options,
    mut watch: ProjectWatch,
    mut rebuild: impl FnMut() -> Option<String>,
) -> Result<()> {
    let server = tiny_http::Server::http(options.addr).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {} ({e}); choose another --port (0 picks a free one)",
            options.addr
        ))
    })?;
    let server = Arc::new(server);
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Usage("the server has no IP address".into()))?;
    let stopper = watch.stopper();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stopper.send(Signal::Stop);
    }) {
        crate::error::print_warning(&format!(
            "cannot catch Ctrl-C ({e}); it stops the server without a goodbye"
        ));
    }
    let shared = Arc::new(Shared::default());
    shared.finished(rebuild());
    let requests = {
        let (server, shared, out) = (server.clone(), shared.clone(), options.out.clone());
        std::thread::spawn(move || accept(&server, &shared, &out))
    };
    let url = format!("http://{addr}/");
    println!(
        "serving {} at {url} (Ctrl-C to stop)",
        options.out.display()
    );
    eprintln!("watching {}", watch.describe());
    if options.open
        && let Err(e) = opener::open_browser(&url)
    {
        crate::error::print_warning(&format!("cannot open a browser ({e}); open {url} yourself"));
    }
    while watch.next_change() {
        shared.finished(rebuild());
    }
    shared.stop();
    server.unblock();
    let _ = requests.join();
    eprintln!("stopped serving {url}");
    Ok(())
}

/// Takes requests until the server is unblocked, each on a thread of its own.
fn accept(server: &tiny_http::Server, shared: &Arc<Shared>, out: &std::path::Path) {
    loop {
        let request = match server.recv() {
            Ok(request) => request,
            Err(_) if shared.lock().stopping => return,
            // A connection that failed before it made a request.
            Err(_) => continue,
        };
        if shared.active.fetch_add(1, Ordering::SeqCst) >= MAX_REQUESTS {
            shared.active.fetch_sub(1, Ordering::SeqCst);
            let _ = request.respond(tiny_http::Response::empty(503));
            continue;
        }
        let (shared, out) = (shared.clone(), out.to_path_buf());
        std::thread::spawn(move || {
            http::handle(request, &shared, &out);
            shared.active.fetch_sub(1, Ordering::SeqCst);
        });
    }
}
