//! Every rule has a fixture where it fires (code, file, line and column asserted, and the
//! rendered diagnostic snapshotted) and one where it stays quiet.
//!
//! A fixture is `tests/fixtures/rules/<rule-name>/` with:
//! - `fires/`: files laid over the base workspace (`tests/fixtures/base`) to trigger it;
//! - `quiet/`: the same files corrected, where the rule must not fire;
//! - `expect`: one line per diagnostic that must appear, `CODE path:line:column`;
//!   a line `# standalone` keeps the fixture out of the all-mistakes workspace (for
//!   fixtures that replace base files such as docket.yaml).

use std::collections::BTreeSet;

use docket::check::codes::RULES;

use crate::harness::{Found, Ws, fixtures};

struct Fixture {
    name: &'static str,
    code: &'static str,
    expect: Vec<Found>,
    standalone: bool,
}

fn parse_expect(text: &str) -> (Vec<Found>, bool) {
    let mut out = Vec::new();
    let mut standalone = false;
    for line in text.lines().map(str::trim) {
        if line == "# standalone" {
            standalone = true;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (code, place) = line.split_once(' ').unwrap();
        if place == "-" {
            // A diagnostic of the whole workspace: no file, no position.
            out.push(Found {
                code: code.into(),
                file: String::new(),
                line: 0,
                column: 0,
            });
            continue;
        }
        let mut parts = place.rsplitn(3, ':');
        let column = parts.next().unwrap().parse().unwrap();
        let line_no = parts.next().unwrap().parse().unwrap();
        let file = parts.next().unwrap().to_string();
        out.push(Found {
            code: code.into(),
            file,
            line: line_no,
            column,
        });
    }
    (out, standalone)
}

fn load() -> (Vec<Fixture>, Vec<&'static str>) {
    let mut fixtures_found = Vec::new();
    let mut missing = Vec::new();
    for rule in RULES {
        let dir = fixtures().join("rules").join(rule.name);
        let expect = dir.join("expect");
        if !expect.is_file() || !dir.join("fires").is_dir() || !dir.join("quiet").is_dir() {
            missing.push(rule.name);
            continue;
        }
        let (expect, standalone) = parse_expect(&std::fs::read_to_string(expect).unwrap());
        fixtures_found.push(Fixture {
            name: rule.name,
            code: rule.code,
            expect,
            standalone,
        });
    }
    (fixtures_found, missing)
}

/// 2026-11-10 10:00 UTC, when the fixtures' commits are made.
const COMMIT_TIME: i64 = 1_794_304_800;

/// Some conditions cannot live in git (permissions, huge files, git history itself); they
/// are made here, for the `fires` workspace or (`fires` false) the `quiet` one.
fn prepare(name: &str, ws: Ws, fires: bool) -> Ws {
    match name {
        "unverified-signoff" => {
            // The sign-off is Ann's; it fires when someone else commits it.
            let (who, email) = if fires {
                ("Cai Yun", "cai@agency.example")
            } else {
                ("Ann Lee", "ann@agency.example")
            };
            ws.commit_all(who, email, COMMIT_TIME, "Record the outdoor booking");
            ws
        }
        "no-history" if !fires => {
            ws.commit_all("Ann Lee", "ann@agency.example", COMMIT_TIME, "Start");
            ws
        }
        "unreadable-file" if fires => {
            use std::os::unix::fs::PermissionsExt;
            let ws = ws.unprivileged();
            let f = ws.path().join("clients/acme/orders/WO-2026-0009.md");
            std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o000)).unwrap();
            ws
        }
        "file-too-large" if fires => {
            let f = ws
                .path()
                .join("clients/acme/minutes/2026-11-10-file-too-large-shoot.md");
            let size = docket::load::MAX_RECORD_BYTES + 1024 * 1024;
            std::fs::OpenOptions::new()
                .write(true)
                .open(f)
                .unwrap()
                .set_len(size)
                .unwrap();
            ws
        }
        _ => ws,
    }
}

#[test]
fn base_workspace_is_clean() {
    let (code, found, _) = Ws::base().check_json();
    assert_eq!(found, vec![], "the base fixture must check clean");
    assert_eq!(code, 0);
}

#[test]
fn every_rule_has_fixtures() {
    let (_, missing) = load();
    assert!(
        missing.is_empty(),
        "rules without a fixture (fires/, quiet/, expect): {missing:?}"
    );
}

#[test]
fn each_rule_fires_where_expected_and_stays_quiet_when_fixed() {
    let (fixtures_found, _) = load();
    let mut failures = Vec::new();
    for fx in &fixtures_found {
        let dir = fixtures().join("rules").join(fx.name);
        let ws = prepare(fx.name, Ws::base().overlay(&dir.join("fires")), true);
        let (_, found, _) = ws.check_json();
        if !fx.expect.iter().any(|e| e.code == fx.code) {
            failures.push(format!(
                "{}: expect names no {} diagnostic",
                fx.name, fx.code
            ));
        }
        for e in &fx.expect {
            if !found.contains(e) {
                let got: Vec<String> = found.iter().map(ToString::to_string).collect();
                failures.push(format!("{}: expected {e}, got {got:?}", fx.name));
            }
        }
        let human = ws.run(&["check", "{ws}", "--today", crate::harness::TODAY]);
        insta::with_settings!({ snapshot_suffix => fx.name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("rule", human.stdout);
        });
        let quiet = prepare(fx.name, Ws::base().overlay(&dir.join("quiet")), false);
        let (_, found, _) = quiet.check_json();
        let still: Vec<String> = found
            .iter()
            .filter(|f| f.code == fx.code)
            .map(ToString::to_string)
            .collect();
        if !still.is_empty() {
            failures.push(format!(
                "{}: quiet fixture still reports {still:?}",
                fx.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// All the mistakes of the fixtures at once, in one workspace: every one is reported in
/// one run.
#[test]
fn every_mistake_is_reported_in_one_run() {
    let (fixtures_found, _) = load();
    let mut ws = Ws::base();
    let mut expected = BTreeSet::new();
    for fx in fixtures_found.iter().filter(|f| !f.standalone) {
        ws = prepare(
            fx.name,
            ws.overlay(&fixtures().join("rules").join(fx.name).join("fires")),
            true,
        );
        expected.extend(fx.expect.iter().cloned());
    }
    let (code, found, _) = ws.check_json();
    assert_eq!(code, 1);
    let missing: Vec<String> = expected
        .iter()
        .filter(|e| !found.contains(e))
        .map(ToString::to_string)
        .collect();
    assert!(
        missing.is_empty(),
        "not reported when all mistakes are together: {missing:?}"
    );
    let distinct: BTreeSet<&String> = expected.iter().map(|e| &e.code).collect();
    eprintln!(
        "{} mistakes of {} kinds reported in one run",
        expected.len(),
        distinct.len()
    );
    assert!(
        expected.len() >= 50,
        "only {} mistakes in the combined workspace",
        expected.len()
    );
}
