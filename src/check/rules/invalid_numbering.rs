//! Rule D031 `invalid-numbering`. Found while reading `docket.yaml` (`src/parse/settings.rs`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::InvalidNumbering;

crate::declare_rule! {
/// A numbering pattern in `docket.yaml` cannot number records.
///
/// A pattern must contain `{seq}` or `{seq:N}` (the running number, zero-padded to N
/// digits) and may contain `{year}`.
///
/// ```yaml
/// numbering: { work_order: "WO-{year}" }
/// ```
///
/// Fix: `work_order: "WO-{year}-{seq:4}"`.
    pub const RULE = ("D031", "invalid-numbering", Error);
}

impl Word for InvalidNumbering {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(&RULE, self.at, self.reason.clone())
            .help("a pattern looks like \"WO-{year}-{seq:4}\"")
    }
}
