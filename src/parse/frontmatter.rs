//! Splitting a record into front matter and body (parse stage).
//!
//! The first line is `---` (after an optional byte-order mark); the front matter ends at
//! the next line that is exactly `---` or `...`. CRLF and LF mean the same; spaces or tabs
//! after a fence are tolerated.

use crate::model::problem::{EmptyFile, MissingFrontMatter, Problem, UnclosedFrontMatter};
use crate::source::{FileId, SourceFile, Span};

/// Where the parts of a record are, as byte ranges of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Parts {
    /// The YAML between the fences.
    pub yaml: (usize, usize),
    /// The opening `---` line.
    pub open: (usize, usize),
    /// Everything after the closing fence line.
    pub body: (usize, usize),
}

fn strip_eol(line: &str) -> &str {
    line.trim_end_matches('\n').trim_end_matches('\r')
}

/// Finds the front matter of `file`, or says why there is none.
pub(crate) fn split(file: &SourceFile, id: FileId) -> Result<Parts, Problem> {
    let text = &file.text;
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if text[start..].trim().is_empty() {
        return Err(EmptyFile {
            at: Span::file_start(id),
        }
        .into());
    }
    let first_end = text[start..]
        .find('\n')
        .map(|i| start + i + 1)
        .unwrap_or(text.len());
    let first = strip_eol(&text[start..first_end]);
    if first.trim_end_matches([' ', '\t']) != "---" {
        let end = start + first.len();
        return Err(MissingFrontMatter {
            at: Span::new(id, start, end),
        }
        .into());
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        // Trailing spaces or tabs are invisible in an editor: tolerated, as on the first line.
        let line = strip_eol(&text[pos..end]).trim_end_matches([' ', '\t']);
        if line == "---" || line == "..." {
            return Ok(Parts {
                yaml: (first_end, pos),
                open: (start, start + first.len()),
                body: (end, text.len()),
            });
        }
        pos = end;
    }
    Err(UnclosedFrontMatter {
        at: Span::new(id, start, start + first.len()),
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parts(text: &str) -> Result<Parts, Problem> {
        let f = SourceFile::new("a.md".into(), PathBuf::new(), text.into());
        split(&f, FileId(0))
    }

    #[test]
    fn finds_the_parts_with_bom_and_crlf() {
        let p = parts("\u{feff}---\r\na: 1\r\n...\r\nbody\r\n").unwrap();
        assert_eq!(p.yaml, (8, 14));
        assert_eq!(p.body.0, 19);
    }

    #[test]
    fn tolerates_spaces_after_the_fences() {
        let p = parts("--- \na: 1\n---\t \r\nbody").unwrap();
        assert_eq!(p.yaml, (5, 10));
        assert_eq!(p.body.0, 17);
        // Anything else on the line is not a fence.
        assert!(matches!(
            parts("---\na: 1\n--- x\n"),
            Err(Problem::UnclosedFrontMatter(_))
        ));
    }

    #[test]
    fn reports_missing_pieces() {
        assert!(matches!(parts(""), Err(Problem::EmptyFile(_))));
        assert!(matches!(
            parts("a: 1\n"),
            Err(Problem::MissingFrontMatter(_))
        ));
        assert!(matches!(
            parts("---\na: 1\n"),
            Err(Problem::UnclosedFrontMatter(_))
        ));
    }
}
