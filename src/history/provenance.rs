//! Git provenance of sign-offs: which commit added each one, and which commit changed a
//! signed record after it was signed.
//!
//! History is read in one pass ([`History::read`]): a revwalk over every commit reachable
//! from HEAD, oldest first, diffing each commit against its first parent once and
//! indexing every record path it touches. Record versions are then read from the object
//! database only for records that have sign-offs, in parallel.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::cache::{Cache, SignoffKey};
use crate::git::{Commit, GitError, NoHistory, Oid, Repo, blob_id};
use crate::link::Workspace;
use crate::model::records::{SignOff, Stage};
use crate::model::settings::Config;
use crate::parse::Parsed;

/// The workspace's git history, indexed by record path.
#[derive(Debug, Default)]
pub struct History {
    /// Oldest first (a topological order: parents before children).
    pub commits: Vec<Commit>,
    /// Workspace path -> the versions commits gave it, oldest first: the commit's index and
    /// the blob (`None` when the commit deleted the file).
    pub versions: rustc_hash::FxHashMap<String, Vec<(usize, Option<Oid>)>>,
    /// The commit read at (`None` without commits).
    pub head: Option<Oid>,
    /// What is kept for the next run.
    pub(crate) cache: Cache,
}

impl History {
    /// Reads the history of the repository whose working tree is `root`. A workspace
    /// inside another project's repository is not judged by that project's commits.
    /// What an earlier run left in the cache (see [`super::cache`]) is used where it
    /// gives the same result.
    /// `at`: read from that commit instead of HEAD (`--at REV`).
    pub fn read(root: &Path, at: Option<Oid>) -> Result<History, NoHistory> {
        let repo = Repo::open(root)?;
        let broken = |e: GitError| NoHistory::Broken(e.0);
        // A repository without commits: everything is uncommitted.
        let Some(head) = at.or(repo.head().map_err(broken)?) else {
            return Ok(History::default());
        };
        let (cache, cached) = Cache::at(repo.git_dir()).load();
        let mut history = match (cached, cache.head) {
            (Some(mut cached), Some(old)) if old == head => {
                cached.head = Some(head);
                cached.cache = cache;
                return Ok(cached);
            }
            (Some(mut cached), Some(old)) => match repo.chain(old, head).map_err(broken)? {
                Some(new) => {
                    cached.cache = cache;
                    cached.cache.dirty = true;
                    cached.walk(&repo, new).map_err(broken)?;
                    cached.head = Some(head);
                    return Ok(cached);
                }
                None => History {
                    cache: Cache {
                        added: Default::default(),
                        ..cache
                    },
                    ..History::default()
                },
            },
            _ => History {
                cache,
                ..History::default()
            },
        };
        history.cache.dirty = true;
        let all = repo.oldest_first(head).map_err(broken)?;
        history.walk(&repo, all).map_err(broken)?;
        history.head = Some(head);
        Ok(history)
    }

    /// Indexes `commits`, oldest first, each against its first parent.
    fn walk(&mut self, repo: &Repo, commits: Vec<Oid>) -> Result<(), GitError> {
        let differ = repo.differ();
        for oid in commits {
            let walked = repo.walked(oid)?;
            let index = self.commits.len();
            self.commits.push(walked.commit);
            for (path, _, blob) in differ.commits(walked.parent_tree, Some(walked.tree))? {
                self.versions.entry(path).or_default().push((index, blob));
            }
        }
        Ok(())
    }

    /// Leaves this history and the sign-offs traced in it for the next run.
    pub fn save_cache(&self) {
        self.cache.save(self, self.head);
    }
}

/// What git says about one sign-off.
#[derive(Clone, Debug, Default)]
pub struct SignoffHistory {
    /// The commit whose version of the record first has this sign-off; `None` while it is
    /// not committed.
    pub added: Option<usize>,
    /// For a stale sign-off: what changed the record after it was signed.
    pub changed: Option<Change>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// This commit changed what was signed.
    Commit(usize),
    /// The signed version is the last committed one: the change is not committed yet.
    Uncommitted,
    /// No committed version of the record has the signed digest.
    NeverCommitted,
}

/// The provenance of every sign-off of the workspace.
#[derive(Debug, Default)]
pub struct Provenance {
    pub history: History,
    /// (record index, sign-off index) -> what git says, for current sign-offs.
    pub signoffs: HashMap<(usize, usize), SignoffHistory>,
}

