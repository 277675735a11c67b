//! docket keeps an advertising agency's account work as plain text in git and compiles it
//! into checked records.
//!
//! The pipeline: [`load`] (files and their places) -> [`parse`] (typed records with
//! spans) -> [`link`] (one workspace model) -> [`check`] (rules with stable codes) ->
//! [`diag`] (rendering). [`run`] is the command line on top.

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod check;
pub mod cli;
pub mod commands;
pub mod compile;
pub mod diag;
pub mod edit;
pub mod error;
pub mod git;
pub mod history;
pub mod link;
pub mod load;
pub mod lsp;
pub mod model;
pub mod parse;
pub mod progress;
pub mod publish;
pub mod render;
pub mod schema;
pub mod signoff;
pub mod source;
pub mod uri;
pub mod view;

use std::ffi::OsString;

pub use compile::{
    Compile, Compiled, Overlay, Timings, compile, compile_at, compile_maybe_at, compile_overlay,
    compile_with,
};
pub use error::Error;
pub use load::paths::workspace_of;

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
