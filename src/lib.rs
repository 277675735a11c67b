//! docket keeps an advertising agency's account work as plain text in git and compiles it
//! into checked records.
//!
//! The pipeline: [`load`] (files and their places) -> [`parse`] (typed records with
//! spans) -> [`link`] (one workspace model) -> [`check`] (rules with stable codes) ->
//! [`diag`] (rendering). [`run`] is the command line on top.

#![cfg_attr(test, allow(clippy::unwrap_used))]
#![warn(unreachable_pub)]

mod check;
mod cli;
mod commands;
mod compile;
mod diag;
mod edit;
mod error;
mod git;
mod history;
mod link;
mod load;
mod lsp;
mod model;
mod parse;
mod progress;
mod publish;
mod render;
mod schema;
mod signoff;
mod source;
mod uri;
mod view;

use std::ffi::OsString;

pub use error::Error;

/// What the tests, the fuzz targets and the benchmark's generator reach inside the
/// library, by the paths the modules have. Not an interface: it follows the code, and
/// only what those callers use is here. Everything else is `pub(crate)` or private, so
/// the compiler finds what nothing uses.
#[doc(hidden)]
pub mod internals {
    pub mod check {
        pub use crate::check::word;
        pub mod codes {
            pub use crate::check::codes::{RULES, reference_markdown};
        }
    }
    pub mod compile {
        pub use crate::compile::{Compile, Compiled, compile, compile_at, compile_with};
    }
    pub mod diag {
        pub use crate::diag::Diagnostic;
        pub mod human {
            pub use crate::diag::human::render;
        }
        pub mod json {
            pub use crate::diag::json::render;
        }
    }
    pub mod edit {
        pub use crate::edit::{Entry, insert};
    }
    pub mod history {
        pub mod log {
            pub use crate::history::log::{Range, read};
        }
        pub mod provenance {
            pub use crate::history::provenance::Change;
        }
    }
    pub mod load {
        pub use crate::load::{Files, Found, MAX_RECORD_BYTES, Overlay, Place, read};
    }
    pub mod model {
        pub mod records {
            pub use crate::model::records::{RecordKind, known_fields};
        }
        pub mod settings {
            pub use crate::model::settings::Config;
        }
        pub mod values {
            pub use crate::model::values::{Choice, parse_date};
        }
    }
    pub mod parse {
        pub use crate::parse::{Parsed, front_matter, parse_record};
        pub mod digest {
            pub use crate::parse::digest::{canonical_value, digest, is_well_formed};
        }
        pub mod markdown {
            pub use crate::parse::markdown::read;
        }
        pub mod settings {
            pub use crate::parse::settings::read;
        }
        pub mod yaml {
            pub use crate::parse::yaml::{Value, ValueKind, parse};
        }
    }
    pub mod publish {
        pub use crate::publish::{Cleared, print};
    }
    pub mod render {
        pub mod client {
            pub use crate::render::client::ForClient;
        }
        pub mod markdown {
            pub use crate::render::markdown::{Href, to_html};
        }
    }
    pub mod source {
        pub use crate::source::{FileId, SourceFile, SourceMap, Span};
    }
}

/// Runs the command line; returns the exit code: 0 clean, 1 problems found, 2 docket
/// itself failed.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    use clap::Parser;
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { 2 } else { 0 };
        }
    };
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("docket: {err}");
            err.code()
        }
    }
}
