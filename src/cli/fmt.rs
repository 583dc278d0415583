//! `mlsd fmt [FILE...] [--check]`: spec files -> canonical layout, rewritten atomically or
//! (with `--check`) only compared. A folder (or no FILE: the current folder) means every
//! `.mlsd` below it; `-` reads stdin and writes stdout.

use std::io::Read;
use std::path::PathBuf;

use super::{EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, FmtArgs, stdout_or_trouble, use_color};
use mlsd::diagnostic;

pub fn run(args: &FmtArgs) -> u8 {
    if args.files.len() == 1 && args.files[0].as_os_str() == "-" {
        return stdin(args.check);
    }
    let roots = if args.files.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.files.clone()
    };
    let files = match super::inputs::expand(&roots) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_TROUBLE;
        }
    };
    if files.is_empty() {
        eprintln!("error: {}", super::inputs::none_found(&roots));
        return EXIT_TROUBLE;
    }
    let (mut changed, mut errors, mut trouble) = (Vec::new(), false, false);
    for path in &files {
        let name = path.display().to_string();
        let bytes = match super::inputs::read_spec(path) {
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
            if stdout_or_trouble(format!("{name}\n").as_bytes()) != EXIT_OK {
                trouble = true;
            }
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

/// `mlsd fmt -`: stdin -> stdout (for editors). With `--check`, prints nothing and exits 1
/// when the text is not formatted.
fn stdin(check: bool) -> u8 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("error: cannot read stdin: {e}");
        return EXIT_TROUBLE;
    }
    let (source, result) = mlsd::fmt::format_bytes(&bytes);
    match result {
        Ok(formatted) if check => {
            if formatted.as_bytes() == bytes.as_slice() {
                EXIT_OK
            } else {
                eprintln!("error: stdin is not formatted");
                EXIT_ERRORS
            }
        }
        Ok(formatted) => stdout_or_trouble(formatted.as_bytes()),
        Err(diags) => {
            eprint!(
                "{}",
                diagnostic::render(&diags, "<stdin>", &source, use_color())
            );
            eprintln!("error: stdin has syntax errors; it was not formatted");
            EXIT_ERRORS
        }
    }
}
