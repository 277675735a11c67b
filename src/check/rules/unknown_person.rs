//! Rule D040 `unknown-person`. Reported while linking the workspace (`src/link/`).

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::link::person_refs;
use crate::diag::did_you_mean;
use crate::model::records::Data;

crate::declare_rule! {
/// A person id does not resolve to anyone.
///
/// People are named by id: a staff id from `docket.yaml` or a contact id from a `client.md`.
/// An id that resolves to nobody is usually a typo, and the action or meeting would have no
/// owner.
///
/// ```yaml
/// owner: qian.hoa
/// ```
///
/// Fix: `owner: qian.hao`.
    pub const RULE = ("D040", "unknown-person", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    let all: Vec<&str> = ws.people.keys().map(String::as_str).collect();
    let clients = ws
        .clients
        .iter()
        .filter_map(|c| c.info.as_ref().map(|i| (c, i)));
    let records = ws.records.iter().map(|r| &r.parsed.data);
    let client_data: Vec<Data> = clients.map(|(_, i)| Data::Client(i.clone())).collect();
    for data in records.chain(client_data.iter()) {
        for r in person_refs(data) {
            if ws.person(&r.id.value).is_some() {
                continue;
            }
            let mut candidates = all.clone();
            candidates.sort_unstable();
            let help = match did_you_mean(&r.id.value, candidates) {
                Some(c) => format!("did you mean `{c}`?"),
                None => {
                    "use a staff id from docket.yaml or a contact id from this client's client.md"
                        .into()
                }
            };
            cx.report(
                Diagnostic::new(
                    &RULE,
                    r.id.span,
                    format!(
                        "`{}` in `{}` is nobody: no staff member or contact has this id",
                        r.id.value, r.field
                    ),
                )
                .help(help),
            );
        }
    }
}
