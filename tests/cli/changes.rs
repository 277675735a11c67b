//! Review through git history: `docket changes`, `--at REV`, `docket textconv`, and the
//! weekly report's "since last week", on a repository with a scripted history (fixed
//! authors, dates and contents, so commit ids are the same on every run).

use std::path::Path;
use std::process::Command;

use crate::harness::{TODAY, Ws, copy_dir};

const ORDER: &str = "clients/qingshan-dairy/orders/WO-2026-0040.md";
const MINUTES: &str = "clients/qingshan-dairy/minutes/2026-11-16-monthly-review.md";
const RENAMED: &str = "clients/qingshan-dairy/minutes/2026-11-16-november-review.md";
const SCHEDULE: &str = "clients/qingshan-dairy/schedules/q4-media-flight.md";
const OTHER: &str = "clients/marlowe-outdoor/orders/WO-2026-0039.md";
const CLIENT: &str = "clients/qingshan-dairy/client.md";
const PRICING: &str = "clients/qingshan-dairy/minutes/2026-11-24-pricing.md";

/// 2026-11-02 08:00 UTC plus `hours`.
fn at(hours: i64) -> i64 {
    1_793_606_400 + hours * 3600
}

fn edit(ws: &Ws, rel: &str, from: &str, to: &str) {
    let path = ws.path().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The scripted history; returns the workspace, the commit after the first week's work,
/// and the weekly report rendered at that commit from the working tree.
fn scripted() -> (Ws, String, String) {
    let ws = Ws::empty();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-workspace"),
        ws.path(),
    );
    // A site built into the example folder is not part of its records (and would change
    // the commit ids).
    let _ = std::fs::remove_dir_all(ws.path().join("_site"));
    let qian = ("Qian Hao", "qian.hao@northwind.example");
    let song = ("Song Wanqing", "song.wanqing@northwind.example");
    ws.commit_all(qian.0, qian.1, at(0), "Records as of November");
    // Week of 2026-11-16: a budget change, then a status change with a sign-off.
    edit(&ws, ORDER, "amount: \"60,000.00\"", "amount: \"72,000.00\"");
    ws.commit_all(
        qian.0,
        qian.1,
        at(24 * 15),
        "Raise the tasting-panel budget",
    );
    edit(&ws, ORDER, "status: draft", "status: approved");
    ws.commit_all(qian.0, qian.1, at(24 * 15 + 2), "Tasting panel approved");
    for (by, via) in [("qian.hao", None), ("wei.shulan", Some("email"))] {
        let path = format!("{{ws}}/{ORDER}");
        let mut args = vec![
            "sign",
            &path,
            "--by",
            by,
            "--stage",
            "approved",
            "--date",
            "2026-11-17",
            "--today",
            "2026-11-17",
        ];
        if let Some(via) = via {
            args.extend(["--via", via]);
        }
        let signed = ws.run(&args);
        assert_eq!(signed.code, 0, "{}{}", signed.stdout, signed.stderr);
    }
    ws.commit_all(
        qian.0,
        qian.1,
        at(24 * 15 + 3),
        "Wei Shulan approved by email",
    );
    // Another client's budget, the same week.
    edit(&ws, OTHER, "status: in_progress", "status: cancelled");
    ws.commit_all(song.0, song.1, at(24 * 16), "Marlowe cancels the order");
    let week_one = ws.git(&["rev-parse", "HEAD"]);
    let report = ws.run(&[
        "report",
        "weekly",
        "{ws}",
        "--client",
        "qingshan-dairy",
        "--today",
        TODAY,
    ]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    // Week of 2026-11-23: an internal section, a rename, a delete and a restore.
    let mut text = std::fs::read_to_string(ws.path().join(ORDER)).unwrap();
    text.push_str("\n## Internal\n\nMargin is thin; Beta Corp quoted lower.\n");
    std::fs::write(ws.path().join(ORDER), text).unwrap();
    ws.commit_all(qian.0, qian.1, at(24 * 22), "Note the margin");
    std::fs::rename(ws.path().join(MINUTES), ws.path().join(RENAMED)).unwrap();
    ws.commit_all(qian.0, qian.1, at(24 * 22 + 1), "Rename the review minutes");
    // Internal things the client must never hear of: costs, vendors, team, attachments,
    // an internal meeting in its folder, the agency's notes on it.
    edit(
        &ws,
        ORDER,
        "vendor: Insight Hub Shanghai, amount: \"38,000.00\"",
        "vendor: Beta Fieldwork Co, amount: \"41,500.00\"",
    );
    edit(
        &ws,
        ORDER,
        "team: [tang.rui, qian.hao]",
        "team: [tang.rui, qian.hao, du.mei]",
    );
    edit(
        &ws,
        ORDER,
        "  - ../files/tasting-panel-scope.txt",
        "  - ../files/tasting-panel-scope.txt\n  - ../files/launch-brief.pdf",
    );
    ws.write(
        "clients/qingshan-dairy/minutes/2026-11-24-pricing.md",
        "---\nkind: internal\ntitle: Pricing strategy\ndate: 2026-11-24\nattended: [qian.hao, du.mei]\n---\nBeta Corp quotes lower; hold the rate card.\n",
    );
    let mut notes = std::fs::read_to_string(ws.path().join(CLIENT)).unwrap();
    notes.push_str("- Slow to pay; chase invoices early.\n");
    std::fs::write(ws.path().join(CLIENT), notes).unwrap();
    // And a public section edit the client does see.
    edit(
        &ws,
        ORDER,
        "- Is a second city (Hangzhou) wanted?",
        "- Is a second city (Hangzhou or Suzhou) wanted?",
    );
    ws.commit_all(
        qian.0,
        qian.1,
        at(24 * 22 + 2),
        "Costs, team and pricing notes",
    );
    let schedule = std::fs::read(ws.path().join(SCHEDULE)).unwrap();
    std::fs::remove_file(ws.path().join(SCHEDULE)).unwrap();
    ws.commit_all(qian.0, qian.1, at(24 * 23), "Remove the media timetable");
    std::fs::write(ws.path().join(SCHEDULE), schedule).unwrap();
    ws.commit_all(
        qian.0,
        qian.1,
        at(24 * 23 + 1),
        "Put the media timetable back",
    );
    (ws, week_one, report.stdout)
}

fn changes(ws: &Ws, extra: &[&str]) -> String {
    let mut args = vec!["changes", "{ws}"];
    args.extend_from_slice(extra);
    let run = ws.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

fn events_of<'a>(json: &'a serde_json::Value, path: &str) -> Vec<&'a serde_json::Value> {
    json["clients"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["records"].as_array().unwrap())
        .filter(|r| r["path"] == path)
        .flat_map(|r| r["changes"].as_array().unwrap())
        .flat_map(|c| c["events"].as_array().unwrap())
        .collect()
}

