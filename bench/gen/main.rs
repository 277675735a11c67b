//! Writes a docket workspace with a git history, for benchmarks and tests.
//!
//! ```text
//! cargo run --release --example gen -- [--records N] [--clients K] [--commits C]
//!     [--seed S] [--mistakes M] [--list-mistakes FILE] OUT
//! ```
//!
//! `OUT` (which must not exist, or be empty) becomes a git repository whose top folder is a
//! docket workspace: `docket.yaml` (an agency in Shanghai with 20 staff), `K` clients
//! (`clients/<id>/client.md`) and `N` records in the proportions of a working agency:
//! about 40% client minutes, 8% internal meetings (`internal/minutes/`), 25% work orders,
//! 17% invoices and 10% timetables, spread over several years (at least three; one more
//! for every 15,000 records, so that `WO-{year}-{seq:4}` and `INV-{year}-{seq:4}` never
//! run out of numbers). Every record date is on or before 2026-11-20 and the history ends
//! on 2026-11-22, so the workspace is meant to be checked with `--today 2026-11-23`.
//!
//! Defaults: `N` = 1000, `K` = max(3, N / 250), `C` = N / 2 (or the least that works, see
//! below, when that is more), seed 1, no mistakes.
//!
//! # The records
//!
//! Client names are made of syllables that form no word of the generated text, and every
//! contact has a name no other contact has, so a client's records never name another
//! client. Meetings are scheduled so that nobody is invited to two at once. Actions and
//! timetable items due before 2026-11-23 are done (or dropped); only the last weeks have
//! open work. Invoices whose 45 days have run out are paid; invoices never bill more than
//! their orders' budgets. A work order's status follows its dates: approved orders carry
//! an `approved` sign-off by a staff member and one by a signing contact, delivered and
//! closed orders a `delivered` sign-off by every team member and a signing contact, and
//! closed orders an invoice that lists them and is paid. Agreed timetables carry the
//! AE's sign-off, and a signing contact's when the client is a brand agent; most client
//! minutes are confirmed by a signing contact (mostly by email); some invoices are
//! approved by finance. Digests are computed with docket's own parser and
//! `parse::digest`. Cost items and vendors never occur in text a client sees, so
//! `docket build` and weekly reports pass their leak scan.
//!
//! # The history
//!
//! One `git fast-import` stream writes exactly `C` commits, by the staff, with author dates
//! that increase up to 2026-11-22 (+08:00):
//!
//! 1. one setup commit: `docket.yaml`, `.gitignore`, a README and every `client.md`;
//! 2. the timeline is cut into batches of days; each batch has one commit creating the
//!    records of its days (with their attachments), then edit commits that change 1-3
//!    records not signed yet (a reworded sentence, a moved due date, a payment recorded),
//!    then one sign-off commit per staff member who signs in those days, authored by
//!    that member (a contact's confirmation is recorded by staff, the AE when they
//!    commit in that batch). Status changes that need no signature (`in_progress`,
//!    `closed`, `cancelled`) ride along. A batch's commits are dated in office hours on
//!    the days after it, so a sign-off is never committed before its date.
//! 3. with `--mistakes`, one last commit plants the mistakes.
//!
//! The generator picks the largest number of batches that leaves at least 30% of the
//! commits to edits. The least `C` that works is 1 (setup) + 1 (one creating batch) + one
//! sign-off commit per staff member who signs (about 20) + 1 with mistakes; a smaller `C`
//! is refused with the number needed.
//!
//! Everything is deterministic for a seed (a splitmix64 generator, no clock, no hash
//! order): the same arguments give the same files and the same commit ids.
//!
//! # Mistakes
//!
//! `--mistakes M` plants `M` mistakes in the last commit, round-robin over about fifty
//! kinds (fewer when a kind runs out of records that fit), each on its own record (one
//! without sign-offs when there is one), chosen so that it cannot hide another: every
//! planted mistake gives at least the diagnostic its kind names (see `MISTAKES`).
//! `--list-mistakes FILE` writes them as JSON lines `{"kind", "code", "file", "also"}`,
//! for checking that; `also` is the other record of a two-record mistake (a duplicate
//! number, an overlap of two meetings), where docket may report it instead.
//!
//! A JSON summary is printed on standard output; the time taken on standard error.
//!
//! # The code
//!
//! This file reads the options and runs the steps. Each record type has its module
//! (`clients`, `minutes`, `orders` with `attachments`, `invoices`, `schedules`), and so do
//! the history (`history`, `edits`, `signoffs`, `git`) and the mistakes (`mistakes`,
//! `mistake_edits`). `model` holds the records and the generator's state; `words`, `text`,
//! `yaml`, `dates` and `rng` are shared by all; `library` holds the generator's only calls
//! into docket's library.

