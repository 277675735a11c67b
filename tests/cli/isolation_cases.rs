//! Client isolation, case by case, as a careless AE or an attacker would try it: each
//! case is written into the base workspace (clients `acme`, with a portal, and `bolt`,
//! whose contact is Ben Ford `ben.bolt`), and its marker is looked for in every output
//! `acme` can receive: every file of its portal (pages, calendar, attachments), its
//! weekly report as Markdown, HTML and e-mail, and its change log as text, Markdown and
//! JSON. Where the marker belongs on the internal site, it is shown to be there.
//!
//! docs/security.md's threat table names these tests.

use std::path::Path;

use crate::harness::{TODAY, Ws};

/// What `acme` received: (where, text). A refused output is not there at all.
pub struct Received {
    files: Vec<(String, String)>,
    /// Exit codes of build, the three reports and the three change logs.
    codes: Vec<(String, i32)>,
}

fn read_tree(dir: &Path, into: &mut Vec<(String, String)>) {
    if !dir.exists() {
        return;
    }
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let bytes = std::fs::read(e.path()).unwrap();
            into.push((
                e.path().to_string_lossy().into_owned(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
}

/// Builds and reports everything `acme` can receive. A workspace that is not yet a
/// repository is committed first, so that its change log is among the outputs.
pub fn received(ws: &Ws) -> Received {
    if !ws.path().join(".git").exists() {
        ws.commit_all("Ann Lee", "ann@agency.example", 1_763_600_000, "Records");
    }
    let mut files = Vec::new();
    let mut codes = Vec::new();
    let out = ws.path().join("_out");
    let site = out.join("site");
    let build = ws.run(&[
        "build",
        "{ws}",
        "--out",
        &site.to_string_lossy(),
        "--today",
        TODAY,
    ]);
    codes.push(("build".to_string(), build.code));
    read_tree(&site.join("portal/acme"), &mut files);
    for format in ["md", "html", "eml"] {
        let run = ws.run(&[
            "report", "weekly", "{ws}", "--client", "acme", "--format", format, "--today", TODAY,
        ]);
        codes.push((format!("report {format}"), run.code));
        files.push((format!("report.{format}"), run.stdout));
    }
    for format in ["human", "md", "json"] {
        let run = ws.run(&["changes", "{ws}", "--client", "acme", "--format", format]);
        codes.push((format!("changes {format}"), run.code));
        files.push((format!("changes.{format}"), run.stdout));
    }
    Received { files, codes }
}

/// A plain fold, written here apart from docket's own: lower case, full-width ASCII
/// letters and digits as ASCII, zero-width characters, soft hyphens and BOMs out, every
/// run of white space (no-break spaces too) as one space, `&nbsp;` as a space.
pub fn plain(text: &str) -> String {
    let text = text.replace("&nbsp;", " ").replace("&#160;", " ");
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        let c = match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap(),
            _ => c,
        };
        if matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}' | '\u{feff}'
        ) {
            continue;
        }
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

impl Received {
    /// Asserts that no output holds `marker` (as written, or folded plainly).
    pub fn lacks(&self, marker: &str) {
        let folded = plain(marker);
        for (path, text) in &self.files {
            assert!(
                !text.contains(marker) && !plain(text).contains(&folded),
                "{path} holds {marker:?}"
            );
        }
    }

    fn code(&self, what: &str) -> i32 {
        self.codes
            .iter()
            .find(|(w, _)| w == what)
            .map(|(_, c)| *c)
            .unwrap_or_else(|| panic!("no {what} in {:?}", self.codes))
    }

    fn text(&self, name: &str) -> &str {
        &self.files.iter().find(|(p, _)| p == name).unwrap().1
    }
}

/// The internal site's page of a record, as built by [`received`].
fn internal_page(ws: &Ws, record: &str) -> String {
    let page = record.replace(".md", ".html");
    std::fs::read_to_string(ws.path().join("_out/site").join(page)).unwrap()
}

/// Bolt's contact named in Acme's minutes, in each way people write or paste it.
const DISGUISES: &[(&str, &str)] = &[
    ("hard-wrapped", "Ben\n  Ford"),
    ("two spaces", "Ben  Ford"),
    ("no-break space", "Ben\u{a0}Ford"),
    ("tab", "Ben\tFord"),
    ("full-width", "Ｂｅｎ Ｆｏｒｄ"),
    ("zero-width space", "Be\u{200b}n Ford"),
    ("soft hyphen", "Ben Fo\u{ad}rd"),
    ("character reference", "Ben&nbsp;Ford"),
    ("upper case", "BEN FORD"),
];

fn minutes_naming(name: &str) -> String {
    format!(
        "---\nkind: client\ntitle: Launch review\ndate: 2026-11-18 10:00\nattended: [ann.ae, rita.acme]\ndecisions: [Go with the blue key visual]\n---\nWe agreed the key visual with the team.\nLike the launch we did with {name}, a pop-up.\n"
    )
}

#[test]
fn disguised_names_are_caught_by_check_at_their_place() {
    for (how, name) in DISGUISES {
        let ws = Ws::base();
        ws.write(
            "clients/acme/minutes/2026-11-18-review.md",
            minutes_naming(name),
        );
        let (code, found, json) = ws.check_json();
        assert_eq!(code, 1, "{how}: {json}");
        let d090: Vec<_> = found.iter().filter(|f| f.code == "D090").collect();
        assert_eq!(d090.len(), 1, "{how}: {found:?}");
        assert_eq!(
            d090[0].file, "clients/acme/minutes/2026-11-18-review.md",
            "{how}"
        );
        // Line 9 is the body's second line; the name starts after "...we did with ".
        assert_eq!((d090[0].line, d090[0].column), (9, 29), "{how}");
    }
}

#[test]
fn disguised_names_never_reach_the_client_with_the_rule_off() {
    for (how, name) in DISGUISES {
        let ws = Ws::base();
        ws.write(
            "clients/acme/minutes/2026-11-18-review.md",
            minutes_naming(name),
        );
        let settings = std::fs::read_to_string(ws.path().join("docket.yaml")).unwrap();
        ws.write(
            "docket.yaml",
            format!("{settings}rules: {{ cross-client-mention: off }}\n"),
        );
        let (code, _, json) = ws.check_json();
        assert_eq!(code, 0, "{how}: the rule is off: {json}");
        let got = received(&ws);
        // The scan refuses each output that would carry the name; nothing is written.
        assert_eq!(got.code("build"), 2, "{how}");
        assert!(!ws.path().join("_out/site").exists(), "{how}");
        // The weekly report lists no meeting bodies: it passes, without the name.
        for format in ["md", "html", "eml"] {
            assert_eq!(got.code(&format!("report {format}")), 0, "{how}: {format}");
        }
        got.lacks("Ben Ford");
        got.lacks(name);
    }
}

#[test]
fn quieted_rules_do_not_change_what_a_client_sees() {
    // A misspelt kind, an unknown visibility and a missing kind, with the rules that
    // report them off: each meeting is internal, on the internal site only.
    let cases = [
        ("kind: internl", "2026-11-10-misspelt.md"),
        ("kind: client\nvisibility: private", "2026-11-11-private.md"),
        ("visibility: client", "2026-11-12-no-kind.md"),
    ];
    let ws = Ws::base();
    for (i, (fields, file)) in cases.iter().enumerate() {
        ws.write(
            &format!("clients/acme/minutes/{file}"),
            format!(
                "---\n{fields}\ntitle: Margin plan {i}\ndate: 2026-11-1{i}\n---\nOur margin on this job stays at forty percent, case {i}.\n"
            ),
        );
    }
    let settings = std::fs::read_to_string(ws.path().join("docket.yaml")).unwrap();
    ws.write(
        "docket.yaml",
        format!("{settings}rules: {{ invalid-value: off, missing-field: off }}\n"),
    );
    let (code, found, _) = ws.check_json();
    assert_eq!(code, 0, "{found:?}");
    let got = received(&ws);
    assert_eq!(got.code("build"), 0);
    for (i, (_, file)) in cases.iter().enumerate() {
        got.lacks(&format!("Margin plan {i}"));
        got.lacks(&format!("forty percent, case {i}"));
        let page = internal_page(&ws, &format!("clients/acme/minutes/{file}"));
        assert!(page.contains(&format!("forty percent, case {i}")), "{file}");
    }
}

#[test]
fn another_clients_contact_id_is_never_shown() {
    // Bolt's contact among Acme's attendees, with every rule that would say so off.
    let ws = Ws::base();
    ws.write(
        "clients/acme/minutes/2026-11-18-review.md",
        "---\nkind: client\ntitle: Launch review\ndate: 2026-11-18 10:00\nattended: [ann.ae, rita.acme, ben.bolt]\n---\nWe agreed the key visual with the team.\n",
    );
    let (code, found, _) = ws.check_json();
    assert_eq!(code, 1);
    assert!(
        found
            .iter()
            .any(|f| f.code == "D041" && (f.line, f.column) == (5, 31)),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.code == "D090" && (f.line, f.column) == (5, 31)),
        "{found:?}"
    );
    let settings = std::fs::read_to_string(ws.path().join("docket.yaml")).unwrap();
    ws.write(
        "docket.yaml",
        format!("{settings}rules: {{ foreign-contact: off, cross-client-mention: off }}\n"),
    );
    let got = received(&ws);
    assert_eq!(got.code("build"), 0);
    got.lacks("ben.bolt");
    got.lacks("Ben Ford");
    let page = got
        .files
        .iter()
        .find(|(p, _)| p.ends_with("minutes/2026-11-18-review.html"))
        .unwrap();
    assert!(
        page.1.contains("(someone else)"),
        "the attendee is not named"
    );
    assert!(internal_page(&ws, "clients/acme/minutes/2026-11-18-review.md").contains("Ben Ford"));
}

