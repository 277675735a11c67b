//! `docket hook install`: a git pre-commit hook that runs `docket check` on the workspace,
//! so that a commit with errors in the records is refused. It never replaces a hook that
//! exists: it says how to add the line to it instead.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::cli::HookArgs;

fn git_error(path: &Path, e: git2::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.message().to_string()),
    }
}

/// The hook's text: `docket` from PATH, else the binary that installed it, on the
/// workspace at `workspace` (relative to the repository's top).
pub fn script(workspace: &str, fallback: &Path) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    format!(
        "#!/bin/sh\n\
         # docket: check the records before every commit (written by `docket hook install`).\n\
         # A commit whose workspace has errors is refused; warnings are shown and let through.\n\
         # To commit anyway, once: git commit --no-verify\n\
         docket=$(command -v docket || echo {fallback})\n\
         exec \"$docket\" check {workspace}\n",
        fallback = quote(&fallback.to_string_lossy()),
        workspace = quote(workspace),
    )
}

pub fn install(args: &HookArgs) -> Result<i32, Error> {
    let ws = &args.workspace;
    let repo = git2::Repository::discover(ws).map_err(|e| git_error(ws, e))?;
    let Some(top) = repo.workdir().map(Path::to_path_buf) else {
        eprintln!(
            "docket hook: nothing written: {} is in a bare repository",
            ws.display()
        );
        return Ok(1);
    };
    let rel = match (ws.canonicalize(), top.canonicalize()) {
        (Ok(w), Ok(t)) => w
            .strip_prefix(&t)
            .map(|r| r.to_string_lossy().into_owned())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let workspace = if rel.is_empty() { ".".to_string() } else { rel };
    // core.hooksPath, when set, is where git looks (relative to the top of the tree).
    let hooks: PathBuf = match repo.config().and_then(|c| c.get_path("core.hooksPath")) {
        Ok(p) if p.is_absolute() => p,
        Ok(p) => top.join(p),
        Err(_) => repo.path().join("hooks"),
    };
    let hook = hooks.join("pre-commit");
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("docket"));
    let text = script(&workspace, &exe);
    if hook.exists() || hook.is_symlink() {
        eprintln!(
            "docket hook: nothing written: {} exists; add this line to it:\n  docket check {}",
            hook.display(),
            workspace
        );
        return Ok(1);
    }
    std::fs::create_dir_all(&hooks).map_err(|source| Error::Io {
        path: hooks.clone(),
        source,
    })?;
    crate::signoff::write::write_new(&hook, &text).map_err(|source| Error::Io {
        path: hook.clone(),
        source,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).map_err(
            |source| Error::Io {
                path: hook.clone(),
                source,
            },
        )?;
    }
    println!(
        "installed {}: every commit runs `docket check {workspace}` first",
        hook.display()
    );
    Ok(0)
}
