//! Rule D083 `currency-mismatch`.

use crate::check::Context;
use crate::diag::Diagnostic;

crate::declare_rule! {
/// An invoice is in another currency than the work order it bills.
///
/// Amounts in two currencies cannot be compared or added without an exchange rate, so
/// budget checks cannot be made.
///
/// ```yaml
/// # order: budget: { amount: 50000, currency: CNY }
/// currency: USD
/// ```
///
/// Fix: invoice in the order's currency, or record the agreed currency on the order.
    pub const RULE = ("D083", "currency-mismatch", Warning);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    for record in &ws.records {
        let Some(inv) = record.invoice() else {
            continue;
        };
        for number in &inv.orders {
            let Some(&ri) = ws.orders.get(&number.value) else {
                continue;
            };
            if ws.records[ri].client != record.client {
                continue;
            }
            let Some(budget) = ws.records[ri].order().and_then(|o| o.budget.as_ref()) else {
                continue;
            };
            if budget.currency.value != inv.currency.value {
                let span = if inv.currency_written {
                    inv.currency.span
                } else {
                    number.span
                };
                cx.report(
                    Diagnostic::new(
                        &RULE,
                        span,
                        format!("this invoice is in {}, but {} is budgeted in {}", inv.currency.value, number.value, budget.currency.value),
                    )
                    .help("invoice in the work order's currency, or record the agreed currency on the order"),
                );
            }
        }
    }
}
