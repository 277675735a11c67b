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

use super::{Files, page, page_of, record_page_path, root_of, url};
use crate::check::rules::link_outside;
use crate::error::Error;
use crate::link::{Record, Workspace};
use crate::model::records::Data;
use crate::render::charts;
use crate::render::markdown::{self, Href};
use crate::view::agency::Aging;
use crate::view::client::ClientScope;
use crate::view::dashboard::{ClientBoard, ContactRow, Dashboard};
use crate::view::record::{Explained, Past, RecordView};

/// What every page knows: where the site's root is from it, and the day it shows.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Frame {
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

/// A client in the navigation. A page's navigation names the dashboard (which lists
/// every client) and the page's own client only, so that a page's size does not grow
/// with the number of clients (docs/performance.md, "A site that grows with its pages").
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
    contacts: &'a [ContactRow],
    notes: String,
}

#[derive(Serialize)]
struct RecordPage<'a> {
    #[serde(flatten)]
    frame: Frame,
    nav: &'a [NavClient],
    #[serde(flatten)]
    record: RecordView,
    client: Option<NavClient>,
    body: String,
}

/// Every file of the internal site, by path; `scopes` holds every client's view, in
/// client order (for the agency calendar).
pub(crate) fn render(
    ws: &Workspace,
    provenance: &Past,
    env: &Environment<'_>,
    today: NaiveDate,
    scopes: &[ClientScope],
) -> Result<Files, Error> {
    let board = Dashboard::build(ws, today);
    let mut files = super::assets(env)?;
    files.push((
        "index.html".to_string(),
        page(
            env,
            "site/dashboard.html",
            DashboardPage {
                frame: frame(ws, "index.html", today, "dashboard"),
                nav: &[],
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
    for client in &board.clients {
        let path = format!("clients/{}/index.html", client.id);
        let notes = match &client.notes {
            Some((file, text)) => body_html(ws, file, &root_of(&path), text).0,
            None => String::new(),
        };
        files.push((
            path.clone(),
            page(
                env,
                "site/client.html",
                ClientPage {
                    frame: frame(ws, &path, today, &client.id),
                    nav: &[NavClient {
                        id: client.id.clone(),
                        name: client.name.clone(),
                    }],
                    budget_chart: budget_chart(&client.id, client),
                    aging_charts: client
                        .aging
                        .iter()
                        .map(|a| aging_chart(&format!("aging-{}", client.id), a))
                        .collect(),
                    contacts: &client.contacts,
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
            record_page(ws, provenance, env, record, today, &explained)
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
    // A listed file: linked to its copy, saved under its own name when the copy is not.
    let link = |target: &str| {
        let at = published(ws, target);
        let download =
            (at != target).then(|| target.rsplit('/').next().unwrap_or(target).to_string());
        (Some(format!("{root}{}", url(&at))), download)
    };
    let view = RecordView::build(ws, record, provenance, explained, today, &link);
    let client = view.client.clone().map(|(id, name)| NavClient { id, name });
    let section = client.as_ref().map_or("internal", |c| c.id.as_str());
    let nav: Vec<NavClient> = client.iter().cloned().collect();
    let context = RecordPage {
        frame: frame(ws, &out, today, section),
        nav: &nav,
        record: view,
        client,
        body,
    };
    Ok((vec![(out, page(env, "site/record.html", context)?)], linked))
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
