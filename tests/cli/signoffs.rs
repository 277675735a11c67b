//! Sign-offs end to end: `docket sign`, `pending` and `new` on real git repositories made
//! here, with fixed authors and dates.

use crate::harness::{TODAY, Ws};

const ANN: (&str, &str) = ("Ann Lee", "ann@agency.example");
const CAI: (&str, &str) = ("Cai Yun", "cai@agency.example");
/// 2026-11-10 10:00 UTC and a day later.
const T0: i64 = 1_794_304_800;
const T1: i64 = T0 + 86_400;

const ORDER: &str = "clients/acme/orders/WO-2026-0001.md";

/// The base workspace as a git repository, with WO-2026-0001 approved (not yet signed).
pub(crate) fn approved_order() -> Ws {
    let ws = Ws::base();
    let path = ws.path().join(ORDER);
    let text = std::fs::read_to_string(&path).unwrap();
    ws.write(
        ORDER,
        text.replace("---\n", "")
            .replace("budget:", "status: approved\nbudget:"),
    );
    let text = std::fs::read_to_string(&path).unwrap();
    ws.write(
        ORDER,
        format!("---\n{text}---\nKey visual for the launch.\n"),
    );
    ws.commit_all(ANN.0, ANN.1, T0, "Approve the launch key visual");
    ws
}

fn sign(ws: &Ws, file: &str, args: &[&str]) -> crate::harness::Run {
    let path = ws.path().join(file).to_string_lossy().into_owned();
    let mut all = vec!["sign", path.as_str(), "--today", TODAY];
    all.extend_from_slice(args);
    ws.run(&all)
}

fn codes(ws: &Ws) -> Vec<String> {
    let (_, found, _) = ws.check_json();
    found.iter().map(ToString::to_string).collect()
}

fn read(ws: &Ws, file: &str) -> Vec<u8> {
    std::fs::read(ws.path().join(file)).unwrap()
}

