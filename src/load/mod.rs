//! Load stage: walk the workspace, decide what each file is from where it sits, and read
//! files safely (size cap, UTF-8, no symlinks followed). Reading is done in parallel by
//! the caller; every problem is recorded (`model::problem`) and the walk goes on.

pub(crate) mod cache;
pub(crate) mod paths;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::did_you_mean;
use crate::git::snapshot::Snapshot;
use crate::model::problem::{
    BinaryFile, FileNotUtf8, FileTooLarge, LinkLands, LinkTarget, MinutesFileName, MisplacedFile,
    MisplacedHint, NotClientId, Problem, SymlinkSkipped, UnreadableFile, UnreadableFolder,
    Unusable, UnusableName,
};
use crate::model::records::RecordKind;
use crate::source::{FileId, SourceFile, Span};

/// Files larger than this are not read as records.
pub const MAX_RECORD_BYTES: u64 = 10 * 1024 * 1024;

/// What a file is, from its place in the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// `clients/<client>/client.md`
    Client { client: String },
    /// A record of a client, or of the agency (`client: None`, under `internal/`).
    Record {
        client: Option<String>,
        kind: RecordKind,
    },
    /// A file docket reports but does not read (misplaced, symlinked, too large...).
    Reported,
    /// `docket.yaml`, the workspace settings.
    Settings,
}

/// A file found by the walk, not yet read.
#[derive(Clone, Debug)]
pub struct Found {
    pub path: String,
    pub disk_path: PathBuf,
    pub place: Place,
    /// Problems known from the path alone (reported at the file's start by [`read`]).
    pub notes: Vec<PathNote>,
}

/// A problem known from a file's path alone, before the file has an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathNote {
    /// The file is a symbolic link, not followed; where it points when the walk read it.
    Symlink(Option<LinkTarget>),
    /// A `.md` file outside the record folders.
    Misplaced(MisplacedHint),
    /// The client folder's name (given) is not a client id.
    NotClientId(String),
    /// Minutes not named `YYYY-MM-DD-slug.md`.
    MinutesName,
    /// A name on the path cannot be written unmangled.
    UnusableName(Unusable),
}

impl PathNote {
    /// The problem, at `at`, the start of the file at workspace path `path` (with `/`).
    pub fn problem(&self, path: &str, at: Span) -> Problem {
        let path = path.to_string();
        match self {
            PathNote::Symlink(target) => SymlinkSkipped {
                at,
                path,
                target: target.clone(),
            }
            .into(),
            PathNote::Misplaced(hint) => MisplacedFile {
                at,
                path,
                hint: hint.clone(),
            }
            .into(),
            PathNote::NotClientId(client) => NotClientId {
                at,
                client: client.clone(),
            }
            .into(),
            PathNote::MinutesName => MinutesFileName { at, path }.into(),
            PathNote::UnusableName(why) => UnusableName {
                at,
                path,
                why: *why,
            }
            .into(),
        }
    }
}

/// The result of walking a workspace.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub found: Vec<Found>,
    /// Every regular file under `clients/` and `internal/`, relative, with `/`: link targets.
    pub files: BTreeSet<String>,
    /// Every symbolic link met under `clients/` and `internal/` (files and folders alike,
    /// not entered), relative, with `/`: a link or attachment naming one is reported.
    pub links: BTreeSet<String>,
    /// Client ids seen as folders under `clients/`.
    pub client_dirs: BTreeSet<String>,
    /// Problems of no particular file (unreadable folders).
    pub problems: Vec<Problem>,
}

const RECORD_DIRS: &[(&str, RecordKind)] = &[
    ("minutes", RecordKind::Minutes),
    ("orders", RecordKind::Order),
    ("schedules", RecordKind::Schedule),
    ("invoices", RecordKind::Invoice),
];

/// Client ids: lowercase letters, digits and `-`.
pub(crate) fn is_client_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `YYYY-MM-DD-slug.md`
fn is_minutes_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".md") else {
        return false;
    };
    stem.len() > 11
        && crate::model::values::parse_date(&stem[..10]).is_ok()
        && stem.as_bytes()[10] == b'-'
}

fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_') || name.eq_ignore_ascii_case("README.md")
}

