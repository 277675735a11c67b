//! The change log: the commits of a range, read once, and what each did to each record,
//! grouped by client and record.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::git::{Oid, Repo, Walked};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use super::version::Version;
use super::{Event, scope};
use crate::error::Error;
use crate::model::settings::Config;
use crate::model::values::Choice;
use crate::model::values::Timezone;
use crate::source::{FileId, SourceFile};

/// Which commits: those reachable from `until` (HEAD when not given), back to `since`.
#[derive(Clone, Debug, Default)]
pub struct Range {
    pub since: Option<Since>,
    pub until: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Since {
    /// Commits made on this day or later (by committer date, in the workspace timezone).
    Date(NaiveDate),
    /// Commits not reachable from this one.
    Rev(String),
}

impl Since {
    /// `2026-11-01` is a date; anything else names a commit.
    pub fn parse(text: &str) -> Since {
        match crate::model::values::parse_date(text) {
            Ok(d) => Since::Date(d),
            Err(_) => Since::Rev(text.to_string()),
        }
    }
}

/// A commit as a change log names it.
#[derive(Clone, Debug, Serialize)]
pub struct CommitInfo {
    pub id: String,
    pub short: String,
    /// Author, email and subject are the agency's free text: a client's log has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The author date in the workspace timezone: `2026-11-16 10:02`.
    pub date: String,
    /// The committer date's day, in the workspace timezone: what `--since DATE` and the
    /// weekly report's week go by (a rebased commit counts when it was committed).
    #[serde(skip)]
    pub day: NaiveDate,
}

/// What one commit did to one record.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// Index into [`ChangeLog::commits`].
    #[serde(skip)]
    pub commit: usize,
    /// The commit's short id.
    #[serde(rename = "commit")]
    pub short: String,
    pub events: Vec<Event>,
}

/// One record's changes, oldest first.
#[derive(Clone, Debug, Serialize)]
pub struct RecordLog {
    /// The client whose folder holds it; `None` for the agency's own records.
    pub client: Option<String>,
    /// Its latest path (a rename is followed).
    pub path: String,
    pub kind: &'static str,
    pub label: String,
    pub changes: Vec<Entry>,
}

/// The change log of a range, for the agency or for one client.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ChangeLog {
    /// The commits that changed something shown here, oldest first.
    pub commits: Vec<CommitInfo>,
    /// By client (the agency's own records last), then path.
    pub records: Vec<RecordLog>,
}

/// Who a log is for.
#[derive(Clone, Copy, Debug)]
pub enum View<'a> {
    Agency,
    /// One client: built from client views of each version (see [`scope`]).
    Client(&'a str),
}

/// One record file changed by one commit: its version before and after (`None` where
/// it does not exist). A rename is one change with two paths.
#[derive(Clone, Debug)]
pub struct Change {
    pub commit: usize,
    pub old: Option<Version>,
    pub new: Option<Version>,
}

/// The commits of a range and the record versions they changed, read from git once.
#[derive(Debug, Default)]
pub struct Commits {
    /// Oldest first.
    pub commits: Vec<CommitInfo>,
    /// In commit order, then path order.
    pub changes: Vec<Change>,
    pub people: People,
    /// The range's last commit, short (`None` in a repository without commits).
    pub until: Option<String>,
}

/// Names of people and clients as the range's last commit has them.
#[derive(Debug, Default)]
pub struct People {
    staff: HashMap<String, String>,
    /// Contact id -> (client id, name).
    contacts: HashMap<String, Vec<(String, String)>>,
    /// Client id -> name.
    pub clients: BTreeMap<String, String>,
}

impl People {
    /// People as the workspace `ws` has them.
    pub fn of_workspace(ws: &crate::link::Workspace) -> People {
        let mut people = People::default();
        for s in &ws.config.staff {
            people.staff.insert(s.id.value.clone(), s.name.clone());
        }
        for c in &ws.clients {
            people.clients.insert(c.id.clone(), c.name().to_string());
            for k in c.contacts() {
                people
                    .contacts
                    .entry(k.id.value.clone())
                    .or_default()
                    .push((c.id.clone(), k.name.value.clone()));
            }
        }
        people
    }

    /// Whether `id` is a contact of client `client`.
    pub fn is_contact_of(&self, id: &str, client: &str) -> bool {
        self.contacts
            .get(id)
            .is_some_and(|all| all.iter().any(|(c, _)| c == client))
    }

