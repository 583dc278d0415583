//! The output folder's record of what mlsd wrote -> `.mlsd-manifest.json`: each path with the
//! SHA-256 of the contents mlsd gave it, sorted by path. A file whose hash no longer matches
//! was edited by someone.

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
}

#[derive(Serialize, Deserialize)]
struct Disk {
    version: u32,
    files: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: String,
    sha256: String,
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
        let files = serde_json::from_str::<Disk>(&text)
            .map(|d| d.files.into_iter().map(|e| (e.path, e.sha256)).collect())
            .unwrap_or_default();
        Ok(Manifest { files })
    }

    /// The JSON text, sorted, ending in a newline.
    pub fn render(&self) -> String {
        let disk = Disk {
            version: 1,
            files: self
                .files
                .iter()
                .map(|(p, h)| Entry {
                    path: p.clone(),
                    sha256: h.clone(),
                })
                .collect(),
        };
        let mut s = serde_json::to_string_pretty(&disk).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
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
