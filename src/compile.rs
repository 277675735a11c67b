//! Compiling a workspace: load, parse, link, read the history, check. What it returns
//! is complete: the workspace, the history and sign-off provenance, and every
//! diagnostic with its configured severity.

use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::git::NoHistory;
use crate::history::provenance::{History, Provenance};
use crate::link::{Unlinked, Workspace};
use crate::load::{self, Place};
use crate::model::records::RecordKind;
use crate::source::{FileId, SourceFile, SourceMap};
use crate::{check, diag, link, model, parse, progress};

/// Time spent per stage, and how much history was read.
#[derive(Debug, Default)]
pub struct Timings {
    pub stages: Vec<(&'static str, std::time::Duration)>,
    pub commits_read: usize,
    pub paths_indexed: usize,
    /// Records read back from the parse cache, and records parsed.
    pub from_cache: usize,
    pub parsed: usize,
    /// Of those read back, the files not read at all: their stat was the one kept.
    pub unread: usize,
    /// Files a long-running process held from its last compile ([`Resident`]): neither
    /// read nor read back.
    pub held: usize,
}

/// A checked workspace: the model and every diagnostic, sorted, with severities as the
/// workspace configured them.
#[derive(Debug)]
pub struct Compiled {
    pub ws: Workspace,
    /// The history read and what it says of each sign-off; why there is none when the
    /// command did not ask for it, or the workspace has no repository.
    pub provenance: Result<Provenance, NoHistory>,
    /// How long each stage took (for `docket check --timings` and the benchmarks).
    pub timings: Timings,
    pub diagnostics: Vec<Diagnostic>,
    pub today: NaiveDate,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == diag::Severity::Error)
    }
}

/// How much of the workspace a command needs compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compile {
    /// Everything, git history included: `check` (whose messages name commits, and which
    /// verifies who committed each sign-off).
    WithHistory,
    /// Everything but git history, for commands whose results do not depend on it: which
    /// sign-offs hold, and every error, come from the records alone.
    WithoutHistory,
}

/// Loads, parses, links and checks the workspace at `root`, reading its git history.
pub fn compile(root: &Path, today: Option<NaiveDate>) -> Result<Compiled, Error> {
    compile_with(root, today, Compile::WithHistory)
}

/// Loads, parses, links and checks the workspace at `root`, reading its git history when
/// `how` says so.
pub fn compile_with(
    root: &Path,
    today: Option<NaiveDate>,
    how: Compile,
) -> Result<Compiled, Error> {
    compile_overlay(root, today, how, &Overlay::new())
}

pub(crate) use crate::load::Overlay;

/// [`compile_with`], reading each file of `overlay` from there instead of the disk.
pub(crate) fn compile_overlay(
    root: &Path,
    today: Option<NaiveDate>,
    how: Compile,
    overlay: &Overlay,
) -> Result<Compiled, Error> {
    compile_from(root, today, how, overlay, None, None)
}

/// [`compile_overlay`] for a long-running process: the files `resident` holds from the
/// last compile are used again where they are the same (same path and id, and the same
/// text or the same trusted stat), and `resident` is left holding this compile's.
pub(crate) fn compile_resident(
    root: &Path,
    how: Compile,
    overlay: &Overlay,
    resident: &mut Resident,
) -> Result<Compiled, Error> {
    compile_from(root, None, how, overlay, None, Some(resident))
}

/// What a long-running process keeps of one compile for the next: each file's text, parse
/// and parse diagnostics, shared with that compile's workspace.
#[derive(Default)]
pub(crate) struct Resident {
    /// The settings the files were parsed with: other settings, other parses.
    settings: String,
    files: rustc_hash::FxHashMap<String, HeldFile>,
}

/// One file as [`Resident`] holds it.
struct HeldFile {
    id: FileId,
    /// Its stat on disk, when it was read from there and the stat can be trusted.
    stat: Option<load::cache::Key>,
    file: std::sync::Arc<SourceFile>,
    parsed: Option<std::sync::Arc<parse::Parsed>>,
    worded: Vec<Diagnostic>,
}

