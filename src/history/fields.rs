//! How each front-matter field's value is compared and shown in a change log and in
//! `docket textconv`: money as money (`36000` and `"36,000.00"` are one amount, shown
//! `CNY 36,000.00`), dates as dates, people by name, yes/no as yes/no. The type comes
//! from the field's name, which the format gives one meaning wherever it appears.

use std::collections::BTreeMap;

use crate::model::values::{currency_decimals, format_money, parse_date, parse_money};
use crate::parse::yaml::{Value, ValueKind};

/// A front-matter value as text, whatever its YAML style: scalars as written, lists and
/// mappings (keys sorted) of them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Node {
    Null,
    Text(String),
    List(Vec<Node>),
    Map(BTreeMap<String, Node>),
}

impl Node {
    pub fn of(v: &Value) -> Node {
        match &v.kind {
            ValueKind::Null => Node::Null,
            ValueKind::Bool(b) => Node::Text(b.to_string()),
            ValueKind::Int(t) | ValueKind::Float(t) | ValueKind::Str(t) => Node::Text(t.clone()),
            ValueKind::Seq(items) => Node::List(items.iter().map(Node::of).collect()),
            ValueKind::Map(entries) => Node::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.scalar_text().unwrap_or("").to_string(), Node::of(v)))
                    .collect(),
            ),
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Node::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(m) => m.get(key),
            _ => None,
        }
    }
}

/// What a field's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    Text,
    Date,
    Money,
    /// `{ amount, currency }`
    Budget,
    Person,
    People,
    Flag,
}

/// The type of the field `name` (the last part of its path).
pub(crate) fn ty(name: &str) -> Ty {
    match name {
        "requested" | "due" | "since" | "issued" | "done" | "outline_sent" | "from" | "to" => {
            Ty::Date
        }
        "amount" | "total" | "paid" => Ty::Money,
        "budget" => Ty::Budget,
        "ae" | "supervisor" | "owner" | "by" => Ty::Person,
        "team" | "invited" | "attended" => Ty::People,
        "brand_agent" | "portal" | "can_sign" | "goal_met" => Ty::Flag,
        _ => Ty::Text,
    }
}

/// How people and amounts are named where values are shown.
pub(crate) struct Shown<'a> {
    /// The record's currency (its budget's, its own, or the workspace's).
    pub currency: &'a str,
    /// A person's name from their id (staff, or contacts the reader may see).
    pub name: &'a dyn Fn(&str) -> String,
}

/// The identity of an item of the list `list`, when it is a mapping: the field that
/// names it (an action by its task, a cost line by its item...). Items without one are
/// told apart by their whole value.
pub(crate) fn item_name(list: &str, item: &Node) -> Option<String> {
    item.get(item_key(list)?)?.text().map(str::to_string)
}

/// The field that names an item of the list `list`.
fn item_key(list: &str) -> Option<&'static str> {
    Some(match list {
        "actions" | "items" => "task",
        "costs" => "item",
        "lines" => "description",
        "contacts" => "id",
        "paid" => "date",
        _ => return None,
    })
}

/// The value for comparing: two values with the same key mean the same.
pub(crate) fn key(name: &str, node: &Node, currency: &str) -> String {
    match (ty(name), node) {
        (Ty::Money, Node::Text(t)) => money(t, currency)
            .map(|d| d.normalize().to_string())
            .unwrap_or_else(|| t.clone()),
        (Ty::Date, Node::Text(t)) => {
            parse_date(t.trim()).map_or_else(|_| t.clone(), |d| d.to_string())
        }
        (Ty::Flag, Node::Text(t)) => flag(t).map_or_else(|| t.clone(), str::to_string),
        (Ty::Budget, Node::Map(m)) => {
            let cur = m.get("currency").and_then(Node::text).unwrap_or(currency);
            let amount = m.get("amount").map(|a| key("amount", a, cur));
            format!("{cur} {}", amount.unwrap_or_default())
        }
        (_, Node::Text(t)) => t.clone(),
        (_, Node::Null) => String::new(),
        (_, Node::List(items)) => {
            let parts: Vec<String> = items.iter().map(|i| key(name, i, currency)).collect();
            format!("[{}]", parts.join(","))
        }
        (_, Node::Map(m)) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{k}:{}", key(k, v, currency)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
    }
}