/// Walks `root`'s `clients/` and `internal/` folders (in name order, for determinism).
/// `skip` is a folder not to enter (the build output when it lies inside the workspace).
pub(crate) fn walk(root: &Path, skip: Option<&Path>) -> Walk {
    use rayon::prelude::*;
    ROUND.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // The folders under `clients/` are walked in parallel, each on its own, and their
    // findings joined in the order of one walk sorted by file name.
    let mut trees: Vec<(PathBuf, &str, bool)> = Vec::new();
    for top in ["clients", "internal", "templates"] {
        let dir = root.join(top);
        if !dir.is_dir() {
            continue;
        }
        match (top, split_clients(&dir, skip)) {
            ("clients", Some(children)) => {
                // The top folder itself, alone (not entered), then each of its entries.
                trees.push((dir, top, false));
                trees.extend(children.into_iter().map(|child| (child, top, true)));
            }
            _ => trees.push((dir, top, true)),
        }
    }
    let parts: Vec<Walk> = trees
        .par_iter()
        .map(|(dir, top, enter)| walk_tree(root, dir, top, *enter, skip))
        .collect();
    let mut walk = Walk::default();
    for part in parts {
        walk.found.extend(part.found);
        walk.files.extend(part.files);
        walk.links.extend(part.links);
        walk.client_dirs.extend(part.client_dirs);
        walk.problems.extend(part.problems);
    }
    walk
}

/// The entries of `clients/` (`dir`) a walk would enter, sorted by file name: `None` when
/// the folder is a link or cannot be listed (the walk of the whole folder then reports
/// it).
fn split_clients(dir: &Path, skip: Option<&Path>) -> Option<Vec<PathBuf>> {
    // A link is not entered (the walk of the whole folder reports it).
    if !std::fs::symlink_metadata(dir).ok()?.is_dir() {
        return None;
    }
    let mut children: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .ok()?;
    children.retain(|c| !skipped(c, skip));
    children.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Some(children)
}

/// Whether the walk leaves `path` out: a hidden name, or the folder `skip`.
fn skipped(path: &Path, skip: Option<&Path>) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
    // The paths are built alike (the root joined with names), so their bytes compare as
    // the paths do, without parsing their components.
    hidden || skip.is_some_and(|s| path.as_os_str() == s.as_os_str())
}

/// The walk of the tree at `dir` under the top folder `top` (only `dir` itself unless
/// `enter`).
fn walk_tree(root: &Path, dir: &Path, top: &str, enter: bool, skip: Option<&Path>) -> Walk {
    let mut walk = Walk::default();
    // Not even the top folder is followed when it is a link.
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .follow_root_links(false)
        .max_depth(if enter { usize::MAX } else { 0 })
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skipped(e.path(), skip));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| top.to_string());
                walk.problems.push(
                    UnreadableFolder {
                        path,
                        error: err.to_string(),
                    }
                    .into(),
                );
                continue;
            }
        };
        let (rel, unusable) = inner_path(root, entry.path());
        let parts: Vec<&str> = rel.split('/').collect();
        if top == "clients" && parts.len() == 2 && entry.file_type().is_dir() {
            walk.client_dirs.insert(parts[1].to_string());
        }
        if entry.file_type().is_symlink() {
            if top != "templates" {
                walk.links.insert(rel.clone());
            }
            let target = std::fs::read_link(entry.path()).unwrap_or_default();
            let whole_root = std::fs::canonicalize(root).unwrap_or_default();
            let lands = match std::fs::canonicalize(entry.path()) {
                Ok(t) if t.starts_with(&whole_root) => LinkLands::Inside,
                Ok(_) => LinkLands::Outside,
                Err(_) => LinkLands::Nowhere,
            };
            walk.found.push(Found {
                path: rel.clone(),
                disk_path: entry.path().to_path_buf(),
                place: Place::Reported,
                notes: vec![PathNote::Symlink(Some(LinkTarget {
                    written: target.display().to_string(),
                    lands,
                }))],
            });
            continue;
        }
        // Templates are only looked at for links; they are read when rendering.
        if !entry.file_type().is_file() || top == "templates" {
            continue;
        }
        walk.files.insert(rel.clone());
        if let Some(mut found) = classify(&rel, &parts, entry.path()) {
            if let Some(note) = unusable {
                found.notes.push(note);
            }
            walk.found.push(found);
        }
    }
    walk
}

