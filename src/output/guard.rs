//! A path inside the output folder -> whether mlsd may write or remove it: no symbolic link on
//! the way from the output folder to the file (links are followed only when the user asked for
//! it, and never for a removal), and temporary files created exclusively under unpredictable
//! names, so a link planted at a temporary name is never followed.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::OutputError;

/// The marker in the names of mlsd's temporary files: `.NAME.mlsd-tmp-PID-RANDOM`.
pub(super) const TEMP_MARKER: &str = ".mlsd-tmp-";

/// Bytes of a file name kept in its temporary's name, so the temporary's name is never much
/// longer than the file's.
const TEMP_NAME_BYTES: usize = 48;

/// Refuses `out_dir/rel` when a component below `out_dir` (the file itself included) is a
/// symbolic link, unless `follow`. Components that do not exist yet are fine.
pub(super) fn no_links(out_dir: &Path, rel: &str, follow: bool) -> Result<(), OutputError> {
    let mut path = out_dir.to_path_buf();
    for part in rel.split('/') {
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(OutputError::io(&path, "inspect", e)),
            Ok(m) if m.file_type().is_symlink() && !follow => {
                return Err(OutputError::Symlink { link: path });
            }
            Ok(_) => {}
        }
    }
    Ok(())
}

/// A new temporary file in `dir` for the file `name`, created with `O_EXCL` (a link or file
/// already at the name makes creation fail and another random name is tried). It gets the mode
/// a plain `File::create` would (0666 less the umask), not the temporary's usual 0600: it is
/// renamed into place as the generated file, which others (a web server, a teammate) read.
pub(super) fn temp_file(dir: &Path, name: &str) -> io::Result<NamedTempFile> {
    let mut cut = name.len().min(TEMP_NAME_BYTES);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder
        .prefix(&format!(
            ".{}{TEMP_MARKER}{}-",
            &name[..cut],
            std::process::id()
        ))
        .rand_bytes(12)
        .tempfile_in(dir)
}

/// The process id in a temporary file's name, when the name is one of mlsd's.
pub(super) fn temp_owner(name: &str) -> Option<&str> {
    if !name.starts_with('.') {
        return None;
    }
    let (_, rest) = name.rsplit_once(TEMP_MARKER)?;
    let pid = rest.split_once('-').map_or(rest, |(pid, _)| pid);
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then_some(pid)
}

/// Holds an exclusive lock on the output folder while a build writes it, so two builds into
/// one folder (two mlsd processes, or one spec named twice) take turns.
pub(super) struct FolderLock(#[allow(dead_code)] Option<File>);

impl FolderLock {
    /// Locks `dir` when it exists and can be opened; otherwise nothing (the lock is advisory).
    pub(super) fn take(dir: &Path) -> FolderLock {
        let file = File::open(dir).ok().filter(|f| f.lock().is_ok());
        FolderLock(file)
    }
}

/// Creates the missing folders of `dir` one by one, returning those it created (outermost
/// first) so a failed build can take them away again.
pub(super) fn create_dirs(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut d = dir;
    while std::fs::symlink_metadata(d).is_err() {
        missing.push(d.to_path_buf());
        match d.parent() {
            Some(p) if !p.as_os_str().is_empty() => d = p,
            _ => break,
        }
    }
    missing.reverse();
    let mut created = Vec::new();
    for m in missing {
        match std::fs::create_dir(&m) {
            Ok(()) => created.push(m),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && m.is_dir() => {}
            Err(e) => {
                remove_dirs(&created);
                return Err(e);
            }
        }
    }
    Ok(created)
}

/// Removes folders made by [`create_dirs`] (innermost first) when they are empty.
pub(super) fn remove_dirs(created: &[PathBuf]) {
    for d in created.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_carry_the_pid_and_are_recognised() {
        let dir = tempfile::tempdir().expect("dir");
        let a = temp_file(dir.path(), "x.md").expect("temp");
        let b = temp_file(dir.path(), "x.md").expect("temp");
        assert_ne!(a.path(), b.path(), "unpredictable, distinct names");
        let name = a.path().file_name().expect("name").to_string_lossy();
        assert_eq!(
            temp_owner(&name),
            Some(std::process::id().to_string().as_str())
        );
        assert_eq!(temp_owner(".x.md.mlsd-tmp-12"), Some("12"));
        assert_eq!(temp_owner("x.md.mlsd-tmp-12"), None);
        assert_eq!(temp_owner(".x.mlsd-tmp-abc"), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = a.as_file().metadata().expect("meta").permissions().mode();
            assert_eq!(mode & 0o600, 0o600, "owner reads and writes");
            // 0666 less the umask, which cannot be read without changing it: a file made with
            // `File::create` has exactly that mode.
            let plain = dir.path().join("plain");
            File::create(&plain).expect("create");
            let plain_mode = plain.metadata().expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, plain_mode & 0o777, "the mode of a plain file");
        }
        let long = "n".repeat(250);
        let t = temp_file(dir.path(), &long).expect("a long name still gets a temporary");
        assert!(t.path().file_name().expect("name").len() < 100);
    }
}
