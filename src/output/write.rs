//! Generated files + the output folder's manifest -> a plan: changed files rewritten, edited
//! ones merged three ways with the last generated text kept in the base store (or, without a
//! base, kept with the new version beside as `FILE.new`, or a free `FILE.new.N`), stale ones
//! removed unless edited, no symbolic link crossed. Every check happens before any change;
//! `commit` applies the plan, base files included.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Component, Path, PathBuf};

use super::base::{self, Base, LEGACY_DIR, STORE_DIR, STORE_FILE, Store, legacy_path, pending_key};
use super::commit::{self, Changes, Origin};
use super::guard::{FolderLock, no_links, temp_file, temp_owner};
use super::manifest::{MANIFEST_NAME, Manifest, sha256_hex};
use super::merge::{self, Merged, as_text};
use super::report::sorted;
use super::report::{Conflict, KeptEdited, WriteReport};
use super::{GeneratedFile, OutputError};

/// How to treat files the user edited, and files of outputs this build left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Overwrite edited files instead of writing `FILE.new` beside them.
    pub force: bool,
    /// Write through symbolic links inside the output folder (refused otherwise). Removals
    /// never go through a link.
    pub follow_symlinks: bool,
    /// Remove the files of left-out outputs too (see `left_out`).
    pub prune: bool,
    /// Outputs an earlier build may have made with other options and this one does not: their
    /// files are kept and stay tracked, not removed as stale, unless `prune`.
    pub left_out: [Option<LeftOutTree>; 5],
}

/// Files under `prefix` whose name ends with `suffix` come from `option`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeftOutTree {
    pub prefix: &'static str,
    pub suffix: &'static str,
    /// The option that makes them, as the user writes it: `--stubs rust`.
    pub option: &'static str,
}

impl WriteOptions {
    /// The left-out option that made `path`, when this build keeps it for that reason.
    pub fn kept_for(&self, path: &str) -> Option<&'static str> {
        if self.prune {
            return None;
        }
        self.left_out
            .iter()
            .flatten()
            .find(|t| path.starts_with(t.prefix) && path.ends_with(t.suffix))
            .map(|t| t.option)
    }
}

/// Brings `out_dir` up to date with `files`. Unless the error is [`OutputError::Partial`],
/// nothing was changed when an error is returned.
pub fn write(
    out_dir: &Path,
    files: &[GeneratedFile],
    options: &WriteOptions,
) -> Result<WriteReport, OutputError> {
    validate(files)?;
    let _lock = FolderLock::take(out_dir);
    let old = Manifest::load(out_dir)?;
    let store = Store::load(out_dir, options.follow_symlinks)?;
    let mut plan = Plan {
        intent: Manifest {
            files: old.files.clone(),
            pending: Default::default(),
        },
        old,
        store,
        follow: options.follow_symlinks,
        ..Plan::default()
    };
    // Reading and hashing each file (what is on disk too) on a few threads; the decisions,
    // in order, on this one.
    let looks = commit::on_threads(
        files,
        |f| Look::at(out_dir, f, plan.follow),
        |f| {
            Err(OutputError::io(
                out_dir.join(&f.path),
                "read",
                commit::panicked(),
            ))
        },
    );
    for (f, look) in files.iter().zip(looks) {
        plan.file(out_dir, f, look?, options)?;
    }
    let produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    plan.stale(out_dir, &produced, options)?;

    // Temporary files of an interrupted earlier build go too (silently: never user files).
    let mut dirs: BTreeSet<String> = produced
        .iter()
        .copied()
        .chain(plan.old.files.keys().map(String::as_str))
        .filter(|p| is_safe(p))
        .map(|p| p.rsplit_once('/').map_or("", |(d, _)| d).to_string())
        .collect();
    dirs.insert(STORE_DIR.to_string());
    plan.store_bases(out_dir)?;
    let leftovers = leftover_temp_files(out_dir, &dirs);

    let manifest_path = out_dir.join(MANIFEST_NAME);
    let manifest_same =
        read_optional(&manifest_path)?.as_deref() == Some(plan.new.render().as_bytes());
    if plan.writes.is_empty() && plan.removes.is_empty() && leftovers.is_empty() && manifest_same {
        return Ok(sorted(plan.report));
    }
    let mut targets: Vec<PathBuf> = plan.writes.iter().map(|w| out_dir.join(&w.rel)).collect();
    targets.extend(plan.removes.iter().map(|r| out_dir.join(r)));
    targets.push(manifest_path);
    preflight(out_dir, &targets)?;
    // A merged file holds the user's edits: never vouched for, so an interrupted build
    // leaves it counted as edited. Its base is vouched for under the base's own key.
    for w in &plan.writes {
        if let Origin::Generated(hash) = &w.origin {
            plan.intent.pending.insert(w.rel.clone(), hash.clone());
        }
    }
    if plan.writes.iter().any(|w| w.origin == Origin::Store) {
        for (rel, (_, hash)) in &plan.bases {
            if !plan.intent.owns(rel, hash) {
                plan.intent.pending.insert(pending_key(rel), hash.clone());
            }
        }
    }
    commit::apply(
        out_dir,
        Changes {
            writes: plan.writes,
            removes: plan.removes,
            leftovers,
            intent: plan.intent,
            last: plan.new,
            follow: plan.follow,
        },
    )?;
    Ok(sorted(plan.report))
}

