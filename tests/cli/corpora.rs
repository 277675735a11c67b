//! The parsers against data nobody here wrote: the YAML test suite and the CommonMark spec
//! examples in `../shared/corpora` (skipped, with a message, where that folder is absent;
//! `.ci/run` insists on it).

use std::path::{Path, PathBuf};

use docket::internals::parse::yaml::{Value, ValueKind};
use docket::internals::source::{FileId, SourceFile};

fn corpora() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/corpora is not here");
        None
    }
}

fn to_json(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match &v.kind {
        ValueKind::Null => J::Null,
        ValueKind::Bool(b) => J::Bool(*b),
        ValueKind::Int(t) => t
            .parse::<i64>()
            .map(J::from)
            .or_else(|_| t.parse::<f64>().map(J::from))
            .unwrap_or_else(|_| J::String(t.clone())),
        ValueKind::Float(t) => t
            .parse::<f64>()
            .map(J::from)
            .unwrap_or_else(|_| J::String(t.clone())),
        ValueKind::Str(s) => J::String(s.clone()),
        ValueKind::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        ValueKind::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    (
                        k.scalar_text()
                            .map(str::to_string)
                            .unwrap_or_else(|| to_json(k).to_string()),
                        to_json(v),
                    )
                })
                .collect(),
        ),
    }
}

/// Numbers compare by value (`1.0` in the suite's JSON equals `1`).
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn yaml_test_suite_agrees_or_reports_never_panics() {
    let Some(dir) = corpora() else { return };
    let suite = dir.join("yaml-test-suite");
    let mut cases: Vec<PathBuf> = walkdir::WalkDir::new(&suite)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "in.yaml")
        .map(|e| e.path().parent().unwrap().to_path_buf())
        .collect();
    cases.sort();
    let (mut value_cases, mut agreed, mut error_cases, mut rejected) = (0, 0, 0, 0);
    let mut disagreements = Vec::new();
    let mut accepted_bad = Vec::new();
    for case in &cases {
        let text =
            String::from_utf8_lossy(&std::fs::read(case.join("in.yaml")).unwrap()).into_owned();
        let file = SourceFile::new("in.yaml".into(), case.join("in.yaml"), text.clone());
        let result = std::panic::catch_unwind(|| {
            docket::internals::parse::yaml::parse(&file, FileId(0), 0, &text)
        });
        let result = result.unwrap_or_else(|_| panic!("panic on {}", case.display()));
        if case.join("error").exists() {
            error_cases += 1;
            if result.is_err() {
                rejected += 1;
            } else {
                accepted_bad.push(case.strip_prefix(&suite).unwrap().display().to_string());
            }
        } else if let Ok(json) = std::fs::read_to_string(case.join("in.json")) {
            // Only single-document cases: front matter is one document.
            let docs: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&json)
                .into_iter()
                .filter_map(Result::ok)
                .collect();
            if docs.len() != 1 {
                continue;
            }
            value_cases += 1;
            match &result {
                Ok(v) if same(&to_json(v), &docs[0]) => agreed += 1,
                Ok(_) => {
                    disagreements.push(case.strip_prefix(&suite).unwrap().display().to_string())
                }
                Err(_) => disagreements.push(format!(
                    "{} (rejected)",
                    case.strip_prefix(&suite).unwrap().display()
                )),
            }
        }
    }
    eprintln!(
        "yaml-test-suite: {agreed}/{value_cases} single-document value cases agree, {rejected}/{error_cases} bad cases rejected"
    );
    eprintln!("disagreements: {disagreements:?}");
    eprintln!("bad cases accepted: {accepted_bad:?}");
    // The figures recorded in docs/format.md; a drop is a regression.
    assert!(agreed >= 230, "agreement fell to {agreed}/{value_cases}");
    assert!(
        rejected >= 85,
        "rejections fell to {rejected}/{error_cases}"
    );
}

#[test]
fn commonmark_examples_as_bodies_never_panic_and_links_are_found() {
    let Some(dir) = corpora() else { return };
    let spec: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("commonmark-spec/spec-0.31.2.json")).unwrap(),
    )
    .unwrap();
    let mut links = 0;
    let examples = spec.as_array().unwrap();
    for ex in examples {
        let md = ex["markdown"].as_str().unwrap();
        let html = ex["html"].as_str().unwrap();
        let body = std::panic::catch_unwind(|| {
            docket::internals::parse::markdown::read(md, FileId(0), 0, &["Internal".into()])
        })
        .unwrap_or_else(|_| panic!("panic on example {}", ex["number"]));
        // Where the reference HTML has an anchor that the Markdown wrote as a link (not as
        // raw HTML), a link is found.
        if html.contains("<a href=") && !md.to_lowercase().contains("<a ") {
            assert!(
                !body.links.is_empty(),
                "no link found in example {}: {md:?}",
                ex["number"]
            );
            links += 1;
        }
        for l in &body.links {
            assert!(l.span.end <= md.len() && l.span.start <= l.span.end);
        }
    }
    eprintln!(
        "commonmark: {} examples read, {links} with links",
        examples.len()
    );
    assert_eq!(examples.len(), 652);
}
