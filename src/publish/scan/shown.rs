//! What a client's own records show it, read independently of the views: the records'
//! text split and read here (front matter by serde-saphyr, bodies by pulldown-cmark),
//! internal meetings, internal sections and `client.md` left out.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::Value;

use super::front_values;
use crate::link::Workspace;
use crate::parse::fold::folded;

/// The text a client may be shown, from its records under `prefix` as written: the front
/// matter of `client.md` (its body is the agency's notes); of each meeting the format lets
/// it see, every field but `conclusion` and `proposal`, and the body without internal
/// sections; of other records every field but `costs`, `attachments`, `filed` and `x-`
/// fields, and the body without internal sections. One value per line.
pub(super) fn shown_text(ws: &Workspace, prefix: &str) -> String {
    let headings: Vec<String> = ws
        .config
        .internal_headings
        .iter()
        .map(|h| folded(h).trim().to_string())
        .collect();
    let mut out = String::new();
    for (_, file) in ws.sources.iter() {
        let Some(rest) = file.path.strip_prefix(prefix) else {
            continue;
        };
        if !file.path.ends_with(".md") {
            continue;
        }
        let Some((front, body)) = split(&file.text) else {
            continue;
        };
        let Some(Value::Object(fields)) = read_yaml(front) else {
            continue;
        };
        if rest == "client.md" {
            strings(&Value::Object(fields), &mut out);
            out.push_str(&front_values(front, &|_| false));
            continue;
        }
        let hidden: &[&str] = if rest.starts_with("minutes/") {
            if !meeting_is_shown(&fields) {
                continue;
            }
            &["conclusion", "proposal"]
        } else {
            &["costs", "attachments", "filed"]
        };
        let hide = |key: &str| hidden.contains(&key) || key.starts_with("x-");
        for (key, value) in &fields {
            if !hide(key) {
                strings(value, &mut out);
            }
        }
        // The shown fields as written too, read as the lines looked for are read, so a
        // line of the client's own is never taken for another's.
        out.push_str(&front_values(front, &hide));
        public_body(body, &headings, &mut out);
    }
    out
}

/// The format's rule, read from the values as written: a meeting in a client's folder is
/// the client's only when `kind` is `client`, `call`, `visit` or `proposal` and
/// `visibility` is missing or `client`. Anything else (missing, misspelt, another type)
/// is internal.
pub(super) fn meeting_is_shown(fields: &serde_json::Map<String, Value>) -> bool {
    let kind_ok = matches!(
        fields.get("kind"),
        Some(Value::String(k)) if ["client", "call", "visit", "proposal"].contains(&k.as_str())
    );
    let visibility_ok = match fields.get("visibility") {
        None | Some(Value::Null) => true,
        Some(Value::String(v)) => v == "client",
        Some(_) => false,
    };
    kind_ok && visibility_ok
}

/// Every string (and number) inside `value`, one per line.
pub(super) fn strings(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Number(n) => {
            out.push_str(&n.to_string());
            out.push('\n');
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        Value::Bool(_) | Value::Null => {}
    }
}

/// The front matter and the body of a record as written: the first line is `---` (after
/// a byte-order mark), the front matter ends at the next line that is `---` or `...`.
pub(super) fn split(text: &str) -> Option<(&str, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.find('\n')?;
    if text[..first].trim_end_matches('\r') != "---" {
        return None;
    }
    let mut at = first + 1;
    while at <= text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..end].trim_end_matches('\r');
        if line == "---" || line == "..." {
            return Some((&text[first + 1..at], text.get(end + 1..).unwrap_or("")));
        }
        if end == text.len() {
            break;
        }
        at = end + 1;
    }
    None
}

pub(super) fn read_yaml(front: &str) -> Option<Value> {
    serde_saphyr::from_str::<Value>(front).ok()
}

/// The body without the sections under an internal heading (up to the next heading of
/// the same or a higher level), headings compared folded.
pub(super) fn public_body(body: &str, internal: &[String], out: &mut String) {
    let mut skip_from: Vec<(usize, usize)> = Vec::new();
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    let mut open: Option<(HeadingLevel, usize)> = None;
    for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, range.start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, start, title)) = heading.take() else {
                    continue;
                };
                if let Some((l, s)) = open
                    && level <= l
                {
                    skip_from.push((s, start));
                    open = None;
                }
                if open.is_none() && internal.contains(&folded(&title).trim().to_string()) {
                    open = Some((level, start));
                }
            }
            _ => {}
        }
    }
    if let Some((_, s)) = open {
        skip_from.push((s, body.len()));
    }
    let mut at = 0;
    let mut public = String::new();
    for (s, e) in skip_from {
        public.push_str(&body[at..s.max(at)]);
        public.push('\n');
        at = e.max(at);
    }
    public.push_str(&body[at..]);
    unmarked(&public, out);
    out.push('\n');
    plain_text(&public, out);
}

/// The text of Markdown as a page shows it, a block a line: link texts without their
/// destinations, emphasis without its marks, soft line breaks as spaces.
pub(super) fn plain_text(markdown: &str, out: &mut String) {
    for event in Parser::new_ext(markdown, Options::all()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(_) => out.push('\n'),
            _ => {}
        }
    }
    out.push('\n');
}

/// `text` line by line without what Markdown writes before a line's text (`- `, `> `,
/// `1. `, `|`), as the lines looked for are read: a list rendered as a paragraph of its
/// items reads as its lines joined.
pub(super) fn unmarked(text: &str, out: &mut String) {
    for line in text.lines() {
        out.push_str(without_marks(line));
        out.push('\n');
    }
}

/// A line without the marks Markdown writes before and after its text: list bullets and
/// numbers, quote marks, table bars. The lines looked for and the client's own text are
/// both read through it, so they compare alike.
pub(super) fn without_marks(line: &str) -> &str {
    let line = line
        .trim()
        .trim_start_matches(['-', '*', '+', '>', ' ', '\t', '|'])
        .trim_end_matches(['|', ' ', '\t']);
    match line.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => line,
    }
}