/// The path of `path` below `root` (with `/`, lossy) and, when a name on the way cannot
/// be used, why ([`unusable_name`]): from the path's bytes where they are the names
/// joined with `/`, which is most of a walk's time otherwise.
fn inner_path(root: &Path, path: &Path) -> (String, Option<PathNote>) {
    #[cfg(unix)]
    {
        let bytes = path.as_os_str().as_encoded_bytes();
        let inner = bytes
            .strip_prefix(root.as_os_str().as_encoded_bytes())
            .map(|rest| rest.strip_prefix(b"/").unwrap_or(rest));
        if let Some(inner) = inner
            && !inner.starts_with(b"/")
        {
            return match std::str::from_utf8(inner) {
                Ok(rel) => {
                    let note = rel
                        .chars()
                        .any(char::is_control)
                        .then_some(PathNote::UnusableName(Unusable::Control));
                    (rel.to_string(), note)
                }
                Err(_) => (
                    String::from_utf8_lossy(inner).into_owned(),
                    Some(PathNote::UnusableName(Unusable::NotUtf8)),
                ),
            };
        }
    }
    (relative(root, path), unusable_name(root, path))
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// What the file at workspace path `rel` (with `/`) is, from its place alone; `None` if
/// docket ignores it.
pub(crate) fn place_of(rel: &str) -> Option<Place> {
    let parts: Vec<&str> = rel.split('/').collect();
    classify(rel, &parts, Path::new(rel)).map(|f| f.place)
}

/// What the file at `rel` is, or `None` if docket ignores it.
pub(crate) fn classify(rel: &str, parts: &[&str], disk: &Path) -> Option<Found> {
    let name = *parts.last()?;
    if !name.ends_with(".md") || is_ignored_name(name) {
        return None;
    }
    let found = |place: Place, notes: Vec<PathNote>| {
        Some(Found {
            path: rel.to_string(),
            disk_path: disk.to_path_buf(),
            place,
            notes,
        })
    };
    let misplaced = |hint: MisplacedHint| found(Place::Reported, vec![PathNote::Misplaced(hint)]);
    match parts {
        ["internal", "minutes", file] => {
            let mut notes = Vec::new();
            if !is_minutes_name(file) {
                notes.push(PathNote::MinutesName);
            }
            found(
                Place::Record {
                    client: None,
                    kind: RecordKind::Minutes,
                },
                notes,
            )
        }
        ["internal", ..] => misplaced(MisplacedHint::Internal),
        ["clients", client, rest @ ..] => {
            let mut notes = Vec::new();
            if !is_client_id(client) {
                notes.push(PathNote::NotClientId(client.to_string()));
            }
            match rest {
                ["client.md"] => found(
                    Place::Client {
                        client: client.to_string(),
                    },
                    notes,
                ),
                ["files", ..] => None,
                [dir, file] => {
                    let Some((_, kind)) = RECORD_DIRS.iter().find(|(d, _)| d == dir) else {
                        let close = did_you_mean(dir, RECORD_DIRS.iter().map(|(d, _)| *d));
                        return misplaced(match close {
                            Some(c) => MisplacedHint::DidYouMean(c.to_string()),
                            None => MisplacedHint::RecordFolders,
                        });
                    };
                    if *kind == RecordKind::Minutes && !is_minutes_name(file) {
                        notes.push(PathNote::MinutesName);
                    }
                    found(
                        Place::Record {
                            client: Some(client.to_string()),
                            kind: *kind,
                        },
                        notes,
                    )
                }
                _ => misplaced(MisplacedHint::RecordFolders),
            }
        }
        _ => None,
    }
}

/// A note when a name on `path`'s way from `root` is not UTF-8 or holds a control
/// character (a line break, a tab): such names cannot be written in a link, a report or
/// a terminal line without being mangled, and are refused rather than passed on.
pub(crate) fn unusable_name(root: &Path, path: &Path) -> Option<PathNote> {
    let inner = path.strip_prefix(root).unwrap_or(path);
    let names = inner.components().map(|c| c.as_os_str());
    let why = names.into_iter().find_map(|name| match name.to_str() {
        None => Some(Unusable::NotUtf8),
        Some(n) if n.chars().any(char::is_control) => Some(Unusable::Control),
        Some(_) => None,
    })?;
    Some(PathNote::UnusableName(why))
}

/// Why a workspace file was not opened.
#[derive(Debug)]
pub(crate) enum Refused {
    /// This path (relative, with `/`), on the way or at the end, is a symbolic link.
    Link(String),
    Io(std::io::Error),
}

impl From<std::io::Error> for Refused {
    fn from(e: std::io::Error) -> Self {
        Refused::Io(e)
    }
}

/// The workspace root of `disk`, the file at workspace path `rel` (with `/`).
fn root_of(disk: &Path, rel: &str) -> PathBuf {
    let depth = rel.split('/').filter(|p| !p.is_empty()).count();
    disk.ancestors()
        .nth(depth)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Opens the regular file at `rel` (relative) under `root` for reading, following no
/// symbolic link below `root`: each folder on the way and the file itself are opened
/// with `O_NOFOLLOW`, one from the other, so a link swapped in while docket runs is
/// refused too. A path with `..`, or anything but a regular file at its end (a folder, a
/// FIFO that would block), is refused as an error.
pub(crate) fn open_in(root: &Path, rel: &Path) -> Result<std::fs::File, Refused> {
    use std::path::Component;
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(name) => parts.push(name),
            Component::CurDir => {}
            _ => {
                return Err(Refused::Io(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("`{}` is not a path inside the workspace", rel.display()),
                )));
            }
        }
    }
    if parts.is_empty() {
        return Err(Refused::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "an empty path",
        )));
    }
    let file = open_parts(root, &parts)?;
    if !file.metadata()?.is_file() {
        return Err(Refused::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("`{}` is not a regular file", rel.display()),
        )));
    }
    Ok(file)
}

