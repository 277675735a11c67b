//! The history index and the sign-offs already traced, kept between runs in
//! `.git/docket/history-v2.bin` (postcard, after a magic line and the SHA-256 of the
//! rest, so that a damaged file is not used), so that a check between commits reads no
//! history.
//!
//! The file is keyed by the commit it was read at. It is used whole when HEAD is that
//! commit, and extended when the new commits are a chain on top of it (each with that one
//! parent before it), the case where any topological walk lists the old commits first
//! and the chain after them, so the result is the same as reading the history afresh. A
//! merge, a rewritten history, another docket version or a file that does not read back
//! means the history is read afresh. The file is written atomically, and only when it
//! changed; a repository that cannot be written to is read afresh each time.
//!
//! Only the commit that added each sign-off is remembered: once a version of a record
//! holds a sign-off, later commits cannot change which version was first. Whether a
//! signed record changed after signing is worked out every time (stale sign-offs are few).
//!
//! `DOCKET_NO_CACHE=1` (or `DOCKET_NO_CACHE=history`) neither reads nor writes the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::git::Oid;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::provenance::History;
use crate::git::Commit;
use crate::load::cache::write_atomically;

/// Bumped when the layout of the file or the meaning of what it holds changes.
const FORMAT: u32 = 2;
const FILE: &str = "history-v2.bin";
/// What the file starts with, before the hash of the rest (SHA-256) and the rest.
const MAGIC: &[u8; 8] = b"docketH\n";

/// A sign-off as the cache names it: record path, signer, stage, digest.
pub(crate) type SignoffKey = (String, String, String, String);

/// What a run starts from and what it leaves for the next one.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    /// Where the file lives; `None` when caching is off or the repository has no git dir.
    pub(crate) file: Option<PathBuf>,
    /// The commit the history was last read at.
    pub(crate) head: Option<Oid>,
    /// Sign-off -> index of the commit whose version first holds it.
    pub(crate) added: rustc_hash::FxHashMap<SignoffKey, usize>,
    /// Whether this run learnt something the file does not hold yet.
    pub(crate) dirty: bool,
}

#[derive(Serialize, Deserialize)]
struct OnDisk {
    format: u32,
    docket: String,
    head: String,
    /// id, author, email, time, subject.
    commits: Vec<(String, String, String, i64, String)>,
    versions: BTreeMap<String, Vec<(usize, Option<String>)>>,
    /// path, by, stage, digest, commit index.
    added: Vec<(String, String, String, String, usize)>,
}

/// Whether this cache is turned off for this process (`DOCKET_NO_CACHE`).
pub(crate) fn disabled() -> bool {
    crate::load::cache::disabled("history")
}

impl Cache {
    /// The cache file of the repository at `git_dir`, if caching is on.
    pub(crate) fn at(git_dir: &Path) -> Cache {
        Cache {
            file: (!disabled()).then(|| git_dir.join("docket").join(FILE)),
            ..Cache::default()
        }
    }

    /// Reads the file: the history it holds, and this cache with its sign-offs. Anything
    /// that does not read back as written by this version of docket counts as no file.
    pub(crate) fn load(mut self) -> (Cache, Option<History>) {
        let Some(file) = &self.file else {
            return (self, None);
        };
        let Some(disk) = std::fs::read(file)
            .ok()
            .and_then(|bytes| read_back(&bytes))
            .filter(|d| d.format == FORMAT && d.docket == env!("CARGO_PKG_VERSION"))
        else {
            return (self, None);
        };
        let Some(history) = history_of(&disk) else {
            return (self, None);
        };
        self.head = Oid::from_str(&disk.head).ok();
        let commits = history.commits.len();
        self.added = disk
            .added
            .into_iter()
            .filter(|a| a.4 < commits)
            .map(|(p, b, s, d, i)| ((p, b, s, d), i))
            .collect();
        (self, Some(history))
    }

    /// Writes the file if this run learnt something, atomically (a temporary file renamed
    /// over the old one). A failure is not an error: the next run reads afresh.
    pub(crate) fn save(&self, history: &History, head: Option<Oid>) {
        let (Some(file), Some(head)) = (&self.file, head) else {
            return;
        };
        if !self.dirty && self.head == Some(head) {
            return;
        }
        let mut added: Vec<_> = self
            .added
            .iter()
            .map(|((p, b, s, d), i)| (p.clone(), b.clone(), s.clone(), d.clone(), *i))
            .collect();
        added.sort();
        let disk = OnDisk {
            format: FORMAT,
            docket: env!("CARGO_PKG_VERSION").to_string(),
            head: head.to_string(),
            commits: history
                .commits
                .iter()
                .map(|c| {
                    (
                        c.id.to_string(),
                        c.author.clone(),
                        c.email.clone(),
                        c.time,
                        c.subject.clone(),
                    )
                })
                .collect(),
            versions: history
                .versions
                .iter()
                .map(|(path, v)| {
                    let v = v
                        .iter()
                        .map(|(i, blob)| (*i, blob.map(|b| b.to_string())))
                        .collect();
                    (path.clone(), v)
                })
                .collect(),
            added,
        };
        let Ok(body) = postcard::to_stdvec(&disk) else {
            return;
        };
        let mut bytes = Vec::with_capacity(MAGIC.len() + 32 + body.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&Sha256::digest(&body));
        bytes.extend_from_slice(&body);
        let _ = write_atomically(file, &bytes);
    }
}

/// The file's contents, when it reads back whole: the hash of what follows it matches.
fn read_back(bytes: &[u8]) -> Option<OnDisk> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (hash, body) = (rest.get(..32)?, rest.get(32..)?);
    if Sha256::digest(body).as_slice() != hash {
        return None;
    }
    postcard::from_bytes(body).ok()
}

fn history_of(disk: &OnDisk) -> Option<History> {
    let commits = disk
        .commits
        .iter()
        .map(|(id, author, email, time, subject)| {
            Some(Commit {
                id: Oid::from_str(id).ok()?,
                author: author.clone(),
                email: email.clone(),
                time: *time,
                subject: subject.clone(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let mut versions =
        rustc_hash::FxHashMap::with_capacity_and_hasher(disk.versions.len(), Default::default());
    for (path, v) in &disk.versions {
        let v = v
            .iter()
            .map(|(i, blob)| {
                let blob = match blob {
                    Some(b) => Some(Oid::from_str(b).ok()?),
                    None => None,
                };
                (*i < commits.len()).then_some((*i, blob))
            })
            .collect::<Option<Vec<_>>>()?;
        versions.insert(path.clone(), v);
    }
    Some(History {
        commits,
        versions,
        ..History::default()
    })
}
