//! Weekly reports: snapshots of the example, determinism, refusal on errors, and the
//! leak test: a second client full of unique markers, none of which may reach the first
//! client's report.

use std::path::Path;

use crate::harness::{Run, TODAY, Ws};

/// `docket report weekly WORKSPACE ARGS... --today 2026-11-23` (unless ARGS give a date).
fn weekly(ws: &Ws, workspace: &str, args: &[&str]) -> Run {
    let mut all = vec!["report", "weekly", workspace];
    all.extend_from_slice(args);
    if !args.contains(&"--today") {
        all.extend_from_slice(&["--today", TODAY]);
    }
    ws.run(&all)
}

pub(crate) fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("example-workspace")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn example_reports_are_snapshotted_and_deterministic() {
    let ws = Ws::empty();
    let example = example();
    for client in ["qingshan-dairy", "marlowe-outdoor", "solenne"] {
        for format in ["md", "html"] {
            let args = ["--client", client, "--format", format];
            let first = weekly(&ws, &example, &args);
            assert_eq!(first.code, 0, "{}", first.stderr);
            let second = weekly(&ws, &example, &args);
            assert_eq!(first.stdout, second.stdout, "not deterministic");
            // Markdown of every client; the HTML of one (the same template).
            if format == "html" && client != "qingshan-dairy" {
                continue;
            }
            insta::with_settings!({ snapshot_suffix => client, prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(format!("weekly_{format}"), first.stdout);
            });
        }
    }
}

