//! Rule D024 `invalid-duration`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::InvalidDuration;

crate::declare_rule! {
/// A duration is not written as hours and minutes.
///
/// Durations are `45m`, `1h` or `1h30m`.
///
/// ```yaml
/// duration: 1.5 hours
/// ```
///
/// Fix: `duration: 1h30m`.
    pub const RULE = ("D024", "invalid-duration", Error);
}

impl Word for InvalidDuration {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}`: {}", self.field, self.error),
        )
        .help("durations are written 45m, 1h or 1h30m")
    }
}
