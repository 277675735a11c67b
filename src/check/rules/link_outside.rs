//! Rule D092 `link-outside`.

use crate::check::Context;
use crate::check::rules::{broken_link, symlink_skipped};
use crate::diag::Diagnostic;
use crate::link::{Record, Workspace};
use crate::source::Span;

crate::declare_rule! {
/// A link or attachment points outside the record's own client folder, or is absolute.
///
/// Relative links in bodies and `attachments` must stay inside `clients/<client>/` (or
/// `internal/` for internal records): a portal copies linked files, and a link that leaves
/// the folder could publish another client's or a private file.
///
/// ```markdown
/// See the [brief](../../marlowe-outdoor/files/brief.pdf).
/// ```
///
/// Fix: copy the file into this client's `files/` and link to it there.
    pub const RULE = ("D092", "link-outside", Error);
}

/// Where a relative link leads, as a workspace path; `Err` says why it may not be followed.
pub(crate) fn resolve(record_path: &str, dest: &str) -> Result<Option<String>, &'static str> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') {
        return Ok(None);
    }
    // A scheme (`https:`, `mailto:`) makes it an external link.
    if let Some(colon) = dest.find(':') {
        let scheme = &dest[..colon];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && colon > 1
        {
            return Ok(None);
        }
    }
    if dest.starts_with('/')
        || dest.starts_with('\\')
        || dest.starts_with("//")
        || dest.get(1..2) == Some(":")
    {
        return Err("absolute");
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let path = crate::uri::percent_decode(path);
    let mut parts: Vec<&str> = record_path.split('/').collect();
    parts.pop();
    for seg in path.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("outside");
                }
            }
            s => parts.push(s),
        }
    }
    Ok(Some(parts.join("/")))
}

/// The folder a record's links must stay in.
pub(crate) fn home(ws: &Workspace, record: &Record) -> String {
    match ws.client_of(record) {
        Some(c) => format!("clients/{}/", c.id),
        None => "internal/".to_string(),
    }
}

/// Reports links and attachments that leave the record's folder (this rule) or point to
/// nothing (`broken-link`).
pub(crate) fn check(cx: &mut Context) {
    let ws = cx.ws;
    for record in &ws.records {
        let path = ws.path(record.file);
        let home = home(ws, record);
        let mut targets: Vec<(&str, Span, &str)> = record
            .parsed
            .body
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.span, "link"))
            .collect();
        if let Some(o) = record.order() {
            targets.extend(
                o.attachments
                    .iter()
                    .map(|a| (a.value.as_str(), a.span, "attachment")),
            );
        }
        for (dest, span, what) in targets {
            match resolve(path, dest) {
                Ok(None) => {}
                Ok(Some(target)) if target.starts_with(&home) => {
                    if let Some(link) = through_link(ws, &target) {
                        let how = match link == target {
                            true => "is",
                            false => "passes through",
                        };
                        cx.report(
                            Diagnostic::new(
                                &symlink_skipped::RULE,
                                span,
                                format!(
                                    "the {what} `{dest}` {how} the symbolic link `{link}`; it is not followed, and the file is not published"
                                ),
                            )
                            .help(format!("copy the file into `{home}files/` instead of linking to it")),
                        );
                    } else if !ws.files.contains(&target) {
                        cx.report(
                            Diagnostic::new(
                                &broken_link::RULE,
                                span,
                                format!("the {what} `{dest}` points to a file that does not exist"),
                            )
                            .help(format!(
                                "correct the path (relative to this record), or add `{target}`"
                            )),
                        );
                    }
                }
                Ok(Some(_)) | Err("outside") => cx.report(
                    Diagnostic::new(&RULE, span, format!("the {what} `{dest}` leaves `{home}`"))
                        .help(format!(
                            "copy the file into `{home}files/` and link to it there"
                        )),
                ),
                Err(_) => cx.report(
                    Diagnostic::new(
                        &RULE,
                        span,
                        format!("the {what} `{dest}` is an absolute path"),
                    )
                    .help("link relative to this record, like `../files/brief.pdf`"),
                ),
            }
        }
    }
}

/// The symbolic link `target` is or passes through (a linked folder on its way), if any.
fn through_link<'w>(ws: &'w Workspace, target: &str) -> Option<&'w str> {
    let mut end = target.len();
    loop {
        if let Some(link) = ws.links.get(&target[..end]) {
            return Some(link);
        }
        end = target[..end].rfind('/')?;
    }
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn resolves_relative_links() {
        let r = "clients/a/minutes/2026-11-09-x.md";
        assert_eq!(
            resolve(r, "../files/b%20c.pdf#p2"),
            Ok(Some("clients/a/files/b c.pdf".into()))
        );
        assert_eq!(resolve(r, "https://example.com/x"), Ok(None));
        assert_eq!(resolve(r, "mailto:x@y.z"), Ok(None));
        assert_eq!(resolve(r, "#top"), Ok(None));
        assert_eq!(resolve(r, "/etc/passwd"), Err("absolute"));
        assert_eq!(resolve(r, "C:/x"), Err("absolute"));
        assert_eq!(resolve(r, "../../../../../x"), Err("outside"));
        assert_eq!(
            resolve(r, "../../b/files/x.pdf"),
            Ok(Some("clients/b/files/x.pdf".into()))
        );
    }
}
