//! Command-line inputs -> spec files: files as given, folders replaced by every `.mlsd` below
//! them (hidden folders, `target` and `node_modules` skipped), each folder's finds sorted, and
//! each spec once (by canonical path: `x.mlsd ./x.mlsd` is one spec, built by one writer).

use std::path::{Path, PathBuf};

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
