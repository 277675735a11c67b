//! The bundled example workspace checks clean and says so in one line.

use std::path::Path;

use crate::harness::{TODAY, Ws};

fn example() -> Ws {
    let ws = Ws::empty();
    crate::harness::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-workspace"),
        ws.path(),
    );
    ws
}

#[test]
fn example_workspace_checks_without_errors() {
    let run = example().run(&["check", "{ws}", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let last = run.stdout.lines().last().unwrap();
    assert!(
        last.starts_with("checked ") && last.contains(" 0 errors"),
        "{last}"
    );
    insta::assert_snapshot!("example_check", run.stdout);
}

#[test]
fn example_workspace_json_is_deterministic() {
    let ws = example();
    let a = ws.run(&["check", "{ws}", "--format", "json", "--today", TODAY]);
    let b = ws.run(&["check", "{ws}", "--format", "json", "--today", TODAY]);
    assert_eq!(a.stdout, b.stdout);
    let v: serde_json::Value = serde_json::from_str(&a.stdout).unwrap();
    assert_eq!(v["summary"]["errors"], 0);
    for d in v["diagnostics"].as_array().unwrap() {
        for key in [
            "code",
            "name",
            "severity",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "message",
            "help",
        ] {
            assert!(d.get(key).is_some(), "diagnostic lacks {key}: {d}");
        }
    }
}

#[test]
fn not_a_workspace_is_a_tool_failure() {
    let run = Ws::empty().run(&["check", "{ws}"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a docket workspace"),
        "{}",
        run.stderr
    );
}
