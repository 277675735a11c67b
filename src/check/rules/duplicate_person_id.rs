//! Rule D042 `duplicate-person-id`. Found while linking the workspace (`src/link/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::DuplicatePersonId;

crate::declare_rule! {
/// Two people share one id.
///
/// Person ids are unique across the workspace: staff ids and every client's contact ids, so
/// that `owner: lin.wei` means one person.
///
/// ```yaml
/// contacts:
///   - { id: lin.wei, name: Lin Wei }
/// # and another client's client.md, or a staff entry, with id: lin.wei
/// ```
///
/// Fix: make the ids distinct (`lin.wei.qs`).
    pub const RULE = ("D042", "duplicate-person-id", Error);
}

impl Word for DuplicatePersonId {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("the person id `{}` is already taken", self.id),
        )
        .label(self.first, "first used here")
        .help("person ids are unique across staff and every client's contacts")
    }
}
