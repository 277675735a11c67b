//! Rule D050 `duplicate-number`. Found while linking the workspace (`src/link/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::DuplicateNumber;

crate::declare_rule! {
/// Two work orders, or two invoices, carry one number.
///
/// Finance tracks work and money by number; a number used twice makes both records
/// ambiguous. Numbers are unique across the whole workspace.
///
/// ```text
/// clients/solenne/orders/WO-2026-0007.md         number: WO-2026-0007
/// clients/marlowe-outdoor/orders/WO-2026-0007.md number: WO-2026-0007
/// ```
///
/// Fix: give the newer record the next free number (`docket new` does this).
    pub const RULE = ("D050", "duplicate-number", Error);
}

impl Word for DuplicateNumber {
    fn diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::new(
            &RULE,
            self.at,
            format!("the {} number `{}` is already used", self.what, self.number),
        )
        .help("give this record the next free number (`docket new` picks one)");
        match self.first {
            Some(first) => d.label(first, "first used here"),
            None => d,
        }
    }
}
