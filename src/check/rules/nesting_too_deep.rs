//! Rule D014 `nesting-too-deep`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::NestingTooDeep;
use crate::parse::nesting::MAX_DEPTH;

crate::declare_rule! {
/// A record's body is nested deeper than docket renders (32 levels).
///
/// Block quotes, lists, emphasis, links and HTML elements count together: a paragraph in a
/// quote in a list item in a list is 4 levels. No record needs 32; a body that deep is a
/// paste gone wrong (a chat export that quotes every reply in the last one, a run of `>`
/// or `<div>`), and HTML parsers take minutes over tens of thousands of levels. docket
/// reports it at the element that passes the limit, and the site is not built until it is
/// fixed.
///
/// ```markdown
/// > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > Agreed.
/// ```
///
/// Fix: quote the message once (`> Agreed.`), or close the HTML elements you open.
    pub const RULE = ("D014", "nesting-too-deep", Error);
}

impl Word for NestingTooDeep {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("the body is nested more than {MAX_DEPTH} levels deep here"),
        )
        .help(
            "quote or indent a message once, not once per reply; close the HTML elements you open",
        )
    }
}
