//! Command-line inputs -> spec files: files as given, folders replaced by every `.mlsd` below
//! them (hidden folders, `target` and `node_modules` skipped), each folder's finds sorted, and
//! each spec once (by canonical path: `x.mlsd ./x.mlsd` is one spec, built by one writer).

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The largest spec read (64 MiB): far above any design, far below what hurts a machine.
pub const MAX_SPEC_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes of the spec at `path`: only a regular file (a device such as `/dev/zero` would
/// never end, a FIFO with no writer would block forever), at most [`MAX_SPEC_BYTES`]. The
/// error is the reason, to follow "cannot read `NAME`: ".
pub fn read_spec(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a device, FIFO or socket)"
        };
        return Err(format!("it is {kind}\nhelp: name a `.mlsd` file"));
    }
    let too_big = || {
        format!(
            "it is larger than {} MiB, the most mlsd reads\nhelp: a spec is text of a few \
             kilobytes; check that this is the right file",
            MAX_SPEC_BYTES >> 20
        )
    };
    if meta.len() > MAX_SPEC_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SPEC_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// The error for inputs that name no spec: `no `.mlsd` files found in `a`, `b``.
pub fn none_found(inputs: &[PathBuf]) -> String {
    let names: Vec<String> = inputs
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect();
    format!(
        "no `.mlsd` files found in {}\nhelp: name a spec file, or a folder that holds one",
        names.join(", ")
    )
}

/// The spec files named by `inputs`; the error says which folder could not be listed.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            find_specs(input, &mut found)
                .map_err(|e| format!("cannot list `{}`: {e}", input.display()))?;
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    Ok(out)
}

/// Every `.mlsd` file below `dir`.
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
