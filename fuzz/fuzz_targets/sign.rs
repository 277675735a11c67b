//! Adding a sign-off to a record, with the code `docket sign` uses: the record is parsed
//! as `check` parses it, its digest taken, and one entry inserted by
//! `signoff::write::insert`; then a second signer signs the result.
//!
//! The record is generated from the input: valid field values of one record type, in
//! flow or block style, keys in any order, comments, LF or CRLF, a byte-order mark or
//! not, either closing fence, and a `signoffs` field that is missing, empty, `~`, `null`,
//! a flow list (on one line or several) or a block list (of flow or block mappings, at
//! any indentation), anywhere among the fields; then a body.
//!
//! An input that starts with `---` is a record file as it is instead (how the regression
//! inputs are written); it is signed, with the body's first line as the note, if it
//! parses, and `insert` may refuse it only when its `signoffs` is not a list or is
//! indented with tabs.
//!
//! Checked after each signature: the insertion succeeds; the old text is the new one
//! with the inserted text taken out, and nothing else changed but an explicit `~` or
//! `null` replaced by the list: inserted lines are whole lines and every old line is
//! kept byte for byte in order, or, inside a flow list, one run of text on one line;
//! the front matter keeps its line endings; the new text parses as the same record
//! type, with the same body bytes, the same status and the same digest; the sign-offs
//! grew by exactly the new entry, earlier ones unchanged.

#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use docket::internals::edit::{Entry, insert};
use docket::internals::model::settings::Config;
use docket::internals::parse::digest::{canonical_value, digest};
use docket::internals::parse::yaml::{Value, ValueKind};
use docket::internals::parse::{self, Parsed};
use docket::internals::source::{FileId, SourceFile, SourceMap};
use docket_fuzz::choose::Choose;
use docket_fuzz::records::{self, Kind, Mode, Names, STAFF, quote};
use docket_fuzz::spans::assert_diagnostics;
use docket_fuzz::yaml::{Node, Style, double, printable, raw, write_entry, write_item};
use libfuzzer_sys::fuzz_target;

static CONFIG: LazyLock<Config> = LazyLock::new(docket_fuzz::settings);

const CONTACTS: &[&str] = &["harbor.lin", "claire.dufour"];

/// How the record's `signoffs` field is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Missing,
    EmptyFlow,
    Empty,
    EmptyWithComment,
    Tilde,
    Null,
    FlowOneLine,
    FlowLines,
    Block,
}

const FORMS: &[Form] = &[
    Form::Missing,
    Form::EmptyFlow,
    Form::Empty,
    Form::EmptyWithComment,
    Form::Tilde,
    Form::Null,
    Form::FlowOneLine,
    Form::FlowLines,
    Form::Block,
];

fn existing_entry(c: &mut Choose, kind: Kind, block: bool) -> Node {
    let mut entries = vec![
        (
            "by".to_string(),
            raw(c.pick(&["qian.hao", "du.mei", "harbor.lin"])),
        ),
        ("stage".to_string(), raw(c.pick(kind.stages()))),
    ];
    if c.chance(30) {
        entries.push(("via".into(), raw(c.pick(&["email", "phone", "meeting"]))));
    }
    entries.push((
        "date".into(),
        raw(format!("2026-{:02}-{:02}", c.int(1, 12), c.int(1, 28))),
    ));
    entries.push((
        "digest".into(),
        raw(double(&format!("sha256:{:064x}", c.int(0, u32::MAX)))),
    ));
    if c.chance(20) {
        let note = match c.chance(50) {
            true => c
                .pick(&[
                    "Jing'an counter",
                    "ok",
                    "per 'email'",
                    "a \"b\"",
                    "# not a comment",
                ])
                .to_string(),
            false => printable(&c.line(20)),
        };
        entries.push(("note".into(), quote(c, &note, Mode::Valid)));
    }
    if c.chance(20) {
        let i = c.int(0, entries.len() as u32 - 1) as usize;
        let last = entries.len() - 1;
        entries.swap(i, last);
    }
    Node::Map(entries, if block { Style::Block } else { Style::Flow })
}

