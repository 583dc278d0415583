//! A planned write -> the output folder changed all at once, as far as a file system allows:
//! every new file is first staged beside its target (an exclusive temporary), so a failure
//! while staging (a name too long, a full disk) leaves the folder as it was; then the manifest
//! records the hashes about to land (`pending`), the temporaries are renamed over their
//! targets, stale files go, and the final manifest is written. An interruption at any point
//! leaves files the next build recognises as its own.

use std::borrow::Cow;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::guard::{create_dirs, no_links, remove_dirs, temp_file};
use super::manifest::{MANIFEST_NAME, Manifest};
use super::{OutputError, replace};

/// A file to write: its path relative to the output folder and its bytes (a generated file's
/// borrowed: copying megabytes of PNGs costs as much as writing them).
pub(super) struct Write<'f> {
    pub rel: String,
    pub bytes: Cow<'f, [u8]>,
    pub origin: Origin,
}

/// Whose bytes a write holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Origin {
    /// mlsd's own, with their SHA-256, recorded as `pending` in the manifest while files are
    /// replaced.
    Generated(String),
    /// The store of merge bases: mlsd's own, each base vouched for by its file's hash.
    Store,
    /// A merged file: the user's edits are in it, so it is flushed to disk before it replaces
    /// the file, and never vouched for (it stays "edited" after a crash).
    Merged,
}

/// Everything a write changes, decided before anything changes.
pub(super) struct Changes<'f> {
    pub writes: Vec<Write<'f>>,
    /// Paths relative to the output folder of files mlsd wrote and now removes.
    pub removes: Vec<String>,
    /// Leftover temporaries of interrupted builds (found without following links).
    pub leftovers: Vec<PathBuf>,
    /// The manifest while files are replaced: what is on disk plus `pending` hashes.
    pub intent: Manifest,
    /// The manifest once everything is done.
    pub last: Manifest,
    pub follow: bool,
}

/// Applies `changes` to `out_dir`. An error that is not [`OutputError::Partial`] means the
/// folder was left as it was (but for empty temporaries' removal).
pub(super) fn apply(out_dir: &Path, changes: Changes<'_>) -> Result<(), OutputError> {
    let mut created = Vec::new();
    let staged = match stage_all(out_dir, &changes.writes, changes.follow, &mut created) {
        Ok(staged) => staged,
        Err(e) => {
            remove_dirs(&created);
            return Err(e);
        }
    };
    if !changes.writes.is_empty() || !changes.removes.is_empty() {
        let manifest = out_dir.join(MANIFEST_NAME);
        no_links(out_dir, MANIFEST_NAME, false)?;
        if let Err(e) = replace(&manifest, changes.intent.render().as_bytes(), false) {
            drop(staged);
            remove_dirs(&created);
            return Err(OutputError::io(&manifest, "write", e));
        }
    }
    let partial = |e| OutputError::Partial {
        source: Box::new(e),
    };
    for (tmp, target, rel) in staged {
        no_links(out_dir, rel, changes.follow).map_err(partial)?;
        tmp.persist(&target)
            .map_err(|e| partial(OutputError::io(&target, "write", e.error)))?;
    }
    for rel in &changes.removes {
        // Never through a link, whatever `--follow-symlinks` says: the manifest is only text.
        no_links(out_dir, rel, false).map_err(partial)?;
        let path = out_dir.join(rel);
        match std::fs::remove_file(&path) {
            Ok(()) => remove_empty_parents(out_dir, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(partial(OutputError::io(&path, "remove", e))),
        }
    }
    for tmp in &changes.leftovers {
        let _ = std::fs::remove_file(tmp);
    }
    let manifest = out_dir.join(MANIFEST_NAME);
    let text = changes.last.render();
    if std::fs::read(&manifest).ok().as_deref() != Some(text.as_bytes()) {
        no_links(out_dir, MANIFEST_NAME, false).map_err(partial)?;
        replace(&manifest, text.as_bytes(), false)
            .map_err(|e| partial(OutputError::io(&manifest, "write", e)))?;
    }
    Ok(())
}

/// Stages every write (see [`stage`]): the folders first, on this thread, then the
/// temporaries written on a few threads (a flush is waiting on the disk, one file at a
/// time). On an error, the first in `writes` order, every temporary is gone;
/// `created` has the folders made so far.
fn stage_all<'w>(
    out_dir: &Path,
    writes: &'w [Write],
    follow: bool,
    created: &mut Vec<PathBuf>,
) -> Result<Vec<(NamedTempFile, PathBuf, &'w str)>, OutputError> {
    // Each folder once (a build writes dozens of files into each); every file's own path is
    // checked again as it is staged.
    let folders: std::collections::BTreeSet<&str> = (writes.iter())
        .map(|w| w.rel.rsplit_once('/').map_or("", |(dir, _)| dir))
        .collect();
    for rel in folders {
        let dir = match rel {
            "" => out_dir.to_path_buf(),
            _ => {
                no_links(out_dir, rel, follow)?;
                out_dir.join(rel)
            }
        };
        created.extend(create_dirs(&dir).map_err(|e| OutputError::io(&dir, "create", e))?);
    }
    let staged = on_threads(
        writes,
        |w| stage(out_dir, w, follow),
        |w| Err(OutputError::io(out_dir.join(&w.rel), "write", panicked())),
    );
    // Collecting into a `Result` stops at the first error; the temporaries staged before it
    // are dropped (deleted) with the partial vector, and those after it with `staged`.
    staged
        .into_iter()
        .zip(writes)
        .map(|(r, w)| r.map(|(tmp, target)| (tmp, target, w.rel.as_str())))
        .collect()
}

