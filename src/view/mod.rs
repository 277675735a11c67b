//! Views: what a reader may see, copied out of the workspace.
//!
//! A [`client::ClientScope`] holds one client's client-visible data as plain owned
//! values. Reports and portals are rendered from it alone: the render code and the
//! templates never hold the `Workspace`, so another client's records, internal meetings,
//! internal sections, costs, vendors and client notes are not within their reach. The
//! leak scan ([`leak`]) then checks every rendered output anyway.

pub(crate) mod agency;
pub(crate) mod client;
pub(crate) mod dashboard;
pub(crate) mod pending;
pub(crate) mod record;

use serde::Serialize;

/// A person as a reader sees them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct PersonView {
    pub name: String,
    pub email: Option<String>,
}
