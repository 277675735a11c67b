//! Rule D044 `unknown-order`. Reported while linking the workspace (`src/link/`).

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::diag::did_you_mean;
use crate::model::values::Sp;
use crate::model::records::Data;

crate::declare_rule! {
/// A reference to a work order does not match a work order of the same client.
///
/// Invoices list the orders they bill, and timetable items may name the order they belong
/// to; both must be work orders of the record's own client.
///
/// ```yaml
/// orders: [WO-2026-0099]
/// ```
///
/// Fix: use the number of an existing work order of this client.
    pub const RULE = ("D044", "unknown-order", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    for (ci, record) in cx.client_records().collect::<Vec<_>>() {
        let refs: Vec<&Sp<String>> = match &record.parsed.data {
            Data::Invoice(i) => i.orders.iter().collect(),
            Data::Schedule(s) => s.items.iter().filter_map(|i| i.order.as_ref()).collect(),
            _ => continue,
        };
        for number in refs {
            let message = match ws.orders.get(&number.value) {
                Some(&ri) if ws.records[ri].client == Some(ci) => continue,
                Some(_) => format!("`{}` is a work order of another client", number.value),
                None => format!("there is no work order `{}`", number.value),
            };
            let mut own: Vec<&str> = ws
                .orders
                .iter()
                .filter(|(_, ri)| ws.records[**ri].client == Some(ci))
                .map(|(n, _)| n.as_str())
                .collect();
            own.sort_unstable();
            let help = match did_you_mean(&number.value, own.iter().copied()) {
                Some(n) => format!("did you mean `{n}`?"),
                None if own.is_empty() => "this client has no work orders yet".to_string(),
                None => format!("this client's work orders: {}", own.join(", ")),
            };
            cx.report(Diagnostic::new(&RULE, number.span, message).help(help));
        }
    }
}
