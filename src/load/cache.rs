//! The parsed records kept between runs, so that a check after editing one file parses
//! one file, and reads no file that did not change.
//!
//! Each entry is one file's text, its parse and the diagnostics its parse found (worded
//! by the caller, each naming its rule by code), keyed by the hash of its kind and its
//! text. The whole cache also names what every parse depends on besides the file:
//! docket's version and the text of `docket.yaml` (and the size and time of docket's
//! program file, so that a rebuilt docket starts afresh); when any differs, no entry is
//! used. A span is kept without its file and placed, when read back, in the file's id
//! of this run. Beside it, `files-v1` keeps each file's stat (size, times, inode, as
//! git's index does) with the hash of its text: a file whose stat is the one kept is
//! not read at all (see [`ParseCache::stat`] for a change too recent to trust).
//!
//! The cache lives in `.git/docket/parse-v1.bin` (the repository that holds the
//! workspace), or for a workspace outside git in the platform's cache folder
//! (`$XDG_CACHE_HOME/docket`, `~/.cache/docket`, `~/Library/Caches/docket`,
//! `%LOCALAPPDATA%\docket`), named by the hash of the workspace's path; never in the
//! working tree. What a run adds is appended as a segment ([`Store`]); the file is written
//! again, atomically, when more than half of it went unused. A segment that does not
//! read back whole (cut short, a damaged byte: each carries a checksum) ends the file;
//! a file of another version is not used.
//!
//! `DOCKET_NO_CACHE=1` turns off every cache; `DOCKET_NO_CACHE=parse` this one only
//! (and `DOCKET_NO_CACHE=history` the history cache only).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::records::RecordKind;
use crate::parse::Parsed;
use crate::source::{FileId, SourceFile};

/// Bumped when the layout of the file or the meaning of what it holds changes.
const FORMAT: u32 = 3;
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
}

#[derive(Serialize, Deserialize)]
struct Entries<'a> {
    #[serde(borrow)]
    entries: Vec<(Key, &'a [u8])>,
}

/// Key -> byte range of the entry in the bytes of a store's file, and its number.
type Held = rustc_hash::FxHashMap<Key, (usize, usize, usize)>;

