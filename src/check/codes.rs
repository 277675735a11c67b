//! The table of rules (check stage): every diagnostic docket can report, with its stable
//! code, its name and its default severity.
//!
//! Each rule is declared in its own file under `src/check/rules/`, and the doc comment
//! there is its user documentation: `docket explain CODE` prints it and
//! `docs/diagnostics.md` is generated from it. A code is never reused; a renamed rule
//! keeps its code, and its old name keeps working in `docket.yaml` through [`RENAMED`].

use crate::check::rules::*;
use crate::diag::Severity;

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
        pub const RULE: $crate::check::codes::Rule = $crate::check::codes::Rule {
            code: $code,
            name: $name,
            severity: $crate::diag::Severity::$severity,
            doc: concat!($($doc, "\n"),*),
        };
    };
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    // D0xx: files and front matter
    &unreadable_file::RULE,
    &not_utf8::RULE,
    &empty_file::RULE,
    &missing_front_matter::RULE,
    &unclosed_front_matter::RULE,
    &yaml_syntax::RULE,
    &duplicate_key::RULE,
    &yaml_limit::RULE,
    &front_matter_not_mapping::RULE,
    &file_too_large::RULE,
    &symlink_skipped::RULE,
    &misplaced_file::RULE,
    &file_name::RULE,
    &nesting_too_deep::RULE,
    // D02x: fields and values
    &missing_field::RULE,
    &unknown_field::RULE,
    &wrong_type::RULE,
    &invalid_date::RULE,
    &invalid_duration::RULE,
    &invalid_money::RULE,
    &unknown_currency::RULE,
    &invalid_value::RULE,
    &wrong_record_type::RULE,
    &invalid_email::RULE,
    // D03x: docket.yaml
    &invalid_timezone::RULE,
    &invalid_numbering::RULE,
    &unknown_rule::RULE,
    // D04x: people and references
    &unknown_person::RULE,
    &foreign_contact::RULE,
    &duplicate_person_id::RULE,
    &not_staff::RULE,
    &unknown_order::RULE,
    &missing_client_file::RULE,
    // D05x: numbers
    &duplicate_number::RULE,
    &number_format::RULE,
    &number_file_mismatch::RULE,
    // D06x: minutes and actions
    &missing_conclusion::RULE,
    &overdue_action::RULE,
    &done_in_future::RULE,
    &meeting_overlap::RULE,
    &outline_not_sent::RULE,
    &missing_review::RULE,
    &misplaced_proposal::RULE,
    &action_done_mismatch::RULE,
    &file_date_mismatch::RULE,
    // D07x: work orders and schedules
    &item_out_of_range::RULE,
    &dates_reversed::RULE,
    &closed_without_invoice::RULE,
    // D08x: invoices
    &overpaid::RULE,
    &invoice_overdue::RULE,
    &over_budget::RULE,
    &currency_mismatch::RULE,
    // D09x: links and confidentiality
    &cross_client_mention::RULE,
    &internal_made_visible::RULE,
    &link_outside::RULE,
    &broken_link::RULE,
    &missing_signoff::RULE,
    &stale_signoff::RULE,
    &unverified_signoff::RULE,
    &signer_not_allowed::RULE,
    &no_history::RULE,
];

/// Old rule names that still work in `docket.yaml` `rules:`: (old, current).
pub static RENAMED: &[(&str, &str)] = &[];

/// Finds a rule by code (`D050`, any case) or by name (`duplicate-number`).
pub fn lookup(key: &str) -> Option<&'static Rule> {
    let key = key.trim();
    let name = RENAMED
        .iter()
        .find(|(old, _)| *old == key)
        .map(|(_, new)| *new)
        .unwrap_or(key);
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(name) || r.name == name)
}

/// `docs/diagnostics.md`: every rule's documentation, generated from the rule files.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# Diagnostics\n\n<!-- Generated from src/check/rules/*.rs; a test keeps it in sync. \
         Regenerate with `UPDATE_DOCS=1 cargo test docs`. -->\n\n\
         Every problem docket reports has a stable code and a name. Change a rule's severity, or \
         turn it off, in `docket.yaml`:\n\n```yaml\nrules: { overdue-action: error, D068: off }\n```\n\n\
         `docket explain CODE` prints the same text as below.\n\n\
         | code | name | default | what |\n| --- | --- | --- | --- |\n",
    );
    for r in RULES {
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} |\n",
            r.code,
            r.code.to_lowercase(),
            r.name,
            r.severity.as_str(),
            r.summary()
        ));
    }
    for r in RULES {
        out.push_str(&format!(
            "\n## {}\n\n`{}` ({} by default)\n\n",
            r.code,
            r.name,
            r.severity.as_str()
        ));
        out.push_str(&r.text());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in RULES {
            assert!(codes.insert(r.code), "code {} used twice", r.code);
            assert!(names.insert(r.name), "name {} used twice", r.name);
            assert!(r.code.len() == 4 && r.code.starts_with('D'), "{}", r.code);
            assert!(
                r.code[1..].chars().all(|c| c.is_ascii_digit()),
                "{}",
                r.code
            );
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                r.name
            );
            assert!(!r.summary().is_empty(), "{} has no documentation", r.code);
            assert!(
                r.doc.contains("```"),
                "{} has no example in its documentation",
                r.code
            );
        }
    }

    #[test]
    fn rules_are_listed_in_code_order() {
        let codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn lookup_finds_by_code_and_name() {
        assert_eq!(lookup("d050").map(|r| r.name), Some("duplicate-number"));
        assert_eq!(lookup("overdue-action").map(|r| r.code), Some("D061"));
        assert!(lookup("no-such-rule").is_none());
    }
}
