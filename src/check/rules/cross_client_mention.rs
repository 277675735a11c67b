//! Rule D090 `cross-client-mention`.

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::link::Workspace;
use crate::source::{FileId, Span};

crate::declare_rule! {
/// A client's record names another client.
///
/// Never mention client B in front of client A. Anything in `clients/A/` can end up in A's
/// reports and portal, so B's name or aliases (matched case-insensitively on word
/// boundaries; anywhere for CJK text), B's contacts' names or emails, and B's work order and
/// invoice numbers are errors wherever they appear, front matter or body. Records under
/// `internal/` may name anyone.
///
/// ```markdown
/// Like the Marlowe Outdoor launch, we will use a pop-up store.
/// ```
///
/// Fix: remove the mention, or move the remark to an internal meeting under `internal/`.
    pub const RULE = ("D090", "cross-client-mention", Error);
}

/// One thing that identifies a client: its name, an alias, a contact's name or email, or
/// one of its work order or invoice numbers.
#[derive(Clone, Debug)]
pub struct Marker {
    pub client: usize,
    pub text: String,
    /// What it is, with its article: "an alias", "a work order".
    pub what: &'static str,
}

/// Every marker of every client (longer first, so that the best description wins).
pub fn markers(ws: &Workspace) -> Vec<Marker> {
    let mut out = Vec::new();
    for (ci, c) in ws.clients.iter().enumerate() {
        let mut add = |text: &str, what: &'static str| {
            let t = text.trim();
            if t.chars().count() >= 2 {
                out.push(Marker {
                    client: ci,
                    text: t.to_string(),
                    what,
                });
            }
        };
        if let Some(info) = &c.info {
            if let Some(n) = &info.name {
                add(&n.value, "the name");
            }
            for a in &info.aliases {
                add(&a.value, "an alias");
            }
            for contact in &info.contacts {
                add(&contact.name.value, "a contact");
                if let Some(e) = &contact.email {
                    add(&e.value, "a contact's email");
                }
            }
        }
    }
    // Numbers come from link's index, which keeps each number's first record only: a
    // duplicated number is reported once as duplicate-number, not as a mention.
    let numbered = ws
        .orders
        .iter()
        .map(|(n, &ri)| (n, ri, "a work order"))
        .chain(ws.invoices.iter().map(|(n, &ri)| (n, ri, "an invoice")));
    for (number, ri, what) in numbered {
        if let Some(ci) = ws.records[ri].client {
            out.push(Marker {
                client: ci,
                text: number.trim().to_string(),
                what,
            });
        }
    }
    out.sort_by(|a, b| {
        b.text
            .len()
            .cmp(&a.text.len())
            .then_with(|| a.text.cmp(&b.text))
    });
    out
}

/// CJK characters match anywhere; other text only on word boundaries.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Finds markers in text: case-insensitive, on word boundaries except next to CJK.
pub struct Finder {
    automaton: AhoCorasick,
    /// Pattern index -> marker index.
    patterns: Vec<usize>,
    pub markers: Vec<Marker>,
}

impl Finder {
    pub fn new(markers: Vec<Marker>) -> Option<Finder> {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        for (i, m) in markers.iter().enumerate() {
            // An empty marker (a work order numbered `""`) would match at every byte,
            // inside characters too: it names nothing.
            if m.text.is_empty() {
                continue;
            }
            texts.push(m.text.clone());
            patterns.push(i);
            let lower = m.text.to_lowercase();
            if lower != m.text {
                texts.push(lower);
                patterns.push(i);
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .ok()?;
        Some(Finder {
            automaton,
            patterns,
            markers,
        })
    }

    /// Every (byte range, marker) in `text` that stands on word boundaries.
    pub fn find<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, &'a Marker)> + 'a {
        self.automaton
            .find_overlapping_iter(text)
            .filter_map(move |m| {
                let marker = &self.markers[self.patterns[m.pattern().as_usize()]];
                let (s, e) = (m.start(), m.end());
                let first = text[s..e].chars().next()?;
                let last = text[s..e].chars().next_back()?;
                let before = text[..s].chars().next_back();
                let after = text[e..].chars().next();
                let left_ok = is_cjk(first) || before.is_none_or(|c| !is_word(c));
                let right_ok = is_cjk(last) || after.is_none_or(|c| !is_word(c));
                (left_ok && right_ok).then_some((s, e, marker))
            })
    }
}

pub fn check(cx: &mut Context) {
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
    let found: Vec<Diagnostic> = files
        .par_iter()
        .flat_map_iter(|&(ci, file)| {
            let text = &ws.sources.get(file).text;
            let mut seen = Vec::new();
            let mut out = Vec::new();
            for (s, e, m) in finder.find(text) {
                if m.client == ci || seen.iter().any(|&(a, b)| s < b && a < e) {
                    continue;
                }
                seen.push((s, e));
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
    cx.diags.extend(found);
}
