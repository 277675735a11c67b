//! Rule D001 `unreadable-file`. Found while loading files (`src/load/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{UnreadableFile, UnreadableFolder};

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

impl Word for UnreadableFolder {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::global(&RULE, format!("{}: {}", self.path, self.error))
            .help("give the user who runs docket read access to this folder")
    }
}

impl Word for UnreadableFile {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("cannot read this file: {}", self.error),
        )
        .help("give the user who runs docket read access, or remove the file")
    }
}
