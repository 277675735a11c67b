//! A whole workspace generated from the input, written to a scratch folder and checked
//! with `docket::internals::compile`, the pipeline of `docket check` (load, parse, link, history,
//! rules, severities).
//!
//! The workspace: a `docket.yaml` (currency, timezone, numbering, internal headings,
//! rule severities, staff, each sometimes wrong), one or two clients with a `client.md`
//! and contacts, and a few records of every type with fields from the format's tables,
//! some values wrong, and bodies with links, internal sections and other clients' names.
//! After the first line `=====N` of the input (N a digit naming a place, see `EXTRA`),
//! the text up to the next such line is one more file, as it is; so is each following
//! one. Corpus seeds put the example workspace's records there, and regression inputs
//! are written that way.
//!
//! Checked: no panic; every diagnostic and label points inside the file it names (span
//! in bounds and on character boundaries, line and column present in the file), and all
//! of them render as text and as JSON.

#![no_main]

use std::path::Path;

use chrono::NaiveDate;
use docket_fuzz::choose::Choose;
use docket_fuzz::records::{self, Kind, Mode, Names, STAFF};
use docket_fuzz::spans::assert_diagnostics;
use docket_fuzz::yaml::{Node, Style, raw, write_map};
use libfuzzer_sys::fuzz_target;

const SEPARATOR: &[u8] = b"\n=====";

/// Where the files given as they are go, by the digit after `=====`.
const EXTRA: &[&str] = &[
    "clients/qingshan-dairy/orders/WO-2026-0100.md",
    "clients/qingshan-dairy/minutes/2026-11-09-extra.md",
    "clients/qingshan-dairy/schedules/extra.md",
    "clients/qingshan-dairy/invoices/INV-2026-0100.md",
    "clients/qingshan-dairy/client.md",
    "internal/minutes/2026-11-09-extra.md",
    "clients/qingshan-dairy/notes/extra.md",
    "clients/solenne/client.md",
    "clients/solenne/orders/WO-2026-0200.md",
    "clients/solenne/minutes/2026-11-10-extra.md",
];

/// Splits the input into the generator's bytes and the files given as they are.
fn split(data: &[u8]) -> (&[u8], Vec<(&'static str, &[u8])>) {
    let mut parts = Vec::new();
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(i) = data[at..]
        .windows(SEPARATOR.len())
        .position(|w| w == SEPARATOR)
    {
        starts.push(at + i);
        at += i + SEPARATOR.len();
    }
    let control = &data[..starts.first().copied().unwrap_or(data.len())];
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(data.len());
        let chunk = &data[start + SEPARATOR.len()..end];
        let Some((&slot, rest)) = chunk.split_first() else {
            continue;
        };
        let place = EXTRA[usize::from(slot.wrapping_sub(b'0')) % EXTRA.len()];
        parts.push((place, rest.strip_prefix(b"\n").unwrap_or(rest)));
    }
    (control, parts)
}

/// A client: its id, its name and its contacts (id, name).
type Client = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const CLIENTS: &[Client] = &[
    (
        "qingshan-dairy",
        "Qingshan Dairy",
        &[("harbor.lin", "Harbor Lin"), ("mei.zhou", "Mei Zhou")],
    ),
    (
        "solenne",
        "Solenne Beauty",
        &[("claire.dufour", "Claire Dufour")],
    ),
    ("Bad Client", "Bad", &[("x.y", "X Y")]),
];

fn front_matter(fields: &[(String, Node)], dash: usize) -> String {
    let mut yaml = String::new();
    write_map(&mut yaml, fields, 0, dash);
    format!("---\n{yaml}---\n")
}

fn settings(c: &mut Choose, staff: &[(&str, &str, &str)]) -> String {
    let mut f: Vec<(String, Node)> = vec![("agency".into(), raw("Northwind Creative"))];
    if c.chance(95) {
        f.push((
            "currency".into(),
            raw(c.pick(&["CNY", "CNY", "USD", "JPY", "XXX"])),
        ));
    }
    if c.chance(90) {
        let zones = [
            "Asia/Shanghai",
            "\"+08:00\"",
            "UTC",
            "America/New_York",
            "Mars/Base",
            "\"-03:30\"",
        ];
        f.push(("timezone".into(), raw(c.pick(&zones))));
    }
    if c.chance(30) {
        f.push((
            "payment_terms_days".into(),
            raw(c.pick(&["45", "0", "30", "-1", "x"])),
        ));
    }
    if c.chance(20) {
        let day = c.pick(&["monday", "friday", "funday"]);
        let time = c.pick(&["\"12:00\"", "\"25:00\"", "9"]);
        f.push((
            "weekly_report".into(),
            raw(format!("{{ weekday: {day}, time: {time} }}")),
        ));
    }
    if c.chance(30) {
        let wo = c.pick(&[
            "\"WO-{year}-{seq:4}\"",
            "\"{seq}\"",
            "\"WO-{yr}\"",
            "\"J{year}{seq:3}\"",
        ]);
        let inv = c.pick(&["\"INV-{year}-{seq:4}\"", "\"INV-{seq:2}\""]);
        f.push((
            "numbering".into(),
            raw(format!("{{ work_order: {wo}, invoice: {inv} }}")),
        ));
    }
    if c.chance(40) {
        f.push((
            "internal_headings".into(),
            raw(c.pick(&["[Internal, 内部]", "[]", "[Notes]"])),
        ));
    }
    if c.chance(20) {
        let rule = c.pick(&["overdue-action", "D012", "unknown-field", "no-such-rule"]);
        let level = c.pick(&["error", "warning", "info", "off", "loud"]);
        f.push(("rules".into(), raw(format!("{{ {rule}: {level} }}"))));
    }
    let members = staff
        .iter()
        .map(|(id, name, role)| {
            raw(format!(
                "{{ id: {id}, name: {name}, email: {id}@northwind.example, role: {role} }}"
            ))
        })
        .collect();
    f.push(("staff".into(), Node::List(members, Style::Block)));
    let mut yaml = String::new();
    write_map(&mut yaml, &f, 0, 2);
    yaml
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("a scratch folder can be made");
    }
    std::fs::write(path, text).expect("a scratch file can be written");
}

