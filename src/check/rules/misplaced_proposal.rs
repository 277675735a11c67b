//! Rule D066 `misplaced-proposal`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::MeetingKind;

crate::declare_rule! {
/// A `proposal:` section is on minutes whose `kind` is not `proposal`.
///
/// The proposal details are only used for proposal meetings; on other minutes they are
/// ignored, which is usually a wrong `kind`.
///
/// ```yaml
/// kind: client
/// proposal: { content: Spring campaign }
/// ```
///
/// Fix: `kind: proposal`, or remove the `proposal:` section.
    pub const RULE = ("D066", "misplaced-proposal", Warning);
}

pub(crate) fn check(cx: &mut Context) {
    for record in &cx.ws.records {
        let Some(m) = record.minutes() else { continue };
        if let (Some(p), Some(kind)) = (&m.proposal, &m.kind)
            && kind.value != MeetingKind::Proposal
        {
            cx.report(
                Diagnostic::new(
                    &RULE,
                    p.span,
                    format!("`proposal:` is on minutes of kind `{}`", kind.value),
                )
                .label(kind.span, "the kind is set here")
                .help("set `kind: proposal`, or remove the `proposal:` section"),
            );
        }
    }
}
