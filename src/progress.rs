//! Progress of long work on a terminal: a bar on standard error while `check` or `build`
//! loads a large workspace, reads its history and renders its pages. Nothing is drawn
//! when standard error is not a terminal (piped, in CI, in an editor), with `--quiet`,
//! or for workspaces small enough to finish before a bar would help.
//!
//! One process draws one bar, so the switch is process-wide: the command line turns it
//! on ([`enable`]) and the stages report to it without passing it through every call.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Workspaces with fewer files than this finish too fast for a bar.
pub(crate) const MIN_FILES: usize = 1000;

static ENABLED: AtomicBool = AtomicBool::new(false);
static BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Lets stages draw a bar, if standard error is a terminal.
pub(crate) fn enable() {
    if std::io::stderr().is_terminal() {
        ENABLED.store(true, Ordering::Relaxed);
    }
}

/// Starts a stage of `len` steps (replacing the last one's bar), if bars are on and the
/// stage is large enough.
pub(crate) fn stage(name: &str, len: usize) {
    let enabled = ENABLED.load(Ordering::Relaxed);
    let mut bar = BAR.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(old) = bar.take() {
        old.finish_and_clear();
    }
    if !enabled || len < MIN_FILES {
        return;
    }
    let b = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    b.set_style(
        ProgressStyle::with_template("{prefix:>12} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    b.set_prefix(name.to_string());
    *bar = Some(b);
}

/// One step of the current stage done.
pub(crate) fn step() {
    if let Some(b) = BAR.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        b.inc(1);
    }
}

/// Clears the bar: the work is done and output follows.
pub(crate) fn finish() {
    if let Some(b) = BAR.lock().unwrap_or_else(|e| e.into_inner()).take() {
        b.finish_and_clear();
    }
}