#[test]
fn signing_satisfies_the_status_and_survives_reformatting() {
    let ws = approved_order();
    assert!(codes(&ws).iter().any(|c| c.starts_with("D100 ")));
    let run = sign(&ws, ORDER, &["--by", "ann.ae", "--stage", "approved"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = sign(
        &ws,
        ORDER,
        &["--by", "rita.acme", "--stage", "approved", "--via", "email"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("confirmed by email"), "{}", run.stdout);
    ws.commit_all(ANN.0, ANN.1, T1, "Sign WO-2026-0001");
    assert_eq!(codes(&ws), Vec::<String>::new());

    // Keys reordered, quoting changed, block style, CRLF: the sign-offs still hold.
    let text = String::from_utf8(read(&ws, ORDER)).unwrap();
    let signoffs: String = text
        .lines()
        .skip_while(|l| !l.starts_with("signoffs:"))
        .take_while(|l| *l != "---")
        .map(|l| format!("{l}\r\n"))
        .collect();
    let restyled = format!(
        "---\r\nstatus: approved\r\ntitle: \"Launch key visual\"\r\nnumber: 'WO-2026-0001'\r\nkind: creative\r\nteam:\r\n  - cai.cr\r\nrequested: 2026-10-01\r\ndue: \"2026-12-01\"\r\nbudget:\r\n  currency: CNY\r\n  amount: \"50,000.00\"\r\n{signoffs}---\r\nKey visual for the launch.\r\n"
    );
    ws.write(ORDER, &restyled);
    assert_eq!(codes(&ws), Vec::<String>::new());

    // A changed value breaks them: both are stale, and the status lacks its sign-offs.
    ws.write(ORDER, restyled.replace("50,000.00", "55,000.00"));
    let found = codes(&ws);
    assert_eq!(
        found.iter().filter(|c| c.starts_with("D101 ")).count(),
        2,
        "{found:?}"
    );
    assert!(found.iter().any(|c| c.starts_with("D100 ")), "{found:?}");
}

#[test]
fn a_later_edit_by_another_author_is_named_in_the_stale_error() {
    let ws = approved_order();
    sign(&ws, ORDER, &["--by", "ann.ae", "--stage", "approved"]);
    ws.commit_all(ANN.0, ANN.1, T1, "Sign WO-2026-0001");
    let text = String::from_utf8(read(&ws, ORDER)).unwrap();
    ws.write(ORDER, text.replace("Key visual for", "Key visuals for"));
    // Before it is committed, the change is said to be uncommitted.
    let (_, _, json) = ws.check_json();
    let stale = |json: &serde_json::Value| -> String {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "D101")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert!(
        stale(&json).ends_with("the change is not committed yet"),
        "{}",
        stale(&json)
    );
    let id = ws.commit_all(CAI.0, CAI.1, T1 + 3600, "Reword the brief");
    let (code, found, json) = ws.check_json();
    assert_eq!(code, 1);
    assert!(
        found
            .iter()
            .any(|f| f.code == "D101" && f.file == ORDER && f.line == 11),
        "{found:?}"
    );
    assert_eq!(
        stale(&json),
        format!(
            "Ann Lee's `approved` sign-off of {TODAY} no longer matches the record: changed in commit {} by Cai Yun on 2026-11-11 (\"Reword the brief\")",
            &id[..7]
        )
    );
}

#[test]
fn a_staff_sign_off_committed_by_someone_else_is_unverified() {
    let ws = approved_order();
    sign(&ws, ORDER, &["--by", "ann.ae", "--stage", "approved"]);
    ws.commit_all(CAI.0, CAI.1, T1, "Sign for Ann");
    let (_, found, json) = ws.check_json();
    assert!(
        found
            .iter()
            .any(|f| f.code == "D102" && f.file == ORDER && f.line == 11 && f.column == 11),
        "{found:?}"
    );
    let message = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "D102")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("by Cai Yun <cai@agency.example>"),
        "{message}"
    );
    assert!(
        message.contains("not by Ann Lee (ann@agency.example)"),
        "{message}"
    );
}

#[test]
fn sign_refuses_who_may_not_sign_and_leaves_the_file_untouched() {
    let ws = approved_order();
    let before = read(&ws, ORDER);
    let refusals: &[(&[&str], &str)] = &[
        // Ben is Bolt's contact, not Acme's.
        (
            &["--by", "ben.bolt", "--stage", "approved", "--via", "email"],
            "is a contact of Bolt Brewing",
        ),
        // A client's confirmation says how it was given.
        (&["--by", "rita.acme", "--stage", "approved"], "needs `via`"),
        (&["--by", "nobody.here", "--stage", "approved"], "is nobody"),
        (
            &["--by", "ann.ae", "--stage", "agreed"],
            "`agreed` is not a stage of a work order",
        ),
        (&["--by", "ann.ae", "--stage", "approve"], "is not a stage"),
        (
            &[
                "--by",
                "ann.ae",
                "--stage",
                "approved",
                "--date",
                "2026-12-01",
            ],
            "after today",
        ),
    ];
    for (args, why) in refusals {
        let run = sign(&ws, ORDER, args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stdout);
        assert!(run.stderr.contains(why), "{args:?}: {}", run.stderr);
        assert_eq!(read(&ws, ORDER), before, "{args:?} changed the file");
    }
    // A contact who may not sign: Bolt gets one without `can_sign`.
    let bolt = "clients/bolt/client.md";
    let text = String::from_utf8(read(&ws, bolt)).unwrap();
    ws.write(
        bolt,
        text.replace(
            "can_sign: true }",
            "can_sign: true }\n  - { id: bo.bolt, name: Bo Ford }",
        ),
    );
    let order = "clients/bolt/orders/WO-2026-0002.md";
    let before = read(&ws, order);
    let run = sign(
        &ws,
        order,
        &["--by", "bo.bolt", "--stage", "approved", "--via", "phone"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("may not sign"), "{}", run.stderr);
    assert_eq!(read(&ws, order), before);
    // A record that does not parse is not signed.
    ws.write(order, "---\nnumber: [unclosed\n---\n");
    let run = sign(&ws, order, &["--by", "ann.ae", "--stage", "approved"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not parse"), "{}", run.stderr);
    assert_eq!(read(&ws, order), b"---\nnumber: [unclosed\n---\n");
    // Not a record at all.
    let run = sign(
        &ws,
        "clients/acme/client.md",
        &["--by", "ann.ae", "--stage", "approved"],
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_brand_agents_timetable_needs_both_parties() {
    let ws = Ws::base();
    let file = "clients/bolt/schedules/winter.md";
    ws.write(
        file,
        "---\ntitle: Winter launch\nfrom: 2026-11-01\nto: 2026-12-31\nstatus: agreed\nitems:\n  - { task: Media plan, owner: ben.bolt, due: 2026-12-10 }\n---\n",
    );
    ws.commit_all(ANN.0, ANN.1, T0, "Timetable");
    assert_eq!(
        sign(&ws, file, &["--by", "ann.ae", "--stage", "agreed"]).code,
        0
    );
    ws.commit_all(ANN.0, ANN.1, T1, "Agency signs");
    let found = codes(&ws);
    assert_eq!(found, vec![format!("D100 {file}:5:9")]);
    let run = sign(
        &ws,
        file,
        &["--by", "ben.bolt", "--stage", "agreed", "--via", "letter"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws.commit_all(ANN.0, ANN.1, T1 + 60, "Bolt signs");
    assert_eq!(codes(&ws), Vec::<String>::new());
    // Signing again for the same content writes nothing.
    let before = read(&ws, file);
    let run = sign(&ws, file, &["--by", "ann.ae", "--stage", "agreed"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("already signed"), "{}", run.stdout);
    assert_eq!(read(&ws, file), before);
}

/// The ways a record's front matter can be written that `sign` must cope with.
fn formats() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bodies = [
        "Body.\n",
        "",
        "\n\nTwo blank lines first.\n\n",
        "No final newline",
    ];
    let signoffs = [
        "",
        "signoffs: []\n",
        "signoffs:\n",
        "signoffs: ~\n",
        "signoffs:\n  - { by: dan.ad, stage: delivered, date: 2026-11-02, digest: \"x\" }\n",
        "signoffs:\n- by: dan.ad\n  stage: delivered\n  date: 2026-11-02\n  digest: 'x'\n",
        "signoffs: [ {by: dan.ad, stage: delivered, date: 2026-11-02, digest: x} ]  # old\n",
        "signoffs: [\n    {by: dan.ad, stage: delivered, date: 2026-11-02, digest: x},\n  ]\n",
    ];
    for (i, sign) in signoffs.iter().enumerate() {
        for (j, body) in bodies.iter().enumerate() {
            for crlf in [false, true] {
                for bom in [false, true] {
                    // The sign-offs first, in the middle, or last; with a comment.
                    let place = (i + j) % 3;
                    let fields = [
                        "number: WO-2026-0001\n",
                        "kind: creative   # the usual\n",
                        "title: \"Launch key visual\"\n",
                        "requested: 2026-10-01\n",
                    ];
                    let mut front = String::new();
                    for (k, f) in fields.iter().enumerate() {
                        if k == place * 2 {
                            front.push_str(sign);
                        }
                        front.push_str(f);
                    }
                    if place * 2 >= fields.len() {
                        front.push_str(sign);
                    }
                    let mut text = format!("---\n{front}---\n{body}");
                    if crlf {
                        text = text.replace('\n', "\r\n");
                    }
                    if bom {
                        text.insert(0, '\u{feff}');
                    }
                    out.push((
                        format!("signoffs #{i}, body #{j}, crlf {crlf}, bom {bom}"),
                        text,
                    ));
                }
            }
        }
    }
    out
}

/// For every way of writing the record, `sign` inserts one run of bytes and keeps every
/// other byte; the result parses and the new sign-off holds.
#[test]
fn sign_keeps_every_other_byte_across_formats() {
    let ws = Ws::base();
    let cases = formats();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    for (name, text) in &cases {
        ws.write(ORDER, text);
        let run = sign(&ws, ORDER, &["--by", "ann.ae", "--stage", "approved"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let after = String::from_utf8(read(&ws, ORDER)).unwrap();
        let prefix = text
            .bytes()
            .zip(after.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let suffix = text
            .bytes()
            .rev()
            .zip(after.bytes().rev())
            .take_while(|(a, b)| a == b)
            .count()
            .min(text.len() - prefix);
        let inserted = &after.as_bytes()[prefix..after.len() - suffix];
        let kept = prefix + suffix;
        // `signoffs: ~` is the one case where a value is replaced (by a list).
        if text.contains("signoffs: ~") {
            assert_eq!(kept + 1, text.len(), "{name}");
        } else {
            assert_eq!(
                kept,
                text.len(),
                "{name}: bytes changed besides the insertion"
            );
        }
        let inserted = String::from_utf8_lossy(inserted);
        assert!(
            inserted.contains("by: ann.ae"),
            "{name}: inserted {inserted:?}"
        );
        if text.contains("\r\n") && inserted.contains('\n') {
            assert!(inserted.contains("\r\n"), "{name}: line ending not kept");
        }
        // The new sign-off holds: no stale report on its line, and the file parses.
        let at = prefix + inserted.find("digest: \"sha256").unwrap() + "digest: ".len();
        let line = after[..at].matches('\n').count() + 1;
        let column = after[after[..at].rfind('\n').map_or(0, |i| i + 1)..at]
            .chars()
            .count()
            + 1;
        let (_, found, _) = ws.check_json();
        let own: Vec<_> = found.iter().filter(|f| f.file == ORDER).collect();
        assert!(
            !own.iter()
                .any(|f| f.code == "D101" && (f.line, f.column) == (line, column)),
            "{name}: the new sign-off is stale: {own:?}\n{after}"
        );
        assert!(
            !own.iter()
                .any(|f| ["D006", "D007", "D009", "D022"].contains(&f.code.as_str())),
            "{name}: the signed file does not read: {own:?}\n{after}"
        );
    }
}

#[test]
fn pending_lists_what_is_owed_by_whom() {
    let ws = approved_order();
    let run = ws.run(&["pending", "{ws}", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("pending_base", run.stdout);
    sign(&ws, ORDER, &["--by", "ann.ae", "--stage", "approved"]);
    let run = ws.run(&["pending", "{ws}", "--today", TODAY, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let owed = json["pending"].as_array().unwrap();
    assert_eq!(owed.len(), 1, "{owed:?}");
    assert_eq!(owed[0]["stage"], "approved");
    assert_eq!(owed[0]["file"], ORDER);
    assert_eq!(
        owed[0]["who"],
        "a signing contact of Acme Rockets (rita.acme)"
    );
}

#[test]
fn pending_on_the_example() {
    let ws = Ws::empty();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-workspace");
    let run = ws.run(&["pending", example.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("pending_example", run.stdout);
}

#[test]
fn new_records_take_the_next_number_check_clean_and_never_overwrite() {
    let ws = Ws::base();
    let new = |args: &[&str]| {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--workspace", "{ws}", "--today", TODAY]);
        ws.run(&all)
    };
    let run = new(&[
        "order",
        "acme",
        "--title",
        "Spring key visual",
        "--kind",
        "creative",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // WO-2026-0001 and -0002 exist (in two clients): numbers are workspace-wide.
    assert_eq!(run.stdout.trim(), "clients/acme/orders/WO-2026-0003.md");
    let run = new(&["order", "bolt"]);
    assert_eq!(run.stdout.trim(), "clients/bolt/orders/WO-2026-0004.md");
    let run = new(&["invoice", "acme", "--order", "WO-2026-0003"]);
    assert_eq!(run.stdout.trim(), "clients/acme/invoices/INV-2026-0001.md");
    let run = new(&[
        "minutes",
        "acme",
        "--title",
        "Kick-off call",
        "--date",
        "2026-11-20 10:00",
    ]);
    assert_eq!(
        run.stdout.trim(),
        "clients/acme/minutes/2026-11-20-kick-off-call.md"
    );
    let run = new(&["schedule", "bolt", "--title", "Launch plan"]);
    assert_eq!(run.stdout.trim(), "clients/bolt/schedules/launch-plan.md");
    let (code, found, _) = ws.check_json();
    assert_eq!((code, found), (0, vec![]));
    insta::assert_snapshot!(
        "new_order",
        String::from_utf8(read(&ws, "clients/acme/orders/WO-2026-0003.md")).unwrap()
    );
    // The same minutes again: refused, and the file kept.
    let path = "clients/acme/minutes/2026-11-20-kick-off-call.md";
    ws.write(
        path,
        "---\nkind: client\ntitle: Edited\ndate: 2026-11-20\n---\n",
    );
    let run = new(&[
        "minutes",
        "acme",
        "--title",
        "Kick-off call",
        "--date",
        "2026-11-20 10:00",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("exists already"), "{}", run.stderr);
    assert_eq!(
        read(&ws, path),
        b"---\nkind: client\ntitle: Edited\ndate: 2026-11-20\n---\n"
    );
    // Unknown clients and kinds are refused.
    assert_eq!(new(&["order", "nobody"]).code, 1);
    assert_eq!(new(&["order", "acme", "--kind", "film"]).code, 1);
    assert_eq!(new(&["invoice", "acme", "--order", "WO-2026-0002"]).code, 1);
}

/// Two people sign one record at the same moment, twenty times over: both sign-offs
/// land every time (the second signer waits for the first and reads its write), and the
/// record always parses and checks clean.
#[test]
fn concurrent_signers_both_land() {
    let ws = approved_order();
    let original = read(&ws, ORDER);
    let bin = env!("CARGO_BIN_EXE_docket");
    let path = ws.path().join(ORDER);
    for round in 0..20 {
        std::fs::write(&path, &original).unwrap();
        let spawn = |args: &[&str]| {
            std::process::Command::new(bin)
                .arg("sign")
                .arg(&path)
                .args(["--today", TODAY, "--stage", "approved"])
                .args(args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let staff = spawn(&["--by", "ann.ae"]);
        let client = spawn(&["--by", "rita.acme", "--via", "email"]);
        for child in [staff, client] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let text = String::from_utf8(read(&ws, ORDER)).unwrap();
        assert_eq!(
            text.matches("stage: approved").count(),
            2,
            "round {round}:\n{text}"
        );
        assert!(
            text.contains("by: ann.ae") && text.contains("by: rita.acme"),
            "{text}"
        );
    }
    ws.commit_all(ANN.0, ANN.1, T1, "Both sign");
    assert!(codes(&ws).is_empty(), "{:?}", codes(&ws));
}

/// Two new work orders at the same moment, for two clients, ten times over: each gets its
/// own number (the second waits for the first), and nothing is refused.
#[test]
fn concurrent_new_orders_take_distinct_numbers() {
    let ws = Ws::base();
    let bin = env!("CARGO_BIN_EXE_docket");
    for round in 0..10 {
        let spawn = |client: &str| {
            std::process::Command::new(bin)
                .args(["new", "order", client, "--workspace"])
                .arg(ws.path())
                .args(["--title", "Concurrent", "--today", TODAY])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("acme"), spawn("bolt"));
        let mut made = Vec::new();
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let rel = String::from_utf8(out.stdout).unwrap();
            made.push(rel.trim().rsplit('/').next().unwrap().to_string());
        }
        assert_ne!(made[0], made[1], "round {round}");
    }
    let (_, found, json) = ws.check_json();
    assert!(!found.iter().any(|f| f.code == "D050"), "{json}");
}
