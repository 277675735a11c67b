//! Typed records (parse stage): clients, minutes, work orders, schedules and invoices,
//! read from their front matter with a span on every value.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::fields::{Fields, Reader, Sp};
use super::values::When;
use super::yaml::Value;
use crate::check::rules::invalid_value;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::source::Span;

crate::choice! {
    /// A record's type, from its folder (and optionally restated by `type:`).
    pub enum RecordKind {
        Client = "client",
        Minutes = "minutes",
        Order = "order",
        Schedule = "schedule",
        Invoice = "invoice",
    }
}

crate::choice! {
    pub enum ClientStatus { Active = "active", Paused = "paused", Former = "former" }
}

crate::choice! {
    pub enum MeetingKind {
        Client = "client",
        Internal = "internal",
        Call = "call",
        Visit = "visit",
        Proposal = "proposal",
    }
}

crate::choice! {
    pub enum Visibility { Client = "client", Internal = "internal" }
}

crate::choice! {
    pub enum ActionStatus { Open = "open", Done = "done", Dropped = "dropped" }
}

crate::choice! {
    pub enum OrderKind {
        Creative = "creative",
        Research = "research",
        Media = "media",
        Production = "production",
        Event = "event",
        Other = "other",
    }
}

crate::choice! {
    /// A work order's status: draft -> approved -> in_progress -> delivered -> closed,
    /// or cancelled at any point.
    pub enum OrderStatus {
        Draft = "draft",
        Approved = "approved",
        InProgress = "in_progress",
        Delivered = "delivered",
        Closed = "closed",
        Cancelled = "cancelled",
    }
}

crate::choice! {
    pub enum ScheduleStatus { Draft = "draft", Agreed = "agreed" }
}

crate::choice! {
    /// What a sign-off confirms.
    pub enum Stage {
        Approved = "approved",
        Delivered = "delivered",
        Agreed = "agreed",
        Confirmed = "confirmed",
    }
}

crate::choice! {
    /// How a client contact's confirmation was given.
    pub enum Via {
        Email = "email",
        Phone = "phone",
        Meeting = "meeting",
        Letter = "letter",
        Portal = "portal",
    }
}

impl RecordKind {
    /// The stages a record of this type can be signed for.
    pub fn stages(self) -> &'static [Stage] {
        match self {
            RecordKind::Order => &[Stage::Approved, Stage::Delivered],
            RecordKind::Schedule => &[Stage::Agreed],
            RecordKind::Minutes => &[Stage::Confirmed],
            RecordKind::Invoice => &[Stage::Approved],
            RecordKind::Client => &[],
        }
    }
}

#[derive(Clone, Debug)]
pub struct Contact {
    pub id: Sp<String>,
    pub name: Sp<String>,
    pub role: Option<String>,
    pub email: Option<Sp<String>>,
    pub phone: Option<String>,
    pub can_sign: bool,
}

/// The front matter of a `client.md`.
#[derive(Clone, Debug)]
pub struct ClientInfo {
    pub name: Option<Sp<String>>,
    pub aliases: Vec<Sp<String>>,
    pub brand_agent: bool,
    pub ae: Option<Sp<String>>,
    pub supervisor: Option<Sp<String>>,
    pub status: ClientStatus,
    pub since: Option<Sp<NaiveDate>>,
    pub portal: bool,
    pub contacts: Vec<Contact>,
}

#[derive(Clone, Debug)]
pub struct SignOff {
    pub by: Sp<String>,
    pub stage: Sp<Stage>,
    pub date: Sp<NaiveDate>,
    pub via: Option<Sp<Via>>,
    pub digest: Option<Sp<String>>,
    pub note: Option<String>,
    /// The whole entry.
    pub span: Span,
}

/// An action agreed in a meeting, or an item of a timetable.
#[derive(Clone, Debug)]
pub struct Action {
    pub task: Option<Sp<String>>,
    pub owner: Option<Sp<String>>,
    pub due: Option<Sp<NaiveDate>>,
    pub status: Option<Sp<ActionStatus>>,
    pub done: Option<Sp<NaiveDate>>,
    /// Timetable items only: the work order the item belongs to.
    pub order: Option<Sp<String>>,
    pub span: Span,
}

