//! Rule D080 `overpaid`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::values::format_money;

crate::declare_rule! {
/// An invoice is paid more than its total.
///
/// The total is the sum of the invoice's lines; payments above it are a recording mistake
/// or money to refund.
///
/// ```yaml
/// lines: [{ description: Design, amount: 10000 }]
/// paid: { date: 2026-11-10, amount: 12000, ref: BANK-123 }
/// ```
///
/// Fix: correct the payment, or record the extra line that was billed.
    pub const RULE = ("D080", "overpaid", Error);
}

pub(crate) fn check(cx: &mut Context) {
    for record in &cx.ws.records {
        let Some(i) = record.invoice() else { continue };
        let (total, paid) = (i.total(), i.paid_total());
        if paid > total
            && let Some(last) = i.paid.last()
        {
            let c = &i.currency.value;
            cx.report(
                Diagnostic::new(
                    &RULE,
                    last.amount.as_ref().map_or(last.span, |a| a.span),
                    format!(
                        "paid {} on a total of {}: {} too much",
                        format_money(paid, c),
                        format_money(total, c),
                        format_money(paid - total, c)
                    ),
                )
                .label(i.lines_span, "the total is the sum of these lines")
                .help("correct the payment, or add the line that was billed"),
            );
        }
    }
}
