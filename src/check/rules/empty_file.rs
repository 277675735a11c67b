//! Rule D003 `empty-file`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::EmptyFile;

crate::declare_rule! {
/// A record file is empty.
///
/// An empty file is usually an editor accident or a file created and never filled in. It has
/// no front matter, so docket cannot tell what it is.
///
/// ```markdown
/// ```
///
/// Fix: fill it in (`docket new` writes a complete record to start from) or delete it.
    pub const RULE = ("D003", "empty-file", Error);
}

impl Word for EmptyFile {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(&RULE, self.at, "this record file is empty")
            .help("start it with front matter between two `---` lines, or delete the file")
    }
}
