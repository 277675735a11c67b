//! `docket new`: a new record from a template (`templates/new/`), with the next free
//! number of the workspace's numbering pattern. It never overwrites a file.

use chrono::{Datelike, Duration};
use minijinja::context;

use crate::cli::{NewArgs, NewKind};
use crate::edit::{self as write, quoted};
use crate::error::Error;
use crate::link::Workspace;
use crate::model::records::{MeetingKind, OrderKind};
use crate::model::settings::Pattern;
use crate::model::values::Choice;

fn refuse(message: impl std::fmt::Display) -> Result<i32, Error> {
    eprintln!("docket new: nothing written: {message}");
    Ok(1)
}

/// The `--kind` given (checked against the allowed words), or `default`.
fn kind_word<T: Choice>(
    given: Option<&str>,
    default: T,
    what: &str,
) -> Result<&'static str, String> {
    match given {
        None => Ok(default.as_str()),
        Some(k) => T::parse(k)
            .map(T::as_str)
            .ok_or_else(|| format!("`{k}` is not a kind of {what} (kinds: {})", T::words())),
    }
}

/// `Spring key visual!` -> `spring-key-visual`; text without ASCII letters or digits
/// (`春季发布会`) gives `fallback`.
pub(super) fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(60).collect();
    if out.is_empty() {
        fallback.to_string()
    } else {
        out.trim_end_matches('-').to_string()
    }
}

/// The next number of `pattern` for `year`: one past the highest sequence number already
/// used that year, in records or in file names (a record that does not parse still holds
/// its number).
pub(super) fn next_number(ws: &Workspace, pattern: &Pattern, folder: &str, year: i32) -> String {
    let from_files = ws.files.iter().filter_map(|path| {
        let mut parts = path.split('/');
        match (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) {
            (Some("clients"), Some(_), Some(f), Some(name), None) if f == folder => {
                name.strip_suffix(".md")
            }
            _ => None,
        }
    });
    let used = from_files
        .filter_map(|n| pattern.matches(n))
        .filter(|(y, _)| y.is_none_or(|y| y == year))
        .map(|(_, seq)| seq)
        .max()
        .unwrap_or(0);
    pattern.format(year, used + 1)
}

pub(super) fn run(args: &NewArgs) -> Result<i32, Error> {
    // Numbers are the workspace's: a second `new` waits here until this one has written,
    // then takes the next number after it.
    let _lock = match args.workspace.join("docket.yaml").is_file() {
        true => Some(write::lock_folder(&args.workspace).map_err(Error::io(&args.workspace))?),
        false => None,
    };
    let compiled = crate::compile::compile_with(
        &args.workspace,
        args.today,
        crate::compile::Compile::WithoutHistory,
    )?;
    let ws = &compiled.ws;
    let today = compiled.today;
    let Some(client) = ws.clients.iter().find(|c| c.id == args.client) else {
        let known: Vec<&str> = ws.clients.iter().map(|c| c.id.as_str()).collect();
        return refuse(format!(
            "there is no client `{}` (clients: {})",
            args.client,
            known.join(", ")
        ));
    };
    let Some(info) = &client.info else {
        return refuse(format!(
            "clients/{}/client.md does not parse; correct it first",
            client.id
        ));
    };
    let ae = info.ae.as_ref().map_or(String::new(), |a| a.value.clone());
    let currency = ws.config.currency.clone();
    let base = format!("clients/{}", client.id);
    let (template, rel, vars) = match args.what {
        NewKind::Order => {
            let kind = match kind_word(args.kind.as_deref(), OrderKind::Creative, "work order") {
                Ok(k) => k,
                Err(why) => return refuse(why),
            };
            let number = next_number(ws, &ws.config.work_order_numbering, "orders", today.year());
            let title = args
                .title
                .clone()
                .unwrap_or_else(|| "New work order".into());
            (
                "order.md",
                format!("{base}/orders/{number}.md"),
                context! { number, kind, title => quoted(&title), today => today.to_string(), ae, currency },
            )
        }
        NewKind::Invoice => {
            let number = next_number(ws, &ws.config.invoice_numbering, "invoices", today.year());
            for o in &args.orders {
                let theirs = ws.orders.get(o).is_some_and(|&ri| {
                    ws.records[ri]
                        .client
                        .is_some_and(|c| ws.clients[c].id == client.id)
                });
                if !theirs {
                    return refuse(format!("`{o}` is not a work order of {}", client.name()));
                }
            }
            let title = args
                .title
                .clone()
                .unwrap_or_else(|| match args.orders.as_slice() {
                    [one] => format!("Work order {one}"),
                    _ => "Services".into(),
                });
            (
                "invoice.md",
                format!("{base}/invoices/{number}.md"),
                context! { number, orders => args.orders.join(", "), title => quoted(&title), today => today.to_string(), currency },
            )
        }
        NewKind::Minutes => {
            let kind = match kind_word(args.kind.as_deref(), MeetingKind::Client, "meeting") {
                Ok(k) => k,
                Err(why) => return refuse(why),
            };
            let date_text = args.date.clone().unwrap_or_else(|| today.to_string());
            let date = match crate::model::values::parse_date(date_text.get(..10).unwrap_or("")) {
                Ok(d) => d,
                Err(e) => return refuse(format!("--date: {e}")),
            };
            let title = args.title.clone().unwrap_or_else(|| "Meeting".into());
            (
                "minutes.md",
                format!("{base}/minutes/{date}-{}.md", slug(&title, "meeting")),
                context! { kind, title => quoted(&title), date => date_text, ae },
            )
        }
        NewKind::Schedule => {
            let title = args.title.clone().unwrap_or_else(|| "Timetable".into());
            (
                "schedule.md",
                format!("{base}/schedules/{}.md", slug(&title, "timetable")),
                context! { title => quoted(&title), today => today.to_string(), to => (today + Duration::days(30)).to_string() },
            )
        }
    };
    let env = crate::render::environment_of(ws)?;
    let text = crate::render::render(&env, &format!("new/{template}"), vars)?;
    let path = ws.root.join(&rel);
    // Writers of one folder hold its lock while their temporary file exists (see `sign`).
    let folder = path.parent().unwrap_or(&ws.root).to_path_buf();
    std::fs::create_dir_all(&folder).map_err(Error::write(&folder))?;
    let _folder_lock = write::lock_folder(&folder).map_err(Error::io(&folder))?;
    write::sweep(&folder);
    match write::write_new(&path, &text) {
        Ok(()) => {
            println!("{rel}");
            Ok(0)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            refuse(format!("{rel} exists already"))
        }
        Err(source) => Err(Error::Io { path, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Spring key visual!", "x"), "spring-key-visual");
        assert_eq!(slug("  --Q4 / media plan-- ", "x"), "q4-media-plan");
        assert_eq!(slug("春季发布会", "meeting"), "meeting");
    }
}
