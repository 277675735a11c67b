//! Rule D012 `misplaced-file`. Found while loading files (`src/load/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{MisplacedFile, MisplacedHint};

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

impl Word for MisplacedFile {
    fn diagnostic(&self) -> Diagnostic {
        let folders = "minutes/, orders/, schedules/ or invoices/";
        let help = match &self.hint {
            MisplacedHint::Internal => "agency meetings go in internal/minutes/".to_string(),
            MisplacedHint::DidYouMean(close) => format!("did you mean the folder `{close}/`?"),
            MisplacedHint::RecordFolders => {
                format!("records go in {folders}; attachments in files/")
            }
        };
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}` is not in a record folder, so it is not checked", self.path),
        )
        .help(help)
    }
}
