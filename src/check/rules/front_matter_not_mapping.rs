//! Rule D009 `front-matter-not-mapping`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// The front matter is not a mapping of fields (it is empty, a list or a single value).
///
/// A record's front matter is a set of `field: value` lines.
///
/// ```yaml
/// ---
/// - title: Kick-off
/// ---
/// ```
///
/// Fix:
///
/// ```yaml
/// ---
/// title: Kick-off
/// ---
/// ```
    pub const RULE = ("D009", "front-matter-not-mapping", Error);
}
