//! The static site, rendered into memory: the internal site (dashboards, a page per
//! record, exports) and one portal per client with `portal: true`.
//!
//! - [`internal`]: pages for the agency, from the whole workspace.
//! - [`portal`]: pages for one client, from its [`ClientScope`] alone.
//! - [`exports`]: CSV files for finance and `.ics` calendars.
//!
//! Rendering writes nothing: each portal is a sealed [`ForClient`]; `commands::build`
//! has the leak scan clear each (`publish::scan`) and `publish::site` writes the whole
//! site atomically.

pub(crate) mod exports;
pub(crate) mod internal;
pub(crate) mod portal;

use std::collections::BTreeMap;
use std::path::PathBuf;

use minijinja::Environment;
use rayon::prelude::*;

use crate::error::Error;
use crate::link::Workspace;
use crate::render::client::ForClient;
use crate::view::client::ClientScope;

/// The Content-Security-Policy of every page: no script, no frame, no form; styles,
/// images and fonts from the site itself only.
pub(crate) const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
                       base-uri 'none'; form-action 'none'";

/// One output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Content {
    Text(String),
    /// A file copied as it is (an attachment), from this path.
    Copy(PathBuf),
    /// A file's bytes as a commit has them (an attachment, with `--at`).
    Bytes(Vec<u8>),
}

/// The attachment at workspace path `path`: copied from the disk, or read from the commit
/// the workspace was read from.
pub(crate) fn attachment(ws: &Workspace, path: &str) -> Result<Content, Error> {
    attachment_at(ws.at.as_deref(), &ws.root.join(path), path)
}

/// The attachment at workspace path `path` (on disk at `disk`), from commit `at` if given.
pub(crate) fn attachment_at(
    at: Option<&crate::git::snapshot::Snapshot>,
    disk: &std::path::Path,
    path: &str,
) -> Result<Content, Error> {
    match at {
        None => {
            // The walk saw a regular file here; one replaced by a symbolic link since, or
            // under a folder replaced by one, is refused rather than followed.
            match crate::load::open_workspace_file(disk, path) {
                Ok(_) => Ok(Content::Copy(disk.to_path_buf())),
                Err(crate::load::Refused::Link(link)) => Err(Error::Io {
                    path: disk.to_path_buf(),
                    source: std::io::Error::other(format!(
                        "`{link}` is a symbolic link; docket does not follow it"
                    )),
                }),
                Err(crate::load::Refused::Io(source)) => Err(Error::Io {
                    path: disk.to_path_buf(),
                    source,
                }),
            }
        }
        Some(snapshot) => snapshot
            .bytes(path)
            .map(Content::Bytes)
            .map_err(Error::io(disk)),
    }
}

/// Extensions a browser runs as a document of its own, with script: HTML, XHTML, SVG,
/// XML and XSLT (an XML file can carry XHTML or style itself into HTML), MHTML, feeds.
const ACTIVE: &[&str] = &[
    "htm", "html", "shtml", "xht", "xhtml", "svg", "svgz", "xml", "xsl", "xslt", "mht", "mhtml",
    "rss", "atom", "rdf",
];

/// Extensions a browser shows or downloads without running anything of the file: what
/// an agency attaches (documents, images, sheets, archives, media, plain text).
const PASSIVE: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "tif", "tiff", "heic", "txt",
    "csv", "tsv", "md", "json", "rtf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods",
    "odp", "key", "pages", "numbers", "zip", "7z", "rar", "gz", "tgz", "tar", "mp3", "m4a", "wav",
    "ogg", "mp4", "m4v", "mov", "webm", "psd", "ai", "eps", "indd", "sketch", "fig", "ttf", "otf",
    "woff", "woff2",
];

/// Whether a browser could run the attachment at `path` as active content: by its
/// extension, or, when the extension is not a known passive one, by its first bytes
/// (`head`, read only then): markup (`<` first, after a byte-order mark and white space)
/// or UTF-16 text, which a browser may sniff into HTML.
pub(crate) fn is_active(path: &str, head: impl FnOnce() -> Vec<u8>) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if ACTIVE.contains(&extension.as_str()) {
        return true;
    }
    if PASSIVE.contains(&extension.as_str()) {
        return false;
    }
    let head = head();
    if head.starts_with(&[0xFE, 0xFF]) || head.starts_with(&[0xFF, 0xFE]) {
        return true;
    }
    let text = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&head);
    text.iter()
        .find(|b| !b" \t\n\r\x0c".contains(b))
        .is_some_and(|b| *b == b'<')
}

