//! Rule D014 `nesting-too-deep`. Reported by the parser (`src/parse/`).

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