/// A generated file's hash, and what is at its path on disk (never read through a link unless
/// links are followed).
struct Look {
    hash: String,
    disk: Option<Vec<u8>>,
    disk_hash: Option<String>,
}

impl Look {
    fn at(out_dir: &Path, f: &GeneratedFile, follow: bool) -> Result<Look, OutputError> {
        no_links(out_dir, &f.path, follow)?;
        let disk = read_optional(&out_dir.join(&f.path))?;
        Ok(Look {
            hash: sha256_hex(&f.contents),
            disk_hash: disk.as_deref().map(sha256_hex),
            disk,
        })
    }
}

/// What a write will do, decided before anything changes.
#[derive(Default)]
struct Plan<'f> {
    old: Manifest,
    /// The store of merge bases as the build found it.
    store: Store,
    /// The bases the store keeps after this build: each generated text file's path, text and
    /// SHA-256.
    bases: BTreeMap<&'f str, (&'f [u8], String)>,
    /// The old manifest, with the hash of each file an interrupted build left on disk.
    intent: Manifest,
    new: Manifest,
    report: WriteReport,
    writes: Vec<commit::Write<'f>>,
    removes: Vec<String>,
    follow: bool,
}

impl<'f> Plan<'f> {
    /// One generated file: write it, leave it, merge the new generation into the user's
    /// edits, or (without a merge base, or for binary files) keep the edits and write
    /// `FILE.new`. The base store follows what the manifest records.
    fn file(
        &mut self,
        out_dir: &Path,
        f: &'f GeneratedFile,
        look: Look,
        options: &WriteOptions,
    ) -> Result<(), OutputError> {
        let Look {
            hash,
            disk,
            disk_hash,
        } = look;
        if let Some(owned) = disk_hash
            .as_deref()
            .and_then(|h| self.old.owned_hash(&f.path, h))
        {
            self.intent.files.insert(f.path.clone(), owned);
        }
        let edited = match (&disk, &disk_hash) {
            (Some(d), _) if *d == f.contents => {
                self.report.unchanged.push(f.path.clone());
                self.new.files.insert(f.path.clone(), hash.clone());
                self.keep_base(f, &hash);
                return Ok(());
            }
            // Not what mlsd wrote (or was writing) last time, or never mlsd's: someone's work.
            (Some(_), Some(h)) => !self.old.owns(&f.path, h),
            _ => false,
        };
        if !edited || options.force {
            self.push_write(&f.path, &f.contents, &hash);
            self.report.written.push(f.path.clone());
            self.new.files.insert(f.path.clone(), hash.clone());
            self.keep_base(f, &hash);
            return Ok(());
        }
        if let (Some(theirs), Some(ours)) = (as_text(&f.contents), disk.as_deref()) {
            match self.store.base(out_dir, &f.path, &self.old)? {
                Base::Valid(base) if let Some(ours) = as_text(ours) => {
                    self.merge(f, &hash, [&base, ours, theirs]);
                    return Ok(());
                }
                Base::Valid(_) => {}
                Base::Missing if self.old.get(&f.path).is_some() => {
                    self.report.no_base.push(f.path.clone());
                }
                Base::Missing => {}
            }
        }
        let new_path = self.side_name(out_dir, f, &hash)?;
        // Still tracked when mlsd generated it, with the hash of what mlsd wrote.
        if let Some(h) = self.old.get(&f.path) {
            self.new.files.insert(f.path.clone(), h.to_string());
        }
        self.new.files.insert(new_path.clone(), hash);
        self.report.kept_edited.push(KeptEdited {
            path: f.path.clone(),
            new_path,
        });
        Ok(())
    }

