//! A record as the internal site shows it: its front matter as a sheet of rows, its
//! sign-offs and whether each holds, a timetable's items placed against today, and who
//! changed it when. Internal: built for the agency's record pages, never for a portal.

use chrono::NaiveDate;
use serde::Serialize;

use crate::check::rules::link_outside;
use crate::link::{Record, Workspace};
use crate::model::records::Action;
use crate::model::values::{Choice, format_money, text_of};
use crate::parse::yaml::{Value, ValueKind};
use crate::signoff;

/// The history and sign-off provenance `check` read, or why there is none.
pub(crate) type Past = Result<crate::history::provenance::Provenance, crate::git::NoHistory>;

/// Where a linked file is published, from the record's page: its href and, when it is
/// published under another name, the name to save it under. Given by the renderer, which
/// knows the site's layout.
pub(crate) type Link<'a> = dyn Fn(&str) -> (Option<String>, Option<String>) + 'a;

/// One record's page, as the agency reads it.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct RecordView {
    pub title: String,
    pub kind: &'static str,
    pub file: String,
    /// The client whose folder holds it: id and name.
    pub client: Option<(String, String)>,
    pub sheet: Vec<SheetRow>,
    pub internal_sections: Vec<String>,
    pub signoffs: Vec<SignRow>,
    pub timeline: Vec<TimelineItem>,
    pub history: Vec<HistoryRow>,
    /// Why there is no history, when there is none.
    pub history_note: Option<String>,
}

impl RecordView {
    /// The view of `record` as of `today`; `explained` holds what each committed version
    /// changed (see `history::log::per_version`).
    pub(crate) fn build(
        ws: &Workspace,
        record: &Record,
        provenance: &Past,
        explained: &Explained,
        today: NaiveDate,
        link: &Link,
    ) -> RecordView {
        let path = ws.path(record.file);
        let (history, history_note) = history(ws, provenance, path, explained);
        RecordView {
            title: record.label(),
            kind: crate::model::records::kind_name(record.parsed.kind),
            file: path.to_string(),
            client: ws
                .client_of(record)
                .map(|c| (c.id.clone(), c.name().to_string())),
            sheet: sheet(ws, record, link),
            internal_sections: record
                .parsed
                .body
                .sections
                .iter()
                .filter(|s| s.internal)
                .map(|s| s.title.clone())
                .collect(),
            signoffs: record
                .parsed
                .data
                .signoffs()
                .iter()
                .map(|s| SignRow {
                    by: ws.person_name(&s.by.value),
                    stage: s.stage.value.as_str().to_string(),
                    date: s.date.value.to_string(),
                    via: s.via.as_ref().map_or("", |v| v.value.as_str()).to_string(),
                    note: s.note.clone().unwrap_or_default(),
                    holds: signoff::holds(ws, record, s),
                })
                .collect(),
            timeline: match record.schedule() {
                Some(s) => timeline(ws, &s.items, today),
                None => Vec::new(),
            },
            history,
            history_note,
        }
    }
}

/// Where an action or timetable item stands on `today`: `late`, `soon` (due within a
/// week), `later` (open, further off or undated), or `done` (done or dropped).
pub(crate) fn place(status: &str, due: Option<NaiveDate>, today: NaiveDate) -> &'static str {
    match (status, due) {
        ("open", Some(d)) if d < today => "late",
        ("open", Some(d)) if (d - today).num_days() <= 7 => "soon",
        ("open", _) => "later",
        _ => "done",
    }
}

/// A value of the front-matter sheet.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(crate) enum Cell {
    Text {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    Files {
        files: Vec<FileLink>,
    },
}

/// A column of a sheet's table; `num` for amounts (right-aligned).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Column {
    pub name: String,
    pub num: bool,
}

