//! Publish stage: the one way out for anything a client can receive.
//!
//! Renderers of client output return a [`ForClient`](crate::render::client::ForClient);
//! [`scan::Guard::clear`] scans it and returns a [`Cleared`], the only value the writers
//! and printers below accept. Nothing else makes a `Cleared`:
//!
//! The same paths do compile where they are used as the scan's output (so the two tests
//! below fail for the reasons they say, not for a wrong path):
//!
//! ```
//! fn print(output: &docket::internals::publish::Cleared) {
//!     docket::internals::publish::print(output);
//! }
//! fn receive(_: docket::internals::render::client::ForClient) {}
//! ```
//!
//! ```compile_fail,E0451
//! // A client's output cannot be made up outside the scan: its fields are private.
//! let output = docket::internals::publish::Cleared { client: 0, files: Vec::new() };
//! ```
//!
//! ```compile_fail,E0308
//! // Rendered output for a client cannot be printed or written as it is.
//! fn print(output: docket::internals::render::client::ForClient) {
//!     docket::internals::publish::print(&output);
//! }
//! ```

pub(crate) mod build;
pub(crate) mod reports;
pub(crate) mod scan;
pub(crate) mod site;

use std::path::Path;

use crate::error::Error;
use crate::render::site::{Content, Files};

pub(crate) use scan::{Forbidden, Guard, Verdict};

/// A client's change log with what it may not read taken out, before it is rendered: a
/// record whose path or name holds something forbidden is left out whole; an event whose
/// words do (an old version's value that named another client, since corrected) is
/// replaced by [`Event::Withheld`](crate::history::Event::Withheld). The rendered log
/// is scanned again as a whole before it is printed.
pub(crate) fn redact_log(
    mut log: crate::history::ChangeLog,
    guard: &Guard,
) -> crate::history::ChangeLog {
    log.records
        .retain(|r| guard.scan_text(&r.path).is_empty() && guard.scan_text(&r.label).is_empty());
    for record in &mut log.records {
        for entry in &mut record.changes {
            for event in &mut entry.events {
                if !guard.scan_text(&event.describe()).is_empty() {
                    *event = crate::history::Event::Withheld;
                }
            }
            entry.events.dedup();
        }
    }
    log
}

/// Output for one client that the leak scan cleared.
#[derive(Debug)]
pub struct Cleared {
    client: usize,
    files: Files,
}

impl Cleared {
    /// The client it is for (index in the workspace).
    pub(crate) fn client(&self) -> usize {
        self.client
    }

    /// Its files, by path.
    pub(crate) fn files(&self) -> &[(String, Content)] {
        &self.files
    }
}

/// Prints the first text of a cleared output (a report; the rest are the parts it was
/// scanned with) to standard output.
pub(crate) fn print_first(output: &Cleared) {
    if let Some((_, Content::Text(text))) = output.files.first() {
        print!("{text}");
    }
}

/// Prints every text of a cleared output to standard output, one after the other.
pub fn print(output: &Cleared) {
    for (_, content) in &output.files {
        if let Content::Text(text) = content {
            print!("{text}");
        }
    }
}

/// Writes the first text of a cleared output as `dir/<its name>`, atomically, and
/// returns its path.
pub(crate) fn write_first(output: &Cleared, dir: &Path) -> Result<Vec<std::path::PathBuf>, Error> {
    let mut written = Vec::new();
    if let Some((name, Content::Text(text))) = output.files.first() {
        let path = dir.join(name);
        crate::edit::write_atomic(&path, text).map_err(Error::write(&path))?;
        written.push(path);
    }
    Ok(written)
}
