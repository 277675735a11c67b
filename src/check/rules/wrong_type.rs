//! Rule D022 `wrong-type`. Found by the parser (`src/parse/`), also while reading
//! `docket.yaml` (`src/parse/settings.rs`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{
    Expected, PaymentTermsNotDays, RulesNotMapping, WrongItemType, WrongType,
};

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

impl Word for WrongType {
    fn diagnostic(&self) -> Diagnostic {
        let (expected, example) = match &self.expected {
            Expected::Fields => ("a mapping of fields", "{ key: value, ... }".to_string()),
            Expected::Text => ("text", "some text".to_string()),
            Expected::List { single: Some(s) } => ("a list", format!("[{s}]")),
            Expected::List { single: None } => ("a list", "[a, b]".to_string()),
            Expected::Bool => ("true or false", "true".to_string()),
            Expected::Money => ("an amount of money", "36000.00".to_string()),
        };
        let field = &self.field;
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{field}` must be {expected}, not {}", self.found),
        )
        .help(format!("write it like: {field}: {example}"))
    }
}

impl Word for WrongItemType {
    fn diagnostic(&self) -> Diagnostic {
        let field = &self.field;
        Diagnostic::new(
            &RULE,
            self.at,
            format!("each item of `{field}` must be text, not {}", self.found),
        )
        .help(format!(
            "write one line of text per item, like: {field}: [first, second]"
        ))
    }
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
