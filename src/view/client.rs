//! One client's client-visible data, copied out of the workspace.
//!
//! Included: the client's name, its AE and supervisor (as the agency presents them), its
//! signing contacts; its client-visible minutes (front matter a client may see, and the
//! body without internal sections); its work orders without costs, vendors or
//! attachments; its timetables; its invoices; the sign-offs it still owes. Never
//! included: `client.md`'s body (the agency's notes), internal meetings, internal body
//! sections, costs and vendors, anything of another client.

use chrono::NaiveDate;
use serde::Serialize;

use crate::link::{Person, Record, Workspace};
use crate::model::records::{ActionStatus, Data, Minutes, OrderStatus, Stage};
use crate::model::values::Choice;
use crate::model::values::format_money;
use crate::signoff::{self, Requirement, Who};
use crate::view::PersonView;

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ClientScope {
    /// The client's folder (`<workspace>/clients/<id>`): the only place a portal copies
    /// linked files from.
    #[serde(skip)]
    pub folder: std::path::PathBuf,
    /// The commit the workspace was read from (`--at`): where linked files are read
    /// instead of `folder`, still only under the client's folder.
    #[serde(skip)]
    pub at: Option<std::sync::Arc<crate::git::snapshot::Snapshot>>,
    /// Files in the client's folder that are not records, relative to it (`files/brief.pdf`):
    /// what a client-visible body may link to.
    #[serde(skip)]
    pub files: std::collections::BTreeSet<String>,
    pub agency: String,
    /// When the weekly report is dated, in which timezone: all a client's pages need of
    /// the agency's settings.
    #[serde(skip)]
    pub reporting: Reporting,
    pub id: String,
    pub name: String,
    pub ae: Option<PersonView>,
    pub supervisor: Option<PersonView>,
    pub signing_contacts: Vec<PersonView>,
    /// Client-visible meetings, oldest first.
    pub meetings: Vec<MeetingView>,
    pub orders: Vec<OrderView>,
    pub schedules: Vec<ScheduleView>,
    pub invoices: Vec<InvoiceView>,
    /// Sign-offs the client still owes.
    pub owed: Vec<OwedView>,
}

/// The settings a client's pages use: the workspace timezone and when the weekly report
/// is dated.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reporting {
    pub timezone: crate::model::values::Timezone,
    pub report_day: chrono::Weekday,
    pub report_time: chrono::NaiveTime,
}

