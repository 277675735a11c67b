//! Exports: CSV files for finance (work orders with budget and costs, invoices with
//! totals, paid and balance, actions) and `.ics` calendars of deadlines and meetings.
//!
//! Amounts in CSV are plain decimals with the currency's places (`48000.00`) and the
//! currency in its own column, so a spreadsheet reads them as numbers.

use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Content, Files};
use crate::error::Error;
use crate::link::Workspace;
use crate::model::records::Data;
use crate::model::values::currency_decimals;
use crate::model::values::{Choice, text_of};
use crate::render::ics::{self, Event, When};
use crate::view::client::{ActionView, ClientScope};

/// How long a meeting without a written duration is shown in calendars.
const DEFAULT_MEETING_MINUTES: u32 = 60;

fn amount(d: Decimal, currency: &str) -> String {
    format!(
        "{:.*}",
        currency_decimals(currency) as usize,
        d.round_dp(currency_decimals(currency))
    )
}

#[derive(Serialize)]
struct OrderRow<'a> {
    client: &'a str,
    number: String,
    title: String,
    kind: &'a str,
    status: &'a str,
    requested: String,
    due: String,
    currency: String,
    budget: String,
    costs: String,
    remaining: String,
    file: &'a str,
}

#[derive(Serialize)]
struct InvoiceRow<'a> {
    client: &'a str,
    number: String,
    orders: String,
    issued: String,
    due: String,
    currency: &'a str,
    total: String,
    paid: String,
    balance: String,
    days_overdue: i64,
    file: &'a str,
}

#[derive(Serialize)]
struct ActionRow<'a> {
    client: &'a str,
    record: String,
    task: String,
    owner: String,
    due: String,
    status: &'a str,
    done: String,
    file: &'a str,
}

/// Free text as a spreadsheet cell. Text that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return is read by spreadsheets as a formula (a title written as
/// `=HYPERLINK("https://…?"&B2, "Open")` would run in finance's copy of the export), so it
/// is given a leading `'`, which spreadsheets take as "this is text".
fn cell(text: String) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text,
    }
}

