//! `mlsd fmt [FILE...] [--check]`: spec files -> canonical layout, rewritten atomically or
//! (with `--check`) only compared. With no FILE, every `.mlsd` below the current folder.

use std::path::{Path, PathBuf};

use super::{EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, FmtArgs, use_color};
use mlsd::diagnostic;

pub fn run(args: &FmtArgs) -> u8 {
    let files = if args.files.is_empty() {
        let mut found = Vec::new();
        if let Err(e) = find_specs(Path::new("."), &mut found) {
            eprintln!("error: cannot list the current folder: {e}");
            return EXIT_TROUBLE;
        }
        found.sort();
        if found.is_empty() {
            eprintln!("no .mlsd files below the current folder");
        }
        found
    } else {
        args.files.clone()
    };
    let (mut changed, mut errors, mut trouble) = (Vec::new(), false, false);
    for path in &files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: cannot read `{name}`: {e}");
                trouble = true;
                continue;
            }
        };
        let (source, result) = mlsd::fmt::format_bytes(&bytes);
        let formatted = match result {
            Ok(f) => f,
            Err(diags) => {
                eprint!(
                    "{}",
                    diagnostic::render(&diags, &name, &source, use_color())
                );
                eprintln!("error: `{name}` has syntax errors; it was not formatted");
                errors = true;
                continue;
            }
        };
        if formatted.as_bytes() == bytes.as_slice() {
            continue;
        }
        if args.check {
            println!("{name}");
            changed.push(name);
        } else if let Err(e) = mlsd::output::write_atomic(path, formatted.as_bytes()) {
            eprintln!("error: cannot write `{name}`: {e}");
            trouble = true;
        } else {
            eprintln!("formatted {name}");
            changed.push(name);
        }
    }
    if args.check && !changed.is_empty() {
        eprintln!(
            "error: {} not formatted; run `mlsd fmt` to fix",
            super::check::plural(changed.len(), "file")
        );
    }
    if trouble {
        EXIT_TROUBLE
    } else if errors || (args.check && !changed.is_empty()) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// Every `.mlsd` file below `dir`, skipping hidden folders and `target`.
fn find_specs(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                find_specs(&path, out)?;
            }
        } else if kind.is_file() && name.ends_with(".mlsd") {
            out.push(
                path.strip_prefix("./")
                    .map(Path::to_path_buf)
                    .unwrap_or(path),
            );
        }
    }
    Ok(())
}
