//! Rule D042 `duplicate-person-id`. Reported while linking the workspace (`src/link/`).

crate::declare_rule! {
/// Two people share one id.
///
/// Person ids are unique across the workspace: staff ids and every client's contact ids, so
/// that `owner: lin.wei` means one person.
///
/// ```yaml
/// contacts:
///   - { id: lin.wei, name: Lin Wei }
/// # and another client's client.md, or a staff entry, with id: lin.wei
/// ```
///
/// Fix: make the ids distinct (`lin.wei.qs`).
    pub const RULE = ("D042", "duplicate-person-id", Error);
}
