//! `docket report weekly`: the weekly report of each client, from its client-scoped view,
//! scanned for leaks before anything is written.

use crate::cli::{ReportFormat, WeeklyArgs};
use crate::diag::{Counts, plural};
use crate::error::Error;
use crate::publish::{self, Cleared, Forbidden, Guard};
use crate::render::client::ForClient;
use crate::render::weekly::{Week, WeeklyReport};
use crate::view::client::ClientScope;

pub(super) fn weekly(args: &WeeklyArgs) -> Result<i32, Error> {
    let compiled = crate::compile::compile_maybe_at(
        &args.workspace,
        args.at.as_deref(),
        args.today,
        crate::compile::Compile::WithoutHistory,
    )?;
    let errors = Counts::of(&compiled.diagnostics).errors;
    if errors > 0 {
        eprintln!(
            "docket report: nothing written: the workspace has {}; `docket check` shows them",
            plural(errors, "error")
        );
        return Ok(1);
    }
    let ws = &compiled.ws;
    let week = match &args.week {
        Some(w) => Week::parse(w).map_err(Error::Usage)?,
        None => Week::of(compiled.today),
    };
    if args.internal {
        return internal(args, ws, week);
    }
    let ext = match args.format {
        ReportFormat::Md => "md",
        ReportFormat::Html => "html",
        ReportFormat::Eml => "eml",
    };
    let clients: Vec<usize> = match &args.client {
        Some(id) => match ws.clients.iter().position(|c| &c.id == id) {
            Some(i) => vec![i],
            None => {
                let known: Vec<&str> = ws.clients.iter().map(|c| c.id.as_str()).collect();
                return Err(Error::Usage(format!(
                    "there is no client `{id}` (clients: {})",
                    known.join(", ")
                )));
            }
        },
        None => ws.active_clients().collect(),
    };
    if clients.len() > 1 && args.out.is_none() {
        return Err(Error::Usage(format!(
            "{} reports: give --out DIR to write them, or --client ID for one",
            clients.len()
        )));
    }
    let env = crate::render::environment_of(ws)?;
    // Last week's commits, read once for every client; without a repository the reports
    // have no "since last week" section.
    let history = crate::history::log::read(
        &ws.root,
        &crate::history::log::Range {
            since: Some(crate::history::log::Since::Date(
                week.monday() - chrono::Duration::days(7),
            )),
            until: args.at.clone(),
        },
    )
    .ok();
    // Render everything and scan it before writing anything.
    let mut outputs: Vec<Cleared> = Vec::new();
    let forbidden = Forbidden::new(ws);
    for &ci in &clients {
        let scope = ClientScope::build(ws, ci, week.report_day(ws.config.report_day));
        let mut report = WeeklyReport::build(&scope, week);
        let guard = Guard::for_client(ws, &forbidden, ci);
        if let Some(h) = &history {
            let log = h.log(crate::history::log::View::Client(&scope.id));
            report = report.with_changes(&publish::redact_log(log, &guard));
        }
        let render =
            |format: &str| crate::render::render(&env, &format!("report/weekly.{format}"), &report);
        // Everything that goes out is scanned: for an e-mail, both parts as rendered
        // (before any transfer encoding) and the message with its headers; only the
        // message is delivered.
        let name = format!("{}-{}.{ext}", week.label(), scope.id);
        let mut parts = Vec::new();
        match args.format {
            ReportFormat::Md => parts.push((name, render("md")?)),
            ReportFormat::Html => parts.push((name, render("html")?)),
            ReportFormat::Eml => {
                let (md, html) = (render("md")?, render("html")?);
                match crate::render::eml::weekly(&report, &md, &html) {
                    Ok(message) => {
                        parts.push((name, message));
                        parts.push(("text part".into(), md));
                        parts.push(("HTML part".into(), html));
                    }
                    Err(why) => {
                        eprintln!("docket report: nothing written: {why}");
                        return Ok(1);
                    }
                }
            }
        }
        let files = parts
            .into_iter()
            .map(|(n, t)| (n, crate::render::site::Content::Text(t)))
            .collect();
        match guard.clear(ForClient::new(ci, files))? {
            Ok(cleared) => outputs.push(cleared),
            Err(refused) => {
                return Err(Error::Leak {
                    refused: vec![format!(
                        "the report to {} would contain {}",
                        scope.name,
                        refused.describe()
                    )],
                    meaning: "nothing written".into(),
                });
            }
        }
    }
    deliver(ws, args.out.as_deref(), &outputs)?;
    Ok(0)
}

/// Prints the reports, or with `--out` writes each (atomically) as `DIR/<name>` and
/// prints its path. Refuses a folder where reports would be read as records. Only the
/// first file of each output is the report (an e-mail's parts were scanned with it).
fn deliver(
    ws: &crate::link::Workspace,
    out: Option<&std::path::Path>,
    outputs: &[Cleared],
) -> Result<(), Error> {
    let Some(dir) = out else {
        for output in outputs {
            publish::print_first(output);
        }
        return Ok(());
    };
    refuse_folder(ws, dir)?;
    for output in outputs {
        for path in publish::write_first(output, dir)? {
            println!("{}", path.display());
        }
    }
    Ok(())
}

fn refuse_folder(ws: &crate::link::Workspace, dir: &std::path::Path) -> Result<(), Error> {
    if let Some(why) = crate::load::paths::records_folder(&ws.root, dir) {
        return Err(Error::Usage(format!(
            "--out {} is {why}; reports go in a folder of their own",
            dir.display()
        )));
    }
    Ok(())
}

/// The agency's internal report: Markdown, to standard output or `--out`.
fn internal(args: &WeeklyArgs, ws: &crate::link::Workspace, week: Week) -> Result<i32, Error> {
    if args.format != ReportFormat::Md {
        return Err(Error::Usage(
            "the internal report is written as Markdown (--format md)".into(),
        ));
    }
    let env = crate::render::environment_of(ws)?;
    let report = crate::render::weekly::InternalReport::build(ws, week);
    let text = crate::render::render(&env, "report/internal.md", &report)?;
    match args.out.as_deref() {
        None => print!("{text}"),
        Some(dir) => {
            refuse_folder(ws, dir)?;
            let path = dir.join(format!("{}-internal.md", week.label()));
            crate::edit::write_atomic(&path, &text).map_err(Error::write(&path))?;
            println!("{}", path.display());
        }
    }
    Ok(0)
}
