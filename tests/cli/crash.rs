//! Crashes mid-write: `docket sign` and `docket build` killed with SIGKILL at random
//! moments, hundreds of times. After every kill the record is byte-for-byte the old one or
//! the signed one, and the output folder holds the whole old site or the whole new one.
//!
//! The moments are drawn from a fixed seed over the span of one undisturbed run, so that
//! kills land before, during and after the write; `CRASH_ROUNDS` and `CRASH_SEED` explore
//! further (docs/reliability.md has the long runs).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{TODAY, Ws};
use crate::site::files;

/// A small deterministic generator (SplitMix64): the same seed gives the same moments.
struct Moments(u64);

impl Moments {
    fn from_env() -> Moments {
        let seed = std::env::var("CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20_261_123);
        Moments(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A moment in `0..=span`.
    fn within(&mut self, span: Duration) -> Duration {
        let micros = span.as_micros().max(1) as u64;
        Duration::from_micros(self.next() % (micros + 1))
    }
}

/// The span over which kill moments are drawn: it starts as one undisturbed run and
/// follows the machine's load, widening when fewer than five of twenty runs ended by
/// themselves and narrowing when fewer than five were killed, so that kills keep landing
/// on both sides of the write.
struct Span {
    span: Duration,
    killed: usize,
    finished: usize,
}

impl Span {
    fn new(span: Duration) -> Span {
        Span {
            span: span + span / 5,
            killed: 0,
            finished: 0,
        }
    }

    fn record(&mut self, killed: bool) {
        if killed {
            self.killed += 1;
        } else {
            self.finished += 1;
        }
        if self.killed + self.finished == 20 {
            if self.finished < 5 {
                self.span = self.span * 3 / 2;
            } else if self.killed < 5 {
                self.span = self.span * 2 / 3;
            }
            (self.killed, self.finished) = (0, 0);
        }
    }
}

fn rounds() -> usize {
    std::env::var("CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200)
}

/// Starts `command`, kills it with SIGKILL after `after` (if it is still running) and
/// reaps it. Returns whether it was killed before it ended by itself.
fn kill_after(command: &mut Command, after: Duration) -> bool {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let killed = child.try_wait().unwrap().is_none();
    if killed {
        child.kill().unwrap();
    }
    child.wait().unwrap();
    killed
}

/// How long one undisturbed run of `command` takes, the longest of three.
fn span_of(mut command: impl FnMut() -> Command) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let out = command().output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            start.elapsed()
        })
        .max()
        .unwrap()
}

/// `docket build WS --out OUT --today … --quiet`, not yet started.
fn build_command(ws: &Ws, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_docket"));
    c.arg("build")
        .arg(ws.path())
        .arg("--out")
        .arg(out)
        .args(["--today", TODAY, "--quiet"]);
    c
}

fn leftovers(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect()
}

const ORDER: &str = "clients/acme/orders/WO-2026-0001.md";

#[test]
fn a_killed_sign_leaves_the_old_record_or_the_signed_one() {
    let ws = crate::signoffs::approved_order();
    let path = ws.path().join(ORDER);
    let original = std::fs::read(&path).unwrap();
    let sign = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_docket"));
        c.arg("sign")
            .arg(&path)
            .args(["--by", "ann.ae", "--stage", "approved", "--today", TODAY]);
        c
    };
    // The one right answer of a finished sign, and how long a sign takes.
    let span = span_of(|| {
        std::fs::write(&path, &original).unwrap();
        sign()
    });
    let signed = std::fs::read(&path).unwrap();
    assert_ne!(signed, original);

