//! A workspace as a commit holds it (`--at REV`): its files read straight from git's
//! objects, so that a past state is checked, reported and built without a checkout and
//! without touching the working tree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use crate::error::Error;

/// One file of the commit's tree.
#[derive(Clone, Copy, Debug)]
struct Blob {
    id: Oid,
    link: bool,
}

/// The files of one commit.
pub struct Snapshot {
    /// The workspace folder: the repository's working tree (for messages only).
    root: PathBuf,
    pub id: Oid,
    /// Author time, seconds since the epoch.
    pub time: i64,
    files: BTreeMap<String, Blob>,
    /// Blobs are read on demand; the repository is not shared between threads.
    repo: Mutex<Repository>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("id", &self.id)
            .field("files", &self.files.len())
            .finish()
    }
}

impl Snapshot {
    /// The commit `rev` (an id, a tag, a branch, `HEAD~3`...) of the repository whose
    /// working tree is `root`.
    pub fn read(root: &Path, rev: &str) -> Result<Snapshot, Error> {
        let repo = super::open(root).map_err(|_| {
            Error::Usage(format!(
                "--at {rev}: {} is not the top folder of a git repository",
                root.display()
            ))
        })?;
        let id = super::resolve(&repo, rev).map_err(Error::context("--at"))?;
        let commit = repo
            .find_commit(id)
            .map_err(|e| Error::context(format!("--at {rev}"))(Error::git(e.message())))?;
        let tree = commit
            .tree()
            .map_err(|e| Error::context(format!("--at {rev}"))(Error::git(e.message())))?;
        let mut files = BTreeMap::new();
        tree.walk(TreeWalkMode::PreOrder, |folder, entry| {
            if entry.kind() == Some(ObjectType::Blob)
                && let Ok(name) = entry.name()
            {
                files.insert(
                    format!("{folder}{name}"),
                    Blob {
                        id: entry.id(),
                        link: entry.filemode() == 0o120000,
                    },
                );
            }
            TreeWalkResult::Ok
        })
        .map_err(|e| Error::context(format!("--at {rev}"))(Error::git(e.message())))?;
        let (id, time) = (commit.id(), commit.author().when().seconds());
        drop(tree);
        drop(commit);
        Ok(Snapshot {
            root: root.to_path_buf(),
            id,
            time,
            files,
            repo: Mutex::new(repo),
        })
    }

    pub fn has(&self, path: &str) -> bool {
        self.files.get(path).is_some_and(|b| !b.link)
    }

    /// The size of the file at `path` (with `/`), if the commit has it.
    pub fn size(&self, path: &str) -> Option<u64> {
        let blob = self.files.get(path)?;
        let repo = self.repo.lock().ok()?;
        let odb = repo.odb().ok()?;
        odb.read_header(blob.id).ok().map(|(size, _)| size as u64)
    }

    /// The bytes of the file at `path` (with `/`).
    pub fn bytes(&self, path: &str) -> std::io::Result<Vec<u8>> {
        let missing = || std::io::Error::new(std::io::ErrorKind::NotFound, "not in this commit");
        let blob = self
            .files
            .get(path)
            .filter(|b| !b.link)
            .ok_or_else(missing)?;
        let repo = self
            .repo
            .lock()
            .map_err(|_| std::io::Error::other("the repository is unusable"))?;
        repo.find_blob(blob.id)
            .map(|b| b.content().to_vec())
            .map_err(|e| std::io::Error::other(e.message().to_string()))
    }

    /// The text of the file at `path`, if the commit has it (`None` if not).
    pub fn text(&self, path: &str) -> std::io::Result<Option<String>> {
        match self.bytes(path) {
            Ok(b) => String::from_utf8(b)
                .map(Some)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The workspace folder (for messages and disk paths only).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every file of the commit: its path and whether it is a symbolic link.
    pub fn entries(&self) -> impl Iterator<Item = (&str, bool)> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.link))
    }
}
