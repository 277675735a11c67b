//! `docket sign`'s work: one sign-off added to a record, bound to the record's digest,
//! with no other byte of the file changed, under the folder's lock.

use std::path::Path;

use chrono::NaiveDate;

use super::Entry;
use crate::compile::{Compile, compile_with};
use crate::diag::{self, Severity};
use crate::error::Error;
use crate::link::Person;
use crate::model::records::{Stage, Via, kind_name};
use crate::model::values::Choice;
use crate::signoff;

/// A sign-off to add.
pub(crate) struct Request<'a> {
    /// Who signs (a person id).
    pub(crate) by: &'a str,
    pub(crate) stage: Stage,
    /// How a client contact confirmed.
    pub(crate) via: Option<Via>,
    /// The day signed; today when not given.
    pub(crate) date: Option<NaiveDate>,
    pub(crate) note: Option<String>,
    /// The date that counts as today (`--today`).
    pub(crate) today: Option<NaiveDate>,
}

/// What signing did.
pub(crate) enum Outcome {
    /// The sign-off was written: the line that says so.
    Signed(String),
    /// The record is already signed so for its current content; nothing was written.
    Already(String),
    /// Not signed, the file untouched: why, and the record's own errors when it does
    /// not parse (rendered).
    Refused { why: String, errors: Vec<String> },
}

fn refused(why: impl Into<String>) -> Result<Outcome, Error> {
    Ok(Outcome::Refused {
        why: why.into(),
        errors: Vec::new(),
    })
}

/// Signs the record at `file` as `request` says.
pub(crate) fn sign(file: &Path, request: &Request) -> Result<Outcome, Error> {
    let (root, rel) = crate::load::paths::workspace_of(file)?;
    let (stage, via, by) = (request.stage, request.via, request.by);
    // Another `sign` of a record in this folder waits here until this one has written,
    // then reads the record with this sign-off in it.
    let folder = root.join(&rel);
    let folder = folder.parent().unwrap_or(&root);
    let _lock = super::lock_folder(folder).map_err(Error::io(folder))?;
    super::sweep(folder);
    let compiled = compile_with(&root, request.today, Compile::WithoutHistory)?;
    let ws = &compiled.ws;
    let Some(record) = ws.records.iter().find(|r| ws.path(r.file) == rel) else {
        // Not a record, or one that does not parse: say which.
        let errors: Vec<String> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter(|d| d.span.is_some_and(|s| ws.path(s.file) == rel))
            .map(|d| diag::human::render(d, &ws.sources, false))
            .collect();
        if errors.is_empty() {
            return refused(format!(
                "{rel} is not a record docket signs (work orders, timetables, minutes and invoices are)"
            ));
        }
        return Ok(Outcome::Refused {
            why: format!("{rel} does not parse; correct it first"),
            errors,
        });
    };
    let person = match signoff::may_sign(ws, record, by, stage, via) {
        Ok(p) => p,
        Err(why) => return refused(why),
    };
    let date = request.date.unwrap_or(compiled.today);
    if date > compiled.today {
        return refused(format!(
            "the date {date} is after today ({})",
            compiled.today
        ));
    }
    let digest = record.parsed.digest_of(&ws.sources.get(record.file).text);
    let already = signoff::current(record.parsed.data.signoffs())
        .into_iter()
        .any(|(_, s)| {
            s.by.value == by
                && s.stage.value == stage
                && s.digest.as_ref().is_some_and(|d| d.value == digest)
        });
    if already {
        return Ok(Outcome::Already(format!(
            "{rel}: already signed `{}` by {} for its current content; nothing written",
            stage.as_str(),
            ws.person_name(by)
        )));
    }
    let entry = Entry {
        by: by.to_string(),
        stage: stage.as_str().to_string(),
        via: via.map(|v| v.as_str().to_string()),
        date: date.to_string(),
        digest: digest.clone(),
        note: request.note.clone(),
    };
    let source = ws.sources.get(record.file);
    let text = &source.text;
    let new_text = match super::insert(text, &record.parsed.parts, &record.parsed.front, &entry) {
        Ok(t) => t,
        Err(why) => return refused(why),
    };
    if let Err(why) = verify(&rel, &record.parsed, &digest, text, &new_text, &entry) {
        return refused(format!(
            "the sign-off could not be added safely ({why}); add `signoffs: []` to the front matter and sign again"
        ));
    }
    // The file must still be what was read: refuse rather than overwrite a concurrent edit.
    match std::fs::read(&source.disk_path) {
        Ok(bytes) if bytes == text.as_bytes() => {}
        Ok(_) => {
            return refused(format!(
                "{rel} changed while it was being signed; sign again"
            ));
        }
        Err(source_err) => {
            return Err(Error::Io {
                path: source.disk_path.clone(),
                source: source_err,
            });
        }
    }
    super::write_atomic(&source.disk_path, &new_text)
        .map_err(|e| Error::write(&source.disk_path)(e).meaning("the record is unchanged"))?;
    let how = match (person, via) {
        (Person::Contact { .. }, Some(v)) => format!(", confirmed by {}", v.as_str()),
        _ => String::new(),
    };
    Ok(Outcome::Signed(format!(
        "{rel}: signed `{}` by {} ({}) on {date}{how}; {} {}",
        stage.as_str(),
        ws.person_name(by),
        by,
        kind_name(record.parsed.kind),
        &digest[..crate::parse::digest::PREFIX.len() + 12],
    )))
}