fuzz_target!(|data: &[u8]| {
    let (control, extra) = split(data);
    let mut c = Choose::new(control);
    let dir = docket_fuzz::scratch_dir();
    let root_buf = dir.path().to_path_buf();
    let root = root_buf.as_path();

    let staff = &STAFF[..c.int(1, STAFF.len() as u32) as usize];
    write(root, "docket.yaml", &settings(&mut c, staff));

    let clients = &CLIENTS[..c.int(1, 2) as usize];
    let mut names = Names {
        staff: staff.iter().map(|s| s.0.to_string()).collect(),
        ..Names::default()
    };
    for (_, _, contacts) in clients {
        names
            .contacts
            .extend(contacts.iter().map(|(id, _)| id.to_string()));
    }
    // A contact id that is also a staff id, now and then.
    if c.chance(5) {
        names.contacts.push("qian.hao".into());
    }
    let records = c.int(0, 6);
    let mut planned = Vec::new();
    for n in 0..records {
        let kind = c.pick(&Kind::ALL);
        let client = match kind == Kind::Minutes && c.chance(25) {
            true => None,
            false => Some(c.int(0, clients.len() as u32 - 1) as usize),
        };
        let seq = if c.chance(15) { 1 } else { n + 1 };
        let number = match kind {
            Kind::Invoice => format!("INV-2026-{seq:04}"),
            _ => format!("WO-2026-{seq:04}"),
        };
        if kind == Kind::Order {
            names.orders.push(number.clone());
        }
        if kind == Kind::Invoice {
            names.invoices.push(number.clone());
        }
        planned.push((kind, client, number));
    }

    for (ci, (id, name, contacts)) in clients.iter().enumerate() {
        if c.chance(5) {
            continue; // a client folder without client.md
        }
        let contacts: Vec<(String, String)> = contacts
            .iter()
            .map(|(i, n)| (i.to_string(), n.to_string()))
            .collect();
        let mut fields = records::client(&mut c, &names, &contacts, Mode::Any);
        if ci == 1 && c.chance(50) {
            fields.retain(|(k, _)| k != "name");
            fields.insert(0, ("name".into(), raw(*name)));
        }
        let dash = c.pick(&[0, 2]);
        let text = format!("{}{}", front_matter(&fields, dash), records::body(&mut c));
        write(root, &format!("clients/{id}/client.md"), &text);
        if c.chance(50) {
            write(root, &format!("clients/{id}/files/brief.pdf"), "%PDF-1.4\n");
        }
    }

    for (kind, client, number) in &planned {
        let fields = records::fields(&mut c, *kind, &names, number, Mode::Any);
        let dash = c.pick(&[0, 2]);
        let mut text = format!("{}{}", front_matter(&fields, dash), records::body(&mut c));
        if c.chance(10) {
            text = text.replace('\n', "\r\n");
        }
        let file = match kind {
            Kind::Minutes => format!("{}-{}.md", c.date(), c.pick(&["kickoff", "call", "x"])),
            Kind::Order | Kind::Invoice => match c.chance(90) {
                true => format!("{number}.md"),
                false => "WO-2026-9999.md".to_string(),
            },
            Kind::Schedule => format!("{}.md", c.pick(&["q4-flight", "launch"])),
        };
        let folder = match client {
            Some(ci) => format!("clients/{}/{}", clients[*ci].0, kind.folder()),
            None => "internal/minutes".to_string(),
        };
        write(root, &format!("{folder}/{file}"), &text);
    }

    for (place, bytes) in extra {
        let path = root.join(place);
        std::fs::create_dir_all(path.parent().expect("a folder"))
            .expect("a scratch folder can be made");
        std::fs::write(path, bytes).expect("a scratch file can be written");
    }

    // DOCKET_FUZZ_KEEP=1 keeps the workspace, to look at what an input made.
    if std::env::var_os("DOCKET_FUZZ_KEEP").is_some() {
        eprintln!("workspace kept in {}", root.display());
        std::mem::forget(dir);
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, c.int(1, 30)).unwrap_or_default();
    let compiled = docket::internals::compile::compile(root, Some(today))
        .expect("a workspace with docket.yaml compiles");
    assert_diagnostics(&compiled.diagnostics, &compiled.ws.sources);
});
