//! Rule D003 `empty-file`. Reported by the parser (`src/parse/`).

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
