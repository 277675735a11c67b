//! Input shaped to be slow, through the real binary: bodies nested thousands deep, long
//! runs of characters that parsers and escapers treat one by one, one line with a hundred
//! thousand diagnostics on it, and a change log over a hundred thousand sections. Each run
//! must finish within [`BOUND`] (a hang guard far above what they take, not a benchmark)
//! and give the expected diagnostics. The old code took minutes to hours on each of them.

use std::time::{Duration, Instant};

use crate::harness::{Found, Run, TODAY, Ws};

/// Longest one run may take, in the unoptimised test build on two busy cores.
const BOUND: Duration = Duration::from_secs(60);

/// Body bytes of a near-limit record: under the 10 MiB file limit with the front matter.
const FULL: usize = 9 * 1024 * 1024;

const M: &str = "clients/acme/minutes";

/// A client meeting of `day` (November 2026) with `body`; the body starts on line 7.
fn minutes(day: u32, body: &str) -> String {
    format!(
        "---\nkind: call\ntitle: Call {day}\ndate: 2026-11-{day:02}\nattended: [ann.ae, rita.acme]\n---\n{body}"
    )
}

fn path(day: u32) -> String {
    format!("{M}/2026-11-{day:02}-call.md")
}

/// `text` repeated up to `len` bytes (whole repetitions).
fn fill(text: &str, len: usize) -> String {
    text.repeat(len / text.len())
}

/// Runs `args` and fails if it takes longer than [`BOUND`].
fn timed(ws: &Ws, args: &[&str]) -> Run {
    let start = Instant::now();
    let run = ws.run(args);
    let took = start.elapsed();
    assert!(took < BOUND, "{args:?} took {took:?}");
    run
}

fn check_json(ws: &Ws) -> Vec<Found> {
    let start = Instant::now();
    let (_, found, _) = ws.check_json();
    assert!(start.elapsed() < BOUND, "check took {:?}", start.elapsed());
    found
}

/// Every way of nesting deep that was slow, each a near-limit record: each is reported where
/// it passes 32 levels, and the site is not built.
#[test]
fn deep_nesting_is_reported_where_it_passes_the_limit() {
    let ws = Ws::base();
    let indented: String = (0..3000)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    let shapes: &[(u32, String, usize, usize)] = &[
        // A chat reply quoting every earlier reply: the 33rd `>`.
        (2, fill(">", FULL), 7, 33),
        (3, fill("> ", FULL), 7, 65),
        // A list item per level: list and item are two levels, the 17th list passes 32.
        (4, fill("1. ", FULL), 7, 49),
        // Quote, list, item: the item of the 11th group.
        (5, fill("> - ", FULL), 7, 43),
        // Indented lists, one level a line: the list on line 7 + 16.
        (6, indented, 7 + 16, 33),
        // Raw HTML: the HTML block is one level, the 32nd `<div>` passes.
        (9, fill("<div>", FULL), 7, 5 * 31 + 1),
        // Formatting elements with attributes, which an HTML parser keeps reopening.
        (
            10,
            format!("x {}", fill("<b class=\"a\">", FULL)),
            7,
            3 + 13 * 31,
        ),
    ];
    for (day, body, ..) in shapes {
        ws.write(&path(*day), minutes(*day, body));
    }
    let mut found = check_json(&ws);
    found.retain(|f| f.code == "D014");
    let expected: Vec<Found> = shapes
        .iter()
        .map(|(day, _, line, column)| Found::new("D014", &path(*day), *line, *column))
        .collect();
    assert_eq!(found, expected);
    let human = timed(&ws, &["check", "{ws}", "--today", TODAY]);
    assert_eq!(human.code, 1);
    assert_eq!(
        human.stdout.matches("error[D014 nesting-too-deep]").count(),
        7
    );
    let build = timed(&ws, &["build", "{ws}", "--today", TODAY]);
    assert_eq!(build.code, 1, "{}", build.stdout);
    assert!(!ws.path().join("_site").exists());
}

