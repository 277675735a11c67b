//! JSON rendering: one object `{"diagnostics": [...], "summary": {...}}`, as the
//! format contract says.

use serde::Serialize;

use super::{Counts, Diagnostic};
use crate::source::SourceMap;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    records: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

/// Renders all diagnostics and the summary as one JSON object (pretty, newline-ended).
pub fn render(diagnostics: &[Diagnostic], sources: &SourceMap, records: usize) -> String {
    let items = diagnostics
        .iter()
        .map(|d| {
            let (file, start, end) = match d.span {
                Some(span) => {
                    let f = sources.get(span.file);
                    (
                        Some(f.path.as_str()),
                        Some(f.line_col(span.start)),
                        Some(f.line_col(span.end)),
                    )
                }
                None => (None, None, None),
            };
            JsonDiagnostic {
                code: d.rule.code,
                name: d.rule.name,
                severity: d.severity.as_str(),
                file,
                line: start.map(|p| p.line),
                column: start.map(|p| p.column),
                end_line: end.map(|p| p.line),
                end_column: end.map(|p| p.column),
                message: &d.message,
                help: d.help.as_deref(),
            }
        })
        .collect();
    let counts = Counts::of(diagnostics);
    let out = Output {
        diagnostics: items,
        summary: Summary {
            files: sources.len(),
            records,
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
        },
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
