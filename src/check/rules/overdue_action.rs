//! Rule D061 `overdue-action`.

use crate::check::Context;
use crate::diag::{Diagnostic, plural};
use crate::model::records::{Action, ActionStatus, Data};

crate::declare_rule! {
/// An open action is past its due date.
///
/// This is the dunning list for work: every open action whose `due` is before today
/// (in the workspace timezone, or `--today`). Mark it done with the date, drop it, or move
/// its due date.
///
/// ```yaml
/// actions:
///   - { task: Send revised storyboard, owner: du.mei, due: 2026-11-02 }
/// ```
///
/// Fix: `{ task: Send revised storyboard, owner: du.mei, due: 2026-11-02, status: done, done: 2026-11-03 }`.
    pub const RULE = ("D061", "overdue-action", Warning);
}

pub(crate) fn check(cx: &mut Context) {
    let today = cx.today;
    let mut found = Vec::new();
    for record in &cx.ws.records {
        let (items, what): (&[Action], &str) = match &record.parsed.data {
            Data::Minutes(m) => (&m.actions, "action"),
            Data::Schedule(s) => (&s.items, "timetable item"),
            _ => continue,
        };
        for a in items {
            let (Some(due), ActionStatus::Open) = (&a.due, a.status()) else {
                continue;
            };
            if due.value < today {
                let days = (today - due.value).num_days();
                let owner = a
                    .owner
                    .as_ref()
                    .map(|o| cx.ws.person_name(&o.value))
                    .unwrap_or_else(|| "nobody".into());
                let task = a
                    .task
                    .as_ref()
                    .map(|t| t.value.as_str())
                    .unwrap_or("(no task)");
                found.push(
                    Diagnostic::new(
                        &RULE,
                        due.span,
                        format!("open {what} \"{task}\" ({owner}) was due {} ago", plural(days as usize, "day")),
                    )
                    .help("mark it `status: done` with its `done:` date, `status: dropped`, or move `due`"),
                );
            }
        }
    }
    cx.diags.extend(found);
}
