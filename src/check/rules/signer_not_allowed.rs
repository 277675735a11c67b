//! Rule D103 `signer-not-allowed`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::link::Person;
use crate::signoff;

crate::declare_rule! {
/// A sign-off is by a client contact who may not confirm this record.
///
/// Only a contact of the record's own client with `can_sign: true` in `client.md` may
/// confirm, and the confirmation must say `via` how it was given (`email`, `phone`,
/// `meeting`, `letter`, `portal`). Such a sign-off does not count. (An id that is nobody
/// is `unknown-person`; a contact of another client is `foreign-contact`.)
///
/// ```yaml
/// signoffs:
///   - { by: intern.acme, stage: approved, via: email, date: 2026-11-21, digest: "sha256:..." }
/// ```
///
/// Fix: have a contact who can sign confirm, or set `can_sign: true` on the contact if the
/// client has given them that authority.
    pub const RULE = ("D103", "signer-not-allowed", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    for record in &ws.records {
        for (_, s) in signoff::current(record.parsed.data.signoffs()) {
            // Unknown ids and other clients' contacts have their own rules.
            let Some(Person::Contact { client, .. }) = ws.person(&s.by.value) else {
                continue;
            };
            if record.client != Some(client) {
                continue;
            }
            if let Err(why) = signoff::may_sign(
                ws,
                record,
                &s.by.value,
                s.stage.value,
                s.via.as_ref().map(|v| v.value),
            ) {
                cx.report(Diagnostic::new(&RULE, s.by.span, why).help(
                    "a confirmation is recorded for a contact with `can_sign: true`, with `via`",
                ));
            }
        }
    }
}