/// A file of entries keyed by content, as one run reads and leaves it: what the file
/// held, and what this run used and added.
///
/// The file is a header and segments, each segment its length, the checksum of its
/// entries and the entries. A run that added entries appends them as a segment of their own, so
/// that a check after one edit writes one entry, not the whole file; when more than half
/// of what the file holds went unused, the file is written again, atomically, with just
/// what this run used. A segment that does not read back whole (cut short by a crash, a
/// damaged byte) ends the file: what comes before it is used, and the next save writes
/// the file again.
pub(crate) struct Store {
    /// Where it is written; `None` when caching is off or there is nowhere to write.
    file: Option<PathBuf>,
    depends: [u8; 32],
    /// The file as read.
    bytes: Bytes,
    held: Held,
    /// Whether the file read back whole and was written for `depends`: what is new may be
    /// appended to it.
    whole: bool,
    /// Whether this run used each entry held, by its number.
    used: Vec<std::sync::atomic::AtomicBool>,
    /// What this run added.
    added: Mutex<rustc_hash::FxHashMap<Key, Vec<u8>>>,
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
            bytes: Bytes::Read(Vec::new()),
            held: Held::default(),
            whole: false,
            used: Vec::new(),
            added: Mutex::new(Default::default()),
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
        Store::at(file, h.finalize().into())
    }

    /// The store kept in `file`, for what depends on `depends`.
    fn at(file: PathBuf, depends: [u8; 32]) -> Store {
        let bytes = Bytes::of(&file);
        let (held, whole) = index(&bytes, &depends).unwrap_or_default();
        let held_len = held.len();
        Store {
            file: Some(file),
            depends,
            bytes,
            held,
            whole,
            used: (0..held_len).map(|_| Default::default()).collect(),
            added: Mutex::new(Default::default()),
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
        let found = self.find(key, read);
        if found.is_none() {
            self.misses.fetch_add(1, Relaxed);
        }
        found
    }

    /// [`Store::get`], not counting an entry not found as a miss (for a lookup that is
    /// tried before the one that counts).
    pub(crate) fn find<T>(&self, key: &Key, read: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        let found = self
            .held
            .get(key)
            .and_then(|&(start, end, n)| Some((read(&self.bytes[start..end])?, n)));
        if let Some((_, n)) = found {
            self.used[n].store(true, Relaxed);
            self.hits.fetch_add(1, Relaxed);
        }
        found.map(|(found, _)| found)
    }

    /// Marks the entry `key` as used by this run without reading it back, so that it is
    /// kept; the entry's bytes, when the store holds it.
    fn mark(&self, key: &Key) -> Option<&[u8]> {
        let &(start, end, n) = self.held.get(key)?;
        self.used[n].store(true, Relaxed);
        Some(&self.bytes[start..end])
    }

    /// Keeps `bytes` as the entry `key`.
    pub(crate) fn put(&self, key: Key, bytes: Vec<u8>) {
        if self.is_on() {
            self.added_lock().insert(key, bytes);
        }
    }

    /// How many entries were read back, and how many were asked for and not held.
    pub(crate) fn counts(&self) -> (usize, usize) {
        (self.hits.load(Relaxed), self.misses.load(Relaxed))
    }

    fn added_lock(&self) -> std::sync::MutexGuard<'_, rustc_hash::FxHashMap<Key, Vec<u8>>> {
        self.added.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps what this run added: appended to the file as a segment, or the file written
    /// again with just what this run used when more than half of it went unused (or it
    /// did not read back whole). A failure is not an error: the next run does the work
    /// again.
    pub(crate) fn save(self) {
        let Some(file) = &self.file else { return };
        let added = self.added.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut new: Vec<(Key, &[u8])> = added.iter().map(|(k, b)| (*k, b.as_slice())).collect();
        new.sort_by_key(|e| e.0);
        let used = |n: usize| self.used[n].load(Relaxed);
        let unused = (0..self.used.len()).filter(|&n| !used(n)).count();
        if self.whole && unused * 2 <= self.held.len() {
            if new.is_empty() {
                return;
            }
            if let Some(segment) = segment(new) {
                use std::io::Write;
                // One write, at the end: a run beside this one appends its own segment,
                // and a segment cut short is found by its hash.
                let _ = std::fs::OpenOptions::new()
                    .append(true)
                    .open(file)
                    .and_then(|mut f| f.write_all(&segment));
            }
            return;
        }
        let mut entries: Vec<(Key, &[u8])> = self
            .held
            .iter()
            .filter(|&(k, &(_, _, n))| used(n) && !added.contains_key(k))
            .map(|(k, &(s, e, _))| (*k, &self.bytes[s..e]))
            .chain(new)
            .collect();
        entries.sort_by_key(|e| e.0);
        let header = Header {
            format: FORMAT,
            docket: env!("CARGO_PKG_VERSION"),
            depends: self.depends,
        };
        let (Ok(head), Some(segment)) = (postcard::to_stdvec(&header), segment(entries)) else {
            return;
        };
        let mut out = Vec::with_capacity(MAGIC.len() + 4 + head.len() + segment.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(head.len() as u32).to_le_bytes());
        out.extend_from_slice(&head);
        out.extend_from_slice(&segment);
        let _ = write_atomically(file, &out);
    }
}

/// A store's file as this run reads it.
enum Bytes {
    Read(Vec<u8>),
    /// Mapped from the page cache: a 30 MB file costs no copy and no fresh memory, only
    /// the pages an entry read back is in.
    #[cfg(unix)]
    Mapped(memmap2::Mmap),
}

impl Bytes {
    /// The file at `file`; empty when it cannot be read.
    fn of(file: &Path) -> Bytes {
        #[cfg(unix)]
        if let Ok(f) = std::fs::File::open(file)
            && f.metadata().is_ok_and(|m| m.is_file() && m.len() > 0)
        {
            #[allow(unsafe_code)]
            // SAFETY: a store's file is changed only by docket, which replaces it by a
            // rename (the map keeps the old file) or appends a segment to it (past the
            // length mapped); nothing shortens it in place, so every byte mapped stays
            // readable and unchanged while the map lives.
            if let Ok(map) = unsafe { memmap2::MmapOptions::new().populate().map(&f) } {
                return Bytes::Mapped(map);
            }
        }
        Bytes::Read(std::fs::read(file).unwrap_or_default())
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Read(bytes) => bytes,
            #[cfg(unix)]
            Bytes::Mapped(map) => map,
        }
    }
}