    /// An edited text file with a merge base: left alone when the generation did not change,
    /// else the new generation merged into the edits (with markers where both changed the same
    /// lines). The manifest records the hash of the new generation, not of the merged file:
    /// the file still holds the user's edits, so the next build sees it as edited again and
    /// merges from this generation, which becomes the base.
    fn merge(&mut self, f: &'f GeneratedFile, hash: &str, [base, ours, theirs]: [&str; 3]) {
        self.new.files.insert(f.path.clone(), hash.to_string());
        self.keep_base(f, hash);
        if base == theirs {
            // Nothing new to bring in: the edits stay as they are.
            self.report.unchanged.push(f.path.clone());
            return;
        }
        let text = match merge::merge(base, ours, theirs) {
            // The file has the new generation's changes already.
            Merged::Clean(text) if text == ours => {
                self.report.unchanged.push(f.path.clone());
                text
            }
            Merged::Clean(text) => {
                self.report.merged.push(f.path.clone());
                text
            }
            Merged::Conflict { text, lines } => {
                self.report.conflicts.push(Conflict {
                    path: f.path.clone(),
                    lines,
                });
                text
            }
        };
        if text != ours {
            self.writes.push(commit::Write {
                rel: f.path.clone(),
                bytes: Cow::Owned(text.into_bytes()),
                origin: Origin::Merged,
            });
        }
    }

    /// Keeps `f`'s text (whose SHA-256 is `hash`) as the base of its next merge. Binary files
    /// have no base.
    fn keep_base(&mut self, f: &'f GeneratedFile, hash: &str) {
        if as_text(&f.contents).is_some() {
            self.bases.insert(&f.path, (&f.contents, hash.to_string()));
        }
    }

    /// The store follows the files it keeps bases of: the archive is written when they
    /// changed, after every file (commit renames in order, so a new base implies its merged
    /// file), and removed when no text file is left. An older build's store of one file per
    /// base goes.
    fn store_bases(&mut self, out_dir: &Path) -> Result<(), OutputError> {
        if !self.store.archived {
            self.drop_legacy_bases(out_dir);
        }
        let bases: BTreeMap<&str, &[u8]> = (self.bases.iter())
            .map(|(rel, (bytes, _))| (*rel, *bytes))
            .collect();
        if bases.is_empty() {
            if self.store.archived {
                self.removes.push(STORE_FILE.to_string());
            }
            return Ok(());
        }
        if self.store.holds_exactly(&bases) {
            return Ok(());
        }
        let bytes = base::archive(&bases)
            .map_err(|e| OutputError::io(out_dir.join(STORE_FILE), "write", e))?;
        self.writes.push(commit::Write {
            rel: STORE_FILE.to_string(),
            bytes: Cow::Owned(bytes),
            origin: Origin::Store,
        });
        Ok(())
    }

    /// The bases an older build kept as `.mlsd/base/PATH`, one for each file its manifest
    /// lists: removed (never through a link) once the archive takes their place.
    fn drop_legacy_bases(&mut self, out_dir: &Path) {
        if std::fs::symlink_metadata(out_dir.join(LEGACY_DIR)).is_err() {
            return;
        }
        for path in self.old.files.keys().filter(|p| is_safe(p)) {
            let legacy = legacy_path(path);
            if no_links(out_dir, &legacy, false).is_ok()
                && std::fs::symlink_metadata(out_dir.join(&legacy)).is_ok_and(|m| m.is_file())
            {
                self.removes.push(legacy);
            }
        }
    }

    /// Where the new version of an edited file `f` (whose SHA-256 is `hash`) goes: `PATH.new`,
    /// or `PATH.new.2`, ... when a file mlsd did not write holds the name (a user's own `.new`
    /// is never overwritten).
    fn side_name(
        &mut self,
        out_dir: &Path,
        f: &'f GeneratedFile,
        hash: &str,
    ) -> Result<String, OutputError> {
        let (path, contents) = (&f.path, &f.contents);
        for n in 1..=MAX_SIDE_NAMES {
            let side = if n == 1 {
                format!("{path}.new")
            } else {
                format!("{path}.new.{n}")
            };
            no_links(out_dir, &side, self.follow)?;
            match read_optional(&out_dir.join(&side))? {
                None => {}
                Some(d) if d == *contents && self.old.owns(&side, hash) => {
                    return Ok(side);
                }
                Some(d) if self.old.owns(&side, &sha256_hex(&d)) => {
                    self.intent.files.insert(side.clone(), sha256_hex(&d));
                }
                Some(_) => continue,
            }
            self.push_write(&side, contents, hash);
            return Ok(side);
        }
        Err(OutputError::InvalidPath {
            path: format!("{path}.new"),
            reason: "every name for the new version is taken by files mlsd did not write; \
                     remove some of them, or use --force",
        })
    }

    /// Writes `bytes`, mlsd's own, whose SHA-256 is `hash`, to `rel`.
    fn push_write(&mut self, rel: &str, bytes: &'f [u8], hash: &str) {
        self.writes.push(commit::Write {
            rel: rel.to_string(),
            bytes: Cow::Borrowed(bytes),
            origin: Origin::Generated(hash.to_string()),
        });
    }

