//! The documentation matches the code: `docs/diagnostics.md` is the rule table's text, and
//! `docket explain` prints each rule's documentation.

use std::path::Path;

use docket::internals::check::codes::{RULES, reference_markdown};

use crate::harness::Ws;

#[test]
fn docs_diagnostics_md_is_in_sync_with_the_rules() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md");
    let expected = reference_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/diagnostics.md is out of date; regenerate it with `UPDATE_DOCS=1 cargo test docs`"
    );
    for r in RULES {
        assert!(
            actual.contains(&format!("## {}\n\n`{}`", r.code, r.name)),
            "{} missing",
            r.code
        );
    }
}

#[test]
fn explain_prints_a_rules_documentation_by_code_or_name() {
    let ws = Ws::empty();
    let by_code = ws.run(&["explain", "D050"]);
    assert_eq!(by_code.code, 0);
    assert!(
        by_code
            .stdout
            .starts_with("D050 duplicate-number (error by default)"),
        "{}",
        by_code.stdout
    );
    assert!(
        by_code
            .stdout
            .contains("Finance tracks work and money by number")
    );
    let by_name = ws.run(&["explain", "duplicate-number"]);
    assert_eq!(by_name.stdout, by_code.stdout);
    let unknown = ws.run(&["explain", "D999"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("no rule has the code or name `D999`")
    );
    let list = ws.run(&["explain", "--list"]);
    assert_eq!(list.stdout.lines().count(), RULES.len());
}

/// `docs/format.md` names every field docket reads, and every rule it names exists.
#[test]
fn docs_format_md_covers_the_fields_and_names_real_rules() {
    use docket::internals::model::records::{RecordKind, known_fields};
    use docket::internals::model::values::Choice;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md");
    let text = std::fs::read_to_string(path).unwrap();
    for (_, kind) in RecordKind::ALL {
        for field in known_fields(*kind) {
            assert!(
                text.contains(&format!("`{field}`")),
                "docs/format.md does not describe `{field}` of {kind:?}"
            );
        }
    }
    // Every `word-word` in backticks is a rule name (the example's client ids aside).
    let mut named = 0;
    for token in text.split('`').skip(1).step_by(2) {
        let looks_like_rule = token.contains('-')
            && !token.starts_with('-')
            && !token.ends_with('-')
            && token.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if looks_like_rule && token != "qingshan-dairy" {
            assert!(
                RULES.iter().any(|r| r.name == token),
                "docs/format.md names `{token}`, which is not a rule"
            );
            named += 1;
        }
    }
    assert!(named > 30, "only {named} rules named");
}
