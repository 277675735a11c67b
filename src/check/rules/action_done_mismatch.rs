//! Rule D067 `action-done-mismatch`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::{Action, ActionStatus, Data};

crate::declare_rule! {
/// An action's `status` and `done` date disagree.
///
/// A `done` date means the action is done; `status: done` without a date leaves finance and
/// reports without the date it was done.
///
/// ```yaml
///   - { task: Send invoice, owner: qian.hao, status: open, done: 2026-11-03 }
/// ```
///
/// Fix: `status: done`, or remove the `done` date.
    pub const RULE = ("D067", "action-done-mismatch", Warning);
}

pub(crate) fn check(cx: &mut Context) {
    for record in &cx.ws.records {
        let items: &[Action] = match &record.parsed.data {
            Data::Minutes(m) => &m.actions,
            Data::Schedule(s) => &s.items,
            _ => continue,
        };
        for a in items {
            match (a.status(), &a.done) {
                (ActionStatus::Open, Some(done)) => cx.report(
                    Diagnostic::new(
                        &RULE,
                        done.span,
                        "this action has a `done` date but its status is open",
                    )
                    .help("set `status: done`, or remove the `done` date"),
                ),
                (ActionStatus::Done, None) => {
                    let span = a.status.as_ref().map(|s| s.span).unwrap_or(a.span);
                    cx.report(
                        Diagnostic::new(&RULE, span, "this action is done but has no `done` date")
                            .help("add `done:` with the date it was done"),
                    );
                }
                _ => {}
            }
        }
    }
}
