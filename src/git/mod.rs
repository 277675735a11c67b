//! git: opening the workspace's repository, naming commits, walking them, comparing
//! their trees and reading a commit's files. Everything docket reads from git goes
//! through here.

pub mod snapshot;
pub mod trees;

use std::path::Path;

pub use git2::Oid;
use git2::Repository;

use crate::error::Error;

/// One commit, as a message names it.
#[derive(Clone, Debug)]
pub struct Commit {
    pub id: Oid,
    pub author: String,
    pub email: String,
    /// Seconds since the epoch.
    pub time: i64,
    pub subject: String,
}

impl Commit {
    /// The commit as messages name it: its author, author date and subject.
    pub fn of(commit: &git2::Commit) -> Commit {
        let author = commit.author();
        Commit {
            id: commit.id(),
            author: author.name().unwrap_or("").to_string(),
            email: author.email().unwrap_or("").to_string(),
            time: author.when().seconds(),
            subject: commit.summary().ok().flatten().unwrap_or("").to_string(),
        }
    }

    pub fn short_id(&self) -> String {
        let mut id = self.id.to_string();
        id.truncate(7);
        id
    }
}

/// Why there is no history to read.
#[derive(Debug)]
pub enum NoHistory {
    /// The command does not need history, so it was not read (`check` reads it; `report` and `build` need not).
    NotRead,
    /// The workspace folder is not the top of a git repository.
    NotARepository,
    /// The repository could not be read.
    Broken(String),
}

/// The commits from `old` (exclusive) to `head`, oldest first, if they are a chain: each
/// has one parent, the commit before it. `None` otherwise (a merge, or `old` is not an
/// ancestor of `head`).
pub fn chain(repo: &Repository, old: Oid, head: Oid) -> Result<Option<Vec<Oid>>, git2::Error> {
    let mut new = Vec::new();
    let mut at = head;
    while at != old {
        let commit = match repo.find_commit(at) {
            Ok(c) => c,
            // The cached commit may be gone (a rewritten history, garbage-collected).
            Err(_) => return Ok(None),
        };
        if commit.parent_count() != 1 {
            return Ok(None);
        }
        new.push(at);
        at = commit.parent_id(0)?;
    }
    new.reverse();
    Ok(Some(new))
}

pub fn open(root: &Path) -> Result<Repository, NoHistory> {
    // docket only reads, and reads every commit once: checking each object's SHA-1
    // again on the way in cost about a tenth of the history pass (git itself does not
    // by default either).
    git2::opts::strict_hash_verification(false);
    let repo = Repository::open(root).map_err(|e| {
        // A `.git` that cannot be opened (not owned by this user, damaged) is worth saying.
        if root.join(".git").exists() {
            NoHistory::Broken(e.message().to_string())
        } else {
            NoHistory::NotARepository
        }
    })?;
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    match repo.workdir() {
        Some(w) if same(w, root) => Ok(repo),
        _ => Err(NoHistory::NotARepository),
    }
}

/// The commit `rev` names (an id, a tag, a branch, `HEAD~3`...).
pub fn resolve(repo: &Repository, rev: &str) -> Result<Oid, Error> {
    repo.revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map(|c| c.id())
        .map_err(|_| Error::Revision(rev.to_string()))
}