/// The value as people read it.
pub(crate) fn show(name: &str, node: &Node, how: &Shown) -> String {
    match (ty(name), node) {
        (Ty::Money, Node::Text(t)) => {
            money(t, how.currency).map_or_else(|| t.clone(), |d| format_money(d, how.currency))
        }
        (Ty::Budget, Node::Map(m)) => {
            let cur = m
                .get("currency")
                .and_then(Node::text)
                .unwrap_or(how.currency);
            match m.get("amount") {
                Some(Node::Text(a)) => {
                    money(a, cur).map_or_else(|| a.clone(), |d| format_money(d, cur))
                }
                _ => show_plain(node, how),
            }
        }
        (Ty::Date, Node::Text(t)) => {
            parse_date(t.trim()).map_or_else(|_| t.clone(), |d| d.to_string())
        }
        (Ty::Person | Ty::People, Node::Text(t)) => (how.name)(t),
        (Ty::Flag, Node::Text(t)) => flag(t).map_or_else(|| t.clone(), str::to_string),
        (Ty::People, Node::List(items)) => items
            .iter()
            .map(|i| show("owner", i, how))
            .collect::<Vec<_>>()
            .join(", "),
        _ => show_plain(node, how),
    }
}

/// A list or mapping as one line: `a, b`, `task: Brief, due: 2026-11-30`.
fn show_plain(node: &Node, how: &Shown) -> String {
    match node {
        Node::Null => String::new(),
        Node::Text(t) => t.clone(),
        Node::List(items) => items
            .iter()
            .map(|i| show_plain(i, how))
            .collect::<Vec<_>>()
            .join(", "),
        Node::Map(m) => m
            .iter()
            .map(|(k, v)| format!("{k}: {}", show(k, v, how)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// An item of list `list` as people read it: its name and its other fields.
pub(crate) fn show_item(list: &str, item: &Node, how: &Shown) -> String {
    let Some(name) = item_name(list, item) else {
        return show(list_item_type(list), item, how);
    };
    let (Node::Map(m), Some(key_field)) = (item, item_key(list)) else {
        return name;
    };
    let rest: Vec<String> = m
        .iter()
        .filter(|(k, v)| k.as_str() != key_field && **v != Node::Null)
        .map(|(k, v)| format!("{k} {}", show(k, v, how)))
        .collect();
    if rest.is_empty() {
        format!("\u{201c}{name}\u{201d}")
    } else {
        format!("\u{201c}{name}\u{201d} ({})", rest.join(", "))
    }
}

/// The type of a scalar item of list `list` (`team` lists people).
fn list_item_type(list: &str) -> &str {
    match ty(list) {
        Ty::People => "owner",
        _ => list,
    }
}

fn money(text: &str, currency: &str) -> Option<rust_decimal::Decimal> {
    parse_money(text, currency_decimals(currency).max(4)).ok()
}

fn flag(text: &str) -> Option<&'static str> {
    match text {
        "true" | "yes" => Some("yes"),
        "false" | "no" => Some("no"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Node {
        Node::Text(s.into())
    }

    #[test]
    fn amounts_and_dates_compare_by_meaning() {
        assert_eq!(
            key("amount", &t("36000"), "CNY"),
            key("amount", &t("36,000.00"), "CNY")
        );
        assert_ne!(
            key("amount", &t("36000"), "CNY"),
            key("amount", &t("36000.01"), "CNY")
        );
        assert_eq!(key("due", &t("2026-11-30"), "CNY"), "2026-11-30");
        assert_eq!(
            key("portal", &t("yes"), "CNY"),
            key("portal", &t("true"), "CNY")
        );
    }

    #[test]
    fn values_are_shown_in_their_types() {
        let name = |id: &str| {
            if id == "li-wei" {
                "Li Wei".to_string()
            } else {
                id.to_string()
            }
        };
        let how = Shown {
            currency: "CNY",
            name: &name,
        };
        let budget = Node::Map(BTreeMap::from([
            ("amount".to_string(), t("48000")),
            ("currency".to_string(), t("USD")),
        ]));
        assert_eq!(show("budget", &budget, &how), "USD 48,000.00");
        assert_eq!(show("amount", &t("1200.5"), &how), "CNY 1,200.50");
        assert_eq!(show("owner", &t("li-wei"), &how), "Li Wei");
        let team = Node::List(vec![t("li-wei"), t("x")]);
        assert_eq!(show("team", &team, &how), "Li Wei, x");
        let action = Node::Map(BTreeMap::from([
            ("task".to_string(), t("Send brief")),
            ("owner".to_string(), t("li-wei")),
            ("due".to_string(), t("2026-11-30")),
        ]));
        assert_eq!(
            show_item("actions", &action, &how),
            "\u{201c}Send brief\u{201d} (due 2026-11-30, owner Li Wei)"
        );
    }
}