#[test]
fn a_corrected_mention_stays_out_of_the_clients_change_log() {
    let ws = Ws::base();
    // The name in a decision: a change log shows decisions word for word.
    let decided = |what: &str| {
        format!(
            "---\nkind: client\ntitle: Launch review\ndate: 2026-11-18 10:00\ndecisions: [\"A pop-up, as {what} did\"]\n---\nWe agreed the key visual with the team.\n"
        )
    };
    ws.write(
        "clients/acme/minutes/2026-11-18-review.md",
        decided("Ｂｅｎ\u{a0}Ford"),
    );
    ws.commit_all(
        "Ann Lee",
        "ann@agency.example",
        1_763_600_000,
        "Minutes of the review",
    );
    ws.write(
        "clients/acme/minutes/2026-11-18-review.md",
        decided("another brand"),
    );
    ws.commit_all(
        "Ann Lee",
        "ann@agency.example",
        1_763_603_600,
        "No other client",
    );
    let (code, found, _) = ws.check_json();
    assert_eq!(code, 0, "{found:?}");
    let got = received(&ws);
    for format in ["human", "md", "json"] {
        assert_eq!(got.code(&format!("changes {format}")), 0, "{format}");
    }
    got.lacks("Ben Ford");
    got.lacks("Ｂｅｎ\u{a0}Ford");
    // The change is withheld, not silently lost; the agency's log has it all.
    let json: serde_json::Value = serde_json::from_str(got.text("changes.json")).unwrap();
    let events: Vec<&str> = json["clients"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["records"].as_array().unwrap())
        .flat_map(|r| r["changes"].as_array().unwrap())
        .flat_map(|c| c["events"].as_array().unwrap())
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert!(events.contains(&"withheld"), "{events:?}");
    assert!(
        got.text("changes.human")
            .contains("a change not shown here")
    );
    let agency = ws.run(&["changes", "{ws}", "--format", "json"]);
    assert_eq!(agency.code, 0);
    assert!(
        plain(&agency.stdout).contains("ben ford"),
        "{}",
        agency.stdout
    );
}

