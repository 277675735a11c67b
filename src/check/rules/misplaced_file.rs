//! Rule D012 `misplaced-file`. Reported while loading files (`src/load/`).

crate::declare_rule! {
/// A Markdown file sits where docket expects no records, so it is not checked.
///
/// Records live in `minutes/`, `orders/`, `schedules/` and `invoices/` of a client, or in
/// `internal/minutes/`. A `.md` file elsewhere under `clients/` or `internal/` is probably a
/// record in the wrong folder (or a folder name with a typo) and would silently be left out
/// of reports and portals.
///
/// ```text
/// clients/solenne/minute/2026-11-09-kickoff.md
/// ```
///
/// Fix: move it to the right folder (`clients/solenne/minutes/`), or under `files/` if it is
/// an attachment.
    pub const RULE = ("D012", "misplaced-file", Warning);
}
