//! `config`: arbitrary UTF-8 → `config::Config::parse` (TOML deserialisation and validation).
//!
//! Asserts: never panics (both `Ok` and `Err` are fine).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = briefing::config::Config::parse(s, std::path::Path::new("briefing.toml"));
});