/// [`open_in`] for `disk`, the file at workspace path `rel` (with `/`).
pub(crate) fn open_workspace_file(disk: &Path, rel: &str) -> Result<std::fs::File, Refused> {
    let root = root_of(disk, rel);
    open_in(&root, disk.strip_prefix(&root).unwrap_or(Path::new(rel)))
}

/// The parts up to `i`, as a workspace path with `/`.
fn joined(parts: &[&std::ffi::OsStr], i: usize) -> String {
    parts[..=i]
        .iter()
        .map(|p| p.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Counts the walks of a workspace on disk: a folder kept open by [`open_at_once`] serves
/// the files of one walk only, so a long-running command (the language server) sees a
/// workspace folder that was replaced.
/// What the file system says of a file, for the parse cache's stat index.
pub(crate) struct FileStat {
    pub is_file: bool,
    pub size: u64,
    pub modified: std::time::SystemTime,
    /// When its inode last changed (a write, a rename, a time set by hand), on Unix.
    pub changed: Option<std::time::SystemTime>,
    /// Device, inode and mode, on Unix.
    pub inode: [u64; 3],
}

/// The stat of the file at `disk`, not following a link at its end. On Linux it is asked
/// of the file's folder (kept open by each thread for the next file, for one walk), which
/// spares the kernel looking up every folder of the path for every file.
pub(crate) fn stat_file(disk: &Path) -> Option<FileStat> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags, openat, statat};
        use std::cell::RefCell;
        use std::os::fd::OwnedFd;
        thread_local! {
            static FOLDER: RefCell<Option<(u64, PathBuf, OwnedFd)>> = const { RefCell::new(None) };
        }
        let round = ROUND.load(std::sync::atomic::Ordering::Relaxed);
        let (parent, name) = (disk.parent()?, disk.file_name()?);
        return FOLDER.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell
                .as_ref()
                .is_none_or(|(n, p, _)| *n != round || p.as_path() != parent)
            {
                let folder = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                let fd = openat(CWD, parent, folder, Mode::empty()).ok()?;
                *cell = Some((round, parent.to_path_buf(), fd));
            }
            let (_, _, fd) = cell.as_ref()?;
            let st = statat(fd, name, AtFlags::SYMLINK_NOFOLLOW).ok()?;
            let time = |s: i64, ns: i64| {
                let s = u64::try_from(s).ok()?;
                Some(
                    std::time::UNIX_EPOCH
                        + std::time::Duration::new(s, ns.clamp(0, 999_999_999) as u32),
                )
            };
            Some(FileStat {
                is_file: FileType::from_raw_mode(st.st_mode) == FileType::RegularFile,
                size: st.st_size as u64,
                modified: time(st.st_mtime, st.st_mtime_nsec as i64)?,
                changed: time(st.st_ctime, st.st_ctime_nsec as i64),
                inode: [st.st_dev, st.st_ino, u64::from(st.st_mode)],
            })
        });
    }
    #[allow(unreachable_code)]
    {
        let meta = std::fs::symlink_metadata(disk).ok()?;
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            let changed = u64::try_from(meta.ctime()).ok().map(|s| {
                std::time::UNIX_EPOCH
                    + std::time::Duration::new(s, meta.ctime_nsec().clamp(0, 999_999_999) as u32)
            });
            (changed, [meta.dev(), meta.ino(), u64::from(meta.mode())])
        };
        #[cfg(not(unix))]
        let (changed, inode) = (None, [0; 3]);
        Some(FileStat {
            is_file: meta.file_type().is_file(),
            size: meta.len(),
            modified: meta.modified().ok()?,
            changed,
            inode,
        })
    }
}

