//! Rule D001 `unreadable-file`. Reported while loading files (`src/load/`).

crate::declare_rule! {
/// A file or folder of the workspace could not be read.
///
/// docket reports the operating system's reason (permission denied, a broken disk) and
/// checks every other file. A record that cannot be read cannot be checked, reported or
/// published, so this is an error.
///
/// ```text
/// clients/qingshan-dairy/orders/WO-2026-0004.md: Permission denied (os error 13)
/// ```
///
/// Fix: give the user who runs docket read access (`chmod u+r FILE`), or remove the file.
    pub const RULE = ("D001", "unreadable-file", Error);
}
