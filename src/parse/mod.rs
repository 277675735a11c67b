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
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Parsed {
    pub kind: RecordKind,
    /// The front matter as YAML values (for signing, the record page, the history).
    pub front: Front,
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
        crate::parse::digest::digest(self.front.value(), &text[start..end])
    }
}

/// The front matter of a parsed record as YAML values. Few commands need them once the
/// record is read, so a parse read back from the cache (`load::cache`) keeps them as
/// bytes and reads them on first use.
pub struct Front {
    value: std::sync::OnceLock<Value>,
    /// The values as the cache keeps them, and the file their spans are in.
    kept: Option<(Vec<u8>, FileId)>,
}

impl Front {
    pub fn new(value: Value) -> Front {
        Front {
            value: value.into(),
            kept: None,
        }
    }

    pub fn value(&self) -> &Value {
        self.value.get_or_init(|| {
            let (bytes, id) = self.kept.as_ref().expect("a front matter without values");
            // The bytes were written by this version of docket and checked whole when the
            // cache was read.
            crate::source::in_file(*id, || postcard::from_bytes(bytes)).unwrap_or(Value {
                kind: ValueKind::Null,
                span: Span::file_start(*id),
            })
        })
    }
}

impl std::ops::Deref for Front {
    type Target = Value;
    fn deref(&self) -> &Value {
        self.value()
    }
}

impl Clone for Front {
    fn clone(&self) -> Front {
        Front::new(self.value().clone())
    }
}

impl std::fmt::Debug for Front {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value().fmt(f)
    }
}

impl serde::Serialize for Front {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.kept, self.value.get()) {
            (Some((bytes, _)), None) => s.serialize_bytes(bytes),
            _ => {
                let bytes = postcard::to_stdvec(self.value()).map_err(serde::ser::Error::custom)?;
                s.serialize_bytes(&bytes)
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Front {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bytes = <&'de [u8]>::deserialize(d)?;
        Ok(Front {
            value: std::sync::OnceLock::new(),
            kept: Some((bytes.to_vec(), crate::source::reading_file())),
        })
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
        front: Front::new(front),
        parts,
        data,
        body,
        digest,
    })
}
