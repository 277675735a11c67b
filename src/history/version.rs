//! One version of a record, read for comparing: its fields as text trees, its status,
//! its sign-offs and its body cut into sections.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::fields::Node;
use crate::load::Place;
use crate::model::records::RecordKind;
use crate::model::settings::Config;
use crate::source::{FileId, SourceFile};

/// A record as one commit holds it.
#[derive(Clone, Debug)]
pub struct Version {
    pub path: String,
    pub kind: RecordKind,
    /// The client whose folder holds it; `None` under `internal/`.
    pub client: Option<String>,
    /// `None` when this version cannot be read: not UTF-8, or its front matter does not
    /// parse (`docket check` at that commit says why).
    pub content: Option<Content>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Content {
    /// Front-matter fields but `status` and `signoffs`.
    pub fields: BTreeMap<String, Node>,
    pub status: Option<String>,
    pub signoffs: Vec<Signoff>,
    /// What a sign-off of this version signs (see `signoff::digest`).
    pub digest: String,
    pub sections: Vec<Section>,
    /// The currency its amounts are in: the budget's, the invoice's, or the workspace's.
    pub currency: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signoff {
    pub by: String,
    pub stage: String,
    pub date: String,
    pub digest: String,
}

/// A piece of the body: the text under one heading, up to the next heading of any level
/// (`heading` empty for the text before the first heading).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub text: String,
    /// Inside a section under one of the workspace's internal headings.
    pub internal: bool,
}

impl Version {
    /// Reads the file at workspace path `path` with content `bytes`; `None` when docket
    /// does not read that path as a record.
    pub fn read(path: &str, bytes: &[u8], config: &Config) -> Option<Version> {
        let (kind, client) = match crate::load::place_of(path)? {
            Place::Client { client } => (RecordKind::Client, Some(client)),
            Place::Record { client, kind } => (kind, client),
            Place::Reported | Place::Settings => return None,
        };
        let content = std::str::from_utf8(bytes)
            .ok()
            .and_then(|text| read_content(path, text, config));
        Some(Version {
            path: path.to_string(),
            kind,
            client,
            content,
        })
    }

    /// How lists name the record: "WO-2026-0031 Spring key visual", a meeting's or a
    /// timetable's title, an invoice's number, a client's name.
    pub fn label(&self) -> String {
        let Some(c) = &self.content else {
            return String::new();
        };
        let text = |k: &str| c.fields.get(k).and_then(Node::text).unwrap_or("").trim();
        match self.kind {
            RecordKind::Order => format!("{} {}", text("number"), text("title"))
                .trim()
                .to_string(),
            RecordKind::Invoice => text("number").to_string(),
            RecordKind::Client => text("name").to_string(),
            RecordKind::Minutes | RecordKind::Schedule => text("title").to_string(),
        }
    }

