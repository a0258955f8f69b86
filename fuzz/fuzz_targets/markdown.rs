//! `markdown`: arbitrary UTF-8 → `corpus::markdown::parse` (front matter and body blocks).
//!
//! Exercises pulldown-cmark events, YAML-style and TOML front matter, offset-to-line mapping.
//! Asserts: never panics (both `Ok` and `Err` are fine).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = briefing::corpus::markdown::parse(s);
});
