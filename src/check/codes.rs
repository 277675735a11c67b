//! The table of rules (check stage): every diagnostic docket can report, with its stable
//! code, its name and its default severity.
//!
//! Each rule is declared in its own file under `src/check/rules/`, and the doc comment
//! there is its user documentation: `docket explain CODE` prints it and
//! `docs/diagnostics.md` is generated from it. A code is never reused; a renamed rule
//! keeps its code, and its old name keeps working in `docket.yaml` through [`RENAMED`].

pub use crate::check::rules::RULES;
pub(crate) use crate::diag::Rule;
use crate::diag::Severity;
use crate::model::settings::Config;

/// Old rule names that still work in `docket.yaml` `rules:`: (old, current).
pub(crate) static RENAMED: &[(&str, &str)] = &[];

/// Finds a rule by code (`D050`, any case) or by name (`duplicate-number`).
pub(crate) fn lookup(key: &str) -> Option<&'static Rule> {
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

/// The severity `rule` has in a workspace with `config`'s `rules:` (the last setting
/// that names it wins); `None` when turned off.
pub(crate) fn severity(config: &Config, rule: &'static Rule) -> Option<Severity> {
    config
        .rules
        .iter()
        .rev()
        .find(|s| lookup(&s.key.value).is_some_and(|r| r.code == rule.code))
        .map(|s| s.level)
        .unwrap_or(Some(rule.severity))
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