    /// Whether the client whose folder holds it may see it: any record but `client.md`
    /// and internal meetings (see `Minutes::visible_in_client_folder`).
    pub fn client_visible(&self) -> bool {
        let Some(c) = &self.content else {
            return false;
        };
        if self.client.is_none() {
            return false;
        }
        match self.kind {
            RecordKind::Client => false,
            RecordKind::Minutes => {
                // Fails closed: a meeting is the client's only when its kind is a known
                // kind other than internal and its visibility is missing or `client`
                // (a past version may hold anything).
                use crate::model::records::MeetingKind;
                use crate::model::values::Choice;
                let kind_ok = match c.fields.get("kind") {
                    Some(Node::Text(k)) => {
                        MeetingKind::parse(k).is_some_and(|k| k != MeetingKind::Internal)
                    }
                    _ => false,
                };
                let shown = match c.fields.get("visibility") {
                    None | Some(Node::Null) => true,
                    Some(v) => v.text() == Some("client"),
                };
                kind_ok && shown
            }
            _ => true,
        }
    }
}

fn read_content(path: &str, text: &str, config: &Config) -> Option<Content> {
    let file = SourceFile::new(path.to_string(), PathBuf::from(path), text.to_string());
    let id = FileId(0);
    let (parts, front) = crate::parse::front_matter(&file, id).ok()?;
    let (bs, be) = parts.body;
    let body_text = &file.text[bs..be];
    let mut fields: BTreeMap<String, Node> = match Node::of(&front) {
        Node::Map(m) => m,
        _ => BTreeMap::new(),
    };
    let status = fields
        .remove("status")
        .and_then(|s| s.text().map(str::to_string));
    let signoffs = match fields.remove("signoffs") {
        Some(Node::List(items)) => items
            .iter()
            .map(|i| {
                let f = |k: &str| i.get(k).and_then(Node::text).unwrap_or("").to_string();
                Signoff {
                    by: f("by"),
                    stage: f("stage"),
                    date: f("date"),
                    digest: f("digest"),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let currency = super::fields::currency_of(&fields)
        .unwrap_or(&config.currency)
        .to_string();
    let body = crate::parse::markdown::read(body_text, id, bs, &config.internal_headings);
    Some(Content {
        digest: crate::parse::digest::digest(&front, body_text),
        sections: sections(&file.text, bs, be, &body),
        fields,
        status,
        signoffs,
        currency,
    })
}

/// The body `text[start..end]` cut at every heading.
fn sections(
    text: &str,
    start: usize,
    end: usize,
    body: &crate::parse::markdown::Body,
) -> Vec<Section> {
    let mut heads: Vec<&crate::parse::markdown::Section> = body.sections.iter().collect();
    heads.sort_by_key(|s| s.span.start);
    // Whether a heading starts inside an internal section: one sweep over the internal
    // sections in order of start, as the headings are in order of start too.
    let mut internal: Vec<(usize, usize)> = body
        .internal_ranges()
        .map(|r| (r.start, r.end.max(r.start + 1)))
        .collect();
    internal.sort_unstable();
    let (mut next, mut reach) = (0, 0);
    let mut internal_at = |at: usize| {
        while let Some(&(_, end)) = internal.get(next).filter(|r| r.0 <= at) {
            reach = reach.max(end);
            next += 1;
        }
        at < reach
    };
    let mut out = Vec::new();
    let first = heads.first().map_or(end, |h| h.span.start);
    let opening = crate::parse::digest::canonical_body(&text[start..first]);
    if !opening.is_empty() {
        out.push(Section {
            heading: String::new(),
            text: opening,
            internal: false,
        });
    }
    // Repeated headings are numbered among the public ones and among the internal ones
    // apart, so that an internal section added or removed never renames a public one.
    let mut seen: BTreeMap<(bool, String), usize> = BTreeMap::new();
    for (i, h) in heads.iter().enumerate() {
        let to = heads.get(i + 1).map_or(end, |n| n.span.start).min(end);
        let from = h.span.start.min(to);
        let internal = internal_at(h.span.start);
        let n = seen.entry((internal, h.title.clone())).or_default();
        *n += 1;
        let heading = if *n == 1 {
            h.title.clone()
        } else {
            format!("{} ({})", h.title, n)
        };
        out.push(Section {
            heading,
            text: crate::parse::digest::canonical_body(&text[from..to]),
            internal,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_signoffs_and_sections() {
        let text = "---\nnumber: WO-2026-0001\ntitle: Launch\nstatus: approved\nbudget: { amount: 100, currency: USD }\nsignoffs:\n  - { by: li-wei, stage: approved, date: 2026-11-02, digest: x }\n---\nOpening.\n\n## Brief\n\nText.\n\n## Internal\n\nMargin.\n";
        let v = Version::read(
            "clients/acme/orders/WO-2026-0001.md",
            text.as_bytes(),
            &Config::default(),
        )
        .unwrap();
        assert_eq!(v.kind, RecordKind::Order);
        assert_eq!(v.client.as_deref(), Some("acme"));
        assert_eq!(v.label(), "WO-2026-0001 Launch");
        let c = v.content.unwrap();
        assert_eq!(c.status.as_deref(), Some("approved"));
        assert_eq!(c.currency, "USD");
        assert_eq!(c.signoffs[0].by, "li-wei");
        assert!(!c.fields.contains_key("status") && !c.fields.contains_key("signoffs"));
        let heads: Vec<(&str, bool)> = c
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.internal))
            .collect();
        assert_eq!(heads, [("", false), ("Brief", false), ("Internal", true)]);
        assert!(Version::read("docket.yaml", b"", &Config::default()).is_none());
        // Meetings are the client's only when they say so in known words.
        let minutes = |front: &str| {
            Version::read(
                "clients/acme/minutes/2026-11-02-a.md",
                format!("---\ntitle: A\n{front}---\n").as_bytes(),
                &Config::default(),
            )
            .unwrap()
            .client_visible()
        };
        assert!(minutes("kind: call\n"));
        assert!(minutes("kind: client\nvisibility: client\n"));
        for hidden in [
            "",
            "visibility: client\n",
            "kind: internl\n",
            "kind: internal\n",
            "kind: Internal\n",
            "kind: [internal]\n",
            "visibility: internal\n",
            "visibility: Client\n",
        ] {
            assert!(!minutes(hidden), "{hidden}");
        }
    }
}
