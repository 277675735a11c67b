//! Rule D021 `unknown-field`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// A field is not part of the record format.
///
/// Usually a typo (`atendees` for `attended`), which would otherwise be silently ignored.
/// docket suggests the closest known field. Fields whose names start with `x-` are free for
/// your own use and never reported.
///
/// ```yaml
/// atendees: [qian.hao]
/// ```
///
/// Fix: `attended: [qian.hao]`, or `x-attendees:` if it is your own field.
    pub const RULE = ("D021", "unknown-field", Warning);
}
