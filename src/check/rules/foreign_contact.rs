//! Rule D041 `foreign-contact`. Reported while linking the workspace (`src/link/`).

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::link::{Person, person_refs};

crate::declare_rule! {
/// A record names a contact of another client.
///
/// Contacts in a client's records must belong to that client: a meeting with client A
/// attended by client B's contact is either a typo or a confidentiality problem.
///
/// ```yaml
/// # clients/solenne/minutes/2026-11-09-kickoff.md
/// attended: [qian.hao, tom.marlowe]    # tom.marlowe is Marlowe Outdoor's contact
/// ```
///
/// Fix: name the right contact, or move the record to the other client.
    pub const RULE = ("D041", "foreign-contact", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    for (ci, record) in cx.client_records().collect::<Vec<_>>() {
        for r in person_refs(&record.parsed.data) {
            if let Some(Person::Contact { client, .. }) = ws.person(&r.id.value)
                && client != ci
            {
                cx.report(
                    Diagnostic::new(
                        &RULE,
                        r.id.span,
                        format!(
                            "`{}` is a contact of another client, not of {}",
                            r.id.value,
                            ws.clients[ci].name()
                        ),
                    )
                    .help(
                        "name one of this client's own contacts (see its client.md), or a staff id",
                    ),
                );
            }
        }
    }
}