#![allow(clippy::unwrap_used)]

mod attachments;
mod clients;
mod dates;
mod edits;
mod git;
mod history;
mod invoices;
mod library;
mod minutes;
mod mistake_edits;
mod mistakes;
mod model;
mod orders;
mod rng;
mod schedules;
mod signoffs;
mod text;
mod words;
mod yaml;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use crate::dates::year_of;
use crate::git::head;
use crate::model::{Gen, Kind, ORDER_STATUS, SCHEDULE_STATUS};
use crate::words::STAFF;

struct Args {
    records: usize,
    clients: usize,
    /// `None`: records / 2, or the least that works if that is more.
    commits: Option<usize>,
    seed: u64,
    mistakes: usize,
    list_mistakes: Option<PathBuf>,
    out: PathBuf,
}

const USAGE: &str = "usage: gen [--records N] [--clients K] [--commits C] [--seed S] \
                     [--mistakes M] [--list-mistakes FILE] OUT";

fn die(msg: impl std::fmt::Display) -> ! {
    eprintln!("gen: {msg}");
    std::process::exit(2)
}

fn parse_args() -> Args {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut records = 1000usize;
    let mut clients = None;
    let mut commits = None;
    let mut seed = 1u64;
    let mut mistakes = 0usize;
    let mut list_mistakes = None;
    let mut out = None;
    let mut i = 0;
    while i < argv.len() {
        let a = argv[i].as_str();
        let mut value = || -> String {
            i += 1;
            argv.get(i)
                .cloned()
                .unwrap_or_else(|| die(format!("{a} needs a value\n{USAGE}")))
        };
        let number = |v: String| -> u64 {
            v.parse()
                .unwrap_or_else(|_| die(format!("`{v}` is not a number\n{USAGE}")))
        };
        match a {
            "--records" => records = number(value()) as usize,
            "--clients" => clients = Some(number(value()) as usize),
            "--commits" => commits = Some(number(value()) as usize),
            "--seed" => seed = number(value()),
            "--mistakes" => mistakes = number(value()) as usize,
            "--list-mistakes" => list_mistakes = Some(PathBuf::from(value())),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0)
            }
            s if s.starts_with('-') => die(format!("unknown option {s}\n{USAGE}")),
            s => {
                if out.is_some() {
                    die(format!("one OUT folder only\n{USAGE}"));
                }
                out = Some(PathBuf::from(s));
            }
        }
        i += 1;
    }
    let out = out.unwrap_or_else(|| die(USAGE));
    if records < 1 {
        die("--records must be at least 1");
    }
    let clients = clients.unwrap_or((records / 250).max(3));
    if clients < 1 {
        die("--clients must be at least 1");
    }
    Args {
        records,
        clients,
        commits,
        seed,
        mistakes,
        list_mistakes,
        out,
    }
}

