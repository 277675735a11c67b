//! Parse stage: a file's text into a typed record. Front matter is split off, read as
//! YAML with spans, then into the record type its folder says; the body is read as
//! Markdown. Every problem is recorded (`model::problem`) and parsing goes as far as it
//! can.

pub(crate) mod digest;
pub(crate) mod fields;
pub(crate) mod fold;
pub(crate) mod frontmatter;
pub(crate) mod markdown;
pub(crate) mod nesting;
pub(crate) mod records;
pub(crate) mod settings;
pub(crate) mod yaml;

use crate::model::problem::{
    EmptyFrontMatter, FrontMatterNotMapping, NestingTooDeep, Problem, WrongRecordType,
};
use crate::model::records::{Data, RecordKind};
use crate::model::settings::Config;
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
    /// The fingerprint of what a sign-off signs (see `parse::digest`); empty when the
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
pub fn front_matter(file: &SourceFile, id: FileId) -> Result<(frontmatter::Parts, Value), Problem> {
    let parts = frontmatter::split(file, id)?;
    let (start, end) = parts.yaml;
    let value = yaml::parse(file, id, start, &file.text[start..end])?;
    let open = Span::new(id, parts.open.0, parts.open.1);
    match &value.kind {
        ValueKind::Map(_) => Ok((parts, value)),
        ValueKind::Null => Err(EmptyFrontMatter { at: open }.into()),
        _ => Err(FrontMatterNotMapping {
            at: value.span,
            found: value.kind_name(),
        }
        .into()),
    }
}

/// Parses one record file of a known kind.
pub fn parse_record(
    file: &SourceFile,
    id: FileId,
    kind: RecordKind,
    config: &Config,
    problems: &mut Vec<Problem>,
) -> Option<Parsed> {
    let (parts, front) = match front_matter(file, id) {
        Ok(ok) => ok,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    if let Some(t) = front.get("type")
        && !t.is_null()
    {
        let mut r = fields::Reader::new(problems, &config.timezone);
        if let Some(stated) = r.choice::<RecordKind>(t, "type")
            && stated.value != kind
        {
            problems.push(
                WrongRecordType {
                    at: t.span,
                    stated: stated.value,
                    folder: kind,
                }
                .into(),
            );
        }
    }
    let open = Span::new(id, parts.open.0, parts.open.1);
    let data = records::read(kind, &front, open, config, problems)?;
    let (bs, be) = parts.body;
    let body = markdown::read(&file.text[bs..be], id, bs, &config.internal_headings);
    if let Some(at) = body.too_deep {
        problems.push(NestingTooDeep { at }.into());
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
