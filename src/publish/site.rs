//! Writing a built site: the internal pages and the cleared portals, into a temporary
//! folder beside the output, swapped in only when every file is written, so the output
//! folder always holds a whole site, the old one or the new one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Cleared;
use crate::error::Error;
use crate::render::site::Content;

/// The file that marks a folder as docket's output. A folder that exists, is not empty
/// and lacks it is not replaced: it holds something else.
pub(crate) const MARKER: &str = ".docket-site";

/// Why `out` may not be replaced by a built site, if it may not.
pub(crate) fn refuse(root: &Path, out: &Path) -> Option<String> {
    if let Some(why) = crate::load::paths::records_folder(root, out) {
        return Some(format!("it is {why}"));
    }
    let (root_c, out_c) = (
        crate::load::paths::resolve_path(root).unwrap_or_else(|| root.to_path_buf()),
        crate::load::paths::resolve_path(out).unwrap_or_else(|| out.to_path_buf()),
    );
    if root_c.starts_with(&out_c) {
        return Some("it holds the workspace".to_string());
    }
    match std::fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() && !out.join(MARKER).is_file() {
                Some(
                    "it already holds files that docket did not build; give a new or empty \
                     folder"
                        .to_string(),
                )
            } else {
                None
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            Some("it is a file, not a folder".to_string())
        }
        Err(e) => Some(format!("it cannot be read ({e})")),
    }
}

/// Writes the internal site `internal` and the portals (each under its folder, cleared
/// by the leak scan) as the folder `out`, replacing what was there only once it is
/// complete.
pub(crate) fn write(
    internal: &BTreeMap<String, Content>,
    portals: &[(String, Cleared)],
    out: &Path,
) -> Result<(), Error> {
    let mut files: Vec<(String, &Content)> = internal.iter().map(|(p, c)| (p.clone(), c)).collect();
    for (prefix, portal) in portals {
        files.extend(
            portal
                .files()
                .iter()
                .map(|(p, c)| (format!("{prefix}{p}"), c)),
        );
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(Error::write(&parent))?;
    let name = out
        .file_name()
        .map_or("site".into(), |n| n.to_string_lossy().into_owned());
    // Builds into one folder take turns from here to the swap, on a lock of the folder
    // that holds the output (no lock file is left); whatever staging folder is left beside
    // it now was left by a build that was killed, and goes.
    let _turn = crate::edit::lock_folder(&parent).map_err(Error::io(&parent))?;
    sweep(&parent, &name);
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(Error::write(&parent))?;
    let base = staging.path();
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|(p, _)| Path::new(p).parent().map(|d| base.join(d)))
        .collect();
    folders.sort();
    folders.dedup();
    let spare = spare_in(&parent, &name);
    if let Some(kept) = take_spare(&spare, base) {
        prune(base, &folders, &kept).map_err(Error::write(base))?;
    }
    for dir in &folders {
        std::fs::create_dir_all(dir).map_err(Error::write(dir))?;
    }
    // The site being replaced, when it is docket's: its files that hold what is to be
    // written are linked, not written again.
    let previous = std::fs::symlink_metadata(out)
        .is_ok_and(|m| m.is_dir())
        .then(|| std::fs::symlink_metadata(out.join(MARKER)).ok())
        .flatten()
        .filter(|m| m.is_file())
        .map(|marker| (out, marker));
    crate::progress::stage("writing", files.len());
    files
        .par_iter()
        .try_for_each(|(path, content)| -> Result<(), Error> {
            crate::progress::step();
            let target = base.join(path);
            let bytes = match content {
                Content::Text(text) => text.as_bytes(),
                Content::Bytes(bytes) => bytes.as_slice(),
                Content::Copy(source) => return copy(source, &target),
            };
            if previous
                .as_ref()
                .is_some_and(|(p, marker)| reuse(p, marker, path, bytes, &target))
            {
                return Ok(());
            }
            std::fs::write(&target, bytes).map_err(Error::write(&target))
        })?;
    let marker = base.join(MARKER);
    std::fs::write(
        &marker,
        "This folder is built by `docket build` and replaced by it.\n",
    )
    .map_err(Error::write(&marker))?;
    // The staging folder gets the permissions of a folder made the usual way.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&parent).map_or(0o755, |m| m.permissions().mode() & 0o777);
        std::fs::set_permissions(base, std::fs::Permissions::from_mode(mode | 0o700))
            .map_err(Error::write(base))?;
    }
    let staged = staging.keep();
    swap(&staged, out, &spare)
}

