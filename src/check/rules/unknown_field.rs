//! Rule D021 `unknown-field`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::problem::UnknownField;

crate::declare_rule! {
/// A field is not part of the record format.
///
/// Usually a typo (`atendees` for `attended`), which would otherwise be silently ignored.
/// docket suggests the closest known field. Fields whose names start with `x-` are free for
/// your own use and never reported.
///
/// ```yaml
/// atendees: [qian.hao]
/// ```
///
/// Fix: `attended: [qian.hao]`, or `x-attendees:` if it is your own field.
    pub const RULE = ("D021", "unknown-field", Warning);
}

impl Word for UnknownField {
    fn diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}` is not a field of {}", self.field, self.what),
        );
        match did_you_mean(&self.field, self.known.iter().copied()) {
            Some(c) => d.help(format!("did you mean `{c}`?")),
            None => d.help(format!(
                "known fields: {}; prefix your own fields with `x-`",
                self.known.join(", ")
            )),
        }
    }
}
