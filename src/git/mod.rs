//! git: opening the workspace's repository, naming commits, walking them, comparing
//! their trees and reading a commit's files. Everything docket reads from git goes
//! through here.

pub(crate) mod snapshot;
pub(crate) mod trees;

use std::path::Path;

pub(crate) use git2::Oid;
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
pub(crate) fn chain(
    repo: &Repository,
    old: Oid,
    head: Oid,
) -> Result<Option<Vec<Oid>>, git2::Error> {
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

pub(crate) fn open(root: &Path) -> Result<Repository, NoHistory> {
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
pub(crate) fn resolve(repo: &Repository, rev: &str) -> Result<Oid, Error> {
    repo.revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map(|c| c.id())
        .map_err(|_| Error::Revision(rev.to_string()))
}

/// A git failure, in git's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitError(pub String);

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<git2::Error> for GitError {
    fn from(e: git2::Error) -> GitError {
        GitError(e.message().to_string())
    }
}

impl From<GitError> for Error {
    fn from(e: GitError) -> Error {
        Error::Git(e.0)
    }
}

/// One commit as a walk reads it: as messages name it, its tree, its parents and its
/// committer date.
#[derive(Clone, Debug)]
pub(crate) struct Walked {
    pub commit: Commit,
    pub tree: Oid,
    /// The first parent's tree (`None` for a root commit).
    pub parent_tree: Option<Oid>,
    pub parents: usize,
    /// Committer date, seconds since the epoch.
    pub committed: i64,
}

/// The workspace's repository, opened for reading.
pub(crate) struct Repo {
    repo: Repository,
}

impl Repo {
    /// The repository whose working tree is `root` (see [`open`]).
    pub(crate) fn open(root: &Path) -> Result<Repo, NoHistory> {
        open(root).map(|repo| Repo { repo })
    }

    /// The repository `path` is in, anywhere in its working tree.
    pub(crate) fn discover(path: &Path) -> Option<Repo> {
        Repository::discover(path).ok().map(|repo| Repo { repo })
    }

    /// Makes `dir` a new repository.
    pub(crate) fn init(dir: &Path) -> Result<(), GitError> {
        Repository::init(dir).map(|_| ()).map_err(GitError::from)
    }

    /// The `.git` folder.
    pub(crate) fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// The working tree's top folder; `None` for a bare repository.
    pub(crate) fn workdir(&self) -> Option<&Path> {
        self.repo.workdir()
    }

    /// The folder git runs hooks from: `core.hooksPath`, or `.git/hooks`.
    pub(crate) fn hooks_dir(&self) -> std::path::PathBuf {
        match self
            .repo
            .config()
            .and_then(|c| c.get_path("core.hooksPath"))
        {
            Ok(p) if p.is_absolute() => p,
            Ok(p) => self.workdir().unwrap_or(self.git_dir()).join(p),
            Err(_) => self.git_dir().join("hooks"),
        }
    }

    /// The commit HEAD names; `None` in a repository without commits.
    pub(crate) fn head(&self) -> Result<Option<Oid>, GitError> {
        match self.repo.head() {
            Ok(h) => Ok(h.target()),
            Err(e) if e.code() == git2::ErrorCode::UnbornBranch => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The commit `rev` names (see [`resolve`]).
    pub(crate) fn resolve(&self, rev: &str) -> Result<Oid, Error> {
        resolve(&self.repo, rev)
    }

    /// Every commit reachable from `head`, parents before children.
    pub(crate) fn oldest_first(&self, head: Oid) -> Result<Vec<Oid>, GitError> {
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
        walk.push(head)?;
        Ok(walk.collect::<Result<Vec<Oid>, _>>()?)
    }

    /// The commits reachable from `until` and not from `hide`, newest first by committer
    /// date, as `git log` lists them.
    pub(crate) fn newest_first(
        &self,
        until: Oid,
        hide: Option<Oid>,
    ) -> Result<impl Iterator<Item = Result<Walked, GitError>> + '_, GitError> {
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(git2::Sort::TIME)?;
        walk.push(until)?;
        if let Some(h) = hide {
            walk.hide(h)?;
        }
        Ok(walk.map(move |id| self.walked(id?)))
    }

    /// Commit `id`, as a walk reads it.
    pub(crate) fn walked(&self, id: Oid) -> Result<Walked, GitError> {
        let commit = self.repo.find_commit(id)?;
        let parent_tree = match commit.parent_ids().next() {
            Some(p) => Some(self.repo.find_commit(p)?.tree_id()),
            None => None,
        };
        Ok(Walked {
            commit: Commit::of(&commit),
            tree: commit.tree_id(),
            parent_tree,
            parents: commit.parent_count(),
            committed: commit.committer().when().seconds(),
        })
    }

    /// The commits from `old` (exclusive) to `head` if they are a chain (see [`chain`]).
    pub(crate) fn chain(&self, old: Oid, head: Oid) -> Result<Option<Vec<Oid>>, GitError> {
        Ok(chain(&self.repo, old, head)?)
    }

    /// The bytes of blob `id`.
    pub(crate) fn blob(&self, id: Oid) -> Option<Vec<u8>> {
        self.repo.find_blob(id).ok().map(|b| b.content().to_vec())
    }

    /// The bytes of blob `id`, or nothing when it is larger than `limit` bytes.
    pub(crate) fn blob_within(&self, id: Oid, limit: u64) -> Option<Vec<u8>> {
        let b = self.repo.find_blob(id).ok()?;
        Some(if b.size() as u64 > limit {
            Vec::new()
        } else {
            b.content().to_vec()
        })
    }

    /// The bytes of the file at `path` (with `/`) in tree `tree`.
    pub(crate) fn file(&self, tree: Oid, path: &str) -> Option<Vec<u8>> {
        let tree = self.repo.find_tree(tree).ok()?;
        let entry = tree.get_path(Path::new(path)).ok()?;
        self.blob(entry.id())
    }

    /// The names in folder `path` of tree `tree` (none when it is not a folder).
    pub(crate) fn names(&self, tree: Oid, path: &str) -> Vec<String> {
        let folder = self
            .repo
            .find_tree(tree)
            .ok()
            .and_then(|t| t.get_path(Path::new(path)).ok())
            .and_then(|e| self.repo.find_tree(e.id()).ok());
        folder.map_or(Vec::new(), |f| {
            f.iter()
                .filter_map(|e| e.name().ok().map(str::to_string))
                .collect()
        })
    }

    /// A comparer of this repository's trees.
    pub(crate) fn differ(&self) -> trees::TreeDiffer<'_> {
        trees::TreeDiffer::new(&self.repo)
    }
}

/// The id git gives a file with these bytes.
pub(crate) fn blob_id(bytes: &[u8]) -> Option<Oid> {
    Oid::hash_object(git2::ObjectType::Blob, bytes).ok()
}
