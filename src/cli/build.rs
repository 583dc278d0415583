//! `mlsd build SPEC|DIR... [-o DIR] [--check] [--force]`: check each spec, render its design
//! folder in memory, then write it (or, with `--check`, compare it with what is on disk).
//! Several specs build in parallel; one bad spec fails the run without stopping the others.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use super::{BuildArgs, BuildOptionArgs, EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, use_color};
use mlsd::build::{Overrides, build_spec};
use mlsd::diagnostic;
use mlsd::layout::{Engine, LayoutOptions};
use mlsd::model::{DiagramFormat, Theme};
use mlsd::output::{self, WriteOptions};

/// How one spec went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ok,
    /// Errors in the spec, warnings denied, `--check` found differences, or a merge left
    /// conflict markers.
    Failed,
    /// Could not read the spec or write its folder.
    Trouble,
}

pub fn run(args: &BuildArgs) -> u8 {
    let options = match options(&args.options) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_TROUBLE;
        }
    };
    let specs = match super::inputs::expand(&args.inputs) {
        Ok(s) if s.is_empty() => {
            eprintln!("error: {}", super::inputs::none_found(&args.inputs));
            return EXIT_TROUBLE;
        }
        Ok(s) => s,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_TROUBLE;
        }
    };
    if args.out.is_some() && specs.len() > 1 {
        eprintln!(
            "error: `-o` names the folder of one spec, but {} specs were given",
            specs.len()
        );
        eprintln!(
            "help: leave out `-o`: each spec then builds into a folder named after it, beside it"
        );
        return EXIT_TROUBLE;
    }
    let started = Instant::now();
    let outcomes = build_many(&specs, args, &options);
    let failed = outcomes.iter().filter(|o| **o == Outcome::Failed).count();
    let trouble = outcomes.iter().filter(|o| **o == Outcome::Trouble).count();
    if specs.len() > 1 {
        let verb = if args.check { "checked" } else { "built" };
        eprintln!(
            "{verb} {} specs in {:.1}s: {} ok, {failed} failed, {trouble} could not be read or written",
            specs.len(),
            started.elapsed().as_secs_f64(),
            specs.len() - failed - trouble
        );
    }
    if trouble > 0 {
        EXIT_TROUBLE
    } else if failed > 0 {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// Builds every spec on all cores; each spec's messages are printed together, in order.
fn build_many(specs: &[PathBuf], args: &BuildArgs, options: &Overrides) -> Vec<Outcome> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(specs.len());
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<(Outcome, String)>>> = Mutex::new(vec![None; specs.len()]);
    let printed = Mutex::new(0usize);
    let progress = specs.len() > 3 && std::io::stderr().is_terminal();
    std::thread::scope(|s| {
        for _ in 0..workers {
            // The stages recurse once per level of group nesting: room for the deepest
            // nesting `check` accepts (only reserved; used as deep as the spec goes).
            let worker = std::thread::Builder::new().stack_size(mlsd::layout::DEEP_STACK);
            let spawned = worker.spawn_scoped(s, || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(spec) = specs.get(i) else { break };
                    let result = build_one(spec, args, options);
                    results.lock().expect("results lock")[i] = Some(result);
                    let finished = done.fetch_add(1, Ordering::SeqCst) + 1;
                    flush_in_order(&results, &printed, progress);
                    if progress {
                        eprint!("\r[{finished}/{}] {}\x1b[K", specs.len(), spec.display());
                        let _ = std::io::stderr().flush();
                    }
                }
            });
            if let Err(e) = spawned {
                eprintln!("error: cannot start a build thread: {e}");
            }
        }
    });
    if progress {
        eprint!("\r\x1b[K");
    }
    flush_in_order(&results, &printed, false);
    results
        .into_inner()
        .expect("results lock")
        .into_iter()
        .map(|r| r.map_or(Outcome::Trouble, |(o, _)| o))
        .collect()
}

/// Prints the messages of the specs finished so far, in input order.
fn flush_in_order(
    results: &Mutex<Vec<Option<(Outcome, String)>>>,
    printed: &Mutex<usize>,
    progress: bool,
) {
    let results = results.lock().expect("results lock");
    let mut printed = printed.lock().expect("printed lock");
    while let Some(Some((_, text))) = results.get(*printed) {
        if progress {
            eprint!("\r\x1b[K");
        }
        eprint!("{text}");
        *printed += 1;
    }
}

