//! Rule D031 `invalid-numbering`. Reported while reading `docket.yaml` (`src/config.rs`).

crate::declare_rule! {
/// A numbering pattern in `docket.yaml` cannot number records.
///
/// A pattern must contain `{seq}` or `{seq:N}` (the running number, zero-padded to N
/// digits) and may contain `{year}`.
///
/// ```yaml
/// numbering: { work_order: "WO-{year}" }
/// ```
///
/// Fix: `work_order: "WO-{year}-{seq:4}"`.
    pub const RULE = ("D031", "invalid-numbering", Error);
}
