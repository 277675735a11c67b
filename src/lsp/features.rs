//! What the language server answers: diagnostics, completion, hover, definitions and
//! quick fixes, each from the compiled workspace.

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CompletionItem,
    CompletionItemKind, Diagnostic as LspDiagnostic, DiagnosticSeverity, GotoDefinitionResponse,
    Hover, HoverContents, Location, MarkupContent, MarkupKind, NumberOrString, Position, Range,
    TextEdit, WorkspaceEdit,
};

use super::text::{self, Encoding};
use crate::compile::Compiled;
use crate::diag::Severity;
use crate::link::{Person, Workspace};
use crate::model::records::{
    ActionStatus, ClientStatus, MeetingKind, OrderKind, OrderStatus, RecordKind, ScheduleStatus,
    Stage, Via, Visibility, known_fields, nested_fields,
};
use crate::model::settings::{Day, Role};
use crate::model::values::Choice;
use crate::source::Span;

/// Rules whose "did you mean `x`?" names the one thing the marked text should be.
const FIXABLE: &[&str] = &[
    "unknown-field",
    "unknown-person",
    "unknown-order",
    "invalid-value",
];

/// Fields whose values are people.
const PEOPLE: &[&str] = &[
    "ae",
    "supervisor",
    "owner",
    "by",
    "invited",
    "attended",
    "team",
    "lead",
    "signer",
];

/// Every diagnostic of the workspace by file (workspace path), as the protocol has them.
pub(super) fn diagnostics(c: &Compiled, encoding: Encoding) -> Vec<(String, Vec<LspDiagnostic>)> {
    let sources = &c.ws.sources;
    let mut by_file: HashMap<String, Vec<LspDiagnostic>> = HashMap::new();
    for d in &c.diagnostics {
        let (file, range) = match d.span {
            Some(span) => {
                let f = sources.get(span.file);
                (
                    f.path.clone(),
                    text::range(&f.text, span.start, span.end, encoding),
                )
            }
            // A problem of the workspace as a whole is shown on its settings.
            None => ("docket.yaml".to_string(), Range::default()),
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let fix = d
            .help
            .as_deref()
            .filter(|_| FIXABLE.contains(&d.rule.name))
            .and_then(|h| h.strip_prefix("did you mean `"))
            .and_then(|h| h.split_once('`'))
            .map(|(x, _)| x.to_string());
        by_file.entry(file).or_default().push(LspDiagnostic {
            range,
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.rule.code.to_string())),
            source: Some("docket".into()),
            message,
            data: fix.map(|x| serde_json::json!({ "replace": x })),
            ..LspDiagnostic::default()
        });
    }
    let mut out: Vec<_> = by_file.into_iter().collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The quick fixes for the diagnostics the editor sends back: each "did you mean" with a
/// single answer replaces the marked text with it.
pub(super) fn quick_fixes(params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    params
        .context
        .diagnostics
        .iter()
        .filter_map(|d| {
            let with = d.data.as_ref()?.get("replace")?.as_str()?.to_string();
            let edit = TextEdit::new(d.range, with.clone());
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Replace with `{with}`"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(
                        params.text_document.uri.clone(),
                        vec![edit],
                    )])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            }))
        })
        .collect()
}

/// One open document and the workspace it belongs to.
pub(super) struct Doc<'a> {
    pub compiled: &'a Compiled,
    pub root: PathBuf,
    /// The document's workspace path (`clients/acme/orders/WO-2026-0001.md`).
    pub rel: String,
    pub text: String,
    pub encoding: Encoding,
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || "._-".contains(c)
}

