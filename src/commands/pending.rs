//! `docket pending`: the sign-offs still owed, grouped by who owes them. What an AE
//! prints before a client call.

use crate::cli::{Format, PendingArgs};
use crate::diag::{Counts, plural};
use crate::error::Error;
use crate::model::records::kind_name;
use crate::model::values::Choice;
use crate::view::pending::collect;

pub(super) fn run(args: &PendingArgs) -> Result<i32, Error> {
    let compiled = crate::compile::compile_with(
        &args.workspace,
        args.today,
        crate::compile::Compile::WithoutHistory,
    )?;
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
                            "record": o.record.label(),
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
                        o.record.label(),
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
