//! The change log as text for people, as Markdown, and as JSON (`docket changes`).

use serde::Serialize;

use crate::history::log::{ChangeLog, CommitInfo, People, RecordLog};

/// A client's records, or the agency's own (`client: None`).
#[derive(Serialize)]
struct Group<'a> {
    client: Option<&'a str>,
    name: Option<&'a str>,
    records: Vec<&'a RecordLog>,
}

fn groups<'a>(log: &'a ChangeLog, people: &'a People) -> Vec<Group<'a>> {
    let mut out: Vec<Group> = Vec::new();
    for r in &log.records {
        let client = r.client.as_deref();
        match out.last_mut() {
            Some(g) if g.client == client => g.records.push(r),
            _ => out.push(Group {
                client,
                name: client.and_then(|c| people.clients.get(c).map(String::as_str)),
                records: vec![r],
            }),
        }
    }
    out
}

fn group_title(g: &Group) -> String {
    match (g.client, g.name) {
        (Some(c), Some(n)) if n != c => format!("{c} \u{2014} {n}"),
        (Some(c), _) => c.to_string(),
        (None, _) => "the agency (internal/)".to_string(),
    }
}

fn commit_line(c: &CommitInfo) -> String {
    match (&c.author, &c.subject) {
        (Some(a), Some(s)) => format!("{} {} {a}: {s}", c.short, c.date),
        _ => format!("{} {}", c.short, c.date),
    }
}

fn record_title(r: &RecordLog) -> String {
    if r.label.is_empty() {
        r.path.clone()
    } else {
        format!("{} \u{2014} {}", r.label, r.path)
    }
}

/// What the range was, for the first line.
pub(crate) struct Heading<'a> {
    pub since: Option<&'a str>,
    pub until: &'a str,
    pub client: Option<&'a str>,
}

impl Heading<'_> {
    fn text(&self, log: &ChangeLog) -> String {
        let range = match self.since {
            Some(s) => format!("since {s} up to {}", self.until),
            None => format!("up to {}", self.until),
        };
        let whose = self
            .client
            .map_or(String::new(), |c| format!(", as client {c} sees them"));
        format!(
            "Changes {range}{whose}: {} in {}",
            crate::diag::plural(log.records.len(), "record"),
            crate::diag::plural(log.commits.len(), "commit")
        )
    }
}

/// For people, in a terminal.
pub(crate) fn human(log: &ChangeLog, people: &People, heading: &Heading) -> String {
    let mut out = heading.text(log);
    out.push('\n');
    for g in groups(log, people) {
        out.push_str(&format!("\n{}\n", group_title(&g)));
        for r in g.records {
            out.push_str(&format!("  {}\n", record_title(r)));
            for e in &r.changes {
                out.push_str(&format!("    {}\n", commit_line(&log.commits[e.commit])));
                for ev in &e.events {
                    out.push_str(&format!("      {}\n", ev.describe()));
                }
            }
        }
    }
    out
}

/// Markdown: a heading per client and record, a list item per commit.
pub(crate) fn markdown(log: &ChangeLog, people: &People, heading: &Heading) -> String {
    let mut out = format!("# {}\n", md(&heading.text(log)));
    for g in groups(log, people) {
        out.push_str(&format!("\n## {}\n", md(&group_title(&g))));
        for r in g.records {
            let title = if r.label.is_empty() {
                &r.path
            } else {
                &r.label
            };
            out.push_str(&format!(
                "\n### {}\n\n`{}`\n\n",
                md(title),
                r.path.replace('`', "'")
            ));
            for e in &r.changes {
                out.push_str(&format!("- {}\n", md(&commit_line(&log.commits[e.commit]))));
                for ev in &e.events {
                    out.push_str(&format!("  - {}\n", md(&ev.describe())));
                }
            }
        }
    }
    out
}

/// Text that Markdown shows as written.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>|".contains(c) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

/// One JSON object: the range, the commits, and the records by client.
pub(crate) fn json(log: &ChangeLog, people: &People, heading: &Heading) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        since: Option<&'a str>,
        until: &'a str,
        client: Option<&'a str>,
        commits: &'a [CommitInfo],
        clients: Vec<Group<'a>>,
    }
    let out = Out {
        since: heading.since,
        until: heading.until,
        client: heading.client,
        commits: &log.commits,
        clients: groups(log, people),
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}