/// Writes the `signoffs` field in form `form`.
fn signoffs(c: &mut Choose, kind: Kind, form: Form) -> String {
    let n = c.int(1, 3);
    let comment = if c.chance(30) { "  # signed" } else { "" };
    match form {
        Form::Missing => String::new(),
        Form::EmptyFlow => format!("signoffs: []{comment}\n"),
        Form::Empty => "signoffs:\n".into(),
        Form::EmptyWithComment => "signoffs: # none yet\n".into(),
        Form::Tilde => format!("signoffs: ~{comment}\n"),
        Form::Null => format!("signoffs: {}{comment}\n", c.pick(&["null", "Null", "NULL"])),
        Form::FlowOneLine => {
            let items: Vec<String> = (0..n)
                .map(|_| docket_fuzz::yaml::flow(&existing_entry(c, kind, false)))
                .collect();
            let sep = c.pick(&[", ", ",", " , "]);
            let trailing = if c.chance(20) { "," } else { "" };
            format!("signoffs: [{}{trailing}]{comment}\n", items.join(sep))
        }
        Form::FlowLines => {
            let indent = " ".repeat(c.int(1, 4) as usize);
            let mut out = String::from("signoffs: [\n");
            for i in 0..n {
                let item = docket_fuzz::yaml::flow(&existing_entry(c, kind, false));
                let comma = if i + 1 < n || c.chance(50) { "," } else { "" };
                out.push_str(&format!("{indent}{item}{comma}\n"));
                if c.chance(15) {
                    out.push_str(&format!("{indent}# between\n"));
                }
            }
            out.push_str(&format!("]{comment}\n"));
            out
        }
        Form::Block => {
            let dash = c.pick(&[0usize, 2, 4]);
            let mut out = String::from("signoffs:\n");
            for _ in 0..n {
                let block = c.chance(40);
                write_item(&mut out, &existing_entry(c, kind, block), dash, dash);
                if c.chance(15) {
                    out.push_str(&format!("{}# between\n", " ".repeat(dash)));
                }
            }
            if c.chance(20) {
                out.push_str("# after the list\n");
            }
            out
        }
    }
}

/// A record of `kind` with its `signoffs` in form `form`.
fn record(c: &mut Choose, kind: Kind, form: Form) -> String {
    let names = Names {
        staff: STAFF[..3].iter().map(|s| s.0.to_string()).collect(),
        contacts: CONTACTS.iter().map(|s| s.to_string()).collect(),
        orders: vec!["WO-2026-0001".into()],
        invoices: Vec::new(),
    };
    let number = match kind {
        Kind::Invoice => "INV-2026-0001",
        _ => "WO-2026-0001",
    };
    let fields = records::fields(c, kind, &names, number, Mode::Valid);
    let mut entries = Vec::new();
    for (key, node) in &fields {
        let mut one = String::new();
        write_entry(&mut one, key, node, 0, 2);
        entries.push(one);
    }
    let at = c.int(0, entries.len() as u32) as usize;
    entries.insert(at, signoffs(c, kind, form));
    let mut text = String::new();
    if c.chance(10) {
        text.push('\u{feff}');
    }
    text.push_str(c.pick(&["---\n", "---\n", "--- \n"]));
    for e in entries {
        text.push_str(&e);
    }
    text.push_str(c.pick(&["---\n", "---\n", "...\n", "---"]));
    if !text.ends_with('\n') {
        // A closing fence at the very end of the file, without a body.
    } else {
        text.push_str(&records::body(c));
    }
    if c.chance(30) {
        text = text.replace('\n', "\r\n");
    }
    text
}

fn parse_as(kind: Kind, text: &str) -> (Option<Parsed>, Vec<String>) {
    let file = SourceFile::new(
        "clients/acme/orders/WO-2026-0001.md".into(),
        PathBuf::from("WO-2026-0001.md"),
        text.into(),
    );
    let mut sources = SourceMap::default();
    sources.add(file);
    let mut problems = Vec::new();
    let parsed = parse::parse_record(
        sources.get(FileId(0)),
        FileId(0),
        kind.record_kind(),
        &CONFIG,
        &mut problems,
    );
    let diags: Vec<_> = problems
        .iter()
        .map(docket::internals::check::word)
        .collect();
    assert_diagnostics(&diags, &sources);
    let messages = diags
        .iter()
        .map(|d| {
            let at = d.span.map(|s| sources.get(FileId(0)).line_col(s.start));
            format!("{at:?} {}: {}", d.rule.name, d.message)
        })
        .collect();
    (parsed, messages)
}

fn signoff_items(front: &Value) -> Vec<Value> {
    match front.get("signoffs").map(|v| &v.kind) {
        Some(ValueKind::Seq(items)) => items.clone(),
        _ => Vec::new(),
    }
}

