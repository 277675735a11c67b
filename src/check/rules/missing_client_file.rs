//! Rule D045 `missing-client-file`. Found while linking the workspace (`src/link/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::MissingClientFile;

crate::declare_rule! {
/// A client folder has no `client.md`.
///
/// Without it docket does not know the client's name, AE or contacts, so nothing in the
/// folder can be checked for people or confidentiality.
///
/// ```text
/// clients/marlowe-outdoor/orders/WO-2026-0003.md   (but no clients/marlowe-outdoor/client.md)
/// ```
///
/// Fix: add `clients/marlowe-outdoor/client.md` with at least `name` and `ae`.
    pub const RULE = ("D045", "missing-client-file", Error);
}

impl Word for MissingClientFile {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`clients/{}/` has no client.md", self.client),
        )
        .help("add client.md with at least `name` and `ae` (docket new can write one)")
    }
}
