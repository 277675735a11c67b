//! `docket build`: snapshots of the example's key pages, every link resolving, calendars
//! and exports read back by other parsers, the portal leak test over every file, hostile
//! Markdown, atomic replacement, refusals, `--portal`, and determinism.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::harness::{Run, TODAY, Ws};
use crate::reports::{example, marked};

/// `docket build WORKSPACE --out OUT ARGS... --today 2026-11-23`.
pub fn build(ws: &Ws, workspace: &str, out: &Path, args: &[&str]) -> Run {
    let out = out.to_string_lossy();
    let mut all = vec!["build", workspace, "--out", &out, "--today", TODAY];
    all.extend_from_slice(args);
    ws.run(&all)
}

/// Every file under `root`, by path with `/`, with its bytes.
pub fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not built"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// The example, built once per test that needs it.
fn example_site(ws: &Ws) -> (PathBuf, BTreeMap<String, Vec<u8>>) {
    let out = ws.path().join("site");
    let run = build(ws, &example(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = files(&out);
    (out, built)
}

#[test]
fn example_site_pages_are_snapshotted_and_deterministic() {
    let ws = Ws::empty();
    let (out, first) = example_site(&ws);
    // The summary says where the site is and what it holds.
    let run = build(&ws, &example(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(
        "build_summary",
        run.stdout.replace(&*out.to_string_lossy(), "[OUT]")
    );
    // Same input, same bytes, down to the calendars' stamps and the exports.
    assert_eq!(first, files(&out), "a second build differs");
    for page in [
        "index.html",
        "clients/solenne/index.html",
        "clients/solenne/orders/WO-2026-0035.html",
        "clients/qingshan-dairy/schedules/tvc-production.html",
        "portal/solenne/index.html",
        "portal/solenne/minutes/2026-09-21-counter-opening-proposal.html",
        "portal/qingshan-dairy/orders/WO-2026-0037.html",
        "portal/qingshan-dairy/schedules/tvc-production.html",
        "exports/work-orders.csv",
    ] {
        let name = page.replace(['/', '.'], "_");
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("site", text(&first, page));
        });
    }
    // The internal site has a page for every record; portals only for what clients see.
    let pages = |prefix: &str| {
        first
            .keys()
            .filter(|p| p.starts_with(prefix) && p.ends_with(".html"))
            .count()
    };
    assert!(pages("clients/") >= 40, "{:?}", first.keys());
    assert!(
        first
            .keys()
            .all(|p| !p.starts_with("portal/marlowe-outdoor/"))
    );
    assert!(first.contains_key(".docket-site"));
}

/// Every `href` and `src` of every page: relative ones must name a file of the site (and
/// an `id` in it when they carry a fragment); absolute ones may only be web, mail or phone
/// links.
#[test]
fn every_link_of_the_site_resolves() {
    let ws = Ws::empty();
    let (_, built) = example_site(&ws);
    let mut checked = 0;
    for (path, bytes) in built.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        for link in attributes(&html, &["href", "src"]) {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
            {
                continue;
            }
            assert!(!link.contains(':'), "{path}: link {link}");
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() {
                path.clone()
            } else {
                join(path, &percent_decode(file))
            };
            let Some(bytes) = built.get(&target) else {
                panic!("{path}: {link} -> {target}, which is not in the site");
            };
            if !fragment.is_empty() {
                let html = String::from_utf8_lossy(bytes);
                assert!(
                    html.contains(&format!("id=\"{fragment}\"")),
                    "{path}: {link}: no id {fragment} in {target}"
                );
            }
            // A portal links only inside itself.
            if let Some(rest) = path.strip_prefix("portal/") {
                let portal = format!("portal/{}/", rest.split('/').next().unwrap());
                assert!(
                    target.starts_with(&portal),
                    "{path}: {link} leaves the portal"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

/// The values of `names` attributes in `html`, entities decoded.
fn attributes(html: &str, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&needle) {
            rest = &rest[i + needle.len()..];
            let end = rest.find('"').unwrap();
            out.push(
                rest[..end]
                    .replace("&#x2f;", "/")
                    .replace("&#39;", "'")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&"),
            );
            rest = &rest[end..];
        }
    }
    out
}

/// `s` with `%XX` escapes decoded (a `%` not followed by two hex digits stays).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], s.get(i + 1..i + 3)) {
            (b'%', Some(hex)) if u8::from_str_radix(hex, 16).is_ok() => {
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `link` relative to the page at `page`, as a path from the site's root.
fn join(page: &str, link: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for piece in link.split('/') {
        match piece {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{page}: {link} climbs out of the site"
                );
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The calendars, read by the `ical` crate, and the exports, read by the `csv` crate,
/// hold what the records say.
#[test]
fn calendars_and_exports_read_back() {
    let ws = Ws::empty();
    let (_, built) = example_site(&ws);
    let calendars: Vec<&String> = built.keys().filter(|p| p.ends_with(".ics")).collect();
    assert_eq!(
        calendars,
        [
            "calendar.ics",
            "portal/qingshan-dairy/calendar.ics",
            "portal/solenne/calendar.ics"
        ]
    );
    let mut summaries = BTreeMap::new();
    for path in calendars {
        let text = text(&built, path);
        assert!(
            text.lines().all(|l| l.len() <= 76),
            "{path}: a line is not folded"
        );
        let mut parser = ical::IcalParser::new(text.as_bytes());
        let cal = parser.next().unwrap().unwrap();
        assert!(parser.next().is_none());
        let mut uids = std::collections::BTreeSet::new();
        let mut list = Vec::new();
        for event in &cal.events {
            let get = |name: &str| {
                event
                    .properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_else(|| panic!("{path}: event without {name}"))
            };
            assert!(uids.insert(get("UID")), "{path}: UID twice");
            assert_eq!(get("DTSTAMP"), "20261123T000000Z");
            get("DTSTART");
            list.push((get("DTSTART"), get("SUMMARY")));
        }
        summaries.insert(path.clone(), list);
    }
    let solenne = &summaries["portal/solenne/calendar.ics"];
    // A meeting at 14:00 Shanghai time is 06:00 UTC.
    assert!(
        solenne.contains(&(
            "20260921T060000Z".to_string(),
            "Jing'an counter opening event proposal".to_string()
        )),
        "{solenne:?}"
    );
    // The agency calendar names the client; a client's does not name other clients.
    let agency = &summaries["calendar.ics"];
    assert!(
        agency
            .iter()
            .any(|(_, s)| s.starts_with("Solenne Beauty China: "))
    );
    assert!(
        solenne
            .iter()
            .all(|(_, s)| !s.contains("Qingshan") && !s.contains("Marlowe"))
    );

    let csv_text = text(&built, "exports/work-orders.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let order_files = std::fs::read_dir(Path::new(&example()).join("clients"))
        .unwrap()
        .map(|c| c.unwrap().path().join("orders"))
        .filter(|p| p.is_dir())
        .map(|p| std::fs::read_dir(p).unwrap().count())
        .sum::<usize>();
    assert_eq!(rows.len(), order_files);
    let row = rows
        .iter()
        .find(|r| &r[column("number")] == "WO-2026-0035")
        .unwrap();
    assert_eq!(&row[column("currency")], "CNY");
    assert_eq!(&row[column("budget")], "210000.00");
    // The six cost lines of WO-2026-0035, summed exactly.
    assert_eq!(&row[column("costs")], "152100.00");
    let csv_text = text(&built, "exports/invoices.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert!(reader.headers().unwrap().iter().any(|h| h == "balance"));
    assert!(reader.records().count() >= 5);
    let csv_text = text(&built, "exports/actions.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert!(reader.records().count() >= 30);
}

/// Bolt gets a portal too, and a file named after one of its markers; Acme's minutes
/// link to an attachment and to Bolt's records, which must not become links.
fn marked_with_portals() -> (Ws, Vec<&'static str>) {
    let (ws, markers) = marked();
    let bolt = std::fs::read_to_string(ws.path().join("clients/bolt/client.md")).unwrap();
    ws.write(
        "clients/bolt/client.md",
        bolt.replacen(
            "brand_agent: true\n",
            "brand_agent: true\nportal: true\n",
            1,
        ),
    );
    ws.write(
        "clients/bolt/files/VELDT-4411-plan.txt",
        "Bolt plan TAMARIND-8846\n",
    );
    ws.write(
        "clients/bolt/minutes/2026-11-10-bolt-plan.md",
        "---\nkind: client\ntitle: Bolt plan call\ndate: 2026-11-10\n---\nSee [the plan](../files/VELDT-4411-plan.txt).\n",
    );
    ws.write(
        "clients/acme/minutes/2026-11-11-brief.md",
        "---\nkind: client\ntitle: Brief walk-through\ndate: 2026-11-11\n---\nThe [brief](../files/brief.txt) and <a href=\"../../bolt/minutes/2026-11-17-bolt-review.md\">their review</a>.\n",
    );
    (ws, markers)
}

#[test]
fn nothing_of_another_client_or_internal_reaches_a_portal() {
    let (ws, markers) = marked_with_portals();
    let (code, found, _) = ws.check_json();
    assert_eq!(code, 0, "{found:?}");
    let out = ws.path().join("out");
    let run = build(&ws, "{ws}", &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = files(&out);
    let acme: Vec<(&String, String)> = built
        .iter()
        .filter_map(|(p, b)| {
            let rel = p.strip_prefix("portal/acme/")?;
            Some((p, format!("{rel}\n{}", String::from_utf8_lossy(b))))
        })
        .collect();
    // Pages, calendar, stylesheet and the one attachment; nothing of Bolt's.
    assert!(acme.iter().any(|(p, _)| p.ends_with("files/brief.txt")));
    assert!(acme.iter().any(|(p, _)| p.ends_with("calendar.ics")));
    assert!(acme.len() >= 6, "{acme:?}");
    let all: String = acme.iter().map(|(_, t)| t.as_str()).collect();
    for own in [
        "Launch review",
        "Go with concept B",
        "Send final files",
        "Public summary",
    ] {
        assert!(all.contains(own), "Acme's portal lacks {own}");
    }
    for (path, content) in &acme {
        let lower = content.to_lowercase();
        for m in &markers {
            assert!(
                !lower.contains(&m.to_lowercase()),
                "{m} leaked into {path}:\n{content}"
            );
        }
        assert!(
            !content.contains("bolt"),
            "{path} mentions bolt:\n{content}"
        );
    }
    // Bolt's portal has its own file and nothing of Acme.
    assert!(built.contains_key("portal/bolt/files/VELDT-4411-plan.txt"));
    for (path, bytes) in built.iter().filter(|(p, _)| p.starts_with("portal/bolt/")) {
        let content = format!("{path}\n{}", String::from_utf8_lossy(bytes));
        for m in [
            "Acme",
            "艾克米",
            "Rita",
            "rita@acme.example",
            "WO-2026-0001",
            "Launch review",
            "CALDERA-5501",
        ] {
            assert!(!content.contains(m), "{m} leaked into {path}");
        }
    }
    // The internal site shows what the portals do not: the scan above can fail.
    let internal = text(&built, "clients/acme/minutes/2026-11-18-launch-review.html");
    assert!(internal.contains("CALDERA-5501"));
    let internal = text(&built, "clients/acme/orders/WO-2026-0001.html");
    assert!(internal.contains("HALCYON-4471") && internal.contains("Pemberton"));
}

#[test]
fn the_final_scan_stops_a_leaking_portal_template() {
    let (ws, _) = marked_with_portals();
    let out = ws.path().join("out");
    let run = build(&ws, "{ws}", &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = files(&out);
    ws.write(
        "templates/site/portal/index.html",
        "{% extends \"site/portal/base.html\" %}{% block content %}Also serving Bolt Brewing Zyxwv. Margin is thin on this job: CALDERA-5501.{% endblock %}",
    );
    let run = build(&ws, "{ws}", &out, &[]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("the name \"Bolt Brewing Zyxwv\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("internal text"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing built"), "{}", run.stderr);
    assert_eq!(before, files(&out), "the previous site was touched");
}

#[test]
fn hostile_markdown_in_a_body_is_inert() {
    let ws = Ws::base();
    let body = [
        "<script>alert('x')</script>",
        "[click](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>)",
        "<img src=x onerror=alert(1)> ![pixel](https://tracker.example/p.png)",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<p style=\"position:fixed;top:0\">cover</p> <a href=\"vbscript:x\">v</a>",
        "<svg onload=alert(1)></svg> <form action=https://evil.example><input></form>",
        "<a href=\"../../../../../etc/passwd\">up</a> <a href=\"/etc/passwd\">abs</a>",
    ]
    .join("\n\n");
    ws.write(
        "clients/acme/minutes/2026-11-16-hostile.md",
        format!("---\nkind: client\ntitle: Hostile body\ndate: 2026-11-16\n---\n{body}\n"),
    );
    let out = ws.path().join("out");
    let run = build(&ws, "{ws}", &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = files(&out);
    let pages = [
        "clients/acme/minutes/2026-11-16-hostile.html",
        "portal/acme/minutes/2026-11-16-hostile.html",
    ];
    for page in pages {
        let html = text(&built, page).to_lowercase();
        assert!(html.contains("cover"), "{page}: the text is kept");
        for bad in [
            "<script",
            "javascript:",
            "vbscript:",
            "data:",
            "onerror",
            "onload",
            "<iframe",
            "<svg",
            "<form",
            "<input",
            "style=",
            "passwd\"",
        ] {
            assert!(!html.contains(bad), "{page}: {bad}");
        }
        assert!(
            !html.contains("<img src=\"http"),
            "{page}: a remote image loads"
        );
        assert!(html.contains("content-security-policy"), "{page}: no CSP");
    }
}

#[test]
fn a_workspace_with_errors_builds_nothing_and_keeps_the_previous_site() {
    let ws = Ws::base();
    let out = ws.path().join("out");
    let run = build(&ws, "{ws}", &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = files(&out);
    ws.write(
        "clients/acme/orders/WO-2026-0009.md",
        "---\nnumber: WO-2026-0009\n---\n",
    );
    let run = build(&ws, "{ws}", &out, &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nothing built"), "{}", run.stderr);
    assert_eq!(before, files(&out));
    // Nor is a first build started.
    let fresh = ws.path().join("fresh");
    assert_eq!(build(&ws, "{ws}", &fresh, &[]).code, 1);
    assert!(!fresh.exists());
}

#[test]
fn the_output_folder_must_be_the_sites_own() {
    let ws = Ws::base();
    ws.write("notes/keep.txt", "not a site");
    ws.write("a-file", "x");
    let records = files(ws.path());
    for (out, why) in [
        ("{ws}", "workspace"),
        ("{ws}/..", "holds the workspace"),
        ("{ws}/clients/acme/orders", "records"),
        ("{ws}/clients", "records"),
        ("{ws}/notes", "did not build"),
        ("{ws}/a-file", "a file"),
    ] {
        let run = ws.run(&["build", "{ws}", "--out", out, "--today", TODAY]);
        assert_eq!(run.code, 2, "{out}: {}", run.stdout);
        assert!(run.stderr.contains(why), "{out}: {}", run.stderr);
        assert_eq!(records, files(ws.path()), "{out}: something was written");
    }
    // The default, `_site/` in the workspace, is rebuilt in place; records stay as they are.
    for _ in 0..2 {
        let run = ws.run(&["build", "{ws}", "--today", TODAY]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let after = files(ws.path());
    let records_after: BTreeMap<_, _> = after
        .into_iter()
        .filter(|(p, _)| !p.starts_with("_site/"))
        .collect();
    assert_eq!(records, records_after, "build wrote into the records");
    assert!(ws.path().join("_site/index.html").is_file());
    // And `check` does not read the site as records.
    let (code, found, _) = ws.check_json();
    assert_eq!((code, found.len()), (0, 0));
}

#[test]
fn one_portal_alone() {
    let (ws, markers) = marked_with_portals();
    let out = ws.path().join("acme-site");
    let run = build(&ws, "{ws}", &out, &["--portal", "acme"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = files(&out);
    assert!(built.contains_key("index.html"));
    assert!(built.contains_key("calendar.ics"));
    assert!(built.contains_key("files/brief.txt"));
    for path in built.keys() {
        assert!(
            !path.starts_with("clients/")
                && !path.starts_with("portal/")
                && !path.starts_with("exports/"),
            "{path} is not Acme's portal"
        );
        let content = String::from_utf8_lossy(&built[path]).to_lowercase();
        for m in &markers {
            assert!(!content.contains(&m.to_lowercase()), "{m} in {path}");
        }
    }
    // The same pages as in the whole site's portal/acme/.
    let whole = ws.path().join("whole");
    assert_eq!(build(&ws, "{ws}", &whole, &[]).code, 0);
    let portal: BTreeMap<String, Vec<u8>> = files(&whole)
        .into_iter()
        .filter_map(|(p, b)| Some((p.strip_prefix("portal/acme/")?.to_string(), b)))
        .collect();
    let alone: BTreeMap<String, Vec<u8>> = built
        .into_iter()
        .filter(|(p, _)| p != ".docket-site")
        .collect();
    assert_eq!(portal, alone);

    let ws = Ws::base();
    let run = build(&ws, "{ws}", &ws.path().join("x"), &["--portal", "bolt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("portal: true"), "{}", run.stderr);
    let run = build(&ws, "{ws}", &ws.path().join("x"), &["--portal", "nobody"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no client `nobody`"), "{}", run.stderr);
    assert!(!ws.path().join("x").exists());
}

#[test]
fn record_pages_link_to_each_other_and_show_their_history() {
    let ws = Ws::base();
    ws.write(
        "clients/acme/minutes/2026-11-02-kickoff.md",
        "---\nkind: client\ntitle: Kickoff\ndate: 2026-11-02\n---\nSee [the order](../orders/WO-2026-0001.md), the [brief](../files/brief.txt) and [the deck](../files/gone.pdf).\n",
    );
    let first = ws.commit_all(
        "Ann Ae",
        "ann@agency.example",
        1_762_000_000,
        "Kickoff minutes",
    );
    let order =
        std::fs::read_to_string(ws.path().join("clients/acme/orders/WO-2026-0001.md")).unwrap();
    ws.write(
        "clients/acme/orders/WO-2026-0001.md",
        format!("{order}\nScope agreed at the kickoff.\n"),
    );
    let second = ws.commit_all("Dan Ad", "dan@agency.example", 1_762_100_000, "Order scope");
    let out = ws.path().join("out");
    let run = build(&ws, "{ws}", &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = files(&out);

    let minutes = text(&built, "clients/acme/minutes/2026-11-02-kickoff.html");
    assert!(
        minutes
            .contains("<a href=\"../../../clients/acme/orders/WO-2026-0001.html\" rel=\"noopener noreferrer\">the order</a>"),
        "{minutes}"
    );
    assert!(
        minutes.contains("<a href=\"../../../clients/acme/files/brief.txt\" rel=\"noopener noreferrer\">brief</a>"),
        "{minutes}"
    );
    assert!(built.contains_key("clients/acme/files/brief.txt"));
    // A missing file keeps its text and loses its link.
    assert!(minutes.contains("and the deck."), "{minutes}");
    // The portal links the same minutes to its own copy of the brief, and to its page of the order.
    let portal = text(&built, "portal/acme/minutes/2026-11-02-kickoff.html");
    assert!(
        portal.contains(
            "<a href=\"../orders/WO-2026-0001.html\" rel=\"noopener noreferrer\">the order</a>"
        ),
        "{portal}"
    );
    assert!(
        portal.contains("<a href=\"../files/brief.txt\" rel=\"noopener noreferrer\">brief</a>"),
        "{portal}"
    );
    assert!(built.contains_key("portal/acme/files/brief.txt"));

    let order = text(&built, "clients/acme/orders/WO-2026-0001.html");
    let history = &order[order.find("<h2>History</h2>").unwrap()..];
    let (newest, oldest) = (
        history.find("Dan Ad").unwrap(),
        history.find("Ann Ae").unwrap(),
    );
    assert!(newest < oldest, "newest first:\n{history}");
    assert!(
        history.contains(&second[..7]) && history.contains(&first[..7]),
        "{history}"
    );
    assert!(
        history.contains("Order scope") && history.contains(">added<"),
        "{history}"
    );
}

/// A cost line named like something the client is shown anyway, in another case, is not
/// a secret: the build goes ahead (the scan and its exception both ignore case).
#[test]
fn internal_text_the_client_sees_anyway_is_no_leak_in_any_case() {
    let ws = Ws::base();
    ws.write(
        "clients/acme/orders/WO-2026-0001.md",
        "---\nnumber: WO-2026-0001\nkind: creative\ntitle: Launch key visual\nrequested: 2026-10-01\ndue: 2026-12-01\nteam: [cai.cr]\ndeliverables: [casting of two actors for the shoot]\nbudget: { amount: \"50,000.00\", currency: CNY }\ncosts: [{ item: Casting of two actors, vendor: Pemberton Studio, amount: 8000 }]\n---\n",
    );
    let out = ws.path().join("out");
    let run = build(&ws, "{ws}", &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let order = text(&files(&out), "portal/acme/orders/WO-2026-0001.html");
    assert!(order.contains("casting of two actors"), "{order}");
    assert!(!order.contains("Pemberton"), "{order}");
}

/// A site built again keeps, as the same file, every page whose bytes are unchanged, and
/// writes anew every page that changed and every old file that is not as docket wrote it;
/// the result is byte for byte what a build into an empty folder makes.
#[cfg(target_os = "linux")]
#[test]
fn a_rebuild_keeps_unchanged_pages_and_writes_the_rest() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let inodes = |root: &Path| -> BTreeMap<String, u64> {
        files(root)
            .into_keys()
            .map(|p| {
                let ino = std::fs::metadata(root.join(&p)).unwrap().ino();
                (p, ino)
            })
            .collect()
    };
    let ws = Ws::base();
    let out = ws.path().join("out");
    assert_eq!(build(&ws, "{ws}", &out, &[]).code, 0);
    let first = files(&out);
    let before = inodes(&out);
    let order = "clients/bolt/orders/WO-2026-0002.md";
    let text = std::fs::read_to_string(ws.path().join(order)).unwrap();
    ws.write(
        order,
        text.replace("Winter media plan", "Winter media plan, revised"),
    );
    // Old files tampered with: another mode, a second name, a symlink in its place.
    let pages: Vec<&String> = first
        .keys()
        .filter(|p| p.ends_with(".html") && !p.contains("bolt"))
        .collect();
    assert!(pages.len() >= 3, "{pages:?}");
    let (moded, linked, symlinked) = (pages[0], pages[1], pages[2]);
    std::fs::set_permissions(out.join(moded), std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::hard_link(out.join(linked), ws.path().join("second-name")).unwrap();
    let elsewhere = ws.path().join("elsewhere.html");
    std::fs::write(&elsewhere, &first[symlinked]).unwrap();
    std::fs::remove_file(out.join(symlinked)).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join(symlinked)).unwrap();

    let run = build(&ws, "{ws}", &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fresh = ws.path().join("fresh");
    assert_eq!(build(&ws, "{ws}", &fresh, &[]).code, 0);
    let second = files(&out);
    assert_eq!(
        second,
        files(&fresh),
        "a rebuild differs from a fresh build"
    );
    let after = inodes(&out);
    let mut kept = 0;
    for (path, bytes) in &second {
        // The marker is written anew each time: it is what the next build compares with.
        let tampered = [moded, linked, symlinked].contains(&path) || path == ".docket-site";
        let same = first.get(path) == Some(bytes) && !tampered;
        let ino_kept = before.get(path) == after.get(path);
        assert_eq!(
            same, ino_kept,
            "{path}: unchanged {same}, inode kept {ino_kept}"
        );
        assert!(std::fs::symlink_metadata(out.join(path)).unwrap().is_file());
        kept += usize::from(ino_kept);
    }
    assert!(
        kept > 0 && kept < second.len(),
        "{kept} of {}",
        second.len()
    );
    // What was outside the site is as it was.
    assert_eq!(std::fs::read(&elsewhere).unwrap(), first[symlinked]);
    assert_eq!(
        std::fs::read(ws.path().join("second-name")).unwrap(),
        first[linked]
    );

    // The replaced site's folders are kept, emptied, for the next build; the folders of a
    // client that went are not carried into the site.
    let spare = ws.path().join(".out.spare");
    assert!(spare.join("clients").is_dir());
    assert!(files(&spare).is_empty(), "the spare keeps files");
    let mode = std::fs::metadata(&spare).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "others may look into the spare");
    let folders = |root: &Path| -> Vec<String> {
        walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_dir())
            .map(|e| e.path().strip_prefix(root).unwrap().display().to_string())
            .collect()
    };
    assert!(folders(&out).iter().any(|f| f.contains("bolt")));
    std::fs::remove_dir_all(ws.path().join("clients/bolt")).unwrap();
    let rebuilt = |ws: &Ws| {
        let run = build(ws, "{ws}", &out, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        std::fs::remove_dir_all(&fresh).unwrap();
        assert_eq!(build(ws, "{ws}", &fresh, &[]).code, 0);
        assert_eq!(
            files(&out),
            files(&fresh),
            "a rebuild differs from a fresh build"
        );
        assert_eq!(
            folders(&out),
            folders(&fresh),
            "a rebuild has other folders"
        );
    };
    rebuilt(&ws);
    assert!(folders(&out).iter().all(|f| !f.contains("bolt")));
    // A spare that is not only docket's folders is not used: a file in it, or a link to a
    // folder elsewhere where a site folder would be.
    let outside = ws.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::remove_dir_all(spare.join("clients")).unwrap();
    std::os::unix::fs::symlink(&outside, spare.join("clients")).unwrap();
    rebuilt(&ws);
    assert_eq!(
        std::fs::read_dir(&outside).unwrap().count(),
        0,
        "written through a link"
    );
    std::fs::write(spare.join("stray.html"), "stray").unwrap();
    rebuilt(&ws);
    assert!(files(&spare).is_empty());
}
