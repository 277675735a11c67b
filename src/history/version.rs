//! One version of a record, read for comparing: the typed record, its fields as text
//! trees, its status, its sign-offs and its body cut into sections.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::fields::Node;
use crate::load::Place;
use crate::model::records::RecordKind;
use crate::model::settings::Config;
use crate::model::values::Choice;
use crate::parse::Parsed;
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

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Content {
    /// How lists name it, from the typed record (`Data::label`).
    pub label: String,
    /// Whether it may be shown in its client's folder, from the typed record
    /// (`Data::visible_in_client_folder`).
    pub visible: bool,
    /// Front-matter fields but `status` and `signoffs`.
    pub fields: BTreeMap<String, Node>,
    pub status: Option<String>,
    pub signoffs: Vec<Signoff>,
    /// What a sign-off of this version signs (see `parse::digest`).
    pub digest: String,
    pub sections: Vec<Section>,
    /// The currency its amounts are in (see `Data::currency`).
    pub currency: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signoff {
    pub by: String,
    pub stage: String,
    pub date: String,
    pub digest: String,
}

/// A piece of the body: the text under one heading, up to the next heading of any level
/// (`heading` empty for the text before the first heading).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
        let (kind, client) = record_place(path)?;
        let content = std::str::from_utf8(bytes)
            .ok()
            .and_then(|text| read_content(path, kind, text, config));
        Some(Version {
            path: path.to_string(),
            kind,
            client,
            content,
        })
    }

    /// [`Version::read`] of the blob `blob` at `path`, from `store` when it holds it: a
    /// blob's content never changes, so what it reads as is kept by its id.
    pub(crate) fn read_blob(
        store: &crate::load::cache::Store,
        repo: &crate::git::Repo,
        path: &str,
        blob: crate::git::Oid,
        config: &Config,
    ) -> Option<Version> {
        let (kind, client) = record_place(path)?;
        let key = crate::load::cache::key(&[&[kind as u8], blob.as_bytes()]);
        if let Some(content) = store.get(&key, |b| postcard::from_bytes::<Option<Content>>(b).ok())
        {
            return Some(Version {
                path: path.to_string(),
                kind,
                client,
                content,
            });
        }
        let version = Version::read(path, &repo.blob(blob)?, config)?;
        if let Ok(kept) = postcard::to_stdvec(&version.content) {
            store.put(key, kept);
        }
        Some(version)
    }

    /// How lists name the record (see `Data::label`).
    pub fn label(&self) -> String {
        self.content
            .as_ref()
            .map_or(String::new(), |c| c.label.clone())
    }

    /// Whether the client whose folder holds it may see it (see
    /// `Data::visible_in_client_folder`); never under `internal/`, never when it cannot
    /// be read.
    pub fn client_visible(&self) -> bool {
        self.client.is_some() && self.content.as_ref().is_some_and(|c| c.visible)
    }
}

/// The kind of record a workspace path holds and the client whose folder it is in;
/// `None` for a path docket does not read as a record.
pub(crate) fn record_place(path: &str) -> Option<(RecordKind, Option<String>)> {
    match crate::load::place_of(path)? {
        Place::Client { client } => Some((RecordKind::Client, Some(client))),
        Place::Record { client, kind } => Some((kind, client)),
        Place::Reported | Place::Settings => None,
    }
}

/// Reads one past version of a record with the record parser, as `check` reads the
/// file on disk: the one reader of the past. The change log ([`Version::read`]) and
/// sign-off provenance read old versions through it, and `--at` compiles a commit with
/// the same parser, so a label, a visibility or a currency means the same in all three.
/// `None` when the front matter cannot be read (`docket check` at that commit says why).
pub(crate) fn parse_version(
    path: &str,
    kind: RecordKind,
    text: &str,
    config: &Config,
) -> Option<Parsed> {
    let file = SourceFile::new(path.to_string(), PathBuf::from(path), text.to_string());
    crate::parse::parse_record(&file, FileId(0), kind, config, &mut Vec::new())
}

fn read_content(path: &str, kind: RecordKind, text: &str, config: &Config) -> Option<Content> {
    let record = parse_version(path, kind, text, config)?;
    let (bs, be) = record.parts.body;
    let mut fields: BTreeMap<String, Node> = match Node::of(&record.front) {
        Node::Map(m) => m,
        _ => BTreeMap::new(),
    };
    let status = fields
        .remove("status")
        .and_then(|s| s.text().map(str::to_string));
    fields.remove("signoffs");
    let signoffs = record
        .data
        .signoffs()
        .iter()
        .map(|s| Signoff {
            by: s.by.value.clone(),
            stage: s.stage.value.as_str().to_string(),
            date: s.date.value.to_string(),
            digest: s.digest.as_ref().map_or(String::new(), |d| d.value.clone()),
        })
        .collect();
    Some(Content {
        digest: record.digest_of(text),
        sections: sections(text, bs, be, &record.body),
        currency: record.data.currency(&config.currency).to_string(),
        fields,
        status,
        signoffs,
        label: record.data.label(),
        visible: record.data.visible_in_client_folder(),
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