static ROUND: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The file at `parts` under `root` in one call: `openat2` from the root's folder (kept
/// open by each thread for the next file) resolving no symbolic link and nothing outside
/// the root. `None` when that cannot say why it failed (a link on the way, a kernel
/// without `openat2`): the walk folder by folder then opens the file or names the link.
#[cfg(target_os = "linux")]
fn open_at_once(root: &Path, parts: &[&std::ffi::OsStr]) -> Option<std::fs::File> {
    use rustix::fs::{CWD, Mode, OFlags, ResolveFlags, openat, openat2};
    use std::cell::RefCell;
    use std::os::fd::OwnedFd;
    thread_local! {
        static ROOT: RefCell<Option<(u64, PathBuf, OwnedFd)>> = const { RefCell::new(None) };
    }
    let round = ROUND.load(std::sync::atomic::Ordering::Relaxed);
    let mut rel = PathBuf::new();
    for part in parts {
        rel.push(part);
    }
    ROOT.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell
            .as_ref()
            .is_none_or(|(n, r, _)| *n != round || r != root)
        {
            let folder = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let fd = openat(CWD, root, folder, Mode::empty()).ok()?;
            *cell = Some((round, root.to_path_buf(), fd));
        }
        let (_, _, fd) = cell.as_ref()?;
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let resolve = ResolveFlags::NO_SYMLINKS | ResolveFlags::BENEATH;
        let file = std::fs::File::from(openat2(fd, &rel, flags, Mode::empty(), resolve).ok()?);
        // Back to blocking reads for the caller.
        rustix::fs::fcntl_setfl(&file, OFlags::empty()).ok()?;
        Some(file)
    })
}

#[cfg(target_os = "linux")]
fn open_parts(root: &Path, parts: &[&std::ffi::OsStr]) -> Result<std::fs::File, Refused> {
    use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags, openat, statat};
    if let Some(file) = open_at_once(root, parts) {
        return Ok(file);
    }
    let folder = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    let mut at = openat(CWD, root, folder, Mode::empty()).map_err(std::io::Error::from)?;
    for (i, part) in parts.iter().enumerate() {
        let flags = if i + 1 == parts.len() {
            // Non-blocking, so that a FIFO put in a file's place does not hang the open.
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC
        } else {
            folder | OFlags::NOFOLLOW
        };
        match openat(&at, *part, flags, Mode::empty()) {
            Ok(fd) => at = fd,
            Err(e) => {
                let link = statat(&at, *part, AtFlags::SYMLINK_NOFOLLOW)
                    .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Symlink);
                return Err(match link {
                    true => Refused::Link(joined(parts, i)),
                    false => Refused::Io(e.into()),
                });
            }
        }
    }
    let file = std::fs::File::from(at);
    // Back to blocking reads for the caller.
    rustix::fs::fcntl_setfl(&file, OFlags::empty()).map_err(std::io::Error::from)?;
    Ok(file)
}

