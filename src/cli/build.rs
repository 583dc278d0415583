//! `mlsd build FILE [-o DIR]`: check the spec, render the design folder, write it.

use std::path::{Path, PathBuf};

use super::{BuildArgs, EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, use_color};
use mlsd::build::{BuildOptions, render_all};
use mlsd::codegen::StubOptions;
use mlsd::diagnostic;
use mlsd::layout::{Engine, LayoutOptions};
use mlsd::model::Theme;

pub fn run(args: &BuildArgs) -> u8 {
    let options = match options(args) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_TROUBLE;
        }
    };
    let path = &args.file;
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read `{name}`: {e}");
            return EXIT_TROUBLE;
        }
    };
    let analysis = mlsd::analyze(&bytes);
    eprint!(
        "{}",
        diagnostic::render(&analysis.diagnostics, &name, &analysis.source, use_color())
    );
    if analysis.has_errors() {
        eprintln!("error: `{name}` has errors; nothing was written");
        return EXIT_ERRORS;
    }
    if args.deny_warnings && analysis.warning_count() > 0 {
        eprintln!("error: `{name}` has warnings and --deny-warnings is set; nothing was written");
        return EXIT_ERRORS;
    }
    let spec_name = path
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    let files = match render_all(&analysis.model, &spec_name, &options) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_TROUBLE;
        }
    };
    let out = args.out.clone().unwrap_or_else(|| default_out(path));
    match mlsd::output::write_all(&out, &files) {
        Ok(()) => {
            eprintln!("wrote {} files to {}", files.len(), out.display());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: cannot write to `{}`: {e}", out.display());
            EXIT_TROUBLE
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

fn options(args: &BuildArgs) -> Result<BuildOptions, String> {
    let mut o = BuildOptions {
        svg: false,
        png: false,
        ..BuildOptions::default()
    };
    for f in args
        .format
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        match f {
            "svg" => o.svg = true,
            "png" => o.png = true,
            other => {
                return Err(format!(
                    "unknown diagram format `{other}`; use `svg`, `png` or `svg,png`"
                ));
            }
        }
    }
    let mut stubs = StubOptions {
        python: false,
        rust: false,
    };
    for s in args
        .stubs
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        match s {
            "python" => stubs.python = true,
            "rust" => stubs.rust = true,
            "none" => {}
            other => {
                return Err(format!(
                    "unknown stub language `{other}`; use `python`, `rust`, `python,rust` or `none`"
                ));
            }
        }
    }
    o.stubs = stubs;
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
