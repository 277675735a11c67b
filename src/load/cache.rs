//! The parsed records kept between runs, so that a check after editing one file parses
//! one file.
//!
//! Each entry is one file's parse, keyed by the hash of its kind and its text. The whole
//! cache also names what every parse depends on besides the file: docket's version and
//! the text of `docket.yaml` (and the size and time of docket's program file, so that a
//! rebuilt docket starts afresh); when any differs, no entry is used. Only a file that
//! parsed without a problem is kept (the few that have problems are parsed every time,
//! so their diagnostics come from one place). A span is kept without its file and
//! placed, when read back, in the file's id of this run.
//!
//! The cache lives in `.git/docket/parse-v1.bin` (the repository that holds the
//! workspace), or for a workspace outside git in the platform's cache folder
//! (`$XDG_CACHE_HOME/docket`, `~/.cache/docket`, `~/Library/Caches/docket`,
//! `%LOCALAPPDATA%\docket`), named by the hash of the workspace's path; never in the
//! working tree. It is written atomically after a run that parsed something it did not
//! hold, or no longer needs something it held, with the entries this run used. A file
//! that does not read back whole (another version, a damaged byte: the file carries the
//! hash of its entries) is not used.
//!
//! `DOCKET_NO_CACHE=1` turns off every cache; `DOCKET_NO_CACHE=parse` this one only
//! (and `DOCKET_NO_CACHE=history` the history cache only).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::records::RecordKind;
use crate::parse::Parsed;
use crate::source::{FileId, SourceFile};

/// Bumped when the layout of the file or the meaning of what it holds changes.
const FORMAT: u32 = 1;
/// The parse cache's name: `parse-v1.bin`.
const NAME: &str = "parse-v1";
const MAGIC: &[u8; 8] = b"docketP\n";

/// Whether the cache `which` (`parse` or `history`) is turned off for this process:
/// `DOCKET_NO_CACHE` is `1` (every cache), or names it in a comma-separated list.
pub(crate) fn disabled(which: &str) -> bool {
    let Some(value) = std::env::var_os("DOCKET_NO_CACHE") else {
        return false;
    };
    let value = value.to_string_lossy();
    let value = value.trim();
    match value {
        "" | "0" => false,
        "1" | "all" | "true" | "yes" => true,
        list => list.split(',').any(|w| w.trim() == which),
    }
}

/// Writes `bytes` to `file` atomically: a temporary file in the same folder renamed over
/// the old one. No fsync: a file cut short by a crash does not read back, and is redone.
pub(crate) fn write_atomically(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("cache");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        std::fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The key of one file's parse.
pub(crate) type Key = [u8; 16];

/// The key of what `parts` say together (a record's kind and its text, a blob's id, a
/// fingerprint and a text): the first 16 bytes of their SHA-256.
pub(crate) fn key(parts: &[&[u8]]) -> Key {
    let mut h = Sha256::new();
    for part in parts {
        h.update(part);
    }
    let mut key = [0u8; 16];
    key.copy_from_slice(&h.finalize()[..16]);
    key
}

#[derive(Serialize, Deserialize)]
struct Header<'a> {
    format: u32,
    docket: &'a str,
    /// The hash of what every parse depends on besides its file.
    depends: [u8; 32],
    /// The hash of the entries that follow.
    entries: [u8; 32],
}

#[derive(Serialize, Deserialize)]
struct Entries<'a> {
    #[serde(borrow)]
    entries: Vec<(Key, &'a [u8])>,
}

/// A file of entries keyed by content, as one run reads and leaves it: what the file
/// held, and what this run used and added. The next file holds exactly what this run
/// used (entries no longer needed go).
pub(crate) struct Store {
    /// Where it is written; `None` when caching is off or there is nowhere to write.
    file: Option<PathBuf>,
    depends: [u8; 32],
    /// The file as read.
    bytes: Vec<u8>,
    /// Key -> byte range of the entry in `bytes`.
    held: HashMap<Key, (usize, usize)>,
    /// What this run used or added: key -> the entry's bytes when they are new.
    used: Mutex<HashMap<Key, Option<Vec<u8>>>>,
    /// Entries read back, and entries asked for and not held.
    hits: AtomicUsize,
    misses: AtomicUsize,
}