/// Bytes before a segment's entries: their length and their checksum.
const SEGMENT_HEAD: usize = 4 + 16;

/// The checksum of a segment's entries: XXH3's 128 bits, which find a damaged byte or a
/// segment cut short at many gigabytes a second (a SHA-256 of a 30 MB cache was a tenth
/// of a check after one edit). The entries' keys are SHA-256 hashes of what they keep.
fn checksum(body: &[u8]) -> [u8; 16] {
    xxhash_rust::xxh3::xxh3_128(body).to_le_bytes()
}

/// One segment of a store's file: the length of its entries, their checksum, the entries.
fn segment(entries: Vec<(Key, &[u8])>) -> Option<Vec<u8>> {
    let body = postcard::to_stdvec(&Entries { entries }).ok()?;
    let mut out = Vec::with_capacity(SEGMENT_HEAD + body.len());
    out.extend_from_slice(&u32::try_from(body.len()).ok()?.to_le_bytes());
    out.extend_from_slice(&checksum(&body));
    out.extend_from_slice(&body);
    Some(out)
}

/// What a parse is kept as: the file's text with it, so that a file whose size, times and
/// inode have not changed since it was kept is neither read nor parsed.
#[derive(Deserialize)]
struct Kept {
    text: String,
    parsed: Option<Parsed>,
    problems: Vec<u8>,
}

/// [`Kept`] when only the parse is wanted (the text was read from the file).
#[derive(Deserialize)]
struct KeptParse<'a> {
    #[serde(borrow)]
    _text: &'a str,
    parsed: Option<Parsed>,
    problems: Vec<u8>,
}

/// [`Kept`], borrowed to be written.
#[derive(Serialize)]
struct KeptRef<'a> {
    text: &'a str,
    parsed: Option<&'a Parsed>,
    problems: &'a [u8],
}

/// A file's size, times and inode as the file system gives them (as git's index keeps
/// them), keyed with its path and kind: while they stay the same, so does its text.
pub(crate) struct Stat {
    key: Key,
    /// Changed within [`RACY`] of the run's start: the same stat may yet hold another
    /// text (a second write within the file system's clock tick), so it is not kept.
    racy: bool,
}

impl Stat {
    /// The stat as a key, when it can be trusted to stand for the file's text (not racy).
    pub(crate) fn trusted(&self) -> Option<Key> {
        (!self.racy).then_some(self.key)
    }
}

/// How recent a change must be for a file's stat not to be trusted (see [`Stat::racy`]).
const RACY: std::time::Duration = std::time::Duration::from_secs(2);

/// The parse cache of one run: parses keyed by each file's kind and text, and each file's
/// stat keyed to the hash of its text (`files-v1`).
pub(crate) struct ParseCache {
    parses: Store,
    files: Store,
    started: std::time::SystemTime,
    /// Files read back without being read.
    unread: AtomicUsize,
}

impl ParseCache {
    /// A cache that holds nothing and keeps nothing.
    pub(crate) fn off() -> ParseCache {
        ParseCache {
            parses: Store::off(),
            files: Store::off(),
            started: std::time::SystemTime::now(),
            unread: AtomicUsize::new(0),
        }
    }

    /// The cache of the workspace at `root`, whose settings read `settings`; read from
    /// its file unless caching is off.
    pub(crate) fn open(root: &Path, settings: &str) -> ParseCache {
        let (parses, files) = rayon::join(
            || Store::open(root, NAME, "parse", settings),
            || Store::open(root, "files-v1", "parse", settings),
        );
        ParseCache {
            parses,
            files,
            started: std::time::SystemTime::now(),
            unread: AtomicUsize::new(0),
        }
    }

    /// The stat of the file at `disk` (`path` in the workspace, a record of `kind`), when
    /// the cache is on and it is a plain file.
    pub(crate) fn stat(&self, disk: &Path, path: &str, kind: RecordKind) -> Option<Stat> {
        if !self.parses.is_on() {
            return None;
        }
        let st = super::stat_file(disk)?;
        if !st.is_file {
            return None;
        }
        // The later of the times it was written and its inode changed (a time set back by
        // hand does not hide a write).
        let changed = st.changed.map_or(st.modified, |c| c.max(st.modified));
        let racy = changed + RACY >= self.started;
        let since = |t: std::time::SystemTime| {
            t.duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        };
        let mut stat = Vec::with_capacity(80);
        stat.extend_from_slice(&st.size.to_le_bytes());
        stat.extend_from_slice(&since(st.modified).to_le_bytes());
        stat.extend_from_slice(&st.changed.map_or(0, since).to_le_bytes());
        for n in st.inode {
            stat.extend_from_slice(&n.to_le_bytes());
        }
        Some(Stat {
            key: key(&[b"stat", &[kind as u8], path.as_bytes(), &stat]),
            racy,
        })
    }

