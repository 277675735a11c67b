//! Problems as values: what loading, parsing, reading `docket.yaml` and linking find
//! wrong, and where. A stage that finds a problem records one of these and goes on; it
//! knows nothing of codes, severities or wording. Each kind is worded by its rule's file
//! under `src/check/rules/` (the registry there says which rule words which kind), so
//! a rule's documentation and its messages live together.
//!
//! Adding a kind: a struct here, its line in [`problems!`], and `impl Word` for it in
//! its rule's file, named in the registry (`check::rules`).

use crate::source::Span;

macro_rules! problems {
    ($($(#[$doc:meta])* $kind:ident,)*) => {
        /// One problem found before the check stage.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Problem {
            $($(#[$doc])* $kind($kind),)*
        }

        $(impl From<$kind> for Problem {
            fn from(p: $kind) -> Problem {
                Problem::$kind(p)
            }
        })*
    };
}

problems! {
    // Loading (`load`).
    // Parsing (`parse`).
    // Reading `docket.yaml` (`parse::settings`).
    // Linking (`link`).
    MissingClientFile,
    DuplicatePersonId,
    DuplicateNumber,
}

/// Records in a client folder that has no `client.md`; `at` is the first such record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingClientFile {
    pub at: Span,
    pub client: String,
}

/// A person id used a second time, by staff or any client's contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicatePersonId {
    pub at: Span,
    pub id: String,
    pub first: Span,
}

/// A work order's or invoice's number used a second time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateNumber {
    pub at: Span,
    /// "work order" or "invoice".
    pub what: &'static str,
    pub number: String,
    pub first: Option<Span>,
}
