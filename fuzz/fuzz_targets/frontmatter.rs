//! One record file of arbitrary bytes through the loader and the parser, as `check` reads
//! it: read from disk (size cap, UTF-8), split into front matter and body, YAML with
//! spans, then the typed record of every kind.
//!
//! Checked: no panic (hangs and memory are bounded by libFuzzer's `-timeout` and
//! `-rss_limit_mb`); bytes that are not UTF-8, or text with a NUL, give a `not-utf8`
//! diagnostic and are not parsed; every diagnostic points inside the file; the parts of
//! a parsed record are in order and every YAML value lies in the front matter; body
//! links and sections lie in the body, and a section inside an internal one is internal;
//! the digest is well formed; and the same text with CRLF line endings parses the same
//! way, with the same diagnostics at the same lines and columns and the same digest.

#![no_main]

use std::sync::LazyLock;

use docket::internals::diag::Diagnostic;
use docket::internals::load::{Found, Place};
use docket::internals::model::records::RecordKind;
use docket::internals::model::settings::Config;
use docket::internals::parse::yaml::{Value, ValueKind};
use docket::internals::parse::{self, Parsed};
use docket::internals::source::{FileId, SourceFile, SourceMap};
use docket_fuzz::spans::assert_diagnostics;
use libfuzzer_sys::fuzz_target;

static CONFIG: LazyLock<Config> = LazyLock::new(docket_fuzz::settings);

const KINDS: [RecordKind; 5] = [
    RecordKind::Client,
    RecordKind::Minutes,
    RecordKind::Order,
    RecordKind::Schedule,
    RecordKind::Invoice,
];

/// What parsing one text as every kind gave: per kind, the outcome and the diagnostics.
type Outcome = Vec<(Option<Parsed>, Vec<Diagnostic>)>;

fn parse_all(file: &SourceFile) -> Outcome {
    KINDS
        .iter()
        .map(|&kind| {
            let mut problems = Vec::new();
            let parsed = parse::parse_record(file, FileId(0), kind, &CONFIG, &mut problems);
            (
                parsed,
                problems
                    .iter()
                    .map(docket::internals::check::word)
                    .collect(),
            )
        })
        .collect()
}

/// Every value's span (keys and aliases included) lies within `from..to`.
fn assert_within(v: &Value, from: usize, to: usize) {
    assert!(
        from <= v.span.start && v.span.end <= to,
        "value {:?} at {}..{} outside the front matter {from}..{to}",
        v.kind,
        v.span.start,
        v.span.end
    );
    match &v.kind {
        ValueKind::Seq(items) => items.iter().for_each(|i| assert_within(i, from, to)),
        ValueKind::Map(entries) => entries.iter().for_each(|(k, val)| {
            assert_within(k, from, to);
            assert_within(val, from, to);
        }),
        _ => {}
    }
}

fn assert_parsed(p: &Parsed, file: &SourceFile) {
    let parts = p.parts;
    let len = file.text.len();
    assert!(
        parts.open.0 <= parts.open.1
            && parts.open.1 <= parts.yaml.0
            && parts.yaml.0 <= parts.yaml.1
            && parts.yaml.1 <= parts.body.0
            && parts.body.0 <= parts.body.1
            && parts.body.1 == len,
        "parts out of order: {parts:?} in {len} bytes"
    );
    assert_within(&p.front, parts.yaml.0, parts.yaml.1);
    let (bs, be) = parts.body;
    for link in &p.body.links {
        assert!(
            bs <= link.span.start && link.span.end <= be,
            "link {:?} outside the body {bs}..{be}",
            link
        );
    }
    for s in &p.body.sections {
        assert!(
            bs <= s.span.start && s.span.end <= be,
            "section {s:?} outside the body {bs}..{be}"
        );
    }
    // Whatever stands inside an internal section is internal too.
    for outer in p.body.sections.iter().filter(|s| s.internal) {
        for inner in &p.body.sections {
            if outer.span.start <= inner.span.start && inner.span.end <= outer.span.end {
                assert!(
                    inner.internal,
                    "section `{}` inside internal `{}` is not internal",
                    inner.title, outer.title
                );
            }
        }
    }
    let digest = p.digest_of(&file.text);
    assert!(
        docket::internals::parse::digest::is_well_formed(&digest),
        "digest {digest}"
    );
}

