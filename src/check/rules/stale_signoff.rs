//! Rule D101 `stale-signoff`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::values::Choice;
use crate::history::provenance::Change;
use crate::parse::digest;
use crate::signoff;

crate::declare_rule! {
/// A sign-off no longer matches the record: it was changed after it was signed.
///
/// A sign-off carries the digest of what was signed: every field except `status` and
/// `signoffs`, and the body. Reformatting keeps it; changing a value or a word breaks
/// it. In a git workspace the message names the commit that changed the record after the
/// signature (id, author, date, subject), or says the change is not committed yet.
///
/// An earlier sign-off by the same person for the same stage is superseded by the later
/// one and is not reported.
///
/// ```yaml
/// budget: { amount: 48000 }   # was 36000 when the client approved
/// signoffs:
///   - { by: harbor.lin, stage: approved, via: email, date: 2026-11-21, digest: "sha256:9f2c..." }
/// ```
///
/// Fix: have the change approved and sign again (`docket sign`), or undo the change.
    pub const RULE = ("D101", "stale-signoff", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    let tz = ws.config.timezone;
    for (ri, record) in ws.records.iter().enumerate() {
        for (si, s) in signoff::current(record.parsed.data.signoffs()) {
            let Some(d) = &s.digest else { continue };
            if d.value == record.parsed.digest {
                continue;
            }
            let who = ws.person_name(&s.by.value);
            let when = match cx.provenance.as_ref().ok().and_then(|p| {
                let change = p.signoffs.get(&(ri, si))?.changed.clone()?;
                Some((change, &p.history))
            }) {
                Some((Change::Commit(c), history)) => {
                    let c = &history.commits[c];
                    format!(
                        ": changed in commit {} by {} on {} (\"{}\")",
                        c.short_id(),
                        c.author,
                        tz.date_of_timestamp(c.time),
                        c.subject
                    )
                }
                Some((Change::Uncommitted, _)) => ": the change is not committed yet".to_string(),
                Some((Change::NeverCommitted, _)) => {
                    ": no committed version of the record has the signed content".to_string()
                }
                None if !digest::is_well_formed(&d.value) => {
                    format!(": `{}` is not a digest docket wrote", d.value)
                }
                None => String::new(),
            };
            cx.report(
                Diagnostic::new(
                    &RULE,
                    d.span,
                    format!(
                        "{who}'s `{}` sign-off of {} no longer matches the record{when}",
                        s.stage.value.as_str(),
                        s.date.value
                    ),
                )
                .help(format!(
                    "have the change signed again: docket sign {} --by {} --stage {}{}; or undo the change",
                    ws.path(record.file),
                    s.by.value,
                    s.stage.value.as_str(),
                    match s.via.as_ref() {
                        Some(v) => format!(" --via {}", v.value.as_str()),
                        None => String::new(),
                    }
                )),
            );
        }
    }
}
