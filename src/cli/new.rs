//! `mlsd new NAME`: NAME -> `NAME.mlsd`, a starter spec (`mlsd::new`) that checks clean.
//! Never overwrites a file.

use std::io::Write;
use std::path::PathBuf;

use super::{EXIT_OK, EXIT_TROUBLE, NewArgs};

pub fn run(args: &NewArgs) -> u8 {
    let raw = args.name.trim();
    let path = if raw.ends_with(".mlsd") {
        PathBuf::from(raw)
    } else {
        PathBuf::from(format!("{raw}.mlsd"))
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem.is_empty() || stem.starts_with('.') {
        eprintln!("error: `{raw}` is not a usable spec name; try `mlsd new feed_ranking`");
        return EXIT_TROUBLE;
    }
    let text = mlsd::new::spec(&stem);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let name = path.display();
    match file.and_then(|mut f| f.write_all(text.as_bytes())) {
        Ok(()) => {
            eprintln!(
                "wrote {name}; check it with `mlsd check {name}`, build it with `mlsd build {name}`"
            );
            EXIT_OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: `{name}` already exists; it was left unchanged (choose another name)"
            );
            EXIT_TROUBLE
        }
        Err(e) => {
            eprintln!("error: cannot write `{name}`: {e}");
            EXIT_TROUBLE
        }
    }
}