/// Long runs that the Markdown renderer and the HTML sanitiser read character by character,
/// in records that are correct: they check clean and build, with their text on the page.
/// The runs of `&` and of U+0080 to U+00BF characters took the old code 24 s at this size in
/// an optimised build (html5ever escaped a text node by searching to its end from every one
/// of them); the others were linear already and are here at a size that keeps the test
/// quick in the unoptimised build (the full-size figures are in docs/performance.md).
#[test]
fn long_runs_render_in_linear_time() {
    const BIG: usize = 1024 * 1024;
    const SMALL: usize = 256 * 1024;
    let ws = Ws::base();
    let columns = SMALL / 8;
    let shapes: &[(u32, String)] = &[
        (2, fill("&", BIG)),
        (3, fill("§±°", BIG)),
        (4, fill("*a", SMALL)),
        (5, fill("`a", SMALL)),
        (6, fill("[x] ", SMALL)),
        (9, fill("<http://a.example/> ", SMALL)),
        (10, fill("a < b > c &amp; ", SMALL)),
        (11, fill("## heading\n", SMALL)),
        (
            12,
            format!(
                "{}|\n{}|\n{}|\n",
                "|a".repeat(columns),
                "|-".repeat(columns),
                "|b".repeat(columns)
            ),
        ),
        (13, fill("word ", BIG)),
        (16, fill("[^n]: ", SMALL)),
        (17, fill("<span>x</span> ", SMALL)),
    ];
    for (day, body) in shapes {
        ws.write(&path(*day), minutes(*day, body));
    }
    let found = check_json(&ws);
    assert_eq!(found, vec![]);
    let build = timed(&ws, &["build", "{ws}", "--today", TODAY]);
    assert_eq!(build.code, 0, "{}{}", build.stdout, build.stderr);
    let page = |day: u32| {
        let pattern = format!("2026-11-{day:02}-call");
        let file = walkdir::WalkDir::new(ws.path().join("_site"))
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| {
                e.path().to_string_lossy().contains(&pattern)
                    && e.path().extension().is_some_and(|x| x == "html")
            })
            .unwrap_or_else(|| panic!("no page for {pattern}"));
        std::fs::read_to_string(file.path()).unwrap()
    };
    assert!(page(2).contains(&"&amp;".repeat(1000)));
    assert!(page(3).contains(&"§±°".repeat(1000)));
    assert!(page(10).contains(&"a &lt; b &gt; c &amp; ".repeat(100)));
    let weekly = timed(
        &ws,
        &[
            "report", "weekly", "{ws}", "--client", "acme", "--format", "html", "--today", TODAY,
        ],
    );
    assert_eq!(weekly.code, 0, "{}", weekly.stderr);
}

/// A hundred thousand broken links on one 1 MB line: every one reported at its column, the
/// human output showing a piece of the line around each (the whole line each time was
/// quadratic).
#[test]
fn many_diagnostics_on_one_long_line() {
    let ws = Ws::base();
    let body = fill("[a](b.md) ", 1_000_000);
    ws.write(&path(2), minutes(2, &body));
    let found = check_json(&ws);
    let broken: Vec<&Found> = found.iter().filter(|f| f.code == "D093").collect();
    assert_eq!(broken.len(), 100_000);
    assert_eq!(broken[0], &Found::new("D093", &path(2), 7, 5));
    assert_eq!(broken[99_999], &Found::new("D093", &path(2), 7, 999_995));
    let human = timed(&ws, &["check", "{ws}", "--today", TODAY]);
    assert_eq!(
        human.stdout.matches("warning[D093 broken-link]").count(),
        100_000
    );
    assert!(
        human
            .stdout
            .contains(&format!(" --> {}:7:999995\n", path(2)))
    );
    assert!(
        human.stdout.contains("7 | …b.md) [a](b.md)"),
        "{}",
        &human.stdout[..2000]
    );
}

