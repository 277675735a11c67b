//! The last pass over everything rendered for a client: nothing of another client and
//! nothing internal may be in it. The client-scoped view should make a leak impossible;
//! this scan proves it on the actual output, and a hit stops docket from writing.

use crate::check::rules::cross_client_mention::{Finder, Marker, markers};
use crate::link::Workspace;
use crate::parse::records::Data;

/// Lines of internal text shorter than this are not looked for: a heading such as
/// "Notes" or a bullet "- ok" would match public text by chance.
const MIN_INTERNAL_LINE: usize = 12;

/// Every client's markers (names, aliases, contacts, numbers) in one automaton, built
/// once and shared by the guards of all clients: each guard ignores its own client's.
pub struct Markers {
    finder: Option<Finder>,
}

impl Markers {
    pub fn new(ws: &Workspace) -> Markers {
        Markers {
            finder: Finder::new(markers(ws)),
        }
    }
}

/// What must never appear in output for one client.
pub struct Guard<'m> {
    client: usize,
    /// Every client's markers; those of `client` are skipped.
    markers: &'m Markers,
    /// The client's own internal text.
    internal: Option<Finder>,
}

/// One forbidden thing found in an output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leak {
    pub what: String,
    pub text: String,
}

fn internal_lines(text: &str, out: &mut Vec<String>) {
    for line in text.lines() {
        let line = line
            .trim()
            .trim_start_matches(['#', '-', '*', '>', ' '])
            .trim();
        if line.chars().count() >= MIN_INTERNAL_LINE {
            out.push(line.to_string());
        }
    }
}

impl<'m> Guard<'m> {
    /// The markers of every other client, and the internal text of `client`: its notes
    /// (`client.md`'s body), internal sections, internal meetings, costs and vendors.
    pub fn for_client(ws: &Workspace, markers: &'m Markers, client: usize) -> Guard<'m> {
        let mut internal = Vec::new();
        internal_lines(ws.client_notes(client), &mut internal);
        for record in ws.records_of(client) {
            let text = &ws.sources.get(record.file).text;
            for span in record.parsed.body.internal_ranges() {
                // The heading line itself ("## Internal") is not secret.
                let section = &text[span.start..span.end];
                let body = section.split_once('\n').map_or("", |(_, rest)| rest);
                internal_lines(body, &mut internal);
            }
            match &record.parsed.data {
                Data::Order(o) => {
                    for cost in &o.costs {
                        internal.extend(cost.vendor.iter().map(|v| v.value.clone()));
                        internal.extend(cost.item.iter().map(|v| v.value.clone()));
                    }
                }
                Data::Minutes(m) if !m.visible_in_client_folder() => {
                    internal.extend(m.title.iter().map(|t| t.value.clone()));
                    internal.extend(m.conclusion.iter().map(|t| t.value.clone()));
                    internal_lines(
                        &text[record.parsed.parts.body.0..record.parsed.parts.body.1],
                        &mut internal,
                    );
                }
                _ => {}
            }
        }
        internal.sort();
        internal.dedup();
        // Text the client is shown anyway (a cost line named like a deliverable or a
        // timetable item) is not a secret: read from the records, not from the view.
        // Lower-cased: the scan matches without regard to case, so the exception does too.
        let public = public_text(ws, client).to_lowercase();
        let internal = internal
            .into_iter()
            .filter(|t| t.chars().count() >= 3 && !public.contains(&t.to_lowercase()))
            .map(|text| Marker {
                client,
                text,
                what: "internal text",
            })
            .collect();
        Guard {
            client,
            markers,
            internal: Finder::new(internal),
        }
    }

    /// What a file copied from the client's own folder (an attachment a client-visible
    /// record links to) may not hold: anything of another client. Internal text of the
    /// client itself is not looked for there: the file is the client's, linked on purpose.
    pub fn scan_attachment(&self, text: &str) -> Vec<Leak> {
        let mut found = self.others(text);
        tidy(&mut found);
        found
    }

    /// Everything forbidden in rendered output, read both as written and with HTML's
    /// character references decoded (an escaped `&amp;` must not hide `R&D Ltd`).
    pub fn scan_rendered(&self, text: &str) -> Vec<Leak> {
        let mut found = self.scan(text);
        if text.contains('&') {
            found.extend(self.scan(&crate::render::html::unescape(text)));
            tidy(&mut found);
        }
        found
    }

    /// Everything forbidden found in `text`.
    pub fn scan(&self, text: &str) -> Vec<Leak> {
        let mut found = self.others(text);
        if let Some(internal) = &self.internal {
            found.extend(internal.find(text).map(|(s, e, m)| leak(m, &text[s..e])));
        }
        tidy(&mut found);
        found
    }

    /// Other clients' markers in `text`.
    fn others(&self, text: &str) -> Vec<Leak> {
        let Some(finder) = &self.markers.finder else {
            return Vec::new();
        };
        finder
            .find(text)
            .filter(|(_, _, m)| m.client != self.client)
            .map(|(s, e, m)| leak(m, &text[s..e]))
            .collect()
    }
}

fn leak(m: &Marker, text: &str) -> Leak {
    Leak {
        what: m.what.to_string(),
        text: text.to_string(),
    }
}

/// Sorted, each leak once.
fn tidy(found: &mut Vec<Leak>) {
    found.sort_by(|a, b| (&a.what, &a.text).cmp(&(&b.what, &b.text)));
    found.dedup();
}

/// Everything of `client` that the format shows the client, one line per value: the
/// title, decisions and action tasks of client-visible minutes and their bodies without
/// internal sections; the titles and deliverables of work orders; the titles and items
/// of timetables.
fn public_text(ws: &Workspace, client: usize) -> String {
    let mut out = String::new();
    let mut add = |t: &str| {
        out.push_str(t);
        out.push('\n');
    };
    for record in ws.records_of(client) {
        let text = &ws.sources.get(record.file).text;
        match &record.parsed.data {
            Data::Minutes(m) if m.visible_in_client_folder() => {
                m.title.iter().for_each(|t| add(&t.value));
                m.decisions.iter().for_each(|d| add(&d.value));
                m.actions
                    .iter()
                    .flat_map(|a| &a.task)
                    .for_each(|t| add(&t.value));
                let (start, end) = record.parsed.parts.body;
                let mut at = start;
                for span in record.parsed.body.internal_ranges() {
                    add(&text[at..span.start.clamp(at, end)]);
                    at = span.end.clamp(at, end);
                }
                add(&text[at..end]);
            }
            Data::Order(o) => {
                o.title.iter().for_each(|t| add(&t.value));
                o.deliverables.iter().for_each(|d| add(&d.value));
            }
            Data::Schedule(s) => {
                s.title.iter().for_each(|t| add(&t.value));
                s.items
                    .iter()
                    .flat_map(|a| &a.task)
                    .for_each(|t| add(&t.value));
            }
            _ => {}
        }
    }
    out
}
