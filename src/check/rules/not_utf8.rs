//! Rule D002 `not-utf8`. Reported while loading files (`src/load/`).

crate::declare_rule! {
/// A record is not UTF-8 text (or is a binary file saved with a `.md` name).
///
/// Records must be UTF-8 so that every editor, git and docket read the same characters.
/// The diagnostic points at the first byte that is not valid UTF-8 (or at the first NUL
/// byte of a binary file).
///
/// ```text
/// title: Caf\xe9 launch     <- saved as Latin-1 / GBK
/// ```
///
/// Fix: re-save the file as UTF-8 in your editor ("Save with encoding: UTF-8").
    pub const RULE = ("D002", "not-utf8", Error);
}
