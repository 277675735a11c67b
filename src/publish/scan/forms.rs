//! The forms a text is also read in: without its tags (blocks kept apart), folded
//! loosely, and decoded (a calendar unfolded and unescaped, JSON by its strings).

use serde_json::Value;

use super::shown::strings;
use crate::parse::fold::folded;

/// Text folded for comparing lines of text across Markdown, HTML and plain renderings:
/// folded as people read it, then without the characters Markdown uses for emphasis and
/// code (`*`, `_`, `` ` ``, `~`), which a rendered page does not show.
pub(super) fn loose(text: &str) -> String {
    let f = folded(text);
    let mut out = String::with_capacity(f.len());
    let mut space = false;
    for c in f.chars() {
        if matches!(c, '*' | '_' | '`' | '~') {
            continue;
        }
        if c == ' ' {
            if space {
                continue;
            }
            space = true;
        } else {
            space = false;
        }
        out.push(c);
    }
    out
}

/// `text` as the program that reads it sees it, where that differs from the bytes: an
/// iCalendar file unfolded (RFC 5545 folds lines at 75 octets, which can cut a name in
/// two) with its escapes undone; the strings of a JSON document, decoded.
pub(super) fn decoded_forms(path: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if path.ends_with(".ics") {
        let unfolded = text
            .replace("\r\n ", "")
            .replace("\r\n\t", "")
            .replace("\n ", "");
        let mut plain = String::with_capacity(unfolded.len());
        let mut chars = unfolded.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                plain.push(c);
                continue;
            }
            match chars.next() {
                Some('n' | 'N') => plain.push(' '),
                Some(other) => plain.push(other),
                None => {}
            }
        }
        out.push(plain);
    }
    if path.ends_with(".json") || text.trim_start().starts_with('{') {
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            let mut strings_of = String::new();
            strings(&value, &mut strings_of);
            out.push(strings_of);
        }
    }
    out
}

/// What stands for a block boundary (`</li><li>`, `</p>`) in a page read without its
/// tags: not white space, so no line of text is found across two blocks (two list items
/// of one client that another client wrote as one sentence), and no word either.
pub(super) const BLOCK: char = '\u{1}';

/// Elements whose tags do not separate words.
pub(super) const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// `text` without its HTML tags (`<p>`, `</strong>`, comments): the text a page shows.
pub(super) fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let is_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if !is_tag {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        match rest.find('>') {
            Some(end) => {
                // Inline elements join their text; block boundaries stay word boundaries.
                let name: String = rest[1..end]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .map(|c| c.to_ascii_lowercase())
                    .collect();
                if !INLINE.contains(&name.as_str()) {
                    out.push(BLOCK);
                }
                rest = &rest[end + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
