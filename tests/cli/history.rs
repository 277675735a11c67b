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
    let cache = ws.path().join(".git/docket/history-v2.bin");
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

/// The change log, sign-off provenance and `--at` read a past version of a record one
/// way: with the record parser. For every version of every record they agree on its
/// label, whether its client may see it, the currency of its amounts and what its
/// sign-offs sign; a meeting whose kind is misspelt is hidden in all of them.
#[test]
fn the_change_log_provenance_and_at_read_the_past_alike() {
    use docket::internals::compile::{Compile, compile_at, compile_with};
    use docket::internals::history::log::{self, Range};
    use docket::internals::history::provenance::Change;
    use docket::internals::model::values::Choice;
    let ws = Ws::base();
    let root = ws.path().to_path_buf();
    let order = "clients/acme/orders/WO-2026-0001.md";
    let misspelt = "clients/acme/minutes/2026-11-02-kickoff.md";
    let call = "clients/acme/minutes/2026-11-03-call.md";
    let order_text = |title: &str, digest: &str| {
        format!(
            "---\nnumber: WO-2026-0001\nkind: creative\ntitle: {title}\nrequested: 2026-11-01\ndue: 2026-12-01\nteam: [cai.cr]\nbudget: {{ amount: 1000, currency: USD }}\nstatus: draft\nsignoffs:\n  - {{ by: ann.ae, stage: approved, date: 2026-11-02, digest: {digest} }}\n---\n## Brief\n\nA poster.\n"
        )
    };
    let minutes = |kind: &str, title: &str| {
        format!(
            "---\nkind: {kind}\ntitle: {title}\ndate: 2026-11-02\nattended: [ann.ae, rita.acme]\nconclusion: Go.\n---\nNotes.\n"
        )
    };
    ws.write(order, order_text("Spring poster", "sha256:0"));
    ws.write(misspelt, minutes("Internl", "Kick-off"));
    ws.write(call, minutes("call", "Weekly call"));
    ws.write(
        "clients/acme/invoices/INV-2026-0001.md",
        "---\nnumber: INV-2026-0001\norders: [WO-2026-0001]\nissued: 2026-11-05\ndue: 2026-12-20\ncurrency: EUR\nlines: [{ description: Design, amount: 500 }]\n---\n",
    );
    let day = 1_793_000_000;
    let mut ids = vec![ws.commit_all("Ann Lee", "ann@agency.example", day, "first")];
    // The second version's sign-off signs that version (a digest leaves `signoffs` out).
    ws.write(order, order_text("Spring poster, final", "sha256:0"));
    let compiled = compile_with(&root, None, Compile::WithoutHistory).unwrap();
    let record = compiled.ws.records.iter();
    let digest = record
        .clone()
        .find(|r| compiled.ws.path(r.file) == order)
        .map(|r| r.parsed.digest.clone())
        .unwrap();
    ws.write(order, order_text("Spring poster, final", &digest));
    ws.write(misspelt, minutes("Internl", "Kick-off, moved"));
    ws.write(call, minutes("clinet", "Weekly call"));
    ids.push(ws.commit_all("Ann Lee", "ann@agency.example", day + 60, "second"));
    ws.write(order, order_text("Spring poster, last", &digest));
    ws.write(call, minutes("call", "Weekly call, again"));
    ids.push(ws.commit_all("Ann Lee", "ann@agency.example", day + 120, "third"));

    // The change log's versions against each commit compiled with --at.
    let commits = log::read(&root, &Range::default()).unwrap();
    assert_eq!(commits.commits.len(), 3);
    let mut compared = 0;
    for change in &commits.changes {
        let Some(v) = &change.new else { continue };
        let at = &ids[change.commit];
        assert_eq!(&commits.commits[change.commit].id, at);
        let past = compile_at(&root, at, None, Compile::WithoutHistory).unwrap();
        let c = v.content.as_ref().expect("every version here reads");
        if v.path.ends_with("/client.md") {
            let client = past
                .ws
                .clients
                .iter()
                .find(|c| v.client.as_deref() == Some(c.id.as_str()));
            assert_eq!(v.label(), client.unwrap().name(), "{}", v.path);
            assert!(!v.client_visible());
            continue;
        }
        let r = past
            .ws
            .records
            .iter()
            .find(|r| past.ws.path(r.file) == v.path)
            .unwrap_or_else(|| panic!("{} at {at}", v.path));
        let data = &r.parsed.data;
        assert_eq!(v.label(), r.label(), "{} at {at}", v.path);
        assert_eq!(
            v.client_visible(),
            r.client.is_some() && data.visible_in_client_folder(),
            "{} at {at}",
            v.path
        );
        assert_eq!(
            c.currency,
            data.currency(&past.ws.config.currency),
            "{}",
            v.path
        );
        assert_eq!(
            c.digest,
            r.parsed.digest_of(&past.ws.sources.get(r.file).text)
        );
        let signoffs: Vec<(String, String, String)> = data
            .signoffs()
            .iter()
            .map(|s| {
                let digest = s.digest.as_ref().map_or(String::new(), |d| d.value.clone());
                (
                    s.by.value.clone(),
                    s.stage.value.as_str().to_string(),
                    digest,
                )
            })
            .collect();
        let logged: Vec<(String, String, String)> = c
            .signoffs
            .iter()
            .map(|s| (s.by.clone(), s.stage.clone(), s.digest.clone()))
            .collect();
        assert_eq!(logged, signoffs, "{} at {at}", v.path);
        if v.path == misspelt {
            assert!(!v.client_visible(), "a misspelt kind is hidden at {at}");
        }
        if v.path == order {
            assert_eq!(c.currency, "USD");
        }
        compared += 1;
    }
    assert!(compared >= 8, "{compared}");

    // Provenance, read at HEAD, finds the sign-off in the version whose --at record has
    // it with the digest it signs, and the change in the next commit.
    let head = docket::internals::compile::compile(&root, None).unwrap();
    let Ok(provenance) = &head.provenance else {
        panic!("no history read")
    };
    let ri = head
        .ws
        .records
        .iter()
        .position(|r| head.ws.path(r.file) == order)
        .unwrap();
    let traced = &provenance.signoffs[&(ri, 0)];
    // (whether the version has the entry, whether the entry holds), as --at reads it.
    let at_commit = |k: usize| {
        let past = compile_at(&root, &ids[k], None, Compile::WithoutHistory).unwrap();
        let r = past
            .ws
            .records
            .iter()
            .find(|r| past.ws.path(r.file) == order)
            .unwrap();
        let has = r.parsed.data.signoffs().iter().any(|s| {
            s.by.value == "ann.ae" && s.digest.as_ref().is_some_and(|d| d.value == digest)
        });
        (has, r.parsed.digest == digest)
    };
    let seen: Vec<(bool, bool)> = (0..3).map(at_commit).collect();
    assert_eq!(seen, [(false, false), (true, true), (true, false)]);
    assert_eq!(traced.added, seen.iter().position(|s| s.0));
    assert_eq!(traced.changed, Some(Change::Commit(2)));
}

