//! Rule D009 `front-matter-not-mapping`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{EmptyFrontMatter, FrontMatterNotMapping};

crate::declare_rule! {
/// The front matter is not a mapping of fields (it is empty, a list or a single value).
///
/// A record's front matter is a set of `field: value` lines.
///
/// ```yaml
/// ---
/// - title: Kick-off
/// ---
/// ```
///
/// Fix:
///
/// ```yaml
/// ---
/// title: Kick-off
/// ---
/// ```
    pub const RULE = ("D009", "front-matter-not-mapping", Error);
}

impl Word for EmptyFrontMatter {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(&RULE, self.at, "the front matter is empty")
            .help("write the record's fields between the `---` lines, like `title: Kick-off`")
    }
}

impl Word for FrontMatterNotMapping {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!(
                "the front matter must be a mapping of fields, not {}",
                self.found
            ),
        )
        .help("write one `field: value` per line, without a leading `-`")
    }
}
