//! Rule D023 `invalid-date`. Found by the parser (`src/parse/`), also while reading
//! `docket.yaml` (`src/parse/settings.rs`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{InvalidDate, InvalidReportTime};

crate::declare_rule! {
/// A date or date-time is not a real calendar date or time in an accepted form.
///
/// Dates are written `2026-11-09`; date-times `2026-11-09 10:00`, `2026-11-09T10:00` or with
/// an offset `2026-11-09 10:00+08:00`. Without an offset a time is in the workspace
/// timezone; a local time that does not exist there (skipped by a daylight-saving change)
/// is also reported.
///
/// ```yaml
/// due: 2026-02-30
/// ```
///
/// Fix: `due: 2026-02-28`.
    pub const RULE = ("D023", "invalid-date", Error);
}

impl Word for InvalidDate {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}`: {}", self.field, self.error),
        )
        .help(if self.with_time {
            "write a date (2026-11-09) or a date-time (2026-11-09 10:00, optionally +08:00)"
        } else {
            "dates are written YYYY-MM-DD, like 2026-11-09"
        })
    }
}

impl Word for InvalidReportTime {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}` is not a time of day", self.time),
        )
        .help("write it like: time: \"12:00\"")
    }
}
