//! What a template may cost: rendering stops with an error naming the template when a page
//! grows past [`MAX_PAGE`] bytes (checked as it is written), or when its `range(…)` calls
//! produce more than [`RANGE_BUDGET`] numbers in all (tera caps one call at 100,000, but three
//! nested loops of that never end, and loops with empty bodies write nothing to check).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tera::{Kwargs, State, Tera};

/// The largest page rendered: far above any briefing (the pages show at most `articles_shown`
/// entries), far below what fills a disk.
pub const MAX_PAGE: usize = 256 << 20;

/// How many numbers all of a render's `range` calls may produce together.
pub const RANGE_BUDGET: usize = 10_000_000;

/// The numbers `range` has produced in the current render, per engine.
#[derive(Debug, Clone, Default)]
pub struct Budget(Arc<AtomicUsize>);

impl Budget {
    /// Starts a new render with the whole budget.
    pub fn reset(&self) {
        self.0.store(0, Ordering::Relaxed);
    }

    /// Replaces tera's `range` with one that counts against this budget (same arguments and
    /// results: `start`, `end`, `step_by`).
    pub fn install(&self, tera: &mut Tera) {
        let used = self.0.clone();
        tera.register_function(
            "range",
            move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Vec<i128>> {
                let start = kwargs.get::<i128>("start")?.unwrap_or_default();
                let end = kwargs.must_get::<i128>("end")?;
                let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
                if start > end && step > 0 {
                    return Err(tera::Error::message(
                        "`range` was called with a start greater than its end",
                    ));
                }
                if step == 0 {
                    return Err(tera::Error::message("`range` was called with step_by = 0"));
                }
                let span = if step > 0 {
                    end.saturating_sub(start)
                } else {
                    start.saturating_sub(end)
                };
                let len = if span <= 0 {
                    0
                } else {
                    (span.saturating_add(step.abs() - 1) / step.abs()).min(i128::from(u32::MAX))
                        as usize
                };
                let total = used.fetch_add(len, Ordering::Relaxed).saturating_add(len);
                if total > RANGE_BUDGET {
                    return Err(tera::Error::message(format!(
                        "the template's `range` calls would produce more than {RANGE_BUDGET} \
                         numbers in all; loop over the briefing's data or smaller ranges"
                    )));
                }
                Ok((0..len as i128).map(|i| start + i * step).collect())
            },
        );
    }
}

/// A writer into a page that refuses to grow past [`MAX_PAGE`].
pub struct Bounded<'a>(pub &'a mut Vec<u8>);

impl Write for Bounded<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.0.len() + buf.len() > MAX_PAGE {
            return Err(io::Error::other(format!(
                "the page would be larger than {} MB; a template loops too much",
                MAX_PAGE >> 20
            )));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
