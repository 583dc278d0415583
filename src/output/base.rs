//! The output folder's private store of merge bases: `.mlsd/base/PATH` holds the text mlsd
//! last generated for each generated text file `PATH`, beside the manifest. A base counts only
//! when its hash is one the manifest vouches for (the hash recorded for `PATH`, or the pending
//! hash of the base itself while a build is interrupted), so a store that is missing, edited,
//! or half-written by a crash is never used to merge: the edited file then gets today's
//! `FILE.new` instead.

use std::path::Path;

use super::OutputError;
use super::guard::no_links;
use super::manifest::{Manifest, sha256_hex};
use super::merge::as_text;
use super::write::read_optional;

/// The folder of the private store, relative to the output folder. Generated paths never
/// start with it.
pub const STORE_DIR: &str = ".mlsd";

/// Where the base of the generated file `rel` is kept, relative to the output folder.
pub fn base_path(rel: &str) -> String {
    format!("{STORE_DIR}/base/{rel}")
}

/// What the store holds for one generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The text mlsd last generated for the file, vouched for by the manifest.
    Valid(String),
    /// No base, or one the manifest does not vouch for (edited, a crash, binary).
    Missing,
}

/// The merge base of `rel`, read without crossing a symbolic link (unless `follow`).
pub fn load(
    out_dir: &Path,
    rel: &str,
    manifest: &Manifest,
    follow: bool,
) -> Result<Base, OutputError> {
    let store = base_path(rel);
    no_links(out_dir, &store, follow)?;
    let Some(bytes) = read_optional(&out_dir.join(&store))? else {
        return Ok(Base::Missing);
    };
    let hash = sha256_hex(&bytes);
    let vouched = manifest.owns(rel, &hash)
        || manifest.pending.get(&store).map(String::as_str) == Some(&hash);
    match as_text(&bytes) {
        Some(text) if vouched => Ok(Base::Valid(text.to_string())),
        _ => Ok(Base::Missing),
    }
}

/// The bytes of the stored base of `rel` as they are (for deciding whether to rewrite it).
pub fn raw(out_dir: &Path, rel: &str, follow: bool) -> Result<Option<Vec<u8>>, OutputError> {
    let store = base_path(rel);
    no_links(out_dir, &store, follow)?;
    read_optional(&out_dir.join(store))
}
