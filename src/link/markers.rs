//! What identifies each client (its name, aliases, its contacts' names, ids
//! and e-mails, its work-order and invoice numbers), and a finder of them in text. The
//! confidentiality rule (D090) and the leak scan before anything is published both match
//! with it, on text folded as people read it ([`crate::parse::fold`]).

use aho_corasick::{AhoCorasick, MatchKind};

use super::Workspace;
use crate::parse::fold::{Folded, fold, folded};

/// One thing that identifies a client.
#[derive(Clone, Debug)]
pub(crate) struct Marker {
    pub client: usize,
    /// As written in the records (for messages).
    pub text: String,
    /// What it is, with its article: "an alias", "a work order".
    pub what: &'static str,
}

/// Every marker of every client (longer first, so that the best description wins).
pub(crate) fn markers(ws: &Workspace) -> Vec<Marker> {
    let mut out = Vec::new();
    for (ci, c) in ws.clients.iter().enumerate() {
        let mut add = |text: &str, what: &'static str| {
            let t = text.trim();
            if folded(t).trim().chars().count() >= 2 {
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
                if contact.id.value.chars().count() >= 3 {
                    add(&contact.id.value, "a contact's id");
                }
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

/// Finds markers in text, both folded: on word boundaries except next to CJK.
pub(crate) struct Finder {
    /// Built the first time text is searched: a check whose files' findings all come
    /// from the mentions cache searches none.
    automaton: std::sync::OnceLock<Option<AhoCorasick>>,
    /// The folded patterns, by index.
    texts: Vec<String>,
    /// Pattern index -> the markers with that folded text (two clients may share a
    /// contact's name), longest written first.
    patterns: Vec<Vec<usize>>,
    pub markers: Vec<Marker>,
    /// The SHA-256 of the folded patterns in order: two finders with the same fingerprint
    /// find the same pattern at the same place of any text.
    pub fingerprint: [u8; 32],
}

/// One marker found: the byte range in the text as written, and every marker it is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found<'m> {
    pub start: usize,
    pub end: usize,
    markers: &'m [usize],
    all: &'m [Marker],
}

impl<'m> Found<'m> {
    /// The marker as another client's than `own`'s: `None` when it is `own`'s too (a
    /// contact's name both clients have is the client's own to mention).
    pub(crate) fn of_another(&self, own: Option<usize>) -> Option<&'m Marker> {
        let markers = self.markers.iter().map(|&i| &self.all[i]);
        if markers.clone().any(|m| Some(m.client) == own) {
            return None;
        }
        markers.into_iter().next()
    }
}

impl Finder {
    pub(crate) fn new(markers: Vec<Marker>) -> Option<Finder> {
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<usize>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (i, m) in markers.iter().enumerate() {
            let f = folded(&m.text);
            let f = f.trim();
            // An empty marker (a work order numbered `""`) would match everywhere.
            if f.is_empty() {
                continue;
            }
            match index.get(f) {
                Some(&p) => patterns[p].push(i),
                None => {
                    index.insert(f.to_string(), texts.len());
                    texts.push(f.to_string());
                    patterns.push(vec![i]);
                }
            }
        }
        let fingerprint = {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            for t in &texts {
                h.update(t.as_bytes());
                h.update([0]);
            }
            h.finalize().into()
        };
        Some(Finder {
            automaton: std::sync::OnceLock::new(),
            texts,
            patterns,
            markers,
            fingerprint,
        })
    }

    /// Every marker in `text` that stands on word boundaries, as byte ranges of `text`.
    pub(crate) fn find<'a>(&'a self, text: &str) -> Vec<Found<'a>> {
        let f = fold(text);
        self.find_folded(&f)
    }

    /// [`Finder::find`] on text already folded.
    pub(crate) fn find_folded<'a>(&'a self, f: &Folded) -> Vec<Found<'a>> {
        self.places_folded(f)
            .into_iter()
            .map(|(start, end, pattern)| self.found(start, end, pattern))
            .collect()
    }

    /// [`Finder::find`] as plain values, to keep: start, end and pattern of each.
    pub(crate) fn places(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.places_folded(&fold(text))
    }

    /// The marker found at `start..end` as pattern `pattern` (from [`Finder::places`] of
    /// a finder with the same fingerprint); `None` for a pattern it does not have.
    pub(crate) fn found_at(&self, start: usize, end: usize, pattern: usize) -> Option<Found<'_>> {
        (pattern < self.patterns.len()).then(|| self.found(start, end, pattern))
    }

    fn found(&self, start: usize, end: usize, pattern: usize) -> Found<'_> {
        Found {
            start,
            end,
            markers: &self.patterns[pattern],
            all: &self.markers,
        }
    }

    fn places_folded(&self, f: &Folded) -> Vec<(usize, usize, usize)> {
        let text = f.text.as_str();
        let automaton = self.automaton.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&self.texts)
                .ok()
        });
        let Some(automaton) = automaton else {
            return Vec::new();
        };
        automaton
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let (s, e) = (m.start(), m.end());
                let first = text[s..e].chars().next()?;
                let last = text[s..e].chars().next_back()?;
                let before = text[..s].chars().next_back();
                let after = text[e..].chars().next();
                let left_ok = is_cjk(first) || before.is_none_or(|c| !is_word(c));
                let right_ok = is_cjk(last) || after.is_none_or(|c| !is_word(c));
                (left_ok && right_ok)
                    .then(|| (f.original(s), f.original(e), m.pattern().as_usize()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder(texts: &[&str]) -> Finder {
        let markers = texts
            .iter()
            .map(|t| Marker {
                client: 1,
                text: t.to_string(),
                what: "a contact",
            })
            .collect();
        Finder::new(markers).unwrap()
    }

    fn found(f: &Finder, text: &str) -> Vec<String> {
        f.find(text)
            .into_iter()
            .map(|m| text[m.start..m.end].to_string())
            .collect()
    }

    #[test]
    fn finds_markers_as_people_write_them() {
        let f = finder(&["Tom Ashby", "海港", "WO-2026-0007"]);
        assert_eq!(found(&f, "met tom ashby today"), ["tom ashby"]);
        assert_eq!(found(&f, "met Tom\n   Ashby"), ["Tom\n   Ashby"]);
        assert_eq!(found(&f, "met Tom\u{a0}Ashby"), ["Tom\u{a0}Ashby"]);
        assert_eq!(found(&f, "met Tom\tAshby"), ["Tom\tAshby"]);
        assert_eq!(found(&f, "met Ｔｏｍ Ａｓｈｂｙ"), ["Ｔｏｍ Ａｓｈｂｙ"]);
        assert_eq!(found(&f, "met To\u{200b}m Ashby"), ["To\u{200b}m Ashby"]);
        assert_eq!(found(&f, "met Tom&nbsp;Ashby"), ["Tom&nbsp;Ashby"]);
        assert_eq!(found(&f, "与海港合作"), ["海港"]);
        assert_eq!(found(&f, "see wo-2026-0007."), ["wo-2026-0007"]);
        // Word boundaries still hold.
        assert!(found(&f, "Tom Ashbys").is_empty());
        assert!(found(&f, "XWO-2026-00071").is_empty());
    }
}
