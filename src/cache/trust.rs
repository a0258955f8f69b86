//! Packs known to be as builds left them. After a build, the hash of the index it wrote and
//! the stamps ([`Stamp`]) of the packs that index names are kept in `trust`, tagged under the
//! cache's secret. The next build that finds that same index, and a pack with the same stamp,
//! reads the pack's entries without checking each one's tag and each text's hash: any write to
//! a pack moves its change time, which no tool can set back (the way `scan` trusts an input
//! file's stamp, and git its index). Only a pack left alone for
//! [`SETTLE`](super::stamp::SETTLE) before it was
//! stamped is trusted (a later write in the same clock tick would not show): a build checks
//! what the build just before it wrote. A missing, edited or copied `trust`, another index, or
//! another stamp: every entry is checked, as without it.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::bounded;
use super::pack::pack_name;
use super::stamp::Stamp;

/// The trust file, in the cache folder.
pub const TRUST: &str = "trust";
/// The largest trust file read (a stamp is about 50 bytes).
const MAX_TRUST: u64 = 1 << 20;

/// What the trust file holds, before its tag.
#[derive(Serialize, Deserialize)]
struct Trust {
    /// blake3 of the index file it stands for.
    index: [u8; 32],
    /// The settled packs that index names, with their stamps.
    packs: Vec<(u64, Stamp)>,
}

/// The stamps of the packs to trust, from the trust file in `dir` when it is sound (its tag
/// under `secret` holds) and stands for the index whose bytes hash to `index`; else none.
pub fn read(dir: &Path, index: &blake3::Hash, secret: &[u8; 32]) -> HashMap<u64, Stamp> {
    let Ok(bytes) = bounded::read(&dir.join(TRUST), MAX_TRUST) else {
        return HashMap::new();
    };
    let Some((body, tag)) = bytes.split_last_chunk::<32>() else {
        return HashMap::new();
    };
    // blake3::Hash compares in constant time.
    if super::tag_with(secret, b"trust", &[], body) != blake3::Hash::from_bytes(*tag) {
        return HashMap::new();
    }
    match postcard::from_bytes::<Trust>(body) {
        Ok(trust) if blake3::Hash::from_bytes(trust.index) == *index => {
            trust.packs.into_iter().collect()
        }
        _ => HashMap::new(),
    }
}

/// Keeps, for the index whose bytes hash to `index`, the stamps of those of its `packs` in
/// `dir` that have settled, tagged under `secret`. Without it the next build checks every
/// entry, so a failure is not reported.
pub fn write(dir: &Path, index: &blake3::Hash, packs: &[u64], secret: &[u8; 32]) {
    let packs: Vec<(u64, Stamp)> = (packs.iter())
        .filter_map(|&id| {
            let meta = std::fs::symlink_metadata(dir.join(pack_name(id))).ok()?;
            Some((id, Stamp::settled(&meta)?))
        })
        .collect();
    let trust = Trust {
        index: *index.as_bytes(),
        packs,
    };
    let Ok(mut bytes) = postcard::to_stdvec(&trust) else {
        return;
    };
    let tag = super::tag_with(secret, b"trust", &[], &bytes);
    bytes.extend_from_slice(tag.as_bytes());
    let _ = super::write_atomically(&dir.join(TRUST), ".trust.", &bytes);
}

/// Whether a pack opened now, with metadata `meta`, is the one stamped `stamp`.
pub fn holds(stamp: Option<&Stamp>, meta: &std::fs::Metadata) -> bool {
    stamp.is_some_and(|stamp| Stamp::of(meta).as_ref() == Some(stamp))
}