/// How the insertion must look, from how `signoffs` is written in `text`.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    /// New whole lines.
    Lines,
    /// A run of text inside one line.
    Inline,
    /// The written null (`~`, `null`) replaced by a one-line list.
    Replace(String),
}

fn expect(text: &str, front: &Value) -> Expect {
    let Some((key, value)) = front
        .as_map()
        .and_then(|m| m.iter().find(|(k, _)| k.scalar_text() == Some("signoffs")))
    else {
        return Expect::Lines;
    };
    match &value.kind {
        ValueKind::Seq(_) if text[value.span.start..].starts_with('[') => Expect::Inline,
        ValueKind::Null => {
            let written = &text[value.span.start..value.span.end];
            if value.span.start >= key.span.end && !written.trim().is_empty() {
                Expect::Replace(written.to_string())
            } else {
                Expect::Lines
            }
        }
        _ => Expect::Lines,
    }
}

/// Signs `old` (a record of `kind`) with `entry` and checks the result; returns the new
/// text. A record that does not parse fails when `strict`, else gives `None`; so does
/// one that `insert` refuses, unless for a reason it gives for records it cannot sign.
fn sign(kind: Kind, old: &str, mut entry: Entry, strict: bool) -> Option<String> {
    let (parsed, diags) = parse_as(kind, old);
    let Some(parsed) = parsed else {
        assert!(!strict, "the record does not parse: {diags:?}\n{old}");
        return None;
    };
    let digest_before = parsed.digest_of(old);
    entry.digest = digest_before.clone();
    let expected = expect(old, &parsed.front);
    let new = match insert(old, &parsed.parts, &parsed.front, &entry) {
        Ok(new) => new,
        Err(e) => {
            // What `insert` may refuse in a record that parses: a `signoffs` that is not
            // a list, a list indented with tabs or written in an unexpected form.
            let allowed = ["not a list", "other than spaces", "unexpected form"];
            assert!(
                !strict && allowed.iter().any(|a| e.contains(a)),
                "insert refused ({e}):\n{old}"
            );
            return None;
        }
    };

    // Exactly one run of text inserted, or the written null replaced.
    let prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let removed = &old[prefix..old.len() - suffix];
    let inserted = &new[prefix..new.len() - suffix];
    assert!(
        inserted.contains(&entry.to_yaml()),
        "the entry is not what was inserted: {inserted:?}\n{old}\n=>\n{new}"
    );
    match &expected {
        Expect::Replace(written) => {
            // The common prefix may have eaten into neither side: the null is whole.
            assert_eq!(
                removed, written,
                "replaced the wrong text:\n{old}\n=>\n{new}"
            );
            assert!(!inserted.contains('\n'), "{old}\n=>\n{new}");
        }
        Expect::Inline => {
            assert!(removed.is_empty(), "removed {removed:?}:\n{old}\n=>\n{new}");
            assert!(!inserted.contains('\n'), "{old}\n=>\n{new}");
        }
        Expect::Lines => {
            assert!(removed.is_empty(), "removed {removed:?}:\n{old}\n=>\n{new}");
            // Every old line kept, byte for byte and in order; the new ones whole lines.
            let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
            let mut new_lines = new.split_inclusive('\n');
            let mut added = Vec::new();
            for line in &old_lines {
                loop {
                    let next = new_lines
                        .next()
                        .unwrap_or_else(|| panic!("line {line:?} lost:\n{old}\n=>\n{new}"));
                    if next == *line {
                        break;
                    }
                    added.push(next);
                }
            }
            added.extend(new_lines);
            assert!(
                added.iter().all(|l| l.ends_with('\n')),
                "a new line without its line break: {added:?}\n{old}\n=>\n{new}"
            );
            let added_len: usize = added.iter().map(|l| l.len()).sum();
            assert_eq!(added_len, new.len() - old.len(), "{old}\n=>\n{new}");
        }
    }

    // The front matter keeps its line endings.
    let fm_old = &old[..parsed.parts.yaml.1];
    let (reparsed, diags) = parse_as(kind, &new);
    let reparsed =
        reparsed.unwrap_or_else(|| panic!("the signed record does not parse: {diags:?}\n{new}"));
    let fm_new = &new[..reparsed.parts.yaml.1];
    let bare_lf = |t: &str| t.match_indices('\n').any(|(i, _)| !t[..i].ends_with('\r'));
    if !fm_old.contains('\r') {
        assert!(!fm_new.contains('\r'), "CR added:\n{new:?}");
    }
    if fm_old.contains('\n') && !bare_lf(fm_old) {
        assert!(!bare_lf(fm_new), "LF added among CRLF:\n{new:?}");
    }

    // Same record, same digest, one more sign-off.
    let body_old = &old[parsed.parts.body.0..];
    let body_new = &new[reparsed.parts.body.0..];
    assert_eq!(body_old, body_new, "the body changed");
    assert_eq!(
        digest(&reparsed.front, body_new),
        digest_before,
        "the digest changed:\n{old}\n=>\n{new}"
    );
    let field = |front: &Value, key: &str| front.get(key).map(canonical_value);
    assert_eq!(
        field(&parsed.front, "status"),
        field(&reparsed.front, "status")
    );
    let (before, after) = (signoff_items(&parsed.front), signoff_items(&reparsed.front));
    assert_eq!(after.len(), before.len() + 1, "{old}\n=>\n{new}");
    for (a, b) in before.iter().zip(&after) {
        assert_eq!(
            canonical_value(a),
            canonical_value(b),
            "an earlier sign-off changed"
        );
    }
    let last = after.last().expect("one sign-off at least");
    let read = |k: &str| {
        last.get(k)
            .and_then(|v| v.scalar_text())
            .map(str::to_string)
    };
    for (k, v) in [
        ("by", Some(entry.by.clone())),
        ("stage", Some(entry.stage.clone())),
        ("via", entry.via.clone()),
        ("date", Some(entry.date.clone())),
        ("digest", Some(entry.digest.clone())),
        ("note", entry.note.clone()),
    ] {
        assert_eq!(read(k), v, "`{k}` of the new sign-off:\n{new}");
    }
    Some(new)
}

