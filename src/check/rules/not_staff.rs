//! Rule D043 `not-staff`. Reported while linking the workspace (`src/link/`).

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::link::{Person, person_refs};
use crate::model::records::Data;

crate::declare_rule! {
/// A field that needs a staff member names a client contact (or nobody).
///
/// A client's `ae` and `supervisor` and a work order's `team` are agency staff.
///
/// ```yaml
/// ae: zhang.li     # a contact at the client
/// ```
///
/// Fix: name a staff id from `docket.yaml`.
    pub const RULE = ("D043", "not-staff", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    let client_data: Vec<Data> = ws
        .clients
        .iter()
        .filter_map(|c| c.info.clone().map(Data::Client))
        .collect();
    for data in ws
        .records
        .iter()
        .map(|r| &r.parsed.data)
        .chain(client_data.iter())
    {
        for r in person_refs(data) {
            if r.staff_only && matches!(ws.person(&r.id.value), Some(Person::Contact { .. })) {
                cx.report(
                    Diagnostic::new(
                        &RULE,
                        r.id.span,
                        format!(
                            "`{}` must be a staff member, but `{}` is a client contact",
                            r.field, r.id.value
                        ),
                    )
                    .help("name a staff id from docket.yaml"),
                );
            }
        }
    }
}
