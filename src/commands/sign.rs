//! `docket sign`: adds one sign-off to a record, bound to the record's digest, and
//! changes no other byte of the file.

use crate::cli::SignArgs;
use crate::diag::{self, Severity};
use crate::edit as write;
use crate::error::Error;
use crate::link::Person;
use crate::model::records::kind_name;
use crate::model::records::{Stage, Via};
use crate::model::values::Choice;
use crate::signoff;

/// Says why `sign` will not sign, on standard error; the file is untouched. Exit code 1.
fn refuse(message: impl std::fmt::Display) -> Result<i32, Error> {
    eprintln!("docket sign: not signed: {message}");
    Ok(1)
}

fn choice<T: Choice>(text: &str, what: &str) -> Result<T, String> {
    T::parse(text).ok_or_else(|| format!("`{text}` is not a {what}; use one of: {}", T::words()))
}

pub(super) fn run(args: &SignArgs) -> Result<i32, Error> {
    let (root, rel) = crate::load::paths::workspace_of(&args.file)?;
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
    // Another `sign` of a record in this folder waits here until this one has written,
    // then reads the record with this sign-off in it.
    let folder = root.join(&rel);
    let folder = folder.parent().unwrap_or(&root);
    let _lock = write::lock_folder(folder).map_err(Error::io(folder))?;
    write::sweep(folder);
    let compiled =
        crate::compile::compile_with(&root, args.today, crate::compile::Compile::WithoutHistory)?;
    let ws = &compiled.ws;
    let Some(record) = ws.records.iter().find(|r| ws.path(r.file) == rel) else {
        // Not a record, or one that does not parse: say which.
        let own: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter(|d| d.span.is_some_and(|s| ws.path(s.file) == rel))
            .collect();
        if own.is_empty() {
            return refuse(format!(
                "{rel} is not a record docket signs (work orders, timetables, minutes and invoices are)"
            ));
        }
        for d in own {
            eprintln!("{}\n", diag::human::render(d, &ws.sources, false));
        }
        return refuse(format!("{rel} does not parse; correct it first"));
    };
    let person = match signoff::may_sign(ws, record, &args.by, stage, via) {
        Ok(p) => p,
        Err(why) => return refuse(why),
    };
    let date = args.date.unwrap_or(compiled.today);
    if date > compiled.today {
        return refuse(format!(
            "the date {date} is after today ({})",
            compiled.today
        ));
    }
    let digest = record.parsed.digest_of(&ws.sources.get(record.file).text);
    let already = signoff::current(record.parsed.data.signoffs())
        .into_iter()
        .any(|(_, s)| {
            s.by.value == args.by
                && s.stage.value == stage
                && s.digest.as_ref().is_some_and(|d| d.value == digest)
        });
    if already {
        println!(
            "{rel}: already signed `{}` by {} for its current content; nothing written",
            stage.as_str(),
            ws.person_name(&args.by)
        );
        return Ok(0);
    }
    let entry = write::Entry {
        by: args.by.clone(),
        stage: stage.as_str().to_string(),
        via: via.map(|v| v.as_str().to_string()),
        date: date.to_string(),
        digest: digest.clone(),
        note: args.note.clone(),
    };
    let source = ws.sources.get(record.file);
    let text = &source.text;
    let new_text = match write::insert(text, &record.parsed.parts, &record.parsed.front, &entry) {
        Ok(t) => t,
        Err(why) => return refuse(why),
    };
    if let Err(why) = verify(&rel, &record.parsed, &digest, text, &new_text, &entry) {
        return refuse(format!(
            "the sign-off could not be added safely ({why}); add `signoffs: []` to the front matter and sign again"
        ));
    }
    // The file must still be what was read: refuse rather than overwrite a concurrent edit.
    match std::fs::read(&source.disk_path) {
        Ok(bytes) if bytes == text.as_bytes() => {}
        Ok(_) => {
            return refuse(format!(
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
    write::write_atomic(&source.disk_path, &new_text)
        .map_err(|e| Error::write(&source.disk_path)(e).meaning("the record is unchanged"))?;
    let how = match (person, via) {
        (Person::Contact { .. }, Some(v)) => format!(", confirmed by {}", v.as_str()),
        _ => String::new(),
    };
    println!(
        "{rel}: signed `{}` by {} ({}) on {date}{how}; {} {}",
        stage.as_str(),
        ws.person_name(&args.by),
        args.by,
        kind_name(record.parsed.kind),
        &digest[..crate::parse::digest::PREFIX.len() + 12],
    );
    Ok(0)
}

/// The edited text must parse, keep every field but `signoffs` as it was, keep the
/// digest, and have exactly the new entry added at the end of `signoffs`.
fn verify(
    rel: &str,
    old: &crate::parse::Parsed,
    digest: &str,
    old_text: &str,
    new: &str,
    entry: &write::Entry,
) -> Result<(), String> {
    let (old_parts, old_front) = (&old.parts, &old.front);
    let (new_parts, new_front) = write::reparse(rel, new)?;
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