impl Doc<'_> {
    fn ws(&self) -> &Workspace {
        &self.compiled.ws
    }

    /// The record kind, from where the file is.
    fn kind(&self) -> Option<RecordKind> {
        let parts: Vec<&str> = self.rel.split('/').collect();
        match parts.as_slice() {
            ["clients", _, "client.md"] => Some(RecordKind::Client),
            ["clients", _, folder, _] | ["internal", folder, _] => match *folder {
                "minutes" => Some(RecordKind::Minutes),
                "orders" => Some(RecordKind::Order),
                "schedules" => Some(RecordKind::Schedule),
                "invoices" => Some(RecordKind::Invoice),
                _ => None,
            },
            _ => None,
        }
    }

    /// The index of the document's client.
    fn client(&self) -> Option<usize> {
        let id = self.rel.strip_prefix("clients/")?.split('/').next()?;
        self.ws().clients.iter().position(|c| c.id == id)
    }

    /// Whether `offset` is inside the front matter (between its fences).
    fn in_front_matter(&self, offset: usize) -> bool {
        // The parser's own fence split, so the server and `check` agree on where the
        // front matter ends.
        let file = crate::source::SourceFile::new(
            self.rel.clone(),
            self.root.join(&self.rel),
            self.text.clone(),
        );
        crate::parse::frontmatter::split(&file, crate::source::FileId(0))
            .is_ok_and(|parts| offset >= parts.yaml.0 && offset <= parts.yaml.1)
    }

    /// The identifier under `offset` and where it starts.
    fn word_at(&self, offset: usize) -> Option<(usize, &str)> {
        let t = &self.text;
        let start = t[..offset]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_id_char(*c))
            .last()
            .map_or(offset, |(i, _)| i);
        let end = t[offset..]
            .char_indices()
            .find(|(_, c)| !is_id_char(*c))
            .map_or(t.len(), |(i, _)| offset + i);
        let word = t[start..end].trim_matches('.');
        (!word.is_empty()).then_some((start, word))
    }

    pub(super) fn complete(&self, pos: Position) -> Vec<CompletionItem> {
        let offset = text::offset(&self.text, pos, self.encoding);
        let settings = self.rel == "docket.yaml";
        if !settings && !self.in_front_matter(offset) {
            return Vec::new();
        }
        let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let before = &self.text[line_start..offset];
        // In a flow mapping (`{ task: Book, |`), what counts is the text after its last
        // `{` or `,`.
        let flow = before.rfind('{').filter(|&i| !before[i..].contains('}'));
        let segment = match flow {
            Some(open) => {
                let from = before[open..].rfind(',').map_or(open, |i| open + i);
                &before[from + 1..]
            }
            None => before,
        };
        if let Some(key) = key_before(segment) {
            return self.values(key, before);
        }
        let fields: &[&str] = if flow.is_none() && !before.starts_with([' ', '\t', '-']) {
            match (settings, self.kind()) {
                (true, _) => crate::model::settings::FIELDS,
                (false, Some(kind)) => known_fields(kind),
                (false, None) => &[],
            }
        } else {
            let parent = self.parent_key(line_start, before, flow);
            match (settings, parent) {
                (_, None) => &[],
                (true, Some(p)) => crate::model::settings::nested_fields(p),
                (false, Some(p)) => nested_fields(p),
            }
        };
        fields
            .iter()
            .filter(|f| **f != "type")
            .map(|f| CompletionItem {
                label: f.to_string(),
                kind: Some(CompletionItemKind::FIELD),
                insert_text: Some(format!("{f}: ")),
                ..CompletionItem::default()
            })
            .collect()
    }

    /// The key a nested mapping stands under: the key before a flow mapping's `{` on
    /// this line, or the nearest line above, less indented, that is a `key:` alone.
    fn parent_key<'s>(
        &'s self,
        line_start: usize,
        before: &'s str,
        flow: Option<usize>,
    ) -> Option<&'s str> {
        if let Some(open) = flow
            && let Some(key) = key_before(&before[..open])
        {
            return Some(key);
        }
        let indent = |line: &str| line.len() - line.trim_start_matches([' ', '-']).len();
        let here = indent(before);
        let mut end = line_start.checked_sub(1)?;
        loop {
            let start = self.text[..end].rfind('\n').map_or(0, |i| i + 1);
            let line = self.text[start..end].trim_end();
            let content = line.trim_start();
            if content == "---" {
                return None;
            }
            let own = line.len() - line.trim_start().len();
            if !content.is_empty() && own < here {
                if let Some(key) = content.strip_suffix(':')
                    && key
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                {
                    let at = start + own;
                    return Some(&self.text[at..at + key.len()]);
                }
                if !content.starts_with('-') {
                    return None;
                }
            }
            end = start.checked_sub(1)?;
        }
    }

    fn values(&self, key: &str, before: &str) -> Vec<CompletionItem> {
        let words = |all: &[&'static str]| -> Vec<CompletionItem> {
            all.iter()
                .map(|w| CompletionItem {
                    label: w.to_string(),
                    kind: Some(CompletionItemKind::ENUM_MEMBER),
                    ..CompletionItem::default()
                })
                .collect()
        };
        fn all<T: Choice>() -> Vec<&'static str> {
            T::ALL.iter().map(|(w, _)| *w).collect()
        }
        let nested = before.starts_with([' ', '\t', '-']) || before.contains('{');
        let kind = self.kind();
        match key {
            _ if PEOPLE.contains(&key) => self.people(),
            "order" | "orders" | "work_order" => self.numbers(),
            "status" if nested => words(&all::<ActionStatus>()),
            "status" => match kind {
                Some(RecordKind::Client) => words(&all::<ClientStatus>()),
                Some(RecordKind::Order) => words(&all::<OrderStatus>()),
                Some(RecordKind::Schedule) => words(&all::<ScheduleStatus>()),
                _ => Vec::new(),
            },
            "kind" => match kind {
                Some(RecordKind::Minutes) => words(&all::<MeetingKind>()),
                Some(RecordKind::Order) => words(&all::<OrderKind>()),
                _ => Vec::new(),
            },
            "role" if self.rel == "docket.yaml" => words(&all::<Role>()),
            "weekday" if self.rel == "docket.yaml" => words(&all::<Day>()),
            "visibility" => words(&all::<Visibility>()),
            "stage" => words(&all::<Stage>()),
            "via" => words(&all::<Via>()),
            _ => Vec::new(),
        }
    }

    /// Staff, then the contacts of the document's client.
    fn people(&self) -> Vec<CompletionItem> {
        let ws = self.ws();
        let mut items: Vec<CompletionItem> = ws
            .config
            .staff
            .iter()
            .map(|s| CompletionItem {
                label: s.id.value.clone(),
                kind: Some(CompletionItemKind::VALUE),
                detail: Some(match s.role {
                    Some(role) => format!("{} ({})", s.name, role.as_str()),
                    None => s.name.clone(),
                }),
                ..CompletionItem::default()
            })
            .collect();
        if let Some(ci) = self.client() {
            let client = &ws.clients[ci];
            items.extend(client.contacts().iter().map(|k| CompletionItem {
                label: k.id.value.clone(),
                kind: Some(CompletionItemKind::VALUE),
                detail: Some(format!("{}, {}", k.name.value, client.name())),
                ..CompletionItem::default()
            }));
        }
        items
    }

    /// The work-order numbers of the document's client, in order.
    fn numbers(&self) -> Vec<CompletionItem> {
        let ws = self.ws();
        let Some(ci) = self.client() else {
            return Vec::new();
        };
        let mut numbers: Vec<(&String, usize)> = ws
            .orders
            .iter()
            .filter(|(_, ri)| ws.records[**ri].client == Some(ci))
            .map(|(n, ri)| (n, *ri))
            .collect();
        numbers.sort();
        numbers
            .into_iter()
            .map(|(n, ri)| CompletionItem {
                label: n.clone(),
                kind: Some(CompletionItemKind::REFERENCE),
                detail: Some(title_of(ws, ri)),
                ..CompletionItem::default()
            })
            .collect()
    }

    pub(super) fn hover(&self, pos: Position) -> Option<Hover> {
        let offset = text::offset(&self.text, pos, self.encoding);
        let (start, word) = self.word_at(offset)?;
        let ws = self.ws();
        let markdown = if let Some(person) = ws.person(word) {
            match person {
                Person::Staff(i) => {
                    let s = &ws.config.staff[i];
                    let mut m = format!("**{}**", s.name);
                    if let Some(role) = s.role {
                        m.push_str(&format!(", {}", role.as_str()));
                    }
                    m.push_str(&format!(" at {}", ws.config.agency));
                    if let Some(e) = &s.email {
                        m.push_str(&format!("  \n{e}"));
                    }
                    m
                }
                Person::Contact { client, index } => {
                    let c = &ws.clients[client];
                    let k = &c.contacts()[index];
                    let mut m = format!("**{}**", k.name.value);
                    if let Some(role) = &k.role {
                        m.push_str(&format!(", {role}"));
                    }
                    m.push_str(&format!(" at {}", c.name()));
                    if k.can_sign {
                        m.push_str(" (can sign)");
                    }
                    if let Some(e) = &k.email {
                        m.push_str(&format!("  \n{}", e.value));
                    }
                    m
                }
            }
        } else if let Some(&ri) = ws.orders.get(word).or_else(|| ws.invoices.get(word)) {
            let r = &ws.records[ri];
            let client = r.client.map_or("the agency", |c| ws.clients[c].name());
            format!(
                "**{word}**: {}  \n{}, {}",
                title_of(ws, ri),
                client,
                ws.path(r.file)
            )
        } else {
            return None;
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(text::range(
                &self.text,
                start,
                start + word.len(),
                self.encoding,
            )),
        })
    }

    fn location(&self, span: Span) -> Option<Location> {
        let f = self.ws().sources.get(span.file);
        Some(Location::new(
            super::uri_of(&self.root.join(&f.path))?,
            text::range(&f.text, span.start, span.end, self.encoding),
        ))
    }

    pub(super) fn definition(&self, pos: Position) -> Option<GotoDefinitionResponse> {
        let offset = text::offset(&self.text, pos, self.encoding);
        if let Some(target) = self.link_at(offset) {
            return Some(GotoDefinitionResponse::Scalar(target));
        }
        let (_, word) = self.word_at(offset)?;
        let ws = self.ws();
        let found = match ws.person(word) {
            Some(Person::Staff(i)) => self.location(ws.config.staff[i].id.span)?,
            Some(Person::Contact { client, index }) => {
                self.location(ws.clients[client].contacts()[index].id.span)?
            }
            None => {
                let &ri = ws.orders.get(word).or_else(|| ws.invoices.get(word))?;
                let file = ws.records[ri].file;
                self.location(Span::new(file, 0, 0))?
            }
        };
        Some(GotoDefinitionResponse::Scalar(found))
    }

    /// The file a relative Markdown link under `offset` points to, if it exists.
    fn link_at(&self, offset: usize) -> Option<Location> {
        let t = &self.text;
        let line_start = t[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = t[offset..].find('\n').map_or(t.len(), |i| offset + i);
        let open = t[line_start..offset].rfind("](")? + line_start + 2;
        let close = t[open..line_end].find(')')? + open;
        if offset > close {
            return None;
        }
        let target = t[open..close].split(['#', '?']).next()?.trim();
        if target.is_empty() || target.contains("://") || target.starts_with('/') {
            return None;
        }
        let here = self.root.join(&self.rel);
        let path = here.parent()?.join(crate::uri::percent_decode(target));
        let path = path.canonicalize().ok()?;
        if !path.starts_with(self.root.canonicalize().ok()?) || !path.is_file() {
            return None;
        }
        Some(Location::new(super::uri_of(&path)?, Range::default()))
    }
}

