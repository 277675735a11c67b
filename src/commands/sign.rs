//! `docket sign`: adds one sign-off to a record, bound to the record's digest, and
//! changes no other byte of the file (see `edit::sign`).

use crate::cli::SignArgs;
use crate::edit::sign::{Outcome, Request, sign};
use crate::error::Error;
use crate::model::records::{Stage, Via};
use crate::model::values::Choice;

/// Says why `sign` will not sign, on standard error; the file is untouched. Exit code 1.
fn refuse(message: impl std::fmt::Display) -> Result<i32, Error> {
    eprintln!("docket sign: not signed: {message}");
    Ok(1)
}

fn choice<T: Choice>(text: &str, what: &str) -> Result<T, String> {
    T::parse(text).ok_or_else(|| format!("`{text}` is not a {what}; use one of: {}", T::words()))
}

pub(super) fn run(args: &SignArgs) -> Result<i32, Error> {
    let stage = match choice::<Stage>(&args.stage, "stage") {
        Ok(s) => s,
        Err(e) => return refuse(e),
    };
    let via = match args
        .via
        .as_deref()
        .map(|v| choice::<Via>(v, "way of confirming"))
    {
        Some(Err(e)) => return refuse(e),
        Some(Ok(v)) => Some(v),
        None => None,
    };
    let request = Request {
        by: &args.by,
        stage,
        via,
        date: args.date,
        note: args.note.clone(),
        today: args.today,
    };
    match sign(&args.file, &request)? {
        Outcome::Signed(line) | Outcome::Already(line) => {
            println!("{line}");
            Ok(0)
        }
        Outcome::Refused { why, errors } => {
            for e in errors {
                eprintln!("{e}\n");
            }
            refuse(why)
        }
    }
}
