//! Rule D007 `duplicate-key`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::DuplicateKey;

crate::declare_rule! {
/// A key appears twice in one mapping of the front matter.
///
/// YAML parsers disagree on which of the two values wins, so a record with a duplicate key
/// means different things to different tools. docket refuses to guess.
///
/// ```yaml
/// due: 2026-11-20
/// due: 2026-11-27
/// ```
///
/// Fix: keep one of the two.
    pub const RULE = ("D007", "duplicate-key", Error);
}

impl Word for DuplicateKey {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("the key `{}` appears twice in one mapping", self.key),
        )
        .help("keep one of the two: YAML tools disagree on which one wins")
    }
}
