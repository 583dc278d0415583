//! The spec on disk -> its design folder brought up to date (or the last good output kept),
//! summed up in one line, plus what the live preview shows: the SVGs of a good build or the
//! errors of a bad one.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mlsd::build::{Overrides, diagram_stem};
use mlsd::diagnostic;
use mlsd::model::View;
use mlsd::output::{self, GeneratedFile, WriteOptions, WriteReport};

use super::staged::PngCache;
use crate::cli::use_color;

/// How many written files a summary line names before it says "and N more".
const NAMED: usize = 4;

/// What a spec compiles with and where it goes.
pub struct Rebuilder {
    spec: PathBuf,
    /// The spec's name in messages and diagnostics, as the user gave it.
    shown: String,
    /// The spec's file name: the stubs and documents name it.
    spec_name: String,
    out: PathBuf,
    /// The flags: each build's options are the spec's `output` section with these on top.
    options: Overrides,
    deny_warnings: bool,
    write: WriteOptions,
    /// The bytes of the last build, good or bad: the same bytes are not built twice.
    last_bytes: Option<Vec<u8>>,
    /// The warnings printed last: printed again only when they change.
    last_warnings: String,
    /// The spec was missing at the last look (deleted, maybe about to come back).
    missing: bool,
    pngs: PngCache,
}

/// What the preview should show after a build.
pub enum Shown {
    /// A good build: each diagram's stem and SVG, in the order of the tabs.
    Diagrams(Vec<(String, String)>),
    /// A failed build: the errors as JSON diagnostics (`file`, `line`, `column`, `message`).
    Errors(Vec<serde_json::Value>),
}

/// The outcome of one look at the spec.
pub enum Step {
    /// The bytes were those of the last build: nothing to do.
    Unchanged,
    /// The spec is not there (deleted, or between the steps of a save).
    Missing,
    /// A build ran; `log` holds the diagnostics and the one summary line.
    Built { log: String, shown: Shown },
    /// The spec is back after it was removed, with the bytes of the last build.
    Back,
}

