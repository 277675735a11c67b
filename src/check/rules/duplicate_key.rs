//! Rule D007 `duplicate-key`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// A key appears twice in one mapping of the front matter.
///
/// YAML parsers disagree on which of the two values wins, so a record with a duplicate key
/// means different things to different tools. docket refuses to guess.
///
/// ```yaml
/// due: 2026-11-20
/// due: 2026-11-27
/// ```
///
/// Fix: keep one of the two.
    pub const RULE = ("D007", "duplicate-key", Error);
}
