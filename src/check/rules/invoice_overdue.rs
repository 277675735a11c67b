//! Rule D081 `invoice-overdue`.

use crate::check::Context;
use crate::diag::{Diagnostic, plural};
use crate::model::values::format_money;

crate::declare_rule! {
/// An invoice has an unpaid balance after its due date: dun the client.
///
/// The due date is `due`, or `issued` plus `payment_terms_days` from `docket.yaml`
/// (default 45 days). The message gives the balance and how many days it is overdue.
///
/// ```yaml
/// issued: 2026-09-01
/// lines: [{ description: Design, amount: 10000 }]
/// ```
///
/// Fix: chase the payment and record it under `paid:`.
    pub const RULE = ("D081", "invoice-overdue", Warning);
}

pub(crate) fn check(cx: &mut Context) {
    let terms = cx.ws.config.payment_terms_days;
    for record in &cx.ws.records {
        let Some(i) = record.invoice() else { continue };
        let Some(due) = i.due_date(terms) else {
            continue;
        };
        let balance = i.balance();
        if balance.is_sign_positive() && !balance.is_zero() && due < cx.today {
            let span = i
                .due
                .as_ref()
                .or(i.issued.as_ref())
                .map(|d| d.span)
                .unwrap_or(i.lines_span);
            let days = (cx.today - due).num_days() as usize;
            let number = i
                .number
                .as_ref()
                .map(|n| n.value.as_str())
                .unwrap_or("this invoice");
            cx.report(
                Diagnostic::new(
                    &RULE,
                    span,
                    format!(
                        "{number} has {} unpaid, {} past its due date {due}",
                        format_money(balance, &i.currency.value),
                        plural(days, "day")
                    ),
                )
                .help("chase the payment; record it under `paid:` with its date, amount and reference"),
            );
        }
    }
}
