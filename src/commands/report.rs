//! `docket report weekly`: the weekly report of each client, from its client-scoped view,
//! scanned for leaks before anything is written.

use crate::Error;
use crate::cli::{ReportFormat, WeeklyArgs};
use crate::diag::{Counts, plural};
use crate::render::weekly::{Week, WeeklyReport};
use crate::view::client::ClientScope;
use crate::view::leak::{Guard, Markers};

pub fn weekly(args: &WeeklyArgs) -> Result<i32, Error> {
    let compiled = crate::compile_maybe_at(
        &args.workspace,
        args.at.as_deref(),
        args.today,
        crate::Compile::WithoutHistory,
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
    let mut outputs = Vec::new();
    let markers = Markers::new(ws);
    for &ci in &clients {
        let scope = ClientScope::build(ws, ci, week.report_day(&ws.config));
        let mut report = WeeklyReport::build(&scope, week, &ws.config);
        if let Some(h) = &history {
            report = report.with_changes(&h.log(crate::history::log::View::Client(&scope.id)));
        }
        let render =
            |format: &str| crate::render::render(&env, &format!("report/weekly.{format}"), &report);
        // Everything that goes out is scanned: for an e-mail, both parts as rendered
        // (before any transfer encoding) and the message with its headers.
        let (text, scanned) = match args.format {
            ReportFormat::Md => {
                let t = render("md")?;
                (t.clone(), vec![t])
            }
            ReportFormat::Html => {
                let t = render("html")?;
                (t.clone(), vec![t])
            }
            ReportFormat::Eml => {
                let (md, html) = (render("md")?, render("html")?);
                match crate::render::eml::weekly(&report, &md, &html) {
                    Ok(message) => (message.clone(), vec![md, html, message]),
                    Err(why) => {
                        eprintln!("docket report: nothing written: {why}");
                        return Ok(1);
                    }
                }
            }
        };
        let guard = Guard::for_client(ws, &markers, ci);
        let mut leaks: Vec<_> = scanned
            .iter()
            .flat_map(|t| guard.scan_rendered(t))
            .collect();
        leaks.sort_by(|a, b| (&a.what, &a.text).cmp(&(&b.what, &b.text)));
        leaks.dedup();
        if !leaks.is_empty() {
            let list: Vec<String> = leaks
                .iter()
                .map(|l| format!("{} \"{}\"", l.what, l.text))
                .collect();
            eprintln!(
                "docket report: nothing written: the report to {} would contain {}",
                scope.name,
                list.join(", ")
            );
            return Ok(2);
        }
        outputs.push((format!("{}-{}.{ext}", week.label(), scope.id), text));
    }
    deliver(ws, args.out.as_deref(), &outputs)?;
    Ok(0)
}

/// Prints the reports, or with `--out` writes each (atomically) as `DIR/<name>` and
/// prints its path. Refuses a folder where reports would be read as records.
fn deliver(
    ws: &crate::link::Workspace,
    out: Option<&std::path::Path>,
    outputs: &[(String, String)],
) -> Result<(), Error> {
    let Some(dir) = out else {
        for (_, text) in outputs {
            print!("{text}");
        }
        return Ok(());
    };
    if let Some(why) = super::records_folder(&ws.root, dir) {
        return Err(Error::Usage(format!(
            "--out {} is {why}; reports go in a folder of their own",
            dir.display()
        )));
    }
    for (name, text) in outputs {
        let path = dir.join(name);
        crate::signoff::write::write_atomic(&path, text).map_err(Error::write(&path))?;
        println!("{}", path.display());
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
    deliver(
        ws,
        args.out.as_deref(),
        &[(format!("{}-internal.md", week.label()), text)],
    )?;
    Ok(0)
}