#[test]
fn the_change_log_says_what_each_commit_did_in_the_records_terms() {
    let (ws, _, _) = scripted();
    let json: serde_json::Value = serde_json::from_str(&changes(
        &ws,
        &["--since", "2026-11-03", "--format", "json"],
    ))
    .unwrap();
    let costs = "costs \u{201c}Fieldwork and recruitment\u{201d}";
    let expected = [
        (
            ORDER,
            serde_json::json!({"event": "field", "field": "budget", "old": "CNY 60,000.00", "new": "CNY 72,000.00"}),
        ),
        (
            ORDER,
            serde_json::json!({"event": "status", "from": "draft", "to": "approved"}),
        ),
        (
            ORDER,
            serde_json::json!({"event": "signed_off", "by": "Wei Shulan", "stage": "approved", "date": "2026-11-17"}),
        ),
        (
            ORDER,
            serde_json::json!({"event": "stale", "by": "Wei Shulan", "stage": "approved"}),
        ),
        (
            ORDER,
            serde_json::json!({"event": "signed_off", "by": "Qian Hao", "stage": "approved", "date": "2026-11-17"}),
        ),
        (
            ORDER,
            serde_json::json!({"event": "section", "heading": "Internal", "change": "added", "lines_added": 2, "lines_removed": 0, "internal": true}),
        ),
        (
            ORDER,
            serde_json::json!({"event": "field", "field": format!("{costs}.amount"), "old": "CNY 38,000.00", "new": "CNY 41,500.00"}),
        ),
        (
            ORDER,
            serde_json::json!({"event": "field", "field": format!("{costs}.vendor"), "old": "Insight Hub Shanghai", "new": "Beta Fieldwork Co"}),
        ),
        (
            ORDER,
            serde_json::json!({"event": "items", "field": "team", "added": ["Du Mei"], "removed": []}),
        ),
        (
            ORDER,
            serde_json::json!({"event": "items", "field": "attachments", "added": ["../files/launch-brief.pdf"], "removed": []}),
        ),
        (
            ORDER,
            serde_json::json!({"event": "section", "heading": "Open questions", "change": "edited", "lines_added": 1, "lines_removed": 1}),
        ),
        (
            RENAMED,
            serde_json::json!({"event": "renamed", "from": MINUTES}),
        ),
        (PRICING, serde_json::json!({"event": "added"})),
        (SCHEDULE, serde_json::json!({"event": "removed"})),
        (SCHEDULE, serde_json::json!({"event": "restored"})),
        (
            OTHER,
            serde_json::json!({"event": "status", "from": "in_progress", "to": "cancelled"}),
        ),
    ];
    for (path, want) in &expected {
        let events = events_of(&json, path);
        assert!(events.contains(&want), "{want} not in {path}: {events:#?}");
    }
    assert!(
        events_of(&json, MINUTES).is_empty(),
        "a rename is one record"
    );
    assert!(
        !events_of(&json, CLIENT).is_empty(),
        "the agency sees its notes change"
    );
    // Every commit is named with its author, date and subject.
    let subjects: Vec<&str> = json["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects.len(), 9, "{subjects:?}");
    assert_eq!(subjects[0], "Raise the tasting-panel budget");
    assert_eq!(json["commits"][0]["author"], "Qian Hao");
    assert_eq!(json["commits"][0]["date"], "2026-11-17 16:00");
    // Grouped by client: the agency's clients in id order.
    let clients: Vec<&str> = json["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["client"].as_str().unwrap())
        .collect();
    assert_eq!(clients, ["marlowe-outdoor", "qingshan-dairy"]);
    // People for people: the human form.
    insta::assert_snapshot!(
        "changes_human",
        changes(&ws, &["--since", "2026-11-03"]).replace(ws.path().to_str().unwrap(), "[WS]")
    );
    insta::assert_snapshot!(
        "changes_markdown",
        changes(&ws, &["--since", "HEAD~4", "--format", "md"])
    );
}

#[test]
fn a_client_s_change_log_holds_only_what_that_client_may_see() {
    let (ws, _, _) = scripted();
    for format in ["human", "md", "json"] {
        let text = changes(&ws, &["--client", "qingshan-dairy", "--format", format]);
        for forbidden in [
            "marlowe",
            "Marlowe",
            "WO-2026-0039",
            "Margin",
            "Beta Corp",
            "Internal",
            "internal",
            "costs",
            "Fieldwork and recruitment",
            "vendor",
            "Du Mei",
            "team",
            "attachments",
            "launch-brief",
            "Pricing",
            "rate card",
            "Slow to pay",
            "client.md",
            // Commit subjects and authors are the agency's free text.
            "Marlowe cancels",
            "Note the margin",
            "qian.hao@",
        ] {
            assert!(
                !text.contains(forbidden),
                "{format}: {forbidden:?} in\n{text}"
            );
        }
        assert!(text.contains("CNY 72,000.00"), "{format}:\n{text}");
        assert!(text.contains("Open questions"), "{format}:\n{text}");
    }
    let json: serde_json::Value = serde_json::from_str(&changes(
        &ws,
        &["--client", "qingshan-dairy", "--format", "json"],
    ))
    .unwrap();
    // Only an internal section changed in "Note the margin": the client's log has nothing
    // of that commit, not even the sign-off it made stale.
    let order = events_of(&json, ORDER);
    let sections: Vec<&str> = order
        .iter()
        .filter(|e| e["event"] == "section")
        .map(|e| e["heading"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["Open questions"], "{order:#?}");
    // The client's own contact's sign-off is the client's; the agency's approval is not.
    assert!(
        order
            .iter()
            .any(|e| e["event"] == "signed_off" && e["by"] == "Wei Shulan")
    );
    assert!(!order.iter().any(|e| e["by"] == "Qian Hao"), "{order:#?}");
    assert_eq!(
        order.iter().filter(|e| e["event"] == "stale").count(),
        0,
        "{order:#?}"
    );
    let other = changes(&ws, &["--client", "marlowe-outdoor", "--format", "json"]);
    assert!(
        !other.contains("qingshan") && !other.contains("Tasting"),
        "{other}"
    );
    let unknown = ws.run(&["changes", "{ws}", "--client", "qingshan"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean `qingshan-dairy`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn the_change_log_is_the_same_bytes_every_time() {
    let (ws, _, _) = scripted();
    for format in ["human", "md", "json"] {
        let a = changes(&ws, &["--format", format]);
        let b = changes(&ws, &["--format", format]);
        assert_eq!(a, b, "{format}");
    }
    let (again, _, _) = scripted();
    assert_eq!(
        changes(&ws, &["--format", "json"]),
        changes(&again, &["--format", "json"]),
        "the same history gives the same log"
    );
}

#[test]
fn at_rebuilds_an_old_report_byte_for_byte_without_touching_the_working_tree() {
    let (ws, week_one, sent) = scripted();
    let rebuilt = ws.run(&[
        "report",
        "weekly",
        "{ws}",
        "--client",
        "qingshan-dairy",
        "--today",
        TODAY,
        "--at",
        &week_one,
    ]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(rebuilt.stdout, sent);
    // The report of that week says what changed, as the client sees it.
    assert!(
        sent.contains("## Changes since last week (2026-11-16 to 2026-11-22)"),
        "{sent}"
    );
    assert!(
        sent.contains("budget: CNY 60,000.00 \u{2192} CNY 72,000.00"),
        "{sent}"
    );
    assert!(
        !sent.contains("Marlowe") && !sent.contains("Raise the"),
        "{sent}"
    );
    // check and build at that commit agree with a checkout of it.
    let checkout = Ws::empty();
    ws.git(&[
        "worktree",
        "add",
        "-q",
        checkout.path().to_str().unwrap(),
        &week_one,
    ]);
    let at_check = ws.run(&[
        "check", "{ws}", "--at", &week_one, "--format", "json", "--today", TODAY,
    ]);
    let co_check = checkout.run(&["check", "{ws}", "--format", "json", "--today", TODAY]);
    assert_eq!(at_check.stdout, co_check.stdout);
    let (site_at, site_co) = (Ws::empty(), Ws::empty());
    let build = |ws: &Ws, out: &Path, at: Option<&str>| {
        let out = out.join("site");
        let mut args = vec![
            "build",
            "{ws}",
            "--today",
            TODAY,
            "--out",
            out.to_str().unwrap(),
        ];
        if let Some(rev) = at {
            args.extend(["--at", rev]);
        }
        let run = ws.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        crate::site::files(&out)
    };
    assert_eq!(
        build(&ws, site_at.path(), Some(&week_one)),
        build(&checkout, site_co.path(), None)
    );
    ws.git(&[
        "worktree",
        "remove",
        "--force",
        checkout.path().to_str().unwrap(),
    ]);
    assert_eq!(
        ws.git(&["status", "--porcelain"]),
        "",
        "--at leaves the working tree alone"
    );
    let bad = ws.run(&["check", "{ws}", "--at", "no-such-rev"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no such commit"), "{}", bad.stderr);
}

#[test]
fn textconv_makes_git_diff_show_meaning() {
    let (ws, _, _) = scripted();
    let bin = env!("CARGO_BIN_EXE_docket");
    std::fs::write(ws.path().join(".gitattributes"), "*.md diff=docket\n").unwrap();
    let out = Command::new("git")
        .arg("-C")
        .arg(ws.path())
        .args(["-c", &format!("diff.docket.textconv={bin} textconv")])
        .args(["log", "-p", "--format=%s", "--", ORDER])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(log.contains("-status: draft\n+status: approved"), "{log}");
    assert!(log.contains("-budget: CNY 60,000.00"), "{log}");
    // Rewriting a value in another style is no change at all.
    let path = ws.path().join(ORDER);
    let before = Command::new(bin)
        .args(["textconv", path.to_str().unwrap()])
        .output()
        .unwrap();
    edit(&ws, ORDER, "amount: \"72,000.00\"", "amount: 72000");
    let after = Command::new(bin)
        .args(["textconv", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(before.stdout, after.stdout);
    assert!(String::from_utf8_lossy(&after.stdout).contains("budget: CNY 72,000.00\n"));
}
