//! `docket init`: a new workspace that checks clean, builds and reports, and never
//! overwrites a file.

use crate::harness::{TODAY, Ws};

#[test]
fn a_new_workspace_checks_clean_and_builds() {
    let ws = Ws::empty();
    let run = ws.run(&[
        "init",
        "{ws}/records",
        "--agency",
        "Lark & Finch: Creative",
        "--timezone",
        "Europe/Paris",
        "--currency",
        "EUR",
        "--name",
        "Ann Lee",
        "--today",
        TODAY,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("a new git repository"),
        "{}",
        run.stdout
    );
    let root = ws.path().join("records");
    let yaml = std::fs::read_to_string(root.join("docket.yaml")).unwrap();
    assert!(
        yaml.contains("agency: \"Lark & Finch: Creative\""),
        "{yaml}"
    );
    assert!(yaml.contains("id: ann.lee"), "{yaml}");
    assert!(yaml.contains("timezone: Europe/Paris"), "{yaml}");
    assert!(root.join(".git").is_dir());
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        "# What docket builds: the site and the portals, and written reports.\n/_site/\n/reports/\n"
    );
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.starts_with("# Lark & Finch: Creative: account records"),
        "{readme}"
    );
    assert!(readme.contains("--by ann.lee"), "{readme}");

    let new = Ws::empty();
    crate::harness::copy_dir(&root, new.path());
    let (code, found, json) = new.check_json();
    assert_eq!((code, found.len()), (0, 0), "{json}");
    let check = new.run(&["check", "{ws}", "--today", TODAY]);
    assert!(
        check.stdout.contains("checked 0 records of 1 client"),
        "{}",
        check.stdout
    );
    // What the README says to do next works.
    let minutes = new.run(&[
        "new",
        "minutes",
        "example-client",
        "--workspace",
        "{ws}",
        "--title",
        "Kick-off",
        "--date",
        "2026-11-24 10:00",
        "--today",
        TODAY,
    ]);
    assert_eq!(minutes.code, 0, "{}", minutes.stderr);
    let build = new.run(&["build", "{ws}", "--out", "{ws}/_site", "--today", TODAY]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        new.path()
            .join("_site/portal/example-client/index.html")
            .exists()
    );
}

#[test]
fn init_never_overwrites_and_checks_its_arguments() {
    let ws = Ws::empty();
    ws.write("README.md", "our own readme\n");
    let run = ws.run(&["init", "{ws}", "--no-git"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("already has README.md"),
        "{}",
        run.stderr
    );
    assert!(!ws.path().join("docket.yaml").exists(), "nothing written");
    assert_eq!(
        std::fs::read_to_string(ws.path().join("README.md")).unwrap(),
        "our own readme\n"
    );

    let ws = Ws::empty();
    assert_eq!(
        ws.run(&["init", "{ws}", "--no-git", "--today", TODAY]).code,
        0
    );
    assert!(!ws.path().join(".git").exists());
    let before = std::fs::read(ws.path().join("docket.yaml")).unwrap();
    let again = ws.run(&["init", "{ws}"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("already a docket workspace"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read(ws.path().join("docket.yaml")).unwrap(),
        before
    );

    let ws = Ws::empty();
    let tz = ws.run(&["init", "{ws}", "--timezone", "Mars/Olympus"]);
    assert_eq!(tz.code, 1);
    assert!(tz.stderr.contains("not a timezone"), "{}", tz.stderr);
    let cur = ws.run(&["init", "{ws}", "--currency", "euro"]);
    assert_eq!(cur.code, 1);
    assert!(cur.stderr.contains("not an ISO 4217"), "{}", cur.stderr);
    assert_eq!(
        std::fs::read_dir(ws.path()).unwrap().count(),
        0,
        "nothing written"
    );
}
