//! Adding one sign-off to a record's text without touching any other byte.
//!
//! The new entry is one flow mapping on its own line (or inside a flow list), placed after
//! the last entry of `signoffs`, or in a new `signoffs:` at the end of the front matter.
//! The result is parsed again and compared with the original before anyone writes it.

pub(crate) mod sign;

use std::io::Write as _;
use std::path::Path;

use crate::parse::frontmatter::Parts;
use crate::parse::yaml::{Value, ValueKind};
use crate::source::{FileId, SourceFile};

/// One sign-off as `docket sign` writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub by: String,
    pub stage: String,
    pub via: Option<String>,
    pub date: String,
    pub digest: String,
    pub note: Option<String>,
}

impl Entry {
    /// `{ by: qian.hao, stage: approved, date: 2026-11-21, digest: "sha256:..." }`
    pub fn to_yaml(&self) -> String {
        let mut parts = vec![
            format!("by: {}", scalar(&self.by)),
            format!("stage: {}", scalar(&self.stage)),
        ];
        if let Some(via) = &self.via {
            parts.push(format!("via: {}", scalar(via)));
        }
        parts.push(format!("date: {}", self.date));
        parts.push(format!("digest: {}", quoted(&self.digest)));
        if let Some(note) = &self.note {
            parts.push(format!("note: {}", quoted(note)));
        }
        format!("{{ {} }}", parts.join(", "))
    }
}

/// A plain scalar when it is safe to write one, else a quoted one.
fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-@+".contains(c))
        && text.starts_with(|c: char| c.is_ascii_alphabetic())
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A YAML double-quoted scalar: a JSON string, with the characters YAML does not allow
/// as they are (DEL, C1 controls, a byte-order mark, U+FFFE and U+FFFF), and those older
/// readers take for line breaks (NEL, U+2028, U+2029), escaped too.
pub(crate) fn quoted(text: &str) -> String {
    let json = serde_json::Value::String(text.to_string()).to_string();
    let escape = |c: char| {
        matches!(
            c,
            '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
    };
    if !json.contains(escape) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if escape(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Where and what to insert.
struct Edit {
    at: usize,
    /// Bytes replaced at `at` (an explicit `~` or `null` value).
    replaced: usize,
    text: String,
}

/// The record's text with `entry` added to its sign-offs.
pub fn insert(text: &str, parts: &Parts, front: &Value, entry: &Entry) -> Result<String, String> {
    let eol = if text[parts.open.0..].starts_with("---\r\n")
        || text[parts.open.0..parts.yaml.0].ends_with("\r\n")
    {
        "\r\n"
    } else {
        "\n"
    };
    let item = entry.to_yaml();
    let edit = match front
        .as_map()
        .and_then(|m| m.iter().find(|(k, _)| k.scalar_text() == Some("signoffs")))
    {
        None => Edit {
            at: parts.yaml.1,
            replaced: 0,
            text: format!("signoffs:{eol}  - {item}{eol}"),
        },
        Some((key, value)) => match &value.kind {
            ValueKind::Seq(_) if text[value.span.start..].starts_with('[') => {
                flow_insert(text, value, &item)?
            }
            ValueKind::Seq(items) => block_insert(text, items, &item, eol)?,
            ValueKind::Null => null_insert(text, key, value, &item, eol),
            _ => {
                return Err(format!(
                    "`signoffs` is {}, not a list: correct it before signing",
                    value.kind_name()
                ));
            }
        },
    };
    let mut out = String::with_capacity(text.len() + edit.text.len());
    out.push_str(&text[..edit.at]);
    out.push_str(&edit.text);
    out.push_str(&text[edit.at + edit.replaced..]);
    Ok(out)
}

/// After the last item of a block list, at the items' indentation.
fn block_insert(text: &str, items: &[Value], item: &str, eol: &str) -> Result<Edit, String> {
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return Err("`signoffs` is an empty list in an unexpected form".into());
    };
    let line_start = text[..first.span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..first.span.start];
    let Some(dash) = before.find('-') else {
        return Err("cannot find where the sign-off list's items start".into());
    };
    let indent = &before[..dash];
    if !indent.chars().all(|c| c == ' ') {
        return Err("the sign-off list is indented with something other than spaces".into());
    }
    let end = value_end(last);
    let at = if end > 0 && text.as_bytes()[end - 1] == b'\n' {
        end
    } else {
        match text[end..].find('\n') {
            Some(i) => end + i + 1,
            None => return Err("the sign-off list does not end with a line break".into()),
        }
    };
    Ok(Edit {
        at,
        replaced: 0,
        text: format!("{indent}- {item}{eol}"),
    })
}

/// Where a value ends in the text: the furthest end of it and everything inside it (the
/// parser's span of a block mapping may stop early).
fn value_end(v: &Value) -> usize {
    let inner = match &v.kind {
        ValueKind::Seq(items) => items.iter().map(value_end).max(),
        ValueKind::Map(entries) => entries
            .iter()
            .map(|(k, val)| value_end(k).max(value_end(val)))
            .max(),
        _ => None,
    };
    v.span.end.max(v.span.start).max(inner.unwrap_or(0))
}

/// Before the closing `]` of a flow list: the bracket that matches its `[`, found by a
/// scan that skips quoted text and comments. The entry goes right after the list's last
/// item (or its `[`), before any comment or line break that precedes the `]`.
fn flow_insert(text: &str, list: &Value, item: &str) -> Result<Edit, String> {
    let lost = || "cannot find the end of the sign-off list".to_string();
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut pos = list.span.start;
    // Just past the last byte of the list that is neither blank nor in a comment.
    let mut last = pos;
    // A quote opens a quoted scalar only where a scalar starts; inside a plain scalar
    // (`note: Jing'an`) it is a character like any other.
    let opens =
        |last: usize| last == 0 || matches!(bytes[last - 1], b'[' | b'{' | b',' | b':' | b'?');
    let close = loop {
        let Some(&b) = bytes.get(pos) else {
            return Err(lost());
        };
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1).ok_or_else(lost)?;
                if depth == 0 {
                    break pos;
                }
            }
            b'"' if opens(last) => {
                pos += 1;
                while bytes.get(pos).is_some_and(|&c| c != b'"') {
                    pos += if bytes[pos] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' if opens(last) => {
                pos += 1;
                while let Some(&c) = bytes.get(pos) {
                    if c == b'\'' {
                        if bytes.get(pos + 1) == Some(&b'\'') {
                            pos += 1;
                        } else {
                            break;
                        }
                    }
                    pos += 1;
                }
            }
            b'#' if pos == 0 || bytes[pos - 1].is_ascii_whitespace() => {
                pos = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
                continue;
            }
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            // Past the byte just read, or past the closing quote of a quoted scalar.
            last = (pos + 1).min(text.len());
        }
        pos += 1;
    };
    if bytes[close] != b']' {
        return Err(lost());
    }
    let before = &text[..last.min(close)];
    let sep = if before.ends_with('[') {
        ""
    } else if before.ends_with(',') {
        " "
    } else {
        ", "
    };
    Ok(Edit {
        at: before.len(),
        replaced: 0,
        text: format!("{sep}{item}"),
    })
}

