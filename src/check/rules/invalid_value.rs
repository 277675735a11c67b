//! Rule D027 `invalid-value`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::problem::{InvalidStage, InvalidValue};
use crate::model::records::with_article;
use crate::model::values::Choice;

crate::declare_rule! {
/// A field has a value outside its allowed set (a status, kind, role, stage, via,
/// or a rule level in `docket.yaml`).
///
/// docket suggests the closest allowed value.
///
/// ```yaml
/// status: in-progress
/// ```
///
/// Fix: `status: in_progress`.
    pub const RULE = ("D027", "invalid-value", Error);
}

impl Word for InvalidValue {
    fn diagnostic(&self) -> Diagnostic {
        let words = &self.allowed;
        let normalized = self.written.trim().to_lowercase().replace(['-', ' '], "_");
        let suggestion = words
            .iter()
            .find(|w| **w == normalized)
            .copied()
            .or_else(|| did_you_mean(&self.written, words.iter().copied()));
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? (allowed: {})", words.join(", ")),
            None => format!("allowed: {}", words.join(", ")),
        };
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}` is not a valid `{}`", self.written, self.field),
        )
        .help(help)
    }
}

impl Word for InvalidStage {
    fn diagnostic(&self) -> Diagnostic {
        let allowed: Vec<&str> = self.kind.stages().iter().map(|s| s.as_str()).collect();
        Diagnostic::new(
            &RULE,
            self.at,
            format!(
                "`{}` is not a stage of {}",
                self.stage,
                with_article(self.kind)
            ),
        )
        .help(if allowed.is_empty() {
            "this record type takes no sign-offs".to_string()
        } else {
            format!("stages of this record type: {}", allowed.join(", "))
        })
    }
}
