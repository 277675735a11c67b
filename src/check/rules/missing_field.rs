//! Rule D020 `missing-field`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::MissingField;

crate::declare_rule! {
/// A required field is missing or empty.
///
/// Each record type has fields without which it means nothing: a meeting's `kind`, `title`
/// and `date`; a work order's `number`, `kind`, `title` and `requested`; an action's `owner`.
/// The diagnostic points at the mapping that lacks the field.
///
/// ```yaml
/// ---
/// kind: client
/// date: 2026-11-09
/// ---
/// ```
///
/// Fix: add `title: Kick-off with the brand team`.
    pub const RULE = ("D020", "missing-field", Error);
}

impl Word for MissingField {
    fn diagnostic(&self) -> Diagnostic {
        let (field, what) = (&self.field, &self.what);
        let message = if self.empty {
            format!("`{field}` is empty; {what} needs it")
        } else {
            format!("{what} has no `{field}`")
        };
        let d = Diagnostic::new(&RULE, self.at, message);
        match &self.close {
            Some(c) => d.help(format!("is `{c}` meant to be `{field}`?")),
            None => d.help(format!("add `{field}:` with a value")),
        }
    }
}