/// `signoffs:` with nothing after it gets a first item on the next line; an explicit `~`
/// or `null` becomes a flow list.
fn null_insert(text: &str, key: &Value, value: &Value, item: &str, eol: &str) -> Edit {
    let written = &text[value.span.start..value.span.end];
    if !written.trim().is_empty() && value.span.start >= key.span.end {
        return Edit {
            at: value.span.start,
            replaced: written.len(),
            text: format!("[{item}]"),
        };
    }
    let at = text[key.span.end..]
        .find('\n')
        .map_or(text.len(), |i| key.span.end + i + 1);
    let lead = if at == text.len() && !text.ends_with('\n') {
        eol
    } else {
        ""
    };
    Edit {
        at,
        replaced: 0,
        text: format!("{lead}  - {item}{eol}"),
    }
}

/// Parses a record text's front matter, for the check after an edit.
pub(crate) fn reparse(path: &str, text: &str) -> Result<(Parts, Value), String> {
    let file = SourceFile::new(path.into(), Path::new(path).to_path_buf(), text.into());
    crate::parse::front_matter(&file, FileId(0)).map_err(|p| crate::check::word(&p).message)
}

/// `text` written and flushed to a temporary file in `path`'s folder, ready to be moved
/// into place in one step.
fn staged(path: &Path, text: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".docket-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Writes `text` to `path` atomically: a temporary file in the same folder, flushed to
/// disk, given the original's permissions, then renamed over it.
pub(crate) fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = staged(path, text)?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_folder(path)
}

/// Flushes the folder entry of `path` (the rename) to disk, so that after a power cut the
/// folder names the new file, not a lost one. Where folders cannot be opened, nothing.
fn sync_folder(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        std::fs::File::open(dir.unwrap_or(Path::new(".")))?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Removes the temporary files (`.docket-*.tmp`) that a writer killed before its rename
/// left in `dir`. Call it holding `dir`'s [`FolderLock`]: every writer of a folder holds
/// its lock while its temporary file exists, so what is left then is nobody's.
pub(crate) fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let left = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(".docket-") && n.ends_with(".tmp"));
        if left && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// An exclusive advisory lock on a folder, held while a record in it is read, changed
