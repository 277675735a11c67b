//! Rule D027 `invalid-value`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// A field has a value outside its allowed set (a status, kind, role, stage, via,
/// or a rule level in `docket.yaml`).
///
/// docket suggests the closest allowed value.
///
/// ```yaml
/// status: in-progress
/// ```
///
/// Fix: `status: in_progress`.
    pub const RULE = ("D027", "invalid-value", Error);
}
