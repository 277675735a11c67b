//! Rule D024 `invalid-duration`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// A duration is not written as hours and minutes.
///
/// Durations are `45m`, `1h` or `1h30m`.
///
/// ```yaml
/// duration: 1.5 hours
/// ```
///
/// Fix: `duration: 1h30m`.
    pub const RULE = ("D024", "invalid-duration", Error);
}
