//! `docket build`: the internal site and the client portals. Compiles like `check`
//! (a workspace with errors builds nothing), renders everything in memory, scans every
//! file of every portal for leaks, and only then writes the site, atomically.

use std::path::PathBuf;

use crate::cli::{BuildArgs, Global};
use crate::diag::{Counts, plural};
use crate::error::Error;
use crate::publish::{self, Cleared, Forbidden, Guard, Verdict};
use crate::render::site::{self, Content, Part};
use rayon::prelude::*;

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
        Some(id) => {
            let with_portal: Vec<&str> = ws
                .clients
                .iter()
                .filter(|c| c.info.as_ref().is_some_and(|i| i.portal))
                .map(|c| c.id.as_str())
                .collect();
            match ws.clients.iter().position(|c| &c.id == id) {
                Some(i) if with_portal.contains(&id.as_str()) => Part::Portal(i),
                Some(_) => {
                    return Err(Error::Usage(format!(
                        "client `{id}` has no portal: set `portal: true` in its client.md"
                    )));
                }
                None => {
                    return Err(Error::Usage(format!(
                        "there is no client `{id}` (clients with a portal: {})",
                        if with_portal.is_empty() {
                            "none".to_string()
                        } else {
                            with_portal.join(", ")
                        }
                    )));
                }
            }
        }
    };
    // With --portal too: `_site/` then holds that portal alone, ready for its own host.
    let out: PathBuf = args.out.clone().unwrap_or_else(|| ws.root.join("_site"));
    if let Some(why) = publish::site::refuse(&ws.root, &out) {
        return Err(Error::Usage(format!(
            "--out {}: {why}; the site goes in a folder of its own",
            out.display()
        )));
    }

    // What no portal may hold is read from the records while the site renders.
    let (site, forbidden) = rayon::join(|| site::render(&compiled, part), || Forbidden::new(ws));
    let site = site?;
    // Every portal is scanned, and written only as the scan cleared it.
    let scanned: Vec<(String, Result<Verdict, Error>)> = site
        .portals
        .into_par_iter()
        .map(|portal| {
            let guard = Guard::for_client(ws, &forbidden, portal.files.client());
            (portal.prefix, guard.clear(portal.files))
        })
        .collect();
    let mut portals = Vec::new();
    let mut refused = Vec::new();
    for (prefix, result) in scanned {
        match result? {
            Ok(cleared) => portals.push((prefix, cleared)),
            Err(leaks) => refused.push(format!(
                "the portal of {} would contain {}",
                ws.clients[leaks.client].name(),
                leaks.describe()
            )),
        }
    }
    if !refused.is_empty() {
        return Err(Error::Leak {
            refused,
            meaning: "nothing built".into(),
        });
    }
    let existed = out.exists();
    publish::site::write(&site.files, &portals, &out).map_err(|e| {
        e.meaning(match existed {
            true => format!("the site in {} is unchanged", out.display()),
            false => "no site was written".to_string(),
        })
    })?;
    crate::progress::finish();
    if !global.quiet {
        print_summary(ws, &site.files, &portals, &out, part, counts.warnings);
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
