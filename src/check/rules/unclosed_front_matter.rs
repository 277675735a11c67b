//! Rule D005 `unclosed-front-matter`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::UnclosedFrontMatter;

crate::declare_rule! {
/// The front matter is never closed.
///
/// After the opening `---`, the front matter ends at the next line that is exactly `---` or
/// `...`. Without it docket cannot tell where the YAML stops and the body starts.
///
/// ```markdown
/// ---
/// title: Kick-off
/// ## Notes
/// ```
///
/// Fix: add a line `---` after the last field.
    pub const RULE = ("D005", "unclosed-front-matter", Error);
}

impl Word for UnclosedFrontMatter {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            "the front matter opened here is never closed",
        )
        .help("add a line `---` after the last field")
    }
}
