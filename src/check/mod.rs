//! Check stage: the rules run over the linked workspace. Each rule lives in its own file
//! under `rules/`; [`codes`] is the table of all of them.

pub mod codes;
pub mod rules;

use chrono::NaiveDate;

use crate::diag::Diagnostic;
use crate::link::{Record, Workspace};
use crate::source::Span;

/// What a rule sees: the workspace, the date that counts as today, and where to report.
pub struct Context<'a> {
    pub ws: &'a Workspace,
    pub today: NaiveDate,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Client records (not `internal/`), with their client index.
    pub fn client_records(&self) -> impl Iterator<Item = (usize, &'a Record)> + 'a {
        let ws: &'a Workspace = self.ws;
        ws.records.iter().filter_map(|r| r.client.map(|c| (c, r)))
    }

    pub fn text(&self, span: Span) -> &str {
        self.ws.sources.get(span.file).slice(span)
    }
}

type RuleFn = fn(&mut Context);

/// The rules that run on the linked workspace, in code order.
const CHECKS: &[RuleFn] = &[
    rules::unknown_person::check,
    rules::foreign_contact::check,
    rules::not_staff::check,
    rules::unknown_order::check,
    rules::number_format::check,
    rules::number_file_mismatch::check,
    rules::missing_conclusion::check,
    rules::overdue_action::check,
    rules::done_in_future::check,
    rules::meeting_overlap::check,
    rules::outline_not_sent::check,
    rules::missing_review::check,
    rules::misplaced_proposal::check,
    rules::action_done_mismatch::check,
    rules::file_date_mismatch::check,
    rules::item_out_of_range::check,
    rules::dates_reversed::check,
    rules::closed_without_invoice::check,
    rules::overpaid::check,
    rules::invoice_overdue::check,
    rules::over_budget::check,
    rules::currency_mismatch::check,
    rules::cross_client_mention::check,
    rules::internal_made_visible::check,
    rules::link_outside::check,
    rules::missing_signoff::check,
    rules::stale_signoff::check,
    rules::unverified_signoff::check,
    rules::signer_not_allowed::check,
    rules::no_history::check,
];

/// Runs every rule; returns their diagnostics (severities not yet adjusted).
pub fn check(ws: &Workspace, today: NaiveDate) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    CHECKS
        .par_iter()
        .flat_map_iter(|rule| {
            let mut cx = Context {
                ws,
                today,
                diags: Vec::new(),
            };
            rule(&mut cx);
            cx.diags
        })
        .collect()
}
