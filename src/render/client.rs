//! Output meant for one client, as rendered: sealed until the leak scan opens it.
//!
//! Every renderer of something a client can receive (portal pages and files, calendars,
//! weekly reports in every format, a client's change log) returns a [`ForClient`]. It
//! cannot be written or printed: the writers and printers of client output take only a
//! `publish::Cleared`, which only the leak scan makes from a `ForClient`.

use super::site::{Content, Files};

/// One client's output, rendered and not yet scanned.
#[derive(Debug)]
#[must_use = "output for a client goes through `publish::Guard::clear` or nowhere"]
pub struct ForClient {
    client: usize,
    files: Files,
}

impl ForClient {
    /// Files for client `client` (index in the workspace), by path.
    pub(crate) fn new(client: usize, files: Files) -> ForClient {
        ForClient { client, files }
    }

    /// One text for client `client`: a report or a change log, named `name`.
    pub(crate) fn text(client: usize, name: impl Into<String>, text: String) -> ForClient {
        ForClient::new(client, vec![(name.into(), Content::Text(text))])
    }

    /// The client it is for.
    pub(crate) fn client(&self) -> usize {
        self.client
    }

    /// Opens the output for the leak scan. Only `publish::scan` calls it (a test in
    /// `tests/cli/isolation_cases.rs` reads the sources and holds every other caller out).
    pub(crate) fn open_for_scan(self) -> (usize, Files) {
        (self.client, self.files)
    }
}