    /// The name of person `id` for `view`: staff, and contacts of the view's client (any
    /// client's for the agency). Anyone else keeps their id.
    pub fn name(&self, id: &str, view: View) -> String {
        if let Some(n) = self.staff.get(id) {
            return n.clone();
        }
        let contact = self.contacts.get(id).and_then(|all| {
            all.iter().find(|(c, _)| {
                matches!(view, View::Agency) || matches!(view, View::Client(v) if v == c)
            })
        });
        contact.map_or_else(|| id.to_string(), |(_, n)| n.clone())
    }
}

/// The old and new bytes of a changed file (`None` where it is missing).
type Bytes = [Option<Vec<u8>>; 2];

/// Reads the commits of `range` in the repository whose working tree is `root`.
pub fn read(root: &Path, range: &Range) -> Result<Commits, Error> {
    let repo = Repo::open(root).map_err(|_| {
        Error::Usage(format!(
            "{} is not the top folder of a git repository, so it has no history to read",
            root.display()
        ))
    })?;
    let until = match &range.until {
        Some(rev) => Some(repo.resolve(rev)?),
        None => repo.head()?,
    };
    let Some(until) = until else {
        return Ok(Commits::default());
    };
    let top = repo.walked(until)?.tree;
    let config = config_in(&repo, top);
    let people = people_in(&repo, top, &config);
    let tz = config.timezone;
    let mut cutoff = None;
    let hide = match &range.since {
        Some(Since::Rev(rev)) => Some(repo.resolve(rev)?),
        Some(Since::Date(day)) => {
            cutoff = Some(start_of(&tz, *day));
            None
        }
        None => None,
    };
    let mut picked = Vec::new();
    for commit in repo.newest_first(until, hide)? {
        let commit = commit?;
        if cutoff.is_some_and(|c| commit.committed < c) {
            break;
        }
        // A merge brings changes already shown at the commits that made them.
        if commit.parents <= 1 {
            picked.push(commit);
        }
    }
    picked.reverse();
    let differ = repo.differ();
    let mut commits = Vec::with_capacity(picked.len());
    let mut touched: Vec<(usize, String, Option<Oid>, Option<Oid>)> = Vec::new();
    for (i, commit) in picked.iter().enumerate() {
        commits.push(info(commit, &tz));
        for (path, old, new) in differ.commits(commit.parent_tree, Some(commit.tree))? {
            touched.push((i, path, old, new));
        }
    }
    let blob = |id: Option<Oid>| repo.blob_within(id?, crate::load::MAX_RECORD_BYTES);
    // Blobs are read here, one at a time (a repository is not shared between threads);
    // the versions are parsed in parallel.
    let read: Vec<(usize, String, Bytes)> = touched
        .into_iter()
        .map(|(i, path, old, new)| (i, path, [blob(old), blob(new)]))
        .collect();
    let mut changes: Vec<Change> = read
        .par_iter()
        .filter_map(|(i, path, [old, new])| {
            let version = |b: &Option<Vec<u8>>| {
                b.as_ref()
                    .and_then(|bytes| Version::read(path, bytes, &config))
            };
            let (old, new) = (version(old), version(new));
            (old.is_some() || new.is_some()).then_some(Change {
                commit: *i,
                old,
                new,
            })
        })
        .collect();
    pair_renames(&mut changes);
    let mut short = until.to_string();
    short.truncate(7);
    Ok(Commits {
        commits,
        changes,
        people,
        until: Some(short),
    })
}

/// Joins a record removed and one added by the same commit, in the same folder, when
/// they are one record moved: the same content, or else the same label (a work order's
/// number and title, a meeting's title...). Versions that cannot be read are not paired.
fn pair_renames(changes: &mut Vec<Change>) {
    let mut start = 0;
    while start < changes.len() {
        let commit = changes[start].commit;
        let end = start
            + changes[start..]
                .iter()
                .take_while(|c| c.commit == commit)
                .count();
        let mut i = start;
        let mut end = end;
        while i < end {
            let removed = match (&changes[i].old, &changes[i].new) {
                (Some(old), None) if old.content.is_some() => Some(old.clone()),
                _ => None,
            };
            if let Some(old) = removed {
                let added = |c: &Change| added_like(c, &old).is_some();
                let same_content = (start..end).find(|&j| {
                    added_like(&changes[j], &old).is_some_and(|c| Some(c) == old.content.as_ref())
                });
                let label = old.label();
                let same_label = || {
                    (start..end).find(|&j| {
                        !label.is_empty()
                            && added(&changes[j])
                            && changes[j].new.as_ref().is_some_and(|v| v.label() == label)
                    })
                };
                if let Some(j) = same_content.or_else(same_label) {
                    changes[i].new = changes[j].new.take();
                    changes.remove(j);
                    end -= 1;
                    if j < i {
                        i -= 1;
                    }
                }
            }
            i += 1;
        }
        start = end;
    }
}