impl Rebuilder {
    pub fn new(
        spec: &Path,
        out: PathBuf,
        options: Overrides,
        deny_warnings: bool,
        write: WriteOptions,
    ) -> Self {
        let shown = spec.display().to_string();
        let spec_name = spec
            .file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
        Rebuilder {
            spec: spec.to_path_buf(),
            shown,
            spec_name,
            out,
            options,
            deny_warnings,
            write,
            last_bytes: None,
            last_warnings: String::new(),
            missing: false,
            pngs: PngCache::default(),
        }
    }

    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Reads the spec and, when its bytes changed, builds it. `verb` starts a good summary
    /// line (`built`, `rebuilt`); `early` gets the new SVGs as soon as they are on disk, before
    /// the PNGs are drawn.
    pub fn step(&mut self, verb: &str, early: &mut dyn FnMut(Shown)) -> Step {
        let started = Instant::now();
        let read = match std::fs::metadata(&self.spec) {
            Err(e) => Err(e),
            Ok(_) => super::super::inputs::read_spec(&self.spec).map_err(std::io::Error::other),
        };
        let bytes = match read {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if self.missing {
                    return Step::Unchanged;
                }
                self.missing = true;
                return Step::Missing;
            }
            Err(e) => {
                let line = format!("error: cannot read `{}`: {e}\n", self.shown);
                return Step::Built {
                    shown: Shown::Errors(vec![self.plain_error(&line)]),
                    log: line,
                };
            }
        };
        let was_missing = std::mem::replace(&mut self.missing, false);
        if self.last_bytes.as_deref() == Some(bytes.as_slice()) {
            return if was_missing {
                Step::Back
            } else {
                Step::Unchanged
            };
        }
        let step = self.build(&bytes, verb, started, early);
        self.last_bytes = Some(bytes);
        step
    }

    fn build(
        &mut self,
        bytes: &[u8],
        verb: &str,
        started: Instant,
        early: &mut dyn FnMut(Shown),
    ) -> Step {
        let a = mlsd::analyze(bytes);
        let errors: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        let warnings = a.warning_count();
        let mut log = String::new();
        if !errors.is_empty() {
            log.push_str(&diagnostic::render(
                &a.diagnostics,
                &self.shown,
                &a.source,
                use_color(),
            ));
            // Warnings printed with errors are not news on the next good build.
            self.last_warnings.clear();
            log.push_str(&format!(
                "{}; kept the last good output\n",
                count(errors.len(), "error")
            ));
            let json = diagnostic::to_json_values(&errors, &self.shown, &a.source);
            return Step::Built {
                log,
                shown: Shown::Errors(json),
            };
        }
        let rendered_warnings =
            diagnostic::render(&a.diagnostics, &self.shown, &a.source, use_color());
        if rendered_warnings != self.last_warnings {
            log.push_str(&rendered_warnings);
            self.last_warnings = rendered_warnings;
        }
        if self.deny_warnings && warnings > 0 {
            let line = format!(
                "{} and --deny-warnings is set; kept the last good output\n",
                count(warnings, "warning")
            );
            let json = diagnostic::to_json_values(&a.diagnostics, &self.shown, &a.source);
            log.push_str(&line);
            return Step::Built {
                log,
                shown: Shown::Errors(json),
            };
        }
        match self.render_and_write(&a.model, started, early) {
            Ok((report, files, first)) => {
                log.push_str(&summary(verb, &report, warnings, first, started.elapsed()));
                Step::Built {
                    log,
                    shown: Shown::Diagrams(svgs(&files)),
                }
            }
            Err(message) => {
                let line = format!("error: {message}; kept the last good output\n");
                log.push_str(&line);
                Step::Built {
                    shown: Shown::Errors(vec![self.plain_error(&line)]),
                    log,
                }
            }
        }
    }

    /// Renders and writes the folder; when only PNGs remain to draw and each has a previous
    /// version, everything else is written first. Returns the merged report, the files and
    /// when the first stage was on disk.
    fn render_and_write(
        &mut self,
        model: &mlsd::model::Model,
        started: Instant,
        early: &mut dyn FnMut(Shown),
    ) -> Result<(WriteReport, Vec<GeneratedFile>, Option<Duration>), String> {
        let options = self.options.options_for(model);
        self.write.left_out = mlsd::build::left_out(&options);
        let staged = self
            .pngs
            .stage(model, &self.spec_name, &options)
            .map_err(|e| e.to_string())?;
        let cannot_write =
            |e: output::OutputError| format!("cannot write `{}`: {e}", self.out.display());
        let mut first = None;
        if staged.has_pending() && staged.complete {
            let report =
                output::write(&self.out, &staged.files, &self.write).map_err(cannot_write)?;
            first = Some((report, started.elapsed()));
            early(Shown::Diagrams(svgs(&staged.files)));
        }
        let files = self.pngs.finish(staged).map_err(|e| e.to_string())?;
        let report = output::write(&self.out, &files, &self.write).map_err(cannot_write)?;
        Ok(match first {
            Some((r, at)) => (merge(r, report), files, Some(at)),
            None => (report, files, None),
        })
    }

    /// An error with no position in the spec, in the shape of a JSON diagnostic.
    fn plain_error(&self, line: &str) -> serde_json::Value {
        let message = line.trim_end().trim_start_matches("error: ");
        serde_json::json!({
            "severity": "error",
            "file": self.shown,
            "message": message,
        })
    }
}

/// The SVG of each diagram, in tab order.
fn svgs(files: &[GeneratedFile]) -> Vec<(String, String)> {
    View::ALL
        .iter()
        .filter_map(|v| {
            let stem = diagram_stem(*v);
            let path = format!("diagrams/{stem}.svg");
            files.iter().find(|f| f.path == path).map(|f| {
                (
                    stem.to_string(),
                    String::from_utf8_lossy(&f.contents).into_owned(),
                )
            })
        })
        .collect()
}

