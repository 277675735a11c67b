//! Comparing two commits' trees cheaply: which record files differ, with their old and
//! new blobs. Shared by the sign-off provenance pass and the change log.

use git2::{ObjectType, Oid, Repository};

/// A record file two trees disagree on: its path, the old blob and the new one (`None`
/// where the file is missing).
pub(crate) type Changed = (String, Option<Oid>, Option<Oid>);

/// One entry of a folder: name, id, and whether it is a folder.
pub(crate) type Entry = (String, Oid, bool);

/// Compares versions of folders by their ids, reading the listing of a folder only when
/// two versions of it differ (libgit2's own tree diff reads every subfolder).
pub(crate) struct TreeDiffer<'r> {
    repo: &'r Repository,
}

impl<'r> TreeDiffer<'r> {
    pub(crate) fn new(repo: &'r Repository) -> Self {
        TreeDiffer { repo }
    }

    /// The record files that differ between two commits' trees (`clients/` and
    /// `internal/` only), in path order.
    pub(crate) fn commits(
        &self,
        old: Option<Oid>,
        new: Option<Oid>,
    ) -> Result<Vec<Changed>, super::GitError> {
        let mut out = Vec::new();
        if old == new {
            return Ok(out);
        }
        let (old_root, new_root) = (self.listing(old)?, self.listing(new)?);
        for top in ["clients", "internal"] {
            self.diff(
                folder(&old_root, top),
                folder(&new_root, top),
                top,
                &mut out,
            )?;
        }
        Ok(out)
    }
}

/// The id of folder `name` in a listing.
pub(crate) fn folder(listing: &[Entry], name: &str) -> Option<Oid> {
    listing.iter().find(|e| e.0 == name && e.2).map(|e| e.1)
}

impl TreeDiffer<'_> {
    /// A folder's entries, sorted by name.
    pub(crate) fn listing(&self, tree: Option<Oid>) -> Result<Vec<Entry>, super::GitError> {
        let Some(id) = tree else {
            return Ok(Vec::new());
        };
        let t = self.repo.find_tree(id)?;
        let mut v: Vec<Entry> = t
            .iter()
            .filter_map(|e| {
                let name = e.name().ok()?.to_string();
                Some((name, e.id(), e.kind() == Some(ObjectType::Tree)))
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(v)
    }

    /// The `.md` files that differ between two versions of a folder: `(path, old blob,
    /// new blob)`, a blob `None` where the file is missing. Equal subfolders are not read, so a
    /// commit costs what it changed, not the size of the tree.
    pub(crate) fn diff(
        &self,
        old: Option<Oid>,
        new: Option<Oid>,
        prefix: &str,
        out: &mut Vec<Changed>,
    ) -> Result<(), super::GitError> {
        if old == new {
            return Ok(());
        }
        let (olds, news) = (self.listing(old)?, self.listing(new)?);
        let (mut i, mut j) = (0, 0);
        while i < olds.len() || j < news.len() {
            let order = match (olds.get(i), news.get(j)) {
                (Some(o), Some(n)) => o.0.cmp(&n.0),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            let (o, n) = match order {
                std::cmp::Ordering::Less => (olds.get(i), None),
                std::cmp::Ordering::Greater => (None, news.get(j)),
                std::cmp::Ordering::Equal => (olds.get(i), news.get(j)),
            };
            if o.is_some() {
                i += 1;
            }
            if n.is_some() {
                j += 1;
            }
            if let (Some(o), Some(n)) = (o, n)
                && o.1 == n.1
                && o.2 == n.2
            {
                continue;
            }
            let name = o.or(n).map_or("", |e| e.0.as_str());
            let path = format!("{prefix}/{name}");
            let folder = |e: Option<&Entry>| e.filter(|e| e.2).map(|e| e.1);
            let (of, nf) = (folder(o), folder(n));
            if of.is_some() || nf.is_some() {
                self.diff(of, nf, &path, out)?;
            }
            if name.ends_with(".md") {
                let blob = |e: Option<&Entry>| e.filter(|e| !e.2).map(|e| e.1);
                let (ob, nb) = (blob(o), blob(n));
                if ob != nb {
                    out.push((path, ob, nb));
                }
            }
        }
        Ok(())
    }
}
