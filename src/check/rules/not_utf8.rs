//! Rule D002 `not-utf8`. Found while loading files (`src/load/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{BinaryFile, FileNotUtf8};

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

impl Word for FileNotUtf8 {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(&RULE, self.at, "this file is not valid UTF-8 text")
            .help("re-save the file as UTF-8 in your editor")
    }
}

impl Word for BinaryFile {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            "this looks like a binary file, not a text record",
        )
        .help("records are Markdown text; put binary files under the client's files/ folder")
    }
}
