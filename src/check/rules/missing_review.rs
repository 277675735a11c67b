//! Rule D065 `missing-review`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::MeetingKind;

crate::declare_rule! {
/// A proposal meeting is past and has no review.
///
/// Every proposal is reviewed afterwards: did it meet its goal, what was learned, what went
/// wrong. `proposal.review` is required once the meeting's date is before today.
///
/// ```yaml
/// kind: proposal
/// date: 2026-11-02
/// proposal: { content: Spring campaign, outline_sent: 2026-10-30 }
/// ```
///
/// Fix:
///
/// ```yaml
/// proposal:
///   content: Spring campaign
///   outline_sent: 2026-10-30
///   review: { goal_met: true, notes: Client chose concept B, problem: none }
/// ```
    pub const RULE = ("D065", "missing-review", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let tz = cx.ws.config.timezone;
    for record in &cx.ws.records {
        let Some(m) = record.minutes() else { continue };
        let (Some(kind), Some(date)) = (&m.kind, &m.date) else {
            continue;
        };
        if kind.value != MeetingKind::Proposal || date.value.date(&tz) >= cx.today {
            continue;
        }
        if m.proposal.as_ref().is_some_and(|p| p.review.is_some()) {
            continue;
        }
        let span = m.proposal.as_ref().map(|p| p.span).unwrap_or(kind.span);
        cx.report(
            Diagnostic::new(
                &RULE,
                span,
                format!(
                    "the proposal meeting of {} is past and has no review",
                    date.value.date(&tz)
                ),
            )
            .help("add `review: { goal_met: true, notes: ..., problem: ... }` under `proposal:`"),
        );
    }
}
