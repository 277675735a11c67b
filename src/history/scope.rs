//! A client's view of a record version: the fields its portal shows, and nothing else.
//!
//! A client's change log is computed from these views of both versions, never from the
//! versions themselves, so a change to something the client may not see (a cost line,
//! an internal section, an internal meeting, another client's record, `client.md`)
//! cannot appear in it: there is nothing left to compare. The fields kept mirror
//! `view::client` (what `ClientScope` copies out).

use std::collections::BTreeMap;

use super::fields::Node;
use super::version::{Content, Version};
use crate::parse::records::RecordKind;

/// The fields a client sees of each record type.
fn shown_fields(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Minutes => &[
            "kind",
            "title",
            "date",
            "place",
            "attended",
            "decisions",
            "actions",
        ],
        RecordKind::Order => &[
            "number",
            "kind",
            "title",
            "requested",
            "due",
            "deliverables",
            "budget",
        ],
        RecordKind::Schedule => &["title", "from", "to", "items"],
        RecordKind::Invoice => &[
            "number", "orders", "issued", "due", "currency", "lines", "paid",
        ],
        RecordKind::Client => &[],
    }
}

/// The fields a client sees of an item of a list.
fn shown_item_fields(list: &str) -> &'static [&'static str] {
    match list {
        "actions" | "items" => &["task", "owner", "due", "status", "done", "order"],
        "lines" => &["description", "amount"],
        "paid" => &["date", "amount"],
        _ => &[],
    }
}

/// Version `v` as client `client` may see it; `None` when it may not see it at all.
pub fn client_view(v: &Version, client: &str) -> Option<Version> {
    if v.client.as_deref() != Some(client) || !v.client_visible() {
        return None;
    }
    let c = v.content.as_ref()?;
    let fields: BTreeMap<String, Node> = shown_fields(v.kind)
        .iter()
        .filter_map(|&f| Some((f.to_string(), item_fields(f, c.fields.get(f)?))))
        .collect();
    Some(Version {
        path: v.path.clone(),
        kind: v.kind,
        client: v.client.clone(),
        content: Some(Content {
            fields,
            // A meeting's status is not a field of minutes; the others show theirs.
            status: (v.kind != RecordKind::Minutes)
                .then(|| c.status.clone())
                .flatten(),
            signoffs: c.signoffs.clone(),
            digest: c.digest.clone(),
            sections: c.sections.iter().filter(|s| !s.internal).cloned().collect(),
            currency: c.currency.clone(),
        }),
    })
}

/// `value` of field `field`, its list items cut to what a client sees.
fn item_fields(field: &str, value: &Node) -> Node {
    let keep = shown_item_fields(field);
    match value {
        Node::List(items) if !keep.is_empty() => Node::List(
            items
                .iter()
                .map(|i| match i {
                    Node::Map(m) => Node::Map(
                        m.iter()
                            .filter(|(k, _)| keep.contains(&k.as_str()))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                    ),
                    other => other.clone(),
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn read(path: &str, text: &str) -> Version {
        Version::read(path, text.as_bytes(), &Config::default()).unwrap()
    }

    #[test]
    fn keeps_only_what_the_portal_shows() {
        let order = read(
            "clients/acme/orders/WO-2026-0001.md",
            "---\nnumber: WO-2026-0001\ntitle: T\nteam: [a]\ncosts: [{ item: Print, vendor: V, amount: 10 }]\nattachments: [files/x.pdf]\nbudget: { amount: 1, currency: CNY }\n---\nPublic.\n\n## Internal\n\nSecret.\n",
        );
        let v = client_view(&order, "acme").unwrap();
        let c = v.content.unwrap();
        let fields: Vec<&str> = c.fields.keys().map(String::as_str).collect();
        assert_eq!(fields, ["budget", "number", "title"]);
        assert!(c.sections.iter().all(|s| !s.text.contains("Secret")));
        assert!(client_view(&order, "other").is_none());
        let internal = read(
            "clients/acme/minutes/2026-11-02-plan.md",
            "---\nkind: internal\ntitle: Plan\n---\n",
        );
        assert!(client_view(&internal, "acme").is_none());
        let agency = read(
            "internal/minutes/2026-11-02-plan.md",
            "---\ntitle: Plan\n---\n",
        );
        assert!(client_view(&agency, "acme").is_none());
        let notes = read("clients/acme/client.md", "---\nname: Acme\n---\nNotes.\n");
        assert!(client_view(&notes, "acme").is_none());
    }
}
