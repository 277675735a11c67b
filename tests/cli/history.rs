//! The history pass against a repository nobody here wrote by hand: the benchmark's
//! generator (`bench/gen_history.py`) builds a workspace with a long history, computing
//! every digest in Python from `docs/format.md`, and says which sign-offs it made stale.
//! docket must find exactly those, naming the commits git names.

use std::process::Command;

use crate::harness::{TODAY, Ws};

/// A workspace written by `bench/gen_history.py` with `args`, and the generator's summary
/// (what it planted).
fn generated(args: &[&str]) -> (Ws, serde_json::Value) {
    let scratch = Ws::empty();
    let out = scratch.path().join("gen");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen_history.py");
    let run = Command::new("python3")
        .arg(&script)
        .arg(&out)
        .args(args)
        .output()
        .expect("python3 runs the generator");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let ws = Ws::empty();
    crate::harness::copy_dir(&out, ws.path());
    (ws, serde_json::from_slice(&run.stdout).unwrap())
}

#[test]
fn a_generated_history_gives_exactly_the_planted_stale_sign_offs() {
    let (gen_ws, summary) = generated(&[
        "--commits",
        "400",
        "--records",
        "60",
        "--clients",
        "4",
        "--seed",
        "7",
    ]);
    let expected = &summary["expected"];
    assert!(expected["stale-signoff"].as_u64().unwrap() > 0, "{summary}");
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

/// The history cache (`.git/docket/`) never changes an answer: after new commits on top,
/// a merge, a rewritten history and a damaged cache file, every check says exactly what
/// a check without the cache says.
#[test]
fn the_history_cache_gives_the_same_answers_as_reading_afresh() {
    let (ws, _) = generated(&[
        "--commits",
        "120",
        "--records",
        "30",
        "--clients",
        "3",
        "--seed",
        "11",
    ]);
    let cache = ws.path().join(".git/docket/history-v1.json");
    let args = ["check", "{ws}", "--format", "json", "--today", TODAY];
    let fresh = |ws: &Ws| ws.run_with(&[("DOCKET_NO_CACHE", "1")], &args).stdout;
    let cached = |ws: &Ws| ws.run(&args).stdout;
    let stale = |json: &str| json.matches("\"D101\"").count();

    let first = fresh(&ws);
    assert!(!cache.exists(), "DOCKET_NO_CACHE=1 writes no cache");
    assert_eq!(cached(&ws), first, "cold cache");
    assert!(cache.exists());
    assert_eq!(cached(&ws), first, "warm cache");

    // Two commits on top: the second edits a signed record, which makes its sign-offs
    // stale in a commit the cache has never seen.
    let signed = walkdir::WalkDir::new(ws.path().join("clients"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| {
            std::fs::read_to_string(p)
                .is_ok_and(|t| t.contains("digest: ") && !t.contains("status: draft"))
        })
        .expect("a signed record");
    std::fs::write(ws.path().join("README.md"), "notes\n").unwrap();
    ws.git(&["add", "-A"]);
    ws.git(&["commit", "-qm", "Notes"]);
    let mut text = std::fs::read_to_string(&signed).unwrap();
    text.push_str("\nOne more line after signing.\n");
    std::fs::write(&signed, text).unwrap();
    ws.git(&["commit", "-qam", "Edit a signed record"]);
    let after_edit = fresh(&ws);
    assert!(stale(&after_edit) > stale(&first), "{after_edit}");
    assert_eq!(
        cached(&ws),
        after_edit,
        "new commits on top of the cached one"
    );
    assert_eq!(cached(&ws), after_edit, "warm again");

    // A merge of a side branch: read afresh, same answer.
    ws.git(&["checkout", "-qb", "side", "HEAD~5"]);
    std::fs::write(ws.path().join("side.txt"), "side\n").unwrap();
    ws.git(&["add", "-A"]);
    ws.git(&["commit", "-qm", "Side"]);
    ws.git(&["checkout", "-q", "-"]);
    ws.git(&["merge", "-q", "--no-edit", "side"]);
    let merged = fresh(&ws);
    assert_eq!(cached(&ws), merged, "after a merge");

    // A rewritten history: the cached commit is no longer an ancestor of HEAD.
    ws.git(&["reset", "-q", "--hard", "HEAD~3"]);
    let rewound = fresh(&ws);
    assert_eq!(stale(&rewound), stale(&first), "{rewound}");
    assert_eq!(cached(&ws), rewound, "after a rewritten history");

    // A damaged or foreign cache file is read afresh, without a word.
    for junk in ["{", "", "{\"format\": 1}", "\u{0}\u{1}"] {
        std::fs::write(&cache, junk).unwrap();
        let run = ws.run(&args);
        assert_eq!(run.stdout, rewound, "cache file {junk:?}");
        assert!(run.stderr.is_empty(), "{}", run.stderr);
    }
    // Check writes nothing to the working tree: the cache lives in `.git`.
    assert_eq!(ws.git(&["status", "--porcelain"]), "");
}
