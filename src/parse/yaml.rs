//! YAML front matter into a tree of values with spans (parse stage), read by serde-saphyr.
//!
//! Every value keeps the byte span where it stands in the file (for an alias, where the
//! alias is written). Numbers keep their text as written, so that money stays exact and
//! `0012` stays `0012`. Errors (syntax, duplicate keys, limits) come back as one
//! problem at the parser's position.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::options::DuplicateKeyPolicy;
use serde_saphyr::{Location, Spanned};

use crate::model::problem::{DuplicateKey, Limit, Problem, YamlLimit, YamlSyntax};
use crate::source::{SourceFile, Span};

/// A YAML value with its place in the file.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ValueKind {
    Null,
    Bool(bool),
    /// An integer, as written (`36000`, `0x1F`).
    Int(String),
    /// A floating-point number, as written (`36000.00`, `1e3`, `.inf`).
    Float(String),
    Str(String),
    Seq(Vec<Value>),
    /// Key-value pairs in the order written.
    Map(Vec<(Value, Value)>),
}

impl Value {
    /// A short name of the value's kind for messages: "a list", "text".
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            ValueKind::Null => "nothing",
            ValueKind::Bool(_) => "true/false",
            ValueKind::Int(_) | ValueKind::Float(_) => "a number",
            ValueKind::Str(_) => "text",
            ValueKind::Seq(_) => "a list",
            ValueKind::Map(_) => "a mapping",
        }
    }

    /// The value as one line of text, for scalars: strings as they are, numbers and
    /// booleans as written.
    pub fn scalar_text(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::Str(s) | ValueKind::Int(s) | ValueKind::Float(s) => Some(s),
            ValueKind::Bool(true) => Some("true"),
            ValueKind::Bool(false) => Some("false"),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Value, Value)]> {
        match &self.kind {
            ValueKind::Map(m) => Some(m),
            _ => None,
        }
    }

    /// Looks up a key of a mapping.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.scalar_text() == Some(key))
            .map(|(_, v)| v)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, ValueKind::Null)
    }
}

/// Where the front matter sits in its file, to turn parser positions into file spans.
struct Frame<'a> {
    file: &'a SourceFile,
    id: crate::source::FileId,
    /// Byte offset of the front matter in the file.
    base: usize,
    /// 0-based index of the file line where the front matter starts.
    first_line: usize,
    text: &'a str,
}

impl Frame<'_> {
    fn span(&self, loc: &Location) -> Span {
        let s = loc.span();
        match (s.byte_offset(), s.byte_len()) {
            (Some(offset), Some(len)) => {
                let start = self.base + offset as usize;
                Span::new(self.id, start, start + len as usize)
            }
            _ => self.point(loc),
        }
    }

    fn point(&self, loc: &Location) -> Span {
        let line = self.first_line + loc.line().max(1) as usize;
        let start = self.file.offset_of(line, loc.column().max(1) as usize);
        Span::new(self.id, start, start)
    }

    fn raw(&self, loc: &Location) -> Option<&str> {
        let s = loc.span();
        let start = s.byte_offset()? as usize;
        self.text.get(start..start + s.byte_len()? as usize)
    }
}

/// The value as serde-saphyr hands it over, before spans are turned into file spans.
enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_none<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
                Ok(Raw::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
                Ok(Raw::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
                Ok(Raw::Int(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
                Ok(Raw::Int(v))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
                Ok(Raw::Int(i128::try_from(v).unwrap_or(i128::MAX)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
                Ok(Raw::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Raw, E> {
                Ok(Raw::Str(v))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Raw, E> {
                Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Raw::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Raw::Map(entries))
            }
        }
        deserializer.deserialize_any(RawVisitor)
    }
}

fn convert(frame: &Frame, raw: Spanned<Raw>) -> Value {
    let span = frame.span(&raw.referenced);
    let number_text = |fallback: String| {
        frame
            .raw(&raw.defined)
            .map(str::to_owned)
            .unwrap_or(fallback)
    };
    let kind = match raw.value {
        Raw::Null => ValueKind::Null,
        Raw::Bool(b) => ValueKind::Bool(b),
        Raw::Int(i) => ValueKind::Int(number_text(i.to_string())),
        Raw::Float(f) => ValueKind::Float(number_text(f.to_string())),
        Raw::Str(s) => ValueKind::Str(s),
        Raw::Seq(items) => ValueKind::Seq(items.into_iter().map(|v| convert(frame, v)).collect()),
        Raw::Map(entries) => ValueKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(frame, k), convert(frame, v)))
                .collect(),
        ),
    };
    Value { kind, span }
}

/// How deeply front matter may nest.
pub(crate) const MAX_DEPTH: usize = 32;

/// The options every YAML document in a workspace is read with: YAML 1.2 core scalars
/// (no `yes`/`no` booleans, `0012` and `1_000` stay text), duplicate keys refused, and
/// bounded alias expansion, nesting and size.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        duplicate_keys: DuplicateKeyPolicy::Error,
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        budget: serde_saphyr::budget! {
            max_events: 200_000,
            max_nodes: 100_000,
            max_total_scalar_bytes: 8 * 1024 * 1024,
            // Each level costs stack while the tree is built; records need three or four,
            // and 32 stays well inside a 2 MiB worker thread's stack, even unoptimised.
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
        },
    }
}

