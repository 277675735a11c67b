//! The `docket` command: parses arguments, runs, exits with the code `run` returns.

/// A faster allocator than the system's for docket's many small strings and vectors: a
/// check reads back tens of thousands of parsed records.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    quiet_broken_pipe();
    std::process::exit(docket::run(std::env::args_os()));
}

/// Restores the default action of SIGPIPE, which Rust programs ignore from the start: a
/// reader that goes away early (`docket check | head`) then ends docket quietly, as it
/// ends any other command-line tool, instead of a failed write to standard output
/// becoming a panic.
#[cfg(unix)]
#[allow(unsafe_code)]
fn quiet_broken_pipe() {
    // SAFETY: called first thing in `main`, before any thread starts; SIG_DFL is a valid
    // action for SIGPIPE and no handler of docket's is replaced.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_broken_pipe() {}
