//! The leak scan: the last pass over everything rendered for a client, and the only
//! maker of [`Cleared`] output.
//!
//! It decides on its own, from the records' text and the format's rules, never through
//! the views' predicates, what a client may not receive:
//! - any marker of another client (name, alias, contacts' names, ids and
//!   e-mails, work-order and invoice numbers), as people write them ([`crate::parse::fold`]);
//! - any line of text written anywhere in the workspace's records (another client's
//!   records, internal meetings, `client.md` notes, internal sections, costs, plans)
//!   that the client's own client-visible records do not also hold.
//!
//! Visibility fails closed here as in the format: a meeting is the client's only when its
//! `kind` is one of `client`, `call`, `visit`, `proposal` and its `visibility` is missing
//! or `client`; a record whose front matter cannot be read is internal whole. No
//! `rules:` setting is read.

mod forms;
mod shown;

use std::collections::HashSet;
use std::io::Read;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

use forms::{decoded_forms, loose, without_tags};
use shown::{shown_text, split, without_marks};

use super::Cleared;
use crate::error::Error;
use crate::link::Workspace;
use crate::link::markers::{Finder, markers};
use crate::render::client::ForClient;
use crate::render::site::Content;

/// Lines of text shorter than this (in characters, folded), or of one word, are not
/// looked for: a bullet "- ok" or a word such as "Deliverables" would match public text
/// by chance.
const MIN_LINE: usize = 12;

/// How much of an attachment is read at a time; chunks overlap by [`OVERLAP`].
const CHUNK: usize = 1 << 16;
const OVERLAP: usize = 4096;

/// What no client may receive unless it is its own, built once for a workspace and
/// shared by the guards of every client.
pub(crate) struct Forbidden {
    /// Every client's markers; a guard skips its own client's.
    markers: Option<Finder>,
    /// Every line of text of every record, folded loosely (see [`loose`]).
    lines: Option<AhoCorasick>,
    /// The lines, for messages.
    line_texts: Vec<String>,
    /// The workspace's folder: attachments are read below it only.
    root: std::path::PathBuf,
}

/// What must never appear in output for one client.
pub(crate) struct Guard<'f> {
    client: usize,
    forbidden: &'f Forbidden,
    /// Lines the client's own client-visible records hold: not secret from it.
    public: HashSet<usize>,
}

/// One forbidden thing found in an output.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Leak {
    /// The file of the output it is in (`minutes/2026-11-16-review.html`).
    pub file: String,
    pub what: String,
    pub text: String,
}

/// What the scan says of an output: cleared, or refused with its leaks.
pub(crate) type Verdict = Result<Cleared, Refused>;

/// Output that the scan refused, and why.
#[derive(Debug)]
pub(crate) struct Refused {
    pub client: usize,
    pub leaks: Vec<Leak>,
}

impl Refused {
    /// The leaks as a sentence: `the name "Marlowe" in minutes/x.html, ...` (at most 20).
    pub(crate) fn describe(&self) -> String {
        let mut list: Vec<String> = self
            .leaks
            .iter()
            .take(20)
            .map(|l| format!("{} \"{}\" in {}", l.what, l.text, l.file))
            .collect();
        if self.leaks.len() > 20 {
            list.push(format!("and {} more", self.leaks.len() - 20));
        }
        list.join(", ")
    }
}

impl Forbidden {
    pub(crate) fn new(ws: &Workspace) -> Forbidden {
        let files: Vec<&crate::source::SourceFile> = ws
            .sources
            .iter()
            .map(|(_, f)| f)
            .filter(|f| is_record_path(&f.path))
            .collect();
        let mut lines: Vec<String> = files
            .par_iter()
            .flat_map_iter(|file| {
                let mut lines = Vec::new();
                record_lines(&file.text, &mut |l| lines.push(l));
                lines
            })
            .collect();
        lines.par_sort_unstable();
        lines.dedup();
        // Tens of thousands of patterns, searched through little text (the portals):
        // the automaton that builds fastest.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .build(&lines)
            .ok();
        Forbidden {
            markers: Finder::new(markers(ws)),
            lines: automaton.filter(|_| !lines.is_empty()),
            line_texts: lines,
            root: ws.root.clone(),
        }
    }
}

