//! Rule D028 `wrong-record-type`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::WrongRecordType;
use crate::model::values::Choice;

crate::declare_rule! {
/// A record's `type:` disagrees with the folder it is in.
///
/// A record's type comes from its folder; the optional `type:` field restates it. When they
/// disagree the file is probably in the wrong folder.
///
/// ```yaml
/// # clients/solenne/orders/WO-2026-0007.md
/// type: invoice
/// ```
///
/// Fix: move the file to `invoices/`, or correct `type:`.
    pub const RULE = ("D028", "wrong-record-type", Error);
}

impl Word for WrongRecordType {
    fn diagnostic(&self) -> Diagnostic {
        let folder = self.folder.as_str();
        Diagnostic::new(
            &RULE,
            self.at,
            format!(
                "`type: {}` disagrees with the folder, which holds {folder} records",
                self.stated.as_str()
            ),
        )
        .help(format!(
            "move the file to the right folder, or write `type: {folder}`"
        ))
    }
}
