//! Parse stage: a file's text into a typed record. Front matter is split off, read as
//! YAML with spans, then into the record type its folder says; the body is read as
//! Markdown. Every problem becomes a diagnostic and parsing goes as far as it can.

pub mod digest;
pub mod fields;
pub mod fold;
pub mod frontmatter;
pub mod markdown;
pub mod nesting;
pub mod records;
pub mod settings;
pub mod yaml;

use crate::check::rules::{front_matter_not_mapping, nesting_too_deep, wrong_record_type};
use crate::diag::Diagnostic;
use crate::model::records::{Data, RecordKind};
use crate::model::settings::Config;
use crate::model::values::Choice;
use crate::source::{FileId, SourceFile, Span};
use markdown::Body;
use yaml::{Value, ValueKind};

/// A record as parsed from one file.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub kind: RecordKind,
    /// The front matter as YAML values (for digests and raw lookups).
    pub front: Value,
    pub parts: frontmatter::Parts,
    pub data: Data,
    pub body: Body,
    /// The fingerprint of what a sign-off signs (see `signoff::digest`); empty when the
    /// record has no `signoffs` field (see [`Parsed::digest_of`]).
    pub digest: String,
}

impl Parsed {
    /// The record's digest, computed from `text` (the file it was parsed from) when
    /// parsing left it out.
    pub fn digest_of(&self, text: &str) -> String {
        if !self.digest.is_empty() {
            return self.digest.clone();
        }
        let (start, end) = self.parts.body;
        crate::parse::digest::digest(&self.front, &text[start..end])
    }
}

/// Splits and parses the front matter of `file` into YAML values.
pub fn front_matter(
    file: &SourceFile,
    id: FileId,
) -> Result<(frontmatter::Parts, Value), Diagnostic> {
    let parts = frontmatter::split(file, id)?;
    let (start, end) = parts.yaml;
    let value = yaml::parse(file, id, start, &file.text[start..end])?;
    let open = Span::new(id, parts.open.0, parts.open.1);
    match &value.kind {
        ValueKind::Map(_) => Ok((parts, value)),
        ValueKind::Null => Err(Diagnostic::new(
            &front_matter_not_mapping::RULE,
            open,
            "the front matter is empty",
        )
        .help("write the record's fields between the `---` lines, like `title: Kick-off`")),
        _ => Err(Diagnostic::new(
            &front_matter_not_mapping::RULE,
            value.span,
            format!(
                "the front matter must be a mapping of fields, not {}",
                value.kind_name()
            ),
        )
        .help("write one `field: value` per line, without a leading `-`")),
    }
}

/// Parses one record file of a known kind.
pub fn parse_record(
    file: &SourceFile,
    id: FileId,
    kind: RecordKind,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<Parsed> {
    let (parts, front) = match front_matter(file, id) {
        Ok(ok) => ok,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if let Some(t) = front.get("type")
        && !t.is_null()
    {
        let mut r = fields::Reader::new(diags, &config.timezone);
        if let Some(stated) = r.choice::<RecordKind>(t, "type")
            && stated.value != kind
        {
            diags.push(
                Diagnostic::new(
                    &wrong_record_type::RULE,
                    t.span,
                    format!(
                        "`type: {}` disagrees with the folder, which holds {} records",
                        stated.value.as_str(),
                        kind.as_str()
                    ),
                )
                .help(format!(
                    "move the file to the right folder, or write `type: {}`",
                    kind.as_str()
                )),
            );
        }
    }
    let open = Span::new(id, parts.open.0, parts.open.1);
    let data = records::read(kind, &front, open, config, diags)?;
    let (bs, be) = parts.body;
    let body = markdown::read(&file.text[bs..be], id, bs, &config.internal_headings);
    if let Some(span) = body.too_deep {
        diags.push(
            Diagnostic::new(
                &nesting_too_deep::RULE,
                span,
                format!(
                    "the body is nested more than {} levels deep here",
                    nesting::MAX_DEPTH
                ),
            )
            .help(
                "quote or indent a message once, not once per reply; close the HTML elements you open",
            ),
        );
    }
    // Only a record with sign-offs has something to compare its digest with; `sign`
    // computes it for a record that has none yet (`Parsed::digest_of`).
    let digest = match front.get("signoffs") {
        Some(_) => crate::parse::digest::digest(&front, &file.text[bs..be]),
        None => String::new(),
    };
    Some(Parsed {
        kind,
        front,
        parts,
        data,
        body,
        digest,
    })
}
