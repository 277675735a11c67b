//! Human rendering of diagnostics, like a compiler's: `file:line:col`, the source line,
//! a caret under the offending value and a help line (drawn by annotate-snippets).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity};
use crate::source::SourceMap;

/// Renders one diagnostic; `color` adds terminal styles.
pub fn render(d: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let id = format!("{} {}", d.rule.code, d.rule.name);
    let title = level.primary_title(d.message.as_str()).id(id);
    let path;
    let mut groups = Vec::new();
    if let Some(span) = d.span {
        let file = sources.get(span.file);
        // Show only the lines around the annotations: whole records can be long.
        let mut first = file.line_index(span.start);
        let mut last = file.line_index(span.end);
        for l in &d.labels {
            if l.span.file == span.file {
                first = first.min(file.line_index(l.span.start));
                last = last.max(file.line_index(l.span.end));
            }
        }
        let from = file.line_start(first);
        let to = file.line_start(last + 1);
        let window = &file.text[from..to];
        let window = window.strip_prefix('\u{feff}').unwrap_or(window);
        let shift = from + (file.text[from..to].len() - window.len());
        let local = |start: usize, end: usize| {
            let s = start.clamp(shift, shift + window.len()) - shift;
            let e = end.clamp(shift, shift + window.len()) - shift;
            s..e.max(s)
        };
        // A control character in a path would break the `-->` line; it is shown escaped.
        path = file.path.escape_debug().to_string();
        let mut snippet = Snippet::source(window)
            .line_start(first + 1)
            .path(path.as_str())
            .fold(true)
            .annotation(AnnotationKind::Primary.span(local(span.start, span.end)));
        for l in &d.labels {
            if l.span.file == span.file {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(local(l.span.start, l.span.end))
                        .label(l.message.as_str()),
                );
            }
        }
        let mut group = title.element(snippet);
        for l in &d.labels {
            if l.span.file != span.file {
                let other = sources.get(l.span.file);
                let lc = other.line_col(l.span.start);
                group = group.element(Level::NOTE.message(format!(
                    "{}: {}:{}:{}",
                    l.message, other.path, lc.line, lc.column
                )));
            }
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        groups.push(group);
    } else {
        let mut group = Group::with_title(title);
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        groups.push(group);
    }
    renderer.render(&groups)
}
