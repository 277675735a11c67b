//! The commands behind the command line.

mod build;
mod changes;
mod check;
mod digest;
mod explain;
mod hook;
mod init;
mod new;
mod pending;
mod report;
mod schema;
mod shell;
mod sign;
mod textconv;

use std::io::IsTerminal;

use crate::cli::{Cli, Color, Command};
use crate::error::Error;

pub(crate) fn run(cli: Cli) -> Result<i32, Error> {
    let global = cli.global;
    if !global.quiet && matches!(cli.command, Command::Check(_) | Command::Build(_)) {
        crate::progress::enable();
    }
    match cli.command {
        Command::Check(args) => check::run(&args, &global),
        Command::Explain(args) => explain::run(&args),
        Command::Sign(args) => sign::run(&args),
        Command::Pending(args) => pending::run(&args),
        Command::New(args) => new::run(&args),
        Command::Digest(args) => digest::run(&args),
        Command::Report(crate::cli::ReportCommand::Weekly(args)) => report::weekly(&args),
        Command::Build(args) => build::run(&args, &global),
        Command::Changes(args) => changes::run(&args),
        Command::Textconv(args) => textconv::run(&args),
        Command::Init(args) => init::run(&args, &global),
        Command::Completions(args) => shell::completions(&args),
        Command::Man(args) => shell::man(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Lsp => crate::lsp::serve(),
        Command::Hook(crate::cli::HookCommand::Install(args)) => hook::install(&args),
    }
}

/// The git repository `workspace` is in, and the workspace's folder within it, with `/`
/// and a trailing `/` (`records/`; empty at the repository's top), so that paths can be
/// given as the repository names them. `None` outside a repository (or a bare one).
pub(crate) fn repository_folder(workspace: &std::path::Path) -> Option<(crate::git::Repo, String)> {
    let repo = crate::git::Repo::discover(workspace)?;
    let top = repo.workdir()?.canonicalize().ok()?;
    let rel = workspace
        .canonicalize()
        .ok()?
        .strip_prefix(&top)
        .ok()?
        .to_path_buf();
    let mut folder: String = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if !folder.is_empty() {
        folder.push('/');
    }
    Some((repo, folder))
}

/// Whether to colour output for this terminal and environment.
pub(crate) fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