/// The content of the record `c` adds, when it is of `old`'s kind and in its folder.
fn added_like<'c>(c: &'c Change, old: &Version) -> Option<&'c super::version::Content> {
    let folder = |v: &Version| v.path.rsplit_once('/').map(|(f, _)| f.to_string());
    match (&c.old, &c.new) {
        (None, Some(v)) if v.kind == old.kind && folder(v) == folder(old) => v.content.as_ref(),
        _ => None,
    }
}

/// The first moment of `day` in `tz`, in seconds since the epoch.
fn start_of(tz: &Timezone, day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .and_then(|n| tz.at_local(&n))
        .map_or(0, |t| t.timestamp())
}

fn info(walked: &Walked, tz: &Timezone) -> CommitInfo {
    let c = &walked.commit;
    let when = chrono::DateTime::from_timestamp(c.time, 0)
        .unwrap_or_default()
        .fixed_offset();
    let local = tz.local_time(&when);
    CommitInfo {
        short: c.short_id(),
        id: c.id.to_string(),
        author: Some(c.author.clone()),
        email: Some(c.email.clone()),
        subject: Some(c.subject.clone()),
        date: local.format("%Y-%m-%d %H:%M").to_string(),
        day: tz.date_of_timestamp(walked.committed),
    }
}

/// The text of the file at `path` in `tree`.
fn text_in(repo: &Repo, tree: Oid, path: &str) -> Option<String> {
    String::from_utf8(repo.file(tree, path)?).ok()
}

/// The settings of `docket.yaml` in `tree` (the defaults where it cannot be read).
fn config_in(repo: &Repo, tree: Oid) -> Config {
    let Some(text) = text_in(repo, tree, "docket.yaml") else {
        return Config::default();
    };
    let file = SourceFile::new("docket.yaml".into(), PathBuf::from("docket.yaml"), text);
    crate::parse::settings::read_file(&file, FileId(0), &mut Vec::new())
}

/// Staff, clients and contacts as `tree` has them.
fn people_in(repo: &Repo, tree: Oid, config: &Config) -> People {
    let mut people = People::default();
    for s in &config.staff {
        people.staff.insert(s.id.value.clone(), s.name.clone());
    }
    for id in repo.names(tree, "clients") {
        let id = id.as_str();
        let path = format!("clients/{id}/client.md");
        let Some(text) = text_in(repo, tree, &path) else {
            continue;
        };
        let parsed = super::version::parse_version(
            &path,
            crate::model::records::RecordKind::Client,
            &text,
            config,
        );
        let Some(crate::model::records::Data::Client(client)) = parsed.map(|p| p.data) else {
            continue;
        };
        let name = client.name.as_ref().map_or(id, |n| n.value.as_str());
        people.clients.insert(id.to_string(), name.to_string());
        for c in &client.contacts {
            people
                .contacts
                .entry(c.id.value.clone())
                .or_default()
                .push((id.to_string(), c.name.value.clone()));
        }
    }
    people
}

