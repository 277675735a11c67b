//! Human rendering of diagnostics, like a compiler's: `file:line:col`, the source line,
//! a caret under the offending value and a help line (drawn by annotate-snippets).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet, Title};

use super::{Diagnostic, Severity};
use crate::source::{SourceMap, Span};

/// Source lines longer than this (in bytes, together) are shown cut around the offending
/// value: annotate-snippets reads every line it is given in full, and one body can be a
/// single 10 MiB line with thousands of diagnostics on it.
const LONG: usize = 1024;
/// Bytes kept on each side of the offending value in a cut line (and of it, at most).
const AROUND: usize = 80;

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
        if to - from > LONG {
            // annotate-snippets would count the column in the piece: the place is written
            // here, where it would have put it.
            groups.push(cut(d, title, sources, span));
            let out = renderer.render(&groups);
            let at = file.line_col(span.start);
            let width = at.line.to_string().len();
            let place = format!(
                "{:width$}--> {}:{}:{}\n",
                "",
                file.path.escape_debug(),
                at.line,
                at.column
            );
            return match out.split_once('\n') {
                Some((head, rest)) => format!("{head}\n{place}{rest}"),
                None => out,
            };
        }
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

/// The diagnostic with only a piece of its line, `…` where it is cut (its place is added by
/// the caller).
fn cut<'a>(d: &'a Diagnostic, title: Title<'a>, sources: &'a SourceMap, span: Span) -> Group<'a> {
    let file = sources.get(span.file);
    let text = &file.text;
    let line = file.line_index(span.start);
    let (line_from, line_to) = (file.line_start(line), file.line_start(line + 1));
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = span.start.clamp(line_from, line_to);
    let end = span.end.clamp(start, line_to).min(start + AROUND);
    let from = floor(start.saturating_sub(AROUND).max(line_from));
    let to = floor((end + AROUND).min(line_to));
    let piece = text[from..to].trim_end_matches(['\n', '\r']);
    let (open, close) = (
        if from > line_from { "…" } else { "" },
        if from + piece.len() < line_to && !text[from + piece.len()..line_to].trim().is_empty() {
            "…"
        } else {
            ""
        },
    );
    let shown = format!("{open}{piece}{close}");
    let s = open.len() + (start - from).min(piece.len());
    let e = open.len() + (floor(end) - from).min(piece.len());
    let mut group = title.element(
        Snippet::source(shown)
            .line_start(line + 1)
            .fold(true)
            .annotation(AnnotationKind::Primary.span(s..e.max(s))),
    );
    for l in &d.labels {
        let other = sources.get(l.span.file);
        let lc = other.line_col(l.span.start);
        group = group.element(Level::NOTE.message(format!(
            "{}: {}:{}:{}",
            l.message, other.path, lc.line, lc.column
        )));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    group
}
