//! The build manifest: what the last build wrote, kept authenticated in the cache folder so a
//! build with nothing to do can say so without reading the articles.

use std::path::Path;

use serde::Serialize;

use super::{Cache, bounded, write_atomically};
use crate::digest::Digest;

/// What the last build wrote: its fingerprint (inputs, configuration, templates, version), the
/// hash of every output and the warnings it gave. When both still hold, a build has nothing to
/// do but give the same warnings again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Manifest {
    /// blake3 of everything the briefing depends on, hex.
    pub fingerprint: String,
    /// (output file name, the digest of its contents ([`Digest`]), hex), in write order.
    pub outputs: Vec<(String, String)>,
    /// The warnings about the articles and the themes the build gave (they depend on nothing
    /// the fingerprint does not cover).
    #[serde(default)]
    pub warnings: Vec<crate::error::Warning>,
}

/// The manifest as stored: with its tag under the cache's secret.
#[derive(Serialize, serde::Deserialize)]
struct ManifestFile {
    manifest: Manifest,
    tag: String,
}

/// The manifest's file, in the cache folder.
pub(super) const MANIFEST: &str = "manifest.json";

impl Manifest {
    /// True when the manifest has `fingerprint` and every output in `out` is as it was written.
    pub fn is_current(&self, fingerprint: &blake3::Hash, out: &Path) -> bool {
        self.fingerprint == fingerprint.to_hex().as_str()
            && self.outputs.iter().all(|(name, hash)| {
                Digest::of_file(&out.join(name)).is_ok_and(|d| d.to_hex() == *hash)
            })
    }
}

impl Cache {
    /// The manifest of the last build, if a sound one written by this cache is there.
    pub fn load_manifest(&self) -> Option<Manifest> {
        let path = self.dir.as_ref()?.join(MANIFEST);
        let bytes = bounded::read(&path, 1 << 20).ok()?;
        let file: ManifestFile = serde_json::from_slice(&bytes).ok()?;
        let body = serde_json::to_vec(&file.manifest).ok()?;
        let expected = self.tag(b"manifest", &[], &body).to_hex();
        (file.tag == expected.as_str()).then_some(file.manifest)
    }

    /// Saves the manifest, atomically and authenticated.
    pub fn store_manifest(&self, manifest: &Manifest) -> std::io::Result<()> {
        let Some(dir) = self.writable_dir() else {
            return Ok(());
        };
        let body = serde_json::to_vec(manifest).map_err(std::io::Error::other)?;
        let file = ManifestFile {
            manifest: manifest.clone(),
            tag: self.tag(b"manifest", &[], &body).to_hex().to_string(),
        };
        let text = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
        write_atomically(&dir.join(MANIFEST), ".manifest.", &text)
    }
}