    let mut moments = Moments::from_env();
    let mut span = Span::new(span);
    let (mut old, mut new, mut killed) = (0, 0, 0);
    for round in 0..rounds() {
        std::fs::write(&path, &original).unwrap();
        let at = moments.within(span.span);
        let was_killed = kill_after(&mut sign(), at);
        span.record(was_killed);
        killed += usize::from(was_killed);
        let now = std::fs::read(&path).unwrap();
        if now == original {
            old += 1;
        } else if now == signed {
            new += 1;
        } else {
            panic!(
                "round {round}, killed after {at:?}: the record is neither the old nor the \
                 signed one:\n{}",
                String::from_utf8_lossy(&now)
            );
        }
    }
    // Kills fell on both sides of the write; otherwise the moments prove nothing.
    eprintln!(
        "sign: {} rounds, {killed} killed; {old} left old, {new} signed",
        rounds()
    );
    assert!(old > 0 && new > 0, "old {old}, signed {new}");

    // What a killed writer left (its temporary file) goes with the next sign of the folder.
    std::fs::write(&path, &original).unwrap();
    let folder = path.parent().unwrap();
    std::fs::write(folder.join(".docket-left.tmp"), "half a record").unwrap();
    assert!(sign().status().unwrap().success());
    assert_eq!(std::fs::read(&path).unwrap(), signed);
    assert_eq!(leftovers(folder, ".docket-"), Vec::<String>::new());
}

