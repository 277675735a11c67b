//! Rule D032 `unknown-rule`.

use crate::check::Context;
use crate::check::codes::{RULES, lookup};
use crate::diag::{Diagnostic, did_you_mean};

crate::declare_rule! {
/// `docket.yaml` `rules:` names a rule that does not exist.
///
/// Rules are named by code (`D061`) or name (`overdue-action`). The entry is ignored and
/// every other setting still applies. A level other than `error`, `warning`, `info` or
/// `off` is an `invalid-value` error (D027).
///
/// ```yaml
/// rules: { overdue-actions: error }
/// ```
///
/// Fix: `rules: { overdue-action: error }`.
    pub const RULE = ("D032", "unknown-rule", Warning);
}

pub(crate) fn check(cx: &mut Context) {
    for setting in &cx.ws.config.rules {
        let key = &setting.key;
        if lookup(&key.value).is_some() {
            continue;
        }
        let help = match did_you_mean(&key.value, RULES.iter().map(|r| r.name)) {
            Some(n) => format!("did you mean `{n}`?"),
            None => "`docket explain --list` shows every rule".into(),
        };
        cx.report(
            Diagnostic::new(&RULE, key.span, format!("there is no rule `{}`", key.value))
                .help(help),
        );
    }
}
