//! Rule D025 `invalid-money`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// An amount of money is not an exact decimal with the currency's number of decimals.
///
/// Money is exact: `36000.00`, `36000` or `"36,000.00"` (quoted when it has thousands
/// separators); at most 2 decimal places, none for JPY and KRW. Exponents, more decimals
/// and other text are refused rather than rounded.
///
/// ```yaml
/// amount: 1.2e5
/// ```
///
/// Fix: `amount: 120000.00`.
    pub const RULE = ("D025", "invalid-money", Error);
}