/// Record files: what clients, the agency and its people wrote.
fn is_record_path(path: &str) -> bool {
    path.ends_with(".md")
        && (path.starts_with("clients/")
            || path.starts_with("internal/")
            || path.starts_with("people/"))
}

/// Every line of a record worth looking for: each value of its front matter and each
/// line of its body (a front matter that cannot be read, line by line as written).
fn record_lines(text: &str, add: &mut dyn FnMut(String)) {
    match split(text) {
        Some((front, body)) => {
            for_each_line(&front_values(front, &|_| false), add);
            for_each_line(body, add);
        }
        None => for_each_line(text, add),
    }
}

/// The values of a front matter as written, one per line, without parsing it: each line
/// without its list dash, cut at the commas and brackets of flow style, each piece
/// without its `key:` and its quotes. Every piece is a part of a value as the YAML
/// parser reads it (or, where quoting escapes a character, is no text a page shows), so
/// looking for them finds what a page would show of that value. Reading the YAML again
/// here would cost as much as loading the workspace.
fn front_values(front: &str, skip: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(front.len());
    // The top-level field the line belongs to.
    let mut field = "";
    for line in front.lines() {
        if !line.starts_with([' ', '\t', '-', '#']) {
            field = line.split_once(':').map_or("", |(k, _)| k.trim());
        }
        if skip(field) {
            continue;
        }
        let line = line.trim().trim_start_matches("- ");
        for piece in line.split([',', '{', '}', '[', ']']) {
            let mut piece = piece.trim().trim_start_matches("- ");
            if let Some((key, rest)) = piece.split_once(':') {
                let is_key = !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                    && (rest.is_empty() || rest.starts_with(' '));
                if is_key {
                    piece = rest.trim();
                }
            }
            let piece = piece.trim_matches(['"', '\'', '>', '|']).trim();
            // The escapes of quoted YAML, undone as the parser would.
            let piece = piece
                .replace("\\\"", "\"")
                .replace("\\\\", "\\")
                .replace("\\n", " ")
                .replace("\\t", " ")
                .replace("''", "'");
            out.push_str(&piece);
            out.push('\n');
        }
    }
    out
}

/// Every line of `text` worth looking for, folded loosely, of at least [`MIN_LINE`]
/// characters.
fn for_each_line(text: &str, add: &mut dyn FnMut(String)) {
    for line in text.lines() {
        let line = line.trim();
        // A heading names a section; what is secret is under it. Headings are also the
        // words templates use ("Deliverables"), which no client should be refused over.
        if line.starts_with('#') {
            continue;
        }
        let l = loose(without_marks(line));
        let l = l.trim();
        if l.chars().count() >= MIN_LINE && l.contains(' ') {
            add(l.to_string());
        }
    }
}