/// `rows` as CSV with a header row.
fn table<R: Serialize>(rows: &[R]) -> Result<String, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.serialize(row)
            .map_err(|e| Error::Usage(format!("CSV export: {e}")))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Usage(format!("CSV export: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Usage(format!("CSV export: {e}")))
}

/// The internal exports: `exports/*.csv` and the agency's `calendar.ics` (from
/// `scopes`, every client's view).
pub(crate) fn internal(
    ws: &Workspace,
    today: NaiveDate,
    scopes: &[ClientScope],
) -> Result<Files, Error> {
    let terms = ws.config.payment_terms_days;
    let mut orders = Vec::new();
    let mut invoices = Vec::new();
    let mut actions = Vec::new();
    for record in &ws.records {
        let client = ws.client_of(record).map_or("", |c| c.id.as_str());
        let file = ws.path(record.file);
        match &record.parsed.data {
            Data::Order(o) => {
                let currency = o.currency(&ws.config.currency).to_string();
                let costs = o.cost_total();
                let budget = o.budget.as_ref().map(|b| b.amount.value);
                orders.push(OrderRow {
                    client,
                    number: text_of(&o.number),
                    title: cell(text_of(&o.title)),
                    kind: o.kind.as_ref().map_or("", |k| k.value.as_str()),
                    status: o.status().as_str(),
                    requested: o
                        .requested
                        .as_ref()
                        .map_or(String::new(), |d| d.value.to_string()),
                    due: o
                        .due
                        .as_ref()
                        .map_or(String::new(), |d| d.value.to_string()),
                    budget: budget.map_or(String::new(), |b| amount(b, &currency)),
                    costs: amount(costs, &currency),
                    remaining: budget.map_or(String::new(), |b| amount(b - costs, &currency)),
                    currency,
                    file,
                });
            }
            Data::Invoice(i) => {
                let c = i.currency.value.as_str();
                let (total, paid) = (i.total(), i.paid_total());
                let balance = total - paid;
                let due = i.due_date(terms);
                invoices.push(InvoiceRow {
                    client,
                    number: text_of(&i.number),
                    orders: i
                        .orders
                        .iter()
                        .map(|o| o.value.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    issued: i
                        .issued
                        .as_ref()
                        .map_or(String::new(), |d| d.value.to_string()),
                    due: due.map_or(String::new(), |d| d.to_string()),
                    currency: c,
                    total: amount(total, c),
                    paid: amount(paid, c),
                    balance: amount(balance, c),
                    days_overdue: match due {
                        Some(d) if balance > Decimal::ZERO && today > d => (today - d).num_days(),
                        _ => 0,
                    },
                    file,
                });
            }
            Data::Minutes(_) | Data::Schedule(_) => {
                let items = match &record.parsed.data {
                    Data::Minutes(m) => &m.actions,
                    Data::Schedule(s) => &s.items,
                    _ => continue,
                };
                for a in items {
                    actions.push(ActionRow {
                        client,
                        record: cell(record.label()),
                        task: cell(text_of(&a.task)),
                        owner: a.owner.as_ref().map_or(String::new(), |o| o.value.clone()),
                        due: a
                            .due
                            .as_ref()
                            .map_or(String::new(), |d| d.value.to_string()),
                        status: a.status().as_str(),
                        done: a
                            .done
                            .as_ref()
                            .map_or(String::new(), |d| d.value.to_string()),
                        file,
                    });
                }
            }
            Data::Client(_) => {}
        }
    }
    let mut events = Vec::new();
    for scope in scopes {
        events.extend(scope_events(scope).into_iter().map(|mut e| {
            e.summary = format!("{}: {}", scope.name, e.summary);
            e
        }));
    }
    // Agency meetings, and internal meetings kept in a client's folder.
    for record in &ws.records {
        let Some(m) = record.minutes() else { continue };
        if record.client_visible_minutes().is_some() {
            continue;
        }
        let Some(date) = &m.date else { continue };
        let when = match date.value.time() {
            Some(t) => When::At {
                start: t.with_timezone(&Utc),
                minutes: m
                    .duration
                    .as_ref()
                    .map_or(DEFAULT_MEETING_MINUTES, |d| d.value),
            },
            None => When::Day(date.value.date(&ws.config.timezone)),
        };
        events.push(Event {
            uid: uid("meeting", &[ws.path(record.file)]),
            summary: record.label(),
            description: None,
            location: m.place.as_ref().map(|p| p.value.clone()),
            when,
        });
    }
    Ok(vec![
        (
            "exports/work-orders.csv".into(),
            Content::Text(table(&orders)?),
        ),
        (
            "exports/invoices.csv".into(),
            Content::Text(table(&invoices)?),
        ),
        (
            "exports/actions.csv".into(),
            Content::Text(table(&actions)?),
        ),
        (
            "calendar.ics".into(),
            Content::Text(ics::calendar(
                &ws.config.agency,
                &ws.config.timezone.name(),
                stamp(today),
                &events,
            )),
        ),
    ])
}

/// A client's calendar: its meetings, the due dates of open actions and timetable items,
/// of its work orders, and of its outstanding invoices.
pub(crate) fn client_calendar(scope: &ClientScope, today: NaiveDate) -> String {
    ics::calendar(
        &format!("{} · {}", scope.name, scope.agency),
        &scope.reporting.timezone.name(),
        stamp(today),
        &scope_events(scope),
    )
}

/// Every calendar's DTSTAMP: the build day, so that a build is reproducible.
fn stamp(today: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&today.and_time(chrono::NaiveTime::MIN))
}

/// A UID that stays the same from build to build while the thing it names does.
fn uid(kind: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let hex: String = h.finalize()[..10]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{kind}-{hex}@docket")
}

fn action_event(scope: &ClientScope, source: &str, i: usize, a: &ActionView) -> Option<Event> {
    if a.status != "open" {
        return None;
    }
    let due = a.due_date?;
    let index = i.to_string();
    Some(Event {
        uid: uid("due", &[&scope.id, source, &index]),
        summary: format!("Due: {}", a.task),
        description: Some(format!("{} · {} · from {}", a.task, a.owner, a.source)),
        location: None,
        when: When::Day(due),
    })
}

fn scope_events(scope: &ClientScope) -> Vec<Event> {
    let mut events = Vec::new();
    for m in &scope.meetings {
        let when = match m.start {
            Some(start) => When::At {
                start,
                minutes: m.duration.unwrap_or(DEFAULT_MEETING_MINUTES),
            },
            None => When::Day(m.date),
        };
        events.push(Event {
            uid: uid("meeting", &[&scope.id, &m.source]),
            summary: m.title.clone(),
            description: (!m.decisions.is_empty())
                .then(|| format!("Decisions:\n{}", m.decisions.join("\n"))),
            location: m.place.clone(),
            when,
        });
        for (i, a) in m.actions.iter().enumerate() {
            events.extend(action_event(scope, &m.source, i, a));
        }
    }
    for s in &scope.schedules {
        for (i, a) in s.items.iter().enumerate() {
            events.extend(action_event(scope, &s.source, i, a));
        }
    }
    for o in &scope.orders {
        let open = !matches!(o.status.as_str(), "closed" | "cancelled" | "delivered");
        if let (true, Some(due)) = (open, o.due.as_deref().and_then(|d| d.parse().ok())) {
            events.push(Event {
                uid: uid("order", &[&scope.id, &o.source]),
                summary: format!("Due: {} {}", o.number, o.title),
                description: (!o.deliverables.is_empty())
                    .then(|| format!("Deliverables:\n{}", o.deliverables.join("\n"))),
                location: None,
                when: When::Day(due),
            });
        }
    }
    for inv in scope.invoices.iter().filter(|i| i.outstanding) {
        if let Some(due) = inv.due_date {
            events.push(Event {
                uid: uid("invoice", &[&scope.id, &inv.source]),
                summary: format!("Payment due: {} ({})", inv.number, inv.balance),
                description: None,
                location: None,
                when: When::Day(due),
            });
        }
    }
    events
}