fn main() {
    let started = Instant::now();
    let args = parse_args();
    if args.out.exists() {
        let empty = std::fs::read_dir(&args.out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            die(format!("{} exists and is not empty", args.out.display()));
        }
    }
    std::fs::create_dir_all(&args.out)
        .unwrap_or_else(|e| die(format!("cannot create {}: {e}", args.out.display())));

    let mut g = Gen::new(&args);
    let counts = g.generate(args.clients);
    g.client_text = (0..g.clients.len()).map(|c| g.client_md(c)).collect();
    let commits = g.plan();
    g.order_entries(&commits);
    g.sign_all();
    let planted = g.plant(args.mistakes);
    if let Some(p) = &args.list_mistakes {
        let mut text = String::new();
        for m in &planted {
            text.push_str(
                &serde_json::json!({"kind": m.kind, "code": m.code, "file": m.file, "also": m.also})
                    .to_string(),
            );
            text.push('\n');
        }
        std::fs::write(p, text)
            .unwrap_or_else(|e| die(format!("cannot write {}: {e}", p.display())));
    }
    let generated = started.elapsed();
    let imported = g
        .write_history(&args.out, &commits, &planted)
        .unwrap_or_else(|e| die(format!("writing the history failed: {e}")));
    let checked_out = imported.elapsed();

    // Summary.
    let mut commit_kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &commits {
        *commit_kinds.entry(c.kind).or_insert(0) += 1;
    }
    let mut minutes_kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut order_status: BTreeMap<&str, usize> = BTreeMap::new();
    let mut timetable_status: BTreeMap<&str, usize> = BTreeMap::new();
    let mut signoffs: BTreeMap<&str, usize> = BTreeMap::new();
    let mut bytes = 0usize;
    let mut signed = 0usize;
    let mut edited = 0usize;
    for r in &g.recs {
        match r.kind {
            Kind::Minutes | Kind::Internal => {
                *minutes_kinds.entry(r.meta.meeting_kind).or_insert(0) += 1
            }
            Kind::Order => {
                *order_status
                    .entry(ORDER_STATUS[r.status_final as usize])
                    .or_insert(0) += 1
            }
            Kind::Schedule => {
                *timetable_status
                    .entry(SCHEDULE_STATUS[r.status_final as usize])
                    .or_insert(0) += 1
            }
            Kind::Invoice => {}
        }
        for e in &r.entries {
            *signoffs.entry(e.stage).or_insert(0) += 1;
        }
        signed += usize::from(!r.entries.is_empty());
        edited += usize::from(!r.alts.is_empty());
        bytes += r.render_final().len();
    }
    let mut mistakes: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &planted {
        *mistakes.entry(m.kind).or_insert(0) += 1;
    }
    let attachments: usize = g.recs.iter().map(|r| r.files.len()).sum();
    let summary = serde_json::json!({
        "out": std::path::absolute(&args.out).unwrap_or(args.out.clone()),
        "seed": args.seed,
        "head": head(&args.out),
        "records": g.recs.len(),
        "clients": g.clients.len(),
        "staff": STAFF.len(),
        "years": [year_of(g.d0), 2026],
        "kinds": counts,
        "minutes_by_kind": minutes_kinds,
        "work_order_status": order_status,
        "timetable_status": timetable_status,
        "attachments": attachments,
        "record_bytes": bytes,
        "commits": commits.len(),
        "commits_by_kind": commit_kinds,
        "edited_records": edited,
        "edits": g.recs.iter().map(|r| r.alts.len()).sum::<usize>(),
        "signed_records": signed,
        "signoffs": signoffs.values().sum::<usize>(),
        "signoffs_by_stage": signoffs,
        "mistakes": {
            "planted": planted.len(),
            "asked": args.mistakes,
            "by_kind": mistakes,
        },
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&summary).unwrap_or_default()
    );
    let total = started.elapsed();
    eprintln!(
        "gen: {} records, {} commits in {:.2}s: {:.2}s generating, {:.2}s in git fast-import, {:.2}s checking out",
        g.recs.len(),
        commits.len(),
        total.as_secs_f64(),
        generated.as_secs_f64(),
        (total - generated - checked_out).as_secs_f64(),
        checked_out.as_secs_f64()
    );
}
