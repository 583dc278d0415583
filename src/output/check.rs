//! Generated files + the output folder -> what `--check` reports: files missing, files whose
//! contents differ (with a short unified diff for text), files generated earlier and no
//! longer produced. Writes nothing.

use std::path::Path;

use similar::TextDiff;

use super::manifest::{Manifest, sha256_hex};
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
            writeln!(f, "out of date `{}`{edited}", s.path)?;
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
                report.stale.push(StaleFile {
                    path: f.path.clone(),
                    diff: diff(&f.path, &d, &f.contents),
                    edited,
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
