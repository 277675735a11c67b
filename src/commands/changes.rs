//! `docket changes`: what commits changed in the records, in the records' own terms.

use crate::cli::{ChangesArgs, ChangesFormat};
use crate::error::Error;
use crate::history::log::{self, Range, Since, View};
use crate::publish::{Forbidden, Guard};
use crate::render::changes::{self, Heading};
use crate::render::client::ForClient;

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
    let forbidden = Forbidden::new(ws);
    let guard = Guard::for_client(ws, &forbidden, ci);
    let log = crate::publish::redact_log(commits.log(view), &guard);
    let name = match args.format {
        ChangesFormat::Human => "changes.txt",
        ChangesFormat::Md => "changes.md",
        ChangesFormat::Json => "changes.json",
    };
    match guard.clear(ForClient::text(ci, name, render(&log)))? {
        Ok(cleared) => {
            crate::publish::print(&cleared);
            Ok(0)
        }
        Err(refused) => Err(Error::Leak {
            refused: vec![format!(
                "the change log of {} would contain {}",
                ws.clients[ci].name(),
                refused.describe()
            )],
            meaning: "nothing printed".into(),
        }),
    }
}
