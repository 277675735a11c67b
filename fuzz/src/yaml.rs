//! A small YAML writer for generated front matter: scalars are written as given (already
//! quoted or plain), collections in flow or block style, with comments between entries.

/// How a collection is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `[a, b]`, `{ k: v }`
    Flow,
    /// One item or entry per line.
    Block,
}

/// A YAML value to write.
#[derive(Clone, Debug)]
pub enum Node {
    /// The scalar's text exactly as it is to be written.
    Scalar(String),
    List(Vec<Node>, Style),
    Map(Vec<(String, Node)>, Style),
    /// A comment line, written where the entry or item would stand.
    Comment(String),
}

/// A scalar written as it is.
pub fn raw(text: impl Into<String>) -> Node {
    Node::Scalar(text.into())
}

/// Whether `text` can be written as a plain scalar and read back as the same text.
pub fn is_plain_safe(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_alphabetic())
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_' | '(' | ')' | '\''))
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "nan" | "inf"
        )
}

/// Whether YAML allows `c` unescaped inside a scalar (printable, not a line break, not a
/// byte-order mark).
pub fn is_printable(c: char) -> bool {
    matches!(c, '\t' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
        && c != '\u{feff}'
}

/// Keeps only characters YAML allows inside a scalar (printable, no byte-order mark, no
/// line breaks).
pub fn printable(text: &str) -> String {
    text.chars()
        .filter(|&c| is_printable(c) && c != '\t')
        .collect()
}

/// `text` in single quotes.
pub fn single(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `text` in double quotes, every character YAML does not allow as it is escaped.
pub fn double(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if !is_printable(c) || c == '\t' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The value in flow style, on one line.
pub fn flow(node: &Node) -> String {
    match node {
        Node::Scalar(s) => s.clone(),
        Node::List(items, _) => {
            let items: Vec<String> = items
                .iter()
                .filter(|n| !matches!(n, Node::Comment(_)))
                .map(flow)
                .collect();
            format!("[{}]", items.join(", "))
        }
        Node::Map(entries, _) => {
            let entries: Vec<String> = entries
                .iter()
                .filter(|(_, n)| !matches!(n, Node::Comment(_)))
                .map(|(k, v)| format!("{k}: {}", flow(v)))
                .collect();
            if entries.is_empty() {
                "{}".into()
            } else {
                format!("{{ {} }}", entries.join(", "))
            }
        }
        Node::Comment(_) => String::new(),
    }
}

fn pad(n: usize) -> String {
    " ".repeat(n)
}

/// Writes the entries of a mapping at `indent`, block lists' dashes `dash` further in.
pub fn write_map(out: &mut String, entries: &[(String, Node)], indent: usize, dash: usize) {
    for (key, node) in entries {
        write_entry(out, key, node, indent, dash);
    }
}

/// Writes `key: value` at `indent`, one line per item or entry for block collections.
pub fn write_entry(out: &mut String, key: &str, node: &Node, indent: usize, dash: usize) {
    let p = pad(indent);
    match node {
        Node::Comment(c) => out.push_str(&format!("{p}# {c}\n")),
        Node::Scalar(_) | Node::List(_, Style::Flow) | Node::Map(_, Style::Flow) => {
            let value = flow(node);
            if value.is_empty() {
                out.push_str(&format!("{p}{key}:\n"));
            } else {
                out.push_str(&format!("{p}{key}: {value}\n"));
            }
        }
        Node::List(items, Style::Block) if items.is_empty() => {
            out.push_str(&format!("{p}{key}: []\n"));
        }
        Node::Map(entries, Style::Block) if entries.is_empty() => {
            out.push_str(&format!("{p}{key}: {{}}\n"));
        }
        Node::List(items, Style::Block) => {
            out.push_str(&format!("{p}{key}:\n"));
            for item in items {
                write_item(out, item, indent + dash, dash);
            }
        }
        Node::Map(entries, Style::Block) => {
            out.push_str(&format!("{p}{key}:\n"));
            write_map(out, entries, indent + 2, dash);
        }
    }
}

/// Writes one item of a block list: `- value`, a block mapping's first entry on the
/// dash's line and the others under it.
pub fn write_item(out: &mut String, node: &Node, indent: usize, dash: usize) {
    let p = pad(indent);
    match node {
        Node::Comment(c) => out.push_str(&format!("{p}# {c}\n")),
        Node::Map(entries, Style::Block)
            if entries.iter().any(|(_, n)| !matches!(n, Node::Comment(_))) =>
        {
            let mut inner = String::new();
            // A comment cannot stand on the dash's line: the entries start with a real one.
            let first = entries
                .iter()
                .position(|(_, n)| !matches!(n, Node::Comment(_)))
                .unwrap_or(0);
            let mut ordered = entries[first..].to_vec();
            ordered.extend_from_slice(&entries[..first]);
            write_map(&mut inner, &ordered, indent + 2, dash.max(2));
            out.push_str(&format!("{p}- {}", &inner[indent + 2..]));
        }
        Node::List(items, Style::Block) if !items.is_empty() => {
            out.push_str(&format!("{p}- {}\n", flow(node)));
        }
        _ => out.push_str(&format!("{p}- {}\n", flow(node))),
    }
}
