//! Rule D004 `missing-front-matter`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// A record does not start with a `---` line.
///
/// Every record begins with YAML front matter between two `---` lines; the first line of the
/// file must be exactly `---` (a UTF-8 byte-order mark before it is allowed).
///
/// ```markdown
/// title: Kick-off
/// ---
/// ```
///
/// Fix:
///
/// ```markdown
/// ---
/// title: Kick-off
/// ---
/// ```
    pub const RULE = ("D004", "missing-front-matter", Error);
}
