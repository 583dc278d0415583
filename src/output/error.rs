//! What can go wrong between generated files and the output folder -> one error type with
//! messages that name the path and say what to do.

use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum OutputError {
    /// A generated path that would escape the output folder or clash with the manifest.
    InvalidPath { path: String, reason: &'static str },
    /// A folder that mlsd must write into is read-only; nothing was changed.
    NotWritable {
        dir: PathBuf,
        source: Option<io::Error>,
    },
    /// A symbolic link inside the output folder on the way to a file mlsd writes.
    Symlink { link: PathBuf },
    /// Failed after some files were replaced: the manifest lists old and new versions, so the
    /// next build recognises every file as mlsd's.
    Partial { source: Box<OutputError> },
    /// Reading or writing failed.
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::InvalidPath { path, reason } => {
                write!(f, "cannot write generated file `{path}`: {reason}")
            }
            OutputError::NotWritable { dir, source } => {
                write!(f, "cannot write into `{}`: ", dir.display())?;
                match source {
                    Some(e) => write!(f, "{e}")?,
                    None => write!(f, "the folder is read-only")?,
                }
                write!(
                    f,
                    "; nothing was written\nhelp: make it writable, or build into another folder with `--out`"
                )
            }
            OutputError::Symlink { link } => write!(
                f,
                "`{}` is a symbolic link inside the output folder, and mlsd does not write \
                 through links\nhelp: remove the link, or pass \
                 `--follow-symlinks` to write where it points",
                link.display()
            ),
            OutputError::Partial { source } => write!(
                f,
                "{source}; some files were already replaced, and the manifest lists them, so \
                 the next build recognises them\nhelp: fix the cause and build again"
            ),
            OutputError::Io {
                path,
                action,
                source,
            } => {
                write!(f, "cannot {action} `{}`: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::NotWritable {
                source: Some(e), ..
            }
            | OutputError::Io { source: e, .. } => Some(e),
            OutputError::Partial { source } => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl OutputError {
    /// Whether the output folder is as it was before the failed write.
    pub fn changed_nothing(&self) -> bool {
        !matches!(self, OutputError::Partial { .. })
    }

    pub(crate) fn io(path: impl Into<PathBuf>, action: &'static str, source: io::Error) -> Self {
        OutputError::Io {
            path: path.into(),
            action,
            source,
        }
    }
}