/// Parses `text`, which starts at byte `base` (the start of a line) of `file`.
pub fn parse(
    file: &SourceFile,
    id: crate::source::FileId,
    base: usize,
    text: &str,
) -> Result<Value, Problem> {
    let frame = Frame {
        file,
        id,
        base,
        first_line: file.line_index(base),
        text,
    };
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options()) {
        Ok(raw) => Ok(convert(&frame, raw)),
        Err(err) => {
            let mut span = err
                .location()
                .map(|loc| frame.span(&loc))
                .unwrap_or_else(|| Span::new(id, base, base));
            let message = error_message(&err);
            let lower = message.to_lowercase();
            if lower.contains("tab") {
                span = tabs_before(file, span);
            }
            let problem = if lower.contains("duplicate mapping key") {
                let key = message
                    .split("duplicate mapping key:")
                    .nth(1)
                    .and_then(|s| s.split(',').next())
                    .map(str::trim)
                    .unwrap_or("");
                DuplicateKey {
                    at: span,
                    key: key.to_string(),
                }
                .into()
            } else if lower.contains("budget") || lower.contains("recursion") {
                YamlLimit {
                    at: span,
                    limit: limit(&message),
                }
                .into()
            } else {
                YamlSyntax { at: span, message }.into()
            };
            Err(problem)
        }
    }
}

/// The parser points just past a run of tabs; the problem points at the tabs.
fn tabs_before(file: &SourceFile, span: Span) -> Span {
    let before = &file.text[..span.start];
    let run = before.len() - before.trim_end_matches('\t').len();
    if run == 0 {
        return span;
    }
    Span::new(span.file, span.start - run, span.start)
}

/// The parser's message without its own positions and snippet: those count lines within
/// the front matter, and the problem already carries the position in the file.
fn error_message(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    let first = text.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error:").unwrap_or(first).trim();
    // "line 2 column 4: unclosed bracket" -> "unclosed bracket"
    let stripped = if first.starts_with("line ") {
        first.split_once(": ").map(|(_, m)| m).unwrap_or(first)
    } else {
        first
    };
    // "... at line 2, column 14 (defined at ...)" -> "..."
    stripped
        .split(" at line ")
        .next()
        .unwrap_or(stripped)
        .trim()
        .to_string()
}

/// Which limit a budget breach ("budget breached: Nodes { nodes: 100001 }") is.
fn limit(message: &str) -> Limit {
    if message.starts_with("recursion limit") {
        return Limit::Depth;
    }
    let breach = message
        .strip_prefix("budget breached:")
        .unwrap_or(message)
        .trim();
    match breach.split([' ', '{']).next().unwrap_or("") {
        "Nodes" | "Events" => Limit::Values,
        "Aliases" | "Anchors" | "AliasAnchorRatio" => Limit::Aliases,
        "Depth" => Limit::Depth,
        "ScalarBytes" | "InputBytes" | "CommentBytes" => Limit::Text,
        "Documents" => Limit::Documents,
        "MergeKeys" => Limit::MergeKeys,
        _ => Limit::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use std::path::PathBuf;

    fn parse_str(text: &str) -> Result<Value, Problem> {
        let file = SourceFile::new("t.md".into(), PathBuf::new(), text.into());
        parse(&file, FileId(0), 0, text)
    }

    #[test]
    fn numbers_keep_their_text_and_aliases_their_place() {
        let v = parse_str("a: 36000.00\nb: &x 0012\nc: *x\nd: no\n").unwrap();
        assert_eq!(
            v.get("a").unwrap().kind,
            ValueKind::Float("36000.00".into())
        );
        assert_eq!(v.get("b").unwrap().kind, ValueKind::Str("0012".into()));
        assert_eq!(v.get("c").unwrap().span.start, 26);
        assert_eq!(v.get("d").unwrap().kind, ValueKind::Str("no".into()));
    }

    #[test]
    fn errors_are_classified() {
        match parse_str("a: 1\na: 2\n") {
            Err(Problem::DuplicateKey(d)) => {
                assert_eq!((d.key.as_str(), d.at.start), ("a", 5));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_str("a: [1, 2\n"),
            Err(Problem::YamlSyntax(_))
        ));
        let too_deep = |text: &str| {
            matches!(
                parse_str(text),
                Err(Problem::YamlLimit(YamlLimit {
                    limit: Limit::Depth,
                    ..
                }))
            )
        };
        let deep = format!("a: {}{}", "[".repeat(1000), "]".repeat(1000));
        assert!(too_deep(&deep));
        // Just inside the limit parses, and deeper is refused, on this 2 MiB test thread
        // as on a worker thread: no stack overflow either way.
        let inside = (0..MAX_DEPTH - 2)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect::<String>();
        assert!(parse_str(&inside).is_ok());
        let block = (0..1000)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect::<String>();
        assert!(too_deep(&block));
        match parse_str("a: b: c\n") {
            Err(Problem::YamlSyntax(s)) => assert!(!s.message.contains("line"), "{}", s.message),
            other => panic!("{other:?}"),
        }
    }
}