/// One file loaded: its text, its parse, its parse diagnostics, and its trusted stat.
struct Loaded {
    file: std::sync::Arc<SourceFile>,
    parsed: Option<std::sync::Arc<parse::Parsed>>,
    worded: Vec<Diagnostic>,
    stat: Option<load::cache::Key>,
}

/// [`compile_with`] on the workspace as commit `rev` of its repository has it, read from
/// git's objects (the working tree is not read). Without `today`, today is the day of
/// the commit (its author date, in the workspace timezone).
pub fn compile_at(
    root: &Path,
    rev: &str,
    today: Option<NaiveDate>,
    how: Compile,
) -> Result<Compiled, Error> {
    let snapshot = crate::git::snapshot::Snapshot::read(root, rev)?;
    compile_from(
        root,
        today,
        how,
        &Overlay::new(),
        Some(std::sync::Arc::new(snapshot)),
        None,
    )
}

/// Either `--at REV` or the folder on disk: [`compile_at`] or [`compile_with`].
pub(crate) fn compile_maybe_at(
    root: &Path,
    at: Option<&str>,
    today: Option<NaiveDate>,
    how: Compile,
) -> Result<Compiled, Error> {
    match at {
        Some(rev) => compile_at(root, rev, today, how),
        None => compile_with(root, today, how),
    }
}

