//! Rule D008 `yaml-limit`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// The front matter exceeds a safety limit: alias expansion, nesting depth or size.
///
/// YAML aliases (`*name`) can repeat a value many times over ("billion laughs"); deep
/// nesting and huge documents can exhaust memory. docket bounds all three so that a hostile
/// or broken file gives this error instead of a hang.
///
/// ```yaml
/// a: &a [x, x, x, x, x, x, x, x, x]
/// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
/// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
/// # ... and so on
/// ```
///
/// Fix: write the values out; records never need more than a few levels of nesting.
    pub const RULE = ("D008", "yaml-limit", Error);
}