#[cfg(not(target_os = "linux"))]
fn open_parts(root: &Path, parts: &[&std::ffi::OsStr]) -> Result<std::fs::File, Refused> {
    let mut path = root.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        if std::fs::symlink_metadata(&path)?.file_type().is_symlink() {
            return Err(Refused::Link(joined(parts, i)));
        }
    }
    Ok(std::fs::File::open(&path)?)
}

/// What [`walk`] finds on disk, found in commit `snapshot`: the same places, the same
/// notes, in the same (name) order.
pub(crate) fn walk_commit(snapshot: &Snapshot) -> Walk {
    let mut walk = Walk::default();
    // Folder by folder, each in name order, as the walk on disk goes.
    let mut paths: Vec<(&str, bool)> = snapshot.entries().collect();
    paths.sort_by(|a, b| a.0.split('/').cmp(b.0.split('/')));
    for (path, link) in paths {
        let parts: Vec<&str> = path.split('/').collect();
        if !matches!(parts.first(), Some(&"clients") | Some(&"internal")) {
            continue;
        }
        // Hidden files and folders are not read, as on disk.
        if parts[1..].iter().any(|p| p.starts_with('.')) {
            continue;
        }
        if parts[0] == "clients" && parts.len() > 2 {
            walk.client_dirs.insert(parts[1].to_string());
        }
        let disk = snapshot.root().join(path);
        if link {
            walk.links.insert(path.to_string());
            walk.found.push(Found {
                path: path.to_string(),
                disk_path: disk,
                place: Place::Reported,
                notes: vec![PathNote::Symlink(None)],
            });
            continue;
        }
        walk.files.insert(path.to_string());
        if let Some(mut found) = classify(path, &parts, &disk) {
            if let Some(note) = unusable_name(Path::new(""), Path::new(path)) {
                found.notes.push(note);
            }
            walk.found.push(found);
        }
    }
    walk
}

/// Unsaved texts that stand in for files on disk, by workspace path
/// (`clients/acme/orders/WO-2026-0001.md`): the editor's buffers, for the language server.
pub type Overlay = std::collections::HashMap<String, String>;

