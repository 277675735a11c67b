//! One test per rule: its fixture fires where `expect` says (code, file, line and column)
//! with the rendered diagnostic snapshotted, and its corrected copy stays quiet. The tests
//! are made from the rule table, one per rule, named by the rule:
//! `cargo test --test rules -- duplicate-number` runs one. What a fixture is:
//! `tests/cli/rule_fixtures.rs`.
#![allow(clippy::unwrap_used)]

#[allow(dead_code)]
#[path = "cli/harness.rs"]
mod harness;
#[path = "cli/rule_fixtures.rs"]
mod rule_fixtures;

use libtest_mimic::{Arguments, Failed, Trial};

use harness::{Ws, fixtures};
use rule_fixtures::{Fixture, load, prepare};

fn main() {
    let args = Arguments::from_args();
    let (found, _) = load();
    let trials = found
        .into_iter()
        .map(|fx| Trial::test(fx.name, move || run(&fx)))
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn run(fx: &Fixture) -> Result<(), Failed> {
    let mut failures = Vec::new();
    let dir = fixtures().join("rules").join(fx.name);
    let ws = prepare(fx.name, Ws::base().overlay(&dir.join("fires")), true);
    let (_, found, _) = ws.check_json();
    if !fx.expect.iter().any(|e| e.code == fx.code) {
        failures.push(format!("expect names no {} diagnostic", fx.code));
    }
    for e in &fx.expect {
        if !found.contains(e) {
            let got: Vec<String> = found.iter().map(ToString::to_string).collect();
            failures.push(format!("expected {e}, got {got:?}"));
        }
    }
    let human = ws.run(&["check", "{ws}", "--today", harness::TODAY]);
    let snapshots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/snapshots");
    insta::with_settings!({
        snapshot_path => snapshots,
        snapshot_suffix => fx.name,
        prepend_module_to_snapshot => false,
    }, {
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
        failures.push(format!("the quiet fixture still reports {still:?}"));
    }
    match failures.is_empty() {
        true => Ok(()),
        false => Err(failures.join("\n").into()),
    }
}
