//! `docket build`: the internal site and the client portals. Compiles like `check`
//! (a workspace with errors builds nothing), renders everything in memory, scans every
//! file of every portal for leaks, and only then writes the site, atomically.

use std::path::PathBuf;

use crate::cli::{BuildArgs, Global};
use crate::diag::{Counts, plural};
use crate::error::Error;
use crate::publish::{self, Cleared};
use crate::render::site::{Content, Part};

pub(super) fn run(args: &BuildArgs, global: &Global) -> Result<i32, Error> {
    let compiled = crate::compile::compile_maybe_at(
        &args.workspace,
        args.at.as_deref(),
        args.today,
        crate::compile::Compile::WithHistory,
    )?;
    if global.verbose {
        crate::progress::finish();
        super::check::print_timings(&compiled.timings);
    }
    let counts = Counts::of(&compiled.diagnostics);
    if counts.errors > 0 {
        eprintln!(
            "docket build: nothing built: the workspace has {}; `docket check` shows them",
            plural(counts.errors, "error")
        );
        return Ok(1);
    }
    let ws = &compiled.ws;
    let part = match &args.portal {
        None => Part::Whole,
        Some(id) => Part::portal_of(ws, id)?,
    };
    // With --portal too: `_site/` then holds that portal alone, ready for its own host.
    let out: PathBuf = args.out.clone().unwrap_or_else(|| ws.root.join("_site"));
    let site = publish::build::site(&compiled, part, &out)?;
    crate::progress::finish();
    if !global.quiet {
        print_summary(
            ws,
            &site.internal,
            &site.portals,
            &out,
            part,
            counts.warnings,
        );
    }
    Ok(0)
}

fn print_summary(
    ws: &crate::link::Workspace,
    internal: &std::collections::BTreeMap<String, Content>,
    portals: &[(String, Cleared)],
    out: &std::path::Path,
    part: Part,
    warnings: usize,
) {
    let shown = out
        .strip_prefix(std::env::current_dir().unwrap_or_default())
        .unwrap_or(out);
    let count = |prefix: &str, f: &dyn Fn(&str) -> bool| {
        internal
            .keys()
            .filter(|p| p.starts_with(prefix) && f(p))
            .count()
    };
    let pages_of = |portal: &Cleared| {
        portal
            .files()
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .count()
    };
    match part {
        Part::Whole => {
            let pages = count("", &|p| p.ends_with(".html"));
            let attachments = internal
                .values()
                .filter(|c| matches!(c, Content::Copy(_) | Content::Bytes(_)))
                .count();
            println!("built the site in {}", shown.display());
            println!(
                "  internal: {} (dashboard, {}, {}), {} CSV exports, calendar.ics, {}",
                plural(pages, "page"),
                plural(ws.clients.len(), "client dashboard"),
                plural(ws.records.len(), "record page"),
                count("exports/", &|p| p.ends_with(".csv")),
                plural(attachments, "attachment"),
            );
            for (prefix, portal) in portals {
                println!(
                    "  {}: portal for {}, {} and calendar.ics",
                    prefix.trim_end_matches('/'),
                    ws.clients[portal.client()].name(),
                    plural(pages_of(portal), "page"),
                );
            }
            if portals.is_empty() {
                println!("  no portals: no client has `portal: true`");
            }
            println!("  open {}", shown.join("index.html").display());
        }
        Part::Portal(ci) => {
            println!(
                "built the portal for {} in {}: {} and calendar.ics",
                ws.clients[ci].name(),
                shown.display(),
                plural(portals.iter().map(|(_, p)| pages_of(p)).sum(), "page"),
            );
        }
    }
    if warnings > 0 {
        println!(
            "  the workspace has {}; `docket check` shows them",
            plural(warnings, "warning")
        );
    }
}
