//! Rule D006 `yaml-syntax`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::YamlSyntax;

crate::declare_rule! {
/// The front matter is not valid YAML.
///
/// The diagnostic points where the YAML parser gave up, which is often just after the real
/// mistake (an unclosed quote or bracket, a tab used for indentation, a missing space after
/// `:`).
///
/// ```yaml
/// title: "Kick-off
/// date: 2026-11-09
/// ```
///
/// Fix: close the quote: `title: "Kick-off"`.
    pub const RULE = ("D006", "yaml-syntax", Error);
}

impl Word for YamlSyntax {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(&RULE, self.at, format!("invalid YAML: {}", self.message))
            .help("check quotes, brackets and indentation near here (use spaces, not tabs)")
    }
}
