//! docket itself failing, as opposed to problems in the records (which are
//! diagnostics): one type, and one mapping to the exit code.

use std::path::{Path, PathBuf};

/// docket itself failing, as opposed to problems in the records (which are
/// diagnostics). Every command returns one of these or its exit code; [`Error::code`]
/// is the one mapping from a failure to an exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line asks for something that cannot be done as asked.
    #[error("{0}")]
    Usage(String),
    #[error("{0} is not a docket workspace: it has no docket.yaml")]
    NotWorkspace(PathBuf),
    #[error("{0} is not inside a docket workspace: no docket.yaml in its folder or above")]
    NoWorkspaceAbove(PathBuf),
    #[error("no rule has the code or name `{0}` (`docket explain --list` shows them all)")]
    UnknownRule(String),
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
    /// git failed to read the repository.
    #[error("git: {0}")]
    Git(String),
    /// A revision (`--at`, `--since`, `--until`) names no commit.
    #[error("no such commit `{0}` in this repository")]
    Revision(String),
    /// A template (docket's own, or the workspace's `templates/`) does not compile or
    /// does not render.
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    /// The leak scan refused output meant for a client: what each refused output would
    /// have contained, and what this means for the user's files.
    #[error("{}; {meaning}", refused.join("; "))]
    Leak {
        refused: Vec<String>,
        meaning: String,
    },
    /// An error and what it means for the user's files ("the site is unchanged").
    #[error("{source}; {meaning}")]
    Meaning { source: Box<Error>, meaning: String },
    /// An error about one option or argument: `--at HEAD~9: no such commit ...`.
    #[error("{context}: {source}")]
    Context { context: String, source: Box<Error> },
}

impl Error {
    /// The exit code docket ends with: 2 for every failure of docket itself (1 is for
    /// problems found in the records, 0 for none).
    pub fn code(&self) -> i32 {
        match self {
            Error::Usage(_)
            | Error::NotWorkspace(_)
            | Error::NoWorkspaceAbove(_)
            | Error::UnknownRule(_)
            | Error::Io { .. }
            | Error::Write { .. }
            | Error::Git(_)
            | Error::Revision(_)
            | Error::Template { .. }
            | Error::Leak { .. } => 2,
            Error::Meaning { source, .. } | Error::Context { source, .. } => source.code(),
        }
    }

    /// Says which option or argument the error is about: `.map_err(Error::context("--at"))`.
    pub fn context(context: impl Into<String>) -> impl FnOnce(Error) -> Error {
        move |source| Error::Context {
            context: context.into(),
            source: Box::new(source),
        }
    }

    /// A git failure.
    pub fn git(e: impl std::fmt::Display) -> Error {
        Error::Git(e.to_string())
    }

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
