//! Rule D060 `missing-conclusion`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::MeetingKind;

crate::declare_rule! {
/// An internal meeting has no conclusion.
///
/// An internal meeting ends with a conclusion and a division of labour: the `conclusion`
/// says what was decided, the `actions` who does what.
///
/// ```yaml
/// kind: internal
/// title: Q4 pitch review
/// date: 2026-11-10
/// ```
///
/// Fix: add `conclusion: Go with concept B; Du Mei owns the deck.`
    pub const RULE = ("D060", "missing-conclusion", Error);
}

pub(crate) fn check(cx: &mut Context) {
    for record in &cx.ws.records {
        let Some(m) = record.minutes() else { continue };
        if let Some(kind) = &m.kind
            && kind.value == MeetingKind::Internal
            && m.conclusion.is_none()
        {
            cx.report(
                Diagnostic::new(
                    &RULE,
                    kind.span,
                    "this internal meeting has no `conclusion`",
                )
                .help("add `conclusion:` with what was decided, and `actions:` with who does what"),
            );
        }
    }
}
