//! What a write did -> what a build says: files written, merged into the user's edits, left
//! with conflict markers, kept beside as `FILE.new`, kept or removed as stale.

use super::base::STORE_FILE;
use super::merge;

/// An edited file left alone, and where its new version went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptEdited {
    pub path: String,
    pub new_path: String,
}

/// An edited file merged with a new generation where both changed the same lines: written
/// with conflict markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub path: String,
    /// 1-based, inclusive line ranges of the marked blocks in the written file.
    pub lines: Vec<(usize, usize)>,
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
    /// Edited, and the new generation merged into the edits cleanly.
    pub merged: Vec<String>,
    /// Edited, and merged with conflict markers where both changed the same lines.
    pub conflicts: Vec<Conflict>,
    /// Edited files in `kept_edited` that had no merge base (an older mlsd built the folder,
    /// or the base store was removed): the reason their new version went to `FILE.new`.
    pub no_base: Vec<String>,
}

impl WriteReport {
    /// Whether a file was left with conflict markers (the build then fails).
    pub fn has_conflicts(&self) -> bool {
        !self.conflicts.is_empty()
    }
}

impl std::fmt::Display for WriteReport {
    /// What a build says: a line per edited file kept and per file removed, then a count.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for p in &self.merged {
            writeln!(f, "merged your edits in `{p}` with the new generation")?;
        }
        for c in &self.conflicts {
            writeln!(
                f,
                "error: conflict in `{}` at {}: your edits and the new generation change the same lines; both are kept between `<<<<<<< ours` and `>>>>>>> theirs` markers",
                c.path,
                merge::describe(&c.lines)
            )?;
            writeln!(
                f,
                "help: edit `{}` to keep what you want and delete the markers; `--check` fails until then",
                c.path
            )?;
        }
        for k in &self.kept_edited {
            writeln!(
                f,
                "kept your edits to `{}`; the new version is in `{}` (--force overwrites)",
                k.path, k.new_path
            )?;
            if self.no_base.contains(&k.path) {
                writeln!(
                    f,
                    "note: no merge base is kept for `{}` (an older mlsd built it, or `{STORE_FILE}` was removed), so the edits could not be merged; once the file takes the new version in, later builds merge",
                    k.path
                )?;
            }
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
            "{} file{} written, ",
            self.written.len(),
            plural(self.written.len())
        )?;
        let merged = self.merged.len() + self.conflicts.len();
        if merged > 0 {
            write!(f, "{merged} merged, ")?;
        }
        write!(f, "{} unchanged", self.unchanged.len())
    }
}

/// Each list sorted by path.
pub(super) fn sorted(mut r: WriteReport) -> WriteReport {
    r.written.sort();
    r.unchanged.sort();
    r.kept_edited.sort_by(|a, b| a.path.cmp(&b.path));
    r.removed.sort();
    r.kept_stale.sort();
    r.kept_left_out.sort();
    r.merged.sort();
    r.conflicts.sort_by(|a, b| a.path.cmp(&b.path));
    r.no_base.sort();
    r
}
