//! docket itself failing, as opposed to problems in the records (which are
//! diagnostics): one type, and one mapping to the exit code.

use std::path::{Path, PathBuf};

/// docket itself failing (as opposed to problems in the records, which are diagnostics).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0} is not a docket workspace: it has no docket.yaml")]
    NotWorkspace(PathBuf),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An error and what it means for the user's files ("the site is unchanged").
    #[error("{source}; {meaning}")]
    Meaning { source: Box<Error>, meaning: String },
    #[error("{0} is not inside a docket workspace: no docket.yaml in its folder or above")]
    NoWorkspaceAbove(PathBuf),
    #[error("{0}")]
    Usage(String),
    #[error("no rule has the code or name `{0}` (`docket explain --list` shows them all)")]
    UnknownRule(String),
}

impl Error {
    /// Turns a failed write of `path` into an [`Error::Write`]: `.map_err(Error::write(&path))`.
    pub fn write(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
        move |source| Error::Write {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Adds what the error means for the user's files.
    pub fn meaning(self, meaning: impl Into<String>) -> Error {
        Error::Meaning {
            source: Box::new(self),
            meaning: meaning.into(),
        }
    }

    /// Turns an I/O error about `path` into an [`Error::Io`]: `.map_err(Error::io(&path))`.
    pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
        move |source| Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
