//! Rule D090 `cross-client-mention`.

use rayon::prelude::*;

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::link::markers::{Finder, markers};
use crate::load::cache::key;
use crate::source::{FileId, Span};

crate::declare_rule! {
/// A client's record names another client.
///
/// Never mention client B in front of client A. Anything in `clients/A/` can end up in A's
/// reports and portal, so B's name or aliases (matched case-insensitively on word
/// boundaries; anywhere for CJK text), B's contacts' names, ids or emails,
/// and B's work order and invoice numbers are errors wherever they appear, front matter or
/// body. Records under `internal/` may name anyone.
///
/// Names are matched as people write them: across line breaks and runs of spaces, tabs or
/// no-break spaces, in full-width letters, in any case, with zero-width characters or soft
/// hyphens pasted in, and through HTML character references (`Tom&nbsp;Ashby`).
///
/// ```markdown
/// Like the Marlowe Outdoor launch, we will use a pop-up store.
/// ```
///
/// Fix: remove the mention, or move the remark to an internal meeting under `internal/`.
    pub const RULE = ("D090", "cross-client-mention", Error);
}

pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    let Some(finder) = Finder::new(markers(ws)) else {
        return;
    };
    let mut files: Vec<(usize, FileId)> = ws
        .records
        .iter()
        .filter_map(|r| r.client.map(|c| (c, r.file)))
        .collect();
    files.extend(
        ws.clients
            .iter()
            .enumerate()
            .filter_map(|(ci, c)| c.file.map(|f| (ci, f))),
    );
    // Where each file names a marker, kept between runs by the file's text and the
    // markers' fingerprint (`load::cache`): a check after one edit scans one file.
    let store = ws.store("mentions-v1", "mentions");
    let found: Vec<Diagnostic> = files
        .par_iter()
        .flat_map_iter(|&(ci, file)| {
            let source = ws.sources.get(file);
            let text = &source.text;
            let key = key(&[&finder.fingerprint, &source.hash()]);
            let places = store
                .get(&key, |b| postcard::from_bytes::<Vec<(usize, usize, usize)>>(b).ok())
                .unwrap_or_else(|| {
                    let places = finder.places(text);
                    if let Ok(bytes) = postcard::to_stdvec(&places) {
                        store.put(key, bytes);
                    }
                    places
                });
            // Matches come in the order of their ends, and those kept do not overlap:
            // one overlaps a kept match exactly when it starts before the last one ends.
            let mut kept_end = 0;
            let mut out = Vec::new();
            let found = places
                .into_iter()
                .filter(|&(s, e, _)| s <= e && text.is_char_boundary(s) && text.is_char_boundary(e))
                .filter_map(|(s, e, p)| finder.found_at(s, e, p));
            for found in found {
                let (s, e) = (found.start, found.end);
                let Some(m) = found.of_another(Some(ci)) else {
                    continue;
                };
                if s < kept_end {
                    continue;
                }
                kept_end = e;
                out.push(
                    Diagnostic::new(
                        &RULE,
                        Span::new(file, s, e),
                        format!("this names another client: `{}` is {} of {}", &text[s..e], m.what, ws.clients[m.client].name()),
                    )
                    .help("never mention one client in another's records; move the remark to an internal meeting under internal/"),
                );
            }
            out
        })
        .collect();
    store.save();
    cx.diags.extend(found);
}
