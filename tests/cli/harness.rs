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
    /// Run docket as an unprivileged user (see [`Ws::unprivileged`]).
    unprivileged: bool,
}

/// Whether this process runs as root, which can read files whatever their permissions.
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
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

impl Found {
    /// A diagnostic expected with `code` at `file:line:column`.
    pub fn new(code: &str, file: &str, line: usize, column: usize) -> Found {
        Found {
            code: code.into(),
            file: file.into(),
            line,
            column,
        }
    }
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
        } else if entry.file_type().is_symlink() {
            // Links stay links: the tool must see them, not the files they point to.
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            let _ = std::fs::remove_file(&dest);
            std::os::unix::fs::symlink(std::fs::read_link(entry.path()).unwrap(), &dest).unwrap();
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
            unprivileged: false,
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

    /// Makes docket run as user `nobody` when the tests run as root (as CI does), so that
    /// file permissions mean something; the workspace's folders are opened to it.
    pub fn unprivileged(mut self) -> Ws {
        use std::os::unix::fs::PermissionsExt;
        for entry in walkdir::WalkDir::new(self.path()) {
            let entry = entry.unwrap();
            if entry.file_type().is_dir() {
                std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o755))
                    .unwrap();
            }
        }
        self.unprivileged = true;
        self
    }

    /// Runs docket with `args`; `{ws}` in an argument is replaced by the workspace path.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(&[], args)
    }

    /// [`Ws::run`] with environment variables set.
    pub fn run_with(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        let ws = self.path().to_string_lossy().into_owned();
        let args: Vec<String> = args.iter().map(|a| a.replace("{ws}", &ws)).collect();
        let bin = env!("CARGO_BIN_EXE_docket");
        if self.unprivileged && is_root() {
            // The workspace belongs to the user docket runs as, as it would in real use
            // (git refuses a repository owned by someone else).
            for entry in walkdir::WalkDir::new(self.path()) {
                let entry = entry.unwrap();
                std::os::unix::fs::lchown(entry.path(), Some(65534), Some(65534)).unwrap();
            }
        }
        let mut command = if self.unprivileged && is_root() {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
            // root's home is closed to nobody; git would fail reading its config there.
            c.env("HOME", "/nonexistent");
            c
        } else {
            Command::new(bin)
        };
        command
            .args(&args)
            .env("NO_COLOR", "1")
            // The parse cache of a workspace outside git goes to the platform's cache
            // folder: the tests' own, not the user's.
            .env(
                "XDG_CACHE_HOME",
                std::env::temp_dir().join("docket-tests-cache"),
            )
            .envs(env.iter().copied());
        let (code, stdout, stderr) = run_guarded(&mut command);
        Run {
            code,
            stdout: String::from_utf8_lossy(&stdout).replace(&ws, "[WS]"),
            stderr: String::from_utf8_lossy(&stderr).replace(&ws, "[WS]"),
        }
    }

    /// Writes a file (creating its folders), replacing what was there.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Ws {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Commits every file of the workspace (making it a git repository if it is not one)
    /// as `author <email>`, at `time` (seconds since the epoch, UTC). Returns the commit id.
    pub fn commit_all(&self, author: &str, email: &str, time: i64, message: &str) -> String {
        let repo = git2::Repository::open(self.path())
            .or_else(|_| git2::Repository::init(self.path()))
            .unwrap();
        let mut index = repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        // Files deleted since the last commit leave the index too.
        index.update_all(["*"], None).unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::new(author, email, &git2::Time::new(time, 0)).unwrap();
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .unwrap()
            .to_string()
    }

    /// `git` in the workspace, as a fixed author at a fixed time; its trimmed output.
    pub fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(self.path())
            .args(args)
            .env("GIT_AUTHOR_NAME", "Cai Lin")
            .env("GIT_AUTHOR_EMAIL", "cai.lin@agency.example")
            .env("GIT_AUTHOR_DATE", "2026-11-20T10:00:00Z")
            .env("GIT_COMMITTER_NAME", "Cai Lin")
            .env("GIT_COMMITTER_EMAIL", "cai.lin@agency.example")
            .env("GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
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

/// How long one run of docket may take before the test calls it a hang. Far above any
/// real run (the largest test workspace checks in well under a second); this is not a
/// speed measurement, only a guard so that a hang fails instead of stalling the suite.
const HANG: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs a command to its end, reading its output on the side; kills it and fails the
/// test if it runs past [`HANG`].
fn run_guarded(command: &mut Command) -> (i32, Vec<u8>, Vec<u8>) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            pipe.read_to_end(&mut buf).unwrap();
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("docket did not finish within {HANG:?}: {command:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    (
        status.code().unwrap_or(-1),
        out.join().unwrap(),
        err.join().unwrap(),
    )
}
