//! Rule D064 `outline-not-sent`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::MeetingKind;

crate::declare_rule! {
/// A proposal's outline was not sent ahead of the meeting.
///
/// A proposal meeting goes better when the client has read the outline first; `outline_sent`
/// records the date it went out, which must be before the meeting.
///
/// ```yaml
/// kind: proposal
/// date: 2026-11-12 14:00
/// proposal: { content: Spring campaign }
/// ```
///
/// Fix: send the outline and record it: `proposal: { content: Spring campaign, outline_sent: 2026-11-10 }`.
    pub const RULE = ("D064", "outline-not-sent", Warning);
}

pub(crate) fn check(cx: &mut Context) {
    let tz = cx.ws.config.timezone;
    for record in &cx.ws.records {
        let Some(m) = record.minutes() else { continue };
        let Some(kind) = &m.kind else { continue };
        if kind.value != MeetingKind::Proposal {
            continue;
        }
        let meeting = m.date.as_ref().map(|d| d.value.date(&tz));
        let sent = m.proposal.as_ref().and_then(|p| p.outline_sent.as_ref());
        match (sent, meeting) {
            (None, _) => {
                let span = m.proposal.as_ref().map(|p| p.span).unwrap_or(kind.span);
                cx.report(
                    Diagnostic::new(&RULE, span, "the outline of this proposal was not sent ahead")
                        .help("send the outline before the meeting and record it: `proposal: { outline_sent: 2026-11-10 }`"),
                );
            }
            (Some(sent), Some(meeting)) if sent.value >= meeting => cx.report(
                Diagnostic::new(
                    &RULE,
                    sent.span,
                    format!(
                        "the outline went out on {}, not ahead of the meeting on {meeting}",
                        sent.value
                    ),
                )
                .help("send the outline at least a day before the proposal meeting"),
            ),
            _ => {}
        }
    }
}
