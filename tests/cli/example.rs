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

/// `check`, `pending`, `report` and `build` (into a folder elsewhere) leave every file of
/// the workspace as it was: the same bytes, the same modification times, no new file.
#[test]
fn reading_commands_never_write_to_the_workspace() {
    use std::time::SystemTime;
    let ws = example();
    ws.commit_all("Ann Lee", "ann@agency.example", 1_794_304_800, "Records");
    let state = || -> Vec<(String, Vec<u8>, SystemTime)> {
        walkdir::WalkDir::new(ws.path())
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.file_name() != ".git")
            .map(Result::unwrap)
            .map(|e| {
                let meta = e.metadata().unwrap();
                let bytes = if meta.is_file() {
                    std::fs::read(e.path()).unwrap()
                } else {
                    Vec::new()
                };
                (
                    e.path().to_string_lossy().into_owned(),
                    bytes,
                    meta.modified().unwrap(),
                )
            })
            .collect()
    };
    let before = state();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site").to_string_lossy().into_owned();
    let reports = out.path().join("reports").to_string_lossy().into_owned();
    for args in [
        vec!["check", "{ws}", "--today", TODAY],
        vec!["check", "{ws}", "--format", "sarif", "--today", TODAY],
        vec!["pending", "{ws}", "--today", TODAY],
        vec![
            "report", "weekly", "{ws}", "--out", &reports, "--today", TODAY,
        ],
        vec!["report", "weekly", "{ws}", "--internal", "--today", TODAY],
        vec!["build", "{ws}", "--out", &site, "--today", TODAY],
    ] {
        let run = ws.run(&args);
        assert!(run.code <= 1, "{args:?}: {}", run.stderr);
        assert!(before == state(), "{args:?} changed the workspace");
    }
}
