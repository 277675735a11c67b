//! Rule D032 `unknown-rule`. Reported while reading `docket.yaml` (`src/config.rs`).

crate::declare_rule! {
/// `docket.yaml` `rules:` names a rule that does not exist, or gives it an unknown level.
///
/// Rules are named by code (`D061`) or name (`overdue-action`); levels are `error`,
/// `warning`, `info` and `off`.
///
/// ```yaml
/// rules: { overdue-actions: error }
/// ```
///
/// Fix: `rules: { overdue-action: error }`.
    pub const RULE = ("D032", "unknown-rule", Warning);
}