    /// Files generated before and not now (an obsolete `FILE.new` included): removed when
    /// unedited, kept (and no longer tracked) when edited or behind a symbolic link.
    fn stale(
        &mut self,
        out_dir: &Path,
        produced: &BTreeSet<&str>,
        options: &WriteOptions,
    ) -> Result<(), OutputError> {
        let old = std::mem::take(&mut self.old);
        for (path, hash) in &old.files {
            if produced.contains(path.as_str())
                || self.new.files.contains_key(path)
                || !is_safe(path)
            {
                continue;
            }
            // Another option's output: still mlsd's, never removed for a flag left out.
            if let Some(option) = options.kept_for(path) {
                self.new.files.insert(path.clone(), hash.clone());
                self.report.kept_left_out.push((path.clone(), option));
                continue;
            }
            // A manifest is plain text anyone can edit: never remove through a link.
            if no_links(out_dir, path, false).is_err() {
                self.report.kept_stale.push(path.clone());
                continue;
            }
            match read_optional(&out_dir.join(path))? {
                None => {}
                Some(d) if old.owns(path, &sha256_hex(&d)) => {
                    self.removes.push(path.clone());
                    self.report.removed.push(path.clone());
                }
                Some(_) => self.report.kept_stale.push(path.clone()),
            }
        }
        self.old = old;
        Ok(())
    }
}

/// Names tried for the new version of an edited file before giving up.
const MAX_SIDE_NAMES: usize = 20;

/// Relative, `/`-separated, no `.`/`..`, not the manifest, each path once.
fn validate(files: &[GeneratedFile]) -> Result<(), OutputError> {
    let mut seen = BTreeSet::new();
    for f in files {
        let bad = |reason| {
            Err(OutputError::InvalidPath {
                path: f.path.clone(),
                reason,
            })
        };
        if !is_safe(&f.path) {
            return bad("the path must be relative and stay inside the output folder");
        }
        if f.path == MANIFEST_NAME {
            return bad("the name is reserved for mlsd's manifest");
        }
        if f.path.split('/').next() == Some(STORE_DIR) {
            return bad("the folder is reserved for mlsd's merge bases");
        }
        if !seen.insert(f.path.as_str()) {
            return bad("two generated files have this path");
        }
    }
    Ok(())
}

pub(super) fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// The contents of `path`, or `None` when it does not exist.
pub(super) fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, OutputError> {
    match std::fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(OutputError::io(path, "read", e)),
    }
}

/// Every folder an action writes into (or its nearest existing ancestor) must be writable:
/// not marked read-only, and a probe file can be created there. Checked before any change,
/// so a read-only output folder fails the whole write and leaves it as it was.
fn preflight(out_dir: &Path, targets: &[PathBuf]) -> Result<(), OutputError> {
    // Each folder once: a build writes dozens of files into each.
    let parents: BTreeSet<&Path> = (targets.iter().filter_map(|p| p.parent()))
        .chain([out_dir])
        .collect();
    let dirs: BTreeSet<PathBuf> = parents.into_iter().map(existing_ancestor).collect();
    for dir in dirs {
        let meta = std::fs::metadata(&dir).map_err(|e| OutputError::io(&dir, "inspect", e))?;
        if !meta.is_dir() {
            return Err(OutputError::io(
                &dir,
                "write into",
                io::Error::other("it is a file, not a folder"),
            ));
        }
        // A folder marked read-only is refused even where permissions would allow (root).
        if meta.permissions().readonly() {
            return Err(OutputError::NotWritable { dir, source: None });
        }
        // An exclusive temporary under a random name, removed when dropped.
        match temp_file(&dir, "probe") {
            Ok(_) => {}
            Err(e) => {
                return Err(OutputError::NotWritable {
                    dir,
                    source: Some(e),
                });
            }
        }
    }
    Ok(())
}

fn existing_ancestor(dir: &Path) -> PathBuf {
    let mut d = dir;
    loop {
        if d.exists() {
            return d.to_path_buf();
        }
        match d.parent() {
            Some(p) if !p.as_os_str().is_empty() => d = p,
            _ => return PathBuf::from("."),
        }
    }
}

/// mlsd's temporaries of dead processes in the folders `dirs` (relative to `out_dir`; never
/// a walk of the whole output folder, which may hold much more), reached without links.
fn leftover_temp_files(out_dir: &Path, dirs: &BTreeSet<String>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for rel in dirs {
        if !rel.is_empty() && no_links(out_dir, rel, false).is_err() {
            continue;
        }
        let dir = if rel.is_empty() {
            out_dir.to_path_buf()
        } else {
            out_dir.join(rel)
        };
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_file = e.file_type().is_ok_and(|t| t.is_file());
            // A live process (another mlsd writing here now) keeps its file.
            if let Some(pid) = temp_owner(&name)
                && is_file
                && !Path::new("/proc").join(pid).exists()
            {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}
