//! Rule D029 `invalid-email`. Found by the parser (`src/parse/`) and while reading
//! `docket.yaml` (`src/parse/settings.rs`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::InvalidEmail;

crate::declare_rule! {
/// An `email` (a contact's in `client.md`, a staff member's in `docket.yaml`) is not one
/// e-mail address.
///
/// The weekly report's e-mail is addressed from these values, so each must be exactly
/// one address, `name@domain`, as RFC 5321 and 5322 write it: no name or `<...>` around
/// it (the name is the contact's `name`), no second address after a comma, no comments,
/// no `[IP]` domain. Anything more could add a recipient the client never saw, or a
/// header, to the message. An address that is not valid is left out of every output.
///
/// ```yaml
/// contacts:
///   - { id: rita, name: Rita Alvarez, email: "Rita Alvarez <rita@acme.example>, boss@else.example" }
/// ```
///
/// Fix: `email: rita@acme.example`.
    pub const RULE = ("D029", "invalid-email", Error);
}

impl Word for InvalidEmail {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}`: {}", self.field, self.error),
        )
        .help("write one address alone, like: email: rita@acme.example")
    }
}
