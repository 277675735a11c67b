//! Typed records (the model): clients, minutes, work orders, schedules and invoices,
//! with a span on every value. `parse::records` reads them from front matter.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::values::{Sp, When};
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

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Contact {
    pub id: Sp<String>,
    pub name: Sp<String>,
    pub role: Option<String>,
    pub email: Option<Sp<String>>,
    pub phone: Option<String>,
    pub can_sign: bool,
}

/// The front matter of a `client.md`.
#[derive(Clone, Debug, Serialize, Deserialize)]
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

#[derive(Clone, Debug, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Serialize, Deserialize)]
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

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Review {
    pub goal_met: Option<bool>,
    pub notes: Option<String>,
    pub problem: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Proposal {
    pub content: Option<Sp<String>>,
    pub equipment: Vec<Sp<String>>,
    pub strategy: Option<Sp<String>>,
    pub outline_sent: Option<Sp<NaiveDate>>,
    pub review: Option<Review>,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
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

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Budget {
    #[serde(with = "super::values::exact")]
    pub amount: Sp<Decimal>,
    pub currency: Sp<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cost {
    pub item: Option<Sp<String>>,
    pub vendor: Option<Sp<String>>,
    #[serde(with = "super::values::exact::option")]
    pub amount: Option<Sp<Decimal>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
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

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Schedule {
    pub title: Option<Sp<String>>,
    pub from: Option<Sp<NaiveDate>>,
    pub to: Option<Sp<NaiveDate>>,
    pub status: Option<Sp<ScheduleStatus>>,
    pub items: Vec<Action>,
    pub signoffs: Vec<SignOff>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Line {
    pub description: Option<Sp<String>>,
    #[serde(with = "super::values::exact::option")]
    pub amount: Option<Sp<Decimal>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Payment {
    pub date: Option<Sp<NaiveDate>>,
    #[serde(with = "super::values::exact::option")]
    pub amount: Option<Sp<Decimal>>,
    pub reference: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Serialize, Deserialize)]
#[allow(clippy::large_enum_variant)] // one per record, held once; boxing buys nothing
pub enum Data {
    Client(ClientInfo),
    Minutes(Minutes),
    Order(WorkOrder),
    Schedule(Schedule),
    Invoice(Invoice),
}

impl Data {
    /// How lists name the record: "WO-2026-0031 Spring key visual", a meeting's or a
    /// timetable's title, an invoice's number, a client's name.
    pub fn label(&self) -> String {
        fn text(v: &Option<Sp<String>>) -> &str {
            v.as_ref().map_or("", |t| t.value.trim())
        }
        match self {
            Data::Order(o) => format!("{} {}", text(&o.number), text(&o.title))
                .trim()
                .to_string(),
            Data::Schedule(s) => text(&s.title).to_string(),
            Data::Minutes(m) => text(&m.title).to_string(),
            Data::Invoice(i) => text(&i.number).to_string(),
            Data::Client(c) => text(&c.name).to_string(),
        }
    }

    /// The currency the record's amounts are in: a work order's budget's, an invoice's
    /// own, or `default` (the workspace's).
    pub fn currency<'a>(&'a self, default: &'a str) -> &'a str {
        match self {
            Data::Order(o) => o.currency(default),
            Data::Invoice(i) => i.currency.value.as_str(),
            _ => default,
        }
    }

    /// Whether the record, kept in a client's folder, may be seen by that client: any
    /// record but `client.md` and meetings that are not the client's (see
    /// [`Minutes::visible_in_client_folder`]).
    pub fn visible_in_client_folder(&self) -> bool {
        match self {
            Data::Client(_) => false,
            Data::Minutes(m) => m.visible_in_client_folder(),
            _ => true,
        }
    }

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
pub(crate) fn nested_fields(parent: &str) -> &'static [&'static str] {
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

/// A record type as people say it.
pub(crate) fn kind_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Client => "client",
        RecordKind::Minutes => "minutes",
        RecordKind::Order => "work order",
        RecordKind::Schedule => "timetable",
        RecordKind::Invoice => "invoice",
    }
}

/// A record type with its article: "a work order", "an invoice", "minutes".
pub(crate) fn with_article(kind: RecordKind) -> String {
    match kind {
        RecordKind::Minutes => "minutes".into(),
        RecordKind::Invoice => "an invoice".into(),
        k => format!("a {}", kind_name(k)),
    }
}