#[test]
fn reports_for_every_active_client_go_to_a_folder() {
    let ws = Ws::empty();
    let out = ws.path().join("out");
    let run = weekly(
        &ws,
        &example(),
        &["--week", "2026-W47", "--out", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "2026-W47-marlowe-outdoor.md",
            "2026-W47-qingshan-dairy.md",
            "2026-W47-solenne.md"
        ]
    );
    // Never into the records, where a report would be read as one.
    for bad in ["clients/acme/minutes", "internal", "."] {
        let ws = Ws::base();
        let before: Vec<_> = walkdir::WalkDir::new(ws.path())
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .collect();
        let run = weekly(
            &ws,
            "{ws}",
            &["--client", "acme", "--out", &format!("{{ws}}/{bad}")],
        );
        assert_eq!(run.code, 2, "{bad}: {}", run.stdout);
        let after: Vec<_> = walkdir::WalkDir::new(ws.path())
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .collect();
        assert_eq!(before, after, "{bad}: something was written");
    }
    // Without --out, several reports are refused rather than run together.
    let run = weekly(&ws, &example(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--out"), "{}", run.stderr);
}

#[test]
fn a_workspace_with_errors_gets_no_report() {
    let ws = Ws::base();
    ws.write(
        "clients/acme/orders/WO-2026-0001.md",
        "---\nnumber: WO-2026-0001\n---\n",
    );
    let out = ws.path().join("out");
    let run = weekly(
        &ws,
        "{ws}",
        &["--client", "acme", "--out", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nothing written"), "{}", run.stderr);
    assert!(!out.exists());
}

/// Bolt, the other client, carries a unique marker in every kind of thing a report must
/// not show to Acme; Acme's own internal text carries markers too.
pub(crate) fn marked() -> (Ws, Vec<&'static str>) {
    let ws = Ws::base();
    ws.write(
        "clients/bolt/client.md",
        "---\nname: Bolt Brewing Zyxwv\naliases: [螺栓啤酒厂]\nbrand_agent: true\nae: ann.ae\ncontacts:\n  - { id: ben.bolt, name: Benedikt Quorlax, email: quorlax@bolt.example, can_sign: true }\n---\nBolt notes: QUORLAX-NOTES-7731 never to be shared.\n",
    );
    ws.write(
        "clients/bolt/orders/WO-2026-0002.md",
        "---\nnumber: WO-2026-0002\nkind: media\ntitle: Winter media plan VELDT-4411\nrequested: 2026-10-05\ncosts: [{ item: Billboards, vendor: Ostrander Media, amount: 9000 }]\n---\n",
    );
    ws.write(
        "clients/bolt/minutes/2026-11-17-bolt-review.md",
        "---\nkind: client\ntitle: Bolt review MARGRAVE-2290\ndate: 2026-11-17\ndecisions: [Bolt decision PELLUCID-5120]\n---\nBolt body text TAMARIND-8846.\n",
    );
    ws.write(
        "clients/bolt/invoices/INV-2026-0099.md",
        "---\nnumber: INV-2026-0099\norders: [WO-2026-0002]\nissued: 2026-11-01\nlines: [{ description: Bolt media JUNIPER-3307, amount: 1000 }]\n---\n",
    );
    // Acme's own secrets: an internal section, costs and vendors, an internal meeting,
    // its client notes.
    ws.write(
        "clients/acme/client.md",
        "---\nname: Acme Rockets\naliases: [艾克米]\nae: ann.ae\nsupervisor: dan.ad\nportal: true\ncontacts:\n  - { id: rita.acme, name: Rita Stone, email: rita@acme.example, can_sign: true }\n---\nAcme notes: pays late, push back on BRISKET-6612 terms.\n",
    );
    ws.write(
        "clients/acme/minutes/2026-11-18-launch-review.md",
        "---\nkind: client\ntitle: Launch review\ndate: 2026-11-18 10:00\nattended: [ann.ae, rita.acme]\ndecisions: [Go with concept B]\nactions:\n  - { task: Send final files, owner: ann.ae, due: 2026-11-25 }\n---\nPublic summary of the review.\n\n## Internal\n\nMargin is thin on this job: CALDERA-5501.\n",
    );
    ws.write(
        "clients/acme/minutes/2026-11-19-pricing.md",
        "---\nkind: internal\ntitle: Pricing huddle OBSIDIAN-7745\ndate: 2026-11-19\nconclusion: Hold the rate SAFFRON-1203\n---\nInternal meeting body GLACIER-3390.\n",
    );
    ws.write(
        "clients/acme/orders/WO-2026-0001.md",
        "---\nnumber: WO-2026-0001\nkind: creative\ntitle: Launch key visual\nrequested: 2026-10-01\ndue: 2026-12-01\nteam: [cai.cr]\nbudget: { amount: \"50,000.00\", currency: CNY }\ncosts: [{ item: Retouching HALCYON-4471, vendor: Pemberton Studio, amount: 8000 }]\n---\n",
    );
    let markers = vec![
        "Zyxwv",
        "螺栓啤酒厂",
        "Benedikt",
        "Quorlax",
        "quorlax@bolt.example",
        "QUORLAX-NOTES-7731",
        "VELDT-4411",
        "Ostrander",
        "MARGRAVE-2290",
        "PELLUCID-5120",
        "TAMARIND-8846",
        "JUNIPER-3307",
        "WO-2026-0002",
        "INV-2026-0099",
        "BRISKET-6612",
        "CALDERA-5501",
        "OBSIDIAN-7745",
        "SAFFRON-1203",
        "GLACIER-3390",
        "HALCYON-4471",
        "Pemberton",
        "8,000",
    ];
    (ws, markers)
}

#[test]
fn nothing_of_another_client_or_internal_reaches_a_report() {
    let (ws, markers) = marked();
    let (code, found, _) = ws.check_json();
    assert_eq!(
        (code, found),
        (0, vec![]),
        "the marked workspace must check clean"
    );
    for format in ["md", "html"] {
        let run = weekly(&ws, "{ws}", &["--client", "acme", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        // The report has Acme's own public content...
        for own in ["Launch review", "Go with concept B", "Send final files"] {
            assert!(run.stdout.contains(own), "missing {own}:\n{}", run.stdout);
        }
        // ...and none of the markers, in any case.
        let lower = run.stdout.to_lowercase();
        for m in &markers {
            assert!(
                !lower.contains(&m.to_lowercase()),
                "{m} leaked into Acme's {format} report:\n{}",
                run.stdout
            );
        }
    }
    // Bolt's report likewise has nothing of Acme.
    let run = weekly(&ws, "{ws}", &["--client", "bolt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for m in [
        "Acme",
        "艾克米",
        "Rita",
        "rita@acme.example",
        "WO-2026-0001",
        "Launch review",
    ] {
        assert!(
            !run.stdout.contains(m),
            "{m} leaked into Bolt's report:\n{}",
            run.stdout
        );
    }
}

#[test]
fn the_final_scan_stops_a_leaking_template() {
    let (ws, _) = marked();
    // A workspace template that writes another client's name and an internal line: the
    // view cannot give it those, but literal text can. The scan refuses to write.
    ws.write(
        "templates/report/weekly.md",
        "# {{ client }}\nSee also Bolt Brewing Zyxwv.\nMargin is thin on this job: CALDERA-5501.\n",
    );
    let out = ws.path().join("out");
    let run = weekly(
        &ws,
        "{ws}",
        &["--client", "acme", "--out", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("the name \"Bolt Brewing Zyxwv\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("internal text"), "{}", run.stderr);
    assert!(!out.exists());
}

/// The `.eml` parsed back: the headers an AE needs, dated on the report day in the
/// workspace timezone, with both parts equal to the Markdown and HTML reports.
#[test]
fn the_eml_report_is_a_real_message() {
    let ws = Ws::empty();
    let example = example();
    let run = |format: &str| {
        let r = weekly(
            &ws,
            &example,
            &["--client", "qingshan-dairy", "--format", format],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    let (eml, md, html) = (run("eml"), run("md"), run("html"));
    assert_eq!(eml, run("eml"), "not deterministic");
    let message = mail_parser::MessageParser::default()
        .parse(eml.as_bytes())
        .expect("a parsable message");
    let from = message.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("Qian Hao"));
    assert_eq!(from.address(), Some("qian.hao@northwind.example"));
    let to: Vec<&str> = message
        .to()
        .unwrap()
        .iter()
        .filter_map(|a| a.address())
        .collect();
    assert_eq!(
        to,
        [
            "wei.shulan@qingshandairy.example",
            "ma.lingling@qingshandairy.example"
        ]
    );
    assert_eq!(
        message.cc().unwrap().first().unwrap().address(),
        Some("du.mei@northwind.example")
    );
    assert_eq!(
        message.subject(),
        Some("Qingshan Dairy: weekly report, 2026-W48")
    );
    assert_eq!(
        message.date().unwrap().to_rfc3339(),
        "2026-11-23T12:00:00+08:00"
    );
    assert_eq!(
        message.message_id(),
        Some("weekly.2026-W48.qingshan-dairy@northwind.example")
    );
    assert_eq!(message.body_text(0).unwrap().replace("\r\n", "\n"), md);
    assert_eq!(message.body_html(0).unwrap().replace("\r\n", "\n"), html);
    insta::assert_snapshot!("weekly_eml_qingshan", eml);
}

#[test]
fn the_internal_report_covers_every_client_for_the_agency() {
    let ws = Ws::empty();
    let example = example();
    let run = weekly(&ws, &example, &["--internal"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        weekly(&ws, &example, &["--internal"]).stdout,
        "not deterministic"
    );
    for client in ["Qingshan Dairy", "Marlowe Outdoor", "Solenne Beauty China"] {
        assert!(run.stdout.contains(client), "{client} missing");
    }
    insta::assert_snapshot!("weekly_internal", run.stdout);
}

/// A past week's report is judged on its own report day: made months later, it says the
/// same (nothing became overdue since).
#[test]
fn a_past_weeks_report_reads_the_same_whenever_it_is_made() {
    let ws = Ws::empty();
    let example = example();
    let at = |today: &str| {
        let run = weekly(
            &ws,
            &example,
            &[
                "--client", "solenne", "--week", "2026-W46", "--today", today, "--format", "html",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    assert_eq!(at(TODAY), at("2027-03-01"));
}

/// Names in any script survive the e-mail headers (encoded words), read back as written.
#[test]
fn eml_headers_carry_names_in_any_script() {
    let ws = Ws::base();
    let path = ws.path().join("clients/acme/client.md");
    let text = std::fs::read_to_string(&path).unwrap();
    ws.write(
        "clients/acme/client.md",
        text.replace("name: Acme Rockets", "name: 艾克米火箭")
            .replace("aliases: [艾克米]", "aliases: [Acme]")
            .replace("name: Rita Stone", "name: 石丽塔"),
    );
    let run = weekly(&ws, "{ws}", &["--client", "acme", "--format", "eml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_ascii(), "headers and parts are 7-bit encoded");
    let m = mail_parser::MessageParser::default()
        .parse(run.stdout.as_bytes())
        .unwrap();
    assert_eq!(m.subject(), Some("艾克米火箭: weekly report, 2026-W48"));
    assert_eq!(m.to().unwrap().first().unwrap().name(), Some("石丽塔"));
}

/// Acme's `client.md` with these contact lines.
fn acme_with(contacts: &str) -> String {
    format!(
        "---\nname: Acme Rockets\nae: ann.ae\nsupervisor: dan.ad\nportal: true\ncontacts:\n{contacts}---\nInternal notes about Acme.\n"
    )
}

#[test]
fn the_eml_goes_to_the_contacts_addresses_and_no_one_else() {
    // A name that reads like more recipients and a header is only a display name.
    let ws = Ws::base();
    ws.write(
        "clients/acme/client.md",
        acme_with(concat!(
            "  - { id: rita.acme, name: \"Rita, Boss <boss@else.example>\\r\\nBcc: spy@else.example\", ",
            "email: rita@acme.example, can_sign: true }\n",
            "  - { id: ma.acme, name: \"Ma \\\"Li\\\" <x@else.example>\", email: ma@acme.example, can_sign: true }\n",
        )),
    );
    let (code, found, _) = ws.check_json();
    assert_eq!((code, found.len()), (0, 0), "{found:?}");
    let run = weekly(&ws, "{ws}", &["--client", "acme", "--format", "eml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let message = mail_parser::MessageParser::default()
        .parse(run.stdout.as_bytes())
        .expect("a parsable message");
    let addresses = |list: Option<&mail_parser::Address>| -> Vec<String> {
        list.map(|l| {
            l.iter()
                .filter_map(|a| a.address())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
    };
    assert_eq!(
        addresses(message.to()),
        ["rita@acme.example", "ma@acme.example"]
    );
    assert_eq!(addresses(message.from()), ["ann@agency.example"]);
    assert_eq!(addresses(message.cc()), ["dan@agency.example"]);
    assert!(message.bcc().is_none() && !run.stdout.contains("\nBcc:"));
    let names: Vec<String> = message
        .to()
        .unwrap()
        .iter()
        .filter_map(|a| a.name())
        .map(String::from)
        .collect();
    assert!(
        names[0].starts_with("Rita, Boss <boss@else.example>"),
        "{names:?}"
    );
    assert_eq!(names[1], "Ma \"Li\" <x@else.example>");
    for spy in ["spy@else.example", "boss@else.example", "x@else.example"] {
        assert!(!addresses(message.to()).iter().any(|a| a == spy));
    }
}

#[test]
fn an_email_that_is_not_one_address_is_refused_where_it_is_written() {
    let ws = Ws::base();
    ws.write(
        "clients/acme/client.md",
        acme_with(
            "  - { id: rita.acme, name: Rita Stone, email: \"rita@acme.example>, Boss <boss@else.example\", can_sign: true }\n",
        ),
    );
    let docket = std::fs::read_to_string(ws.path().join("docket.yaml")).unwrap();
    ws.write(
        "docket.yaml",
        docket.replace(
            "email: ann@agency.example",
            "email: ann@agency.example (Ann)",
        ),
    );
    let (code, found, _) = ws.check_json();
    assert_eq!(code, 1);
    let found: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        ["D029 clients/acme/client.md:7:47", "D029 docket.yaml:6:41",]
    );
    // The report is not written, and the second address is in no output.
    let run = weekly(&ws, "{ws}", &["--client", "acme", "--format", "eml"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(!run.stdout.contains("boss@else.example"), "{}", run.stdout);
}
