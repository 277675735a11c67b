//! The rules' fixtures together: the base workspace is clean, every rule has a fixture,
//! and all their mistakes in one workspace are all reported. Each rule's own fixture is
//! one test of `tests/rules.rs`; `tests/cli/rule_fixtures.rs` says what a fixture is.

use std::collections::BTreeSet;

use crate::harness::{Ws, fixtures};
use crate::rule_fixtures::{load, prepare};

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
