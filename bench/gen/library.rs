//! Digests and sign-off lines, computed by docket's own library.
//!
//! This is the generator's only use of docket's library (its parser, its digest and its
//! sign-off writer): everything else the generator writes itself. Calls into docket go here
//! and nowhere else, so that when the library's paths change, only this file changes.

use std::path::PathBuf;

use crate::dates::ds;
use crate::model::PEntry;

/// The digest `docket sign` would write for this text, computed by docket itself.
pub fn digest_of(path: &str, text: String) -> String {
    let file =
        docket::internals::source::SourceFile::new(path.to_string(), PathBuf::from(path), text);
    let (parts, front) =
        docket::internals::parse::front_matter(&file, docket::internals::source::FileId(0))
            .unwrap_or_else(|p| {
                let d = docket::internals::check::word(&p);
                panic!("generated record {path} does not parse: {}", d.message)
            });
    docket::internals::parse::digest::digest(&front, &file.text[parts.body.0..parts.body.1])
}

pub fn entry_yaml(e: &PEntry, digest: &str) -> String {
    docket::internals::edit::Entry {
        by: e.by.clone(),
        stage: e.stage.to_string(),
        via: e.via.map(str::to_string),
        date: ds(e.day),
        digest: digest.to_string(),
        note: None,
    }
    .to_yaml()
}