/// The change log over two versions of a record with a hundred thousand sections, all under
/// the same heading, and of one whose sections are shuffled; and over an old version nested
/// too deep to render.
#[test]
fn the_change_log_pairs_many_sections_in_linear_time() {
    const N: usize = 100_000;
    let ws = Ws::base();
    let same = |shift: usize| -> String {
        (0..N)
            .map(|i| format!("## h\n\nline {}\n\n", i + shift))
            .collect()
    };
    let mut titles: Vec<String> = (0..N).map(|i| format!("## h{i}\n\ntext {i}\n\n")).collect();
    ws.write(&path(2), minutes(2, &same(0)));
    ws.write(&path(3), minutes(3, &titles.concat()));
    ws.write(&path(4), minutes(4, &fill("> ", FULL)));
    ws.commit_all("Ann", "ann@agency.example", 1_793_606_400, "First versions");
    ws.write(&path(2), minutes(2, &same(1)));
    // A fixed shuffle: every 7th section moved to the end.
    let moved: Vec<String> = titles.iter().step_by(7).cloned().collect();
    let mut i = 0;
    titles.retain(|_| {
        i += 1;
        (i - 1) % 7 != 0
    });
    titles.extend(moved);
    ws.write(&path(3), minutes(3, &titles.concat()));
    ws.write(&path(4), minutes(4, "> Agreed.\n"));
    ws.commit_all(
        "Ann",
        "ann@agency.example",
        1_793_610_000,
        "Second versions",
    );
    let run = timed(&ws, &["changes", "{ws}", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let events = |file: &str| -> Vec<serde_json::Value> {
        json["clients"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g["records"].as_array().unwrap())
            .filter(|r| r["path"] == file)
            .flat_map(|r| r["changes"].as_array().unwrap())
            .flat_map(|c| c["events"].as_array().unwrap())
            .filter(|e| e["event"] == "section")
            .cloned()
            .collect()
    };
    // Each section under the repeated heading pairs with its own old one: one line each.
    let edited = events(&path(2));
    assert_eq!(edited.len(), N);
    assert!(
        edited
            .iter()
            .all(|e| e["change"] == "edited" && e["lines_added"] == 1 && e["lines_removed"] == 1)
    );
    assert_eq!(edited[N - 1]["heading"], format!("h ({N})"));
    // Moved sections are the same sections.
    assert_eq!(events(&path(3)), Vec::<serde_json::Value>::new());
    let quote = events(&path(4));
    assert_eq!(quote.len(), 1, "{quote:?}");
    assert_eq!(quote[0]["change"], "edited");
    let human = timed(&ws, &["changes", "{ws}", "--client", "acme"]);
    assert_eq!(human.code, 0, "{}", human.stderr);
}

/// Another client's name written over and over, disguised and plain, up to the limit: the
/// confidentiality rule reports each mention once, and the leak scan reads the client's
/// pages in one pass (with the rule off, the build is refused quickly).
#[test]
fn many_mentions_of_another_client() {
    let ws = Ws::base();
    let body = fill(
        "Ben Ford, Ｂｅｎ\u{a0}Ｆｏｒｄ and Be\u{200b}n\n  Ford; ",
        FULL / 16,
    );
    ws.write(&path(3), minutes(3, &body));
    let found = check_json(&ws);
    let d090 = found.iter().filter(|f| f.code == "D090").count();
    assert_eq!(
        d090,
        3 * (FULL / 16 / "Ben Ford, Ｂｅｎ\u{a0}Ｆｏｒｄ and Be\u{200b}n\n  Ford; ".len())
    );
    assert_eq!(
        found.iter().find(|f| f.code == "D090"),
        Some(&Found::new("D090", &path(3), 7, 1))
    );
    let settings = std::fs::read_to_string(ws.path().join("docket.yaml")).unwrap();
    ws.write(
        "docket.yaml",
        format!("{settings}rules: {{ cross-client-mention: off }}\n"),
    );
    let out = ws.path().join("_site");
    let run = timed(&ws, &["build", "{ws}", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("a contact \"Ben Ford\""),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}