/// The bytes a browser sniffs: the first 512 of the attachment at workspace path
/// `ws_path` (on disk at `disk`, or in commit `at`). One that cannot be read counts as
/// markup, so it is published as text.
fn head(
    at: Option<&crate::git::snapshot::Snapshot>,
    disk: &std::path::Path,
    ws_path: &str,
) -> Vec<u8> {
    use std::io::Read;
    let markup = || b"<".to_vec();
    match at {
        Some(snapshot) => snapshot.bytes(ws_path).map_or_else(
            |_| markup(),
            |mut b| {
                b.truncate(512);
                b
            },
        ),
        None => {
            let mut head = Vec::new();
            match crate::load::open_workspace_file(disk, ws_path) {
                Ok(file) if (&file).take(512).read_to_end(&mut head).is_ok() => head,
                _ => markup(),
            }
        }
    }
}

/// Where the attachment at workspace path `ws_path` (on disk at `disk`, or in commit
/// `at`) is published, as `site_path` names it under the site or portal: there, when a
/// browser shows it without running anything; else as plain text, `<site_path>.txt`
/// (`.txt` added again while another file of the workspace has that name), which a
/// browser never renders as a page, so no script of it runs, from a portal or the
/// internal site alike. The link to it carries the original name where it can.
pub(crate) fn published_path(
    at: Option<&crate::git::snapshot::Snapshot>,
    disk: &std::path::Path,
    ws_path: &str,
    site_path: &str,
    taken: &dyn Fn(&str) -> bool,
) -> String {
    if !is_active(site_path, || head(at, disk, ws_path)) {
        return site_path.to_string();
    }
    let mut published = format!("{site_path}.txt");
    while taken(&published) {
        published.push_str(".txt");
    }
    published
}

/// Files by path, as a part of the site renders them.
pub(crate) type Files = Vec<(String, Content)>;

/// Everything a build writes, by path under the output folder (with `/`).
#[derive(Debug, Default)]
pub(crate) struct Site {
    /// The internal site.
    pub files: BTreeMap<String, Content>,
    /// The portals, each sealed until the leak scan clears it.
    pub portals: Vec<Portal>,
}

/// One client's portal, as rendered.
#[derive(Debug)]
pub(crate) struct Portal {
    /// The folder it goes under (`portal/<id>/`, or empty when the site is one portal
    /// alone).
    pub prefix: String,
    pub files: ForClient,
}

/// What to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// The internal site and every portal.
    Whole,
    /// One client's portal alone, at the top of the output.
    Portal(usize),
}

impl Part {
    /// The portal of the client with id `id` (`--portal`).
    pub(crate) fn portal_of(ws: &Workspace, id: &str) -> Result<Part, Error> {
        let with_portal: Vec<&str> = ws
            .clients
            .iter()
            .filter(|c| c.info.as_ref().is_some_and(|i| i.portal))
            .map(|c| c.id.as_str())
            .collect();
        match ws.clients.iter().position(|c| c.id == id) {
            Some(i) if with_portal.contains(&id) => Ok(Part::Portal(i)),
            Some(_) => Err(Error::Usage(format!(
                "client `{id}` has no portal: set `portal: true` in its client.md"
            ))),
            None => Err(Error::Usage(format!(
                "there is no client `{id}` (clients with a portal: {})",
                if with_portal.is_empty() {
                    "none".to_string()
                } else {
                    with_portal.join(", ")
                }
            ))),
        }
    }
}

impl Site {
    fn add(&mut self, path: String, content: Content) {
        self.files.insert(path, content);
    }

    /// Adds `files` under `prefix`.
    fn extend(&mut self, prefix: &str, files: Files) {
        for (path, content) in files {
            self.add(format!("{prefix}{path}"), content);
        }
    }
}

