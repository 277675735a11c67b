//! Rule D011 `symlink-skipped`. Reported while loading files (`src/load/`).

crate::declare_rule! {
/// A symbolic link inside the workspace's records was not followed.
///
/// docket never follows symbolic links: one that points outside the workspace could pull
/// another client's or a private file into a report or portal, and links can form loops.
/// The link is skipped and the rest of the workspace is checked.
///
/// ```text
/// clients/solenne/minutes/latest.md -> /home/qian/Desktop/notes.md
/// ```
///
/// Fix: copy the file into the workspace instead of linking to it.
    pub const RULE = ("D011", "symlink-skipped", Warning);
}
