//! The output folder's private store of merge bases: `.mlsd/bases.tar`, one tar archive that
//! holds, by path, the text mlsd last generated for each generated text file. One file, not
//! one per base: a build creates half as many files (on ext4, allocating inodes was a tenth
//! of a build's CPU), and `tar -tf` still lists it. A base counts only when its hash is one
//! the manifest vouches for (the hash recorded for `PATH`, or the pending hash of its base
//! while a build is interrupted), so a store that is missing, edited, or unreadable is never
//! used to merge: the edited file then gets `FILE.new` instead.
//!
//! Folders written before the archive kept each base as `.mlsd/base/PATH`. Without an archive
//! those are read, and a write removes them (see `write::Plan::store_bases`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use super::OutputError;
use super::guard::no_links;
use super::manifest::{Manifest, sha256_hex};
use super::merge::as_text;
use super::write::read_optional;

/// The folder of the private store, relative to the output folder. Generated paths never
/// start with it.
pub const STORE_DIR: &str = ".mlsd";

/// The archive of merge bases, relative to the output folder.
pub const STORE_FILE: &str = ".mlsd/bases.tar";

/// The folder of the store of one file per base that older builds wrote.
pub const LEGACY_DIR: &str = ".mlsd/base";

/// The manifest's `pending` key that vouches for the base of `rel` in an archive being
/// written (a merged file's: the file itself holds the user's edits and is not vouched for).
pub fn pending_key(rel: &str) -> String {
    format!("{STORE_FILE}/{rel}")
}

/// Where an older build kept the base of `rel`, relative to the output folder.
pub fn legacy_path(rel: &str) -> String {
    format!("{LEGACY_DIR}/{rel}")
}

/// What the store holds for one generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The text mlsd last generated for the file, vouched for by the manifest.
    Valid(String),
    /// No base, or one the manifest does not vouch for (edited, a crash, binary).
    Missing,
}

/// The store as a build finds it.
#[derive(Debug, Default)]
pub struct Store {
    /// The archive's bytes (empty without one).
    bytes: Vec<u8>,
    /// Each base's path and where its bytes are in `bytes`.
    entries: BTreeMap<String, Range<usize>>,
    /// Whether the archive exists (an unreadable one exists and holds nothing).
    pub archived: bool,
    follow: bool,
}

impl Store {
    /// The store of `out_dir`, read without crossing a symbolic link (unless `follow`). An
    /// archive that cannot be parsed holds no base.
    pub fn load(out_dir: &Path, follow: bool) -> Result<Store, OutputError> {
        no_links(out_dir, STORE_FILE, follow)?;
        let Some(bytes) = read_optional(&out_dir.join(STORE_FILE))? else {
            return Ok(Store {
                follow,
                ..Store::default()
            });
        };
        let entries = parse(&bytes).unwrap_or_default();
        Ok(Store {
            bytes,
            entries,
            archived: true,
            follow,
        })
    }

    /// The merge base of `rel`: the archive's when there is one, else an older build's file.
    pub fn base(
        &self,
        out_dir: &Path,
        rel: &str,
        manifest: &Manifest,
    ) -> Result<Base, OutputError> {
        let (bytes, key) = if self.archived {
            match self.get(rel) {
                Some(bytes) => (Cow::Borrowed(bytes), pending_key(rel)),
                None => return Ok(Base::Missing),
            }
        } else {
            let legacy = legacy_path(rel);
            no_links(out_dir, &legacy, self.follow)?;
            match read_optional(&out_dir.join(&legacy))? {
                Some(bytes) => (Cow::Owned(bytes), legacy),
                None => return Ok(Base::Missing),
            }
        };
        let hash = sha256_hex(&bytes);
        let vouched = manifest.owns(rel, &hash)
            || manifest.pending.get(&key).map(String::as_str) == Some(&hash);
        match as_text(&bytes) {
            Some(text) if vouched => Ok(Base::Valid(text.to_string())),
            _ => Ok(Base::Missing),
        }
    }

    /// Whether the archive holds exactly `bases` (path -> text), so it need not be written.
    pub fn holds_exactly(&self, bases: &BTreeMap<&str, &[u8]>) -> bool {
        self.archived
            && self.entries.len() == bases.len()
            && bases.iter().all(|(rel, b)| self.get(rel) == Some(*b))
    }

    fn get(&self, rel: &str) -> Option<&[u8]> {
        self.entries
            .get(rel)
            .and_then(|r| self.bytes.get(r.clone()))
    }
}

/// The entries of a tar archive: each regular file's path and the range of its bytes.
fn parse(bytes: &[u8]) -> std::io::Result<BTreeMap<String, Range<usize>>> {
    let mut archive = tar::Archive::new(bytes);
    let mut entries = BTreeMap::new();
    for entry in archive.entries()? {
        let entry = entry?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry.path()?.to_string_lossy().into_owned();
        let start = usize::try_from(entry.raw_file_position()).map_err(std::io::Error::other)?;
        let len = usize::try_from(entry.size()).map_err(std::io::Error::other)?;
        entries.insert(path, start..start.saturating_add(len));
    }
    Ok(entries)
}

/// The archive of `bases` (path -> text), the same bytes for the same bases: entries in path
/// order, mode 0644, no owner, no time.
pub fn archive(bases: &BTreeMap<&str, &[u8]>) -> std::io::Result<Vec<u8>> {
    let size: usize = bases.values().map(|b| b.len() + 1024).sum();
    let mut builder = tar::Builder::new(Vec::with_capacity(size + 1024));
    for (rel, bytes) in bases {
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(tar::EntryType::Regular);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_uid(0);
        header.set_gid(0);
        header.set_size(bytes.len() as u64);
        builder.append_data(&mut header, rel, *bytes)?;
    }
    builder.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_reads_back_and_is_deterministic() {
        let long = format!("{}/x.md", "d".repeat(120));
        let bases: BTreeMap<&str, &[u8]> = [
            ("a.md", b"a\n".as_slice()),
            ("impl/m.py", b"def f():\n    pass\n"),
            (long.as_str(), b"long names use GNU's extension\n"),
            ("empty.md", b""),
        ]
        .into_iter()
        .collect();
        let bytes = archive(&bases).expect("archive");
        assert_eq!(bytes, archive(&bases).expect("archive"), "same bytes");
        let store = Store {
            entries: parse(&bytes).expect("parse"),
            bytes,
            archived: true,
            follow: false,
        };
        assert!(store.holds_exactly(&bases));
        assert_eq!(
            store.get(&long),
            Some(b"long names use GNU's extension\n".as_slice())
        );
        let mut fewer = bases.clone();
        fewer.remove("a.md");
        assert!(!store.holds_exactly(&fewer));
        fewer.insert("a.md", b"b\n");
        assert!(!store.holds_exactly(&fewer));
    }

    #[test]
    fn a_damaged_archive_holds_nothing() {
        let bases: BTreeMap<&str, &[u8]> = [("a.md", b"a\n".as_slice())].into_iter().collect();
        let bytes = archive(&bases).expect("archive");
        assert!(parse(&bytes[..300]).is_err(), "cut inside a header");
        assert!(parse(b"not a tar archive at all").is_err());
        let mut bad_sum = bytes.clone();
        bad_sum[0] = b'b';
        assert!(parse(&bad_sum).is_err(), "a header whose checksum is wrong");
        let cut_data = &bytes[..bytes.len() - 1024 - 511];
        let store = Store {
            entries: parse(cut_data).unwrap_or_default(),
            bytes: cut_data.to_vec(),
            archived: true,
            follow: false,
        };
        assert_eq!(store.get("a.md"), None, "data cut short is no base");
    }
}
