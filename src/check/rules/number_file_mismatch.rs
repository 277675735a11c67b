//! Rule D052 `number-file-mismatch`. Reported by the parser (`src/parse/`).

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::Data;

crate::declare_rule! {
/// A work order's or invoice's number differs from its file name.
///
/// The file is named after the number (`orders/WO-2026-0007.md`) so that people and links
/// find it; a copied file whose number was changed but not its name breaks that.
///
/// ```yaml
/// # clients/solenne/orders/WO-2026-0007.md
/// number: WO-2026-0008
/// ```
///
/// Fix: rename the file to `WO-2026-0008.md` or correct the number.
    pub const RULE = ("D052", "number-file-mismatch", Error);
}

pub(crate) fn check(cx: &mut Context) {
    for record in &cx.ws.records {
        let number = match &record.parsed.data {
            Data::Order(o) => o.number.as_ref(),
            Data::Invoice(i) => i.number.as_ref(),
            _ => continue,
        };
        let Some(number) = number else { continue };
        let path = cx.ws.path(record.file);
        let stem = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .trim_end_matches(".md");
        if stem != number.value {
            cx.report(
                Diagnostic::new(
                    &RULE,
                    number.span,
                    format!(
                        "the number `{}` differs from the file name `{stem}.md`",
                        number.value
                    ),
                )
                .help(format!(
                    "rename the file to `{}.md`, or correct the number",
                    number.value
                )),
            );
        }
    }
}