/// and written back (`docket sign`, `docket new`), and while a site is written beside
/// its output (`docket build`): two writers of one folder take turns, and the second
/// reads what the first wrote, so neither change is lost. Readers need no
/// lock: every write is an atomic rename, so they see the old file or the new one. The
/// lock is released when this is dropped (or the process ends, however it ends).
pub(crate) struct FolderLock {
    _dir: std::fs::File,
}

/// Waits for, then takes, the lock of folder `dir` (`flock` on Linux; elsewhere the
/// writers rely on the re-read before writing, which refuses rather than loses a change).
pub(crate) fn lock_folder(dir: &Path) -> std::io::Result<FolderLock> {
    let dir = std::fs::File::open(dir)?;
    #[cfg(target_os = "linux")]
    rustix::fs::flock(&dir, rustix::fs::FlockOperation::LockExclusive)?;
    Ok(FolderLock { _dir: dir })
}

/// Writes a new file, never replacing one that exists (the check and the creation are
/// one step), through a temporary file so that a half-written record is never seen.
pub(crate) fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    staged(path, text)?
        .persist_noclobber(path)
        .map_err(|e| e.error)?;
    sync_folder(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            by: "qian.hao".into(),
            stage: "approved".into(),
            via: None,
            date: "2026-11-21".into(),
            digest: "sha256:00".into(),
            note: None,
        }
    }

    fn add(text: &str) -> String {
        let (parts, front) = reparse("a.md", text).unwrap();
        insert(text, &parts, &front, &entry()).unwrap()
    }

    const E: &str = r#"{ by: qian.hao, stage: approved, date: 2026-11-21, digest: "sha256:00" }"#;

    /// Text with the characters YAML will not take as they are (found by fuzzing: DEL,
    /// NEL, C1 controls, a byte-order mark, U+2028) reads back exactly as it was written.
    #[test]
    fn quoted_text_reads_back_as_written() {
        for note in [
            "plain",
            "DEL \u{7f} NEL \u{85} C1 \u{9f} BOM \u{feff} LS \u{2028} PS \u{2029}",
            "\u{fffe}\u{ffff} and \"quotes\" and \\ and \t tab and \n line",
            "Jing'an, 静安 #not a comment",
        ] {
            let text = format!("---\nnote: {}\n---\n", quoted(note));
            let (_, front) = reparse("a.md", &text).unwrap();
            let back = front.get("note").and_then(|v| v.scalar_text());
            assert_eq!(back, Some(note), "{text:?}");
        }
    }

    #[test]
    fn adds_a_list_when_there_is_none() {
        assert_eq!(
            add("---\ntitle: T\n---\nbody\n"),
            format!("---\ntitle: T\nsignoffs:\n  - {E}\n---\nbody\n")
        );
        assert_eq!(
            add("---\r\ntitle: T\r\n---\r\n"),
            format!("---\r\ntitle: T\r\nsignoffs:\r\n  - {E}\r\n---\r\n")
        );
    }

    #[test]
    fn appends_to_block_and_flow_lists() {
        let block = "---\nsignoffs:\n    - by: a\n      stage: approved\n# end\ntitle: T\n---\n";
        assert_eq!(
            add(block),
            format!(
                "---\nsignoffs:\n    - by: a\n      stage: approved\n    - {E}\n# end\ntitle: T\n---\n"
            )
        );
        assert_eq!(
            add("---\nsignoffs: []\n---\n"),
            format!("---\nsignoffs: [{E}]\n---\n")
        );
        assert_eq!(
            add("---\nsignoffs: [ {by: a} ]  # x\n---\n"),
            format!("---\nsignoffs: [ {{by: a}}, {E} ]  # x\n---\n")
        );
        assert_eq!(
            add("---\nsignoffs: [\n  {by: a},\n]\n---\n"),
            format!("---\nsignoffs: [\n  {{by: a}}, {E}\n]\n---\n")
        );
        assert_eq!(
            add("---\nsignoffs:\n---\n"),
            format!("---\nsignoffs:\n  - {E}\n---\n")
        );
        assert_eq!(
            add("---\nsignoffs: ~\n---\n"),
            format!("---\nsignoffs: [{E}]\n---\n")
        );
    }

    #[test]
    fn quotes_what_is_not_plain() {
        let mut e = entry();
        e.by = "yes".into();
        e.note = Some("said \"ok\": fine".into());
        assert_eq!(
            e.to_yaml(),
            r#"{ by: "yes", stage: approved, date: 2026-11-21, digest: "sha256:00", note: "said \"ok\": fine" }"#
        );
    }
}
