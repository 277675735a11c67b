//! The commands behind the command line.

mod check;
mod digest;
mod explain;
mod new;
mod pending;
mod report;
mod sign;

use std::io::IsTerminal;

use crate::Error;
use crate::cli::{Cli, Color, Command};

pub fn run(cli: Cli) -> Result<i32, Error> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Sign(args) => sign::run(&args),
        Command::Pending(args) => pending::run(&args),
        Command::New(args) => new::run(&args),
        Command::Digest(args) => digest::run(&args),
        Command::Report(crate::cli::ReportCommand::Weekly(args)) => report::weekly(&args),
        Command::Build(args) => {
            // The site is not built yet: check the workspace so errors are still reported.
            let compiled = crate::compile(&args.workspace, args.today)?;
            let code = check::print_human(&compiled, use_color(Color::Auto));
            println!("docket build: the site is not built yet; the workspace was checked.");
            Ok(code)
        }
    }
}

/// Whether to colour output for this terminal and environment.
pub fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