impl Reporting {
    pub(crate) fn of(config: &crate::model::settings::Config) -> Reporting {
        Reporting {
            timezone: config.timezone,
            report_day: config.report_day,
            report_time: config.report_time,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct MeetingView {
    /// The record's path in the client's folder (`minutes/2026-11-16-review.md`).
    pub source: String,
    pub title: String,
    /// `2026-11-16` or `2026-11-16 10:00` (workspace time).
    pub when: String,
    #[serde(skip)]
    pub date: NaiveDate,
    /// The moment it starts and how long it lasts (minutes), when a time is written.
    #[serde(skip)]
    pub start: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(skip)]
    pub duration: Option<u32>,
    pub kind: String,
    pub place: Option<String>,
    pub attended: Vec<String>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionView>,
    /// The body as Markdown, internal sections removed.
    pub body: String,
    /// Whether the client confirmed these minutes (a `confirmed` sign-off that holds).
    pub confirmed: bool,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ActionView {
    pub task: String,
    pub owner: String,
    pub due: Option<String>,
    #[serde(skip)]
    pub due_date: Option<NaiveDate>,
    pub status: String,
    pub done: Option<String>,
    /// Timetable items: the work order it belongs to.
    pub order: Option<String>,
    /// Where it was agreed or planned: a meeting's or a timetable's title.
    pub source: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OrderView {
    pub source: String,
    pub number: String,
    pub title: String,
    pub kind: String,
    /// `in_progress` as people read it: "in progress".
    pub status: String,
    #[serde(skip)]
    pub status_value: OrderStatus,
    pub requested: Option<String>,
    pub due: Option<String>,
    pub deliverables: Vec<String>,
    pub budget: Option<String>,
    /// Stages signed and holding, as "approved", "delivered".
    pub signed: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ScheduleView {
    pub source: String,
    pub title: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub status: String,
    pub items: Vec<ActionView>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct InvoiceView {
    pub source: String,
    pub number: String,
    pub orders: Vec<String>,
    pub issued: Option<String>,
    pub due: Option<String>,
    #[serde(skip)]
    pub due_date: Option<NaiveDate>,
    pub total: String,
    pub paid: String,
    pub balance: String,
    #[serde(skip)]
    pub outstanding: bool,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OwedView {
    /// "WO-2026-0031 Spring key visual", or a meeting's title and date.
    pub record: String,
    pub stage: String,
}

/// What a client's pages call person `id`: staff and the client's own contacts by name.
/// Anyone else (another client's contact, an id that resolves to nobody) is not named
/// and not shown by id either, whatever `rules:` makes of the diagnostics.
fn person(ws: &Workspace, client: usize, id: &str) -> String {
    match ws.person(id) {
        Some(Person::Staff(_)) => ws.person_name(id),
        Some(Person::Contact { client: c, .. }) if c == client => ws.person_name(id),
        _ => UNKNOWN_PERSON.to_string(),
    }
}

/// How a client's pages show a person who is neither staff nor one of its contacts.
pub(crate) const UNKNOWN_PERSON: &str = "(someone else)";

fn staff_view(ws: &Workspace, id: Option<&str>) -> Option<PersonView> {
    let staff = ws.config.staff(id?)?;
    Some(PersonView {
        name: staff.name.clone(),
        email: staff.email.clone(),
    })
}

fn actions(
    ws: &Workspace,
    client: usize,
    items: &[crate::model::records::Action],
    source: &str,
) -> Vec<ActionView> {
    items
        .iter()
        .map(|a| ActionView {
            task: a.task.as_ref().map_or(String::new(), |t| t.value.clone()),
            owner: a
                .owner
                .as_ref()
                .map_or(String::new(), |o| person(ws, client, &o.value)),
            due: a.due.as_ref().map(|d| d.value.to_string()),
            due_date: a.due.as_ref().map(|d| d.value),
            status: a
                .status
                .as_ref()
                .map_or(ActionStatus::Open, |s| s.value)
                .as_str()
                .to_string(),
            done: a.done.as_ref().map(|d| d.value.to_string()),
            order: a.order.as_ref().map(|o| o.value.clone()),
            source: source.to_string(),
        })
        .collect()
}

/// The body of a record without its internal sections.
fn public_body(ws: &Workspace, record: &Record) -> String {
    let file = ws.sources.get(record.file);
    let (start, end) = record.parsed.parts.body;
    let mut out = String::new();
    let mut at = start;
    let mut internal: Vec<_> = record.parsed.body.internal_ranges().collect();
    internal.sort_by_key(|s| s.start);
    for span in internal {
        if span.start > at {
            out.push_str(&file.text[at..span.start.min(end)]);
        }
        at = at.max(span.end);
    }
    if at < end {
        out.push_str(&file.text[at..end]);
    }
    crate::parse::digest::canonical_body(&out)
}

fn meeting(ws: &Workspace, client: usize, record: &Record, m: &Minutes) -> MeetingView {
    let tz = &ws.config.timezone;
    let title = m.title.as_ref().map_or(String::new(), |t| t.value.clone());
    let (when, date) = match &m.date {
        Some(d) => {
            let date = d.value.date(tz);
            let when = match d.value.time() {
                Some(t) => {
                    let local = tz.local_time(&t);
                    format!("{date} {}", local.format("%H:%M"))
                }
                None => date.to_string(),
            };
            (when, date)
        }
        None => (String::new(), NaiveDate::MIN),
    };
    let confirmed = signoff::satisfied(
        ws,
        record,
        &Requirement {
            stage: Stage::Confirmed,
            who: Who::SigningContact,
        },
    );
    MeetingView {
        source: own_path(ws, record),
        start: m
            .date
            .as_ref()
            .and_then(|d| d.value.time())
            .map(|t| t.with_timezone(&chrono::Utc)),
        duration: m.duration.as_ref().map(|d| d.value),
        actions: actions(ws, client, &m.actions, &title),
        title,
        when,
        date,
        kind: m.kind.as_ref().map_or("", |k| k.value.as_str()).to_string(),
        place: m.place.as_ref().map(|p| p.value.clone()),
        attended: m
            .attended
            .iter()
            .map(|p| person(ws, client, &p.value))
            .collect(),
        decisions: m.decisions.iter().map(|d| d.value.clone()).collect(),
        body: public_body(ws, record),
        confirmed,
    }
}

/// A record's path inside its client's folder.
fn own_path(ws: &Workspace, record: &Record) -> String {
    let path = ws.path(record.file);
    match ws.client_of(record) {
        Some(c) => path
            .strip_prefix(&format!("clients/{}/", c.id))
            .unwrap_or(path)
            .to_string(),
        None => path.to_string(),
    }
}

/// A record as the client's list of owed sign-offs names it: meetings with their date.
fn record_label(ws: &Workspace, record: &Record) -> String {
    match record.minutes().and_then(|m| m.date.as_ref()) {
        Some(d) => format!("{} ({})", record.label(), d.value.date(&ws.config.timezone)),
        None => record.label(),
    }
}

impl ClientScope {
    /// Copies client `client`'s visible data out of `ws`, as of `today`.
    pub(crate) fn build(ws: &Workspace, client: usize, today: NaiveDate) -> ClientScope {
        ClientScope::build_with(ws, client, today, Minutes::visible_in_client_folder)
    }

    /// A wrong view, for the tests that show the leak scan refuses what a broken view
    /// lets through: every meeting of the client's folder, internal ones included.
    #[cfg(test)]
    pub(crate) fn build_letting_internal_meetings_in(
        ws: &Workspace,
        client: usize,
        today: NaiveDate,
    ) -> ClientScope {
        ClientScope::build_with(ws, client, today, |_| true)
    }

    fn build_with(
        ws: &Workspace,
        client: usize,
        today: NaiveDate,
        shown: fn(&Minutes) -> bool,
    ) -> ClientScope {
        let c = &ws.clients[client];
        let info = c.info.as_ref();
        let prefix = format!("clients/{}/", c.id);
        // The client's own records and `client.md` (only files under its folder can be
        // among them, so the other clients' records are never looked at).
        let records: std::collections::HashSet<&str> = ws
            .records_of(client)
            .map(|r| ws.path(r.file))
            .chain(c.file.map(|f| ws.path(f)))
            .collect();
        let mut scope = ClientScope {
            folder: ws.root.join("clients").join(&c.id),
            at: ws.at.clone(),
            files: ws
                .files
                .iter()
                .filter(|f| f.starts_with(&prefix) && !records.contains(f.as_str()))
                .filter_map(|f| f.strip_prefix(&prefix))
                .map(str::to_string)
                .collect(),
            agency: ws.config.agency.clone(),
            reporting: Reporting::of(&ws.config),
            id: c.id.clone(),
            name: c.name().to_string(),
            ae: staff_view(
                ws,
                info.and_then(|i| i.ae.as_ref()).map(|a| a.value.as_str()),
            ),
            supervisor: staff_view(
                ws,
                info.and_then(|i| i.supervisor.as_ref())
                    .map(|a| a.value.as_str()),
            ),
            signing_contacts: c
                .contacts()
                .iter()
                .filter(|k| k.can_sign)
                .map(|k| PersonView {
                    name: k.name.value.clone(),
                    email: k.email.as_ref().map(|e| e.value.clone()),
                })
                .collect(),
            meetings: Vec::new(),
            orders: Vec::new(),
            schedules: Vec::new(),
            invoices: Vec::new(),
            owed: Vec::new(),
        };
        let terms = ws.config.payment_terms_days;
        for record in ws.records_of(client) {
            match &record.parsed.data {
                Data::Minutes(m) if shown(m) => {
                    let view = meeting(ws, client, record, m);
                    if !view.confirmed && view.date <= today {
                        scope.owed.push(OwedView {
                            record: record_label(ws, record),
                            stage: "confirmed".into(),
                        });
                    }
                    scope.meetings.push(view);
                }
                Data::Order(o) => {
                    let signed: Vec<String> = signoff::current(&o.signoffs)
                        .into_iter()
                        .filter(|(_, s)| signoff::holds(ws, record, s))
                        .map(|(_, s)| s.stage.value.as_str().to_string())
                        .fold(Vec::new(), |mut v, s| {
                            if !v.contains(&s) {
                                v.push(s);
                            }
                            v
                        });
                    let status = o.status();
                    scope.orders.push(OrderView {
                        source: own_path(ws, record),
                        number: o.number.as_ref().map_or(String::new(), |n| n.value.clone()),
                        title: o.title.as_ref().map_or(String::new(), |t| t.value.clone()),
                        kind: o.kind.as_ref().map_or("", |k| k.value.as_str()).to_string(),
                        status: status.as_str().replace('_', " "),
                        status_value: status,
                        requested: o.requested.as_ref().map(|d| d.value.to_string()),
                        due: o.due.as_ref().map(|d| d.value.to_string()),
                        deliverables: o.deliverables.iter().map(|d| d.value.clone()).collect(),
                        budget: o
                            .budget
                            .as_ref()
                            .map(|b| format_money(b.amount.value, &b.currency.value)),
                        signed,
                    });
                }
                Data::Schedule(s) => {
                    let title = s.title.as_ref().map_or(String::new(), |t| t.value.clone());
                    scope.schedules.push(ScheduleView {
                        source: own_path(ws, record),
                        items: actions(ws, client, &s.items, &title),
                        title,
                        from: s.from.as_ref().map(|d| d.value.to_string()),
                        to: s.to.as_ref().map(|d| d.value.to_string()),
                        status: s
                            .status
                            .as_ref()
                            .map_or("draft", |st| st.value.as_str())
                            .to_string(),
                    });
                }
                Data::Invoice(i) => {
                    let c = &i.currency.value;
                    let (total, paid) = (i.total(), i.paid_total());
                    let balance = total - paid;
                    scope.invoices.push(InvoiceView {
                        source: own_path(ws, record),
                        number: i.number.as_ref().map_or(String::new(), |n| n.value.clone()),
                        orders: i.orders.iter().map(|o| o.value.clone()).collect(),
                        issued: i.issued.as_ref().map(|d| d.value.to_string()),
                        due: i.due_date(terms).map(|d| d.to_string()),
                        due_date: i.due_date(terms),
                        total: format_money(total, c),
                        paid: format_money(paid, c),
                        balance: format_money(balance, c),
                        outstanding: balance.is_sign_positive() && !balance.is_zero(),
                    });
                }
                _ => {}
            }
            // A meeting the client may not see is owed nothing by it, whatever it says.
            if matches!(&record.parsed.data, Data::Minutes(m) if !shown(m)) {
                continue;
            }
            for req in signoff::owed(ws, record) {
                if req.who == Who::SigningContact {
                    scope.owed.push(OwedView {
                        record: record_label(ws, record),
                        stage: req.stage.as_str().to_string(),
                    });
                }
            }
        }
        scope
            .meetings
            .sort_by(|a, b| (a.date, &a.when, &a.title).cmp(&(b.date, &b.when, &b.title)));
        scope
    }
}