/// `work` of each item, in order, on a few threads (the work is mostly waiting on the file
/// system, one call at a time); `stopped` stands for the result of each item of a thread that
/// panicked.
pub(super) fn on_threads<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    stopped: impl Fn(&T) -> R,
) -> Vec<R> {
    const THREADS: usize = 4;
    let chunk = items.len().div_ceil(THREADS).max(1);
    std::thread::scope(|s| {
        let work = &work;
        let handles: Vec<_> = (items.chunks(chunk))
            .map(|part| s.spawn(move || part.iter().map(work).collect::<Vec<R>>()))
            .collect();
        (handles.into_iter().zip(items.chunks(chunk)))
            .flat_map(|(h, part)| {
                h.join()
                    .unwrap_or_else(|_| part.iter().map(&stopped).collect())
            })
            .collect()
    })
}

/// The error of a writing thread that stopped unexpectedly.
pub(super) fn panicked() -> std::io::Error {
    std::io::Error::other("the writing thread stopped unexpectedly")
}

/// Writes `w`'s bytes to a temporary beside its target (whose folder exists). Only a file
/// that holds the user's edits (a merge) is flushed to disk before it replaces its target:
/// mlsd's own output (its manifest and store included) is made again from the spec, and
/// flushing each of a build's files took longer than drawing its diagrams. As a compiler's,
/// it is left to the system's write-back; the rename still shows readers the old file or the
/// new.
fn stage(out_dir: &Path, w: &Write, follow: bool) -> Result<(NamedTempFile, PathBuf), OutputError> {
    no_links(out_dir, &w.rel, follow)?;
    let target = out_dir.join(&w.rel);
    let dir = target.parent().unwrap_or(out_dir);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = temp_file(dir, &name).map_err(|e| OutputError::io(&target, "write", e))?;
    tmp.write_all(&w.bytes)
        .and_then(|()| match w.origin {
            Origin::Merged => tmp.as_file().sync_all(),
            Origin::Generated(_) | Origin::Store => Ok(()),
        })
        .map_err(|e| OutputError::io(&target, "write", e))?;
    // The final name must be possible too (a name too long fails here, before any change).
    if name.len() > 255 {
        return Err(OutputError::io(
            &target,
            "write",
            std::io::Error::other("file name too long"),
        ));
    }
    Ok((tmp, target))
}

/// Removes folders left empty by a removal, up to (not including) `out_dir`.
fn remove_empty_parents(out_dir: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out_dir || !d.starts_with(out_dir) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
