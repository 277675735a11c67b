//! The history index and the sign-offs already traced, kept between runs in
//! `.git/docket/history-v2.bin` (postcard, after a magic line and the XXH3-128 checksum
//! of the rest, so that a damaged file is not used; commit and blob ids as their 20
//! bytes), so that a check between commits reads no
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

use std::path::{Path, PathBuf};

use crate::git::Oid;
use serde::{Deserialize, Serialize};

use super::provenance::History;
use crate::git::Commit;
use crate::load::cache::write_atomically;

/// Bumped when the layout of the file or the meaning of what it holds changes.
const FORMAT: u32 = 3;
const FILE: &str = "history-v2.bin";
/// What the file starts with, before the checksum of the rest and the rest.
const MAGIC: &[u8; 8] = b"docketH3";

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

/// The file's contents, borrowed from its bytes to be read and from the history to be
/// written.
#[derive(Serialize, Deserialize)]
struct OnDisk<'a> {
    format: u32,
    #[serde(borrow)]
    docket: &'a str,
    head: [u8; 20],
    /// id, author, email, time, subject.
    commits: Vec<([u8; 20], &'a str, &'a str, i64, &'a str)>,
    /// Path, and the versions commits gave it: commit index and blob.
    versions: Vec<(&'a str, Vec<KeptVersion>)>,
    /// path, by, stage, digest, commit index.
    added: Vec<(&'a str, &'a str, &'a str, &'a str, usize)>,
}

/// A version of a path as the file keeps it: the commit's index and the blob's id.
type KeptVersion = (usize, Option<[u8; 20]>);

/// An id as the file keeps it.
fn bytes_of(oid: &Oid) -> [u8; 20] {
    oid.as_bytes().try_into().unwrap_or([0; 20])
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
        let Ok(bytes) = std::fs::read(file) else {
            return (self, None);
        };
        let Some(disk) = read_back(&bytes)
            .filter(|d| d.format == FORMAT && d.docket == env!("CARGO_PKG_VERSION"))
        else {
            return (self, None);
        };
        let Some(history) = history_of(&disk) else {
            return (self, None);
        };
        self.head = Oid::from_bytes(&disk.head).ok();
        let commits = history.commits.len();
        self.added = disk
            .added
            .into_iter()
            .filter(|a| a.4 < commits)
            .map(|(p, b, s, d, i)| {
                let key = (p.to_string(), b.to_string(), s.to_string(), d.to_string());
                (key, i)
            })
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
            .map(|((p, b, s, d), i)| (p.as_str(), b.as_str(), s.as_str(), d.as_str(), *i))
            .collect();
        added.sort();
        let mut versions: Vec<_> = history
            .versions
            .iter()
            .map(|(path, v)| {
                let v = v.iter().map(|(i, blob)| (*i, blob.map(|b| bytes_of(&b))));
                (path.as_str(), v.collect())
            })
            .collect();
        // The same history, the same bytes.
        versions.sort_by(|a, b| a.0.cmp(b.0));
        let disk = OnDisk {
            format: FORMAT,
            docket: env!("CARGO_PKG_VERSION"),
            head: bytes_of(&head),
            commits: history
                .commits
                .iter()
                .map(|c| {
                    let id = bytes_of(&c.id);
                    (
                        id,
                        c.author.as_str(),
                        c.email.as_str(),
                        c.time,
                        c.subject.as_str(),
                    )
                })
                .collect(),
            versions,
            added,
        };
        let Ok(body) = postcard::to_stdvec(&disk) else {
            return;
        };
        let mut bytes = Vec::with_capacity(MAGIC.len() + 16 + body.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&checksum(&body));
        bytes.extend_from_slice(&body);
        let _ = write_atomically(file, &bytes);
    }
}

/// The checksum of the file's contents (as the stores' segments have: `load::cache`).
fn checksum(body: &[u8]) -> [u8; 16] {
    xxhash_rust::xxh3::xxh3_128(body).to_le_bytes()
}

/// The file's contents, when it reads back whole: the checksum of what follows it matches.
fn read_back(bytes: &[u8]) -> Option<OnDisk<'_>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (sum, body) = (rest.get(..16)?, rest.get(16..)?);
    if checksum(body) != sum {
        return None;
    }
    postcard::from_bytes(body).ok()
}

fn history_of(disk: &OnDisk<'_>) -> Option<History> {
    let commits = disk
        .commits
        .iter()
        .map(|(id, author, email, time, subject)| {
            Some(Commit {
                id: Oid::from_bytes(id).ok()?,
                author: author.to_string(),
                email: email.to_string(),
                time: *time,
                subject: subject.to_string(),
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
                    Some(b) => Some(Oid::from_bytes(b).ok()?),
                    None => None,
                };
                (*i < commits.len()).then_some((*i, blob))
            })
            .collect::<Option<Vec<_>>>()?;
        versions.insert(path.to_string(), v);
    }
    Some(History {
        commits,
        versions,
        ..History::default()
    })
}