/// The edited text must parse, keep every field but `signoffs` as it was, keep the
/// digest, and have exactly the new entry added at the end of `signoffs`.
fn verify(
    rel: &str,
    old: &crate::parse::Parsed,
    digest: &str,
    old_text: &str,
    new: &str,
    entry: &Entry,
) -> Result<(), String> {
    let (old_parts, old_front) = (&old.parts, &old.front);
    let (new_parts, new_front) = super::reparse(rel, new)?;
    let old_body = &old_text[old_parts.body.0..old_parts.body.1];
    let new_body = &new[new_parts.body.0..new_parts.body.1];
    if old_body != new_body {
        return Err("the body would change".into());
    }
    if crate::parse::digest::digest(&new_front, new_body) != digest {
        return Err("the digest would change".into());
    }
    let field = |front: &crate::parse::yaml::Value, key: &str| {
        front.get(key).map(crate::parse::digest::canonical_value)
    };
    if field(old_front, "status") != field(&new_front, "status") {
        return Err("the status would change".into());
    }
    let items = |front: &crate::parse::yaml::Value| match front.get("signoffs").map(|v| &v.kind) {
        Some(crate::parse::yaml::ValueKind::Seq(items)) => items.clone(),
        _ => Vec::new(),
    };
    let (before, after) = (items(old_front), items(&new_front));
    if after.len() != before.len() + 1 {
        return Err("the list of sign-offs would not grow by one".into());
    }
    for (a, b) in before.iter().zip(&after) {
        if crate::parse::digest::canonical_value(a) != crate::parse::digest::canonical_value(b) {
            return Err("an earlier sign-off would change".into());
        }
    }
    let last = after.last().ok_or("no sign-off")?;
    let text = |k: &str| {
        last.get(k)
            .and_then(|v| v.scalar_text())
            .map(str::to_string)
    };
    let expected = [
        ("by", Some(entry.by.clone())),
        ("stage", Some(entry.stage.clone())),
        ("via", entry.via.clone()),
        ("date", Some(entry.date.clone())),
        ("digest", Some(entry.digest.clone())),
        ("note", entry.note.clone()),
    ];
    for (k, v) in expected {
        if text(k) != v {
            return Err(format!("the new sign-off's `{k}` would read differently"));
        }
    }
    Ok(())
}
