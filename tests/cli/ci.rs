//! Output for CI: `check --format github` (workflow annotations).

use crate::harness::{TODAY, Ws};

#[test]
fn github_annotations_name_the_repository_path_line_and_column() {
    let ws = Ws::empty();
    let records = ws.path().join("records");
    crate::harness::copy_dir(&crate::harness::fixtures().join("base"), &records);
    // A key written twice: an error, whose help goes on a second line (escaped, as the
    // runner reads a raw line break as the end of the command).
    std::fs::write(
        records.join("clients/acme/orders/WO-2026-0002.md"),
        "---\nnumber: WO-2026-0002\nnumber: WO-2026-0003\n---\n",
    )
    .unwrap();
    git2::Repository::init(ws.path()).unwrap();
    let run = ws.run(&[
        "check",
        "{ws}/records",
        "--format",
        "github",
        "--today",
        TODAY,
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=records/clients/acme/orders/WO-2026-0002.md,line=3,col=1,endLine=3,\
         endColumn=7,title=D007 duplicate-key::the key `number` appears twice in one \
         mapping%0Ahelp: keep one of the two: YAML tools disagree on which one wins",
        "{}",
        run.stdout
    );
    assert!(
        lines.last().unwrap().starts_with("checked "),
        "{}",
        run.stdout
    );
    assert!(
        lines[..lines.len() - 1].iter().all(|l| l.starts_with("::")),
        "{}",
        run.stdout
    );
}

/// `git` in `dir`, as a fixed author.
fn git(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Ann Lee")
        .env("GIT_AUTHOR_EMAIL", "ann@agency.example")
        .env("GIT_COMMITTER_NAME", "Ann Lee")
        .env("GIT_COMMITTER_EMAIL", "ann@agency.example")
        .output()
        .expect("git runs")
}

#[test]
fn the_pre_commit_hook_refuses_a_commit_with_errors() {
    let ws = Ws::base();
    git2::Repository::init(ws.path()).unwrap();
    let run = ws.run(&["hook", "install", "{ws}"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hook = ws.path().join(".git/hooks/pre-commit");
    let text = std::fs::read_to_string(&hook).unwrap();
    assert!(text.contains("check '.'"), "{text}");

    // A clean workspace commits.
    assert!(git(ws.path(), &["add", "-A"]).status.success());
    let ok = git(ws.path(), &["commit", "-qm", "Records"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    // A record with an error does not, and the hook says why.
    ws.write(
        "clients/acme/orders/WO-2026-0002.md",
        "---\nnumber: WO-2026-0002\nnumber: WO-2026-0003\n---\n",
    );
    assert!(git(ws.path(), &["add", "-A"]).status.success());
    let refused = git(ws.path(), &["commit", "-qm", "Broken"]);
    assert!(!refused.status.success());
    // git shows a hook's output on its standard error.
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("duplicate-key"), "{said}");
    assert_eq!(
        String::from_utf8_lossy(&git(ws.path(), &["rev-list", "--count", "HEAD"]).stdout).trim(),
        "1"
    );

    // An existing hook is never replaced.
    let again = ws.run(&["hook", "install", "{ws}"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("exists; add this line"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), text);
}

#[test]
fn completions_and_manual_pages_cover_every_command() {
    let ws = Ws::empty();
    let bash = ws.run(&["completions", "bash"]);
    assert_eq!(bash.code, 0);
    for word in [
        "check", "sign", "pending", "report", "build", "init", "--today",
    ] {
        assert!(bash.stdout.contains(word), "bash completion lacks {word}");
    }
    ws.write("docket.bash", &bash.stdout);
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(ws.path().join("docket.bash"))
        .output()
        .unwrap();
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let run = ws.run(&["completions", shell]);
        assert!(run.code == 0 && run.stdout.contains("check"), "{shell}");
    }
    let man = ws.run(&["man"]);
    assert!(
        man.stdout.starts_with(".ie") && man.stdout.contains(".TH docket 1"),
        "{}",
        man.stdout
    );
    let out = ws.run(&["man", "--out", "{ws}/man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let check = std::fs::read_to_string(ws.path().join("man/docket-check.1")).unwrap();
    assert!(check.contains("\\-\\-format"), "{check}");
    assert!(ws.path().join("man/docket-hook-install.1").exists());
}

#[test]
fn sarif_output_is_valid_against_the_sarif_2_1_0_schema() {
    let ws = Ws::base();
    ws.write(
        "clients/acme/orders/WO-2026-0002 copy.md",
        "---\nnumber: WO-2026-0002\nnumber: WO-2026-0003\n---\n",
    );
    let run = ws.run(&["check", "{ws}", "--format", "sarif", "--today", TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            crate::harness::fixtures().join("schemas/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject a log that breaks the schema (so the test can fail).
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));

    let results = log["runs"][0]["results"].as_array().unwrap();
    let dup = results.iter().find(|r| r["ruleId"] == "D007").unwrap();
    let location = &dup["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "clients/acme/orders/WO-2026-0002%20copy.md"
    );
    assert_eq!(location["region"]["startLine"], 3);
    assert_eq!(location["region"]["startColumn"], 1);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let index = dup["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["name"], "duplicate-key");
    // Same input, same bytes.
    assert_eq!(
        ws.run(&["check", "{ws}", "--format", "sarif", "--today", TODAY])
            .stdout,
        run.stdout
    );
}

/// Runs docket on a pseudo-terminal (`script` from util-linux), as a person at a
/// terminal would; returns everything it drew there.
fn on_terminal(ws: &Ws, args: &str) -> String {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_docket"));
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(ws.path())
        .env("TERM", "xterm")
        .output()
        .expect("script (util-linux) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn progress_shows_on_a_terminal_only_and_quiet_and_colour_behave() {
    let ws = Ws::base();
    for i in 0..1000 {
        ws.write(
            &format!("clients/acme/minutes/2026-11-01-note-{i:04}.md"),
            "---\nkind: call\ntitle: Call\ndate: 2026-11-01\n---\n",
        );
    }
    let terminal = on_terminal(&ws, &format!("check . --today {TODAY}"));
    assert!(terminal.contains("loading"), "{terminal}");
    assert!(terminal.contains("checked 1002 records"), "{terminal}");
    let quiet = on_terminal(&ws, &format!("check . --today {TODAY} --quiet"));
    assert!(
        !quiet.contains("loading") && !quiet.contains("checked"),
        "{quiet}"
    );

    // Piped: no bar, the same results.
    let piped = ws.run(&["check", "{ws}", "--today", TODAY]);
    assert!(!piped.stderr.contains("loading"), "{}", piped.stderr);
    assert!(
        piped.stdout.contains("checked 1002 records"),
        "{}",
        piped.stdout
    );
    // Colour on a terminal unless NO_COLOR or --color never; forced with --color always.
    let small = Ws::base();
    small.write(
        "clients/acme/orders/WO-2026-0002.md",
        "---\nnumber: WO-2026-0002\nnumber: x\n---\n",
    );
    let coloured = on_terminal(&small, &format!("check . --today {TODAY}"));
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    let plain = on_terminal(&small, &format!("check . --today {TODAY} --color never"));
    assert!(!plain.contains("\u{1b}["), "{plain}");
    let forced = small.run(&["check", "{ws}", "--today", TODAY, "--color", "always"]);
    assert!(forced.stdout.contains("\u{1b}["), "{}", forced.stdout);
    // --verbose adds the stages on standard error.
    let verbose = small.run(&["check", "{ws}", "--today", TODAY, "-v"]);
    assert!(
        verbose.stderr.contains("load and parse"),
        "{}",
        verbose.stderr
    );
}

/// A front matter as JSON, the way a YAML-by-schema validator in an editor reads it.
fn front_matter_json(path: &std::path::Path) -> serde_json::Value {
    use docket::internals::parse::yaml::{Value as Yaml, ValueKind};
    fn json(v: &Yaml) -> serde_json::Value {
        match &v.kind {
            ValueKind::Null => serde_json::Value::Null,
            ValueKind::Bool(b) => (*b).into(),
            ValueKind::Int(s) | ValueKind::Float(s) => {
                s.parse::<f64>().map_or(s.clone().into(), Into::into)
            }
            ValueKind::Str(s) => s.clone().into(),
            ValueKind::Seq(items) => items.iter().map(json).collect(),
            ValueKind::Map(entries) => entries
                .iter()
                .map(|(k, v)| (k.scalar_text().unwrap_or("").to_string(), json(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }
    let text = std::fs::read_to_string(path).unwrap();
    let file = docket::internals::source::SourceFile::new("f.md".into(), path.to_path_buf(), text);
    let value = if path.extension().is_some_and(|e| e == "yaml") {
        docket::internals::parse::yaml::parse(
            &file,
            docket::internals::source::FileId(0),
            0,
            &file.text,
        )
        .unwrap()
    } else {
        docket::internals::parse::front_matter(&file, docket::internals::source::FileId(0))
            .unwrap()
            .1
    };
    json(&value)
}

#[test]
fn the_schemas_accept_the_example_and_refuse_mistakes() {
    let ws = Ws::empty();
    let run = ws.run(&["schema", "--out", "{ws}/schemas"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(
            &std::fs::read_to_string(ws.path().join("schemas").join(name)).unwrap(),
        )
        .unwrap()
    };
    let files = read("files.json");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-workspace");
    let mut validated = 0;
    for (glob, schema) in files.as_object().unwrap() {
        let validator = jsonschema::validator_for(&read(schema.as_str().unwrap())).unwrap();
        let pattern: Vec<&str> = glob.split('/').collect();
        for entry in walkdir::WalkDir::new(&example)
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = entry
                .path()
                .strip_prefix(&example)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let parts: Vec<&str> = rel.split('/').collect();
            let matches = parts.len() == pattern.len()
                && parts.iter().zip(&pattern).all(|(p, g)| {
                    *g == "*" || g == p || (g.starts_with("*.") && p.ends_with(&g[1..]))
                });
            if !matches {
                continue;
            }
            let value = front_matter_json(entry.path());
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{rel}: {errors:#?}");
            validated += 1;
        }
    }
    assert!(validated >= 40, "{validated} files validated");

    // A misspelt field and a status the format does not have are refused.
    let order = read("order.schema.json");
    let validator = jsonschema::validator_for(&order).unwrap();
    assert!(!validator.is_valid(&serde_json::json!({ "titel": "x" })));
    assert!(!validator.is_valid(&serde_json::json!({ "status": "finished" })));
    assert!(validator.is_valid(&serde_json::json!({ "status": "in_progress", "x-po": "4711" })));
}
