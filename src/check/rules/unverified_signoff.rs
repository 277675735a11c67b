//! Rule D102 `unverified-signoff`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::link::Person;
use crate::model::values::Choice;
use crate::signoff;

crate::declare_rule! {
/// A sign-off arrived in a commit by someone else than the person it speaks for.
///
/// In a git workspace, a staff member's sign-off should be committed by that staff member
/// (the commit's author email is their `email` in `docket.yaml`), and a client contact's
/// confirmation, which staff record, by a staff member. Otherwise anyone could have
/// written it. A sign-off not committed yet is judged once it is.
///
/// ```text
/// commit 4e1f0c2  Author: Bai Jun <bai.jun@northwind.example>
/// +  - { by: du.mei, stage: approved, date: 2026-11-21, digest: "sha256:..." }
/// ```
///
/// Fix: the signer signs and commits themselves; if the commit is right, add the email
/// they commit with to `docket.yaml`.
    pub const RULE = ("D102", "unverified-signoff", Warning);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    let Ok(prov) = cx.provenance else { return };
    let tz = ws.config.timezone;
    // Each staff member's address as compared, lowered once.
    let emails: Vec<Option<String>> = ws
        .config
        .staff
        .iter()
        .map(|st| st.email.as_ref().map(|e| e.to_lowercase()))
        .collect();
    for (ri, record) in ws.records.iter().enumerate() {
        for (si, s) in signoff::current(record.parsed.data.signoffs()) {
            let Some(added) = prov.signoffs.get(&(ri, si)).and_then(|h| h.added) else {
                continue;
            };
            let commit = &prov.history.commits[added];
            let email = commit.email.to_lowercase();
            let by_email = |i: usize| emails[i].as_deref() == Some(email.as_str());
            let author_is = |id: &str| {
                (0..emails.len()).any(|i| ws.config.staff[i].id.value == id && by_email(i))
            };
            let (ok, staff) = match ws.person(&s.by.value) {
                Some(Person::Staff(i)) => (author_is(&s.by.value), Some(i)),
                Some(Person::Contact { .. }) => ((0..emails.len()).any(by_email), None),
                None => continue,
            };
            if ok {
                continue;
            }
            let expected = match staff {
                Some(i) => format!(
                    "{} ({})",
                    ws.config.staff[i].name,
                    ws.config.staff[i]
                        .email
                        .as_deref()
                        .unwrap_or("no email in docket.yaml")
                ),
                None => "a staff member".to_string(),
            };
            cx.report(
                Diagnostic::new(
                    &RULE,
                    s.by.span,
                    format!(
                        "the `{}` sign-off by {} arrived in commit {} by {} <{}> on {} (\"{}\"), not by {expected}",
                        s.stage.value.as_str(),
                        ws.person_name(&s.by.value),
                        commit.short_id(),
                        commit.author,
                        commit.email,
                        tz.date_of_timestamp(commit.time),
                        commit.subject
                    ),
                )
                .help("the signer signs and commits; if that is their address, add it as their `email` in docket.yaml"),
            );
        }
    }
}