impl<'f> Guard<'f> {
    /// The guard of client `client`: the lines its own client-visible records hold are
    /// read from those records by the format's rules, here, on their own.
    pub(crate) fn for_client(ws: &Workspace, forbidden: &'f Forbidden, client: usize) -> Guard<'f> {
        let mut public = HashSet::new();
        if let Some(lines) = &forbidden.lines {
            let prefix = format!("clients/{}/", ws.clients[client].id);
            let shown = shown_text(ws, &prefix);
            for m in lines.find_overlapping_iter(&loose(&shown)) {
                public.insert(m.pattern().as_usize());
            }
        }
        Guard {
            client,
            forbidden,
            public,
        }
    }

    /// Scans `output` and, when nothing forbidden is in it, clears it for writing.
    pub(crate) fn clear(&self, output: ForClient) -> Result<Verdict, Error> {
        let (client, files) = output.open_for_scan();
        let mut leaks = Vec::new();
        if client != self.client {
            leaks.push(Leak {
                file: String::new(),
                what: "output for another client".into(),
                text: format!("client {client}"),
            });
        }
        for (path, content) in &files {
            let mut found = self.scan_text(path);
            match content {
                Content::Text(text) => {
                    found.extend(self.scan_text(text));
                    // What a reader of the format sees: a calendar unfolded and
                    // unescaped, a JSON document's strings decoded.
                    for decoded in decoded_forms(path, text) {
                        found.extend(self.scan_text(&decoded));
                    }
                }
                Content::Bytes(bytes) => found.extend(
                    self.scan_attachment(&mut bytes.as_slice())
                        .map_err(Error::io(std::path::Path::new(path.as_str())))?,
                ),
                Content::Copy(source) => {
                    // Opened as the loader opens files: folder by folder, following no
                    // link below the workspace.
                    let rel = source.strip_prefix(&self.forbidden.root).map_err(|_| {
                        Error::Usage(format!(
                            "{} is outside the workspace and is not published",
                            source.display()
                        ))
                    })?;
                    let mut file = crate::load::open_in(&self.forbidden.root, rel).map_err(
                        |e| match e {
                            crate::load::Refused::Io(e) => Error::io(source)(e),
                            crate::load::Refused::Link(link) => Error::Usage(format!(
                                "{} is reached through the symbolic link `{link}` and is not published",
                                source.display()
                            )),
                        },
                    )?;
                    found.extend(self.scan_attachment(&mut file).map_err(Error::io(source))?);
                }
            }
            leaks.extend(found.into_iter().map(|(what, text)| Leak {
                file: path.clone(),
                what,
                text,
            }));
        }
        leaks.sort();
        leaks.dedup();
        if leaks.is_empty() {
            Ok(Ok(Cleared { client, files }))
        } else {
            Ok(Err(Refused { client, leaks }))
        }
    }

    /// Everything forbidden in a rendered text, read as written, and for HTML also as
    /// the page shows it (without tags).
    pub(crate) fn scan_text(&self, text: &str) -> Vec<(String, String)> {
        let mut found = self.others(text);
        found.extend(self.lines(text));
        if text.contains('<') {
            let shown = without_tags(text);
            found.extend(self.others(&shown));
            found.extend(self.lines(&shown));
        }
        found.sort();
        found.dedup();
        found
    }

    /// What a file copied from the client's own folder may not hold: another client's
    /// markers. The client's own internal text is not looked for there (the file is the
    /// client's, linked on purpose). Read in chunks that overlap, so a marker across a
    /// chunk's end is still found.
    fn scan_attachment(&self, from: &mut dyn Read) -> std::io::Result<Vec<(String, String)>> {
        let mut found = Vec::new();
        let mut window: Vec<u8> = Vec::with_capacity(CHUNK + OVERLAP);
        let mut chunk = vec![0u8; CHUNK];
        loop {
            let n = from.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            window.extend_from_slice(&chunk[..n]);
            found.extend(self.others(&String::from_utf8_lossy(&window)));
            let keep = window.len().saturating_sub(OVERLAP);
            window.drain(..keep);
        }
        found.sort();
        found.dedup();
        Ok(found)
    }

    /// Other clients' markers in `text`.
    fn others(&self, text: &str) -> Vec<(String, String)> {
        let Some(finder) = &self.forbidden.markers else {
            return Vec::new();
        };
        finder
            .find(text)
            .into_iter()
            .filter_map(|f| {
                let m = f.of_another(Some(self.client))?;
                Some((m.what.to_string(), text[f.start..f.end].to_string()))
            })
            .collect()
    }

    /// Lines of text that are not the client's to see.
    fn lines(&self, text: &str) -> Vec<(String, String)> {
        let Some(lines) = &self.forbidden.lines else {
            return Vec::new();
        };
        // Each line once, however often it is found.
        let found: std::collections::BTreeSet<usize> = lines
            .find_overlapping_iter(&loose(text))
            .map(|m| m.pattern().as_usize())
            .filter(|p| !self.public.contains(p))
            .collect();
        found
            .into_iter()
            .map(|p| {
                (
                    "internal text or another client's text".to_string(),
                    self.forbidden.line_texts[p].clone(),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::shown::{meeting_is_shown, public_body, read_yaml};
    use super::*;
    use serde_json::Value;

    /// A workspace with one client whose folder holds an internal meeting.
    fn workspace() -> (tempfile::TempDir, crate::compile::Compiled) {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "docket.yaml",
                "agency: Test Agency\ncurrency: CNY\ntimezone: Asia/Shanghai\nstaff:\n  - { id: ann.ae, name: Ann Lee, email: ann@agency.example, role: ae }\n",
            ),
            (
                "clients/acme/client.md",
                "---\nname: Acme Rockets\nae: ann.ae\nportal: true\ncontacts:\n  - { id: rita.acme, name: Rita Stone, email: rita@acme.example, can_sign: true }\n---\n",
            ),
            (
                "clients/bolt/client.md",
                "---\nname: Bolt Brewing\nae: ann.ae\ncontacts:\n  - { id: ben.bolt, name: Ben Ford, email: ben@bolt.example }\n---\n",
            ),
            (
                "clients/acme/minutes/2026-11-18-review.md",
                "---\nkind: client\ntitle: Launch review\ndate: 2026-11-18\n---\nWe agreed on the blue key visual together.\n",
            ),
            (
                "clients/acme/minutes/2026-11-19-pricing.md",
                "---\nkind: internal\ntitle: Pricing\ndate: 2026-11-19\nconclusion: Hold the rate\n---\nWe keep forty percent margin on the Acme launch.\n",
            ),
        ];
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let compiled = crate::compile::compile_with(
            dir.path(),
            Some(today),
            crate::compile::Compile::WithoutHistory,
        )
        .unwrap();
        assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);
        (dir, compiled)
    }

    fn portal(
        compiled: &crate::compile::Compiled,
        client: usize,
        scope: &crate::view::client::ClientScope,
    ) -> ForClient {
        let env = crate::render::environment_of(&compiled.ws).unwrap();
        let mut env = env;
        env.add_global("csp", crate::render::site::CSP);
        env.add_filter("page", |file: String| file);
        let files = crate::render::site::portal::render(scope, &env, compiled.today).unwrap();
        ForClient::new(client, files)
    }

    #[test]
    fn calendars_and_json_are_read_as_their_readers_read_them() {
        let (_dir, compiled) = workspace();
        let ws = &compiled.ws;
        let acme = ws.clients.iter().position(|c| c.id == "acme").unwrap();
        let forbidden = Forbidden::new(ws);
        let guard = Guard::for_client(ws, &forbidden, acme);
        let clear = |name: &str, text: &str| {
            guard
                .clear(ForClient::text(acme, name, text.to_string()))
                .unwrap()
                .map(|_| ())
                .map_err(|r| r.leaks.into_iter().map(|l| l.text).collect::<Vec<_>>())
        };
        // A line folded at 75 octets inside the name, and an escaped line break.
        assert!(clear("calendar.ics", "SUMMARY:Pop-up like Ben Fo\r\n rd did\r\n").is_err());
        assert!(clear("calendar.ics", "DESCRIPTION:Ben\\nFord\r\n").is_err());
        assert!(clear("changes.json", "{\"label\": \"Ben\\nFord\"}").is_err());
        assert!(clear("calendar.ics", "SUMMARY:Launch review\r\n").is_ok());
        // Output meant for another client is refused whole.
        let bolt = 1 - acme;
        let other = guard
            .clear(ForClient::text(bolt, "x.md", "nothing".into()))
            .unwrap();
        assert!(other.is_err());
    }

    #[test]
    fn a_wrong_view_is_refused_by_the_scan() {
        let (_dir, compiled) = workspace();
        let ws = &compiled.ws;
        let forbidden = Forbidden::new(ws);
        let acme = ws.clients.iter().position(|c| c.id == "acme").unwrap();
        let guard = Guard::for_client(ws, &forbidden, acme);
        // The right view passes, and shows the public meeting.
        let right = crate::view::client::ClientScope::build(ws, acme, compiled.today);
        let cleared = guard
            .clear(portal(&compiled, acme, &right))
            .unwrap()
            .unwrap();
        let all: String = cleared
            .files()
            .iter()
            .filter_map(|(_, c)| match c {
                Content::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert!(all.contains("blue key visual"));
        // A view that lets the internal meeting in is refused, naming what leaked.
        let wrong = crate::view::client::ClientScope::build_letting_internal_meetings_in(
            ws,
            acme,
            compiled.today,
        );
        assert_eq!(wrong.meetings.len(), 2);
        let refused = guard
            .clear(portal(&compiled, acme, &wrong))
            .unwrap()
            .unwrap_err();
        assert!(
            refused
                .leaks
                .iter()
                .any(|l| l.text == "we keep forty percent margin on the acme launch."),
            "{:?}",
            refused.leaks
        );
    }

    #[test]
    fn front_matter_values_are_read_as_written() {
        let front = "title: \"Launch review: phase two\"\nactions:\n  - { task: Send the final files to print, owner: ann.ae }\ndecisions: [Go with the blue visual, 'Keep the tagline as agreed']\nnotes: >\n  A folded value that\n  runs over two lines\n";
        let lines: Vec<String> = front_values(front, &|_| false)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        for expected in [
            "Launch review: phase two",
            "Send the final files to print",
            "ann.ae",
            "Go with the blue visual",
            "Keep the tagline as agreed",
            "A folded value that",
            "runs over two lines",
        ] {
            assert!(
                lines.iter().any(|l| l == expected),
                "{expected} not in {lines:?}"
            );
        }
        assert!(
            !lines
                .iter()
                .any(|l| l.starts_with("title") || l.starts_with("task"))
        );
    }

    #[test]
    fn splits_front_matter_as_written() {
        assert_eq!(split("---\na: 1\n---\nbody\n"), Some(("a: 1\n", "body\n")));
        assert_eq!(
            split("\u{feff}---\r\na: 1\r\n...\r\nb"),
            Some(("a: 1\r\n", "b"))
        );
        assert_eq!(split("---\na: 1\n"), None);
        assert_eq!(split("no front matter"), None);
    }

    #[test]
    fn meetings_fail_closed() {
        let shown = |yaml: &str| match read_yaml(yaml) {
            Some(Value::Object(m)) => meeting_is_shown(&m),
            _ => false,
        };
        assert!(shown("kind: client\n"));
        assert!(shown("kind: call\nvisibility: client\n"));
        assert!(!shown("kind: internal\n"));
        assert!(!shown("kind: internl\n"));
        assert!(!shown("kind: Client\n"));
        assert!(!shown("title: no kind\n"));
        assert!(!shown("kind: client\nvisibility: private\n"));
        assert!(!shown("kind: client\nvisibility: [client]\n"));
    }

    #[test]
    fn internal_sections_are_left_out() {
        let mut out = String::new();
        public_body(
            "Open\n\n## ＩＮＴＥＲＮＡＬ\nsecret\n### Sub\nmore\n## Next\nshown\n",
            &["internal".to_string()],
            &mut out,
        );
        assert!(out.contains("Open") && out.contains("shown"), "{out}");
        assert!(!out.contains("secret") && !out.contains("more"), "{out}");
    }

    #[test]
    fn tags_are_taken_out_and_text_kept() {
        assert_eq!(
            without_tags("<p>Tom <strong>Ash</strong>by &lt;x&gt; a < b</p>"),
            "\u{1}Tom Ashby &lt;x&gt; a < b\u{1}"
        );
        assert_eq!(loose("**Budget**  _ok_"), "budget ok");
    }
}
