//! Sign-offs still owed across the workspace, grouped by who owes them: what
//! `docket pending` prints and the agency's internal report lists.

use std::collections::BTreeMap;

use crate::link::{Record, Workspace};
use crate::model::records::{Data, Stage};
use crate::model::values::Choice;
use crate::signoff::{self, Requirement, Who, describe};

/// One sign-off owed.
pub(crate) struct Owed<'a> {
    pub record: &'a Record,
    pub req: Requirement,
    /// Why it is owed: the status that needs it, or "client minutes".
    pub because: String,
}

/// Everything owed in the workspace, by who owes it (a heading) in a stable order.
pub(crate) fn collect(
    ws: &Workspace,
    today: chrono::NaiveDate,
) -> BTreeMap<(u8, String), Vec<Owed<'_>>> {
    let mut groups: BTreeMap<(u8, String), Vec<Owed<'_>>> = BTreeMap::new();
    for record in &ws.records {
        let mut owed: Vec<(Requirement, String)> = signoff::owed(ws, record)
            .into_iter()
            .map(|r| (r, format!("status `{}`", status_of(record))))
            .collect();
        if let Some(r) = minutes_confirmation(ws, record, today) {
            owed.push((r, "the client confirms its minutes".into()));
        }
        for (req, because) in owed {
            let heading = heading(ws, record, &req.who);
            groups.entry(heading).or_default().push(Owed {
                record,
                req,
                because,
            });
        }
    }
    groups
}

fn status_of(record: &Record) -> &'static str {
    match &record.parsed.data {
        Data::Order(o) => o.status().as_str(),
        Data::Schedule(s) => s.status.as_ref().map_or("draft", |s| s.value.as_str()),
        _ => "",
    }
}

/// Client-visible minutes of a meeting with the client that has taken place are owed
/// the client's `confirmed` sign-off.
fn minutes_confirmation(
    ws: &Workspace,
    record: &Record,
    today: chrono::NaiveDate,
) -> Option<Requirement> {
    let m = record.client_visible_minutes()?;
    let date = m.date.as_ref()?.value.date(&ws.config.timezone);
    if date > today {
        return None;
    }
    let req = Requirement {
        stage: Stage::Confirmed,
        who: Who::SigningContact,
    };
    (!signoff::satisfied(ws, record, &req)).then_some(req)
}

/// Staff first (by name), then each client's signing contacts.
fn heading(ws: &Workspace, record: &Record, who: &Who) -> (u8, String) {
    match who {
        Who::Staff(_) => (0, describe(ws, record, who)),
        Who::AnyStaff => {
            // The client's AE sees to it; for agency records, any staff member.
            match ws
                .client_of(record)
                .and_then(|c| c.info.as_ref())
                .and_then(|i| i.ae.as_ref())
            {
                Some(ae) => (0, format!("{} ({})", ws.person_name(&ae.value), ae.value)),
                None => (1, "any staff member".into()),
            }
        }
        Who::SigningContact => (2, describe(ws, record, who)),
    }
}