/// One committed version of a record, as far as sign-offs care: its digest and its
/// sign-offs, as the record parser reads them (`history::version::parse_version`).
struct Version {
    digest: Option<String>,
    signoffs: Vec<SignOff>,
}

impl Version {
    /// The version whose record the parser read as `parsed`, from `text`.
    fn of(parsed: &Parsed, text: &str) -> Version {
        Version {
            digest: Some(parsed.digest_of(text)),
            signoffs: parsed.data.signoffs().to_vec(),
        }
    }

    /// Whether it holds a sign-off by `by` at `stage` of digest `digest`.
    fn has(&self, (by, stage, digest): (&str, Stage, &str)) -> bool {
        self.signoffs.iter().any(|s| {
            s.by.value == by
                && s.stage.value == stage
                && s.digest.as_ref().map_or("", |d| d.value.as_str()) == digest
        })
    }
}

/// The committed versions of one record, read from git only as far as they are asked
/// for: most sign-offs are found in the first version whose text holds their digest, so
/// earlier versions are never parsed, and later ones are read only for a stale sign-off.
/// A committed version with the same bytes as the file on disk is not read again: its
/// text and sign-offs are the record's as already parsed.
struct Versions<'a> {
    repo: Option<&'a Repo>,
    path: &'a str,
    config: &'a Config,
    blobs: &'a [(usize, Option<Oid>)],
    texts: Vec<std::cell::OnceCell<Option<String>>>,
    parsed: Vec<std::cell::OnceCell<Version>>,
    /// The file on disk: its blob id, its text and its version.
    current: Option<(Oid, &'a str, Version)>,
}

impl<'a> Versions<'a> {
    fn new(
        repo: Option<&'a Repo>,
        path: &'a str,
        config: &'a Config,
        blobs: &'a [(usize, Option<Oid>)],
    ) -> Self {
        Versions {
            config,
            repo,
            path,
            blobs,
            texts: (0..blobs.len())
                .map(|_| std::cell::OnceCell::new())
                .collect(),
            parsed: (0..blobs.len())
                .map(|_| std::cell::OnceCell::new())
                .collect(),
            current: None,
        }
    }

    /// Marks the file on disk, `text`, as already read: `version` is what it holds.
    fn with_current(mut self, text: &'a str, version: Version) -> Self {
        if let Some(id) = blob_id(text.as_bytes()) {
            self.current = Some((id, text, version));
        }
        self
    }

    /// The file on disk, if version `k` has its bytes.
    fn as_current(&self, k: usize) -> Option<&(Oid, &'a str, Version)> {
        let (id, ..) = self.current.as_ref()?;
        (self.blobs[k].1 == Some(*id)).then_some(self.current.as_ref()?)
    }

    fn len(&self) -> usize {
        self.blobs.len()
    }

    /// The text of version `k` (`None` for a deletion or an unreadable blob).
    fn text(&self, k: usize) -> Option<&str> {
        if let Some((_, text, _)) = self.as_current(k) {
            return Some(text);
        }
        self.texts[k]
            .get_or_init(|| {
                let bytes = self.repo?.blob(self.blobs[k].1?)?;
                String::from_utf8(bytes).ok()
            })
            .as_deref()
    }

    fn version(&self, k: usize) -> &Version {
        if let Some((_, _, version)) = self.as_current(k) {
            return version;
        }
        self.parsed[k].get_or_init(|| read_version(self.path, self.text(k), self.config))
    }
}

fn read_version(path: &str, text: Option<&str>, config: &Config) -> Version {
    let read = |text: &str| {
        let (kind, _) = super::version::record_place(path)?;
        let parsed = super::version::parse_version(path, kind, text, config)?;
        Some(Version::of(&parsed, text))
    };
    text.and_then(read).unwrap_or(Version {
        digest: None,
        signoffs: Vec::new(),
    })
}

