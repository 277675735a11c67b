//! Sign-offs: what a record's status requires, who may sign, and whether a sign-off still
//! holds. Shared by the rules (`missing-signoff`, `stale-signoff`, `signer-not-allowed`),
//! `docket sign` and `docket pending`, so the three always agree.

use crate::link::{Person, Record, Workspace};
use crate::model::records::{Data, OrderStatus, ScheduleStatus, SignOff, Stage, Via};

/// Who a required sign-off is owed by.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Who {
    /// This staff member (a work order's team member signs its delivery).
    Staff(String),
    /// Any staff member.
    AnyStaff,
    /// Any contact of the record's client who `can_sign`, recorded with `--via`.
    SigningContact,
}

/// One sign-off a record's status calls for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Requirement {
    pub stage: Stage,
    pub who: Who,
}

impl Requirement {
    fn new(stage: Stage, who: Who) -> Self {
        Requirement { stage, who }
    }
}

/// The sign-offs a record's current status requires.
///
/// - a work order `approved`, `in_progress`, `delivered` or `closed`: `approved` by a
///   staff member and by a signing contact;
/// - `delivered` or `closed` also: `delivered` by every member of `team` and by a signing
///   contact;
/// - a timetable `agreed`: `agreed` by a staff member, and for a brand agent's timetable
///   also by a signing contact (both parties sign).
pub(crate) fn required(ws: &Workspace, record: &Record) -> Vec<Requirement> {
    let mut out = Vec::new();
    match &record.parsed.data {
        Data::Order(o) => {
            let status = o.status();
            if matches!(
                status,
                OrderStatus::Approved
                    | OrderStatus::InProgress
                    | OrderStatus::Delivered
                    | OrderStatus::Closed
            ) {
                out.push(Requirement::new(Stage::Approved, Who::AnyStaff));
                out.push(Requirement::new(Stage::Approved, Who::SigningContact));
            }
            if matches!(status, OrderStatus::Delivered | OrderStatus::Closed) {
                let mut team: Vec<&str> = o.team.iter().map(|t| t.value.as_str()).collect();
                team.sort_unstable();
                team.dedup();
                if team.is_empty() {
                    out.push(Requirement::new(Stage::Delivered, Who::AnyStaff));
                }
                for id in team {
                    out.push(Requirement::new(Stage::Delivered, Who::Staff(id.into())));
                }
                out.push(Requirement::new(Stage::Delivered, Who::SigningContact));
            }
        }
        Data::Schedule(s) => {
            let agreed = s
                .status
                .as_ref()
                .is_some_and(|st| st.value == ScheduleStatus::Agreed);
            if agreed {
                out.push(Requirement::new(Stage::Agreed, Who::AnyStaff));
                let brand_agent = ws
                    .client_of(record)
                    .and_then(|c| c.info.as_ref())
                    .is_some_and(|i| i.brand_agent);
                if brand_agent {
                    out.push(Requirement::new(Stage::Agreed, Who::SigningContact));
                }
            }
        }
        _ => {}
    }
    out
}

/// Why `by` may not sign `record` at `stage` (given how a contact's confirmation came);
/// `Ok` when they may. The same answer for `docket sign` and for the checks.
pub(crate) fn may_sign(
    ws: &Workspace,
    record: &Record,
    by: &str,
    stage: Stage,
    via: Option<Via>,
) -> Result<Person, String> {
    let kind = record.parsed.kind;
    if !kind.stages().contains(&stage) {
        return Err(format!(
            "`{}` is not a stage of {}",
            crate::model::values::Choice::as_str(stage),
            crate::model::records::with_article(kind)
        ));
    }
    match ws.person(by) {
        None => Err(format!(
            "`{by}` is nobody: no staff member or contact has this id"
        )),
        Some(p @ Person::Staff(_)) => Ok(p),
        Some(p @ Person::Contact { client, index }) => {
            let contact = &ws.clients[client].contacts()[index];
            let name = &contact.name.value;
            if record.client != Some(client) {
                let whose = ws.clients[client].name();
                return Err(format!(
                    "{name} is a contact of {whose}: only a contact of the record's own client may confirm it"
                ));
            }
            if !contact.can_sign {
                return Err(format!(
                    "{name} may not sign for the client: `can_sign` is not true in client.md"
                ));
            }
            if via.is_none() {
                return Err(format!(
                    "{name}'s confirmation needs `via`: how it was given (email, phone, meeting, letter, portal)"
                ));
            }
            Ok(p)
        }
    }
}

/// The sign-offs that count: for each person and stage, the last entry. An earlier entry
/// by the same person for the same stage is superseded (signed again after a change) and
/// is neither counted nor reported.
pub(crate) fn current(signoffs: &[SignOff]) -> Vec<(usize, &SignOff)> {
    signoffs
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            !signoffs[i + 1..]
                .iter()
                .any(|later| later.by.value == s.by.value && later.stage.value == s.stage.value)
        })
        .collect()
}

/// Whether a sign-off still holds: it is current, its digest is the record's, and its
/// signer may sign.
pub(crate) fn holds(ws: &Workspace, record: &Record, s: &SignOff) -> bool {
    s.digest
        .as_ref()
        .is_some_and(|d| d.value == record.parsed.digest)
        && may_sign(
            ws,
            record,
            &s.by.value,
            s.stage.value,
            s.via.as_ref().map(|v| v.value),
        )
        .is_ok()
}

/// Whether a requirement is met by one of the sign-offs that hold.
pub(crate) fn satisfied(ws: &Workspace, record: &Record, req: &Requirement) -> bool {
    current(record.parsed.data.signoffs())
        .into_iter()
        .filter(|(_, s)| s.stage.value == req.stage && holds(ws, record, s))
        .any(|(_, s)| match (&req.who, ws.person(&s.by.value)) {
            (Who::Staff(id), _) => &s.by.value == id,
            (Who::AnyStaff, Some(Person::Staff(_))) => true,
            (Who::SigningContact, Some(Person::Contact { .. })) => true,
            _ => false,
        })
}

/// The requirements of a record not met yet.
pub(crate) fn owed(ws: &Workspace, record: &Record) -> Vec<Requirement> {
    required(ws, record)
        .into_iter()
        .filter(|r| !satisfied(ws, record, r))
        .collect()
}

/// How a requirement reads in a message: "Du Mei (du.mei)", "a staff member",
/// "a signing contact of Acme (rita.acme, sam.acme)".
pub(crate) fn describe(ws: &Workspace, record: &Record, who: &Who) -> String {
    match who {
        Who::Staff(id) => format!("{} ({id})", ws.person_name(id)),
        Who::AnyStaff => "a staff member".into(),
        Who::SigningContact => {
            let Some(client) = ws.client_of(record) else {
                return "a signing contact of the client".into();
            };
            let signers: Vec<&str> = client
                .contacts()
                .iter()
                .filter(|c| c.can_sign)
                .map(|c| c.id.value.as_str())
                .collect();
            if signers.is_empty() {
                format!(
                    "a signing contact of {} (none has `can_sign: true`)",
                    client.name()
                )
            } else {
                format!(
                    "a signing contact of {} ({})",
                    client.name(),
                    signers.join(", ")
                )
            }
        }
    }
}
