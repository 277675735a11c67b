//! Rule D100 `missing-signoff`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::values::Choice;
use crate::model::records::Data;
use crate::model::records::kind_name;
use crate::signoff::{self, describe};

crate::declare_rule! {
/// A record's status needs sign-offs it does not have.
///
/// No work is legitimate without a signed work order, and a timetable is agreed only when
/// both sides signed it:
///
/// - a work order `approved` or later (`in_progress`, `delivered`, `closed`) needs an
///   `approved` sign-off by a staff member and one by a contact of the client who
///   `can_sign`;
/// - `delivered` and `closed` also need a `delivered` sign-off by every member of `team`
///   and by a signing contact;
/// - a timetable `agreed` needs an `agreed` sign-off by a staff member, and for a brand
///   agent (`brand_agent: true`) also by a signing contact.
///
/// Only sign-offs that hold count: one whose digest no longer matches (`stale-signoff`)
/// or whose signer may not sign (`signer-not-allowed`) does not.
///
/// ```yaml
/// status: approved
/// signoffs:
///   - { by: qian.hao, stage: approved, date: 2026-11-21, digest: "sha256:..." }
/// ```
///
/// Fix: `docket sign orders/WO-2026-0031.md --by harbor.lin --stage approved --via email`
/// once the client has approved, or set the status back.
    pub const RULE = ("D100", "missing-signoff", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    for record in &ws.records {
        let owed = signoff::owed(ws, record);
        if owed.is_empty() {
            continue;
        }
        let status = match &record.parsed.data {
            Data::Order(o) => o.status.as_ref().map(|s| (s.value.as_str(), s.span)),
            Data::Schedule(s) => s.status.as_ref().map(|s| (s.value.as_str(), s.span)),
            _ => None,
        };
        let Some((status, span)) = status else {
            continue;
        };
        let list: Vec<String> = owed
            .iter()
            .map(|r| format!("`{}` by {}", r.stage.as_str(), describe(ws, record, &r.who)))
            .collect();
        let path = ws.path(record.file);
        let first = &owed[0];
        cx.report(
            Diagnostic::new(
                &RULE,
                span,
                format!(
                    "this {} is `{status}` without {}",
                    kind_name(record.parsed.kind),
                    list.join(" and ")
                ),
            )
            .help(format!(
                "once it is signed, record it: docket sign {path} --by ID --stage {}{}; or set the status back",
                first.stage.as_str(),
                if first.who == signoff::Who::SigningContact { " --via email" } else { "" }
            )),
        );
    }
}
