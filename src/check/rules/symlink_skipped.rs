//! Rule D011 `symlink-skipped`. Found while loading files (`src/load/`), and at the
//! links and attachments that name a symbolic link (`link_outside`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{LinkLands, SymlinkSkipped};

crate::declare_rule! {
/// A symbolic link inside the workspace was not followed.
///
/// docket never follows symbolic links below the workspace folder, in the records, in
/// `templates/` or in `docket.yaml`: one that points outside the workspace, or to another
/// client's folder, could pull another client's or a private file into a report or
/// portal (as an attachment, a template or the portal's stylesheet), and links can form
/// loops. The link is skipped and the rest of the workspace is checked; a link or an
/// attachment that names it, or a path through a linked folder, is reported where it is
/// written and not published. A skipped template is replaced by docket's own.
///
/// ```text
/// clients/solenne/minutes/latest.md -> /home/qian/Desktop/notes.md
/// ```
///
/// Fix: copy the file into the workspace instead of linking to it.
    pub const RULE = ("D011", "symlink-skipped", Warning);
}

impl Word for SymlinkSkipped {
    fn diagnostic(&self) -> Diagnostic {
        let path = self.path.escape_debug();
        let message = match &self.target {
            Some(target) => {
                let lands = match target.lands {
                    LinkLands::Inside => "",
                    LinkLands::Outside => ", outside the workspace",
                    LinkLands::Nowhere => ", which leads nowhere (a missing file or a loop)",
                };
                format!(
                    "`{path}` is a symbolic link to `{}`{lands}; it is not followed",
                    target.written.escape_debug(),
                )
            }
            None => format!("`{path}` is a symbolic link; it is not followed"),
        };
        Diagnostic::new(&RULE, self.at, message)
            .help("copy the file into the workspace instead of linking to it")
    }
}
