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
use crate::model::records::RecordKind;

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
        // Its total and what was paid, as sums (see `invoice_sums`), as the portal shows.
        RecordKind::Invoice => &["number", "orders", "issued", "due"],
        RecordKind::Client => &[],
    }
}

/// The fields a client sees of an item of a list.
fn shown_item_fields(list: &str) -> &'static [&'static str] {
    match list {
        "actions" | "items" => &["task", "owner", "due", "status", "done", "order"],
        _ => &[],
    }
}

/// Version `v` as client `client` may see it; `None` when it may not see it at all.
/// `own_contact` says whether a person id is one of the client's own contacts: only their
/// sign-offs are the client's to see (the agency's own approvals are not in its portal).
pub(crate) fn client_view(
    v: &Version,
    client: &str,
    own_contact: &dyn Fn(&str) -> bool,
) -> Option<Version> {
    if v.client.as_deref() != Some(client) || !v.client_visible() {
        return None;
    }
    let c = v.content.as_ref()?;
    let mut fields: BTreeMap<String, Node> = shown_fields(v.kind)
        .iter()
        .filter_map(|&f| Some((f.to_string(), item_fields(f, c.fields.get(f)?))))
        .collect();
    if v.kind == RecordKind::Invoice {
        fields.extend(invoice_sums(&c.fields, &c.currency));
    }
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
            signoffs: c
                .signoffs
                .iter()
                .filter(|s| own_contact(&s.by))
                .cloned()
                .collect(),
            digest: c.digest.clone(),
            sections: c.sections.iter().filter(|s| !s.internal).cloned().collect(),
            currency: c.currency.clone(),
            label: c.label.clone(),
            visible: c.visible,
        }),
    })
}

/// An invoice's `total` (its lines) and `paid` (its payments), as the portal shows them.
fn invoice_sums(fields: &BTreeMap<String, Node>, currency: &str) -> Vec<(String, Node)> {
    let decimals = crate::model::values::currency_decimals(currency).max(4);
    let sum = |list: &str| {
        let Some(Node::List(items)) = fields.get(list) else {
            return rust_decimal::Decimal::ZERO;
        };
        items
            .iter()
            .filter_map(|i| i.get("amount")?.text())
            .filter_map(|a| crate::model::values::parse_money(a, decimals).ok())
            .sum()
    };
    vec![
        (
            "total".to_string(),
            Node::Text(sum("lines").normalize().to_string()),
        ),
        (
            "paid".to_string(),
            Node::Text(sum("paid").normalize().to_string()),
        ),
    ]
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
    use crate::model::settings::Config;

    fn read(path: &str, text: &str) -> Version {
        Version::read(path, text.as_bytes(), &Config::default()).unwrap()
    }

    #[test]
    fn keeps_only_what_the_portal_shows() {
        let order = read(
            "clients/acme/orders/WO-2026-0001.md",
            "---\nnumber: WO-2026-0001\ntitle: T\nteam: [a]\ncosts: [{ item: Print, vendor: V, amount: 10 }]\nattachments: [files/x.pdf]\nbudget: { amount: 1, currency: CNY }\n---\nPublic.\n\n## Internal\n\nSecret.\n",
        );
        let v = client_view(&order, "acme", &|_| true).unwrap();
        let c = v.content.unwrap();
        let fields: Vec<&str> = c.fields.keys().map(String::as_str).collect();
        assert_eq!(fields, ["budget", "number", "title"]);
        assert!(c.sections.iter().all(|s| !s.text.contains("Secret")));
        assert!(client_view(&order, "other", &|_| true).is_none());
        let internal = read(
            "clients/acme/minutes/2026-11-02-plan.md",
            "---\nkind: internal\ntitle: Plan\n---\n",
        );
        assert!(client_view(&internal, "acme", &|_| true).is_none());
        let agency = read(
            "internal/minutes/2026-11-02-plan.md",
            "---\ntitle: Plan\n---\n",
        );
        assert!(client_view(&agency, "acme", &|_| true).is_none());
        let notes = read("clients/acme/client.md", "---\nname: Acme\n---\nNotes.\n");
        assert!(client_view(&notes, "acme", &|_| true).is_none());
        let invoice = read(
            "clients/acme/invoices/INV-2026-0001.md",
            "---\nnumber: INV-2026-0001\nlines:\n  - { description: Design, amount: 100 }\n  - { description: Print, amount: '1,000.50' }\npaid: [{ date: 2026-11-02, amount: 50, reference: x }]\nsignoffs: [{ by: staff, stage: approved, date: 2026-11-02, digest: d }, { by: rita, stage: approved, date: 2026-11-02, digest: d }]\n---\n",
        );
        let c = client_view(&invoice, "acme", &|id| id == "rita")
            .unwrap()
            .content
            .unwrap();
        let fields: Vec<(&str, Option<&str>)> = c
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.text()))
            .collect();
        assert_eq!(
            fields,
            [
                ("number", Some("INV-2026-0001")),
                ("paid", Some("50")),
                ("total", Some("1100.5"))
            ]
        );
        let by: Vec<&str> = c.signoffs.iter().map(|s| s.by.as_str()).collect();
        assert_eq!(by, ["rita"]);
    }
}
