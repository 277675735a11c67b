//! Rule D013 `file-name`. Reported while loading files (`src/load/`).

crate::declare_rule! {
/// A record's file or folder name does not follow the workspace layout.
///
/// Minutes are named `YYYY-MM-DD-slug.md` so that they sort by date; client folders are
/// client ids (lowercase letters, digits and `-`) because the id is used in portal
/// addresses and in every reference to the client. No name on a record's path may hold
/// a line break, a tab or another control character, or bytes that are not UTF-8:
/// such a name cannot be written in a link, a report or a terminal line unmangled.
///
/// ```text
/// clients/Qingshan Dairy/minutes/kickoff notes.md
/// ```
///
/// Fix: `clients/qingshan-dairy/minutes/2026-11-09-kickoff.md`.
    pub const RULE = ("D013", "file-name", Error);
}