impl Provenance {
    /// Traces every sign-off of `ws` through its history.
    pub fn trace(ws: &Workspace, mut history: History) -> Provenance {
        let root = ws.root.clone();
        let signed: Vec<usize> = (0..ws.records.len())
            .filter(|&ri| !ws.records[ri].parsed.data.signoffs().is_empty())
            .collect();
        // A few chunks per thread, each with its own repository: opening one reads the
        // configuration and the pack indexes, too costly to do per record (and rayon's
        // `map_init` would do it per split, thousands of times on a large workspace).
        // The repository is opened only by a chunk that has something to read.
        let chunk = super::chunk_of(signed.len());
        crate::progress::stage("sign-offs", signed.len());
        let traced: Vec<Traced> = signed
            .par_chunks(chunk)
            .flat_map_iter(|chunk| {
                let repo = std::cell::OnceCell::new();
                let repo = || repo.get_or_init(|| Repo::open(&root).ok()).as_ref();
                chunk
                    .iter()
                    .flat_map(|&ri| {
                        crate::progress::step();
                        trace_record(ws, &history, &repo, ri)
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut signoffs = HashMap::with_capacity(traced.len());
        for t in traced {
            if let (Some(key), Some(added)) = (t.learnt, t.history.added) {
                history.cache.added.insert(key, added);
                history.cache.dirty = true;
            }
            signoffs.insert(t.at, t.history);
        }
        Provenance { history, signoffs }
    }
}

/// One sign-off traced: where it is, what git says, and the cache key of a commit that
/// added it which the cache did not know yet.
struct Traced {
    at: (usize, usize),
    history: SignoffHistory,
    learnt: Option<SignoffKey>,
}

/// What git says of each current sign-off of record `ri`.
fn trace_record<'r>(
    ws: &Workspace,
    history: &History,
    repo: &dyn Fn() -> Option<&'r Repo>,
    ri: usize,
) -> Vec<Traced> {
    let record = &ws.records[ri];
    let path = ws.path(record.file);
    let versions = history.versions.get(path).map_or(&[][..], Vec::as_slice);
    let signoffs = record.parsed.data.signoffs();
    let current = crate::signoff::current(signoffs);
    let key_of = |s: &crate::model::records::SignOff| -> SignoffKey {
        (
            path.to_string(),
            s.by.value.clone(),
            crate::model::values::Choice::as_str(s.stage.value).to_string(),
            s.digest.as_ref().map_or(String::new(), |d| d.value.clone()),
        )
    };
    // A sign-off the cache knows, on a record unchanged since it was signed, needs no
    // version of the record read.
    let known = |s: &crate::model::records::SignOff| {
        let k = history.cache.added.get(&key_of(s)).copied()?;
        versions.iter().any(|v| v.0 == k).then_some(k)
    };
    let fresh = |s: &crate::model::records::SignOff| {
        s.digest.as_ref().map(|d| d.value.as_str()) == Some(record.parsed.digest.as_str())
    };
    if current.iter().all(|(_, s)| fresh(s) && known(s).is_some()) {
        return current
            .into_iter()
            .map(|(si, s)| Traced {
                at: (ri, si),
                history: SignoffHistory {
                    added: known(s),
                    changed: None,
                },
                learnt: None,
            })
            .collect();
    }
    let text = &ws.sources.get(record.file).text;
    let on_disk = Version::of(&record.parsed, text);
    let read = match repo() {
        Some(repo) => Versions::new(Some(repo), path, &ws.config, versions),
        None => Versions::new(None, path, &ws.config, &[]),
    }
    .with_current(text, on_disk);
    // Only current sign-offs are judged (a later one by the same person at the same stage
    // replaces an earlier one).
    current
        .into_iter()
        .map(|(si, s)| {
            let digest = s.digest.as_ref().map_or("", |d| d.value.as_str());
            let key = (s.by.value.as_str(), s.stage.value, digest);
            let cached = known(s);
            // Only a version whose text holds the digest can hold the sign-off; the
            // others are not parsed.
            let added = cached.or_else(|| {
                (0..read.len())
                    .find(|&k| {
                        read.text(k).is_some_and(|t| t.contains(digest)) && read.version(k).has(key)
                    })
                    .map(|k| versions[k].0)
            });
            let changed = (digest != record.parsed.digest).then(|| change(&read, versions, digest));
            Traced {
                at: (ri, si),
                history: SignoffHistory { added, changed },
                learnt: (cached.is_none() && added.is_some()).then(|| key_of(s)),
            }
        })
        .collect()
}

/// The commit after the last version with the signed digest that changed it.
fn change(read: &Versions, versions: &[(usize, Option<Oid>)], signed: &str) -> Change {
    let has = |k: usize| read.version(k).digest.as_deref() == Some(signed);
    let Some(k) = (0..read.len()).rev().find(|&k| has(k)) else {
        return Change::NeverCommitted;
    };
    match (k + 1..read.len()).find(|&j| !has(j)) {
        Some(j) => Change::Commit(versions[j].0),
        None => Change::Uncommitted,
    }
}
