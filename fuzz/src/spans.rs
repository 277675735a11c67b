//! Where diagnostics point: every span must lie inside the file it names, on character
//! boundaries, and its line and column must exist in that file. Rendering every
//! diagnostic (human, JSON) must not panic either.

use docket::internals::diag::{self, Diagnostic};
use docket::internals::source::{SourceMap, Span};

/// Panics with a description unless `span` points inside its file.
pub fn assert_span(span: Span, sources: &SourceMap, what: &str) {
    assert!(
        (span.file.0 as usize) < sources.len(),
        "{what}: file id {} of {}",
        span.file.0,
        sources.len()
    );
    let file = sources.get(span.file);
    let text = &file.text;
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {}..{} in `{}` of {} bytes",
        span.start,
        span.end,
        file.path,
        text.len()
    );
    for at in [span.start, span.end] {
        assert!(
            text.is_char_boundary(at),
            "{what}: byte {at} of `{}` is inside a character",
            file.path
        );
        let pos = file.line_col(at);
        assert!(
            pos.line >= 1 && pos.line <= file.line_count(),
            "{what}: line {} of `{}`, which has {} lines",
            pos.line,
            file.path,
            file.line_count()
        );
        let line = file.line_text(pos.line - 1);
        let line = if pos.line == 1 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        // One past the last character is where a caret at the end of a line stands.
        let width = line.chars().count() + 1;
        // The line break itself (LF, or the CR of a CRLF) is one more place.
        assert!(
            pos.column >= 1 && pos.column <= width + 1,
            "{what}: column {} of line {} of `{}`, which has {} characters",
            pos.column,
            pos.line,
            file.path,
            width - 1
        );
        // Line and column lead back to the same byte, except inside a CRLF (the LF has no
        // column of its own) and at the start of a file with a byte-order mark.
        let back = file.offset_of(pos.line, pos.column);
        let in_crlf = text[..at].ends_with('\r') && text[at..].starts_with('\n');
        let at_bom = at == 0 && text.starts_with('\u{feff}');
        assert!(
            back == at || in_crlf || at_bom,
            "{what}: byte {at} of `{}` is line {} column {}, which is byte {back}",
            file.path,
            pos.line,
            pos.column
        );
    }
}

/// Checks every diagnostic and label of `diags`, then renders them all.
pub fn assert_diagnostics(diags: &[Diagnostic], sources: &SourceMap) {
    for d in diags {
        let what = format!("{} {} `{}`", d.rule.code, d.rule.name, d.message);
        if let Some(span) = d.span {
            assert_span(span, sources, &what);
        }
        for label in &d.labels {
            assert_span(
                label.span,
                sources,
                &format!("{what}, label `{}`", label.message),
            );
        }
        let human = diag::human::render(d, sources, false);
        assert!(human.contains(d.rule.code), "{what}: rendered as {human}");
    }
    // SARIF uses the same positions as JSON, with every rule's documentation around
    // them: rendering it here would take most of each run.
    let json = diag::json::render(diags, sources, 0);
    assert!(json.starts_with('{') && json.ends_with("}\n"), "{json}");
}
