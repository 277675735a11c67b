//! The internal site: the agency's dashboard, a dashboard per client, a page per record
//! (its front matter as a sheet, its body, its sign-offs, its timeline and its git
//! history), and the finance exports. For the agency only: never under `portal/`.

use std::cell::RefCell;
use std::collections::BTreeSet;

use chrono::NaiveDate;
use minijinja::Environment;
use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// The history and sign-off provenance `check` read, or why there is none.
type Past = Result<crate::history::provenance::Provenance, crate::git::NoHistory>;

use super::{Files, page, page_of, record_page_path, root_of, url};
use crate::check::rules::link_outside;
use crate::error::Error;
use crate::link::{Record, Workspace};
use crate::model::records::{Action, Data, SignOff};
use crate::model::values::format_money;
use crate::model::values::{Choice, text_of};
use crate::parse::yaml::{Value, ValueKind};
use crate::render::charts;
use crate::render::markdown::{self, Href};
use crate::signoff;
use crate::view::agency::Aging;
use crate::view::client::ClientScope;
use crate::view::dashboard::{ClientBoard, Dashboard};

/// What every page knows: where the site's root is from it, and the day it shows.
#[derive(Clone, Debug, Serialize)]
pub struct Frame {
    /// `../` up to the site's root.
    pub root: String,
    pub agency: String,
    pub today: String,
    /// The page's place in the navigation: `dashboard`, a client id, or `portal`.
    pub section: String,
}

fn frame(ws: &Workspace, path: &str, today: NaiveDate, section: &str) -> Frame {
    Frame {
        root: root_of(path),
        agency: ws.config.agency.clone(),
        today: today.to_string(),
        section: section.to_string(),
    }
}

/// A client in the navigation.
#[derive(Clone, Debug, Serialize)]
struct NavClient {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct DashboardPage<'a> {
    #[serde(flatten)]
    frame: Frame,
    nav: &'a [NavClient],
    #[serde(flatten)]
    board: &'a Dashboard,
    charts: Vec<String>,
    workload_chart: String,
}

#[derive(Serialize)]
struct ClientPage<'a> {
    #[serde(flatten)]
    frame: Frame,
    nav: &'a [NavClient],
    client: &'a ClientBoard,
    budget_chart: String,
    aging_charts: Vec<String>,
    contacts: Vec<ContactRow>,
    notes: String,
}

#[derive(Serialize)]
struct ContactRow {
    name: String,
    role: String,
    email: String,
    phone: String,
    can_sign: bool,
}

/// A value of the front-matter sheet.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Cell {
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
pub struct Column {
    pub name: String,
    pub num: bool,
}

