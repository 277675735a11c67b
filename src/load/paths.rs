//! Where paths lead: the workspace a file belongs to, where a written file lands, and
//! which folders may not receive output.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The workspace a file belongs to: the nearest folder above it with a `docket.yaml`.
/// Returns the workspace root and the file's path relative to it, with `/`.
pub(crate) fn workspace_of(file: &Path) -> Result<(PathBuf, String), Error> {
    let abs = std::path::absolute(file).map_err(|source| Error::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let mut dir = abs.parent();
    while let Some(d) = dir {
        if d.join("docket.yaml").is_file() {
            let rel = abs
                .strip_prefix(d)
                .map(|r| {
                    r.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/")
                })
                .unwrap_or_default();
            return Ok((d.to_path_buf(), rel));
        }
        dir = d.parent();
    }
    Err(Error::NoWorkspaceAbove(file.to_path_buf()))
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
