//! Rule D008 `yaml-limit`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{Limit, YamlLimit};

crate::declare_rule! {
/// The front matter exceeds a safety limit: alias expansion, nesting depth or size.
///
/// YAML aliases (`*name`) can repeat a value many times over ("billion laughs"); deep
/// nesting and huge documents can exhaust memory. docket bounds all three so that a hostile
/// or broken file gives this error instead of a hang.
///
/// ```yaml
/// a: &a [x, x, x, x, x, x, x, x, x]
/// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
/// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
/// # ... and so on
/// ```
///
/// Fix: write the values out; records never need more than a few levels of nesting.
    pub const RULE = ("D008", "yaml-limit", Error);
}

impl Word for YamlLimit {
    fn diagnostic(&self) -> Diagnostic {
        const NEST: &str = "nest less deeply: a record's fields are a few levels at most";
        const ALIASES: &str = "write the values out instead of repeating anchors with aliases";
        const LONG: &str = "a front matter holds a record's fields; long lists and text belong \
                            in the body, or in a file under the client's files/ folder";
        let (what, help) = match self.limit {
            Limit::Depth => ("nested too deeply", NEST),
            Limit::Values => (
                "more than 100,000 values (an alias counts as all the values it repeats)",
                "a front matter holds a record's fields: long lists belong in the body or in a \
                 file under the client's files/ folder, and values are written out rather \
                 than repeated with aliases",
            ),
            Limit::Aliases => ("too many aliases or anchors", ALIASES),
            Limit::MergeKeys => ("too many merge keys", ALIASES),
            Limit::Text => ("more than 8 MiB of text", LONG),
            Limit::Documents => (
                "more than one document",
                "end the front matter with `---` and put what follows in the body",
            ),
            Limit::Other => ("a parser limit was reached", LONG),
        };
        Diagnostic::new(
            &RULE,
            self.at,
            format!("the front matter exceeds a safety limit: {what}"),
        )
        .help(help)
    }
}