/// Rule codes with the line and column where they start: what a reader sees.
fn places(diags: &[Diagnostic], file: &SourceFile) -> Vec<(String, usize, usize)> {
    let mut out: Vec<_> = diags
        .iter()
        .map(|d| {
            let pos = d.span.map(|s| file.line_col(s.start));
            (
                d.rule.code.to_string(),
                pos.map_or(0, |p| p.line),
                pos.map_or(0, |p| p.column),
            )
        })
        .collect();
    out.sort();
    out
}

fuzz_target!(|data: &[u8]| {
    // A folder of its own per input, removed when it is dropped at the end of the input
    // (libFuzzer ends the process without running destructors, so nothing is kept
    // between inputs).
    // The record sits at its workspace path inside a scratch workspace of its own: the
    // loader opens files folder by folder from the workspace's root.
    let scratch = docket_fuzz::scratch_dir();
    let path = "clients/acme/orders/record.md";
    let disk_path = scratch.path().join(path);
    std::fs::create_dir_all(disk_path.parent().expect("a folder")).expect("folders are made");
    std::fs::write(&disk_path, data).expect("the scratch file can be written");
    let found = Found {
        path: path.into(),
        disk_path,
        place: Place::Record {
            client: Some("acme".into()),
            kind: RecordKind::Order,
        },
        notes: Vec::new(),
    };
    let mut problems = Vec::new();
    let (file, readable) = docket::internals::load::read(
        &found,
        FileId(0),
        &docket::internals::load::Files::Disk(&docket::internals::load::Overlay::new()),
        &mut problems,
    );
    let diags: Vec<Diagnostic> = problems
        .iter()
        .map(docket::internals::check::word)
        .collect();
    let text = std::str::from_utf8(data).ok();
    let binary = text.is_none_or(|t| t.contains('\0'));
    assert_eq!(readable, !binary, "readable is {readable} for {data:?}");
    if binary {
        assert!(
            diags.iter().any(|d| d.rule.name == "not-utf8"),
            "no not-utf8 diagnostic: {diags:?}"
        );
    } else {
        assert!(diags.is_empty(), "reading gave {diags:?}");
        assert_eq!(file.text.as_bytes(), data);
    }
    let mut sources = SourceMap::default();
    sources.add(file);
    assert_diagnostics(&diags, &sources);
    if !readable {
        return;
    }
    let file = sources.get(FileId(0));
    let outcome = parse_all(file);
    for (parsed, diags) in &outcome {
        assert_diagnostics(diags, &sources);
        if let Some(p) = parsed {
            assert_parsed(p, file);
        }
    }

    // The same record with CRLF line endings means the same.
    let Some(text) = text.filter(|t| !t.contains('\r') && t.contains('\n')) else {
        return;
    };
    let crlf = SourceFile::new(
        file.path.clone(),
        file.disk_path.clone(),
        text.replace('\n', "\r\n"),
    );
    let mut crlf_sources = SourceMap::default();
    crlf_sources.add(crlf);
    let crlf = crlf_sources.get(FileId(0));
    for ((kind, (lf, lf_diags)), (cr, cr_diags)) in KINDS.iter().zip(&outcome).zip(parse_all(crlf))
    {
        assert_diagnostics(&cr_diags, &crlf_sources);
        assert_eq!(
            places(lf_diags, file),
            places(&cr_diags, crlf),
            "{kind:?}: diagnostics differ with CRLF"
        );
        assert_eq!(
            lf.is_some(),
            cr.is_some(),
            "{kind:?}: parses with LF or CRLF only"
        );
        if let (Some(lf), Some(cr)) = (lf, &cr) {
            assert_parsed(cr, crlf);
            assert_eq!(
                lf.digest_of(&file.text),
                cr.digest_of(&crlf.text),
                "{kind:?}: the digest changes with CRLF"
            );
        }
    }
});
