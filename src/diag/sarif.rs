//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format), for code scanning:
//! GitHub, GitLab and IDE viewers show each result on its file and line. Every rule is
//! listed with its documentation (`docket explain`), and each result names its rule.
//!
//! Locations are relative URIs from the repository's top (`%SRCROOT%`), columns counted in
//! Unicode characters as docket counts them. No absolute path and no time is written, so
//! the same workspace gives the same bytes anywhere. The output is validated against the
//! official schema in `tests/cli/ci.rs`.

use serde_json::{Value, json};

use super::Rule;
use super::{Diagnostic, Severity};
use crate::source::SourceMap;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log of `diagnostics`, pretty-printed and newline-ended. `prefix` is the
/// workspace's folder in the repository (`records/`, or empty).
pub(crate) fn render(
    diagnostics: &[Diagnostic],
    rules: &[&Rule],
    sources: &SourceMap,
    prefix: &str,
) -> String {
    let table = rules;
    let rules: Vec<Value> = table
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": r.text().trim_end() },
                "help": { "text": r.text().trim_end(), "markdown": r.text().trim_end() },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.rule.code,
                "level": level(d.severity),
                "message": { "text": text },
            });
            if let Some(index) = table.iter().position(|r| r.code == d.rule.code) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(span) = d.span {
                let f = sources.get(span.file);
                let (start, end) = (f.line_col(span.start), f.line_col(span.end));
                result["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": crate::uri::percent_encode_path(&format!("{prefix}{}", f.path)),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        },
                    },
                }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "docket",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
