//! Rule D028 `wrong-record-type`. Reported by the parser (`src/parse/`).

crate::declare_rule! {
/// A record's `type:` disagrees with the folder it is in.
///
/// A record's type comes from its folder; the optional `type:` field restates it. When they
/// disagree the file is probably in the wrong folder.
///
/// ```yaml
/// # clients/solenne/orders/WO-2026-0007.md
/// type: invoice
/// ```
///
/// Fix: move the file to `invoices/`, or correct `type:`.
    pub const RULE = ("D028", "wrong-record-type", Error);
}