impl Action {
    pub fn status(&self) -> ActionStatus {
        self.status
            .as_ref()
            .map(|s| s.value)
            .unwrap_or(ActionStatus::Open)
    }
}

#[derive(Clone, Debug)]
pub struct Review {
    pub goal_met: Option<bool>,
    pub notes: Option<String>,
    pub problem: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Proposal {
    pub content: Option<Sp<String>>,
    pub equipment: Vec<Sp<String>>,
    pub strategy: Option<Sp<String>>,
    pub outline_sent: Option<Sp<NaiveDate>>,
    pub review: Option<Review>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Minutes {
    pub kind: Option<Sp<MeetingKind>>,
    pub title: Option<Sp<String>>,
    pub date: Option<Sp<When>>,
    pub duration: Option<Sp<u32>>,
    pub place: Option<Sp<String>>,
    pub invited: Vec<Sp<String>>,
    pub attended: Vec<Sp<String>>,
    pub decisions: Vec<Sp<String>>,
    pub actions: Vec<Action>,
    pub conclusion: Option<Sp<String>>,
    pub proposal: Option<Proposal>,
    pub visibility: Option<Sp<Visibility>>,
    /// Whether `visibility` is written at all (a value that did not parse is `None`
    /// above, and must not read as missing).
    pub visibility_written: bool,
    pub signoffs: Vec<SignOff>,
}

impl Minutes {
    /// Whether these minutes, kept in a client's folder, may be seen by the client.
    /// Fails closed, whatever `rules:` says of the diagnostics: `kind` must be a known
    /// kind other than `internal`, and `visibility` missing or `client`. A kind or a
    /// visibility that is missing, misspelt or not a known word makes the meeting
    /// internal. (Records under `internal/` never are: see
    /// `link::Record::client_visible`.)
    pub fn visible_in_client_folder(&self) -> bool {
        let kind_shown = self
            .kind
            .as_ref()
            .is_some_and(|k| k.value != MeetingKind::Internal);
        let visibility_shown = match &self.visibility {
            Some(v) => v.value == Visibility::Client,
            None => !self.visibility_written,
        };
        kind_shown && visibility_shown
    }
}

#[derive(Clone, Debug)]
pub struct Budget {
    pub amount: Sp<Decimal>,
    pub currency: Sp<String>,
}

#[derive(Clone, Debug)]
pub struct Cost {
    pub item: Option<Sp<String>>,
    pub vendor: Option<Sp<String>>,
    pub amount: Option<Sp<Decimal>>,
}

#[derive(Clone, Debug)]
pub struct WorkOrder {
    pub number: Option<Sp<String>>,
    pub kind: Option<Sp<OrderKind>>,
    pub title: Option<Sp<String>>,
    pub requested: Option<Sp<NaiveDate>>,
    pub due: Option<Sp<NaiveDate>>,
    pub team: Vec<Sp<String>>,
    pub deliverables: Vec<Sp<String>>,
    pub budget: Option<Budget>,
    pub costs: Vec<Cost>,
    pub status: Option<Sp<OrderStatus>>,
    pub attachments: Vec<Sp<String>>,
    pub signoffs: Vec<SignOff>,
}

impl WorkOrder {
    pub fn status(&self) -> OrderStatus {
        self.status
            .as_ref()
            .map(|s| s.value)
            .unwrap_or(OrderStatus::Draft)
    }

    /// The sum of the cost lines (in the order's currency).
    pub fn cost_total(&self) -> Decimal {
        self.costs
            .iter()
            .filter_map(|c| c.amount.as_ref())
            .map(|a| a.value)
            .sum()
    }

    /// The budget's currency, or `default` (the workspace's) without a budget.
    pub fn currency<'a>(&'a self, default: &'a str) -> &'a str {
        self.budget
            .as_ref()
            .map_or(default, |b| b.currency.value.as_str())
    }
}

#[derive(Clone, Debug)]
pub struct Schedule {
    pub title: Option<Sp<String>>,
    pub from: Option<Sp<NaiveDate>>,
    pub to: Option<Sp<NaiveDate>>,
    pub status: Option<Sp<ScheduleStatus>>,
    pub items: Vec<Action>,
    pub signoffs: Vec<SignOff>,
}

#[derive(Clone, Debug)]
pub struct Line {
    pub description: Option<Sp<String>>,
    pub amount: Option<Sp<Decimal>>,
}

#[derive(Clone, Debug)]
pub struct Payment {
    pub date: Option<Sp<NaiveDate>>,
    pub amount: Option<Sp<Decimal>>,
    pub reference: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Invoice {
    pub number: Option<Sp<String>>,
    pub orders: Vec<Sp<String>>,
    pub issued: Option<Sp<NaiveDate>>,
    pub due: Option<Sp<NaiveDate>>,
    pub lines: Vec<Line>,
    pub currency: Sp<String>,
    /// Whether `currency` was written (else it is the workspace currency).
    pub currency_written: bool,
    pub paid: Vec<Payment>,
    pub signoffs: Vec<SignOff>,
    /// Where the total is shown in diagnostics: the `lines` field.
    pub lines_span: Span,
}

impl Invoice {
    pub fn total(&self) -> Decimal {
        self.lines
            .iter()
            .filter_map(|l| l.amount.as_ref())
            .map(|a| a.value)
            .sum()
    }

    pub fn paid_total(&self) -> Decimal {
        self.paid
            .iter()
            .filter_map(|p| p.amount.as_ref())
            .map(|a| a.value)
            .sum()
    }

    pub fn balance(&self) -> Decimal {
        self.total() - self.paid_total()
    }

    /// `due`, or `issued` plus the payment terms.
    pub fn due_date(&self, terms_days: i64) -> Option<NaiveDate> {
        self.due.as_ref().map(|d| d.value).or_else(|| {
            self.issued
                .as_ref()
                .map(|i| i.value + chrono::Duration::days(terms_days))
        })
    }
}

/// The typed content of a record.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // one per record, held once; boxing buys nothing
pub enum Data {
    Client(ClientInfo),
    Minutes(Minutes),
    Order(WorkOrder),
    Schedule(Schedule),
    Invoice(Invoice),
}

impl Data {
    pub fn signoffs(&self) -> &[SignOff] {
        match self {
            Data::Client(_) => &[],
            Data::Minutes(m) => &m.signoffs,
            Data::Order(o) => &o.signoffs,
            Data::Schedule(s) => &s.signoffs,
            Data::Invoice(i) => &i.signoffs,
        }
    }
}

/// The fields each record type knows, for unknown-field reports.
pub fn known_fields(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Client => &[
            "type",
            "name",
            "aliases",
            "brand_agent",
            "ae",
            "supervisor",
            "status",
            "since",
            "portal",
            "contacts",
        ],
        RecordKind::Minutes => &[
            "type",
            "kind",
            "title",
            "date",
            "duration",
            "place",
            "invited",
            "attended",
            "decisions",
            "actions",
            "conclusion",
            "proposal",
            "visibility",
            "signoffs",
        ],
        RecordKind::Order => &[
            "type",
            "number",
            "kind",
            "title",
            "requested",
            "due",
            "team",
            "deliverables",
            "budget",
            "costs",
            "status",
            "attachments",
            "signoffs",
        ],
        RecordKind::Schedule => &["type", "title", "from", "to", "status", "items", "signoffs"],
        RecordKind::Invoice => &[
            "type", "number", "orders", "issued", "due", "lines", "currency", "paid", "signoffs",
        ],
    }
}

/// The fields of the mappings inside a record, by the key they stand under (`contacts`,
/// `signoffs`, `actions` of minutes, `items` of timetables, ...): for unknown-field
/// reports, the language server's completion and the schemas' test.
pub fn nested_fields(parent: &str) -> &'static [&'static str] {
    match parent {
        "contacts" => &["id", "name", "role", "email", "phone", "can_sign"],
        "signoffs" => &["by", "stage", "date", "via", "digest", "note"],
        "actions" => &["task", "owner", "due", "status", "done"],
        "items" => &["task", "owner", "due", "status", "done", "order"],
        "proposal" => &["content", "equipment", "strategy", "outline_sent", "review"],
        "review" => &["goal_met", "notes", "problem"],
        "budget" => &["amount", "currency"],
        "costs" => &["item", "vendor", "amount"],
        "lines" => &["description", "amount"],
        "paid" => &["date", "amount", "ref"],
        _ => &[],
    }
}

/// Reads a record's typed fields from its front matter. `open` is the opening `---`.
pub fn read(
    kind: RecordKind,
    front: &Value,
    open: Span,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<Data> {
    let mut r = Reader::new(diags, &config.timezone);
    let mut f = r.fields(front, "the front matter", Some(open))?;
    let what = match kind {
        RecordKind::Client => "a client",
        RecordKind::Minutes => "minutes",
        RecordKind::Order => "a work order",
        RecordKind::Schedule => "a timetable",
        RecordKind::Invoice => "an invoice",
    };
    let data = match kind {
        RecordKind::Client => Data::Client(read_client(&mut r, &mut f)),
        RecordKind::Minutes => Data::Minutes(read_minutes(&mut r, &mut f, kind)),
        RecordKind::Order => Data::Order(read_order(&mut r, &mut f, config, kind)),
        RecordKind::Schedule => Data::Schedule(read_schedule(&mut r, &mut f, kind)),
        RecordKind::Invoice => Data::Invoice(read_invoice(&mut r, &mut f, config, kind)),
    };
    // `type:` is read by the caller; mark it as known here.
    r.finish(f, known_fields(kind), what);
    Some(data)
}

fn text(r: &mut Reader, f: &mut Fields, name: &str) -> Option<Sp<String>> {
    r.get(f, name).and_then(|v| r.text(v, name))
}

fn req_text(r: &mut Reader, f: &mut Fields, name: &str, what: &str) -> Option<Sp<String>> {
    r.required(f, name, what).and_then(|v| r.text(v, name))
}

fn date(r: &mut Reader, f: &mut Fields, name: &str) -> Option<Sp<NaiveDate>> {
    r.get(f, name).and_then(|v| r.date(v, name))
}

fn texts(r: &mut Reader, f: &mut Fields, name: &str) -> Vec<Sp<String>> {
    r.get(f, name)
        .map(|v| r.text_list(v, name))
        .unwrap_or_default()
}

fn flag(r: &mut Reader, f: &mut Fields, name: &str) -> bool {
    r.get(f, name)
        .and_then(|v| r.boolean(v, name))
        .map(|b| b.value)
        .unwrap_or(false)
}

fn read_client(r: &mut Reader, f: &mut Fields) -> ClientInfo {
    let name = req_text(r, f, "name", "a client");
    let aliases = texts(r, f, "aliases");
    let brand_agent = flag(r, f, "brand_agent");
    let ae = req_text(r, f, "ae", "a client");
    let supervisor = text(r, f, "supervisor");
    let status = r
        .get(f, "status")
        .and_then(|v| r.choice::<ClientStatus>(v, "status"))
        .map(|s| s.value)
        .unwrap_or(ClientStatus::Active);
    let since = date(r, f, "since");
    let portal = flag(r, f, "portal");
    let mut contacts = Vec::new();
    if let Some(v) = r.get(f, "contacts") {
        for item in r.list(v, "contacts") {
            let Some(mut c) = r.fields(item, "contacts", None) else {
                continue;
            };
            let id = req_text(r, &mut c, "id", "a contact");
            let name = req_text(r, &mut c, "name", "a contact");
            let role = text(r, &mut c, "role").map(|t| t.value);
            let email = r.get(&mut c, "email").and_then(|v| r.email(v, "email"));
            let phone = text(r, &mut c, "phone").map(|t| t.value);
            let can_sign = flag(r, &mut c, "can_sign");
            r.finish(c, nested_fields("contacts"), "a contact");
            if let (Some(id), Some(name)) = (id, name) {
                contacts.push(Contact {
                    id,
                    name,
                    role,
                    email,
                    phone,
                    can_sign,
                });
            }
        }
    }
    ClientInfo {
        name,
        aliases,
        brand_agent,
        ae,
        supervisor,
        status,
        since,
        portal,
        contacts,
    }
}

fn read_signoffs(r: &mut Reader, f: &mut Fields, kind: RecordKind) -> Vec<SignOff> {
    let mut out = Vec::new();
    let Some(v) = r.get(f, "signoffs") else {
        return out;
    };
    for item in r.list(v, "signoffs") {
        let Some(mut s) = r.fields(item, "signoffs", None) else {
            continue;
        };
        let by = req_text(r, &mut s, "by", "a sign-off");
        let stage = r
            .required(&mut s, "stage", "a sign-off")
            .and_then(|v| r.choice::<Stage>(v, "stage"));
        let date = r
            .required(&mut s, "date", "a sign-off")
            .and_then(|v| r.date(v, "date"));
        let via = r.get(&mut s, "via").and_then(|v| r.choice::<Via>(v, "via"));
        let digest = req_text(r, &mut s, "digest", "a sign-off");
        let note = text(r, &mut s, "note").map(|t| t.value);
        r.finish(s, nested_fields("signoffs"), "a sign-off");
        if let Some(st) = &stage
            && !kind.stages().contains(&st.value)
        {
            let allowed: Vec<&str> = kind
                .stages()
                .iter()
                .map(|s| crate::parse::fields::Choice::as_str(*s))
                .collect();
            r.diags.push(
                Diagnostic::new(
                    &invalid_value::RULE,
                    st.span,
                    format!(
                        "`{}` is not a stage of {}",
                        st.value,
                        crate::signoff::with_article(kind)
                    ),
                )
                .help(if allowed.is_empty() {
                    "this record type takes no sign-offs".to_string()
                } else {
                    format!("stages of this record type: {}", allowed.join(", "))
                }),
            );
        }
        if let (Some(by), Some(stage), Some(date)) = (by, stage, date) {
            out.push(SignOff {
                by,
                stage,
                date,
                via,
                digest,
                note,
                span: item.span,
            });
        }
    }
    out
}

fn read_action(r: &mut Reader, item: &Value, field: &str, timetable: bool) -> Option<Action> {
    let mut a = r.fields(item, field, None)?;
    let what = if timetable {
        "a timetable item"
    } else {
        "an action"
    };
    let task = req_text(r, &mut a, "task", what);
    let owner = req_text(r, &mut a, "owner", what);
    let due = if timetable {
        r.required(&mut a, "due", what)
            .and_then(|v| r.date(v, "due"))
    } else {
        date(r, &mut a, "due")
    };
    let status = r
        .get(&mut a, "status")
        .and_then(|v| r.choice::<ActionStatus>(v, "status"));
    let done = date(r, &mut a, "done");
    let order = if timetable {
        text(r, &mut a, "order")
    } else {
        None
    };
    let known = nested_fields(if timetable { "items" } else { "actions" });
    r.finish(a, known, what);
    Some(Action {
        task,
        owner,
        due,
        status,
        done,
        order,
        span: item.span,
    })
}

fn read_minutes(r: &mut Reader, f: &mut Fields, kind: RecordKind) -> Minutes {
    let meeting = r
        .required(f, "kind", "minutes")
        .and_then(|v| r.choice::<MeetingKind>(v, "kind"));
    let title = req_text(r, f, "title", "minutes");
    let date = r
        .required(f, "date", "minutes")
        .and_then(|v| r.when(v, "date"));
    let duration = r.get(f, "duration").and_then(|v| r.duration(v, "duration"));
    let place = text(r, f, "place");
    let invited = texts(r, f, "invited");
    let attended = texts(r, f, "attended");
    let decisions = texts(r, f, "decisions");
    let mut actions = Vec::new();
    if let Some(v) = r.get(f, "actions") {
        for item in r.list(v, "actions") {
            actions.extend(read_action(r, item, "actions", false));
        }
    }
    let conclusion = text(r, f, "conclusion");
    let proposal = r.get(f, "proposal").and_then(|v| read_proposal(r, v));
    let written = r.get(f, "visibility");
    let visibility_written = written.is_some();
    let visibility = written.and_then(|v| r.choice::<Visibility>(v, "visibility"));
    let signoffs = read_signoffs(r, f, kind);
    Minutes {
        visibility_written,
        kind: meeting,
        title,
        date,
        duration,
        place,
        invited,
        attended,
        decisions,
        actions,
        conclusion,
        proposal,
        visibility,
        signoffs,
    }
}

fn read_proposal(r: &mut Reader, v: &Value) -> Option<Proposal> {
    let mut p = r.fields(v, "proposal", None)?;
    let content = text(r, &mut p, "content");
    let equipment = match r.get(&mut p, "equipment") {
        Some(e) if e.scalar_text().is_some() => r.text(e, "equipment").into_iter().collect(),
        Some(e) => r.text_list(e, "equipment"),
        None => Vec::new(),
    };
    let strategy = text(r, &mut p, "strategy");
    let outline_sent = date(r, &mut p, "outline_sent");
    let review = match r.get(&mut p, "review") {
        Some(rv) => r.fields(rv, "review", None).map(|mut fr| {
            let goal_met = r
                .get(&mut fr, "goal_met")
                .and_then(|v| r.boolean(v, "goal_met"))
                .map(|b| b.value);
            let notes = text(r, &mut fr, "notes").map(|t| t.value);
            let problem = text(r, &mut fr, "problem").map(|t| t.value);
            r.finish(fr, nested_fields("review"), "a proposal review");
            Review {
                goal_met,
                notes,
                problem,
            }
        }),
        None => None,
    };
    r.finish(p, nested_fields("proposal"), "a proposal");
    Some(Proposal {
        content,
        equipment,
        strategy,
        outline_sent,
        review,
        span: v.span,
    })
}

fn read_order(r: &mut Reader, f: &mut Fields, config: &Config, kind: RecordKind) -> WorkOrder {
    let number = req_text(r, f, "number", "a work order");
    let order_kind = r
        .required(f, "kind", "a work order")
        .and_then(|v| r.choice::<OrderKind>(v, "kind"));
    let title = req_text(r, f, "title", "a work order");
    let requested = r
        .required(f, "requested", "a work order")
        .and_then(|v| r.date(v, "requested"));
    let due = date(r, f, "due");
    let team = texts(r, f, "team");
    let deliverables = texts(r, f, "deliverables");
    let budget = r.get(f, "budget").and_then(|v| {
        let mut b = r.fields(v, "budget", None)?;
        let currency = match r.get(&mut b, "currency") {
            Some(c) => r.currency(c, "currency"),
            None => Some(Sp::new(config.currency.clone(), v.span)),
        };
        let code = currency
            .as_ref()
            .map(|c| c.value.clone())
            .unwrap_or_else(|| config.currency.clone());
        let amount = r
            .required(&mut b, "amount", "a budget")
            .and_then(|a| r.money(a, "amount", &code, false));
        r.finish(b, nested_fields("budget"), "a budget");
        Some(Budget {
            amount: amount?,
            currency: currency?,
        })
    });
    let cost_currency = budget
        .as_ref()
        .map(|b| b.currency.value.clone())
        .unwrap_or_else(|| config.currency.clone());
    let mut costs = Vec::new();
    if let Some(v) = r.get(f, "costs") {
        for item in r.list(v, "costs") {
            let Some(mut c) = r.fields(item, "costs", None) else {
                continue;
            };
            let it = req_text(r, &mut c, "item", "a cost");
            let vendor = text(r, &mut c, "vendor");
            let amount = r
                .required(&mut c, "amount", "a cost")
                .and_then(|a| r.money(a, "amount", &cost_currency, true));
            r.finish(c, nested_fields("costs"), "a cost");
            costs.push(Cost {
                item: it,
                vendor,
                amount,
            });
        }
    }
    let status = r
        .get(f, "status")
        .and_then(|v| r.choice::<OrderStatus>(v, "status"));
    let attachments = texts(r, f, "attachments");
    let signoffs = read_signoffs(r, f, kind);
    WorkOrder {
        number,
        kind: order_kind,
        title,
        requested,
        due,
        team,
        deliverables,
        budget,
        costs,
        status,
        attachments,
        signoffs,
    }
}

fn read_schedule(r: &mut Reader, f: &mut Fields, kind: RecordKind) -> Schedule {
    let title = req_text(r, f, "title", "a timetable");
    let from = r
        .required(f, "from", "a timetable")
        .and_then(|v| r.date(v, "from"));
    let to = r
        .required(f, "to", "a timetable")
        .and_then(|v| r.date(v, "to"));
    let status = r
        .get(f, "status")
        .and_then(|v| r.choice::<ScheduleStatus>(v, "status"));
    let mut items = Vec::new();
    if let Some(v) = r.get(f, "items") {
        for item in r.list(v, "items") {
            items.extend(read_action(r, item, "items", true));
        }
    }
    let signoffs = read_signoffs(r, f, kind);
    Schedule {
        title,
        from,
        to,
        status,
        items,
        signoffs,
    }
}

fn read_invoice(r: &mut Reader, f: &mut Fields, config: &Config, kind: RecordKind) -> Invoice {
    let number = req_text(r, f, "number", "an invoice");
    let orders = texts(r, f, "orders");
    let issued = date(r, f, "issued");
    let due = date(r, f, "due");
    let written = r.get(f, "currency");
    let currency = written
        .and_then(|v| r.currency(v, "currency"))
        .unwrap_or_else(|| Sp::new(config.currency.clone(), f.span));
    let code = currency.value.clone();
    let mut lines = Vec::new();
    let mut lines_span = f.span;
    if let Some(v) = r.required(f, "lines", "an invoice") {
        lines_span = v.span;
        for item in r.list(v, "lines") {
            let Some(mut l) = r.fields(item, "lines", None) else {
                continue;
            };
            let description = req_text(r, &mut l, "description", "an invoice line");
            let amount = r
                .required(&mut l, "amount", "an invoice line")
                .and_then(|a| r.money(a, "amount", &code, true));
            r.finish(l, nested_fields("lines"), "an invoice line");
            lines.push(Line {
                description,
                amount,
            });
        }
    }
    let mut paid = Vec::new();
    if let Some(v) = r.get(f, "paid") {
        let items: Vec<&Value> = match v.as_map() {
            Some(_) => vec![v],
            None => r.list(v, "paid").iter().collect(),
        };
        for item in items {
            let Some(mut p) = r.fields(item, "paid", None) else {
                continue;
            };
            let date = r
                .required(&mut p, "date", "a payment")
                .and_then(|v| r.date(v, "date"));
            let amount = r
                .required(&mut p, "amount", "a payment")
                .and_then(|a| r.money(a, "amount", &code, false));
            let reference = text(r, &mut p, "ref").map(|t| t.value);
            r.finish(p, nested_fields("paid"), "a payment");
            paid.push(Payment {
                date,
                amount,
                reference,
                span: item.span,
            });
        }
    }
    let signoffs = read_signoffs(r, f, kind);
    Invoice {
        number,
        orders,
        issued,
        due,
        lines,
        currency,
        currency_written: written.is_some(),
        paid,
        signoffs,
        lines_span,
    }
}
