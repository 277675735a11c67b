//! The layering of `src/`: each module imports only modules of the layers below its own.
//! The table is [`LAYERS`]; `docs/architecture.md` draws it and says what each layer is.
//!
//! Every `crate::` path in `src/` counts, in code and in doc links alike: `use`
//! declarations, paths in expressions, `crate::{a, b::c}` groups and the crate's own
//! macros (which are exported at the crate root, so they are mapped to the module that
//! defines them). A path to anything else at the crate root is refused too, so that a
//! re-export cannot hide an edge.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, bottom first. A module may import the modules of any layer below its own;
/// modules of one layer do not import each other, so there is no cycle.
const LAYERS: &[&[&str]] = &[
    // Text and places: source files, spans and positions; URIs; progress; docket's own
    // errors.
    &["source", "uri", "progress", "error"],
    // The diagnostic, severities, the rule type.
    &["diag"],
    // Records, settings, values, problems.
    &["model"],
    // Front matter, YAML, fields, bodies, digests, settings.
    &["parse"],
    // git; the record schemas.
    &["git", "schema"],
    // Files from disk or from a commit.
    &["load"],
    // The workspace.
    &["link"],
    // Which sign-offs a record needs and which hold.
    &["signoff"],
    // The index of record versions, sign-off provenance, the change log.
    &["history"],
    // The rules and their registry.
    &["check"],
    // Everything above, in one call.
    &["compile"],
    // Writing records: a sign-off added, a file written atomically, checked by reading
    // it back.
    &["edit"],
    // What each reader may see.
    &["view"],
    // Pages, reports, calendars, e-mails.
    &["render"],
    // The leak scan, and writing or printing what it cleared.
    &["publish"],
    // The command line's arguments; the language server.
    &["cli", "lsp"],
    &["commands"],
];

/// Macros exported at the crate root, by the module that defines them.
const MACROS: &[(&str, &str)] = &[("declare_rule", "diag"), ("choice", "model")];

/// One import that the layers do not allow.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Wrong {
    file: String,
    from: String,
    to: String,
    why: &'static str,
}

/// The modules each `crate::` path of `text` names.
fn imports(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        // `$crate::` in a macro is the crate too; `docket::` is not looked at.
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            // The group's items at its top level: `a::b`, `c::{d, e}`, `self`.
            let (mut depth, mut item) = (0, String::new());
            let mut items = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    c if depth == 0 => item.push(c),
                    _ => {}
                }
            }
            items.push(item);
            for part in items {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != "self" {
                    out.push(name);
                }
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
        rest = after;
    }
    out
}

/// Every import under `src` that goes up, sideways or to something the table does not
/// know, with the file it is in.
fn wrong_imports(src: &Path) -> Vec<Wrong> {
    let layer_of: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.iter().map(move |m| (*m, i)))
        .collect();
    let macros: BTreeMap<&str, &str> = MACROS.iter().copied().collect();
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        // The crate root declares the modules and re-exports the interface.
        if top == "lib" || top == "main" {
            continue;
        }
        let file = rel.to_string_lossy().replace('\\', "/");
        let Some(&from) = layer_of.get(top.as_str()) else {
            wrong.push(Wrong {
                file: file.clone(),
                from: top.clone(),
                to: String::new(),
                why: "a module the table of layers does not list",
            });
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for name in imports(&text) {
            let module = macros.get(name.as_str()).copied().unwrap_or(&name);
            if module == top {
                continue;
            }
            let why = match layer_of.get(module) {
                None => "not a module of the table (a re-export at the crate root?)",
                Some(&to) if to > from => "goes up",
                Some(&to) if to == from => "goes sideways, within one layer",
                Some(_) => continue,
            };
            if seen.insert((file.clone(), module.to_string())) {
                wrong.push(Wrong {
                    file: file.clone(),
                    from: top.clone(),
                    to: module.to_string(),
                    why,
                });
            }
        }
    }
    wrong.sort();
    wrong
}

fn src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_import_goes_down_the_layers() {
    let wrong = wrong_imports(&src());
    assert!(
        wrong.is_empty(),
        "imports the layers do not allow (see tests/cli/layers.rs and docs/architecture.md):\n{}",
        wrong
            .iter()
            .map(|w| format!("  {}: {} -> {}: {}", w.file, w.from, w.to, w.why))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_module_of_the_crate_is_in_the_table() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    // The crate's modules: `mod name;` at the top level (`internals` only re-exports).
    let declared: BTreeSet<&str> = lib
        .lines()
        .filter_map(|l| {
            l.strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("mod "))
        })
        .filter_map(|l| l.strip_suffix(';'))
        .collect();
    let listed: BTreeSet<&str> = LAYERS.iter().flat_map(|l| l.iter().copied()).collect();
    assert_eq!(declared, listed);
}

/// The check can fail: in a copy of `src/`, an upward import, a sideways one, one through
/// a re-export at the crate root and one of a macro from above are each found.
#[test]
fn a_planted_wrong_import_is_found() {
    let copy = tempfile::tempdir().unwrap();
    crate::harness::copy_dir(&src(), copy.path());
    assert_eq!(wrong_imports(copy.path()), []);
    let plant = |file: &str, line: &str| {
        let path = copy.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\n{line}\n")).unwrap();
    };
    plant("parse/mod.rs", "use crate::commands::run;");
    plant(
        "git/mod.rs",
        "#[allow(unused)] fn f() -> crate::schema::Schema { todo!() }",
    );
    plant("link/mod.rs", "use crate::Compiled;");
    plant("diag/mod.rs", "crate::choice! { pub enum X { A = \"a\" } }");
    let found: Vec<(String, String, &str)> = wrong_imports(copy.path())
        .into_iter()
        .map(|w| (w.file, w.to, w.why))
        .collect();
    assert_eq!(
        found,
        [
            ("diag/mod.rs".into(), "model".into(), "goes up"),
            (
                "git/mod.rs".into(),
                "schema".into(),
                "goes sideways, within one layer"
            ),
            (
                "link/mod.rs".into(),
                "Compiled".into(),
                "not a module of the table (a re-export at the crate root?)"
            ),
            ("parse/mod.rs".into(), "commands".into(), "goes up"),
        ]
    );
}

#[test]
fn paths_are_read_in_every_form() {
    let text = "use crate::{diag::Diagnostic, model::{self, records}};\n\
                let x = crate::parse::yaml::parse(); // and $crate::model::values::Choice\n\
                /// [`crate::history::log`]\n";
    assert_eq!(
        imports(text),
        ["diag", "model", "parse", "model", "history"]
    );
}
