//! Rule D104 `no-history`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::git::NoHistory;

crate::declare_rule! {
/// The workspace is not a git repository, so sign-offs are checked without their history.
///
/// Stale sign-offs are still found, but their message cannot name the commit that
/// changed the record, and who committed each sign-off (`unverified-signoff`) is not
/// checked. docket reads the history of the repository whose top folder is the workspace:
/// a workspace kept inside another project's repository is not judged by that project's
/// commits. Reported once, and only when the workspace has sign-offs.
///
/// ```text
/// info[D104 no-history]: this workspace is not the top folder of a git repository: sign-off history is not checked
/// ```
///
/// Fix: `git init` the workspace and commit it, or turn this note off with
/// `rules: { no-history: off }`.
    pub const RULE = ("D104", "no-history", Info);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    let Err(why) = cx.provenance else { return };
    if ws
        .records
        .iter()
        .all(|r| r.parsed.data.signoffs().is_empty())
    {
        return;
    }
    let message = match why {
        // The command did not need history; there is nothing to say.
        NoHistory::NotRead => return,
        NoHistory::NotARepository => {
            "this workspace is not the top folder of a git repository: sign-off history is not checked".to_string()
        }
        NoHistory::Broken(e) => format!("the workspace's git history cannot be read ({e}): sign-off history is not checked"),
    };
    cx.report(
        Diagnostic::global(&RULE, message).help(
            "`git init` the workspace and commit it to have sign-offs traced to their commits",
        ),
    );
}