/// The example workspace, and a second state of it with a work order added by
/// `docket new`: the sites of the two differ in several pages.
fn two_states() -> (Ws, Ws) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-workspace");
    let copy = || {
        let ws = Ws::empty();
        crate::harness::copy_dir(&example, ws.path());
        let _ = std::fs::remove_dir_all(ws.path().join("_site"));
        ws
    };
    let (a, b) = (copy(), copy());
    let run = b.run(&[
        "new",
        "order",
        "marlowe-outdoor",
        "--workspace",
        "{ws}",
        "--title",
        "Added",
        "--today",
        TODAY,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (a, b)
}

#[test]
fn a_killed_build_leaves_the_whole_old_site_or_the_whole_new_one() {
    let (a, b) = two_states();
    let sites = tempfile::tempdir().unwrap();
    let build = build_command;
    let (ref_a, ref_b) = (sites.path().join("a"), sites.path().join("b"));
    let out = sites.path().join("site");
    let span = span_of(|| build(&a, &ref_a));
    let out_b = build(&b, &ref_b).output().unwrap();
    assert!(
        out_b.status.success(),
        "{}",
        String::from_utf8_lossy(&out_b.stderr)
    );
    let (site_a, site_b) = (files(&ref_a), files(&ref_b));
    assert_ne!(site_a, site_b);
    assert!(build(&a, &out).status().unwrap().success());

    let mut moments = Moments::from_env();
    let mut span = Span::new(span);
    let mut holds_a = true;
    let (mut kept, mut replaced, mut killed) = (0, 0, 0);
    for round in 0..rounds() {
        let at = moments.within(span.span);
        let (from, want) = if holds_a {
            (&b, &site_b)
        } else {
            (&a, &site_a)
        };
        let was_killed = kill_after(&mut build(from, &out), at);
        span.record(was_killed);
        killed += usize::from(was_killed);
        let now = files(&out);
        if &now == want {
            replaced += 1;
            holds_a = !holds_a;
        } else if now
            == if holds_a {
                site_a.clone()
            } else {
                site_b.clone()
            }
        {
            kept += 1;
        } else {
            let differs: Vec<&String> = now
                .keys()
                .chain(want.keys())
                .filter(|k| now.get(*k) != want.get(*k))
                .take(5)
                .collect();
            panic!(
                "round {round}, killed after {at:?}: the site is neither the old nor the new \
                 one ({} files; differing from the new: {differs:?})",
                now.len()
            );
        }
    }
    eprintln!(
        "build: {} rounds, {killed} killed; {kept} kept the old site, {replaced} replaced it",
        rounds()
    );
    assert!(kept > 0 && replaced > 0, "kept {kept}, replaced {replaced}");

    // Killed builds leave their staging folders; the next build clears them away.
    assert!(build(&a, &out).status().unwrap().success());
    assert_eq!(files(&out), site_a);
    assert_eq!(leftovers(sites.path(), ".site.new-"), Vec::<String>::new());
    // What stays beside the site is the spare: the replaced site's folders, no file.
    assert_eq!(leftovers(sites.path(), ".site."), [".site.spare"]);
    assert!(files(&sites.path().join(".site.spare")).is_empty());
}

/// `sign` while `build` runs, twenty times at different moments: the sign-off always
/// lands, the build always succeeds, and the site it wrote is the whole site of the record before the sign-off or
/// after it (the build read the old file or the new one, never half of one).
#[test]
fn sign_while_build_runs_both_succeed_and_the_site_is_whole() {
    let ws = Ws::base();
    ws.commit_all("Ann Lee", "ann@agency.example", 1_794_391_200, "Start");
    let path = ws.path().join(ORDER);
    let sites = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_docket");
    let build = |out: &Path| build_command(&ws, out);
    let sign = |by: &[&str]| {
        let mut c = Command::new(bin);
        c.arg("sign")
            .arg(&path)
            .args(["--stage", "approved", "--today", TODAY])
            .args(by);
        c
    };
    let ae = ["--by", "ann.ae"];
    let original = std::fs::read(&path).unwrap();
    let (before, after) = (sites.path().join("before"), sites.path().join("after"));
    let first = build(&before).output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(sign(&ae).status().unwrap().success());
    let signed = std::fs::read(&path).unwrap();
    assert!(build(&after).status().unwrap().success());
    let (site_before, site_after) = (files(&before), files(&after));
    assert_ne!(site_before, site_after);

    let out = sites.path().join("site");
    // The sign starts at a moment drawn within one build's span after the build starts,
    // so that it lands before, during and after the build's reading.
    let span = span_of(|| build(&out));
    let mut moments = Moments::from_env();
    let (mut saw_before, mut saw_after) = (0, 0);
    for round in 0..20 {
        std::fs::write(&path, &original).unwrap();
        let quiet = |c: &mut Command| {
            c.stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let b = quiet(&mut build(&out));
        std::thread::sleep(moments.within(span / 2));
        let s = quiet(&mut sign(&ae));
        for (what, child) in [("build", b), ("sign", s)] {
            let done = child.wait_with_output().unwrap();
            assert!(
                done.status.success(),
                "round {round}: {what}: {}",
                String::from_utf8_lossy(&done.stderr)
            );
        }
        assert_eq!(std::fs::read(&path).unwrap(), signed, "round {round}");
        let site = files(&out);
        if site == site_before {
            saw_before += 1;
        } else if site == site_after {
            saw_after += 1;
        } else {
            panic!("round {round}: the site is of neither state of the record");
        }
    }
    eprintln!("sign while build: {saw_before} sites before the sign-off, {saw_after} after");
}

/// Two builds into one folder at the same moment take turns: both succeed and the folder
/// holds one whole site.
#[test]
fn two_builds_into_one_folder_take_turns() {
    let (a, b) = two_states();
    let sites = tempfile::tempdir().unwrap();
    let build = |ws: &Ws, out: &Path| {
        let mut c = build_command(ws, out);
        c.stdout(Stdio::null()).stderr(Stdio::piped());
        c
    };
    let (ref_a, ref_b) = (sites.path().join("a"), sites.path().join("b"));
    assert!(build(&a, &ref_a).status().unwrap().success());
    assert!(build(&b, &ref_b).status().unwrap().success());
    let (site_a, site_b) = (files(&ref_a), files(&ref_b));
    let out = sites.path().join("site");
    for round in 0..10 {
        let (x, y) = (
            build(&a, &out).spawn().unwrap(),
            build(&b, &out).spawn().unwrap(),
        );
        for child in [x, y] {
            let done = child.wait_with_output().unwrap();
            assert!(
                done.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&done.stderr)
            );
        }
        let site = files(&out);
        assert!(site == site_a || site == site_b, "round {round}");
        assert_eq!(leftovers(sites.path(), ".site.new-"), Vec::<String>::new());
        assert!(files(&sites.path().join(".site.spare")).is_empty());
    }
}