/// A file a record lists, linked to its copy when it exists.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct FileLink {
    pub name: String,
    pub href: Option<String>,
    /// The file's own name, to save it under, when it is published as text.
    pub download: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct SheetRow {
    pub key: String,
    pub cell: Cell,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct SignRow {
    pub by: String,
    pub stage: String,
    pub date: String,
    pub via: String,
    pub note: String,
    /// Whether it still signs the record as it is.
    pub holds: bool,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct HistoryRow {
    pub when: String,
    pub author: String,
    pub subject: String,
    pub commit: String,
    /// `added`, `changed` or `deleted`.
    pub change: &'static str,
    /// What the commit changed in the record, in its own terms (`docket changes`).
    pub events: Vec<String>,
}

/// Path -> the events of each committed version (see `history::log::per_version`).
pub(crate) type Explained = std::collections::HashMap<String, Vec<Vec<crate::history::Event>>>;

#[derive(Clone, Debug, Serialize)]
pub(crate) struct TimelineItem {
    pub due: String,
    pub task: String,
    pub owner: String,
    pub status: String,
    pub order: String,
    /// Where it stands against today: `done`, `late`, `soon` (within a week), `later`.
    pub state: &'static str,
}

/// A timetable's items by due date, each placed against `today`.
pub(crate) fn timeline(ws: &Workspace, items: &[Action], today: NaiveDate) -> Vec<TimelineItem> {
    let mut rows: Vec<(Option<NaiveDate>, TimelineItem)> = items
        .iter()
        .map(|a| {
            let due = a.due.as_ref().map(|d| d.value);
            let status = a.status();
            let state = place(status.as_str(), due, today);
            (
                due,
                TimelineItem {
                    due: due.map_or(String::new(), |d| d.to_string()),
                    task: text_of(&a.task),
                    owner: a
                        .owner
                        .as_ref()
                        .map_or(String::new(), |o| ws.person_name(&o.value)),
                    status: status.as_str().to_string(),
                    order: text_of(&a.order),
                    state,
                },
            )
        })
        .collect();
    rows.sort_by(|a, b| (a.0, &a.1.task).cmp(&(b.0, &b.1.task)));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Who changed the file at `path` when, newest first, from the history `check` reads.
fn history(
    ws: &Workspace,
    provenance: &Past,
    path: &str,
    explained: &Explained,
) -> (Vec<HistoryRow>, Option<String>) {
    let provenance = match provenance {
        Ok(p) => p,
        Err(why) => {
            let note = match why {
                crate::git::NoHistory::NotARepository => {
                    "The workspace is not a git repository, so there is no history to show."
                        .to_string()
                }
                crate::git::NoHistory::Broken(e) => {
                    format!("The git history could not be read: {e}")
                }
                crate::git::NoHistory::NotRead => String::new(),
            };
            return (Vec::new(), Some(note));
        }
    };
    let history = &provenance.history;
    let Some(versions) = history.versions.get(path) else {
        return (
            Vec::new(),
            Some("This file has not been committed yet.".to_string()),
        );
    };
    let tz = &ws.config.timezone;
    let rows = versions
        .iter()
        .enumerate()
        .rev()
        .filter_map(|(i, (commit, blob))| {
            let c = history.commits.get(*commit)?;
            let at = chrono::DateTime::from_timestamp(c.time, 0)?.fixed_offset();
            Some(HistoryRow {
                when: tz.local_time(&at).format("%Y-%m-%d %H:%M").to_string(),
                author: c.author.clone(),
                subject: c.subject.clone(),
                commit: c.short_id(),
                change: match (i, blob) {
                    (_, None) => "deleted",
                    (0, _) => "added",
                    _ if versions[i - 1].1.is_none() => "added",
                    _ => "changed",
                },
                events: explained
                    .get(path)
                    .and_then(|all| all.get(i))
                    .map(|events| events.iter().map(crate::history::Event::describe).collect())
                    .unwrap_or_default(),
            })
        })
        .collect();
    (rows, None)
}

/// `outline_sent` -> "Outline sent".
fn field_label(key: &str) -> String {
    let mut out = key.replace('_', " ");
    if let Some(first) = out.get(0..1) {
        let upper = first.to_uppercase();
        out.replace_range(0..1, &upper);
    }
    out
}

/// A scalar as people read it: a person id becomes the person's name.
fn scalar(ws: &Workspace, v: &Value) -> String {
    match &v.kind {
        ValueKind::Null => String::new(),
        ValueKind::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        ValueKind::Str(s) if ws.person(s).is_some() => ws.person_name(s),
        _ => match v.scalar_text() {
            Some(t) => t.to_string(),
            None => flat(ws, v),
        },
    }
}

/// Any value on one line.
fn flat(ws: &Workspace, v: &Value) -> String {
    match &v.kind {
        ValueKind::Seq(items) => items
            .iter()
            .map(|i| flat(ws, i))
            .collect::<Vec<_>>()
            .join(", "),
        ValueKind::Map(pairs) => pairs
            .iter()
            .map(|(k, v)| format!("{}: {}", scalar(ws, k), flat(ws, v)))
            .collect::<Vec<_>>()
            .join("; "),
        _ => scalar(ws, v),
    }
}

/// The front matter as a sheet: one row per field, lists of records as tables.
fn sheet(ws: &Workspace, record: &Record, link: &Link) -> Vec<SheetRow> {
    let path = ws.path(record.file);
    let Some(pairs) = record.parsed.front.as_map() else {
        return Vec::new();
    };
    let currency = record.parsed.data.currency(&ws.config.currency).to_string();
    pairs
        .iter()
        .filter_map(|(k, v)| {
            let key = k.scalar_text()?;
            if key == "signoffs" {
                return None; // shown with their state below
            }
            let cell = match (&v.kind, key) {
                (ValueKind::Map(_), "budget") => {
                    let written = v.get("amount").and_then(Value::scalar_text);
                    let currency = v
                        .get("currency")
                        .and_then(Value::scalar_text)
                        .unwrap_or(&currency);
                    match written.and_then(|a| amount(a, currency)) {
                        Some(text) => Cell::Text { text },
                        None => Cell::Text { text: flat(ws, v) },
                    }
                }
                (ValueKind::Seq(items), _) if items.iter().all(|i| i.as_map().is_some()) => {
                    let mut columns: Vec<String> = Vec::new();
                    for item in items {
                        for (k, _) in item.as_map().unwrap_or(&[]) {
                            let k = k.scalar_text().unwrap_or("").to_string();
                            if !columns.contains(&k) {
                                columns.push(k);
                            }
                        }
                    }
                    // Amounts as money, in the record's currency.
                    let money = |c: &str| c == "amount" || c.ends_with("_amount");
                    let rows = items
                        .iter()
                        .map(|item| {
                            columns
                                .iter()
                                .map(|c| match item.get(c) {
                                    Some(v) if money(c) => v
                                        .scalar_text()
                                        .and_then(|t| amount(t, &currency))
                                        .unwrap_or_else(|| flat(ws, v)),
                                    Some(v) => flat(ws, v),
                                    None => String::new(),
                                })
                                .collect()
                        })
                        .collect();
                    Cell::Table {
                        columns: columns
                            .iter()
                            .map(|c| Column {
                                name: field_label(c),
                                num: money(c),
                            })
                            .collect(),
                        rows,
                    }
                }
                (ValueKind::Seq(items), "attachments") => Cell::Files {
                    files: items
                        .iter()
                        .map(|i| {
                            let written = scalar(ws, i);
                            let (href, download) = match link_outside::resolve(path, &written) {
                                Ok(Some(t)) if ws.files.contains(&t) => link(&t),
                                _ => (None, None),
                            };
                            FileLink {
                                name: written,
                                href,
                                download,
                            }
                        })
                        .collect(),
                },
                (ValueKind::Seq(items), _) => Cell::List {
                    items: items.iter().map(|i| flat(ws, i)).collect(),
                },
                _ => Cell::Text { text: flat(ws, v) },
            };
            Some(SheetRow {
                key: field_label(key),
                cell,
            })
        })
        .collect()
}

/// An amount as written in a record, formatted in `currency`.
fn amount(written: &str, currency: &str) -> Option<String> {
    let decimals = crate::model::values::currency_decimals(currency);
    crate::model::values::parse_money(written, decimals)
        .ok()
        .map(|a| format_money(a, currency))
}
