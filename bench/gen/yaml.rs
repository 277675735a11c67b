//! Front-matter values, and how they are written as YAML.

/// A front-matter value, and how it is written.
#[derive(Clone, Debug)]
pub enum Node {
    /// Text: plain when that is safe, else double-quoted.
    T(String),
    /// Text, always double-quoted.
    Q(String),
    /// Written as it is: dates, numbers, ids, booleans.
    R(String),
    /// `[a, b]`
    Flow(Vec<Node>),
    /// A block list, one flow item per line.
    Block(Vec<Node>),
    /// `{ k: v, ... }`
    Map(Vec<(&'static str, Node)>),
    /// A block mapping, one field per line.
    BMap(Vec<(&'static str, Node)>),
}

pub fn t(s: impl Into<String>) -> Node {
    Node::T(s.into())
}

pub fn r(s: impl Into<String>) -> Node {
    Node::R(s.into())
}

/// Whether `s` can be written as a plain scalar; in a flow collection (`flow`) it may not
/// hold `,[]{}` either.
fn plain_ok(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_alphanumeric() || s.starts_with("../")) {
        return false;
    }
    if s.ends_with(' ') || s.ends_with(':') || s.contains(": ") || s.contains(" #") {
        return false;
    }
    if s.contains(['\n', '\t', '"', '\\']) || (flow && s.contains([',', '[', ']', '{', '}'])) {
        return false;
    }
    !matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    )
}

fn quote(out: &mut String, s: &str) {
    out.push_str(&serde_json::Value::String(s.to_string()).to_string());
}

fn flow(out: &mut String, v: &Node) {
    match v {
        Node::T(s) if plain_ok(s, true) => out.push_str(s),
        Node::T(s) | Node::Q(s) => quote(out, s),
        Node::R(s) => out.push_str(s),
        Node::Flow(items) | Node::Block(items) => {
            out.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flow(out, it);
            }
            out.push(']');
        }
        Node::Map(entries) | Node::BMap(entries) => {
            out.push_str("{ ");
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push_str(": ");
                flow(out, v);
            }
            out.push_str(" }");
        }
    }
}

pub fn field(out: &mut String, indent: usize, key: &str, v: &Node) {
    for _ in 0..indent {
        out.push(' ');
    }
    out.push_str(key);
    out.push(':');
    match v {
        Node::Block(items) if !items.is_empty() => {
            out.push('\n');
            for it in items {
                for _ in 0..indent + 2 {
                    out.push(' ');
                }
                out.push_str("- ");
                scalar_or_flow(out, it);
                out.push('\n');
            }
        }
        Node::BMap(entries) if !entries.is_empty() => {
            out.push('\n');
            for (k, v) in entries {
                field(out, indent + 2, k, v);
            }
        }
        _ => {
            out.push(' ');
            scalar_or_flow(out, v);
            out.push('\n');
        }
    }
}

/// A value in block context: text may be plain with commas there.
fn scalar_or_flow(out: &mut String, v: &Node) {
    match v {
        Node::T(s) if plain_ok(s, false) => out.push_str(s),
        _ => flow(out, v),
    }
}

pub fn get<'a>(fields: &'a [(&'static str, Node)], key: &str) -> Option<&'a Node> {
    fields.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
}

pub fn get_mut<'a>(fields: &'a mut [(&'static str, Node)], key: &str) -> Option<&'a mut Node> {
    fields.iter_mut().find(|(k, _)| *k == key).map(|(_, v)| v)
}

pub fn map_get_mut<'a>(node: &'a mut Node, key: &str) -> Option<&'a mut Node> {
    match node {
        Node::Map(e) | Node::BMap(e) => get_mut(e, key),
        _ => None,
    }
}

pub fn remove(fields: &mut Vec<(&'static str, Node)>, key: &str) -> Option<Node> {
    let i = fields.iter().position(|(k, _)| *k == key)?;
    Some(fields.remove(i).1)
}
