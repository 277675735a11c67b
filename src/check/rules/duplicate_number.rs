//! Rule D050 `duplicate-number`. Reported while linking the workspace (`src/link/`).

crate::declare_rule! {
/// Two work orders, or two invoices, carry one number.
///
/// Finance tracks work and money by number; a number used twice makes both records
/// ambiguous. Numbers are unique across the whole workspace.
///
/// ```text
/// clients/solenne/orders/WO-2026-0007.md         number: WO-2026-0007
/// clients/marlowe-outdoor/orders/WO-2026-0007.md number: WO-2026-0007
/// ```
///
/// Fix: give the newer record the next free number (`docket new` does this).
    pub const RULE = ("D050", "duplicate-number", Error);
}