impl Store {
    /// A store that holds nothing and keeps nothing.
    pub(crate) fn off() -> Store {
        Store {
            file: None,
            depends: [0; 32],
            bytes: Vec::new(),
            held: HashMap::new(),
            used: Mutex::new(HashMap::new()),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
        }
    }

    /// The store `name` (`parse-v1`) of the workspace at `root`, whose settings read
    /// `settings`, unless the cache `which` is turned off.
    pub(crate) fn open(root: &Path, name: &str, which: &str, settings: &str) -> Store {
        if disabled(which) {
            return Store::off();
        }
        let Some(file) = place(root, name) else {
            return Store::off();
        };
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update([0]);
        h.update(build_of_this_program().as_bytes());
        h.update([0]);
        h.update(settings.as_bytes());
        let depends: [u8; 32] = h.finalize().into();
        let bytes = std::fs::read(&file).unwrap_or_default();
        let held = index(&bytes, &depends).unwrap_or_default();
        Store {
            file: Some(file),
            depends,
            bytes,
            held,
            used: Mutex::new(HashMap::new()),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
        }
    }

    /// Whether the store keeps anything.
    pub(crate) fn is_on(&self) -> bool {
        self.file.is_some()
    }

    /// The entry `key` read back by `read`, when the store holds it and it reads back.
    pub(crate) fn get<T>(&self, key: &Key, read: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        let found = self
            .held
            .get(key)
            .and_then(|&(start, end)| read(&self.bytes[start..end]));
        match found {
            Some(_) => {
                self.used_lock().insert(*key, None);
                self.hits.fetch_add(1, Relaxed);
            }
            None => {
                self.misses.fetch_add(1, Relaxed);
            }
        }
        found
    }

    /// Keeps `bytes` as the entry `key`.
    pub(crate) fn put(&self, key: Key, bytes: Vec<u8>) {
        if self.is_on() {
            self.used_lock().insert(key, Some(bytes));
        }
    }

    /// How many entries were read back, and how many were asked for and not held.
    pub(crate) fn counts(&self) -> (usize, usize) {
        (self.hits.load(Relaxed), self.misses.load(Relaxed))
    }

    fn used_lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Option<Vec<u8>>>> {
        self.used.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes the file when this run's entries differ from what it held. A failure is
    /// not an error: the next run does the work again.
    pub(crate) fn save(self) {
        let Some(file) = &self.file else { return };
        let used = self.used.into_inner().unwrap_or_else(|e| e.into_inner());
        let changed = used.len() != self.held.len()
            || used
                .iter()
                .any(|(k, new)| new.is_some() || !self.held.contains_key(k));
        if !changed {
            return;
        }
        let mut entries: Vec<(Key, &[u8])> = used
            .iter()
            .filter_map(|(k, new)| match new {
                Some(bytes) => Some((*k, bytes.as_slice())),
                None => self.held.get(k).map(|&(s, e)| (*k, &self.bytes[s..e])),
            })
            .collect();
        entries.sort_by_key(|e| e.0);
        let Ok(body) = postcard::to_stdvec(&Entries { entries }) else {
            return;
        };
        let header = Header {
            format: FORMAT,
            docket: env!("CARGO_PKG_VERSION"),
            depends: self.depends,
            entries: Sha256::digest(&body).into(),
        };
        let Ok(head) = postcard::to_stdvec(&header) else {
            return;
        };
        let mut out = Vec::with_capacity(MAGIC.len() + 4 + head.len() + body.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(head.len() as u32).to_le_bytes());
        out.extend_from_slice(&head);
        out.extend_from_slice(&body);
        let _ = write_atomically(file, &out);
    }
}

/// The parse cache of one run.
pub(crate) struct ParseCache(Store);

impl ParseCache {
    /// A cache that holds nothing and keeps nothing.
    pub(crate) fn off() -> ParseCache {
        ParseCache(Store::off())
    }