/// Renders `part` of the site for the compiled workspace, as of its today.
pub(crate) fn render(compiled: &crate::compile::Compiled, part: Part) -> Result<Site, Error> {
    let (ws, today) = (&compiled.ws, compiled.today);
    let mut env = crate::render::environment_of(ws)?;
    env.add_global("csp", CSP);
    // `{{ root }}{{ record.file | page }}`: a record's page, as a URL from the site's root.
    env.add_filter("page", |file: String| url(&record_page_path(&file)));
    let mut site = Site::default();
    let portals: Vec<usize> = match part {
        Part::Whole => ws
            .clients
            .iter()
            .enumerate()
            .filter(|(_, c)| c.info.as_ref().is_some_and(|i| i.portal))
            .map(|(i, _)| i)
            .collect(),
        Part::Portal(ci) => vec![ci],
    };
    // Each client's view, built once: the internal site's calendar needs every client's,
    // a portal its own.
    let viewed: Vec<usize> = match part {
        Part::Whole => (0..ws.clients.len()).collect(),
        Part::Portal(ci) => vec![ci],
    };
    let scopes: Vec<ClientScope> = viewed
        .par_iter()
        .map(|&ci| ClientScope::build(ws, ci, today))
        .collect();
    if part == Part::Whole {
        site.extend(
            "",
            internal::render(ws, &compiled.provenance, &env, today, &scopes)?,
        );
    }
    let rendered: Vec<(usize, Files)> = portals
        .par_iter()
        .map(|&ci| {
            let scope = match part {
                Part::Whole => &scopes[ci],
                Part::Portal(_) => &scopes[0],
            };
            portal::render(scope, &env, today).map(|files| (ci, files))
        })
        .collect::<Result<_, _>>()?;
    for (ci, files) in rendered {
        let prefix = match part {
            Part::Whole => format!("portal/{}/", ws.clients[ci].id),
            Part::Portal(_) => String::new(),
        };
        site.portals.push(Portal {
            prefix,
            files: ForClient::new(ci, files),
        });
    }
    Ok(site)
}

/// A record's page: its path with `.html` for `.md`.
pub(crate) fn page_of(path: &str) -> String {
    match path.strip_suffix(".md") {
        Some(stem) => format!("{stem}.html"),
        None => format!("{path}.html"),
    }
}

/// Where a record's page is: `client.md` is shown by its client's dashboard.
pub(crate) fn record_page_path(path: &str) -> String {
    match path.strip_suffix("/client.md") {
        Some(folder) => format!("{folder}/index.html"),
        None => page_of(path),
    }
}

/// `path` as a URL path: what would end or confuse it is percent-encoded (space, `#`,
/// `?`, `%`, quotes, angle brackets, backslash, control characters); other characters,
/// Unicode included, are kept as they are.
pub(crate) fn url(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_control() || " #?%\"'<>\\`{}|^[]".contains(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `../` for each folder above `path` (a page's path under its site root).
pub(crate) fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// What every site root holds besides pages: the stylesheet and the icon.
fn assets(env: &Environment<'_>) -> Result<Files, Error> {
    ["style.css", "favicon.svg"]
        .into_iter()
        .map(|name| {
            let text = crate::render::render(env, &format!("site/{name}"), ())?;
            Ok((name.to_string(), Content::Text(text)))
        })
        .collect()
}

/// Renders page template `name` with `context`.
fn page<S: serde::Serialize>(
    env: &Environment<'_>,
    name: &str,
    context: S,
) -> Result<Content, Error> {
    crate::render::render(env, name, context).map(Content::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_a_browser_would_run_are_known_by_extension_or_first_bytes() {
        use super::is_active;
        let never = || -> Vec<u8> { panic!("read for a known extension") };
        for active in [
            "files/a.html",
            "files/A.HTM",
            "x.svg",
            "x.xml",
            "x.xsl",
            "x.mhtml",
        ] {
            assert!(is_active(active, never), "{active}");
        }
        for passive in [
            "files/a.pdf",
            "files/a.PNG",
            "files/deck.pptx",
            "files/a.txt",
        ] {
            assert!(!is_active(passive, never), "{passive}");
        }
        let bytes = |b: &'static [u8]| move || b.to_vec();
        assert!(is_active("files/page", bytes(b"<script>x</script>")));
        assert!(is_active(
            "files/a.dat",
            bytes(b"\xEF\xBB\xBF \n\t<!doctype html>")
        ));
        assert!(is_active("files/a.", bytes(b"\xFF\xFEh\0")));
        assert!(!is_active("files/notes", bytes(b"plain words < and >")));
        assert!(!is_active("files/a.bin", bytes(b"\x00\x01<")));
    }

    #[test]
    fn urls_and_pages() {
        assert_eq!(
            page_of("clients/a/orders/WO-1.md"),
            "clients/a/orders/WO-1.html"
        );
        assert_eq!(url("files/my deck #2.pdf"), "files/my%20deck%20%232.pdf");
        assert_eq!(url("files/报价.pdf"), "files/报价.pdf");
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("clients/a/orders/x.html"), "../../../");
    }
}
