//! `docket build`: the internal site and the client portals. Compiles like `check`
//! (a workspace with errors builds nothing), renders everything in memory, scans every
//! file of every portal for leaks, and only then writes the site, atomically.

use std::path::PathBuf;

use crate::Error;
use crate::cli::{BuildArgs, Global};
use crate::diag::{Counts, plural};
use crate::render::site::{self, Content, Part, Site, publish};
use rayon::prelude::*;

use crate::view::leak::{Guard, Leak, Markers};

pub fn run(args: &BuildArgs, global: &Global) -> Result<i32, Error> {
    let compiled = crate::compile_maybe_at(
        &args.workspace,
        args.at.as_deref(),
        args.today,
        crate::Compile::WithHistory,
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
    if let Some(why) = publish::refuse(&ws.root, &out) {
        return Err(Error::Usage(format!(
            "--out {}: {why}; the site goes in a folder of its own",
            out.display()
        )));
    }

    let site = site::render(ws, compiled.today, part)?;
    let markers = Markers::new(ws);
    let scanned: Vec<(usize, Result<Vec<FoundLeak>, Error>)> = site
        .portals
        .par_iter()
        .map(|(ci, prefix)| {
            let guard = Guard::for_client(ws, &markers, *ci);
            (*ci, scan_portal(&site, prefix, &guard))
        })
        .collect();
    let mut found = false;
    for (ci, leaks) in scanned {
        let leaks = leaks?;
        if !leaks.is_empty() {
            found = true;
            let list: Vec<String> = leaks
                .iter()
                .map(|(file, l)| format!("{} \"{}\" in {file}", l.what, l.text))
                .collect();
            eprintln!(
                "docket build: the portal of {} would contain {}",
                ws.clients[ci].name(),
                list.join(", ")
            );
        }
    }
    if found {
        eprintln!("docket build: nothing built");
        return Ok(2);
    }
    let existed = out.exists();
    publish::write(&site, &out).map_err(|e| {
        e.meaning(match existed {
            true => format!("the site in {} is unchanged", out.display()),
            false => "no site was written".to_string(),
        })
    })?;
    crate::progress::finish();
    if !global.quiet {
        print_summary(ws, &site, &out, part, counts.warnings);
    }
    Ok(0)
}

/// A leak and the portal file it is in.
type FoundLeak = (String, Leak);

/// Everything forbidden in any file of the portal under `prefix`: in its name, its path
/// and its content (pages, calendars, copied attachments).
fn scan_portal(site: &Site, prefix: &str, guard: &Guard) -> Result<Vec<FoundLeak>, Error> {
    let mut found = Vec::new();
    let files = site
        .files
        .range::<str, _>((
            std::ops::Bound::Included(prefix),
            std::ops::Bound::Unbounded,
        ))
        .take_while(|(p, _)| p.starts_with(prefix));
    for (path, content) in files {
        let mut leaks = guard.scan(path);
        match content {
            Content::Text(text) => leaks.extend(guard.scan_rendered(text)),
            Content::Bytes(bytes) => {
                leaks.extend(guard.scan_attachment(&String::from_utf8_lossy(bytes)));
            }
            Content::Copy(source) => {
                let bytes = std::fs::read(source).map_err(|e| Error::Io {
                    path: source.clone(),
                    source: e,
                })?;
                leaks.extend(guard.scan_attachment(&String::from_utf8_lossy(&bytes)));
            }
        }
        found.extend(leaks.into_iter().map(|l| (path.clone(), l)));
    }
    Ok(found)
}

fn print_summary(
    ws: &crate::link::Workspace,
    site: &Site,
    out: &std::path::Path,
    part: Part,
    warnings: usize,
) {
    let shown = out
        .strip_prefix(std::env::current_dir().unwrap_or_default())
        .unwrap_or(out);
    let count = |prefix: &str, f: &dyn Fn(&str) -> bool| {
        site.files
            .keys()
            .filter(|p| p.starts_with(prefix) && f(p))
            .count()
    };
    let in_portal = |p: &str| p.starts_with("portal/");
    match part {
        Part::Whole => {
            let pages = count("", &|p| p.ends_with(".html") && !in_portal(p));
            let attachments = site
                .files
                .iter()
                .filter(|(p, c)| matches!(c, Content::Copy(_) | Content::Bytes(_)) && !in_portal(p))
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
            for (ci, prefix) in &site.portals {
                println!(
                    "  {}: portal for {}, {} and calendar.ics",
                    prefix.trim_end_matches('/'),
                    ws.clients[*ci].name(),
                    plural(count(prefix, &|p| p.ends_with(".html")), "page"),
                );
            }
            if site.portals.is_empty() {
                println!("  no portals: no client has `portal: true`");
            }
            println!("  open {}", shown.join("index.html").display());
        }
        Part::Portal(ci) => {
            println!(
                "built the portal for {} in {}: {} and calendar.ics",
                ws.clients[ci].name(),
                shown.display(),
                plural(count("", &|p| p.ends_with(".html")), "page"),
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
