//! Rule D026 `unknown-currency`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// A currency is not an ISO 4217 code.
///
/// Currencies are three-letter ISO 4217 codes in capitals: `CNY`, `USD`, `EUR`, `JPY`.
/// Without a currency, amounts are in the workspace currency from `docket.yaml`.
///
/// ```yaml
/// budget: { amount: 50000, currency: RMB }
/// ```
///
/// Fix: `currency: CNY`.
    pub const RULE = ("D026", "unknown-currency", Error);
}
