//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per
//! diagnostic, which the workflow run shows as an annotation on the file and line (and on
//! the pull request's diff).
//!
//! Paths are the repository's: `prefix` is the workspace's folder within the repository
//! (empty when the workspace is the repository's top).

use super::{Diagnostic, Severity};
use crate::source::SourceMap;

/// Escapes a message: `%`, CR and LF.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as a message, and `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

pub(crate) fn render(diagnostics: &[Diagnostic], sources: &SourceMap, prefix: &str) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some(span) = d.span {
            let f = sources.get(span.file);
            let (start, end) = (f.line_col(span.start), f.line_col(span.end));
            props.push(format!("file={}", property(&format!("{prefix}{}", f.path))));
            props.push(format!("line={}", start.line));
            props.push(format!("col={}", start.column));
            props.push(format!("endLine={}", end.line));
            if end.line == start.line {
                props.push(format!("endColumn={}", end.column));
            }
        }
        props.push(format!(
            "title={}",
            property(&format!("{} {}", d.rule.code, d.rule.name))
        ));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_would_read_as_syntax() {
        assert_eq!(data("50% off\r\nnext"), "50%25 off%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
