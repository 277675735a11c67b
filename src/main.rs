//! The `docket` command: parses arguments, runs, exits with the code `run` returns.

fn main() {
    std::process::exit(docket::run(std::env::args_os()));
}
