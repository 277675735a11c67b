//! Rule D051 `number-format`. Reported by the parser (`src/parse/`).

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::Data;

crate::declare_rule! {
/// A work order or invoice number does not follow the workspace's numbering pattern.
///
/// The patterns come from `docket.yaml` `numbering:` (default `WO-{year}-{seq:4}` and
/// `INV-{year}-{seq:4}`).
///
/// ```yaml
/// number: WO-26-7
/// ```
///
/// Fix: `number: WO-2026-0007`.
    pub const RULE = ("D051", "number-format", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let config = &cx.ws.config;
    for record in &cx.ws.records {
        let (number, pattern, what) = match &record.parsed.data {
            Data::Order(o) => (
                o.number.as_ref(),
                &config.work_order_numbering,
                "work order",
            ),
            Data::Invoice(i) => (i.number.as_ref(), &config.invoice_numbering, "invoice"),
            _ => continue,
        };
        let Some(number) = number else { continue };
        if pattern.matches(&number.value).is_none() {
            cx.report(
                Diagnostic::new(
                    &RULE,
                    number.span,
                    format!(
                        "`{}` does not follow the {what} numbering `{}`",
                        number.value, pattern.text
                    ),
                )
                .help(format!("numbers look like `{}`", pattern.format(2026, 7))),
            );
        }
    }
}
