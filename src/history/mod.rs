//! History stage: what commits did to the records, said in the records' own terms.
//!
//! [`log::read`] walks the commits of a range once, newest first, and lists the record
//! files each changed (old and new blob, from [`trees`]). [`version`] reads one version
//! of a record into what a change log compares: typed fields, sign-offs, body sections.
//! [`diff`] compares two versions into [`Event`]s; [`fields`] knows how each field's
//! value is compared and shown (money, dates, people by name). [`scope`] is the only
//! way a client's change log is made: from client views of both versions, so nothing a
//! client may not see is ever compared.

pub(crate) mod cache;
pub(crate) mod diff;
pub(crate) mod fields;
pub(crate) mod log;
pub(crate) mod provenance;
pub(crate) mod scope;
pub(crate) mod version;

pub(crate) use log::ChangeLog;

use serde::Serialize;

/// How many of `n` records each parallel chunk reads, when each chunk opens its own
/// repository (opening one reads its configuration and pack indexes, too costly per
/// record): a few chunks per thread.
fn chunk_of(n: usize) -> usize {
    n.div_ceil(rayon::current_num_threads() * 4).max(1)
}

/// One thing a commit did to a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Added,
    Removed,
    /// Added again after an earlier commit of the range removed it.
    Restored,
    Renamed {
        from: String,
    },
    /// A field (or a field of a list item: `actions "Send brief".due`) changed value.
    Field {
        field: String,
        old: Option<String>,
        new: Option<String>,
    },
    /// Items added to or removed from a list.
    Items {
        field: String,
        added: Vec<String>,
        removed: Vec<String>,
    },
    Status {
        from: Option<String>,
        to: Option<String>,
    },
    SignedOff {
        by: String,
        stage: String,
        date: String,
    },
    /// A sign-off entry taken out of the record.
    SignoffRemoved {
        by: String,
        stage: String,
    },
    /// A sign-off that held before this commit and no longer does: what it signed changed.
    Stale {
        by: String,
        stage: String,
    },
    /// A body section added, removed or edited (`heading` empty: the text before the
    /// first heading).
    Section {
        heading: String,
        change: SectionChange,
        lines_added: usize,
        lines_removed: usize,
        /// Under one of the workspace's internal headings (never in a client's log).
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        internal: bool,
    },
    /// This version of the record could not be read (`docket check` says why).
    Unreadable,
    /// In a client's log: a change whose words named something the client may not see
    /// (another client, or text that is internal), left out by the leak scan.
    Withheld,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionChange {
    Added,
    Removed,
    Edited,
}

impl Event {
    /// The event as a line of a change log: `budget: CNY 36,000.00 → CNY 48,000.00`.
    pub fn describe(&self) -> String {
        let words = |s: &Option<String>| {
            s.as_deref()
                .map_or("none".to_string(), |s| s.replace('_', " "))
        };
        match self {
            Event::Added => "added".into(),
            Event::Removed => "removed".into(),
            Event::Restored => "restored".into(),
            Event::Renamed { from } => format!("renamed from {from}"),
            Event::Field { field, old, new } => match (old, new) {
                (Some(o), Some(n)) => format!("{field}: {o} \u{2192} {n}"),
                (None, Some(n)) => format!("{field} set: {n}"),
                (Some(o), None) => format!("{field} taken out (was {o})"),
                (None, None) => format!("{field} changed"),
            },
            Event::Items {
                field,
                added,
                removed,
            } => {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!("added {}", added.join(", ")));
                }
                if !removed.is_empty() {
                    parts.push(format!("removed {}", removed.join(", ")));
                }
                format!("{field}: {}", parts.join("; "))
            }
            Event::Status { from, to } => {
                format!("status: {} \u{2192} {}", words(from), words(to))
            }
            Event::SignedOff { by, stage, date } => {
                format!("signed off: {stage} by {by} on {date}")
            }
            Event::SignoffRemoved { by, stage } => format!("sign-off taken out: {stage} by {by}"),
            Event::Stale { by, stage } => {
                format!("sign-off no longer holds: {stage} by {by} (what was signed changed)")
            }
            Event::Section {
                heading,
                change,
                lines_added,
                lines_removed,
                internal,
            } => {
                let what = if heading.is_empty() {
                    "the opening text".to_string()
                } else {
                    format!("section \u{201c}{heading}\u{201d}")
                };
                let how = match change {
                    SectionChange::Added => "added",
                    SectionChange::Removed => "removed",
                    SectionChange::Edited => "edited",
                };
                let mut lines = Vec::new();
                if *lines_added > 0 {
                    lines.push(format!("+{lines_added}"));
                }
                if *lines_removed > 0 {
                    lines.push(format!("\u{2212}{lines_removed}"));
                }
                let count = match lines_added + lines_removed {
                    0 => String::new(),
                    1 => format!(" ({} line)", lines.join(" ")),
                    _ => format!(" ({} lines)", lines.join(" ")),
                };
                let inside = if *internal { ", internal" } else { "" };
                format!("{what} {how}{count}{inside}")
            }
            Event::Unreadable => {
                "this version cannot be read (`docket check --at` at this commit says why)".into()
            }
            Event::Withheld => "a change not shown here".into(),
        }
    }
}
