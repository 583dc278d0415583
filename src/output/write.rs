//! Generated files + the output folder's manifest -> a plan: changed files rewritten, edited
//! ones kept (new version beside as `FILE.new`, or a free `FILE.new.N`), stale ones removed
//! unless edited, no symbolic link crossed. Every check happens before any change; `commit`
//! applies the plan.

use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::commit::{self, Changes};
use super::guard::{FolderLock, no_links, temp_file, temp_owner};
use super::manifest::{MANIFEST_NAME, Manifest, sha256_hex};
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

/// An edited file left alone, and where its new version went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptEdited {
    pub path: String,
    pub new_path: String,
}

/// What a write did, each list sorted by path (relative to the output folder).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Created or rewritten because their contents changed.
    pub written: Vec<String>,
    /// Already up to date: not touched.
    pub unchanged: Vec<String>,
    /// Edited since mlsd wrote them (or never mlsd's): kept, new version in `new_path`.
    pub kept_edited: Vec<KeptEdited>,
    /// Generated earlier, no longer produced, unedited: removed.
    pub removed: Vec<String>,
    /// Generated earlier, no longer produced, but edited: kept, and no longer tracked.
    pub kept_stale: Vec<String>,
    /// Generated earlier by an option this build left out: kept and tracked, with the option.
    pub kept_left_out: Vec<(String, &'static str)>,
}

impl std::fmt::Display for WriteReport {
    /// What a build says: a line per edited file kept and per file removed, then a count.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for k in &self.kept_edited {
            writeln!(
                f,
                "kept your edits to `{}`; the new version is in `{}` (--force overwrites)",
                k.path, k.new_path
            )?;
        }
        for p in &self.kept_stale {
            writeln!(
                f,
                "kept `{p}`: no longer generated, but edited since mlsd wrote it"
            )?;
        }
        let mut options: Vec<&str> = self.kept_left_out.iter().map(|(_, o)| *o).collect();
        options.dedup();
        for option in options {
            let paths: Vec<&str> = self
                .kept_left_out
                .iter()
                .filter(|(_, o)| *o == option)
                .map(|(p, _)| p.as_str())
                .collect();
            writeln!(
                f,
                "kept {} file{} made with `{option}`, which this build left out (`{}`{}); `--prune` removes them",
                paths.len(),
                if paths.len() == 1 { "" } else { "s" },
                paths[0],
                if paths.len() > 1 { " ..." } else { "" }
            )?;
        }
        for p in &self.removed {
            writeln!(f, "removed `{p}`: no longer generated")?;
        }
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "{} file{} written, {} unchanged",
            self.written.len(),
            plural(self.written.len()),
            self.unchanged.len()
        )
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
    let mut plan = Plan {
        intent: Manifest {
            files: old.files.clone(),
            pending: Default::default(),
        },
        old,
        follow: options.follow_symlinks,
        ..Plan::default()
    };
    for f in files {
        plan.file(out_dir, f, options)?;
    }
    let produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    plan.stale(out_dir, &produced, options)?;

    // Temporary files of an interrupted earlier build go too (silently: never user files).
    let dirs: BTreeSet<String> = produced
        .iter()
        .copied()
        .chain(plan.old.files.keys().map(String::as_str))
        .filter(|p| is_safe(p))
        .map(|p| p.rsplit_once('/').map_or("", |(d, _)| d).to_string())
        .collect();
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
    for w in &plan.writes {
        plan.intent
            .pending
            .insert(w.rel.clone(), sha256_hex(&w.bytes));
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

/// What a write will do, decided before anything changes.
#[derive(Default)]
struct Plan {
    old: Manifest,
    /// The old manifest, with the hash of each file an interrupted build left on disk.
    intent: Manifest,
    new: Manifest,
    report: WriteReport,
    writes: Vec<commit::Write>,
    removes: Vec<String>,
    follow: bool,
}

impl Plan {
    /// One generated file: write it, leave it, or keep the user's edit and write `FILE.new`.
    fn file(
        &mut self,
        out_dir: &Path,
        f: &GeneratedFile,
        options: &WriteOptions,
    ) -> Result<(), OutputError> {
        no_links(out_dir, &f.path, self.follow)?;
        let target = out_dir.join(&f.path);
        let hash = sha256_hex(&f.contents);
        let disk = read_optional(&target)?;
        let disk_hash = disk.as_deref().map(sha256_hex);
        if let Some(owned) = disk_hash
            .as_deref()
            .and_then(|h| self.old.owned_hash(&f.path, h))
        {
            self.intent.files.insert(f.path.clone(), owned);
        }
        let edited = match (&disk, &disk_hash) {
            (Some(d), _) if *d == f.contents => {
                self.report.unchanged.push(f.path.clone());
                self.new.files.insert(f.path.clone(), hash);
                return Ok(());
            }
            // Not what mlsd wrote (or was writing) last time, or never mlsd's: someone's work.
            (Some(_), Some(h)) => !self.old.owns(&f.path, h),
            _ => false,
        };
        if !edited || options.force {
            self.push_write(&f.path, &f.contents);
            self.report.written.push(f.path.clone());
            self.new.files.insert(f.path.clone(), hash);
            return Ok(());
        }
        let new_path = self.side_name(out_dir, &f.path, &f.contents)?;
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

    /// Where the new version of an edited `path` goes: `path.new`, or `path.new.2`, ... when
    /// a file mlsd did not write holds the name (a user's own `.new` is never overwritten).
    fn side_name(
        &mut self,
        out_dir: &Path,
        path: &str,
        contents: &[u8],
    ) -> Result<String, OutputError> {
        for n in 1..=MAX_SIDE_NAMES {
            let side = if n == 1 {
                format!("{path}.new")
            } else {
                format!("{path}.new.{n}")
            };
            no_links(out_dir, &side, self.follow)?;
            match read_optional(&out_dir.join(&side))? {
                None => {}
                Some(d) if d == contents && self.old.owns(&side, &sha256_hex(&d)) => {
                    return Ok(side);
                }
                Some(d) if self.old.owns(&side, &sha256_hex(&d)) => {
                    self.intent.files.insert(side.clone(), sha256_hex(&d));
                }
                Some(_) => continue,
            }
            self.push_write(&side, contents);
            return Ok(side);
        }
        Err(OutputError::InvalidPath {
            path: format!("{path}.new"),
            reason: "every name for the new version is taken by files mlsd did not write; \
                     remove some of them, or use --force",
        })
    }

    fn push_write(&mut self, rel: &str, bytes: &[u8]) {
        self.writes.push(commit::Write {
            rel: rel.to_string(),
            bytes: bytes.to_vec(),
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

fn sorted(mut r: WriteReport) -> WriteReport {
    r.written.sort();
    r.unchanged.sort();
    r.kept_edited.sort_by(|a, b| a.path.cmp(&b.path));
    r.removed.sort();
    r.kept_stale.sort();
    r.kept_left_out.sort();
    r
}

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
    let mut dirs = BTreeSet::new();
    dirs.insert(existing_ancestor(out_dir));
    for p in targets {
        if let Some(parent) = p.parent() {
            dirs.insert(existing_ancestor(parent));
        }
    }
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
