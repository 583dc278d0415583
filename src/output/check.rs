//! Generated files + the output folder -> what `--check` reports: files missing, files whose
//! contents differ (with a short unified diff for text), edited files a build would merge (or
//! leave with conflict markers), files with unresolved conflict markers, files generated
//! earlier and no longer produced. An edited file a build would leave as it is (its merge base
//! is the current generation, no markers) is up to date. Writes nothing.

use std::path::Path;

use similar::TextDiff;

use super::base::{Base, Store};
use super::manifest::{Manifest, sha256_hex};
use super::merge::{self, Merged, as_text};
use super::write::{WriteOptions, is_safe, read_optional};
use super::{GeneratedFile, OutputError};

/// Lines of diff kept per stale file.
const DIFF_LINES: usize = 40;

/// A file on disk that differs from what the spec generates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    pub path: String,
    /// A unified diff (on disk -> generated), cut to a few dozen lines; `None` for binary.
    pub diff: Option<String>,
    /// Whether it was edited since mlsd wrote it (a plain rebuild will not overwrite it).
    pub edited: bool,
    /// For an edited text file: what a merge with the new generation does or did.
    pub merge: Option<MergeOutlook>,
}

/// What happens to an edited text file's merge with the new generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeOutlook {
    /// A build would merge the new generation into the edits cleanly.
    WouldMerge,
    /// A build would leave conflict markers at these lines (1-based, inclusive).
    WouldConflict(Vec<(usize, usize)>),
    /// The file holds conflict markers from an earlier merge at these lines.
    Unresolved(Vec<(usize, usize)>),
}

/// What differs between the output folder and the spec. Each list sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub missing: Vec<String>,
    pub stale: Vec<StaleFile>,
    /// Generated earlier, no longer produced, still present (a build would remove them).
    pub extra: Vec<String>,
}

impl CheckReport {
    /// The folder is exactly what a build would leave.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.stale.is_empty() && self.extra.is_empty()
    }
}

impl std::fmt::Display for CheckReport {
    /// What `--check` says: each missing, stale (with its diff) and extra file.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for p in &self.missing {
            writeln!(f, "missing `{p}`")?;
        }
        for s in &self.stale {
            let edited = if s.edited { " (edited by hand)" } else { "" };
            match &s.merge {
                None => writeln!(f, "out of date `{}`{edited}", s.path)?,
                Some(MergeOutlook::WouldMerge) => writeln!(
                    f,
                    "out of date `{}`{edited}: a build merges the new generation into your edits",
                    s.path
                )?,
                Some(MergeOutlook::WouldConflict(lines)) => writeln!(
                    f,
                    "would conflict `{}`{edited}: your edits and the new generation change the same lines; a build leaves conflict markers at {}",
                    s.path,
                    merge::describe(lines)
                )?,
                Some(MergeOutlook::Unresolved(lines)) => {
                    writeln!(
                        f,
                        "unresolved conflict `{}`: conflict markers at {}",
                        s.path,
                        merge::describe(lines)
                    )?;
                    continue;
                }
            }
            if let Some(d) = &s.diff {
                for line in d.lines() {
                    writeln!(f, "    {line}")?;
                }
            }
        }
        for p in &self.extra {
            writeln!(f, "no longer generated `{p}`")?;
        }
        if self.is_clean() {
            write!(f, "up to date")?;
        }
        Ok(())
    }
}

/// Compares `out_dir` with `files` without changing anything.
/// Files of outputs `options` leave out are not extra unless it prunes.
pub fn check(
    out_dir: &Path,
    files: &[GeneratedFile],
    options: &WriteOptions,
) -> Result<CheckReport, OutputError> {
    let manifest = Manifest::load(out_dir)?;
    // Read when an edited file needs it. A store behind a link is the build's error to
    // report; here it holds no base.
    let store = std::cell::OnceCell::new();
    let store =
        || store.get_or_init(|| Store::load(out_dir, options.follow_symlinks).unwrap_or_default());
    let mut report = CheckReport::default();
    for f in files {
        if !is_safe(&f.path) {
            return Err(OutputError::InvalidPath {
                path: f.path.clone(),
                reason: "the path must be relative and stay inside the output folder",
            });
        }
        match read_optional(&out_dir.join(&f.path))? {
            None => report.missing.push(f.path.clone()),
            Some(d) if d == f.contents => {}
            Some(d) => {
                let edited = !manifest.owns(&f.path, &sha256_hex(&d));
                let merge = if edited {
                    match outlook(out_dir, &manifest, store(), f, &d)? {
                        Outlook::Left => continue,
                        Outlook::Merge(m) => Some(m),
                        Outlook::Plain => None,
                    }
                } else {
                    None
                };
                report.stale.push(StaleFile {
                    path: f.path.clone(),
                    diff: diff(&f.path, &d, &f.contents),
                    edited,
                    merge,
                });
            }
        }
    }
    for path in manifest.files.keys() {
        if files.iter().any(|f| &f.path == path)
            || !is_safe(path)
            || options.kept_for(path).is_some()
        {
            continue;
        }
        if out_dir.join(path).exists() {
            report.extra.push(path.clone());
        }
    }
    report.missing.sort();
    report.stale.sort_by(|a, b| a.path.cmp(&b.path));
    report.extra.sort();
    Ok(report)
}

/// What a build does to an edited file.
enum Outlook {
    /// Leaves it as it is: the generation is its merge base and it holds no markers.
    Left,
    /// Merges (or has merged, with markers left).
    Merge(MergeOutlook),
    /// Keeps it and writes `FILE.new` (no base, or binary).
    Plain,
}

fn outlook(
    out_dir: &Path,
    manifest: &Manifest,
    store: &Store,
    f: &GeneratedFile,
    disk: &[u8],
) -> Result<Outlook, OutputError> {
    let (Some(ours), Some(theirs)) = (as_text(disk), as_text(&f.contents)) else {
        return Ok(Outlook::Plain);
    };
    let markers = merge::conflicts(ours);
    if !markers.is_empty() {
        return Ok(Outlook::Merge(MergeOutlook::Unresolved(markers)));
    }
    let Ok(Base::Valid(base)) = store.base(out_dir, &f.path, manifest) else {
        return Ok(Outlook::Plain);
    };
    if base == theirs {
        return Ok(Outlook::Left);
    }
    Ok(Outlook::Merge(match merge::merge(&base, ours, theirs) {
        Merged::Clean(_) => MergeOutlook::WouldMerge,
        Merged::Conflict { lines, .. } => MergeOutlook::WouldConflict(lines),
    }))
}

/// A unified diff of two UTF-8 texts, cut to [`DIFF_LINES`] lines.
fn diff(path: &str, old: &[u8], new: &[u8]) -> Option<String> {
    let old = std::str::from_utf8(old).ok()?;
    let new = std::str::from_utf8(new).ok()?;
    let text = TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("{path} (on disk)"), &format!("{path} (generated)"))
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= DIFF_LINES {
        return Some(text);
    }
    let mut cut = lines[..DIFF_LINES].join("\n");
    cut.push_str(&format!("\n... {} more lines\n", lines.len() - DIFF_LINES));
    Some(cut)
}
