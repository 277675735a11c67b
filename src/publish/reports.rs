//! What a client receives beside its portal, rendered from what it may see and cleared
//! by the leak scan before anyone prints or writes it: the weekly report (Markdown, HTML
//! or an e-mail) and its change log.

use super::{Cleared, Forbidden, Guard};
use crate::error::Error;
use crate::history::ChangeLog;
use crate::link::Workspace;
use crate::render::client::ForClient;
use crate::render::weekly::{Week, WeeklyReport};
use crate::view::client::ClientScope;

/// How a weekly report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Md,
    Html,
    /// An e-mail with a text and an HTML part.
    Eml,
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Eml => "eml",
        }
    }
}

/// The weekly report of `week` for each of `clients`, every one cleared by the scan; the
/// first file of each output is the report (an e-mail's parts are scanned with it).
/// `Ok(Err(why))` when a report cannot be made into an e-mail (an address the records
/// give is unusable): nothing is written then. `at` is the commit the workspace was read
/// at (`--at`), where last week's changes end.
pub(crate) fn weekly(
    ws: &Workspace,
    week: Week,
    clients: &[usize],
    format: Format,
    at: Option<&str>,
) -> Result<Result<Vec<Cleared>, String>, Error> {
    let env = crate::render::environment_of(ws)?;
    // Last week's commits, read once for every client; without a repository the reports
    // have no "since last week" section.
    let history = crate::history::log::read(
        &ws.root,
        &crate::history::log::Range {
            since: Some(crate::history::log::Since::Date(
                week.monday() - chrono::Duration::days(7),
            )),
            until: at.map(str::to_string),
        },
    )
    .ok();
    // Render everything and scan it before writing anything.
    let mut outputs: Vec<Cleared> = Vec::new();
    let forbidden = Forbidden::new(ws);
    for &ci in clients {
        let scope = ClientScope::build(ws, ci, week.report_day(ws.config.report_day));
        let mut report = WeeklyReport::build(&scope, week);
        let guard = Guard::for_client(ws, &forbidden, ci);
        if let Some(h) = &history {
            let log = h.log(crate::history::log::View::Client(&scope.id));
            report = report.with_changes(&super::redact_log(log, &guard));
        }
        let render =
            |format: &str| crate::render::render(&env, &format!("report/weekly.{format}"), &report);
        // Everything that goes out is scanned: for an e-mail, both parts as rendered
        // (before any transfer encoding) and the message with its headers; only the
        // message is delivered.
        let name = format!("{}-{}.{}", week.label(), scope.id, format.ext());
        let mut parts = Vec::new();
        match format {
            Format::Md => parts.push((name, render("md")?)),
            Format::Html => parts.push((name, render("html")?)),
            Format::Eml => {
                let (md, html) = (render("md")?, render("html")?);
                match crate::render::eml::weekly(&report, &md, &html) {
                    Ok(message) => {
                        parts.push((name, message));
                        parts.push(("text part".into(), md));
                        parts.push(("HTML part".into(), html));
                    }
                    Err(why) => return Ok(Err(why.to_string())),
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
    Ok(Ok(outputs))
}

/// Client `ci`'s change log, with what it may not read withheld (see
/// [`super::redact_log`]), rendered by `render` as file `name` and cleared by the scan
/// against the workspace `ws`.
pub(crate) fn changes(
    ws: &Workspace,
    ci: usize,
    log: ChangeLog,
    name: &str,
    render: &dyn Fn(&ChangeLog) -> String,
) -> Result<Cleared, Error> {
    let forbidden = Forbidden::new(ws);
    let guard = Guard::for_client(ws, &forbidden, ci);
    let log = super::redact_log(log, &guard);
    match guard.clear(ForClient::text(ci, name, render(&log)))? {
        Ok(cleared) => Ok(cleared),
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
