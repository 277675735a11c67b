//! Rule D082 `over-budget`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::Invoice;
use crate::model::values::format_money;

crate::declare_rule! {
/// Invoices bill more than the work order's budget.
///
/// An invoice's total is compared with the budgets of the orders it lists, and the invoices
/// of one order together with that order's budget.
///
/// ```yaml
/// # order WO-2026-0003: budget: { amount: 50000 }
/// # invoice INV-2026-0004: orders: [WO-2026-0003], lines total 56000
/// ```
///
/// Fix: agree a budget change with the client (and record it on the order), or correct the
/// invoice.
    pub const RULE = ("D082", "over-budget", Warning);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    let budget_of = |number: &str| -> Option<(Decimal, &str)> {
        let ri = *ws.orders.get(number)?;
        let b = ws.records[ri].order()?.budget.as_ref()?;
        Some((b.amount.value, b.currency.value.as_str()))
    };
    // Per order: totals of invoices that bill that order alone.
    let mut alone: BTreeMap<&str, (Decimal, Option<&Invoice>)> = BTreeMap::new();
    for record in &ws.records {
        let Some(inv) = record.invoice() else {
            continue;
        };
        let currency = inv.currency.value.as_str();
        let budgets: Option<Vec<(Decimal, &str)>> =
            inv.orders.iter().map(|o| budget_of(&o.value)).collect();
        let Some(budgets) = budgets.filter(|b| !b.is_empty()) else {
            continue;
        };
        if budgets.iter().any(|(_, c)| *c != currency) {
            continue; // currency-mismatch reports this; amounts cannot be compared
        }
        let total = inv.total();
        let budget: Decimal = budgets.iter().map(|(a, _)| *a).sum();
        if total > budget {
            cx.report(
                Diagnostic::new(
                    &RULE,
                    inv.lines_span,
                    format!("this invoice bills {}, over the budget of {} for {}", format_money(total, currency), format_money(budget, currency), numbers(inv)),
                )
                .help("agree a budget change with the client and record it on the work order, or correct the invoice"),
            );
        } else if let [only] = inv.orders.as_slice() {
            let entry = alone
                .entry(only.value.as_str())
                .or_insert((Decimal::ZERO, None));
            entry.0 += total;
            entry.1 = Some(inv);
        }
    }
    for (number, (billed, last)) in alone {
        let (Some((budget, currency)), Some(last)) = (budget_of(number), last) else {
            continue;
        };
        if billed > budget {
            cx.report(
                Diagnostic::new(
                    &RULE,
                    last.lines_span,
                    format!("invoices of {number} bill {} together, over its budget of {}", format_money(billed, currency), format_money(budget, currency)),
                )
                .help("agree a budget change with the client and record it on the work order, or correct the invoices"),
            );
        }
    }
}

fn numbers(inv: &Invoice) -> String {
    inv.orders
        .iter()
        .map(|o| o.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
