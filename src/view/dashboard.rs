//! The internal dashboards: the agency's and one per client, as of a day. Internal: the
//! site's internal pages are rendered from this, never a portal.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::link::Workspace;
use crate::model::records::{ActionStatus, Data, OrderStatus};
use crate::model::values::Choice;
use crate::model::values::format_money;
use crate::view::agency::{AgencyScope, Aging, Dun, OrderCost, OwnerGroup, PendingGroup};

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Dashboard {
    pub agency: String,
    pub today: String,
    /// The ISO week of `today`, `2026-W48`, and its Sunday.
    pub week: String,
    pub week_end: String,
    pub clients: Vec<ClientBoard>,
    pub aging: Vec<Aging>,
    pub dunning: Vec<Dun>,
    pub pending: Vec<PendingGroup>,
    pub overdue: Vec<OwnerGroup>,
    pub due_soon: Vec<OwnerGroup>,
    pub meetings: Vec<MeetingRow>,
    pub workload: Vec<Workload>,
    /// Whether any client has a portal.
    pub portals: bool,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ClientBoard {
    pub id: String,
    pub name: String,
    pub status: String,
    pub ae: Option<String>,
    pub supervisor: Option<String>,
    pub portal: bool,
    /// Work orders grouped by status, in the order statuses run.
    pub orders: Vec<StatusGroup>,
    pub open_orders: usize,
    pub aging: Vec<Aging>,
    pub dunning: Vec<Dun>,
    pub invoices: Vec<InvoiceRow>,
    pub pending: Vec<PendingGroup>,
    pub overdue: Vec<OwnerGroup>,
    pub due_soon: Vec<OwnerGroup>,
    pub meetings: Vec<MeetingRow>,
    /// Every record of the client, by kind: `minutes`, `orders`, `schedules`, `invoices`.
    pub records: Vec<RecordGroup>,
    /// Counts for the agency's overview.
    pub overdue_count: usize,
    pub pending_count: usize,
    /// The client's contacts, and the agency's notes on the client (the body of
    /// `client.md`, Markdown, with its path for links).
    pub contacts: Vec<ContactRow>,
    #[serde(skip)]
    pub notes: Option<(String, String)>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ContactRow {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub can_sign: bool,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct StatusGroup {
    pub status: String,
    pub orders: Vec<OrderCost>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct InvoiceRow {
    pub file: String,
    pub number: String,
    pub issued: String,
    pub due: String,
    pub total: String,
    pub paid: String,
    pub balance: String,
    pub outstanding: bool,
    /// Days past due today (0 when not yet due or paid).
    pub days_overdue: i64,
    /// More than the workspace's dunning threshold past issue, and unpaid.
    pub dun: bool,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct MeetingRow {
    pub file: String,
    pub title: String,
    pub when: String,
    pub client: String,
    pub client_id: Option<String>,
    pub kind: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct RecordGroup {
    pub kind: String,
    pub records: Vec<RecordLink>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct RecordLink {
    pub file: String,
    pub label: String,
    /// A date or a status, shown beside the label.
    pub note: String,
}

/// One person's open work, for the workload chart.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Workload {
    pub person: String,
    pub overdue: u32,
    pub this_week: u32,
    pub later: u32,
    pub signoffs: u32,
}

/// The items of `groups` that are client `id`'s, keeping the grouping.
fn for_client(groups: &[OwnerGroup], id: &str) -> Vec<OwnerGroup> {
    groups
        .iter()
        .filter_map(|g| {
            let items: Vec<_> = g
                .items
                .iter()
                .filter(|i| i.client_id.as_deref() == Some(id))
                .cloned()
                .collect();
            (!items.is_empty()).then(|| OwnerGroup {
                owner: g.owner.clone(),
                items,
            })
        })
        .collect()
}

impl Dashboard {
    pub(crate) fn build(ws: &Workspace, today: NaiveDate) -> Dashboard {
        let scope = AgencyScope::build(ws, today);
        let week_end =
            today + Duration::days(6 - i64::from(today.weekday().num_days_from_monday()));
        let tz = &ws.config.timezone;

        // Open actions with a due date, by owner: overdue, due by Sunday, later.
        let mut due_soon: BTreeMap<String, Vec<crate::view::agency::OverdueItem>> = BTreeMap::new();
        let mut load: BTreeMap<String, Workload> = BTreeMap::new();
        fn slot<'a>(load: &'a mut BTreeMap<String, Workload>, who: &str) -> &'a mut Workload {
            load.entry(who.to_string()).or_insert_with(|| Workload {
                person: who.to_string(),
                overdue: 0,
                this_week: 0,
                later: 0,
                signoffs: 0,
            })
        }
        for record in &ws.records {
            let (items, source) = match &record.parsed.data {
                Data::Minutes(m) => (&m.actions, m.title.as_ref()),
                Data::Schedule(s) => (&s.items, s.title.as_ref()),
                _ => continue,
            };
            for a in items {
                let open = a
                    .status
                    .as_ref()
                    .is_none_or(|s| s.value == ActionStatus::Open);
                let (Some(due), Some(owner)) = (a.due.as_ref().map(|d| d.value), &a.owner) else {
                    continue;
                };
                if !open {
                    continue;
                }
                let name = ws.person_name(&owner.value);
                let w = slot(&mut load, &name);
                if due < today {
                    w.overdue += 1;
                } else if due <= week_end {
                    w.this_week += 1;
                    due_soon
                        .entry(format!("{name} ({})", owner.value))
                        .or_default()
                        .push(crate::view::agency::OverdueItem {
                            task: a.task.as_ref().map_or(String::new(), |t| t.value.clone()),
                            due: due.to_string(),
                            days_late: 0,
                            client: ws
                                .client_of(record)
                                .map_or(ws.config.agency.clone(), |c| c.name().to_string()),
                            client_id: ws.client_of(record).map(|c| c.id.clone()),
                            source: source.map_or(String::new(), |t| t.value.clone()),
                            file: ws.path(record.file).to_string(),
                        });
                } else {
                    w.later += 1;
                }
            }
        }
        for group in &scope.pending {
            // Headings read "Name (id)" for staff and contacts alike.
            let name = group
                .who
                .rsplit_once(" (")
                .map_or(group.who.as_str(), |(n, _)| n);
            slot(&mut load, name).signoffs += u32::try_from(group.items.len()).unwrap_or(u32::MAX);
        }
        let due_soon: Vec<OwnerGroup> = due_soon
            .into_iter()
            .map(|(owner, mut items)| {
                items.sort_by(|a, b| (&a.due, &a.task).cmp(&(&b.due, &b.task)));
                OwnerGroup { owner, items }
            })
            .collect();

        // This week's meetings, every client and internal.
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let mut meetings: Vec<(String, MeetingRow)> = ws
            .records
            .iter()
            .filter_map(|record| {
                let m = record.minutes()?;
                let d = m.date.as_ref()?;
                let date = d.value.date(tz);
                if date < monday || date > week_end {
                    return None;
                }
                let when = match d.value.time() {
                    Some(t) => format!("{date} {}", tz.local_time(&t).format("%H:%M")),
                    None => date.to_string(),
                };
                Some((
                    when.clone(),
                    MeetingRow {
                        file: ws.path(record.file).to_string(),
                        title: record.label(),
                        when,
                        client: ws
                            .client_of(record)
                            .map_or(ws.config.agency.clone(), |c| c.name().to_string()),
                        client_id: ws.client_of(record).map(|c| c.id.clone()),
                        kind: m.kind.as_ref().map_or("", |k| k.value.as_str()).to_string(),
                    },
                ))
            })
            .collect();
        meetings.sort_by(|a, b| (&a.0, &a.1.file).cmp(&(&b.0, &b.1.file)));
        let meetings: Vec<MeetingRow> = meetings.into_iter().map(|(_, m)| m).collect();

        let clients = ws
            .clients
            .iter()
            .enumerate()
            .zip(&scope.clients)
            .map(|((ci, client), section)| {
                let id = client.id.as_str();
                let info = client.info.as_ref();
                let staff = |s: Option<&crate::model::values::Sp<String>>| {
                    s.map(|s| ws.person_name(&s.value))
                };
                let mut orders: Vec<StatusGroup> = Vec::new();
                let mut sorted = section.orders.clone();
                sorted.sort_by_key(|o| (status_rank(o.status_value), o.number.clone()));
                for o in sorted {
                    match orders.last_mut() {
                        Some(g) if g.status == o.status => g.orders.push(o),
                        _ => orders.push(StatusGroup {
                            status: o.status.clone(),
                            orders: vec![o],
                        }),
                    }
                }
                let open_orders = section
                    .orders
                    .iter()
                    .filter(|o| {
                        !matches!(o.status_value, OrderStatus::Closed | OrderStatus::Cancelled)
                    })
                    .count();
                let overdue = for_client(&scope.overdue, id);
                let pending: Vec<PendingGroup> = scope
                    .pending
                    .iter()
                    .filter_map(|g| {
                        let items: Vec<_> = g
                            .items
                            .iter()
                            .filter(|i| i.client_id.as_deref() == Some(id))
                            .cloned()
                            .collect();
                        (!items.is_empty()).then(|| PendingGroup {
                            who: g.who.clone(),
                            items,
                        })
                    })
                    .collect();
                ClientBoard {
                    id: id.to_string(),
                    name: client.name().to_string(),
                    status: info.map_or("active", |i| i.status.as_str()).to_string(),
                    ae: staff(info.and_then(|i| i.ae.as_ref())),
                    supervisor: staff(info.and_then(|i| i.supervisor.as_ref())),
                    portal: info.is_some_and(|i| i.portal),
                    open_orders,
                    orders,
                    aging: section.aging.clone(),
                    dunning: scope
                        .dunning
                        .iter()
                        .filter(|d| d.client_id == id)
                        .cloned()
                        .collect(),
                    invoices: invoices(ws, ci, today),
                    overdue_count: overdue.iter().map(|g| g.items.len()).sum(),
                    pending_count: pending.iter().map(|g| g.items.len()).sum(),
                    overdue,
                    due_soon: for_client(&due_soon, id),
                    pending,
                    meetings: meetings
                        .iter()
                        .filter(|m| m.client_id.as_deref() == Some(id))
                        .cloned()
                        .collect(),
                    records: records(ws, ci),
                    contacts: client
                        .contacts()
                        .iter()
                        .map(|k| ContactRow {
                            name: k.name.value.clone(),
                            role: k.role.clone().unwrap_or_default(),
                            email: crate::model::values::text_of(&k.email),
                            phone: k.phone.clone().unwrap_or_default(),
                            can_sign: k.can_sign,
                        })
                        .collect(),
                    notes: client
                        .file
                        .map(|f| (ws.path(f).to_string(), ws.client_notes(ci).to_string())),
                }
            })
            .collect::<Vec<_>>();
        Dashboard {
            agency: ws.config.agency.clone(),
            today: today.to_string(),
            week: crate::model::values::Week::of(today).label(),
            week_end: week_end.to_string(),
            portals: clients.iter().any(|c| c.portal),
            clients,
            aging: scope.aging,
            dunning: scope.dunning,
            pending: scope.pending,
            overdue: scope.overdue,
            due_soon,
            meetings,
            workload: load.into_values().collect(),
        }
    }
}

/// Statuses in the order work runs through them.
fn status_rank(s: OrderStatus) -> u8 {
    match s {
        OrderStatus::Draft => 0,
        OrderStatus::Approved => 1,
        OrderStatus::InProgress => 2,
        OrderStatus::Delivered => 3,
        OrderStatus::Closed => 4,
        OrderStatus::Cancelled => 5,
    }
}

fn invoices(ws: &Workspace, client: usize, today: NaiveDate) -> Vec<InvoiceRow> {
    let terms = ws.config.payment_terms_days;
    let mut rows: Vec<InvoiceRow> = ws
        .records_of(client)
        .filter_map(|record| {
            let i = record.invoice()?;
            let c = &i.currency.value;
            let (total, paid) = (i.total(), i.paid_total());
            let balance = total - paid;
            let outstanding = balance.is_sign_positive() && !balance.is_zero();
            let due = i.due_date(terms);
            let days_overdue = match due {
                Some(d) if outstanding && today > d => (today - d).num_days(),
                _ => 0,
            };
            Some(InvoiceRow {
                file: ws.path(record.file).to_string(),
                number: record.label(),
                issued: i
                    .issued
                    .as_ref()
                    .map_or(String::new(), |d| d.value.to_string()),
                due: due.map_or(String::new(), |d| d.to_string()),
                total: format_money(total, c),
                paid: format_money(paid, c),
                balance: format_money(balance, c),
                outstanding,
                days_overdue,
                dun: outstanding && days_overdue > 0,
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.issued, &a.number).cmp(&(&b.issued, &b.number)));
    rows
}

fn records(ws: &Workspace, client: usize) -> Vec<RecordGroup> {
    let mut groups: BTreeMap<u8, (String, Vec<RecordLink>)> = BTreeMap::new();
    let tz = &ws.config.timezone;
    for record in ws.records_of(client) {
        let (rank, kind, note) = match &record.parsed.data {
            Data::Minutes(m) => (
                0,
                "Minutes",
                m.date
                    .as_ref()
                    .map_or(String::new(), |d| d.value.date(tz).to_string()),
            ),
            Data::Order(o) => (1, "Work orders", o.status().as_str().replace('_', " ")),
            Data::Schedule(s) => (
                2,
                "Timetables",
                s.status
                    .as_ref()
                    .map_or("draft", |s| s.value.as_str())
                    .to_string(),
            ),
            Data::Invoice(i) => (
                3,
                "Invoices",
                i.issued
                    .as_ref()
                    .map_or(String::new(), |d| d.value.to_string()),
            ),
            Data::Client(_) => continue,
        };
        groups
            .entry(rank)
            .or_insert_with(|| (kind.to_string(), Vec::new()))
            .1
            .push(RecordLink {
                file: ws.path(record.file).to_string(),
                label: record.label(),
                note,
            });
    }
    groups
        .into_values()
        .map(|(kind, mut records)| {
            if kind == "Minutes" {
                // Newest meeting first.
                records.sort_by(|a, b| (&b.note, &b.file).cmp(&(&a.note, &a.file)));
            }
            RecordGroup { kind, records }
        })
        .collect()
}
