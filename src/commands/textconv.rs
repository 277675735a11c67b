//! `docket textconv FILE`: a record in a stable, normalised form, for git's textconv, so
//! that `git diff` and `git log -p` show changes of meaning, not of YAML style.
//!
//! Fields are sorted by name, one per line; values are shown in their types (money with
//! its currency, dates as dates, lists one item per line); `status` and `signoffs` come
//! last; then the body. A file that is not a record with front matter is printed as it is.

use crate::cli::TextconvArgs;
use crate::error::Error;
use crate::history::fields::{Node, Shown, item_name, show, show_item};

pub(super) fn run(args: &TextconvArgs) -> Result<i32, Error> {
    let bytes = std::fs::read(&args.file).map_err(Error::io(&args.file))?;
    let out = match std::str::from_utf8(&bytes).ok().and_then(normalise) {
        Some(text) => text.into_bytes(),
        None => bytes,
    };
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(&out)
        .and_then(|_| stdout.flush())
        .map_err(|e| Error::Usage(format!("cannot write standard output: {e}")))?;
    Ok(0)
}

/// The normalised form of a record's text; `None` when it has no front matter to read.
pub(super) fn normalise(text: &str) -> Option<String> {
    let file = crate::source::SourceFile::new(
        "record.md".into(),
        std::path::PathBuf::new(),
        text.to_string(),
    );
    let id = crate::source::FileId(0);
    let (parts, front) = crate::parse::front_matter(&file, id).ok()?;
    let Node::Map(mut fields) = Node::of(&front) else {
        return None;
    };
    let currency = currency_of(&fields).unwrap_or("").to_string();
    let name = |id: &str| id.to_string();
    let how = Shown {
        currency: &currency,
        name: &name,
    };
    let status = fields.remove("status");
    let signoffs = fields.remove("signoffs");
    let mut out = String::new();
    let mut line = |k: &str, v: &Node| match v {
        Node::List(items) => {
            out.push_str(&format!("{k}:\n"));
            for i in items {
                let text = match item_name(k, i) {
                    Some(_) => show_item(k, i, &how),
                    None => show(k, i, &how),
                };
                out.push_str(&format!("  - {text}\n"));
            }
        }
        Node::Map(m) if k != "budget" => {
            out.push_str(&format!("{k}:\n"));
            for (sk, sv) in m {
                out.push_str(&format!("  {sk}: {}\n", show(sk, sv, &how)));
            }
        }
        _ => out.push_str(&format!("{k}: {}\n", show(k, v, &how))),
    };
    for (k, v) in &fields {
        line(k, v);
    }
    if let Some(s) = &status {
        line("status", s);
    }
    if let Some(Node::List(items)) = &signoffs {
        out.push_str("signoffs:\n");
        for s in items {
            let f = |k: &str| s.get(k).and_then(Node::text).unwrap_or("");
            out.push_str(&format!(
                "  - {} by {} on {}{}{}\n",
                f("stage"),
                f("by"),
                f("date"),
                if f("via").is_empty() {
                    String::new()
                } else {
                    format!(" via {}", f("via"))
                },
                if f("digest").is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", f("digest"))
                }
            ));
        }
    }
    let (bs, be) = parts.body;
    let body = crate::parse::digest::canonical_body(&file.text[bs..be]);
    out.push_str("---\n");
    if !body.is_empty() {
        out.push_str(&body);
        out.push('\n');
    }
    Some(out)
}

/// The currency of a record's amounts, when it says: its budget's, or its own (invoices).
/// Read from the fields, as git hands textconv a temporary file whose path does not say
/// which kind of record it is (the typed reading needs the kind: see
/// `history::version::parse_version`).
fn currency_of(fields: &std::collections::BTreeMap<String, Node>) -> Option<&str> {
    fields
        .get("budget")
        .and_then(|b| b.get("currency"))
        .or_else(|| fields.get("currency"))
        .and_then(Node::text)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn style_does_not_show_and_values_are_typed() {
        let a = normalise("---\ntitle: Launch\nbudget: { amount: 36000, currency: CNY }\nteam: [li-wei, chen]\nstatus: draft\n---\nText.\n").unwrap();
        let b = normalise("---\r\nstatus: \"draft\"\r\nteam:\r\n  - li-wei\r\n  - 'chen'\r\nbudget:\r\n  currency: CNY\r\n  amount: '36,000.00'\r\ntitle: Launch\r\n---\r\n\r\nText.\r\n").unwrap();
        assert_eq!(a, b);
        assert_eq!(
            a,
            "budget: CNY 36,000.00\nteam:\n  - li-wei\n  - chen\ntitle: Launch\nstatus: draft\n---\nText.\n"
        );
        assert_eq!(normalise("no front matter"), None);
    }
}
