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
    compile_from(root, today, how, overlay, None)
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
    type Loaded = (SourceFile, Option<parse::Parsed>, Vec<Diagnostic>);
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
            let stat = match (&files, kind) {
                (load::Files::Disk(overlay), Some(kind))
                    if found.notes.is_empty() && !overlay.contains_key(&found.path) =>
                {
                    cache.stat(&found.disk_path, &found.path, kind)
                }
                _ => None,
            };
            if let (Some(stat), Some(kind)) = (&stat, kind)
                && let Some((file, parsed, kept)) =
                    cache.known(stat, &found.path, &found.disk_path, id, kind)
                && let Some(worded) = unkeep(&kept, id)
            {
                progress::step();
                return (file, parsed, worded);
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
                                progress::step();
                                worded.splice(0..0, problems.iter().map(check::word));
                                return (file, parsed, worded);
                            }
                        }
                    }
                    parsed
                }
                _ => None,
            };
            progress::step();
            // The file's own problems (its path, reading it) come before its parse's.
            worded.splice(0..0, problems.iter().map(check::word));
            (file, parsed, worded)
        })
        .collect();

    let mut clients = Vec::new();
    let mut records = Vec::new();
    for (found, (file, parsed, file_diags)) in walk.found.iter().zip(loaded) {
        let id = sources.add(file);
        diags.extend(file_diags);
        match &found.place {
            Place::Client { client } => clients.push((client.clone(), id, parsed)),
            Place::Record { client, .. } => {
                if let Some(p) = parsed {
                    records.push((client.clone(), id, p));
                }
            }
            Place::Reported | Place::Settings => {}
        }
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
