//! JSON Schemas of the front matter of every record type and of `docket.yaml`, for
//! editors that validate YAML by schema (`docket schema`).
//!
//! docket's parser reads fields by hand (to keep positions and report every mistake), so
//! the schemas are generated with schemars from the types below, which mirror the format.
//! They cannot drift silently: the words of every choice come from the parser's own
//! [`Choice`] lists, and a test holds each schema's properties equal to the fields the
//! parser knows ([`known_fields`], [`crate::model::settings::FIELDS`]). The schemas describe shape
//! and spelling; whether a person exists, a number is unique or a sign-off holds is for
//! `docket check` (and `docket lsp`) to say.

// The types below exist to be described, never built: their fields are never read.
#![allow(dead_code)]

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::model::records::{
    ActionStatus, ClientStatus, MeetingKind, OrderKind, OrderStatus, RecordKind, ScheduleStatus,
    Stage, Via, Visibility,
};
use crate::model::settings::{Day, Level, Role};
use crate::model::values::Choice;

fn words<T: Choice>(_: &mut SchemaGenerator) -> Schema {
    let all: Vec<&str> = T::ALL.iter().map(|(w, _)| *w).collect();
    json_schema!({ "type": "string", "enum": all })
}

fn date(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
        "description": "A date, YYYY-MM-DD.",
    })
}

fn date_time(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2})?)?$",
        "description": "A date, or a date and a local time in the workspace timezone (2026-11-24 10:00).",
    })
}

fn amount(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["string", "number"],
        "description": "An exact amount: 36000, \"36,000.00\" or 36000.00.",
    })
}

fn person(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "description": "A person's id: a staff member of docket.yaml or a contact of the client.",
    })
}

fn people(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": { "type": "string" },
        "description": "People's ids: staff of docket.yaml or contacts of the client.",
    })
}

/// A sign-off: who signed which stage, bound to the record's digest.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct SignOff {
    #[schemars(schema_with = "person")]
    by: String,
    #[schemars(schema_with = "words::<Stage>")]
    stage: String,
    #[schemars(schema_with = "date")]
    date: String,
    /// How a client contact's confirmation was given.
    #[schemars(default, schema_with = "words::<Via>")]
    via: Option<String>,
    /// `sha256:` and 64 hex digits: what was signed (`docket digest`).
    #[schemars(regex(pattern = r"^sha256:[0-9a-f]{64}$"))]
    digest: String,
    note: Option<String>,
}

/// A client contact.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Contact {
    id: String,
    name: String,
    role: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    /// Whether this contact may sign for the client.
    can_sign: Option<bool>,
}

/// The front matter of `clients/<id>/client.md`.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false, "patternProperties" = { "^x-": {} }))]
struct Client {
    #[schemars(default, schema_with = "words::<RecordKind>")]
    r#type: Option<String>,
    name: Option<String>,
    aliases: Option<Vec<String>>,
    /// A brand agent: its timetables are signed by both sides.
    brand_agent: Option<bool>,
    #[schemars(default, schema_with = "person")]
    ae: Option<String>,
    #[schemars(default, schema_with = "person")]
    supervisor: Option<String>,
    #[schemars(default, schema_with = "words::<ClientStatus>")]
    status: Option<String>,
    #[schemars(default, schema_with = "date")]
    since: Option<String>,
    /// Whether the client has a portal.
    portal: Option<bool>,
    contacts: Option<Vec<Contact>>,
}

/// An action from a meeting.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Action {
    task: String,
    #[schemars(default, schema_with = "person")]
    owner: Option<String>,
    #[schemars(default, schema_with = "date")]
    due: Option<String>,
    #[schemars(default, schema_with = "words::<ActionStatus>")]
    status: Option<String>,
    #[schemars(default, schema_with = "date")]
    done: Option<String>,
}

/// How a proposal went, written after it.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Review {
    goal_met: Option<bool>,
    notes: Option<String>,
    problem: Option<String>,
}

/// What a proposal meeting prepared.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Proposal {
    content: Option<String>,
    equipment: Option<String>,
    strategy: Option<String>,
    /// When the outline was sent to the client ahead of the meeting.
    #[schemars(default, schema_with = "date")]
    outline_sent: Option<String>,
    review: Option<Review>,
}

