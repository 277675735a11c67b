//! Rule D004 `missing-front-matter`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::MissingFrontMatter;

crate::declare_rule! {
/// A record does not start with a `---` line.
///
/// Every record begins with YAML front matter between two `---` lines; the first line of the
/// file must be exactly `---` (a UTF-8 byte-order mark before it is allowed).
///
/// ```markdown
/// title: Kick-off
/// ---
/// ```
///
/// Fix:
///
/// ```markdown
/// ---
/// title: Kick-off
/// ---
/// ```
    pub const RULE = ("D004", "missing-front-matter", Error);
}

impl Word for MissingFrontMatter {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(&RULE, self.at, "a record must start with a `---` line")
            .help("put the record's fields between two `---` lines at the top of the file")
    }
}
