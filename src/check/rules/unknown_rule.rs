//! Rule D032 `unknown-rule`. Reported while reading `docket.yaml` (`src/config.rs`).

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
