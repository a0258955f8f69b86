//! `build --timings`: where a build's time went, phase by phase (wall time, and CPU time of all
//! threads, so that a phase on one thread stands out from one on all of them). The build marks
//! the end of each phase ([`mark`]) on the thread that runs it; nothing is recorded unless
//! [`start`] was called on that thread.

use std::cell::RefCell;
use std::time::{Duration, Instant};

thread_local! {
    /// The phases recorded so far on this thread, when recording.
    static PHASES: RefCell<Option<Phases>> = const { RefCell::new(None) };
}

/// A phase that ended: its name, wall time and CPU time.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// What ran.
    pub name: &'static str,
    /// How long it took.
    pub wall: Duration,
    /// CPU time of all the process's threads over it, in seconds.
    pub cpu: f64,
}

struct Phases {
    done: Vec<Phase>,
    /// When the last phase ended: wall clock, and CPU seconds.
    since: (Instant, f64),
}

/// Starts recording on this thread: the first phase begins now.
pub fn start() {
    let since = (Instant::now(), cpu_seconds());
    PHASES.with(|p| {
        *p.borrow_mut() = Some(Phases {
            done: Vec::new(),
            since,
        })
    });
}

/// Ends the phase `name` (nothing unless recording on this thread).
pub fn mark(name: &'static str) {
    PHASES.with(|p| {
        if let Some(phases) = p.borrow_mut().as_mut() {
            let (now, cpu) = (Instant::now(), cpu_seconds());
            let (then, cpu_then) = std::mem::replace(&mut phases.since, (now, cpu));
            phases.done.push(Phase {
                name,
                wall: now - then,
                cpu: cpu - cpu_then,
            });
        }
    });
}

/// Stops recording on this thread and returns the phases, in order.
pub fn finish() -> Vec<Phase> {
    PHASES.with(|p| p.borrow_mut().take().map(|p| p.done).unwrap_or_default())
}

/// The phases as a table: name, wall seconds, CPU seconds, and the total.
pub fn table(phases: &[Phase]) -> String {
    let width = phases
        .iter()
        .map(|p| p.name.len())
        .max()
        .unwrap_or(0)
        .max(5);
    let mut text = format!("{:width$}  {:>7}  {:>7}\n", "phase", "wall s", "cpu s");
    for p in phases {
        text += &format!(
            "{:width$}  {:>7.3}  {:>7.3}\n",
            p.name,
            p.wall.as_secs_f64(),
            p.cpu
        );
    }
    let wall: f64 = phases.iter().map(|p| p.wall.as_secs_f64()).sum();
    let cpu: f64 = phases.iter().map(|p| p.cpu).sum();
    text += &format!("{:width$}  {wall:>7.3}  {cpu:>7.3}\n", "total");
    text
}

/// CPU time (user and system) of every thread of the process so far, in seconds.
#[cfg(unix)]
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes into the struct we own; an all-zero rusage is a valid value.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return 0.0;
        }
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

#[cfg(not(unix))]
fn cpu_seconds() -> f64 {
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_recorded_in_order_only_while_started() {
        mark("before");
        start();
        std::thread::sleep(Duration::from_millis(20));
        mark("sleep");
        let busy: u64 = (0..2_000_000u64).map(|i| i.wrapping_mul(i) % 7).sum();
        assert!(busy > 0);
        mark("work");
        let phases = finish();
        mark("after");
        let names: Vec<&str> = phases.iter().map(|p| p.name).collect();
        assert_eq!(names, ["sleep", "work"]);
        assert!(phases[0].wall >= Duration::from_millis(20));
        assert!(phases.iter().all(|p| p.cpu >= 0.0));
        let table = table(&phases);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4, "{table}");
        assert!(lines[1].starts_with("sleep "), "{table}");
        assert!(lines[3].starts_with("total "), "{table}");
        assert!(finish().is_empty());
    }
}