/// The key whose value is being written at the end of `before` (one line up to the
/// cursor): the last `key:` followed by a space, in block or flow style.
fn key_before(before: &str) -> Option<&str> {
    let colon = before
        .char_indices()
        .filter(|&(i, c)| c == ':' && before[i + 1..].starts_with([' ', '\t']))
        .map(|(i, _)| i)
        .next_back()
        .or_else(|| before.strip_suffix(':').map(str::len))?;
    let head = &before[..colon];
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '-')
        .last()
        .map(|(i, _)| i)?;
    Some(&head[start..])
}

/// A record's title (or its path), for details.
fn title_of(ws: &Workspace, ri: usize) -> String {
    use crate::model::records::Data;
    let r = &ws.records[ri];
    let title = match &r.parsed.data {
        Data::Order(o) => o.title.as_ref().map(|t| t.value.clone()),
        Data::Minutes(m) => m.title.as_ref().map(|t| t.value.clone()),
        Data::Schedule(s) => s.title.as_ref().map(|t| t.value.clone()),
        _ => None,
    };
    title.unwrap_or_else(|| ws.path(r.file).to_string())
}

#[cfg(test)]
mod tests {
    use super::key_before;

    #[test]
    fn the_key_being_written() {
        assert_eq!(key_before("ae: "), Some("ae"));
        assert_eq!(key_before("ae:"), Some("ae"));
        assert_eq!(key_before("  - { task: Book, owner: "), Some("owner"));
        assert_eq!(key_before("invited: [qian.hao, "), Some("invited"));
        assert_eq!(key_before("titl"), None);
        assert_eq!(key_before("date: 2026-11-24 10:00"), Some("date"));
    }
}