impl Commits {
    /// The change log for `view`.
    pub fn log(&self, view: View) -> ChangeLog {
        let name = |id: &str| self.people.name(id, view);
        let seen = |v: &Option<Version>| match view {
            View::Agency => v.clone(),
            View::Client(c) => v
                .as_ref()
                .and_then(|v| scope::client_view(v, c, &|id| self.people.is_contact_of(id, c))),
        };
        let mut records: Vec<RecordLog> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        let mut used = vec![false; self.commits.len()];
        for change in &self.changes {
            let (old, new) = (seen(&change.old), seen(&change.new));
            let group = old
                .as_ref()
                .or(new.as_ref())
                .and_then(|v| at.get(&v.path).copied());
            let was_removed = group.is_some_and(|g| {
                records[g]
                    .changes
                    .last()
                    .is_some_and(|e| e.events.contains(&Event::Removed))
            });
            let events = match (&old, &new) {
                (None, None) => continue,
                (None, Some(n)) => {
                    let mut e = vec![if was_removed {
                        Event::Restored
                    } else {
                        Event::Added
                    }];
                    if n.content.is_none() {
                        e.push(Event::Unreadable);
                    }
                    e
                }
                (Some(_), None) => vec![Event::Removed],
                (Some(o), Some(n)) => {
                    let mut e = Vec::new();
                    if o.path != n.path {
                        e.push(Event::Renamed {
                            from: o.path.clone(),
                        });
                    }
                    match (&o.content, &n.content) {
                        (Some(a), Some(b)) => {
                            let stale = match view {
                                View::Agency => super::diff::Stale::Always,
                                View::Client(_) => super::diff::Stale::WithShownChange,
                            };
                            e.extend(super::diff::compare(a, b, &name, stale));
                        }
                        (_, None) => e.push(Event::Unreadable),
                        (None, Some(_)) => {}
                    }
                    e
                }
            };
            if events.is_empty() {
                continue;
            }
            let Some(latest) = new.as_ref().or(old.as_ref()) else {
                continue;
            };
            let g = match group {
                Some(g) => g,
                None => {
                    records.push(RecordLog {
                        client: latest.client.clone(),
                        path: latest.path.clone(),
                        kind: latest.kind.as_str(),
                        label: String::new(),
                        changes: Vec::new(),
                    });
                    records.len() - 1
                }
            };
            // The group is found again by its latest path (a removed record by its old
            // one, for a restore); a new file at a renamed record's old path is another
            // record.
            if let (Some(o), Some(n)) = (&old, &new)
                && o.path != n.path
            {
                at.remove(&o.path);
            }
            at.insert(latest.path.clone(), g);
            let record = &mut records[g];
            record.path = latest.path.clone();
            let label = latest.label();
            if !label.is_empty() {
                record.label = label;
            }
            used[change.commit] = true;
            record.changes.push(Entry {
                commit: change.commit,
                short: self.commits[change.commit].short.clone(),
                events,
            });
        }
        // Only the commits shown are listed; a client's have no author or subject.
        let mut index = vec![usize::MAX; self.commits.len()];
        let mut commits = Vec::new();
        for (i, c) in self.commits.iter().enumerate().filter(|(i, _)| used[*i]) {
            index[i] = commits.len();
            let mut c = c.clone();
            if let View::Client(_) = view {
                (c.author, c.email, c.subject) = (None, None, None);
            }
            commits.push(c);
        }
        for r in &mut records {
            for e in &mut r.changes {
                e.commit = index[e.commit];
            }
        }
        records.sort_by(|a, b| {
            (a.client.is_none(), &a.client, &a.path).cmp(&(b.client.is_none(), &b.client, &b.path))
        });
        ChangeLog { commits, records }
    }
}

/// How many of a record's latest commits its internal page explains.
pub(crate) const PAGE_VERSIONS: usize = 20;

/// For the internal site: what each committed version of each record changed, from the
/// history index the sign-off pass already read. Path -> one list of events per version
/// of `history.versions[path]`, in the same order; versions older than the last `limit`
/// are not compared (their lists are empty). Blobs are read by a few chunks of records in
/// parallel, each chunk with its own repository.
pub(crate) fn per_version(
    ws: &crate::link::Workspace,
    history: &crate::history::provenance::History,
    limit: usize,
) -> HashMap<String, Vec<Vec<Event>>> {
    let people = People::of_workspace(ws);
    let name = |id: &str| people.name(id, View::Agency);
    let paths: Vec<&str> = ws
        .records
        .iter()
        .map(|r| ws.path(r.file))
        // A record committed once has nothing to compare.
        .filter(|p| history.versions.get(*p).is_some_and(|v| v.len() > 1))
        .collect();
    let chunk = super::chunk_of(paths.len());
    // What each version reads as, kept by blob between builds (`load::cache`).
    let store = ws.store(VERSIONS, "versions");
    let out = paths
        .par_chunks(chunk)
        .flat_map_iter(|chunk| {
            let repo = Repo::open(&ws.root).ok();
            chunk
                .iter()
                .map(|&path| {
                    let versions = &history.versions[path];
                    let first = versions.len().saturating_sub(limit);
                    let read = |k: usize| -> Option<Version> {
                        Version::read_blob(&store, repo.as_ref()?, path, versions[k].1?, &ws.config)
                    };
                    let mut out = vec![Vec::new(); versions.len()];
                    let mut before = first.checked_sub(1).and_then(read);
                    for (k, slot) in out.iter_mut().enumerate().skip(first) {
                        let now = read(k);
                        if let (Some(Some(a)), Some(Some(b))) = (
                            before.as_ref().map(|v| v.content.as_ref()),
                            now.as_ref().map(|v| v.content.as_ref()),
                        ) {
                            *slot = super::diff::compare(a, b, &name, super::diff::Stale::Always);
                        }
                        before = now;
                    }
                    (path.to_string(), out)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    store.save();
    out
}

/// The store of what each version of a record reads as, for the record pages.
const VERSIONS: &str = "versions-v1";