/// A file a record lists, linked to its copy when it exists.
#[derive(Clone, Debug, Serialize)]
pub struct FileLink {
    pub name: String,
    pub href: Option<String>,
    /// The file's own name, to save it under, when it is published as text.
    pub download: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SheetRow {
    pub key: String,
    pub cell: Cell,
}

#[derive(Clone, Debug, Serialize)]
pub struct SignRow {
    pub by: String,
    pub stage: String,
    pub date: String,
    pub via: String,
    pub note: String,
    /// Whether it still signs the record as it is.
    pub holds: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct HistoryRow {
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
type Explained = std::collections::HashMap<String, Vec<Vec<crate::history::Event>>>;

#[derive(Clone, Debug, Serialize)]
pub struct TimelineItem {
    pub due: String,
    pub task: String,
    pub owner: String,
    pub status: String,
    pub order: String,
    /// Where it stands against today: `done`, `late`, `soon` (within a week), `later`.
    pub state: &'static str,
}

#[derive(Serialize)]
struct RecordPage<'a> {
    #[serde(flatten)]
    frame: Frame,
    nav: &'a [NavClient],
    title: String,
    kind: &'static str,
    file: String,
    client: Option<NavClient>,
    sheet: Vec<SheetRow>,
    body: String,
    internal_sections: Vec<String>,
    signoffs: Vec<SignRow>,
    timeline: Vec<TimelineItem>,
    history: Vec<HistoryRow>,
    /// Why there is no history, when there is none.
    history_note: Option<String>,
}

/// Every file of the internal site, by path; `scopes` holds every client's view, in
/// client order (for the agency calendar).
pub fn render(
    ws: &Workspace,
    provenance: &Past,
    env: &Environment<'_>,
    today: NaiveDate,
    scopes: &[ClientScope],
) -> Result<Files, Error> {
    let board = Dashboard::build(ws, today);
    let nav: Vec<NavClient> = ws
        .clients
        .iter()
        .map(|c| NavClient {
            id: c.id.clone(),
            name: c.name().to_string(),
        })
        .collect();
    let mut files = super::assets(env)?;
    files.push((
        "index.html".to_string(),
        page(
            env,
            "site/dashboard.html",
            DashboardPage {
                frame: frame(ws, "index.html", today, "dashboard"),
                nav: &nav,
                charts: board
                    .aging
                    .iter()
                    .map(|a| aging_chart("aging", a))
                    .collect(),
                workload_chart: workload_chart(&board),
                board: &board,
            },
        )?,
    ));
    for (ci, client) in board.clients.iter().enumerate() {
        let path = format!("clients/{}/index.html", client.id);
        let c = &ws.clients[ci];
        let notes = match c.file {
            Some(f) => body_html(ws, ws.path(f), &root_of(&path), ws.client_notes(ci)).0,
            None => String::new(),
        };
        files.push((
            path.clone(),
            page(
                env,
                "site/client.html",
                ClientPage {
                    frame: frame(ws, &path, today, &client.id),
                    nav: &nav,
                    budget_chart: budget_chart(&client.id, client),
                    aging_charts: client
                        .aging
                        .iter()
                        .map(|a| aging_chart(&format!("aging-{}", client.id), a))
                        .collect(),
                    contacts: c
                        .contacts()
                        .iter()
                        .map(|k| ContactRow {
                            name: k.name.value.clone(),
                            role: k.role.clone().unwrap_or_default(),
                            email: text_of(&k.email),
                            phone: k.phone.clone().unwrap_or_default(),
                            can_sign: k.can_sign,
                        })
                        .collect(),
                    notes,
                    client,
                },
            )?,
        ));
    }
    let explained: Explained = match provenance {
        Ok(p) => {
            crate::history::log::per_version(ws, &p.history, crate::history::log::PAGE_VERSIONS)
        }
        Err(_) => Explained::new(),
    };
    crate::progress::stage("rendering", ws.records.len());
    let pages: Vec<(Files, Vec<String>)> = ws
        .records
        .par_iter()
        .map(|record| {
            crate::progress::step();
            record_page(ws, provenance, env, &nav, record, today, &explained)
        })
        .collect::<Result<_, _>>()?;
    let mut attachments = BTreeSet::new();
    for (page, linked) in pages {
        files.extend(page);
        attachments.extend(linked);
    }
    for path in attachments {
        let content = super::attachment(ws, &path)?;
        files.push((published(ws, &path), content));
    }
    files.extend(super::exports::internal(ws, today, scopes)?);
    Ok(files)
}

/// The body `text` of the record at `path` as HTML for the internal site, with the
/// attachments it links to. Links to records go to their pages; links to other files
/// in the workspace go to their copies; anything else loses its link.
fn body_html(ws: &Workspace, path: &str, root: &str, text: &str) -> (String, Vec<String>) {
    let linked = RefCell::new(Vec::new());
    let resolve = |dest: &str| -> Href {
        if dest.starts_with('#') {
            return Href::To(dest.to_string());
        }
        let fragment = dest.find('#').map_or("", |i| &dest[i..]);
        match link_outside::resolve(path, dest) {
            Ok(Some(target)) if is_record(ws, &target) => Href::To(format!(
                "{root}{}{fragment}",
                url(&record_page_path(&target))
            )),
            Ok(Some(target)) if ws.files.contains(&target) => {
                let href = format!("{root}{}{fragment}", url(&published(ws, &target)));
                linked.borrow_mut().push(target);
                Href::To(href)
            }
            _ => Href::Text,
        }
    };
    let html = markdown::to_html(text, &resolve);
    (html, linked.into_inner())
}

/// Where the internal site publishes the attachment at workspace path `path` (see
/// [`super::published_path`]).
fn published(ws: &Workspace, path: &str) -> String {
    super::published_path(ws.at.as_deref(), &ws.root.join(path), path, path, &|p| {
        ws.files.contains(p)
    })
}

fn is_record(ws: &Workspace, path: &str) -> bool {
    path.ends_with(".md")
        && ws.files.contains(path)
        && (path.starts_with("clients/") || path.starts_with("internal/"))
        && path.matches('/').count() >= 2
}

fn record_page(
    ws: &Workspace,
    provenance: &Past,
    env: &Environment<'_>,
    nav: &[NavClient],
    record: &Record,
    today: NaiveDate,
    explained: &Explained,
) -> Result<(Files, Vec<String>), Error> {
    let path = ws.path(record.file);
    let out = page_of(path);
    let root = root_of(&out);
    let source = &ws.sources.get(record.file).text;
    let (body, linked) = body_html(
        ws,
        path,
        &root,
        &source[record.parsed.parts.body.0..record.parsed.parts.body.1],
    );
    let mut linked = linked;
    let attachments: &[crate::model::values::Sp<String>] = match &record.parsed.data {
        Data::Order(o) => &o.attachments,
        _ => &[],
    };
    for a in attachments {
        if let Ok(Some(target)) = link_outside::resolve(path, &a.value)
            && ws.files.contains(&target)
        {
            linked.push(target);
        }
    }
    let client = ws.client_of(record).map(|c| NavClient {
        id: c.id.clone(),
        name: c.name().to_string(),
    });
    let section = client.as_ref().map_or("internal", |c| c.id.as_str());
    let (history, history_note) = history(ws, provenance, path, explained);
    let context = RecordPage {
        frame: frame(ws, &out, today, section),
        nav,
        title: record.label(),
        kind: crate::model::records::kind_name(record.parsed.kind),
        file: path.to_string(),
        client,
        sheet: sheet(ws, path, &root, &record.parsed.front),
        body,
        internal_sections: record
            .parsed
            .body
            .sections
            .iter()
            .filter(|s| s.internal)
            .map(|s| s.title.clone())
            .collect(),
        signoffs: signoffs_of(&record.parsed.data)
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
        timeline: match &record.parsed.data {
            Data::Schedule(s) => timeline(ws, &s.items, today),
            _ => Vec::new(),
        },
        history,
        history_note,
    };
    Ok((vec![(out, page(env, "site/record.html", context)?)], linked))
}

pub fn signoffs_of(data: &Data) -> &[SignOff] {
    match data {
        Data::Minutes(m) => &m.signoffs,
        Data::Order(o) => &o.signoffs,
        Data::Schedule(s) => &s.signoffs,
        Data::Invoice(i) => &i.signoffs,
        Data::Client(_) => &[],
    }
}

/// A timetable's items by due date, each placed against `today`.
pub fn timeline(ws: &Workspace, items: &[Action], today: NaiveDate) -> Vec<TimelineItem> {
    let mut rows: Vec<(Option<NaiveDate>, TimelineItem)> = items
        .iter()
        .map(|a| {
            let due = a.due.as_ref().map(|d| d.value);
            let status = a.status();
            let state = super::place(status.as_str(), due, today);
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
fn label(key: &str) -> String {
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
fn sheet(ws: &Workspace, path: &str, root: &str, front: &Value) -> Vec<SheetRow> {
    let Some(pairs) = front.as_map() else {
        return Vec::new();
    };
    let currency = front
        .get("currency")
        .or_else(|| front.get("budget").and_then(|b| b.get("currency")))
        .and_then(Value::scalar_text)
        .unwrap_or(&ws.config.currency)
        .to_string();
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
                                name: label(c),
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
                                Ok(Some(t)) if ws.files.contains(&t) => {
                                    let at = published(ws, &t);
                                    let download = (at != t)
                                        .then(|| t.rsplit('/').next().unwrap_or(&t).to_string());
                                    (Some(format!("{root}{}", url(&at))), download)
                                }
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
                key: label(key),
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

fn money(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn aging_chart(id: &str, a: &Aging) -> String {
    let labels = ["Current", "1–30 days", "31–60 days", "61+ days"];
    let texts = [&a.current, &a.days_1_30, &a.days_31_60, &a.days_61_plus];
    let buckets: Vec<charts::AgingBucket> = (0..4)
        .map(|i| charts::AgingBucket {
            label: labels[i].to_string(),
            value: money(a.values[i]),
            text: texts[i].clone(),
        })
        .collect();
    charts::aging(
        &format!("{id}-{}", a.currency.to_lowercase()),
        &format!("Receivables by age, {} (total {})", a.currency, a.total),
        &buckets,
    )
}

fn budget_chart(id: &str, client: &ClientBoard) -> String {
    let rows: Vec<charts::BudgetRow> = client
        .orders
        .iter()
        .flat_map(|g| g.orders.iter())
        .map(|o| charts::BudgetRow {
            label: o.number.clone(),
            budget: o.amounts.0.map(money),
            budget_text: o.budget.clone(),
            cost: money(o.amounts.1),
            cost_text: o.costs.clone(),
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    charts::budget_vs_cost(
        &format!("budget-{id}"),
        "Budget against costs, per work order",
        &rows,
    )
}

fn workload_chart(board: &Dashboard) -> String {
    if board.workload.is_empty() {
        return String::new();
    }
    let series: Vec<(String, String)> = [
        ("overdue", "Overdue"),
        ("due-this-week", "Due this week"),
        ("later", "Later"),
        ("sign-offs-owed", "Sign-offs owed"),
    ]
    .iter()
    .map(|(k, l)| (k.to_string(), l.to_string()))
    .collect();
    let rows: Vec<charts::WorkloadRow> = board
        .workload
        .iter()
        .map(|w| charts::WorkloadRow {
            person: w.person.clone(),
            segments: vec![
                ("overdue".into(), w.overdue),
                ("due-this-week".into(), w.this_week),
                ("later".into(), w.later),
                ("sign-offs-owed".into(), w.signoffs),
            ],
        })
        .collect();
    charts::workload("workload", "Open work by person", &series, &rows)
}
