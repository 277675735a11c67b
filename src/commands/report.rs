//! `docket report weekly`: the weekly report of each client, from its client-scoped view,
//! scanned for leaks before anything is written.

use crate::cli::{ReportFormat, WeeklyArgs};
use crate::diag::{Counts, plural};
use crate::error::Error;
use crate::publish::reports::Format;
use crate::publish::{self, Cleared};
use crate::render::weekly::Week;

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
    let format = match args.format {
        ReportFormat::Md => Format::Md,
        ReportFormat::Html => Format::Html,
        ReportFormat::Eml => Format::Eml,
    };
    let outputs = match publish::reports::weekly(ws, week, &clients, format, args.at.as_deref())? {
        Ok(outputs) => outputs,
        Err(why) => {
            eprintln!("docket report: nothing written: {why}");
            return Ok(1);
        }
    };
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
