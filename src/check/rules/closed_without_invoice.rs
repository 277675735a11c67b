//! Rule D072 `closed-without-invoice`.

use std::collections::HashSet;

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::OrderStatus;

crate::declare_rule! {
/// A work order is `closed` but no invoice lists it.
///
/// Closing an order means the work was delivered and billed; an order closed without an
/// invoice is work the agency did for free, by accident.
///
/// ```yaml
/// number: WO-2026-0003
/// status: closed
/// ```
///
/// Fix: issue an invoice with `orders: [WO-2026-0003]`, or set the status back to
/// `delivered`.
    pub const RULE = ("D072", "closed-without-invoice", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let billed: HashSet<&str> = cx
        .ws
        .records
        .iter()
        .filter_map(|r| r.invoice())
        .flat_map(|i| i.orders.iter().map(|o| o.value.as_str()))
        .collect();
    for record in &cx.ws.records {
        let Some(o) = record.order() else { continue };
        let (Some(status), Some(number)) = (&o.status, &o.number) else {
            continue;
        };
        if status.value == OrderStatus::Closed && !billed.contains(number.value.as_str()) {
            cx.report(
                Diagnostic::new(
                    &RULE,
                    status.span,
                    format!("{} is closed, but no invoice lists it", number.value),
                )
                .help(format!(
                    "issue an invoice with `orders: [{}]`, or set the status back to `delivered`",
                    number.value
                )),
            );
        }
    }
}
