//! Rule D070 `item-out-of-range`.

use crate::check::Context;
use crate::diag::Diagnostic;

crate::declare_rule! {
/// A timetable item is due outside the timetable's `from`..`to` range.
///
/// A timetable is agreed for a period; an item outside it was not agreed with it.
///
/// ```yaml
/// from: 2026-11-01
/// to: 2026-11-30
/// items:
///   - { task: Launch, owner: du.mei, due: 2026-12-05 }
/// ```
///
/// Fix: move the item's due date, or extend `to`.
    pub const RULE = ("D070", "item-out-of-range", Error);
}

pub(crate) fn check(cx: &mut Context) {
    for record in &cx.ws.records {
        let Some(s) = record.schedule() else { continue };
        let (Some(from), Some(to)) = (&s.from, &s.to) else {
            continue;
        };
        for item in &s.items {
            let Some(due) = &item.due else { continue };
            if due.value < from.value || due.value > to.value {
                cx.report(
                    Diagnostic::new(
                        &RULE,
                        due.span,
                        format!("due {} is outside this timetable ({} to {})", due.value, from.value, to.value),
                    )
                    .help("move the item's due date into the timetable's range, or change `from`/`to`"),
                );
            }
        }
    }
}
