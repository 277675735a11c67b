//! A rule: the stable code, name, default severity and documentation of a kind of
//! diagnostic. Each rule declares itself in its own file under `src/check/rules/` with
//! [`declare_rule!`](crate::declare_rule); `check::rules` is the registry of them all.

use super::Severity;

/// A rule: what `docket explain` knows about a diagnostic.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, `D` and three digits.
    pub code: &'static str,
    /// Stable kebab-case name that reads well after "allow".
    pub name: &'static str,
    pub severity: Severity,
    /// The rule's documentation: its doc comment, Markdown.
    pub doc: &'static str,
}

impl Rule {
    /// The documentation as Markdown: the doc comment without its leading spaces.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first sentence of the documentation.
    pub fn summary(&self) -> &'static str {
        self.doc.lines().next().unwrap_or("").trim()
    }
}

/// Declares a rule from its doc comment, code, name and default severity.
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* pub const RULE = ($code:literal, $name:literal, $severity:ident);) => {
        $(#[doc = $doc])*
        pub(crate) const RULE: $crate::diag::Rule = $crate::diag::Rule {
            code: $code,
            name: $name,
            severity: $crate::diag::Severity::$severity,
            doc: concat!($($doc, "\n"),*),
        };
    };
}