/// Where the previous site's folders are kept, emptied of their files, for the next
/// build to fill (`.NAME.spare` beside the output). Making thousands of folders just
/// after thousands were removed is, on ext4, slower than rendering the pages they hold
/// (each new folder's inode is searched for past the recently freed ones), so a rebuild
/// reuses them.
fn spare_in(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.spare"))
}

/// Moves the spare folder tree into the empty staging folder `base`, when it is one docket
/// left: folders only, each a real folder (no link), owned by this user. Returns the
/// folders it holds (below `base`), or nothing when there is no such spare (then any
/// spare there is goes, and the build makes its folders afresh).
fn take_spare(spare: &Path, base: &Path) -> Option<Vec<PathBuf>> {
    std::fs::symlink_metadata(spare).ok()?;
    let kept = folders_only(spare);
    let moved = kept.is_some() && std::fs::rename(spare, base).is_ok();
    if !moved {
        let _ = std::fs::remove_dir_all(spare);
        return None;
    }
    kept.map(|dirs| {
        dirs.into_iter()
            .map(|d| base.join(d.strip_prefix(spare).unwrap_or(&d)))
            .collect()
    })
}

/// Every folder below `root` (not `root` itself), when `root` holds folders only, none a
/// link, all owned by the owner of `root`.
fn folders_only(root: &Path) -> Option<Vec<PathBuf>> {
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt;
    let top = std::fs::symlink_metadata(root).ok()?;
    if !top.is_dir() {
        return None;
    }
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(root).follow_links(false).min_depth(1) {
        let entry = entry.ok()?;
        let meta = entry.metadata().ok()?;
        #[cfg(unix)]
        let owned = meta.uid() == top.uid();
        #[cfg(not(unix))]
        let owned = true;
        if !meta.is_dir() || !owned {
            return None;
        }
        dirs.push(entry.into_path());
    }
    Some(dirs)
}

/// Removes the kept folders the new site does not use (deepest first, each empty), and
/// gives the ones it uses the permissions a folder made now gets.
fn prune(base: &Path, folders: &[PathBuf], kept: &[PathBuf]) -> std::io::Result<()> {
    let used: std::collections::HashSet<&Path> = folders
        .iter()
        .flat_map(|d| d.ancestors().take_while(|a| *a != base))
        .collect();
    #[cfg(unix)]
    let fresh = {
        use std::os::unix::fs::PermissionsExt;
        let probe = tempfile::Builder::new().tempdir_in(base)?;
        let _ = std::fs::remove_dir(probe.path());
        std::fs::create_dir(probe.path())?;
        let mode = std::fs::metadata(probe.path())?.permissions().mode();
        probe.close()?;
        mode
    };
    for dir in kept.iter().rev() {
        if !used.contains(dir.as_path()) {
            std::fs::remove_dir(dir)?;
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if std::fs::metadata(dir)?.permissions().mode() != fresh {
                std::fs::set_permissions(dir, std::fs::Permissions::from_mode(fresh))?;
            }
        }
    }
    Ok(())
}

/// Empties the replaced site `old` of everything but its folders and keeps those as the
/// spare for the next build; where that fails, removes it.
fn keep_folders(old: &Path, spare: &Path) {
    let emptied = walkdir::WalkDir::new(old)
        .follow_links(false)
        .into_iter()
        .all(|entry| match entry {
            Ok(e) if e.file_type().is_dir() => true,
            Ok(e) => std::fs::remove_file(e.path()).is_ok(),
            Err(_) => false,
        });
    let _ = std::fs::remove_dir_all(spare);
    if !emptied || std::fs::rename(old, spare).is_err() {
        discard(old);
        return;
    }
    // Its folders' names are the site's (client ids among them): only this user may
    // look in, wherever the output's folder is served from.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if std::fs::set_permissions(spare, std::fs::Permissions::from_mode(0o700)).is_err() {
            let _ = std::fs::remove_dir_all(spare);
        }
    }
}

