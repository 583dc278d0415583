//! The output folder's record of what mlsd wrote -> `.mlsd-manifest.json`: each path with the
//! SHA-256 of the contents mlsd gave it, sorted by path. A file whose hash no longer matches
//! was edited by someone. While a build replaces files, the manifest also lists the hash each
//! is about to get (`pending`), so a build killed half-way leaves files the next build still
//! recognises as its own.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::OutputError;

/// The manifest's file name in the output folder.
pub const MANIFEST_NAME: &str = ".mlsd-manifest.json";

/// Paths (relative, `/`-separated) and the hex SHA-256 of what mlsd wrote there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub files: BTreeMap<String, String>,
    /// Hashes being written by a build in progress (empty once a build completes).
    pub pending: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
struct Disk {
    version: u32,
    files: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pending: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: String,
    sha256: String,
}

fn entries(map: &BTreeMap<String, String>) -> Vec<Entry> {
    map.iter()
        .map(|(p, h)| Entry {
            path: p.clone(),
            sha256: h.clone(),
        })
        .collect()
}

impl Manifest {
    /// The manifest of `out_dir`; an absent or unreadable one is empty, so every file in the
    /// folder counts as the user's and none is overwritten or removed.
    pub fn load(out_dir: &Path) -> Result<Manifest, OutputError> {
        let path = out_dir.join(MANIFEST_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => return Ok(Manifest::default()),
            Err(e) => return Err(OutputError::io(path, "read", e)),
        };
        let Ok(disk) = serde_json::from_str::<Disk>(&text) else {
            return Ok(Manifest::default());
        };
        let map = |v: Vec<Entry>| v.into_iter().map(|e| (e.path, e.sha256)).collect();
        Ok(Manifest {
            files: map(disk.files),
            pending: map(disk.pending),
        })
    }

    /// The JSON text, sorted, ending in a newline.
    pub fn render(&self) -> String {
        let disk = Disk {
            version: 1,
            files: entries(&self.files),
            pending: entries(&self.pending),
        };
        let mut s = serde_json::to_string_pretty(&disk).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Whether contents hashing to `hash` at `path` are mlsd's: what it last wrote there, or
    /// what an interrupted build was writing there.
    pub fn owns(&self, path: &str, hash: &str) -> bool {
        self.get(path) == Some(hash) || self.pending.get(path).map(String::as_str) == Some(hash)
    }

    /// The hash mlsd vouches for at `path`: the pending one when the file on disk has it.
    pub fn owned_hash(&self, path: &str, disk_hash: &str) -> Option<String> {
        if self.pending.get(path).map(String::as_str) == Some(disk_hash) {
            return Some(disk_hash.to_string());
        }
        self.get(path).map(str::to_string)
    }
}

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_round_trip() {
        assert_eq!(
            sha256_hex(b"hello world"),
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
        );
        let dir = tempfile::tempdir().expect("dir");
        let mut m = Manifest::default();
        m.files.insert("b.txt".into(), sha256_hex(b"b"));
        m.files.insert("a/x.md".into(), sha256_hex(b"a"));
        std::fs::write(dir.path().join(MANIFEST_NAME), m.render()).expect("write");
        assert_eq!(Manifest::load(dir.path()).expect("load"), m);
        assert!(m.render().find("a/x.md") < m.render().find("b.txt"));
    }
}
