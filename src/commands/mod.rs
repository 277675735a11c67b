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

use crate::error::Error;
use crate::cli::{Cli, Color, Command};

pub fn run(cli: Cli) -> Result<i32, Error> {
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
pub(crate) fn repository_folder(workspace: &std::path::Path) -> Option<(git2::Repository, String)> {
    let repo = git2::Repository::discover(workspace).ok()?;
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

/// Why `out` may not receive output: it is the workspace itself or inside its records
/// (`clients/`, `internal/`), where a written `.md` would be read as a record; or the
/// same for any workspace it lies in (a folder above it with a `docket.yaml`). Paths are
/// compared as written files would land: see [`resolve_path`].
pub(crate) fn records_folder(
    root: &std::path::Path,
    out: &std::path::Path,
) -> Option<&'static str> {
    records_of(Some(root), out)
}

/// [`records_folder`] for a command that reads no workspace (`schema`, `man`): `out`
/// may not be a workspace or inside the records of one it lies in.
pub(crate) fn refuse_out(out: &std::path::Path) -> Result<(), Error> {
    match records_of(None, out) {
        Some(why) => Err(Error::Usage(format!(
            "--out {} is {why}; give a folder of its own",
            out.display()
        ))),
        None => Ok(()),
    }
}

fn records_of(root: Option<&std::path::Path>, out: &std::path::Path) -> Option<&'static str> {
    let Some(out) = resolve_path(out) else {
        return Some("a path through too many symbolic links");
    };
    let inside = |root: &std::path::Path| {
        if out == root {
            Some("the workspace itself")
        } else if out.starts_with(root.join("clients")) || out.starts_with(root.join("internal")) {
            Some("inside the workspace's records")
        } else {
            None
        }
    };
    root.and_then(resolve_path)
        .as_deref()
        .and_then(inside)
        .or_else(|| {
            out.ancestors()
                .filter(|dir| dir.join("docket.yaml").is_file())
                .find_map(inside)
        })
}

/// Where a file written at `path` lands: the path made absolute, every part that exists
/// resolved as the system resolves it (symbolic links followed, `..` taken from the real
/// folder), and the rest, which does not exist yet, normalised as written (`.` dropped,
/// `..` removing the part before it, as creating the folders would). A symbolic link
/// that leads nowhere is followed as written too, since writing through it creates its
/// target. `None` past 40 links (a loop).
pub(crate) fn resolve_path(path: &std::path::Path) -> Option<std::path::PathBuf> {
    use std::collections::VecDeque;
    use std::path::{Component, PathBuf};
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut todo: VecDeque<std::ffi::OsString> = VecDeque::new();
    let mut resolved = PathBuf::new();
    let push_all = |todo: &mut VecDeque<std::ffi::OsString>, p: &std::path::Path, front: bool| {
        let parts = p.components().map(|c| c.as_os_str().to_os_string());
        if front {
            for part in parts.collect::<Vec<_>>().into_iter().rev() {
                todo.push_front(part);
            }
        } else {
            todo.extend(parts);
        }
    };
    push_all(&mut todo, &absolute, false);
    let mut links = 0;
    while let Some(part) = todo.pop_front() {
        match std::path::Path::new(&part).components().next() {
            Some(Component::Prefix(_) | Component::RootDir) => resolved.push(&part),
            Some(Component::CurDir) | None => {}
            Some(Component::ParentDir) => {
                resolved.pop();
            }
            Some(Component::Normal(name)) => {
                let candidate = resolved.join(name);
                match std::fs::symlink_metadata(&candidate) {
                    Ok(meta) if meta.file_type().is_symlink() => {
                        links += 1;
                        if links > 40 {
                            return None;
                        }
                        let target = std::fs::read_link(&candidate).ok()?;
                        // The link's target takes its place, read from its folder.
                        push_all(&mut todo, &target, true);
                    }
                    _ => resolved = candidate,
                }
            }
        }
    }
    Some(resolved)
}
