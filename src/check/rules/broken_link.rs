//! Rule D093 `broken-link`.

crate::declare_rule! {
/// A relative link or attachment points to a file that does not exist.
///
/// The link would be dead in reports and portals.
///
/// ```yaml
/// attachments: [../files/storyboard-v2.pdf]
/// ```
///
/// Fix: correct the path, or add the file.
    pub const RULE = ("D093", "broken-link", Warning);
}
