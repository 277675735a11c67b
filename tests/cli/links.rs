//! Symbolic links in a workspace are never followed when reading: not in `templates/`
//! (the portal's stylesheet, a report template), not for an attachment or a linked file,
//! not through a linked folder. Each is a `symlink-skipped` diagnostic where it is
//! named, and what it points to (another client's file, with a marker) is in no output.

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::harness::{Found, TODAY, Ws};
use crate::site::{build, files};

const MARKER: &str = "BOLT-ONLY-7Q2K";

/// The marker in no file under `root`, as text or in its bytes.
fn nowhere(root: &Path, what: &str) {
    for (path, bytes) in files(root) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(MARKER),
            "{what}: the marker is in {path}"
        );
    }
}

/// Bolt's private files, each holding the marker.
fn with_bolt_secrets() -> Ws {
    let ws = Ws::base();
    ws.write(
        "clients/bolt/files/secret.css",
        format!("body {{ --x: \"{MARKER}\"; }}\n"),
    );
    ws.write(
        "clients/bolt/files/reports/weekly.md",
        format!("{MARKER} {{{{ client }}}}\n"),
    );
    ws.write(
        "clients/bolt/files/deck.pdf",
        format!("%PDF-1.4 {MARKER}\n"),
    );
    ws
}

#[test]
fn a_template_that_is_a_symbolic_link_is_not_read() {
    let ws = with_bolt_secrets();
    let root = ws.path();
    std::fs::create_dir_all(root.join("templates/site")).unwrap();
    symlink(
        root.join("clients/bolt/files/secret.css"),
        root.join("templates/site/style.css"),
    )
    .unwrap();
    // A whole folder of templates linked to another client's folder.
    symlink(
        "../clients/bolt/files/reports",
        root.join("templates/report"),
    )
    .unwrap();
    let (_, found_now, _) = ws.check_json();
    for expected in [
        Found::new("D011", "templates/report", 1, 1),
        Found::new("D011", "templates/site/style.css", 1, 1),
    ] {
        assert!(
            found_now.contains(&expected),
            "{expected} not in {found_now:?}"
        );
    }
    let run = ws.run(&["check", "{ws}", "--today", TODAY]);
    assert!(
        run.stdout.contains("is a symbolic link")
            && run
                .stdout
                .contains("help: copy the file into the workspace"),
        "{}",
        run.stdout
    );
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    let run = build(&ws, "{ws}", &out, &[]);
    assert!(run.code < 2, "{}", run.stderr);
    let built = files(&out);
    let css = String::from_utf8(built["portal/acme/style.css"].clone()).unwrap();
    assert_eq!(css, include_str!("../../templates/site/style.css"));
    nowhere(&out, "build");
    let reports = site.path().join("reports");
    let report = ws.run(&[
        "report",
        "weekly",
        "{ws}",
        "--out",
        reports.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert!(report.code < 2, "{}", report.stderr);
    assert!(files(&reports).len() >= 2);
    nowhere(&reports, "report");
    // Nor in anything Acme receives: portal, reports in every format, change log.
    crate::isolation_cases::received(&ws).lacks(MARKER);
}

#[test]
fn an_attachment_that_is_or_passes_through_a_symbolic_link_is_not_followed() {
    let ws = with_bolt_secrets();
    let root = ws.path();
    ws.write(
        "clients/acme/orders/WO-2026-0001.md",
        concat!(
            "---\n",
            "number: WO-2026-0001\n",
            "kind: creative\n",
            "title: Launch key visual\n",
            "requested: 2026-10-01\n",
            "due: 2026-12-01\n",
            "team: [cai.cr]\n",
            "budget: { amount: \"50,000.00\", currency: CNY }\n",
            "attachments: [../files/brief.txt, ../files/deck.pdf, ../files/shared/deck.pdf]\n",
            "---\n",
            "The [deck](../files/deck.pdf) and the [shared one](../files/shared/deck.pdf).\n",
        ),
    );
    // A file linked to Bolt's deck, and a folder linked to Bolt's files.
    symlink(
        root.join("clients/bolt/files/deck.pdf"),
        root.join("clients/acme/files/deck.pdf"),
    )
    .unwrap();
    symlink("../../bolt/files", root.join("clients/acme/files/shared")).unwrap();
    let (_, found_now, value) = ws.check_json();
    let order = "clients/acme/orders/WO-2026-0001.md";
    let expected = [
        Found::new("D011", "clients/acme/files/deck.pdf", 1, 1),
        Found::new("D011", "clients/acme/files/shared", 1, 1),
        Found::new("D011", order, 9, 35),
        Found::new("D011", order, 9, 54),
        Found::new("D011", order, 11, 12),
        Found::new("D011", order, 11, 52),
    ];
    for e in &expected {
        assert!(found_now.contains(e), "{e} not in {found_now:?}");
    }
    // Nothing else is said of them (they are not also "broken").
    assert!(!found_now.iter().any(|f| f.code == "D093"), "{found_now:?}");
    let messages: Vec<&str> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == order)
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("passes through the symbolic link `clients/acme/files/shared`")),
        "{messages:?}"
    );
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    let run = build(&ws, "{ws}", &out, &[]);
    assert!(run.code < 2, "{}", run.stderr);
    let built = files(&out);
    assert!(
        built.contains_key("clients/acme/files/brief.txt"),
        "the plain attachment is not published: {:?}",
        built.keys().collect::<Vec<_>>()
    );
    for path in built.keys() {
        assert!(!path.ends_with("deck.pdf"), "{path} was published");
    }
    nowhere(&out, "build");
    crate::isolation_cases::received(&ws).lacks(MARKER);
}

#[test]
fn a_records_folder_that_is_a_symbolic_link_is_not_entered() {
    let ws = with_bolt_secrets();
    let elsewhere = tempfile::tempdir().unwrap();
    let minutes = elsewhere.path().join("minutes");
    std::fs::create_dir_all(&minutes).unwrap();
    std::fs::write(
        minutes.join("2026-11-20-board.md"),
        format!("---\ntitle: Board\nkind: internal\nwhen: 2026-11-20 10:00\nattendees: [ann.ae]\n---\n{MARKER}\n"),
    )
    .unwrap();
    symlink(elsewhere.path(), ws.path().join("internal")).unwrap();
    let (_, found_now, _) = ws.check_json();
    assert_eq!(found_now, [Found::new("D011", "internal", 1, 1)]);
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    let run = build(&ws, "{ws}", &out, &[]);
    assert!(run.code < 2, "{}", run.stderr);
    nowhere(&out, "build");
}

#[test]
fn settings_that_are_a_symbolic_link_are_not_read() {
    let ws = Ws::base();
    let elsewhere = tempfile::tempdir().unwrap();
    let settings = elsewhere.path().join("docket.yaml");
    std::fs::rename(ws.path().join("docket.yaml"), &settings).unwrap();
    symlink(&settings, ws.path().join("docket.yaml")).unwrap();
    let (code, found_now, value) = ws.check_json();
    assert_eq!(code, 1);
    assert!(
        found_now.contains(&Found::new("D011", "docket.yaml", 1, 1)),
        "{value}"
    );
    // Its staff were not read: the records' people are unknown.
    assert!(found_now.iter().any(|f| f.code == "D040"), "{found_now:?}");
}
