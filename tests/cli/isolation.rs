//! Client isolation as a property: on randomly generated workspaces, where every name,
//! contact, title, note, cost and internal section carries a marker unique to its client
//! and place, no file of a client's portal and no weekly report to a client holds a
//! marker of another client, or any internal marker (its own included). The client's
//! own public markers are there, so an empty output cannot pass.
//!
//! A client's minutes may also name the next client's contact, written as people paste
//! it (random white space, case, full-width letters, zero-width characters), and the
//! workspace's `rules:` may quiet any rule, every one of them included: whatever the
//! settings, a check that passes never lets the name through. The change log of each
//! client, over a history where the name was written and then taken out, is held to the
//! same property.

use proptest::prelude::*;

use crate::harness::{TODAY, Ws};

/// One client's generated content: markers by place, and which optional records exist.
#[derive(Clone, Debug)]
struct Client {
    words: Vec<String>,
    minutes: bool,
    internal_meeting: bool,
    internal_section: bool,
    /// How the minutes name the next client's contact, if they do.
    mention: Option<Disguise>,
}

/// A name as people write it: the separator between its words, and what is done to it.
#[derive(Clone, Debug)]
struct Disguise {
    separator: &'static str,
    upper: bool,
    full_width: bool,
    zero_width: bool,
}

const SEPARATORS: &[&str] = &[" ", "  ", "\u{a0}", "\t", "\n  ", "&nbsp;", "\u{3000}"];

fn disguise() -> impl Strategy<Value = Disguise> {
    (
        0..SEPARATORS.len(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(s, upper, full_width, zero_width)| Disguise {
            separator: SEPARATORS[s],
            upper,
            full_width,
            zero_width,
        })
}

/// `first last` written as `d` says.
fn disguised(first: &str, last: &str, d: &Disguise) -> String {
    let word = |w: &str| {
        let mut out = String::new();
        for (i, c) in w.chars().enumerate() {
            let c = if d.upper { c.to_ascii_uppercase() } else { c };
            let c = if d.full_width && c.is_ascii_alphanumeric() {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            };
            out.push(c);
            if d.zero_width && i == 1 {
                out.push('\u{200b}');
            }
        }
        out
    };
    format!("{}{}{}", word(first), d.separator, word(last))
}

/// The rules of `docket explain --list`, each left as it is, quieted or turned off; or
/// every rule off.
fn rules() -> impl Strategy<Value = Vec<(String, &'static str)>> {
    let names = rule_names();
    let n = names.len();
    prop_oneof![
        Just(names.iter().map(|r| (r.clone(), "off")).collect::<Vec<_>>()),
        proptest::collection::vec(0..4usize, n).prop_map(move |picks| {
            names
                .iter()
                .zip(picks)
                .filter_map(|(r, p)| match p {
                    0 => Some((r.clone(), "off")),
                    1 => Some((r.clone(), "warning")),
                    _ => None,
                })
                .collect()
        }),
    ]
}

fn rule_names() -> Vec<String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(["explain", "--list"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
        .collect()
}

/// Where a marker stands, and whether the client may see it.
const PLACES: &[(&str, bool)] = &[
    ("name", true),
    ("alias", true),
    ("contact", true),
    ("notes", false),
    ("title", true),
    ("vendor", false),
    ("cost item", false),
    ("order internal", false),
    ("decision", true),
    ("minutes public", true),
    ("minutes internal", false),
    ("meeting title", false),
    ("meeting conclusion", false),
];

fn client() -> impl Strategy<Value = Client> {
    (
        proptest::collection::vec("[A-Z]{5}", PLACES.len()),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::option::weighted(0.3, disguise()),
    )
        .prop_map(
            |(words, minutes, internal_meeting, internal_section, mention)| Client {
                words,
                minutes,
                internal_meeting,
                internal_section,
                mention,
            },
        )
}

/// The marker of client `i` at place `p`: random letters, made unique by client and place.
fn marker(c: &Client, i: usize, p: usize) -> String {
    format!("{}Q{i}X{p}", c.words[p])
}

fn at(name: &str) -> usize {
    PLACES.iter().position(|(p, _)| *p == name).unwrap()
}

/// The next client's contact, as `c` (client `i`) names it, or nothing.
fn mention_of(clients: &[Client], i: usize, c: &Client) -> String {
    let Some(d) = &c.mention else {
        return String::new();
    };
    let j = (i + 1) % clients.len();
    let last = marker(&clients[j], j, at("contact"));
    format!("Like {} said last week.\n", disguised("Pat", &last, d))
}

fn write_workspace(ws: &Ws, clients: &[Client], mentions: bool) {
    for (i, c) in clients.iter().enumerate() {
        let mention = if mentions {
            mention_of(clients, i, c)
        } else {
            String::new()
        };
        let m = |p: &str| marker(c, i, at(p));
        let id = format!("c{i}");
        ws.write(
            &format!("clients/{id}/client.md"),
            format!(
                "---\nname: Client {}\naliases: [{}]\nae: ann.ae\nportal: true\ncontacts:\n  - {{ id: pat.{id}, name: Pat {}, email: pat@{id}.example, can_sign: true }}\n---\nNotes for the agency only: {} is how they like it.\n",
                m("name"),
                m("alias"),
                m("contact"),
                m("notes"),
            ),
        );
        let internal = if c.internal_section {
            format!(
                "\n## Internal\n\nMargin talk for this job: {}.\n",
                m("order internal")
            )
        } else {
            String::new()
        };
        ws.write(
            &format!("clients/{id}/orders/WO-2026-{:04}.md", i + 1),
            format!(
                "---\nnumber: WO-2026-{:04}\nkind: creative\ntitle: Campaign {}\nrequested: 2026-10-01\ndue: 2026-12-01\nteam: [cai.cr]\nbudget: {{ amount: \"50,000.00\", currency: CNY }}\ncosts: [{{ item: Retouch {}, vendor: {} Studio, amount: 8000 }}]\n---\nThe brief.\n{internal}",
                i + 1,
                m("title"),
                m("cost item"),
                m("vendor"),
            ),
        );
        if c.minutes {
            ws.write(
                &format!("clients/{id}/minutes/2026-11-18-review.md"),
                format!(
                    "---\nkind: client\ntitle: Review\ndate: 2026-11-18 10:00\nattended: [ann.ae, pat.{id}]\ndecisions: [Go with {}]\nactions:\n  - {{ task: Send final files, owner: ann.ae, due: 2026-11-25 }}\n---\nWe agreed on {} together.\n{mention}\n## Internal\n\nThey are price sensitive: {}.\n",
                    m("decision"),
                    m("minutes public"),
                    m("minutes internal"),
                ),
            );
        }
        if c.internal_meeting {
            ws.write(
                &format!("clients/{id}/minutes/2026-11-19-pricing.md"),
                format!(
                    "---\nkind: internal\ntitle: Pricing {}\ndate: 2026-11-19\nconclusion: Hold the rate {}\n---\nInternal meeting body.\n",
                    m("meeting title"),
                    m("meeting conclusion"),
                ),
            );
        }
    }
}

/// Every file under `dir`, path and text, for client `id`'s outputs.
fn outputs(dir: &std::path::Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            (
                e.path().to_string_lossy().into_owned(),
                String::from_utf8_lossy(&bytes).to_lowercase(),
            )
        })
        .collect()
}

