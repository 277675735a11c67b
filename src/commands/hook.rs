//! `docket hook install`: a git pre-commit hook that runs `docket check` on the workspace,
//! so that a commit with errors in the records is refused. It never replaces a hook that
//! exists: it says how to add the line to it instead.

use std::path::{Path, PathBuf};

use crate::cli::HookArgs;
use crate::error::Error;

/// The hook's text: `docket` from PATH, else the binary that installed it, on the
/// workspace at `workspace` (relative to the repository's top).
pub(super) fn script(workspace: &str, fallback: &Path) -> String {
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

pub(super) fn install(args: &HookArgs) -> Result<i32, Error> {
    let ws = &args.workspace;
    let Some((repo, folder)) = super::repository_folder(ws) else {
        eprintln!(
            "docket hook: nothing written: {} is not in a git repository with a working tree",
            ws.display()
        );
        return Ok(1);
    };
    if repo.workdir().is_none() {
        return Ok(1);
    }
    let workspace = match folder.trim_end_matches('/') {
        "" => ".".to_string(),
        f => f.to_string(),
    };
    // core.hooksPath, when set, is where git looks (relative to the top of the tree).
    let hooks: PathBuf = repo.hooks_dir();
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
    std::fs::create_dir_all(&hooks).map_err(Error::write(&hooks))?;
    crate::edit::write_new(&hook, &text).map_err(Error::write(&hook))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))
            .map_err(Error::io(&hook))?;
    }
    println!(
        "installed {}: every commit runs `docket check {workspace}` first",
        hook.display()
    );
    Ok(0)
}
