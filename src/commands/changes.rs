//! `docket changes`: what commits changed in the records, in the records' own terms.

use crate::cli::{ChangesArgs, ChangesFormat};
use crate::error::Error;
use crate::history::log::{self, Range, Since, View};
use crate::render::changes::{self, Heading};

pub(super) fn run(args: &ChangesArgs) -> Result<i32, Error> {
    let root = &args.workspace;
    if !root.join("docket.yaml").is_file() {
        return Err(Error::NotWorkspace(root.clone()));
    }
    let range = Range {
        since: args.since.as_deref().map(Since::parse),
        until: args.until.clone(),
    };
    let commits = log::read(root, &range)?;
    let view = match &args.client {
        Some(c) => {
            if !commits.people.clients.contains_key(c) {
                let hint =
                    crate::diag::did_you_mean(c, commits.people.clients.keys().map(String::as_str))
                        .map_or(String::new(), |m| format!(" (did you mean `{m}`?)"));
                return Err(Error::Usage(format!(
                    "no client `{c}` in the workspace at {}{hint}",
                    args.until.as_deref().unwrap_or("HEAD")
                )));
            }
            View::Client(c)
        }
        None => View::Agency,
    };
    let heading = Heading {
        since: args.since.as_deref(),
        until: commits.until.as_deref().unwrap_or("(no commits)"),
        client: args.client.as_deref(),
    };
    let render = |log: &crate::history::ChangeLog| match args.format {
        ChangesFormat::Human => changes::human(log, &commits.people, &heading),
        ChangesFormat::Md => changes::markdown(log, &commits.people, &heading),
        ChangesFormat::Json => changes::json(log, &commits.people, &heading),
    };
    let Some(client) = &args.client else {
        print!("{}", render(&commits.log(view)));
        return Ok(0);
    };
    // A client's log is scanned as a client's report is, against the workspace as the
    // range's last commit has it (or the working tree): events that name what the client
    // may not see are withheld, and the whole log must then pass the scan.
    let compiled = crate::compile::compile_maybe_at(
        root,
        args.until.as_deref(),
        None,
        crate::compile::Compile::WithoutHistory,
    )?;
    let ws = &compiled.ws;
    let Some(ci) = ws.clients.iter().position(|c| &c.id == client) else {
        return Err(Error::Usage(format!(
            "client `{client}` is not in the workspace's current records"
        )));
    };
    let name = match args.format {
        ChangesFormat::Human => "changes.txt",
        ChangesFormat::Md => "changes.md",
        ChangesFormat::Json => "changes.json",
    };
    let cleared = crate::publish::reports::changes(ws, ci, commits.log(view), name, &render)?;
    crate::publish::print(&cleared);
    Ok(0)
}
