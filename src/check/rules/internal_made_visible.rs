//! Rule D091 `internal-made-visible`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::records::{MeetingKind, Visibility};

crate::declare_rule! {
/// An internal meeting is marked `visibility: client`.
///
/// Internal meetings (`kind: internal`, and everything under `internal/`) never leave the
/// agency; they cannot be made client-visible.
///
/// ```yaml
/// kind: internal
/// visibility: client
/// ```
///
/// Fix: remove `visibility: client`; write what the client may see in client minutes.
    pub const RULE = ("D091", "internal-made-visible", Error);
}

pub(crate) fn check(cx: &mut Context) {
    for record in &cx.ws.records {
        let Some(m) = record.minutes() else { continue };
        let Some(vis) = &m.visibility else { continue };
        if vis.value != Visibility::Client {
            continue;
        }
        let internal_kind = m
            .kind
            .as_ref()
            .is_some_and(|k| k.value == MeetingKind::Internal);
        if internal_kind || record.client.is_none() {
            let why = if record.client.is_none() {
                "it is an agency record under internal/"
            } else {
                "it is an internal meeting"
            };
            cx.report(
                Diagnostic::new(
                    &RULE,
                    vis.span,
                    format!("this meeting cannot be client-visible: {why}"),
                )
                .help(
                    "remove `visibility: client`; write what the client may see in client minutes",
                ),
            );
        }
    }
}
