//! Inputs the fuzzers found (`fuzz/regressions/`), replayed through the real binary on
//! every test run, so that each fixed failure stays fixed. A file added there is picked up
//! here without a change to this file.

use std::path::{Path, PathBuf};

use crate::harness::{TODAY, Ws};

fn regressions(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regressions in {}", dir.display());
    files
}

const MINUTES: &str = "clients/acme/minutes/2026-11-09-kick-off.md";

const NOTE: &str = "reply with a DEL \u{7f}, a NEL \u{85}, a BOM \u{feff} and Jing'an";

/// Each record the `sign` target once broke: signed by the client's contact, with a note
/// holding characters YAML must escape (DEL, NEL, a byte-order mark: the last break
/// found), the file keeps every byte it had around one insertion, and still
/// parses (`src/edit/mod.rs` tests that the note reads back as written).
#[test]
fn sign_regressions_insert_one_entry_and_still_parse() {
    for file in regressions("sign") {
        let original = std::fs::read_to_string(&file).unwrap();
        let ws = Ws::base();
        ws.write(MINUTES, &original);
        let path = ws.path().join(MINUTES);
        let run = ws.run(&[
            "sign",
            path.to_str().unwrap(),
            "--by",
            "rita.acme",
            "--stage",
            "confirmed",
            "--via",
            "email",
            "--note",
            NOTE,
            "--today",
            TODAY,
        ]);
        assert_eq!(run.code, 0, "{}: {}", file.display(), run.stderr);
        let signed = std::fs::read_to_string(&path).unwrap();
        // One insertion, every other byte kept: the old text is the new text's start and
        // end around the inserted sign-off.
        let head = original
            .bytes()
            .zip(signed.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let tail = original[head..]
            .bytes()
            .rev()
            .zip(signed.bytes().rev())
            .take_while(|(a, b)| a == b)
            .count();
        assert_eq!(
            head + tail,
            original.len(),
            "{}: more than one insertion:\n{signed}",
            file.display()
        );
        let (_, found, json) = ws.check_json();
        assert!(
            !found.iter().any(|f| f.file == MINUTES
                && ["D003", "D004", "D005", "D006", "D007", "D009"].contains(&f.code.as_str())),
            "{}: the signed record does not parse: {json}",
            file.display()
        );
        assert!(signed.contains("by: rita.acme"), "{signed}");
    }
}

/// Each record file the `frontmatter` target once broke: checked, with a diagnostic
/// inside the file and no panic.
#[test]
fn frontmatter_regressions_are_diagnostics() {
    for file in regressions("frontmatter") {
        let ws = Ws::base();
        ws.write(MINUTES, std::fs::read(&file).unwrap());
        let (code, found, json) = ws.check_json();
        assert_eq!(code, 1, "{}: {json}", file.display());
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        assert!(
            found
                .iter()
                .any(|f| f.file == MINUTES && (1..=lines).contains(&f.line)),
            "{}: {json}",
            file.display()
        );
    }
}

/// Each body the `markdown` target once broke: the site builds, without a panic.
#[test]
fn markdown_regressions_build() {
    for file in regressions("markdown") {
        let body = std::fs::read_to_string(&file).unwrap();
        let ws = Ws::base();
        ws.write(
            MINUTES,
            format!(
                "---\nkind: client\ntitle: T\ndate: 2026-11-09\nattended: [ann.ae]\n---\n{body}"
            ),
        );
        let out = tempfile::tempdir().unwrap();
        let site = out.path().join("site");
        let run = crate::site::build(&ws, "{ws}", &site, &[]);
        assert_eq!(run.code, 0, "{}: {}", file.display(), run.stderr);
    }
}

/// An order numbered `""` beside text in Chinese: the empty number is no marker (it
/// once matched inside every character and split one), and check goes on.
#[test]
fn an_empty_order_number_is_a_diagnostic_not_a_panic() {
    let ws = Ws::base();
    ws.write(
        "clients/acme/orders/WO-2026-0002.md",
        "---\nnumber: \"\"\nkind: media\ntitle: Draft order\nrequested: 2026-11-02\n---\nNot numbered yet.\n",
    );
    ws.write(
        MINUTES,
        "---\nkind: client\ntitle: 开幕 review\ndate: 2026-11-09\nattended: [ann.ae]\n---\n琴台新宿 counter opening, 开幕式.\n",
    );
    // The empty number is reported where it stands (its format, and its file name), and
    // nothing else: the Chinese minutes are clean.
    let (code, found, json) = ws.check_json();
    assert_eq!(code, 1, "{json}");
    let order = "clients/acme/orders/WO-2026-0002.md";
    let at = |code: &str| crate::harness::Found {
        code: code.into(),
        file: order.into(),
        line: 2,
        column: 9,
    };
    assert_eq!(found, vec![at("D051"), at("D052")], "{json}");
}