    /// The cache of the workspace at `root`, whose settings read `settings`; read from
    /// its file unless caching is off.
    pub(crate) fn open(root: &Path, settings: &str) -> ParseCache {
        ParseCache(Store::open(root, NAME, "parse", settings))
    }

    /// The parse of `file` (id `id`) as a record of `kind`: from the cache when it holds
    /// it, else from `parse`, which also says whether the parse may be kept.
    pub(crate) fn parse(
        &self,
        file: &SourceFile,
        id: FileId,
        kind: RecordKind,
        parse: impl FnOnce() -> (Option<Parsed>, bool),
    ) -> Option<Parsed> {
        if !self.0.is_on() {
            self.0.misses.fetch_add(1, Relaxed);
            return parse().0;
        }
        let key = key(&[&[kind as u8], file.text.as_bytes()]);
        let cached = self.0.get(&key, |bytes| {
            crate::source::in_file(id, || postcard::from_bytes::<Parsed>(bytes).ok())
        });
        if cached.is_some() {
            return cached;
        }
        let (parsed, keep) = parse();
        if keep
            && let Some(p) = &parsed
            && let Ok(bytes) = postcard::to_stdvec(p)
        {
            self.0.put(key, bytes);
        }
        parsed
    }

    /// How many records were read back, and how many parsed.
    pub(crate) fn counts(&self) -> (usize, usize) {
        self.0.counts()
    }

    /// See [`Store::save`].
    pub(crate) fn save(self) {
        self.0.save()
    }
}

/// Which build of docket this is, beyond its version: the size and time of the program's
/// file, so that a docket built again from changed sources does not read what an older
/// build wrote.
fn build_of_this_program() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let time = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {time}", m.len())
        })
        .unwrap_or_default()
}

/// The entries of a cache file, when it reads back whole and was written for `depends`.
fn index(bytes: &[u8], depends: &[u8; 32]) -> Option<HashMap<Key, (usize, usize)>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let head = rest.get(4..4 + len)?;
    let body = rest.get(4 + len..)?;
    let header: Header = postcard::from_bytes(head).ok()?;
    if header.format != FORMAT
        || header.docket != env!("CARGO_PKG_VERSION")
        || &header.depends != depends
        || <[u8; 32]>::from(Sha256::digest(body)) != header.entries
    {
        return None;
    }
    let entries: Entries = postcard::from_bytes(body).ok()?;
    let base = body.as_ptr() as usize - bytes.as_ptr() as usize;
    let mut held = HashMap::with_capacity(entries.entries.len());
    for (key, entry) in entries.entries {
        let start = entry.as_ptr() as usize - body.as_ptr() as usize + base;
        held.insert(key, (start, start + entry.len()));
    }
    Some(held)
}

/// Where the store `name` of the workspace at `root` lives: beside the history cache in the git
/// folder of its repository, else in the platform's cache folder.
fn place(root: &Path, name: &str) -> Option<PathBuf> {
    let root = std::fs::canonicalize(root).ok()?;
    let named = |path: &Path| {
        let h = Sha256::digest(path.to_string_lossy().as_bytes());
        h[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    if let Some(repo) = crate::git::Repo::discover(&root) {
        let dir = repo.git_dir().join("docket");
        // A workspace in a folder of its repository has a file of its own.
        return Some(match repo.workdir().map(std::fs::canonicalize) {
            Some(Ok(top)) if top != root => {
                let inner = root.strip_prefix(&top).unwrap_or(&root);
                dir.join(format!("{name}-{}.bin", named(inner)))
            }
            _ => dir.join(format!("{name}.bin")),
        });
    }
    Some(platform_cache()?.join(format!("{name}-{}.bin", named(&root))))
}

/// The platform's folder for caches, docket's folder in it.
fn platform_cache() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(windows) {
        env("LOCALAPPDATA")?
    } else if cfg!(target_os = "macos") {
        env("HOME")?.join("Library").join("Caches")
    } else {
        env("XDG_CACHE_HOME").or_else(|| Some(env("HOME")?.join(".cache")))?
    };
    Some(base.join("docket"))
}
