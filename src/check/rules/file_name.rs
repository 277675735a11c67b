//! Rule D013 `file-name`. Found while loading files (`src/load/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{MinutesFileName, NotClientId, Unusable, UnusableName};

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

impl Word for NotClientId {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}` is not a client id", self.client),
        )
        .help(
            "client folders are named with lowercase letters, digits and `-`, like `qingshan-dairy`",
        )
    }
}

impl Word for MinutesFileName {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}` is not named YYYY-MM-DD-slug.md", self.path),
        )
        .help("name minutes after the meeting's date, like 2026-11-09-kickoff.md")
    }
}

impl Word for UnusableName {
    fn diagnostic(&self) -> Diagnostic {
        let why = match self.why {
            Unusable::NotUtf8 => "a name that is not UTF-8",
            Unusable::Control => "a line break, tab or other control character in a name",
        };
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}` has {why}", self.path.escape_debug()),
        )
        .help("rename it with letters, digits, spaces and `-`")
    }
}
