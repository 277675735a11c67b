//! Rule D030 `invalid-timezone`. Reported while reading `docket.yaml` (`src/config.rs`).

crate::declare_rule! {
/// The workspace timezone in `docket.yaml` is not an IANA name or a fixed offset.
///
/// Every date-time without an offset, every "overdue" and every report date depends on the
/// timezone, so it must be exact.
///
/// ```yaml
/// timezone: Beijing
/// ```
///
/// Fix: `timezone: Asia/Shanghai` (or a fixed offset such as `"+08:00"`).
    pub const RULE = ("D030", "invalid-timezone", Error);
}