/// The parse cache (`.git/docket/parse-v1.bin`): cold, warm, after an edit, a mistake, a
/// new file, a removed file, changed settings and a damaged cache file, every check says
/// exactly what a check parsing every file says, and `--timings` shows that the cache
/// was used where it may be and not where it must not be.
#[test]
fn the_parse_cache_gives_the_same_answers_as_parsing_afresh() {
    let (ws, _) = generated(&["--commits", "60", "--records", "30", "--clients", "3"]);
    let cache = ws.path().join(".git/docket/parse-v1.bin");
    let args = TIMED_CHECK;
    let fresh = |ws: &Ws| ws.run_with(&[("DOCKET_NO_CACHE", "parse")], &args);
    let cached = |ws: &Ws| ws.run(&args);
    // (read from the cache, parsed)
    let counts = |run: &crate::harness::Run| {
        let (read_back, _, parsed) = parse_counts(run);
        (read_back, parsed)
    };
    let same = |what: &str| {
        let want = fresh(&ws);
        let got = cached(&ws);
        assert_eq!(got.stdout, want.stdout, "{what}");
        assert_eq!(got.code, want.code, "{what}");
        counts(&got)
    };

    let first = fresh(&ws);
    assert!(
        !cache.exists(),
        "DOCKET_NO_CACHE=parse writes no parse cache"
    );
    assert_eq!(counts(&first).0, 0);
    let records = counts(&first).1;
    assert!(records > 30, "{records}");
    assert_eq!(same("cold"), (0, records));
    assert!(cache.exists());
    assert_eq!(same("warm"), (records, 0));

    // One file edited: one parse, and the edit is seen.
    let minutes = walkdir::WalkDir::new(ws.path().join("clients"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| p.to_string_lossy().contains("/minutes/"))
        .expect("minutes");
    let text = std::fs::read_to_string(&minutes).unwrap();
    let edited = text.replacen("\n---\n", "\n---\n\nA line added.\n", 1);
    assert_ne!(edited, text);
    std::fs::write(&minutes, &edited).unwrap();
    assert_eq!(same("one file edited"), (records - 1, 1));
    assert_eq!(same("warm after the edit"), (records, 0));

    // A mistake: the file is parsed once, its problems kept with its parse, and its
    // diagnostic is there each time.
    let broken = edited.replacen("date: ", "date: 2026-02-30\nwhen: ", 1);
    std::fs::write(&minutes, &broken).unwrap();
    let run = cached(&ws);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(counts(&run), (records - 1, 1));
    assert_eq!(same("a file with a problem"), (records, 0));
    assert_eq!(same("a file with a problem, again"), (records, 0));
    // The file as it was: its first parse is still held (the cache keeps what earlier
    // runs added until more than half of it goes unused).
    std::fs::write(&minutes, &text).unwrap();
    assert_eq!(same("the file as it was"), (records, 0));

    // A new file, then none: what the cache held for it is not used for another file.
    let copy = minutes.with_file_name("2099-01-01-copy.md");
    std::fs::write(&copy, &text).unwrap();
    assert_eq!(same("a copy of a file"), (records + 1, 0));
    std::fs::remove_file(&copy).unwrap();
    assert_eq!(same("the copy removed"), (records, 0));

    // Settings change what a parse says (a timezone moves every date-time): nothing of
    // the cache is used.
    let settings = ws.path().join("docket.yaml");
    let old = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{old}\n# a comment\n")).unwrap();
    assert_eq!(same("settings changed"), (0, records));
    std::fs::write(&settings, &old).unwrap();
    assert_eq!(same("settings as they were"), (0, records));

    // A damaged or foreign cache file is not used, without a word.
    let good = std::fs::read(&cache).unwrap();
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let junk: [&[u8]; 5] = [
        b"",
        b"docketP\n",
        &good[..good.len() / 2],
        &flipped,
        b"\x00\x01",
    ];
    for bytes in junk {
        std::fs::write(&cache, bytes).unwrap();
        let want = fresh(&ws);
        let run = cached(&ws);
        assert_eq!(run.stdout, want.stdout, "cache of {} bytes", bytes.len());
        assert_eq!(counts(&run), (0, records), "cache of {} bytes", bytes.len());
        assert!(
            !run.stderr.contains("error") && !run.stderr.contains("panick"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(same("rewritten"), (records, 0));
    // Check writes nothing to the working tree: the cache lives in `.git`.
    assert_eq!(ws.git(&["status", "--porcelain"]), "");
}

/// `check` as the parse-cache tests run it: JSON, `--timings` for the cache's counts.
const TIMED_CHECK: [&str; 7] = [
    "check",
    "{ws}",
    "--format",
    "json",
    "--today",
    TODAY,
    "--timings",
];

/// The numbers of `--timings`' parse cache line: (read back, of them not read from
/// disk, parsed).
fn parse_counts(run: &crate::harness::Run) -> (usize, usize, usize) {
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("parse cache:"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    let n: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    (n[0], n[1], n[2])
}

/// A file whose size, times and inode are those the parse cache kept with it
/// (`.git/docket/files-v1.bin`, as git's index keeps them) is not read again; a file
/// changed in any way, even to the same size with its time set back, is read; a file
/// changed within two seconds of a check is read by the checks of those two seconds
/// too (a second change within the file system's clock tick could leave its stat as it
/// was); a file replaced by a link is refused as before. Every answer is the answer of a
/// check that reads every file.
#[test]
fn a_file_whose_stat_is_unchanged_is_not_read_again() {
    let (ws, _) = generated(&["--commits", "60", "--records", "30", "--clients", "3"]);
    let args = TIMED_CHECK;
    let fresh = |ws: &Ws| ws.run_with(&[("DOCKET_NO_CACHE", "parse")], &args);
    let same = |what: &str| {
        let want = fresh(&ws);
        let got = ws.run(&args);
        assert_eq!(got.stdout, want.stdout, "{what}");
        assert_eq!(got.code, want.code, "{what}");
        parse_counts(&got)
    };
    let records: Vec<std::path::PathBuf> = walkdir::WalkDir::new(ws.path())
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    // Every file an hour old: none was changed within two seconds of a check.
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let age = |p: &std::path::Path| {
        std::fs::File::options()
            .write(true)
            .open(p)
            .and_then(|f| f.set_modified(an_hour_ago))
            .unwrap();
    };
    records.iter().for_each(|p| age(p));
    // Setting a file's time changes its inode's: two seconds later, that change is no
    // longer recent.
    let wait = || std::thread::sleep(std::time::Duration::from_millis(2100));
    wait();
    let (_, _, n) = same("cold");
    assert!(n > 30, "{n}");
    // Each file's stat was kept by the first check; the second reads none of them.
    assert_eq!(same("warm"), (n, n, 0));

    // The same size and the same time, another text: read, and its mistake is found.
    let minutes = records
        .iter()
        .find(|p| {
            p.to_string_lossy().contains("/clients/") && p.to_string_lossy().contains("/minutes/")
        })
        .expect("minutes");
    let text = std::fs::read_to_string(minutes).unwrap();
    let date = text.find("\ndate: ").expect("a date") + "\ndate: ".len();
    let mut broken = text.clone();
    broken.replace_range(date..date + 10, "2026-02-30");
    assert_ne!(broken, text);
    assert_eq!(broken.len(), text.len());
    std::fs::write(minutes, &broken).unwrap();
    age(minutes);
    wait();
    let run = ws.run(&args);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("2026-02-30"), "{}", run.stdout);
    assert_eq!(parse_counts(&run), (n - 1, n - 1, 1));
    // Then neither read nor parsed, its problem read back with its parse.
    assert_eq!(same("the same stat but for its change time"), (n, n, 0));

    // Changed back: read again, and read by the next checks too while its change is
    // recent; then no longer read.
    std::fs::write(minutes, &text).unwrap();
    age(minutes);
    assert_eq!(same("as it was"), (n, n - 1, 0));
    assert_eq!(same("as it was, a check later"), (n, n - 1, 0));
    wait();
    assert_eq!(same("as it was, two seconds later"), (n, n - 1, 0));
    assert_eq!(same("as it was, and kept"), (n, n, 0));

    // The parses damaged, the stats kept: every file is read and parsed, once.
    let parses = ws.path().join(".git/docket/parse-v1.bin");
    let good = std::fs::read(&parses).unwrap();
    std::fs::write(&parses, &good[..good.len() / 2]).unwrap();
    assert_eq!(same("the parses damaged"), (0, 0, n));
    assert_eq!(same("the parses damaged, then kept again"), (n, n, 0));

    // A link in a file's place, to a file of the same text: refused, as without a cache.
    let elsewhere = ws.path().join(".git/elsewhere.md");
    std::fs::write(&elsewhere, &text).unwrap();
    std::fs::remove_file(minutes).unwrap();
    std::os::unix::fs::symlink(&elsewhere, minutes).unwrap();
    let run = ws.run(&args);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("symlink"), "{}", run.stdout);
    let (_, unread, _) = same("a link in its place");
    assert_eq!(unread, n - 1);
}

/// `build` keeps what each past version of a record reads as (`.git/docket/versions-v1.bin`)
/// and every parse: built cold, warm, after a new version of a record and after a
/// change of settings, the site is byte for byte the site built with no cache at all.
#[test]
fn a_build_with_the_caches_is_the_build_without_them() {
    let ws = Ws::empty();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-workspace");
    crate::harness::copy_dir(&example, ws.path());
    ws.commit_all(
        "Cai Lin",
        "cai.lin@agency.example",
        1_763_600_000,
        "Records",
    );
    let minutes = ws.path().join("internal");
    let internal = walkdir::WalkDir::new(&minutes)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("an internal meeting");
    let edit = |n: usize| {
        let mut text = std::fs::read_to_string(&internal).unwrap();
        text.push_str(&format!("\nA line added, the {n}th.\n"));
        std::fs::write(&internal, text).unwrap();
        ws.commit_all(
            "Cai Lin",
            "cai.lin@agency.example",
            1_763_600_000 + n as i64,
            "Edit",
        );
    };
    edit(1);
    let site = |env: &[(&str, &str)], out: &str| {
        let out = ws.path().join("..").join(format!(
            "{}-{out}",
            ws.path().file_name().unwrap().to_string_lossy()
        ));
        let run = ws.run_with(
            env,
            &[
                "build",
                "{ws}",
                "--out",
                &out.to_string_lossy(),
                "--today",
                TODAY,
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let files = crate::site::files(&out);
        std::fs::remove_dir_all(&out).unwrap();
        files
    };
    let same = |what: &str| {
        let want = site(&[("DOCKET_NO_CACHE", "1")], "fresh");
        let got = site(&[], "cached");
        assert_eq!(want.len(), got.len(), "{what}");
        for (path, bytes) in &want {
            assert!(got.get(path) == Some(bytes), "{what}: {path} differs");
        }
    };
    let versions = ws.path().join(".git/docket/versions-v1.bin");
    same("cold");
    assert!(versions.exists());
    same("warm");
    edit(2);
    same("a new version of a record");
    let settings = ws.path().join("docket.yaml");
    let old = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{old}\n# a comment\n")).unwrap();
    same("settings changed");
    std::fs::write(&settings, &old).unwrap();
    std::fs::write(&versions, b"docketP\n").unwrap();
    same("a damaged cache file");
    assert_eq!(ws.git(&["status", "--porcelain"]), "");
}

/// The confidentiality rule keeps where each record names a marker
/// (`.git/docket/mentions-v1.bin`): a mention written into a record is found, and a new
/// contact of another client, named in a record that did not change, is found too (the
/// markers changed, so nothing kept may be used), exactly as without the cache.
#[test]
fn the_mentions_cache_sees_new_text_and_new_markers() {
    let ws = Ws::base();
    ws.commit_all("Ann Ae", "ann@agency.example", 1_763_600_000, "Records");
    let args = ["check", "{ws}", "--format", "json", "--today", TODAY];
    let cache = ws.path().join(".git/docket/mentions-v1.bin");
    let mentions = |ws: &Ws| {
        let fresh = ws
            .run_with(&[("DOCKET_NO_CACHE", "mentions")], &args)
            .stdout;
        let cached = ws.run(&args).stdout;
        assert_eq!(cached, fresh);
        cached.matches("\"D090\"").count()
    };
    assert_eq!(mentions(&ws), 0);
    assert!(cache.exists());
    assert_eq!(mentions(&ws), 0, "warm");
    let order = ws.path().join("clients/acme/orders/WO-2026-0001.md");
    let text = std::fs::read_to_string(&order).unwrap();
    std::fs::write(
        &order,
        format!("{text}\nAs Bolt Brewing did last spring.\n"),
    )
    .unwrap();
    assert_eq!(mentions(&ws), 1, "a mention written");
    std::fs::write(&order, format!("{text}\nAsk Kim Lee about the launch.\n")).unwrap();
    assert_eq!(mentions(&ws), 0, "nobody of another client yet");
    assert_eq!(mentions(&ws), 0, "warm");
    let bolt = ws.path().join("clients/bolt/client.md");
    let client = std::fs::read_to_string(&bolt).unwrap();
    let more = client.replacen(
        "  - { id: ben.bolt,",
        "  - { id: kim.bolt, name: Kim Lee, email: kim@bolt.example }\n  - { id: ben.bolt,",
        1,
    );
    assert_ne!(more, client);
    std::fs::write(&bolt, more).unwrap();
    assert_eq!(
        mentions(&ws),
        1,
        "a new contact of another client, in an unchanged record"
    );
}
