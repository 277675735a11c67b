//! `docket digest`: the fingerprint a sign-off of a record carries, or its canonical text.

use crate::cli::DigestArgs;
use crate::error::Error;
use crate::parse::digest;
use crate::source::{FileId, SourceFile};

pub(super) fn run(args: &DigestArgs) -> Result<i32, Error> {
    let bytes = std::fs::read(&args.file).map_err(|source| Error::Io {
        path: args.file.clone(),
        source,
    })?;
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("docket digest: {} is not UTF-8 text", args.file.display());
        return Ok(1);
    };
    let path = args.file.to_string_lossy().into_owned();
    let file = SourceFile::new(path.clone(), args.file.clone(), text);
    match crate::parse::front_matter(&file, FileId(0)) {
        Ok((parts, front)) => {
            let body = &file.text[parts.body.0..parts.body.1];
            if args.canonical {
                println!("{}", digest::canonical(&front, body));
            } else {
                println!("{}", digest::digest(&front, body));
            }
            Ok(0)
        }
        Err(p) => {
            let d = crate::check::word(&p);
            eprintln!("docket digest: {path}: {}", d.message);
            Ok(1)
        }
    }
}