    /// The file `path` (at `disk`, id `id`), its parse as a record of `kind` and the
    /// problems its parse found (as the caller kept them), read back without reading the
    /// file, when its stat is the one kept with them.
    pub(crate) fn known(
        &self,
        stat: &Stat,
        path: &str,
        disk: &Path,
        id: FileId,
        kind: RecordKind,
    ) -> Option<(SourceFile, Option<Parsed>, Vec<u8>)> {
        let hash = self
            .files
            .find(&stat.key, |b| <[u8; 16]>::try_from(b).ok())?;
        // Not found, the file is read and [`ParseCache::parse`] counts the miss.
        let kept = self.parses.find(&key(&[&[kind as u8], &hash]), |bytes| {
            crate::source::in_file(id, || postcard::from_bytes::<Kept>(bytes).ok())
        })?;
        let file = SourceFile::with_hash(path.to_string(), disk.to_path_buf(), kept.text, hash);
        self.unread.fetch_add(1, Relaxed);
        Some((file, kept.parsed, kept.problems))
    }

    /// Marks what the cache holds for the file of `stat`, a record of `kind`, as used by
    /// this run, without reading it back: the file's parse was held in memory, and what
    /// the cache holds of it must stay for the runs after.
    pub(crate) fn still_used(&self, stat: &Stat, kind: RecordKind) {
        if let Some(hash) = self.files.mark(&stat.key) {
            self.parses.mark(&key(&[&[kind as u8], hash]));
        }
    }

    /// The parse of `file` (id `id`) as a record of `kind`, and when it was read back,
    /// the problems kept with it: from the cache when it holds it, else from `parse`,
    /// which also gives the problems to keep with it (`None`: not to be kept). `stat`,
    /// the file's on disk, is kept with it.
    pub(crate) fn parse(
        &self,
        file: &SourceFile,
        id: FileId,
        kind: RecordKind,
        stat: Option<&Stat>,
        parse: impl FnOnce() -> (Option<Parsed>, Option<Vec<u8>>),
    ) -> (Option<Parsed>, Option<Vec<u8>>) {
        if !self.parses.is_on() {
            self.parses.misses.fetch_add(1, Relaxed);
            return (parse().0, None);
        }
        let hash = file.hash();
        let key = key(&[&[kind as u8], &hash]);
        let cached = self.parses.get(&key, |bytes| {
            crate::source::in_file(id, || {
                postcard::from_bytes::<KeptParse>(bytes)
                    .ok()
                    .map(|k| (k.parsed, k.problems))
            })
        });
        let got = match cached {
            Some((parsed, problems)) => (parsed, Some(problems)),
            None => {
                let (parsed, problems) = parse();
                let Some(problems) = problems else {
                    return (parsed, None);
                };
                let kept = KeptRef {
                    text: &file.text,
                    parsed: parsed.as_ref(),
                    problems: &problems,
                };
                let Ok(bytes) = postcard::to_stdvec(&kept) else {
                    return (parsed, None);
                };
                self.parses.put(key, bytes);
                (parsed, None)
            }
        };
        if let Some(stat) = stat
            && !stat.racy
        {
            self.files.put(stat.key, hash.to_vec());
        }
        got
    }

    /// How many records were read back, how many parsed, and how many of those read back
    /// were not read from their files.
    pub(crate) fn counts(&self) -> (usize, usize, usize) {
        let (hits, misses) = self.parses.counts();
        (hits, misses, self.unread.load(Relaxed))
    }

