//! Generated files + the output folder's manifest -> the folder brought up to date: changed
//! files rewritten atomically, edited ones kept (new version beside as `FILE.new`), stale
//! ones removed unless edited, the manifest last. Every check happens before any change.

use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::manifest::{MANIFEST_NAME, Manifest, sha256_hex};
use super::{GeneratedFile, OutputError, write_atomic};

/// How to treat files the user edited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Overwrite edited files instead of writing `FILE.new` beside them.
    pub force: bool,
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

enum Action {
    Write(PathBuf, Vec<u8>),
    Remove(PathBuf),
}

/// Brings `out_dir` up to date with `files`. Nothing is changed when an error is returned
/// before the first write (invalid paths, a read-only folder, unreadable files).
pub fn write(
    out_dir: &Path,
    files: &[GeneratedFile],
    options: &WriteOptions,
) -> Result<WriteReport, OutputError> {
    validate(files)?;
    let mut plan = Plan {
        old: Manifest::load(out_dir)?,
        ..Plan::default()
    };
    for f in files {
        plan.file(out_dir, f, options)?;
    }
    let produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    plan.stale(out_dir, &produced)?;

    // Temporary files of an interrupted earlier build go too (silently: never user files).
    let dirs: BTreeSet<PathBuf> = produced
        .iter()
        .copied()
        .chain(
            plan.old
                .files
                .keys()
                .map(String::as_str)
                .filter(|p| is_safe(p)),
        )
        .filter_map(|p| out_dir.join(p).parent().map(Path::to_path_buf))
        .chain([out_dir.to_path_buf()])
        .collect();
    for tmp in leftover_temp_files(&dirs) {
        plan.actions.push(Action::Remove(tmp));
    }

    let manifest_text = plan.new.render();
    let manifest_path = out_dir.join(MANIFEST_NAME);
    if read_optional(&manifest_path)?.as_deref() != Some(manifest_text.as_bytes()) {
        plan.actions
            .push(Action::Write(manifest_path, manifest_text.into_bytes()));
    }
    if plan.actions.is_empty() {
        return Ok(sorted(plan.report));
    }

    preflight(out_dir, &plan.actions)?;
    for action in plan.actions {
        match action {
            Action::Write(path, bytes) => {
                write_atomic(&path, &bytes).map_err(|e| OutputError::io(&path, "write", e))?;
            }
            Action::Remove(path) => {
                std::fs::remove_file(&path).map_err(|e| OutputError::io(&path, "remove", e))?;
                remove_empty_parents(out_dir, &path);
            }
        }
    }
    Ok(sorted(plan.report))
}

/// What a write will do, decided before anything changes.
#[derive(Default)]
struct Plan {
    old: Manifest,
    new: Manifest,
    report: WriteReport,
    actions: Vec<Action>,
}

impl Plan {
    /// One generated file: write it, leave it, or keep the user's edit and write `FILE.new`.
    fn file(
        &mut self,
        out_dir: &Path,
        f: &GeneratedFile,
        options: &WriteOptions,
    ) -> Result<(), OutputError> {
        let target = out_dir.join(&f.path);
        let hash = sha256_hex(&f.contents);
        let disk = read_optional(&target)?;
        let edited = match &disk {
            None => false,
            Some(d) if *d == f.contents => {
                self.report.unchanged.push(f.path.clone());
                self.new.files.insert(f.path.clone(), hash);
                return Ok(());
            }
            // Not what mlsd wrote last time (or mlsd never wrote it): someone's work.
            Some(d) => self.old.get(&f.path) != Some(sha256_hex(d).as_str()),
        };
        if !edited || options.force {
            self.actions.push(Action::Write(target, f.contents.clone()));
            self.report.written.push(f.path.clone());
            self.new.files.insert(f.path.clone(), hash);
            return Ok(());
        }
        let new_path = format!("{}.new", f.path);
        let side = out_dir.join(&new_path);
        if read_optional(&side)?.as_deref() != Some(f.contents.as_slice()) {
            self.actions.push(Action::Write(side, f.contents.clone()));
        }
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

    /// Files generated before and not now (an obsolete `FILE.new` included): removed when
    /// unedited, kept (and no longer tracked) when edited.
    fn stale(&mut self, out_dir: &Path, produced: &BTreeSet<&str>) -> Result<(), OutputError> {
        for (path, hash) in &self.old.files {
            if produced.contains(path.as_str())
                || self.new.files.contains_key(path)
                || !is_safe(path)
            {
                continue;
            }
            let target = out_dir.join(path);
            match read_optional(&target)? {
                None => {}
                Some(d) if sha256_hex(&d) == *hash => {
                    self.actions.push(Action::Remove(target));
                    self.report.removed.push(path.clone());
                }
                Some(_) => self.report.kept_stale.push(path.clone()),
            }
        }
        Ok(())
    }
}

fn sorted(mut r: WriteReport) -> WriteReport {
    r.written.sort();
    r.unchanged.sort();
    r.kept_edited.sort_by(|a, b| a.path.cmp(&b.path));
    r.removed.sort();
    r.kept_stale.sort();
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
fn preflight(out_dir: &Path, actions: &[Action]) -> Result<(), OutputError> {
    let mut dirs = BTreeSet::new();
    dirs.insert(existing_ancestor(out_dir));
    for a in actions {
        let (Action::Write(p, _) | Action::Remove(p)) = a;
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
        let probe = dir.join(format!(".mlsd-probe-{}", std::process::id()));
        match std::fs::File::create(&probe) {
            Ok(_) => {
                let _ = std::fs::remove_file(&probe);
            }
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

/// `.NAME.mlsd-tmp-PID` files in `dirs` (the folders mlsd writes into: never a walk of the
/// whole output folder, which may hold much more).
fn leftover_temp_files(dirs: &BTreeSet<PathBuf>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_file = e.file_type().is_ok_and(|t| t.is_file());
            let Some((_, pid)) = name.rsplit_once(".mlsd-tmp-") else {
                continue;
            };
            // A live process (another mlsd writing here now) keeps its file.
            if is_file && name.starts_with('.') && !Path::new("/proc").join(pid).exists() {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
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