/// The report of a write in two stages: what either wrote or removed.
fn merge(first: WriteReport, second: WriteReport) -> WriteReport {
    let written: BTreeSet<String> = first.written.into_iter().chain(second.written).collect();
    let mut kept_edited = second.kept_edited;
    for k in first.kept_edited {
        if !kept_edited.iter().any(|s| s.path == k.path) {
            kept_edited.push(k);
        }
    }
    kept_edited.sort_by(|a, b| a.path.cmp(&b.path));
    let set = |a: Vec<String>, b: Vec<String>| -> Vec<String> {
        a.into_iter()
            .chain(b)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    WriteReport {
        // A file the first stage merged is "unchanged" to the second (its base is current).
        unchanged: second
            .unchanged
            .into_iter()
            .filter(|p| {
                !written.contains(p)
                    && !first.merged.contains(p)
                    && !first.conflicts.iter().any(|c| &c.path == p)
            })
            .collect(),
        written: written.into_iter().collect(),
        kept_edited,
        removed: set(first.removed, second.removed),
        kept_stale: set(first.kept_stale, second.kept_stale),
        kept_left_out: first
            .kept_left_out
            .into_iter()
            .chain(second.kept_left_out)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        merged: set(first.merged, second.merged),
        // The second write finds the first one's merges done (the generation is the base).
        conflicts: {
            let mut c = first.conflicts;
            c.extend(second.conflicts);
            c.sort_by(|a, b| a.path.cmp(&b.path));
            c.dedup_by(|a, b| a.path == b.path);
            c
        },
        no_base: set(first.no_base, second.no_base),
    }
}

/// `rebuilt: 3 files written (a, b, c), 28 unchanged in 84 ms`, plus files removed or
/// kept because they were edited, and the number of warnings.
fn summary(
    verb: &str,
    r: &WriteReport,
    warnings: usize,
    first: Option<Duration>,
    total: Duration,
) -> String {
    let mut parts = Vec::new();
    if r.written.is_empty() {
        parts.push("nothing changed".to_string());
    } else {
        parts.push(format!(
            "{} written ({})",
            count(r.written.len(), "file"),
            named(&diagrams_first(&r.written))
        ));
    }
    if !r.kept_edited.is_empty() {
        let news: Vec<String> = r.kept_edited.iter().map(|k| k.new_path.clone()).collect();
        parts.push(format!(
            "{} kept (new version in {})",
            count(r.kept_edited.len(), "edited file"),
            named(&news)
        ));
    }
    if !r.merged.is_empty() {
        parts.push(format!(
            "{} merged into your edits ({})",
            count(r.merged.len(), "file"),
            named(&r.merged)
        ));
    }
    if !r.conflicts.is_empty() {
        let paths: Vec<String> = r.conflicts.iter().map(|c| c.path.clone()).collect();
        parts.push(format!(
            "{} with conflict markers to resolve ({})",
            count(paths.len(), "file"),
            named(&paths)
        ));
    }
    if !r.removed.is_empty() {
        parts.push(format!(
            "{} removed ({})",
            r.removed.len(),
            named(&r.removed)
        ));
    }
    if !r.kept_stale.is_empty() {
        parts.push(format!(
            "{} no longer generated but edited, kept ({})",
            r.kept_stale.len(),
            named(&r.kept_stale)
        ));
    }
    let mut line = format!(
        "{verb}: {}, {} unchanged in ",
        parts.join(", "),
        r.unchanged.len()
    );
    match first {
        // The PNGs came last: say when the rest was on disk, then when they were.
        Some(first) => line.push_str(&format!(
            "{} ms (PNGs by {} ms)",
            first.as_millis(),
            total.as_millis()
        )),
        None => line.push_str(&format!("{} ms", total.as_millis())),
    }
    if warnings > 0 {
        line.push_str(&format!(" ({})", count(warnings, "warning")));
    }
    line.push('\n');
    line
}

/// Diagrams (SVG, then PNG) before the other files: what a user looks for first.
fn diagrams_first(paths: &[String]) -> Vec<String> {
    let mut paths = paths.to_vec();
    paths.sort_by_key(|p| {
        let rank = match (p.starts_with("diagrams/"), p.ends_with(".svg")) {
            (true, true) => 0,
            (true, false) => 1,
            _ => 2,
        };
        (rank, p.clone())
    });
    paths
}

/// The first few names, then how many more.
fn named(paths: &[String]) -> String {
    let mut shown: Vec<&str> = paths.iter().take(NAMED).map(String::as_str).collect();
    let more = paths.len().saturating_sub(NAMED);
    let more_text = format!("and {more} more");
    if more > 0 {
        shown.push(&more_text);
    }
    shown.join(", ")
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_a_few_files_then_counts() {
        let r = WriteReport {
            written: (1..=6).map(|i| format!("f{i}")).collect(),
            unchanged: vec!["x".into()],
            ..WriteReport::default()
        };
        let line = summary("rebuilt", &r, 2, None, Duration::from_millis(84));
        assert!(
            line.starts_with(
                "rebuilt: 6 files written (f1, f2, f3, f4, and 2 more), 1 unchanged in "
            ),
            "{line}"
        );
        assert!(line.ends_with(" ms (2 warnings)\n"), "{line}");
    }

    #[test]
    fn a_two_stage_write_reports_what_either_stage_wrote() {
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let first = WriteReport {
            written: v(&["diagrams/a.svg", "docs.md"]),
            unchanged: v(&["diagrams/a.png", "x.md"]),
            removed: v(&["old.md"]),
            ..WriteReport::default()
        };
        let second = WriteReport {
            written: v(&["diagrams/a.png"]),
            unchanged: v(&["diagrams/a.svg", "docs.md", "x.md"]),
            ..WriteReport::default()
        };
        let m = merge(first, second);
        assert_eq!(
            m.written,
            v(&["diagrams/a.png", "diagrams/a.svg", "docs.md"])
        );
        assert_eq!(m.unchanged, v(&["x.md"]));
        assert_eq!(m.removed, v(&["old.md"]));
        assert_eq!(
            diagrams_first(&m.written),
            v(&["diagrams/a.svg", "diagrams/a.png", "docs.md"])
        );
    }

    #[test]
    fn a_merge_in_the_first_stage_stays_a_merge_and_is_said() {
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let conflict = output::Conflict {
            path: "c.py".into(),
            lines: vec![(3, 9)],
        };
        let first = WriteReport {
            merged: v(&["m.py"]),
            conflicts: vec![conflict.clone()],
            ..WriteReport::default()
        };
        let second = WriteReport {
            unchanged: v(&["c.py", "m.py", "x.md"]),
            ..WriteReport::default()
        };
        let m = merge(first, second);
        assert_eq!(m.merged, v(&["m.py"]));
        assert_eq!(m.conflicts, [conflict]);
        assert_eq!(m.unchanged, v(&["x.md"]));
        let line = summary("rebuilt", &m, 0, None, Duration::from_millis(84));
        assert!(
            line.contains("1 file merged into your edits (m.py)")
                && line.contains("1 file with conflict markers to resolve (c.py)"),
            "{line}"
        );
    }

    #[test]
    fn summary_of_a_build_that_changed_nothing() {
        let r = WriteReport {
            unchanged: vec!["a".into(), "b".into()],
            ..WriteReport::default()
        };
        let line = summary("rebuilt", &r, 0, None, Duration::from_millis(84));
        assert!(
            line.starts_with("rebuilt: nothing changed, 2 unchanged in "),
            "{line}"
        );
    }
}
