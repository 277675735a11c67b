//! Hostile input through the real binary: files nobody would write on purpose, all in one
//! workspace, each reported at its place while the rest of the workspace is still checked.
//! Every run goes through the harness's hang guard.

use crate::harness::{Found, Ws};
use docket::parse::records::{RecordKind, known_fields};

fn found(code: &str, file: &str, line: usize, column: usize) -> Found {
    Found {
        code: code.into(),
        file: file.into(),
        line,
        column,
    }
}

const M: &str = "clients/acme/minutes";

/// Writes the hostile files into the clean base workspace, with a mistake in a healthy
/// record beside them to prove checking goes on.
fn hostile() -> Ws {
    let ws = Ws::base();
    // A PNG saved under a record's name: the first byte is not UTF-8.
    ws.write(
        &format!("{M}/2026-11-01-logo.md"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    );
    // Valid UTF-8 with a NUL: a binary file all the same, reported at the NUL.
    ws.write(&format!("{M}/2026-11-02-nul.md"), "---\ntitle: a\0b\n---\n");
    // A front matter that is one sentence, one that is empty.
    ws.write(
        &format!("{M}/2026-11-03-scalar.md"),
        "---\njust a sentence\n---\n",
    );
    ws.write(&format!("{M}/2026-11-04-empty-fm.md"), "---\n---\nbody\n");
    // 1000 levels of nesting, flow and block: refused at level 33, not a stack overflow.
    let flow = format!(
        "---\nx-deep: {}{}\n---\n",
        "[".repeat(1000),
        "]".repeat(1000)
    );
    ws.write(&format!("{M}/2026-11-05-flow.md"), flow);
    let block: String = (0..1000)
        .map(|i| format!("{}a:\n", "  ".repeat(i)))
        .collect();
    ws.write(
        &format!("{M}/2026-11-06-block.md"),
        format!("---\n{block}---\n"),
    );
    // A byte-order mark and CRLF line endings: positions are as an editor shows them.
    ws.write(
        &format!("{M}/2026-11-07-crlf.md"),
        "\u{feff}---\r\nkind: meetng\r\ntitle: Café\r\ndate: 2026-11-07\r\n---\r\nBody\r\n",
    );
    // Indentation with a tab: reported at the tab.
    ws.write(
        "clients/acme/orders/WO-2026-0009.md",
        "---\nnumber: WO-2026-0009\nkind: creative\ntitle: T\nrequested: 2026-11-01\nbudget:\n\tamount: 5\n---\n",
    );
    // A 5 MB line with a mistake at its end.
    let long = format!(
        "---\nkind: client\ntitle: T\ndate: 2026-11-08\ndecisions: [\"{}\", [1]]\n---\n",
        "a".repeat(5_000_000)
    );
    ws.write(&format!("{M}/2026-11-08-long.md"), long);
    // A sparse file of 1 GiB: refused from its size, never read.
    let huge = std::fs::File::create(ws.path().join(format!("{M}/2026-11-09-huge.md"))).unwrap();
    huge.set_len(1 << 30).unwrap();
    // Closed with `...` rather than `---`: fine, and the mistake inside is found.
    ws.write(
        &format!("{M}/2026-11-10-dots.md"),
        "---\nkind: client\ntitle: T\ndate: 2026-11-10\nattended: [nobody.here]\n...\nBody\n",
    );
    ws
}

#[test]
fn every_hostile_file_is_reported_at_its_place_and_the_rest_is_checked() {
    let ws = hostile();
    let (code, found_all, json) = ws.check_json();
    assert_eq!(code, 1);
    let at = |f: &str| format!("{M}/{f}");
    let expected = [
        found("D002", &at("2026-11-01-logo.md"), 1, 1),
        found("D002", &at("2026-11-02-nul.md"), 2, 9),
        found("D009", &at("2026-11-03-scalar.md"), 2, 1),
        found("D009", &at("2026-11-04-empty-fm.md"), 1, 1),
        // `x-deep: ` is 8 characters; the 33rd bracket opens level 33.
        found("D008", &at("2026-11-05-flow.md"), 2, 41),
        // Line 34 holds the 33rd key, indented 2 x 32 spaces.
        found("D008", &at("2026-11-06-block.md"), 34, 65),
        // The BOM is not a column: `meetng` starts at column 7 of line 2.
        found("D027", &at("2026-11-07-crlf.md"), 2, 7),
        found("D006", "clients/acme/orders/WO-2026-0009.md", 7, 1),
        // `decisions: ["` is 13 characters, then 5,000,000 `a`, then `", ` (3).
        found("D022", &at("2026-11-08-long.md"), 5, 5_000_017),
        found("D010", &at("2026-11-09-huge.md"), 1, 1),
        found("D040", &at("2026-11-10-dots.md"), 5, 12),
    ];
    for e in &expected {
        assert!(
            found_all.contains(e),
            "missing {e}; found:\n{}",
            found_all
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    // Records that could be read were linked and checked: the base's two work orders,
    // and the CRLF, long-line and `...` minutes, whose mistakes are in single fields.
    assert_eq!(json["summary"]["records"].as_u64(), Some(5));
    let huge = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "D010")
        .unwrap();
    assert_eq!(
        huge["message"],
        "this file is 1.0 GiB; records are read up to 10 MiB"
    );
}

#[test]
fn human_output_of_a_huge_line_stays_small() {
    let ws = hostile();
    let run = ws.run(&["check", "{ws}", "--today", crate::harness::TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.is_empty() || !run.stderr.contains("panicked"));
    // The renderer trims the 5 MB line around the caret.
    assert!(
        run.stdout.len() < 20_000,
        "human output is {} bytes",
        run.stdout.len()
    );
}

#[test]
fn a_settings_file_that_is_not_utf8_is_a_diagnostic() {
    let ws = Ws::base();
    let mut text = std::fs::read(ws.path().join("docket.yaml")).unwrap();
    text.extend_from_slice(b"# caf\xe9\n");
    ws.write("docket.yaml", text);
    let (code, found_all, _) = ws.check_json();
    assert_eq!(code, 1);
    assert!(
        found_all
            .iter()
            .any(|f| f.code == "D002" && f.file == "docket.yaml"),
        "{found_all:?}"
    );
}

/// Writes `field: [[1]]` (a list of lists, wrong for every field of the format) as the
/// last line of an otherwise valid record of each type, one record per field.
#[test]
fn a_wrong_type_in_any_field_is_reported_at_that_field() {
    let ws = Ws::base();
    let mut expected = Vec::new();
    let mut n = 0;
    for kind in [
        RecordKind::Client,
        RecordKind::Minutes,
        RecordKind::Order,
        RecordKind::Schedule,
        RecordKind::Invoice,
    ] {
        for field in known_fields(kind) {
            n += 1;
            let (path, fields): (String, Vec<(&str, String)>) = match kind {
                RecordKind::Client => (
                    format!("clients/t{n}/client.md"),
                    vec![("name", format!("Test {n}")), ("ae", "ann.ae".into())],
                ),
                RecordKind::Minutes => (
                    format!("{M}/2026-11-02-t{n}.md"),
                    vec![
                        ("kind", "client".into()),
                        ("title", "T".into()),
                        ("date", "2026-11-02".into()),
                    ],
                ),
                RecordKind::Order => (
                    format!("clients/acme/orders/WO-2026-{:04}.md", 100 + n),
                    vec![
                        ("number", format!("WO-2026-{:04}", 100 + n)),
                        ("kind", "creative".into()),
                        ("title", "T".into()),
                        ("requested", "2026-11-01".into()),
                    ],
                ),
                RecordKind::Schedule => (
                    format!("clients/acme/schedules/t{n}.md"),
                    vec![
                        ("title", "T".into()),
                        ("from", "2026-11-01".into()),
                        ("to", "2026-11-30".into()),
                    ],
                ),
                RecordKind::Invoice => (
                    format!("clients/acme/invoices/INV-2026-{:04}.md", 100 + n),
                    vec![("number", format!("INV-2026-{:04}", 100 + n))],
                ),
            };
            let mut text = String::from("---\n");
            for (k, v) in fields.iter().filter(|(k, _)| k != field) {
                text.push_str(&format!("{k}: {v}\n"));
            }
            let line = text.lines().count() + 1;
            text.push_str(&format!("{field}: [[1]]\n---\n"));
            ws.write(&path, text);
            expected.push((path, field.to_string(), line));
        }
    }
    let (code, found_all, _) = ws.check_json();
    assert_eq!(code, 1);
    let mut missing = Vec::new();
    for (path, field, line) in &expected {
        // `type` is a choice: its wrong value is reported as a wrong type as well.
        if !found_all
            .iter()
            .any(|f| f.code == "D022" && &f.file == path && f.line == *line)
        {
            missing.push(format!("{path}: `{field}` on line {line}"));
        }
    }
    assert!(
        missing.is_empty(),
        "no wrong-type diagnostic for:\n{}\nfound:\n{}",
        missing.join("\n"),
        found_all
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(expected.len() > 50, "{} fields tried", expected.len());
}
