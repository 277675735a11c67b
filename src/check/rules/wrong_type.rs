//! Rule D022 `wrong-type`. Reported by the parser (`src/parse/`). Found while reading
//! `docket.yaml` (`src/parse/settings.rs`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{PaymentTermsNotDays, RulesNotMapping};

crate::declare_rule! {
/// A field has the wrong kind of value: a list where text is expected, a number where a
/// list is expected, and so on.
///
/// ```yaml
/// decisions: Use the blue key visual
/// ```
///
/// Fix: `decisions` is a list:
///
/// ```yaml
/// decisions:
///   - Use the blue key visual
/// ```
    pub const RULE = ("D022", "wrong-type", Error);
}

impl Word for PaymentTermsNotDays {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            "`payment_terms_days` must be a whole number of days",
        )
        .help("write it like: payment_terms_days: 45")
    }
}

impl Word for RulesNotMapping {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!(
                "`rules` must be a mapping of rule to level, not {}",
                self.found
            ),
        )
        .help("write it like: rules: { overdue-action: error }")
    }
}