/// Puts at `target` a hard link to the previous site's file `path` when that file holds
/// exactly `bytes`, instead of writing them: a site built again with few changes then
/// makes few new files, and removing the old site frees few. (On ext4, making thousands of
/// files just after thousands were removed costs several times the build: each new inode
/// is searched for past the recently freed ones.) Only a regular file reached without
/// following a link, with no other name, and the owner and mode of the old site's
/// `.docket-site` (`marker`, written as every file is) is linked, and only after its
/// bytes were read and compared; anything else is written as usual. Linux only
/// (the link is made from the open file, through `/proc/self/fd`, so what was compared is
/// what is linked).
#[cfg(target_os = "linux")]
fn reuse(
    previous: &Path,
    marker: &std::fs::Metadata,
    path: &str,
    bytes: &[u8],
    target: &Path,
) -> bool {
    use std::io::Read;
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(mut file) = crate::load::open_in(previous, Path::new(path)) else {
        return false;
    };
    let (Ok(meta), Some(parent)) = (file.metadata(), target.parent()) else {
        return false;
    };
    let ours = std::fs::metadata(parent).is_ok_and(|p| p.uid() == meta.uid());
    let as_written = meta.mode() == marker.mode() && meta.uid() == marker.uid();
    if !ours || !as_written || meta.nlink() != 1 || meta.len() != bytes.len() as u64 {
        return false;
    }
    let mut buf = [0u8; 16 * 1024];
    let mut at = 0;
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) if bytes.get(at..at + n) == Some(&buf[..n]) => at += n,
            _ => return false,
        }
    }
    if at != bytes.len() {
        return false;
    }
    let fd = format!("/proc/self/fd/{}", file.as_raw_fd());
    use rustix::fs::{AtFlags, CWD, linkat};
    linkat(CWD, fd.as_str(), CWD, target, AtFlags::SYMLINK_FOLLOW).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn reuse(_: &Path, _: &std::fs::Metadata, _: &str, _: &[u8], _: &Path) -> bool {
    false
}

/// Copies an attachment; a failure names the file that could not be read or written.
fn copy(source: &Path, target: &Path) -> Result<(), Error> {
    let mut from = open_no_link(source).map_err(Error::io(source))?;
    let mut to = std::fs::File::create(target).map_err(Error::write(target))?;
    match std::io::copy(&mut from, &mut to) {
        Ok(_) => Ok(()),
        // Which side failed: a read error shows again on a fresh read of the source.
        Err(e) => match open_no_link(source)
            .and_then(|mut f| std::io::copy(&mut f, &mut std::io::sink()))
        {
            Err(read) => Err(Error::io(source)(read)),
            Ok(_) => Err(Error::write(target)(e)),
        },
    }
}

/// Opens an attachment for reading, refusing it if it has become a symbolic link since
/// rendering checked every folder on its way (`site::attachment_at`).
fn open_no_link(source: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options.open(source)
}

/// Removes the staging folders of `name` in `parent` (`.NAME.new-*`), which only a killed
/// build leaves behind once the caller holds the output's lock. A folder that cannot be
/// removed is left; it is never part of the site.
fn sweep(parent: &Path, name: &str) {
    let prefix = format!(".{name}.new-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(&prefix))
            && entry.file_type().is_ok_and(|t| t.is_dir());
        if stale {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Puts the folder `new` at `out`. Where the system can exchange two paths in one step
/// (Linux), the old site is never absent; elsewhere it is moved aside first.
fn swap(new: &Path, out: &Path, spare: &Path) -> Result<(), Error> {
    if !out.exists() {
        return std::fs::rename(new, out).map_err(Error::write(out));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // `new` now holds the old site.
            keep_folders(new, spare);
            return Ok(());
        }
    }
    let old = new.with_extension("old");
    std::fs::rename(out, &old).map_err(Error::write(out))?;
    std::fs::rename(new, out).map_err(Error::write(out))?;
    keep_folders(&old, spare);
    Ok(())
}

/// Removes the previous site once the new one is in place. The build has succeeded by
/// then, so a failure is only reported; the next build clears what is left.
fn discard(old: &Path) {
    if let Err(e) = std::fs::remove_dir_all(old) {
        eprintln!(
            "docket build: the previous site could not be removed from {}: {e}",
            old.display()
        );
    }
}