/// The front matter of minutes (`clients/<id>/minutes/`, `internal/minutes/`).
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false, "patternProperties" = { "^x-": {} }))]
struct Minutes {
    #[schemars(default, schema_with = "words::<RecordKind>")]
    r#type: Option<String>,
    #[schemars(default, schema_with = "words::<MeetingKind>")]
    kind: Option<String>,
    title: Option<String>,
    #[schemars(default, schema_with = "date_time")]
    date: Option<String>,
    /// How long: 90m, 1h, 1h30m.
    duration: Option<String>,
    place: Option<String>,
    #[schemars(default, schema_with = "people")]
    invited: Option<Vec<String>>,
    #[schemars(default, schema_with = "people")]
    attended: Option<Vec<String>>,
    decisions: Option<Vec<String>>,
    actions: Option<Vec<Action>>,
    /// The conclusion of an internal meeting.
    conclusion: Option<String>,
    proposal: Option<Proposal>,
    #[schemars(default, schema_with = "words::<Visibility>")]
    visibility: Option<String>,
    signoffs: Option<Vec<SignOff>>,
}

#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Budget {
    #[schemars(schema_with = "amount")]
    amount: String,
    currency: Option<String>,
}

/// A cost of a work order (internal: never shown to the client).
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Cost {
    item: Option<String>,
    vendor: Option<String>,
    #[schemars(schema_with = "amount")]
    amount: String,
}

/// The front matter of a work order (`clients/<id>/orders/`).
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false, "patternProperties" = { "^x-": {} }))]
struct Order {
    #[schemars(default, schema_with = "words::<RecordKind>")]
    r#type: Option<String>,
    /// The finance number, in the workspace's numbering (WO-2026-0031).
    number: Option<String>,
    #[schemars(default, schema_with = "words::<OrderKind>")]
    kind: Option<String>,
    title: Option<String>,
    #[schemars(default, schema_with = "date")]
    requested: Option<String>,
    #[schemars(default, schema_with = "date")]
    due: Option<String>,
    #[schemars(default, schema_with = "people")]
    team: Option<Vec<String>>,
    deliverables: Option<Vec<String>>,
    budget: Option<Budget>,
    costs: Option<Vec<Cost>>,
    #[schemars(default, schema_with = "words::<OrderStatus>")]
    status: Option<String>,
    /// Files of the client's folder, relative to the order.
    attachments: Option<Vec<String>>,
    signoffs: Option<Vec<SignOff>>,
}

/// An item of a timetable.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Item {
    task: String,
    #[schemars(default, schema_with = "person")]
    owner: Option<String>,
    #[schemars(default, schema_with = "date")]
    due: Option<String>,
    #[schemars(default, schema_with = "words::<ActionStatus>")]
    status: Option<String>,
    #[schemars(default, schema_with = "date")]
    done: Option<String>,
    /// The work order the item belongs to.
    order: Option<String>,
}

/// The front matter of a timetable (`clients/<id>/schedules/`).
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false, "patternProperties" = { "^x-": {} }))]
struct Schedule {
    #[schemars(default, schema_with = "words::<RecordKind>")]
    r#type: Option<String>,
    title: Option<String>,
    #[schemars(default, schema_with = "date")]
    from: Option<String>,
    #[schemars(default, schema_with = "date")]
    to: Option<String>,
    #[schemars(default, schema_with = "words::<ScheduleStatus>")]
    status: Option<String>,
    items: Option<Vec<Item>>,
    signoffs: Option<Vec<SignOff>>,
}

#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Line {
    description: Option<String>,
    #[schemars(schema_with = "amount")]
    amount: String,
}

#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Payment {
    #[schemars(schema_with = "date")]
    date: String,
    #[schemars(schema_with = "amount")]
    amount: String,
    /// The bank's or finance's reference.
    r#ref: Option<String>,
}

fn payments(generator: &mut SchemaGenerator) -> Schema {
    let one = generator.subschema_for::<Payment>();
    json_schema!({ "oneOf": [one, { "type": "array", "items": one }] })
}