fn entry(c: &mut Choose, kind: Kind) -> Entry {
    let by = match c.int(0, 3) {
        0 => c.line(12).replace('\0', ""),
        1 => c.pick(CONTACTS).to_string(),
        _ => c.pick(STAFF).0.to_string(),
    };
    let stage = match c.chance(90) {
        true => c.pick(kind.stages()).to_string(),
        false => c.line(10).replace('\0', ""),
    };
    let via = c.chance(30).then(|| {
        c.pick(&["email", "phone", "meeting", "letter", "portal"])
            .to_string()
    });
    let date = chrono::NaiveDate::from_ymd_opt(c.int(1, 9999) as i32, c.int(1, 12), c.int(1, 28))
        .unwrap_or_default()
        .to_string();
    // A note is any text a command line can carry (no NUL).
    let note = c.chance(40).then(|| c.text(40).replace('\0', ""));
    Entry {
        by,
        stage,
        via,
        date,
        digest: String::new(),
        note,
    }
}

/// The entry for a record given as it is: a staff member's, with the body's first line
/// as its note, if there is one.
fn plain_entry(kind: Kind, by: &str, note: Option<&str>) -> Entry {
    Entry {
        by: by.into(),
        stage: kind.stages()[0].into(),
        via: None,
        date: "2026-11-21".into(),
        digest: String::new(),
        note: note.map(|n| n.replace('\0', "")),
    }
}

fuzz_target!(|data: &[u8]| {
    // An input that starts like a record is a record file as it is (the regression
    // inputs are written that way): signed as the first record type it parses as, if
    // any, and checked whenever `insert` accepts it.
    let literal = data.strip_prefix("\u{feff}".as_bytes()).unwrap_or(data);
    if literal.starts_with(b"---") {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let Some((kind, parsed)) = Kind::ALL
            .into_iter()
            .find_map(|k| parse_as(k, text).0.map(|p| (k, p)))
        else {
            return;
        };
        let note = text[parsed.parts.body.0..]
            .lines()
            .next()
            .map(|l| l.trim_end_matches('\r'))
            .filter(|l| !l.is_empty());
        if let Some(once) = sign(kind, text, plain_entry(kind, "qian.hao", note), false) {
            sign(kind, &once, plain_entry(kind, "du.mei", note), true);
        }
        return;
    }
    let mut c = Choose::new(data);
    let kind = c.pick(&Kind::ALL);
    let form = c.pick(FORMS);
    let first = entry(&mut c, kind);
    let second = entry(&mut c, kind);
    let text = record(&mut c, kind, form);
    let once = sign(kind, &text, first, true).expect("strict signing gives a text");
    sign(kind, &once, second, true);
});