    /// See [`Store::save`].
    pub(crate) fn save(self) {
        let ParseCache { parses, files, .. } = self;
        parses.save();
        files.save();
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

/// The entries of a cache file written for `depends`, and whether it read back whole:
/// the entries of every segment before the first that does not (a later segment's entry
/// stands for an earlier one's of the same key). `None` for a file of another format,
/// version or `depends`.
fn index(bytes: &[u8], depends: &[u8; 32]) -> Option<(Held, bool)> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let head = rest.get(4..4 + len)?;
    let header: Header = postcard::from_bytes(head).ok()?;
    if header.format != FORMAT
        || header.docket != env!("CARGO_PKG_VERSION")
        || &header.depends != depends
    {
        return None;
    }
    let mut at = MAGIC.len() + 4 + len;
    let mut held = Held::default();
    while at < bytes.len() {
        let read = || -> Option<(Entries<'_>, usize)> {
            let len = u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
            let sum = bytes.get(at + 4..at + SEGMENT_HEAD)?;
            let start = at + SEGMENT_HEAD;
            let body = bytes.get(start..start.checked_add(len)?)?;
            if checksum(body) != sum {
                return None;
            }
            Some((postcard::from_bytes(body).ok()?, start + len))
        };
        let Some((entries, next)) = read() else {
            return Some((held, false));
        };
        held.reserve(entries.entries.len());
        for (key, entry) in entries.entries {
            let start = entry.as_ptr() as usize - bytes.as_ptr() as usize;
            let n = held.get(&key).map_or(held.len(), |e| e.2);
            held.insert(key, (start, start + entry.len(), n));
        }
        at = next;
    }
    Some((held, true))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The store in `file` with `put` added and `get` read back: what it held of `get`.
    fn run(file: &Path, get: &[u8], put: &[u8]) -> Vec<u8> {
        let store = Store::at(file.to_path_buf(), [7; 32]);
        let held: Vec<u8> = get
            .iter()
            .filter(|&&k| {
                store
                    .get(&[k; 16], |b| (b == [k; 3]).then_some(()))
                    .is_some()
            })
            .copied()
            .collect();
        for &k in put {
            store.put([k; 16], vec![k; 3]);
        }
        store.save();
        held
    }

    fn segments(file: &Path) -> usize {
        let bytes = std::fs::read(file).unwrap();
        let len = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
        let mut at = 12 + len;
        let mut n = 0;
        while at < bytes.len() {
            at += SEGMENT_HEAD + u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
            n += 1;
        }
        n
    }

    #[test]
    fn new_entries_are_appended_and_a_file_mostly_unused_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.bin");
        assert_eq!(run(&file, &[1], &[1, 2, 3, 4]), Vec::<u8>::new());
        assert_eq!(segments(&file), 1);
        // One entry added: one segment appended, and everything reads back.
        assert_eq!(run(&file, &[1, 2, 3, 4], &[5]), [1, 2, 3, 4]);
        assert_eq!(segments(&file), 2);
        assert_eq!(run(&file, &[1, 2, 3, 4, 5], &[]), [1, 2, 3, 4, 5]);
        assert_eq!(segments(&file), 2, "nothing new, nothing written");
        // Two of five unused: kept. Then four of five unused: written again with the one.
        assert_eq!(run(&file, &[1, 2, 3], &[]), [1, 2, 3]);
        assert_eq!(run(&file, &[1, 2, 3, 4, 5], &[]), [1, 2, 3, 4, 5]);
        assert_eq!(run(&file, &[5], &[]), [5]);
        assert_eq!(segments(&file), 1);
        assert_eq!(run(&file, &[1, 2, 3, 4, 5], &[]), [5]);
    }

    #[test]
    fn a_segment_that_does_not_read_back_ends_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.bin");
        run(&file, &[], &[1, 2]);
        run(&file, &[1, 2], &[3]);
        let whole = std::fs::read(&file).unwrap();
        // The last segment cut short, or one byte of it changed: the first is used.
        let mut flipped = whole.clone();
        *flipped.last_mut().unwrap() ^= 1;
        for bytes in [&whole[..whole.len() - 1], &flipped[..]] {
            std::fs::write(&file, bytes).unwrap();
            assert_eq!(run(&file, &[1, 2, 3], &[]), [1, 2]);
            // ... and the file was written again whole, with what was used.
            assert_eq!(segments(&file), 1);
            assert_eq!(run(&file, &[1, 2, 3], &[3]), [1, 2]);
            run(&file, &[1, 2, 3], &[]);
        }
        // Another `depends`: nothing is used.
        let other = Store::at(file.clone(), [8; 32]);
        assert!(other.get(&[1; 16], |_| Some(())).is_none());
    }
}
