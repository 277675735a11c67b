//! `docket pending`: the sign-offs still owed, grouped by who owes them. What an AE
//! prints before a client call.

use std::collections::BTreeMap;

use crate::Error;
use crate::cli::{Format, PendingArgs};
use crate::diag::{Counts, plural};
use crate::link::{Record, Workspace};
use crate::parse::fields::Choice;
use crate::parse::records::{Data, MeetingKind, Stage};
use crate::signoff::{self, Requirement, Who, describe, kind_name};

/// One sign-off owed.
struct Owed<'a> {
    record: &'a Record,
    req: Requirement,
    /// Why it is owed: the status that needs it, or "client minutes".
    because: String,
}

/// Everything owed in the workspace, by who owes it (a heading) in a stable order.
fn collect(ws: &Workspace, today: chrono::NaiveDate) -> BTreeMap<(u8, String), Vec<Owed<'_>>> {
    let mut groups: BTreeMap<(u8, String), Vec<Owed<'_>>> = BTreeMap::new();
    for record in &ws.records {
        let mut owed: Vec<(Requirement, String)> = signoff::owed(ws, record)
            .into_iter()
            .map(|r| (r, format!("status `{}`", status_of(record))))
            .collect();
        if let Some(r) = minutes_confirmation(ws, record, today) {
            owed.push((r, "the client confirms its minutes".into()));
        }
        for (req, because) in owed {
            let heading = heading(ws, record, &req.who);
            groups.entry(heading).or_default().push(Owed {
                record,
                req,
                because,
            });
        }
    }
    groups
}

fn status_of(record: &Record) -> &'static str {
    match &record.parsed.data {
        Data::Order(o) => o.status().as_str(),
        Data::Schedule(s) => s.status.as_ref().map_or("draft", |s| s.value.as_str()),
        _ => "",
    }
}

/// Client-visible minutes of a meeting with the client that has taken place are owed
/// the client's `confirmed` sign-off.
fn minutes_confirmation(
    ws: &Workspace,
    record: &Record,
    today: chrono::NaiveDate,
) -> Option<Requirement> {
    let m = record.minutes()?;
    record.client?;
    let kind = m.kind.as_ref()?.value;
    if kind == MeetingKind::Internal || !m.client_visible(true) {
        return None;
    }
    let date = m.date.as_ref()?.value.date(&ws.config.timezone);
    if date > today {
        return None;
    }
    let req = Requirement {
        stage: Stage::Confirmed,
        who: Who::SigningContact,
    };
    (!signoff::satisfied(ws, record, &req)).then_some(req)
}

/// Staff first (by name), then each client's signing contacts.
fn heading(ws: &Workspace, record: &Record, who: &Who) -> (u8, String) {
    match who {
        Who::Staff(_) => (0, describe(ws, record, who)),
        Who::AnyStaff => {
            // The client's AE sees to it; for agency records, any staff member.
            match ws
                .client_of(record)
                .and_then(|c| c.info.as_ref())
                .and_then(|i| i.ae.as_ref())
            {
                Some(ae) => (0, format!("{} ({})", ws.person_name(&ae.value), ae.value)),
                None => (1, "any staff member".into()),
            }
        }
        Who::SigningContact => (2, describe(ws, record, who)),
    }
}

fn label(record: &Record) -> String {
    match &record.parsed.data {
        Data::Order(o) => format!(
            "{} {}",
            o.number.as_ref().map_or("", |n| n.value.as_str()),
            o.title.as_ref().map_or("", |t| t.value.as_str())
        ),
        Data::Schedule(s) => s.title.as_ref().map_or(String::new(), |t| t.value.clone()),
        Data::Minutes(m) => m.title.as_ref().map_or(String::new(), |t| t.value.clone()),
        Data::Invoice(i) => i.number.as_ref().map_or(String::new(), |n| n.value.clone()),
        Data::Client(_) => String::new(),
    }
}

pub fn run(args: &PendingArgs) -> Result<i32, Error> {
    let compiled = crate::compile(&args.workspace, args.today)?;
    let ws = &compiled.ws;
    let groups = collect(ws, compiled.today);
    let total: usize = groups.values().map(Vec::len).sum();
    match args.format {
        Format::Json => {
            let owed: Vec<serde_json::Value> = groups
                .iter()
                .flat_map(|((_, who), items)| {
                    items.iter().map(move |o| {
                        serde_json::json!({
                            "who": who,
                            "file": ws.path(o.record.file),
                            "record": label(o.record).trim(),
                            "type": kind_name(o.record.parsed.kind),
                            "stage": o.req.stage.as_str(),
                            "because": o.because,
                        })
                    })
                })
                .collect();
            let out = serde_json::json!({ "today": compiled.today.to_string(), "pending": owed });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Human => {
            println!("Sign-offs owed on {}", compiled.today);
            for ((_, who), items) in &groups {
                println!("\n{who}");
                for o in items {
                    println!(
                        "  {:<10} {}  {} ({}; {})",
                        o.req.stage.as_str(),
                        ws.path(o.record.file),
                        label(o.record).trim(),
                        kind_name(o.record.parsed.kind),
                        o.because
                    );
                }
            }
            println!(
                "\n{} owed by {}",
                plural(total, "sign-off"),
                if groups.len() == 1 {
                    "1 person or party".to_string()
                } else {
                    format!("{} people or parties", groups.len())
                }
            );
            let errors = Counts::of(&compiled.diagnostics).errors;
            if errors > 0 {
                println!(
                    "note: the workspace has {}; `docket check` shows them",
                    plural(errors, "error")
                );
            }
        }
    }
    Ok(0)
}
