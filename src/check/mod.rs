//! Check stage: the rules run over the linked workspace. Each rule lives in its own file
//! under `rules/`, whose `mod.rs` is the registry of all of them.

pub(crate) mod codes;
pub(crate) mod rules;

use chrono::NaiveDate;

use crate::diag::Diagnostic;
use crate::git::NoHistory;
use crate::history::provenance::Provenance;
use crate::link::{Record, Workspace};

/// How a rule words a problem that a stage before the check found (see
/// `model::problem`); the registry in [`rules`] says which rule words which kind.
pub(crate) trait Word {
    fn diagnostic(&self) -> Diagnostic;
}

/// The diagnostic for a problem a stage before the check found, worded by its rule.
pub fn word(problem: &crate::model::problem::Problem) -> Diagnostic {
    rules::diagnostic(problem)
}

/// What a rule sees: the workspace, the date that counts as today, and where to report.
pub(crate) struct Context<'a> {
    pub ws: &'a Workspace,
    /// What git says of each sign-off, or why there is no history.
    pub provenance: &'a Result<Provenance, NoHistory>,
    pub today: NaiveDate,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub(crate) fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Client records (not `internal/`), with their client index.
    pub(crate) fn client_records(&self) -> impl Iterator<Item = (usize, &'a Record)> + 'a {
        let ws: &'a Workspace = self.ws;
        ws.records.iter().filter_map(|r| r.client.map(|c| (c, r)))
    }
}

/// Runs every rule; returns their diagnostics (severities not yet adjusted).
pub(crate) fn check(
    ws: &Workspace,
    provenance: &Result<Provenance, NoHistory>,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    rules::CHECKS
        .par_iter()
        .flat_map_iter(|rule| {
            let mut cx = Context {
                ws,
                provenance,
                today,
                diags: Vec::new(),
            };
            rule(&mut cx);
            cx.diags
        })
        .collect()
}
