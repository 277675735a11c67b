//! A small harness: build a workspace in a temporary folder (from the base fixture, an
//! overlay folder or inline files), run the real `docket` binary on it, and read what it
//! printed. See tests/README.md.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The date every test runs at, so that date-dependent results are fixed.
pub const TODAY: &str = "2026-11-23";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A throwaway workspace.
pub struct Ws {
    pub dir: tempfile::TempDir,
}

/// What a run printed and its exit code.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// One diagnostic from `--format json`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub code: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}:{}:{}",
            self.code, self.file, self.line, self.column
        )
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl Ws {
    /// An empty folder.
    pub fn empty() -> Ws {
        Ws {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The clean base workspace of `tests/fixtures/base`.
    pub fn base() -> Ws {
        let ws = Ws::empty();
        copy_dir(&fixtures().join("base"), ws.path());
        ws
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Copies a folder's files over the workspace (replacing files of the same path).
    pub fn overlay(self, dir: &Path) -> Ws {
        copy_dir(dir, self.path());
        self
    }

    /// Runs docket with `args`; `{ws}` in an argument is replaced by the workspace path.
    pub fn run(&self, args: &[&str]) -> Run {
        let ws = self.path().to_string_lossy().into_owned();
        let args: Vec<String> = args.iter().map(|a| a.replace("{ws}", &ws)).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_docket"))
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).replace(&ws, "[WS]"),
            stderr: String::from_utf8_lossy(&out.stderr).replace(&ws, "[WS]"),
        }
    }

    /// `docket check --format json`, parsed.
    pub fn check_json(&self) -> (i32, Vec<Found>, serde_json::Value) {
        let run = self.run(&["check", "{ws}", "--format", "json", "--today", TODAY]);
        let value: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr));
        let found = value["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| Found {
                code: d["code"].as_str().unwrap().to_string(),
                file: d["file"].as_str().unwrap_or("").to_string(),
                line: d["line"].as_u64().unwrap_or(0) as usize,
                column: d["column"].as_u64().unwrap_or(0) as usize,
            })
            .collect();
        (run.code, found, value)
    }
}