/// Where a workspace's files are read from.
#[derive(Clone, Copy, Debug)]
pub enum Files<'a> {
    /// The folder on disk, with unsaved editor buffers standing in for some files.
    Disk(&'a Overlay),
    /// A commit of the workspace's repository (`--at REV`).
    Commit(&'a Snapshot),
}

/// Reads one file as text, recording its path's notes, and files too large, unreadable
/// or not UTF-8, in `problems`. The returned file always exists (empty when unreadable)
/// so problems can point into it.
pub fn read(
    found: &Found,
    id: FileId,
    from: &Files,
    problems: &mut Vec<Problem>,
) -> (SourceFile, bool) {
    let empty = || SourceFile::new(found.path.clone(), found.disk_path.clone(), String::new());
    let start = Span::file_start(id);
    for note in &found.notes {
        problems.push(note.problem(&found.path, start));
    }
    if found.place == Place::Reported {
        return (empty(), false);
    }
    // Read through one handle, at most one byte past the limit, so a file that grows
    // while it is read is still refused rather than read whole.
    let mut bytes = Vec::new();
    let read = match from {
        Files::Disk(overlay) if overlay.contains_key(&found.path) => {
            bytes.extend_from_slice(overlay[&found.path].as_bytes());
            Ok(bytes.len())
        }
        Files::Disk(_) => match open_workspace_file(&found.disk_path, &found.path) {
            Ok(file) => Ok(file),
            Err(Refused::Link(link)) => {
                problems.push(
                    SymlinkSkipped {
                        at: start,
                        path: link,
                        target: None,
                    }
                    .into(),
                );
                return (empty(), false);
            }
            Err(Refused::Io(e)) => Err(e),
        }
        .and_then(|file| {
            let len = file.metadata()?.len();
            if len <= MAX_RECORD_BYTES {
                bytes.reserve(len as usize);
            }
            file.take(MAX_RECORD_BYTES + 1).read_to_end(&mut bytes)
        }),
        Files::Commit(snapshot) => match snapshot.size(&found.path) {
            Some(size) if size > MAX_RECORD_BYTES => {
                bytes.resize(MAX_RECORD_BYTES as usize + 1, 0);
                Ok(bytes.len())
            }
            _ => snapshot.bytes(&found.path).map(|b| {
                bytes = b;
                bytes.len()
            }),
        },
    };
    if let Err(err) = read {
        problems.push(
            UnreadableFile {
                at: start,
                error: err.to_string(),
            }
            .into(),
        );
        return (empty(), false);
    }
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        let size = match from {
            Files::Commit(snapshot) => snapshot.size(&found.path),
            Files::Disk(_) => std::fs::metadata(&found.disk_path).ok().map(|m| m.len()),
        }
        .unwrap_or(bytes.len() as u64);
        problems.push(
            FileTooLarge {
                at: start,
                size,
                limit: MAX_RECORD_BYTES,
            }
            .into(),
        );
        return (empty(), false);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let nul = text.find('\0');
            let file = SourceFile::new(found.path.clone(), found.disk_path.clone(), text);
            if let Some(at) = nul {
                problems.push(
                    BinaryFile {
                        at: Span::new(id, at, at + 1),
                    }
                    .into(),
                );
                return (file, false);
            }
            (file, true)
        }
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            // The lossy text has the same bytes up to the first bad one.
            let file = SourceFile::new(found.path.clone(), found.disk_path.clone(), text);
            problems.push(
                FileNotUtf8 {
                    at: Span::new(id, at, at + '\u{fffd}'.len_utf8()),
                }
                .into(),
            );
            (file, false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let c = |rel: &str| {
            let parts: Vec<&str> = rel.split('/').collect();
            classify(rel, &parts, Path::new(rel)).map(|f| (f.place, f.notes.len()))
        };
        assert_eq!(
            c("clients/acme/orders/WO-1.md"),
            Some((
                Place::Record {
                    client: Some("acme".into()),
                    kind: RecordKind::Order
                },
                0
            ))
        );
        assert_eq!(c("clients/acme/minutes/notes.md").map(|f| f.1), Some(1));
        assert_eq!(
            c("clients/acme/minute/2026-11-09-a.md").map(|f| f.0),
            Some(Place::Reported)
        );
        assert_eq!(c("clients/acme/files/a.md"), None);
        assert_eq!(c("clients/acme/README.md"), None);
        assert_eq!(c("clients/Acme Co/client.md").map(|f| f.1), Some(1));
        assert_eq!(
            c("internal/minutes/2026-11-09-review.md").map(|f| f.0),
            Some(Place::Record {
                client: None,
                kind: RecordKind::Minutes
            })
        );
    }
}

#[cfg(test)]
mod open_tests {
    use super::{Refused, open_in};
    use std::path::Path;

    #[test]
    fn opening_follows_no_link_below_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/files")).unwrap();
        std::fs::write(root.join("a/files/x.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("a/files/x.txt"), root.join("a/files/y.txt")).unwrap();
        std::os::unix::fs::symlink("files", root.join("a/linked")).unwrap();
        assert!(open_in(root, Path::new("a/files/x.txt")).is_ok());
        let link = |rel: &str| match open_in(root, Path::new(rel)) {
            Err(Refused::Link(at)) => at,
            other => panic!("{rel}: {other:?}"),
        };
        assert_eq!(link("a/files/y.txt"), "a/files/y.txt");
        assert_eq!(link("a/linked/x.txt"), "a/linked");
        for bad in ["a/../a/files/x.txt", "a/files", "", "a/files/none.txt"] {
            assert!(
                matches!(open_in(root, Path::new(bad)), Err(Refused::Io(_))),
                "{bad}"
            );
        }
        // A FIFO in a file's place is refused at once, not waited on.
        let fifo = root.join("a/files/pipe");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        assert!(matches!(
            open_in(root, Path::new("a/files/pipe")),
            Err(Refused::Io(_))
        ));
    }
}
