//! `docket check`: every diagnostic of a workspace, then a one-line summary.

use crate::cli::{CheckArgs, CheckFormat, Global};
use crate::compile::Compiled;
use crate::diag::{self, Counts, plural};
use crate::error::Error;

pub(super) fn run(args: &CheckArgs, global: &Global) -> Result<i32, Error> {
    let compiled = crate::compile::compile_maybe_at(
        &args.workspace,
        args.at.as_deref(),
        args.today,
        crate::compile::Compile::WithHistory,
    )?;
    crate::progress::finish();
    if args.timings || global.verbose {
        print_timings(&compiled.timings);
    }
    // Annotations and SARIF name files as the repository does.
    let prefix =
        || super::repository_folder(&args.workspace).map_or(String::new(), |(_, folder)| folder);
    let code = match args.format {
        CheckFormat::Github => {
            let prefix = prefix();
            print!(
                "{}",
                diag::github::render(&compiled.diagnostics, &compiled.ws.sources, &prefix)
            );
            if !global.quiet {
                println!("{}", summary(&compiled));
            }
            exit_code(&compiled)
        }
        CheckFormat::Sarif => {
            let prefix = prefix();
            print!(
                "{}",
                diag::sarif::render(
                    &compiled.diagnostics,
                    crate::check::codes::RULES,
                    &compiled.ws.sources,
                    &prefix,
                )
            );
            exit_code(&compiled)
        }
        CheckFormat::Json => {
            print!(
                "{}",
                diag::json::render(
                    &compiled.diagnostics,
                    &compiled.ws.sources,
                    compiled.ws.records.len()
                )
            );
            exit_code(&compiled)
        }
        CheckFormat::Human => {
            for d in &compiled.diagnostics {
                println!(
                    "{}\n",
                    diag::human::render(d, &compiled.ws.sources, super::use_color(global.color))
                );
            }
            if !global.quiet {
                println!("{}", summary(&compiled));
            }
            exit_code(&compiled)
        }
    };
    // The process ends here: freeing every file and record one by one would only cost
    // time (about 4% of a large check).
    std::mem::forget(compiled);
    Ok(code)
}

fn exit_code(compiled: &Compiled) -> i32 {
    if compiled.has_errors() { 1 } else { 0 }
}

/// How long each stage took, on standard error.
pub(super) fn print_timings(t: &crate::compile::Timings) {
    for (stage, took) in &t.stages {
        eprintln!("{stage:>20}: {:>9.1} ms", took.as_secs_f64() * 1000.0);
    }
    eprintln!(
        "{:>20}: {} commits read, {} record paths indexed",
        "history", t.commits_read, t.paths_indexed
    );
    eprintln!(
        "{:>20}: {} files read from the parse cache ({} of them not read from disk), {} parsed",
        "parse cache", t.from_cache, t.unread, t.parsed
    );
}

/// `checked 48 records of 3 clients: 0 errors, 2 warnings`
pub(super) fn summary(compiled: &Compiled) -> String {
    let c = Counts::of(&compiled.diagnostics);
    let mut line = format!(
        "checked {} of {}: {}, {}",
        plural(compiled.ws.records.len(), "record"),
        plural(compiled.ws.clients.len(), "client"),
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
    );
    if c.infos > 0 {
        line.push_str(&format!(", {}", plural(c.infos, "note")));
    }
    line
}
