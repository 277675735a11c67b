//! The history pass against a repository nobody here wrote by hand: the benchmark's
//! generator (`bench/gen_history.py`) builds a workspace with a long history, computing
//! every digest in Python from `docs/format.md`, and says which sign-offs it made stale.
//! docket must find exactly those, naming the commits git names.

use std::process::Command;

use crate::harness::Ws;

#[test]
fn a_generated_history_gives_exactly_the_planted_stale_sign_offs() {
    let ws = Ws::empty();
    let out = ws.path().join("gen");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen_history.py");
    let run = Command::new("python3")
        .arg(&script)
        .arg(&out)
        .args([
            "--commits",
            "400",
            "--records",
            "60",
            "--clients",
            "4",
            "--seed",
            "7",
        ])
        .output()
        .expect("python3 runs the generator");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let expected = &summary["expected"];
    assert!(expected["stale-signoff"].as_u64().unwrap() > 0, "{summary}");

    let gen_ws = Ws::empty();
    crate::harness::copy_dir(&out, gen_ws.path());
    let (code, found, json) = gen_ws.check_json();
    assert_eq!(code, 1);
    let count = |c: &str| found.iter().filter(|f| f.code == c).count() as u64;
    assert_eq!(count("D101"), expected["stale-signoff"].as_u64().unwrap());
    assert_eq!(count("D100"), expected["missing-signoff"].as_u64().unwrap());
    assert_eq!(
        found.len() as u64,
        count("D101") + count("D100"),
        "{found:?}"
    );
    // Every stale message names a commit that exists in the repository.
    for d in json["diagnostics"].as_array().unwrap() {
        if d["code"] != "D101" {
            continue;
        }
        let message = d["message"].as_str().unwrap();
        let id = message
            .split("changed in commit ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .unwrap_or_else(|| panic!("no commit named: {message}"));
        let git = Command::new("git")
            .args(["-C", gen_ws.path().to_str().unwrap(), "cat-file", "-t", id])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&git.stdout).trim(),
            "commit",
            "{message}"
        );
    }
}
