//! Rule D013 `file-name`. Reported while loading files (`src/load/`).

crate::declare_rule! {
/// A record's file or folder name does not follow the workspace layout.
///
/// Minutes are named `YYYY-MM-DD-slug.md` so that they sort by date; client folders are
/// client ids (lowercase letters, digits and `-`) because the id is used in portal
/// addresses and in every reference to the client.
///
/// ```text
/// clients/Qingshan Dairy/minutes/kickoff notes.md
/// ```
///
/// Fix: `clients/qingshan-dairy/minutes/2026-11-09-kickoff.md`.
    pub const RULE = ("D013", "file-name", Error);
}