/// Builds (or checks) one spec; returns its outcome and everything to print about it.
fn build_one(path: &Path, args: &BuildArgs, options: &Overrides) -> (Outcome, String) {
    let name = path.display().to_string();
    let mut log = String::new();
    let started = Instant::now();
    let bytes = match super::inputs::read_spec(path) {
        Ok(b) => b,
        Err(e) => {
            return (
                Outcome::Trouble,
                format!("error: cannot read `{name}`: {e}\n"),
            );
        }
    };
    let spec_name = path
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    // PNGs whose SVG comes out unchanged are taken from the last build instead of redrawn.
    let out = args.out.clone().unwrap_or_else(|| default_out(path));
    let previous_pngs = mlsd::render::PngReuse::load(&out);
    let merged = build_spec(&bytes, &spec_name, options, previous_pngs);
    let build = merged.build;
    let a = &build.analysis;
    log.push_str(&diagnostic::render(
        &a.diagnostics,
        &name,
        &a.source,
        use_color(),
    ));
    let files = match build.files {
        None => {
            log.push_str(&format!(
                "error: `{name}` has errors; nothing was written\n"
            ));
            return (Outcome::Failed, log);
        }
        Some(Err(e)) => {
            log.push_str(&format!("error: `{name}`: {e}\n"));
            return (Outcome::Trouble, log);
        }
        Some(Ok(files)) => files,
    };
    if args.options.deny_warnings && a.warning_count() > 0 {
        log.push_str(&format!(
            "error: `{name}` has warnings and --deny-warnings is set; nothing was written\n"
        ));
        return (Outcome::Failed, log);
    }
    let write_options = WriteOptions {
        force: args.options.force,
        follow_symlinks: args.options.follow_symlinks,
        prune: args.options.prune,
        left_out: mlsd::build::left_out(&merged.options),
    };
    if args.check {
        return match output::check(&out, &files, &write_options) {
            Ok(report) if report.is_clean() => {
                log.push_str(&format!(
                    "ok: {} is up to date with {name}\n",
                    out.display()
                ));
                (Outcome::Ok, log)
            }
            Ok(report) => {
                log.push_str(&format!(
                    "error: {} is out of date with {name}:\n{report}",
                    out.display()
                ));
                // The same options, or the build would make (or keep) another set of files.
                log.push_str(&format!(
                    "help: run this command again without `--check` to rebuild {name}, and commit the result\n"
                ));
                (Outcome::Failed, log)
            }
            Err(e) => {
                log.push_str(&format!("error: cannot read `{}`: {e}\n", out.display()));
                (Outcome::Trouble, log)
            }
        };
    }
    match output::write(&out, &files, &write_options) {
        Ok(report) => {
            log.push_str(&format!("{report}"));
            if !log.ends_with('\n') && !log.is_empty() {
                log.push('\n');
            }
            log.push_str(&format!(
                "built {name} -> {} ({} files, {} ms)\n",
                out.display(),
                files.len(),
                started.elapsed().as_millis()
            ));
            // Written, but a file holds conflict markers: not done until they are resolved.
            if report.has_conflicts() {
                (Outcome::Failed, log)
            } else {
                (Outcome::Ok, log)
            }
        }
        Err(e) => {
            log.push_str(&format!("error: cannot write `{}`: {e}\n", out.display()));
            if e.changed_nothing() {
                log.push_str("nothing was changed\n");
            }
            (Outcome::Trouble, log)
        }
    }
}

/// A folder named after the spec's file stem, beside the spec.
pub fn default_out(spec: &Path) -> PathBuf {
    let stem = spec
        .file_stem()
        .map_or_else(|| "design".into(), |s| s.to_string_lossy().into_owned());
    spec.parent().unwrap_or(Path::new(".")).join(stem)
}

/// The flags of one run, as overrides of the spec's `output` section: a flag that was not
/// given overrides nothing.
pub fn options(args: &BuildOptionArgs) -> Result<Overrides, String> {
    let mut o = Overrides::default();
    if let Some(format) = &args.format {
        let mut formats = Vec::new();
        for f in format.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            let parsed = DiagramFormat::parse(f).ok_or_else(|| {
                format!("unknown diagram format `{f}`; use `svg`, `png` or `svg,png`")
            })?;
            formats.push(parsed);
        }
        o.formats = Some(formats);
    }
    if let Some(stubs) = &args.stubs {
        o.stubs = Some(stubs.parse()?);
    }
    if args.site {
        o.site = Some(true);
    }
    o.theme = match args.theme.as_deref() {
        None => None,
        Some(t) => Some(
            Theme::parse(t).ok_or_else(|| format!("unknown theme `{t}`; use `light` or `dark`"))?,
        ),
    };
    let engine = Engine::parse(&args.layout).ok_or_else(|| {
        format!(
            "unknown layout engine `{}`; use `elk` or `layout-rs`",
            args.layout
        )
    })?;
    o.layout = LayoutOptions {
        engine,
        ..LayoutOptions::default()
    };
    Ok(o)
}