proptest! {
    // Deterministic by default, like every test here: a fixed seed and 24 cases. Set
    // PROPTEST_RNG_SEED and PROPTEST_CASES to explore further.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
        rng_seed: proptest::test_runner::RngSeed::Fixed(
            std::env::var("PROPTEST_RNG_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_261_123),
        ),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_client_sees_another_clients_or_internal_markers(
        clients in proptest::collection::vec(client(), 2..=4),
        rules in rules(),
    ) {
        let ws = Ws::base();
        // The base fixture's own clients go: only generated ones remain.
        std::fs::remove_dir_all(ws.path().join("clients")).unwrap();
        let settings = std::fs::read_to_string(ws.path().join("docket.yaml")).unwrap();
        let rules: Vec<String> = rules.iter().map(|(r, s)| format!("{r}: {s}")).collect();
        ws.write("docket.yaml", format!("{settings}rules: {{ {} }}\n", rules.join(", ")));
        // History first: the names written, committed, then taken out.
        let mentions = clients.iter().any(|c| c.minutes && c.mention.is_some());
        write_workspace(&ws, &clients, true);
        ws.commit_all("Ann Lee", "ann@agency.example", 1_763_600_000, "Minutes");
        let (named_code, _, _) = ws.check_json();
        let quiet = rules
            .iter()
            .any(|r| r == "cross-client-mention: off" || r == "cross-client-mention: warning");
        if mentions && !quiet {
            prop_assert_eq!(named_code, 1, "a name of another client must be reported");
        }
        let site = ws.path().join("_out/named");
        let named = ws.run(&["build", "{ws}", "--out", &site.to_string_lossy(), "--today", TODAY]);
        if mentions {
            prop_assert_ne!(named.code, 0, "a portal naming another client was built");
            prop_assert!(!site.exists());
        }
        write_workspace(&ws, &clients, false);
        ws.commit_all("Ann Lee", "ann@agency.example", 1_763_603_600, "Names out");
        let (code, found, json) = ws.check_json();
        prop_assert_eq!(code, 0, "{:?} {}", found, json);
        let site = ws.path().join("_out/site");
        let build = ws.run(&["build", "{ws}", "--out", &site.to_string_lossy(), "--today", TODAY]);
        prop_assert_eq!(build.code, 0, "{}", build.stderr);
        let reports = ws.path().join("_out/reports");
        for format in ["md", "html"] {
            let run = ws.run(&[
                "report", "weekly", "{ws}", "--out", &reports.to_string_lossy(),
                "--format", format, "--today", TODAY,
            ]);
            prop_assert_eq!(run.code, 0, "{}", run.stderr);
        }
        for (i, own) in clients.iter().enumerate() {
            let id = format!("c{i}");
            let mut files = outputs(&site.join("portal").join(&id));
            files.extend(
                outputs(&reports)
                    .into_iter()
                    .filter(|(p, _)| p.contains(&format!("-{id}."))),
            );
            for format in ["human", "md", "json"] {
                let run = ws.run(&["changes", "{ws}", "--client", &id, "--format", format]);
                prop_assert_eq!(run.code, 0, "{}", run.stderr);
                files.push((format!("changes.{format}"), run.stdout.to_lowercase()));
            }
            prop_assert!(files.len() >= 4, "{:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
            let all: String = files.iter().map(|(_, t)| t.as_str()).collect();
            // Its own public markers are shown (the title always; the minutes if any).
            prop_assert!(all.contains(&marker(own, i, at("title")).to_lowercase()));
            if own.minutes {
                prop_assert!(all.contains(&marker(own, i, at("decision")).to_lowercase()));
            }
            for (j, other) in clients.iter().enumerate() {
                for (p, (place, public)) in PLACES.iter().enumerate() {
                    if j == i && *public {
                        continue;
                    }
                    let m = marker(other, j, p).to_lowercase();
                    for (path, text) in &files {
                        prop_assert!(
                            !crate::isolation_cases::plain(text).contains(&m),
                            "{path} (client {id}) holds {place} of c{j}: {m}"
                        );
                    }
                }
            }
        }
    }
}
