//! `cache_entry`: arbitrary bytes as a build-cache entry → `briefing::cache::Cache::load`.
//!
//! A genuine entry is stored once; each input then replaces it, either as raw bytes (first
//! byte even) or as the genuine entry with the remaining bytes XORed into it from an offset
//! (first byte odd, so that magic, tag and payload are all reached). Asserts: never panics, and
//! an entry is accepted only when it is the genuine one byte for byte (nothing else passes the
//! keyed tag), and then it reads back as what was stored.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use briefing::cache::Cache;
use libfuzzer_sys::fuzz_target;

struct Setup {
    _dir: tempfile::TempDir,
    cache: Cache,
    key: blake3::Hash,
    path: PathBuf,
    genuine: Vec<u8>,
    value: Vec<String>,
}

static SETUP: LazyLock<Setup> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cache = Cache::open(dir.path().join("cache"));
    let key = Cache::key(&[b"article", b"settings", b"seeds/a.txt", b"bytes"]);
    let value = vec!["Rusia memveto resolusi.".to_string(), "Korea Utara".to_string()];
    cache.store(&key, &value);
    let path = cache.entry_path(&key).expect("an enabled cache");
    let genuine = std::fs::read(&path).expect("the stored entry");
    Setup {
        _dir: dir,
        cache,
        key,
        path,
        genuine,
        value,
    }
});

fuzz_target!(|bytes: &[u8]| {
    let setup = &*SETUP;
    let entry = match bytes.split_first() {
        Some((op, rest)) if op % 2 == 1 && !rest.is_empty() => {
            let mut entry = setup.genuine.clone();
            let at = usize::from(rest[0]) % entry.len();
            for (byte, flip) in entry[at..].iter_mut().zip(&rest[1..]) {
                *byte ^= flip;
            }
            entry
        }
        _ => bytes.to_vec(),
    };
    std::fs::write(&setup.path, &entry).expect("writing the entry");
    let loaded = setup.cache.load::<Vec<String>>(&setup.key);
    let _ = setup.cache.take_warnings();
    if let Some(value) = loaded {
        assert!(entry == setup.genuine, "a forged entry was accepted");
        assert_eq!(value, setup.value);
    }
});