/// The compile behind them all: files come from commit `at` when given, else from the
/// disk with `overlay` standing in for some.
fn compile_from(
    root: &Path,
    today: Option<NaiveDate>,
    how: Compile,
    overlay: &Overlay,
    at: Option<std::sync::Arc<crate::git::snapshot::Snapshot>>,
    mut resident: Option<&mut Resident>,
) -> Result<Compiled, Error> {
    let files = match &at {
        Some(snapshot) => load::Files::Commit(snapshot),
        None => load::Files::Disk(overlay),
    };
    let config_path = root.join("docket.yaml");
    let has_settings = match files {
        load::Files::Commit(snapshot) => snapshot.has("docket.yaml"),
        load::Files::Disk(_) => config_path.is_file(),
    };
    if !has_settings {
        return Err(Error::NotWorkspace(root.to_path_buf()));
    }
    let mut timings = Timings::default();
    let mut clock = std::time::Instant::now();
    let mut lap = |timings: &mut Timings, stage: &'static str| {
        timings.stages.push((stage, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    // The history does not depend on the files: it is read while they are.
    let reading = (how == Compile::WithHistory).then(|| {
        let (root, at) = (root.to_path_buf(), at.as_ref().map(|s| s.id));
        std::thread::spawn(move || History::read(&root, at))
    });
    let mut diags = Vec::new();
    let mut problems = Vec::new();
    let mut sources = SourceMap::default();
    let settings = load::Found {
        path: "docket.yaml".into(),
        disk_path: config_path,
        place: Place::Settings,
        notes: Vec::new(),
    };
    let config_file = FileId(sources.len() as u32);
    let (file, readable) = load::read(&settings, config_file, &files, &mut problems);
    sources.add(file);
    let config = match readable {
        true => parse::settings::read_file(sources.get(config_file), config_file, &mut problems),
        false => model::settings::Config::default(),
    };

    // The cache's files are read while the workspace's folders are walked.
    let settings_text = &sources.get(config_file).text;
    let (walk, cache) = std::thread::scope(|scope| {
        let cache = scope.spawn(|| match &at {
            // A commit's files are parsed afresh: its parses would push the working tree's
            // out.
            Some(_) => load::cache::ParseCache::off(),
            None => load::cache::ParseCache::open(root, settings_text),
        });
        let walk = match files {
            load::Files::Commit(snapshot) => load::walk_commit(snapshot),
            load::Files::Disk(_) => load::walk(root, Some(&root.join("_site"))),
        };
        let cache = cache
            .join()
            .unwrap_or_else(|_| load::cache::ParseCache::off());
        (walk, cache)
    });
    problems.extend(walk.problems);
    let first = sources.len();
    lap(&mut timings, "find files");
    progress::stage("loading", walk.found.len());
    // Each file's problems are worded here, in parallel with the other files'.
    let settings_text = &sources.get(config_file).text;
    let held = match resident.as_deref_mut() {
        Some(r) if r.settings == *settings_text && at.is_none() => std::mem::take(&mut r.files),
        _ => Default::default(),
    };
    let reused = std::sync::atomic::AtomicUsize::new(0);
    let loaded: Vec<Loaded> = walk
        .found
        .par_iter()
        .enumerate()
        .map(|(i, found)| {
            let id = FileId((first + i) as u32);
            let mut problems = Vec::new();
            let kind = match &found.place {
                Place::Client { .. } => Some(RecordKind::Client),
                Place::Record { kind, .. } => Some(*kind),
                Place::Reported | Place::Settings => None,
            };
            // A file on disk whose stat is the one the cache kept is not read again.
            let in_overlay = match &files {
                load::Files::Disk(overlay) => overlay.get(&found.path),
                load::Files::Commit(_) => None,
            };
            let stat = match (&files, kind) {
                (load::Files::Disk(_), Some(kind))
                    if found.notes.is_empty() && in_overlay.is_none() =>
                {
                    cache.stat(&found.disk_path, &found.path, kind)
                }
                _ => None,
            };
            let trusted = stat.as_ref().and_then(|s| s.trusted());
            // What the last compile of a long-running process holds, when the file is
            // the same: the same id (its spans name it), and the same text or stat.
            if let Some(h) = held.get(&found.path)
                && h.id == id
                && found.notes.is_empty()
                && match in_overlay {
                    Some(text) => *text == h.file.text,
                    None => trusted.is_some() && h.stat == trusted,
                }
            {
                if let (Some(stat), Some(kind)) = (&stat, kind) {
                    cache.still_used(stat, kind);
                }
                reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                progress::step();
                return Loaded {
                    file: h.file.clone(),
                    parsed: h.parsed.clone(),
                    worded: h.worded.clone(),
                    stat: h.stat,
                };
            }
            let loaded = |file: SourceFile, parsed: Option<parse::Parsed>, worded| {
                progress::step();
                Loaded {
                    file: std::sync::Arc::new(file),
                    parsed: parsed.map(std::sync::Arc::new),
                    worded,
                    stat: trusted,
                }
            };
            if let (Some(stat), Some(kind)) = (&stat, kind)
                && let Some((file, parsed, kept)) =
                    cache.known(stat, &found.path, &found.disk_path, id, kind)
                && let Some(worded) = unkeep(&kept, id)
            {
                return loaded(file, parsed, worded);
            }
            let (file, readable) = load::read(found, id, &files, &mut problems);
            let mut worded = Vec::new();
            let parsed = match kind {
                Some(kind) if readable => {
                    let (parsed, kept) = cache.parse(&file, id, kind, stat.as_ref(), || {
                        let before = problems.len();
                        let parsed = parse::parse_record(&file, id, kind, &config, &mut problems);
                        let found: Vec<Diagnostic> =
                            problems.drain(before..).map(|p| check::word(&p)).collect();
                        let kept = keep(&found);
                        worded = found;
                        (parsed, kept)
                    });
                    if let Some(kept) = kept {
                        match unkeep(&kept, id) {
                            Some(found) => worded = found,
                            // Kept by another build's rules: parsed again.
                            None => {
                                let before = problems.len();
                                let parsed =
                                    parse::parse_record(&file, id, kind, &config, &mut problems);
                                worded =
                                    problems.drain(before..).map(|p| check::word(&p)).collect();
                                worded.splice(0..0, problems.iter().map(check::word));
                                return loaded(file, parsed, worded);
                            }
                        }
                    }
                    parsed
                }
                _ => None,
            };
            // The file's own problems (its path, reading it) come before its parse's.
            worded.splice(0..0, problems.iter().map(check::word));
            loaded(file, parsed, worded)
        })
        .collect();
    drop(held);
    timings.held = reused.into_inner();

    let mut clients = Vec::new();
    let mut records = Vec::with_capacity(loaded.len());
    let mut keeping = resident.is_some().then(rustc_hash::FxHashMap::default);
    for (found, l) in walk.found.iter().zip(loaded) {
        let id = sources.add_shared(l.file.clone());
        if let Some(keeping) = &mut keeping {
            keeping.insert(
                found.path.clone(),
                HeldFile {
                    id,
                    stat: l.stat,
                    file: l.file,
                    parsed: l.parsed.clone(),
                    worded: l.worded.clone(),
                },
            );
        }
        diags.extend(l.worded);
        match &found.place {
            Place::Client { client } => clients.push((client.clone(), id, l.parsed)),
            Place::Record { client, .. } => {
                if let Some(p) = l.parsed {
                    records.push((client.clone(), id, p));
                }
            }
            Place::Reported | Place::Settings => {}
        }
    }
    if let (Some(r), Some(keeping)) = (resident, keeping) {
        r.settings = sources.get(config_file).text.clone();
        r.files = keeping;
    }
    (timings.from_cache, timings.parsed, timings.unread) = cache.counts();
    // Written while the workspace is linked and checked.
    let saving = std::thread::spawn(move || cache.save());
    lap(&mut timings, "load and parse");
    let ws = link::link(
        Unlinked {
            root: root.to_path_buf(),
            config,
            config_file: Some(config_file),
            sources,
            files: walk.files,
            links: walk.links,
            client_dirs: walk.client_dirs,
            clients,
            records,
            at: at.clone(),
        },
        &mut problems,
    );
    diags.extend(problems.iter().map(check::word));
    lap(&mut timings, "link");
    let provenance = match reading {
        None => Err(NoHistory::NotRead),
        Some(reading) => {
            let history = reading
                .join()
                .unwrap_or_else(|_| History::read(root, at.as_ref().map(|s| s.id)));
            if let Ok(h) = &history {
                timings.commits_read = h.commits.len();
                timings.paths_indexed = h.versions.len();
            }
            lap(&mut timings, "git history");
            let provenance = history.map(|history| Provenance::trace(&ws, history));
            lap(&mut timings, "sign-off provenance");
            if let Ok(p) = &provenance
                && at.is_none()
            {
                p.history.save_cache();
                lap(&mut timings, "history cache saved");
            }
            provenance
        }
    };
    let today = today.unwrap_or_else(|| match &at {
        Some(snapshot) => ws.config.timezone.date_of_timestamp(snapshot.time),
        None => ws.config.timezone.today(),
    });
    diags.extend(check::check(&ws, &provenance, today));
    lap(&mut timings, "check");
    let mut diagnostics: Vec<Diagnostic> = diags
        .into_iter()
        .filter_map(|mut d| {
            d.severity = check::codes::severity(&ws.config, d.rule)?;
            Some(d)
        })
        .collect();
    diag::sort(&mut diagnostics, &ws.sources);
    let _ = saving.join();
    Ok(Compiled {
        timings,
        ws,
        provenance,
        diagnostics,
        today,
    })
}

/// A file's parse diagnostics as the parse cache keeps them, the rule by its code.
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptDiagnostic {
    rule: String,
    span: Option<crate::source::Span>,
    message: String,
    help: Option<String>,
    labels: Vec<(crate::source::Span, String)>,
}

/// `found`, a file's parse diagnostics, as the parse cache keeps them.
fn keep(found: &[Diagnostic]) -> Option<Vec<u8>> {
    let kept: Vec<KeptDiagnostic> = found
        .iter()
        .map(|d| KeptDiagnostic {
            rule: d.rule.code.to_string(),
            span: d.span,
            message: d.message.clone(),
            help: d.help.clone(),
            labels: d
                .labels
                .iter()
                .map(|l| (l.span, l.message.clone()))
                .collect(),
        })
        .collect();
    postcard::to_stdvec(&kept).ok()
}

/// The diagnostics [`keep`] kept, in file `id`; `None` when they do not read back or name
/// a rule this build does not have.
fn unkeep(bytes: &[u8], id: FileId) -> Option<Vec<Diagnostic>> {
    if bytes == [0] {
        return Some(Vec::new());
    }
    let kept: Vec<KeptDiagnostic> =
        crate::source::in_file(id, || postcard::from_bytes(bytes).ok())?;
    kept.into_iter()
        .map(|k| {
            let rule = check::codes::RULES.iter().find(|r| r.code == k.rule)?;
            Some(Diagnostic {
                rule,
                severity: rule.severity,
                span: k.span,
                message: k.message,
                help: k.help,
                labels: k
                    .labels
                    .into_iter()
                    .map(|(span, message)| diag::Label { span, message })
                    .collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every diagnostic of a compile as the JSON output words it.
    fn answer(c: &Compiled) -> String {
        diag::json::render(&c.diagnostics, &c.ws.sources, c.ws.records.len())
    }

    /// A long-running process's compiles hold each file of the last compile for the next
    /// where it is the same file: the same buffer text, or on disk the same trusted stat.
    /// A file changed on disk, even to the same size with its time set back, or in the
    /// editor, is read and parsed; every answer is the answer of a compile that holds
    /// nothing; and what the parse cache kept stays kept for the next `check`.
    #[test]
    fn a_resident_compile_holds_only_what_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-workspace");
        let mut mds = Vec::new();
        for entry in walkdir::WalkDir::new(&example).sort_by_file_name() {
            let entry = entry.unwrap();
            let to = root.join(entry.path().strip_prefix(&example).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
                if to.extension().is_some_and(|e| e == "md") {
                    mds.push(to);
                }
            }
        }
        // The cache lives in the repository's folder.
        git2::Repository::init(root).unwrap();
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let age = |p: &Path| {
            std::fs::File::options()
                .write(true)
                .open(p)
                .and_then(|f| f.set_modified(an_hour_ago))
                .unwrap();
        };
        mds.iter().for_each(|p| age(p));
        // Two seconds on, no change is recent enough for its stat to be doubted.
        let wait = || std::thread::sleep(std::time::Duration::from_millis(2100));
        wait();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23);
        let how = Compile::WithoutHistory;
        let fresh = |overlay: &Overlay| compile_overlay(root, today, how, overlay).unwrap();
        let mut resident = Resident::default();
        let mut held = |overlay: &Overlay| {
            let c = compile_from(root, today, how, overlay, None, Some(&mut resident)).unwrap();
            assert_eq!(answer(&c), answer(&fresh(overlay)));
            (c.timings.held, c.timings.parsed)
        };
        let none = Overlay::new();
        let (first, _) = held(&none);
        assert_eq!(first, 0);
        let (n, parsed) = held(&none);
        assert!(n > 20 && parsed == 0, "{n} {parsed}");

        // A buffer changed in the editor: parsed; its old text is not held.
        let minutes = mds
            .iter()
            .find(|p| p.to_string_lossy().contains("/minutes/"))
            .unwrap();
        let rel = minutes
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let text = std::fs::read_to_string(minutes).unwrap();
        let date = text.find("\ndate: ").unwrap() + "\ndate: ".len();
        let mut broken = text.clone();
        broken.replace_range(date..date + 10, "2026-02-30");
        let overlay: Overlay = [(rel.clone(), broken.clone())].into_iter().collect();
        assert_eq!(held(&overlay), (n - 1, 1));
        assert!(answer(&fresh(&overlay)).contains("2026-02-30"));
        assert_eq!(held(&overlay), (n, 0));

        // On disk, the same size and time, another text: its inode changed, so it is read.
        assert_eq!(held(&none), (n - 1, 0));
        std::fs::write(minutes, &broken).unwrap();
        age(minutes);
        wait();
        let (h, _) = held(&none);
        assert_eq!(h, n - 1);
        assert_eq!(held(&none), (n, 0));

        // Changed back within two seconds of a compile: not held while the change is
        // recent (a second change in the same clock tick would leave the stat as it was).
        std::fs::write(minutes, &text).unwrap();
        age(minutes);
        assert_eq!(held(&none).0, n - 1);
        assert_eq!(held(&none).0, n - 1);
        wait();
        assert_eq!(held(&none).0, n - 1);
        assert_eq!(held(&none), (n, 0));

        // What the cache kept is still there for a check that holds nothing.
        let c = fresh(&none);
        assert_eq!((c.timings.from_cache, c.timings.parsed), (n, 0));
    }
}
