//! The digest of a record: a fingerprint of what was signed.
//!
//! It covers every front-matter field except `status` and `signoffs`, and the body, in a
//! canonical form, so that reordering keys, changing quoting or YAML style, or changing
//! line endings keeps it, and changing any value or any word of the body breaks it. The
//! form is documented in `docs/format.md` ("The digest") so another tool can recompute it.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};
use sha2::{Digest as _, Sha256};

use crate::parse::yaml::{Value, ValueKind};

/// What a digest starts with; the rest is 64 lowercase hex digits.
pub(crate) const PREFIX: &str = "sha256:";

/// Fields left out of the digest: a status change or a new sign-off is not a change of
/// what was signed.
pub(crate) const UNSIGNED_FIELDS: &[&str] = &["status", "signoffs"];

/// The digest of a record from its front matter (a mapping) and its body text.
pub fn digest(front: &Value, body: &str) -> String {
    let hash = Sha256::digest(canonical(front, body).as_bytes());
    let mut out = String::with_capacity(PREFIX.len() + 64);
    out.push_str(PREFIX);
    for b in hash {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Whether `text` has the shape of a digest docket writes.
pub fn is_well_formed(text: &str) -> bool {
    text.strip_prefix(PREFIX).is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// The canonical text the digest is taken of: compact JSON, keys sorted,
/// `{"body":...,"fields":{...}}`.
pub(crate) fn canonical(front: &Value, body: &str) -> String {
    let mut fields = BTreeMap::new();
    if let Some(map) = front.as_map() {
        for (k, v) in map {
            let key = key_text(k);
            if !UNSIGNED_FIELDS.contains(&key.as_str()) {
                fields.insert(key, to_json(v));
            }
        }
    }
    let mut top = BTreeMap::new();
    top.insert("body".to_string(), Json::String(canonical_body(body)));
    top.insert("fields".to_string(), object(fields));
    object(top).to_string()
}

/// The body with CRLF as LF, without blank lines before it and whitespace after it.
pub(crate) fn canonical_body(body: &str) -> String {
    let lf = body.replace("\r\n", "\n");
    lf.trim_start_matches('\n')
        .trim_end_matches([' ', '\t', '\n'])
        .to_string()
}

/// One value in the canonical form (for comparing values whatever their style).
pub fn canonical_value(v: &Value) -> String {
    to_json(v).to_string()
}

fn key_text(k: &Value) -> String {
    k.scalar_text().unwrap_or("").to_string()
}

/// Scalars become their text as written (so `true`, `"true"` and `'true'` are one value,
/// and `36000.00` keeps its decimals); null stays null.
fn to_json(v: &Value) -> Json {
    match &v.kind {
        ValueKind::Null => Json::Null,
        ValueKind::Bool(b) => Json::String(b.to_string()),
        ValueKind::Int(t) | ValueKind::Float(t) | ValueKind::Str(t) => Json::String(t.clone()),
        ValueKind::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        ValueKind::Map(entries) => object(
            entries
                .iter()
                .map(|(k, v)| (key_text(k), to_json(v)))
                .collect(),
        ),
    }
}

/// A JSON object with its keys in sorted order, whichever map serde_json was built with.
fn object(entries: BTreeMap<String, Json>) -> Json {
    Json::Object(entries.into_iter().collect::<Map<String, Json>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceFile};
    use std::path::PathBuf;

    fn of(text: &str) -> String {
        let file = SourceFile::new("a.md".into(), PathBuf::new(), text.into());
        let (parts, front) = crate::parse::front_matter(&file, FileId(0)).unwrap();
        digest(&front, &file.text[parts.body.0..parts.body.1])
    }

    const SIGNED: &str = "---\ntitle: Launch\nbudget: { amount: 36000.00, currency: CNY }\nteam: [a, b]\nstatus: approved\n---\nThe brief.\n";

    #[test]
    fn form_and_style_do_not_change_it() {
        let d = of(SIGNED);
        assert!(is_well_formed(&d), "{d}");
        // Keys reordered, quoting changed, block style, CRLF, a BOM, a comment, a status
        // change, a sign-off added, a trailing blank line.
        let restyled = "\u{feff}---\r\nteam:\r\n  - 'a'\r\n  - \"b\"\r\n# reviewed\r\nbudget:\r\n  currency: \"CNY\"\r\n  amount: '36000.00'\r\ntitle: \"Launch\"\r\nstatus: delivered\r\nsignoffs: [{ by: a, stage: approved, date: 2026-11-01, digest: x }]\r\n---\r\n\r\nThe brief.\r\n\r\n";
        assert_eq!(of(restyled), d);
    }

    #[test]
    fn any_change_of_meaning_changes_it() {
        let d = of(SIGNED);
        for changed in [
            SIGNED.replace("36000.00", "36000.01"),
            SIGNED.replace("36000.00", "36000"),
            SIGNED.replace("Launch", "Launch!"),
            SIGNED.replace("[a, b]", "[b, a]"),
            SIGNED.replace("The brief.", "The brief"),
            SIGNED.replace("The brief.", "The  brief."),
            SIGNED.replace("title: Launch\n", "title: Launch\nx-note: a\n"),
        ] {
            assert_ne!(of(&changed), d, "{changed}");
        }
    }

    #[test]
    fn the_canonical_form_is_compact_sorted_json() {
        let file = SourceFile::new("a.md".into(), PathBuf::new(), SIGNED.into());
        let (parts, front) = crate::parse::front_matter(&file, FileId(0)).unwrap();
        assert_eq!(
            canonical(&front, &file.text[parts.body.0..parts.body.1]),
            r#"{"body":"The brief.","fields":{"budget":{"amount":"36000.00","currency":"CNY"},"team":["a","b"],"title":"Launch"}}"#
        );
    }

    /// A record's meaning, to be written out in two styles.
    #[derive(Clone, Debug)]
    struct Meaning {
        title: String,
        amount: String,
        team: Vec<String>,
        body: Vec<String>,
    }

    fn meaning() -> impl proptest::strategy::Strategy<Value = Meaning> {
        use proptest::prelude::*;
        (
            "[a-zA-Z0-9 ,.:!?'#&青山-]{1,24}",
            (0u32..10_000_000, 0u32..100),
            proptest::collection::vec("[a-z]{2,6}[.][a-z]{2,6}", 0..4),
            proptest::collection::vec("[a-zA-Z0-9 ,.]{0,40}", 0..5),
        )
            .prop_map(|(title, (units, cents), team, body)| Meaning {
                title,
                amount: format!("{units}.{cents:02}"),
                team,
                body,
            })
    }

    /// Flow style, double quotes, LF.
    fn flow(m: &Meaning) -> String {
        format!(
            "---\ntitle: {}\nbudget: {{ amount: \"{}\", currency: CNY }}\nteam: [{}]\nstatus: approved\n---\n{}\n",
            serde_json::Value::String(m.title.clone()),
            m.amount,
            m.team.join(", "),
            m.body.join("\n"),
        )
    }

    /// Block style, single quotes, keys in another order, a comment, CRLF, blank lines
    /// around the body, another status and a sign-off.
    fn block(m: &Meaning) -> String {
        let quote = |t: &str| format!("'{}'", t.replace('\'', "''"));
        let team = if m.team.is_empty() {
            "team: []\r\n".to_string()
        } else {
            let items: String = m
                .team
                .iter()
                .map(|t| format!("  - {}\r\n", quote(t)))
                .collect();
            format!("team:\r\n{items}")
        };
        format!(
            "---\r\n{team}# checked\r\nbudget:\r\n  currency: 'CNY'\r\n  amount: {}\r\ntitle: {}\r\nstatus: delivered\r\nsignoffs: [{{ by: a.b, stage: approved, date: 2026-11-01, digest: x }}]\r\n---\r\n\r\n{}\r\n\r\n",
            m.amount,
            quote(&m.title),
            m.body.join("\r\n"),
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 256,
            rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_123),
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The same meaning in two styles has one digest; any change of a value or of
        /// the body gives another.
        #[test]
        fn style_keeps_the_digest_and_meaning_changes_it(m in meaning(), which in 0usize..4) {
            let d = of(&flow(&m));
            proptest::prop_assert!(is_well_formed(&d));
            proptest::prop_assert_eq!(of(&block(&m)), d.clone(), "{}", block(&m));
            let mut changed = m.clone();
            match which {
                0 => changed.title.push('x'),
                1 => changed.amount.push('1'),
                2 => changed.team.push("zz.zz".into()),
                _ => changed.body.push("extra".into()),
            }
            proptest::prop_assert_ne!(of(&flow(&changed)), d.clone());
            proptest::prop_assert_ne!(of(&block(&changed)), d);
        }
    }
}
