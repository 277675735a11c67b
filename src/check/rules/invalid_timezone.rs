//! Rule D030 `invalid-timezone`. Found while reading `docket.yaml` (`src/parse/settings.rs`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::InvalidTimezone;

crate::declare_rule! {
/// The workspace timezone in `docket.yaml` is not an IANA name or a fixed offset.
///
/// Every date-time without an offset, every "overdue" and every report date depends on the
/// timezone, so it must be exact.
///
/// ```yaml
/// timezone: Beijing
/// ```
///
/// Fix: `timezone: Asia/Shanghai` (or a fixed offset such as `"+08:00"`).
    pub const RULE = ("D030", "invalid-timezone", Error);
}

impl Word for InvalidTimezone {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}` is not a timezone", self.timezone),
        )
        .help("use an IANA name such as Asia/Shanghai, or a fixed offset such as \"+08:00\"")
    }
}
