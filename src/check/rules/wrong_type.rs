//! Rule D022 `wrong-type`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// A field has the wrong kind of value: a list where text is expected, a number where a
/// list is expected, and so on.
///
/// ```yaml
/// decisions: Use the blue key visual
/// ```
///
/// Fix: `decisions` is a list:
///
/// ```yaml
/// decisions:
///   - Use the blue key visual
/// ```
    pub const RULE = ("D022", "wrong-type", Error);
}
