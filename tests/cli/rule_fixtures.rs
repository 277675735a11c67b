//! What a rule's fixture is, and how it is read and prepared.
//!
//! A fixture is `tests/fixtures/rules/<rule-name>/` with:
//! - `fires/`: files laid over the base workspace (`tests/fixtures/base`) to trigger it;
//! - `quiet/`: the same files corrected, where the rule must not fire;
//! - `expect`: one line per diagnostic that must appear, `CODE path:line:column`;
//!   a line `# standalone` keeps the fixture out of the all-mistakes workspace (for
//!   fixtures that replace base files such as docket.yaml).

use docket::internals::check::codes::RULES;

use crate::harness::{Found, Ws, fixtures};

#[allow(dead_code)] // `code` is read by tests/rules.rs
pub struct Fixture {
    pub name: &'static str,
    pub code: &'static str,
    pub expect: Vec<Found>,
    pub standalone: bool,
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

pub fn load() -> (Vec<Fixture>, Vec<&'static str>) {
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
pub fn prepare(name: &str, ws: Ws, fires: bool) -> Ws {
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
            let size = docket::internals::load::MAX_RECORD_BYTES + 1024 * 1024;
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
