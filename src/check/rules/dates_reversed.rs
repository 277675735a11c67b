//! Rule D071 `dates-reversed`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::Data;

crate::declare_rule! {
/// An end date is before its start date.
///
/// A timetable's `to` before its `from`, a work order's `due` before `requested`, or an
/// invoice's `due` before `issued`.
///
/// ```yaml
/// from: 2026-11-30
/// to: 2026-11-01
/// ```
///
/// Fix: swap or correct the dates.
    pub const RULE = ("D071", "dates-reversed", Error);
}

pub(crate) fn check(cx: &mut Context) {
    for record in &cx.ws.records {
        let pairs = match &record.parsed.data {
            Data::Schedule(s) => [(s.from.as_ref(), s.to.as_ref(), "from", "to")],
            Data::Order(o) => [(o.requested.as_ref(), o.due.as_ref(), "requested", "due")],
            Data::Invoice(i) => [(i.issued.as_ref(), i.due.as_ref(), "issued", "due")],
            _ => continue,
        };
        for (start, end, a, b) in pairs {
            if let (Some(start), Some(end)) = (start, end)
                && end.value < start.value
            {
                cx.report(
                    Diagnostic::new(
                        &RULE,
                        end.span,
                        format!("`{b}: {}` is before `{a}: {}`", end.value, start.value),
                    )
                    .label(start.span, format!("`{a}` is here"))
                    .help(format!(
                        "`{b}` must be on or after `{a}`; swap or correct the dates"
                    )),
                );
            }
        }
    }
}