/// The front matter of an invoice (`clients/<id>/invoices/`).
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false, "patternProperties" = { "^x-": {} }))]
struct Invoice {
    #[schemars(default, schema_with = "words::<RecordKind>")]
    r#type: Option<String>,
    number: Option<String>,
    /// The work orders it bills.
    orders: Option<Vec<String>>,
    #[schemars(default, schema_with = "date")]
    issued: Option<String>,
    #[schemars(default, schema_with = "date")]
    due: Option<String>,
    lines: Option<Vec<Line>>,
    currency: Option<String>,
    /// One payment, or a list of them.
    #[schemars(default, schema_with = "payments")]
    paid: Option<Vec<Payment>>,
    signoffs: Option<Vec<SignOff>>,
}

#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct WeeklyReport {
    #[schemars(default, schema_with = "words::<Day>")]
    weekday: Option<String>,
    /// The local time, HH:MM.
    time: Option<String>,
}

#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Numbering {
    /// For example WO-{year}-{seq:4}.
    work_order: Option<String>,
    invoice: Option<String>,
}

#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Staff {
    id: String,
    name: String,
    email: Option<String>,
    #[schemars(default, schema_with = "words::<Role>")]
    role: Option<String>,
}

fn rules(_: &mut SchemaGenerator) -> Schema {
    let levels: Vec<&str> = Level::ALL.iter().map(|(w, _)| *w).collect();
    json_schema!({
        "type": "object",
        "description": "Severity by rule name or code: error, warning, info or off.",
        "additionalProperties": { "type": "string", "enum": levels },
    })
}

/// `docket.yaml`: the agency's settings.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
struct Settings {
    agency: Option<String>,
    /// ISO 4217: the currency of amounts written without one.
    currency: Option<String>,
    /// An IANA timezone (Asia/Shanghai) or an offset (+08:00).
    timezone: Option<String>,
    payment_terms_days: Option<u32>,
    weekly_report: Option<WeeklyReport>,
    numbering: Option<Numbering>,
    /// Headings whose sections stay inside the agency.
    internal_headings: Option<Vec<String>>,
    #[schemars(default, schema_with = "rules")]
    rules: Option<std::collections::BTreeMap<String, String>>,
    staff: Option<Vec<Staff>>,
}

/// Every schema docket writes: file name, and which files it describes (glob patterns
/// from the workspace's top).
pub(crate) fn all() -> Vec<(&'static str, Vec<&'static str>, Schema)> {
    fn one<T: JsonSchema>() -> Schema {
        schemars::generate::SchemaSettings::draft07()
            .into_generator()
            .into_root_schema_for::<T>()
    }
    vec![
        ("docket.schema.json", vec!["docket.yaml"], one::<Settings>()),
        (
            "client.schema.json",
            vec!["clients/*/client.md"],
            one::<Client>(),
        ),
        (
            "minutes.schema.json",
            vec!["clients/*/minutes/*.md", "internal/minutes/*.md"],
            one::<Minutes>(),
        ),
        (
            "order.schema.json",
            vec!["clients/*/orders/*.md"],
            one::<Order>(),
        ),
        (
            "schedule.schema.json",
            vec!["clients/*/schedules/*.md"],
            one::<Schedule>(),
        ),
        (
            "invoice.schema.json",
            vec!["clients/*/invoices/*.md"],
            one::<Invoice>(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::known_fields;

    fn properties(schema: &Schema) -> Vec<String> {
        let mut p: Vec<String> = schema
            .get("properties")
            .and_then(|p| p.as_object())
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        p.sort();
        p
    }

    /// The schemas know exactly the fields the parser knows.
    #[test]
    fn schemas_name_the_fields_the_parser_reads() {
        let all = all();
        let by_name = |n: &str| &all.iter().find(|s| s.0 == n).unwrap().2;
        for (name, kind) in [
            ("client.schema.json", RecordKind::Client),
            ("minutes.schema.json", RecordKind::Minutes),
            ("order.schema.json", RecordKind::Order),
            ("schedule.schema.json", RecordKind::Schedule),
            ("invoice.schema.json", RecordKind::Invoice),
        ] {
            let mut known: Vec<String> = known_fields(kind).iter().map(|s| s.to_string()).collect();
            known.sort();
            assert_eq!(properties(by_name(name)), known, "{name}");
        }
        let mut settings: Vec<String> = crate::model::settings::FIELDS
            .iter()
            .map(|s| s.to_string())
            .collect();
        settings.sort();
        assert_eq!(properties(by_name("docket.schema.json")), settings);
    }
}
