//! Rule D020 `missing-field`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// A required field is missing or empty.
///
/// Each record type has fields without which it means nothing: a meeting's `kind`, `title`
/// and `date`; a work order's `number`, `kind`, `title` and `requested`; an action's `owner`.
/// The diagnostic points at the mapping that lacks the field.
///
/// ```yaml
/// ---
/// kind: client
/// date: 2026-11-09
/// ---
/// ```
///
/// Fix: add `title: Kick-off with the brand team`.
    pub const RULE = ("D020", "missing-field", Error);
}