#[test]
fn only_the_scan_opens_client_output() {
    // `ForClient::open_for_scan` is the one door out of a rendered client output: no
    // code but the scan may call it.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut callers = Vec::new();
    for e in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path().extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let rel = e
                .path()
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if text.contains(".open_for_scan(") {
                callers.push(rel);
            }
        }
    }
    assert_eq!(callers, ["publish/scan/mod.rs"]);
}

#[test]
fn text_two_clients_both_write_is_no_leak() {
    // The scan looks for every line written anywhere; a client's own lines, however its
    // page shows them (a list read as one sentence, a link's text, a wrapped line), are
    // its own to see even when another client's records say the same.
    let ws = Ws::base();
    ws.write(
        "clients/acme/minutes/2026-11-18-review.md",
        "---\nkind: client\ntitle: Launch review\ndate: 2026-11-18 10:00\n---\n- Claims on the snack range need the lab number.\n- Two rounds of changes are in the fee.\n\nSee [the brief](../files/brief.txt) for the launch plan today.\n\nThe shoot moves to the spring of\n2027. Ann will send a scope and a draft order.\n",
    );
    ws.write(
        "clients/bolt/minutes/2026-11-18-review.md",
        "---\nkind: client\ntitle: Bolt review\ndate: 2026-11-18 11:00\n---\nClaims on the snack range need the lab number. Two rounds of changes are in the fee.\n\nSee the brief for the launch plan today.\n\nAnn will send a scope and a draft order.\n",
    );
    let (code, found, _) = ws.check_json();
    assert_eq!(code, 0, "{found:?}");
    let got = received(&ws);
    assert_eq!(got.code("build"), 0);
    assert!(
        got.files
            .iter()
            .any(|(_, t)| t.contains("Two rounds of changes"))
    );
}
