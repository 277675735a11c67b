//! Rule D062 `done-in-future`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::{Action, Data};

crate::declare_rule! {
/// A `done` date is after today.
///
/// Work cannot be done tomorrow; a future `done` date is a typo (a wrong month or year) and
/// would hide an open action from the overdue list.
///
/// ```yaml
///   - { task: Book studio, owner: qian.hao, status: done, done: 2026-12-03 }
/// ```
///
/// Fix: the real date it was done, e.g. `done: 2026-11-03`.
    pub const RULE = ("D062", "done-in-future", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let today = cx.today;
    for record in &cx.ws.records {
        let items: &[Action] = match &record.parsed.data {
            Data::Minutes(m) => &m.actions,
            Data::Schedule(s) => &s.items,
            _ => continue,
        };
        for a in items {
            if let Some(done) = &a.done
                && done.value > today
            {
                cx.report(
                    Diagnostic::new(&RULE, done.span, format!("`done: {}` is after today ({today})", done.value))
                        .help("write the date the work was really done; work cannot be done in the future"),
                );
            }
        }
    }
}
