//! `docket changes`: what commits changed in the records, in the records' own terms.

use crate::Error;
use crate::cli::{ChangesArgs, ChangesFormat};
use crate::history::log::{self, Range, Since, View};
use crate::render::changes::{self, Heading};

pub fn run(args: &ChangesArgs) -> Result<i32, Error> {
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
                let hint = crate::parse::fields::did_you_mean(
                    c,
                    commits.people.clients.keys().map(String::as_str),
                )
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
    let log = commits.log(view);
    let heading = Heading {
        since: args.since.as_deref(),
        until: commits.until.as_deref().unwrap_or("(no commits)"),
        client: args.client.as_deref(),
    };
    let text = match args.format {
        ChangesFormat::Human => changes::human(&log, &commits.people, &heading),
        ChangesFormat::Md => changes::markdown(&log, &commits.people, &heading),
        ChangesFormat::Json => changes::json(&log, &commits.people, &heading),
    };
    print!("{text}");
    Ok(0)
}
