//! Source files (stage 0): every file docket reads, by id, with its text and line starts.
//!
//! A [`Span`] is a file plus a byte range. Line and column are computed only when a
//! diagnostic is rendered, from the line starts kept here: 1-based, the column counted
//! in Unicode characters, a byte-order mark not counted, CRLF treated as one line break.

use std::path::PathBuf;
use std::sync::OnceLock;

/// Index of a file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start,
            end: end.max(start),
        }
    }

    /// An empty span at the start of a file: for problems of a whole file.
    pub fn file_start(file: FileId) -> Self {
        Span::new(file, 0, 0)
    }
}

// A span is stored without its file: a parsed file kept between runs (`load::cache`)
// gets the id the file has in this run, set for the thread by [`in_file`] while it is
// read back.
thread_local! {
    static READING: std::cell::Cell<FileId> = const { std::cell::Cell::new(FileId(u32::MAX)) };
}

/// Runs `read` with every span it deserialises placed in file `id`.
pub(crate) fn in_file<T>(id: FileId, read: impl FnOnce() -> T) -> T {
    let before = READING.with(|r| r.replace(id));
    let out = read();
    READING.with(|r| r.set(before));
    out
}

/// The file that spans being deserialised on this thread belong to (see [`in_file`]).
pub(crate) fn reading_file() -> FileId {
    READING.with(|r| r.get())
}

impl serde::Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.start, self.end).serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (start, end) = <(usize, usize)>::deserialize(d)?;
        Ok(Span::new(READING.with(|r| r.get()), start, end))
    }
}

/// One file as read from the workspace.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the workspace root, with `/` separators.
    pub path: String,
    /// Absolute path on disk.
    pub disk_path: PathBuf,
    /// The text (lossily decoded if the file was not valid UTF-8; such a file is reported).
    pub text: String,
    /// Where each line starts, made the first time a position is asked for (most files
    /// of a check have no diagnostic and need none).
    line_starts: OnceLock<Vec<usize>>,
    bom: bool,
    /// Characters before every [`MARK`] bytes of the text, made the first time a column far
    /// into a long line is asked for, so that a column costs at most [`MARK`] bytes of
    /// counting however long the line.
    char_marks: OnceLock<Vec<usize>>,
    /// The hash of the text ([`SourceFile::hash`]), made the first time it is asked for
    /// unless the file was read back from a cache that knew it.
    hash: OnceLock<[u8; 16]>,
}

/// The first 16 bytes of the SHA-256 of `bytes` (see [`SourceFile::hash`]).
pub(crate) fn hash_of(bytes: &[u8]) -> [u8; 16] {
    use sha2::{Digest, Sha256};
    let mut hash = [0u8; 16];
    hash.copy_from_slice(&Sha256::digest(bytes)[..16]);
    hash
}

/// Spacing of [`SourceFile`]'s character marks, in bytes.
const MARK: usize = 4096;

/// A position for people: 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Characters that start in `bytes` (UTF-8): every byte but continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl SourceFile {
    pub fn new(path: String, disk_path: PathBuf, text: String) -> Self {
        let bom = text.starts_with('\u{feff}');
        SourceFile {
            path,
            disk_path,
            text,
            line_starts: OnceLock::new(),
            bom,
            char_marks: OnceLock::new(),
            hash: OnceLock::new(),
        }
    }

    /// A file whose text's [`SourceFile::hash`] is already known (read back from a cache
    /// that keeps both).
    pub fn with_hash(path: String, disk_path: PathBuf, text: String, hash: [u8; 16]) -> Self {
        let file = SourceFile::new(path, disk_path, text);
        let _ = file.hash.set(hash);
        file
    }

    /// The first 16 bytes of the SHA-256 of the text: what caches key a file's results by.
    pub fn hash(&self) -> [u8; 16] {
        *self.hash.get_or_init(|| hash_of(self.text.as_bytes()))
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where the 0-based line `index` starts (the text's end past the last line).
    pub fn line_start(&self, index: usize) -> usize {
        self.line_starts()
            .get(index)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The line's text without its line break.
    pub fn line_text(&self, index: usize) -> &str {
        let start = self.line_start(index);
        let end = self
            .line_starts()
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = &self.text[start..end];
        line.trim_end_matches('\n').trim_end_matches('\r')
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// Line and column of a byte offset (clamped to the text and to a char boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.line_index(offset);
        let mut start = self.line_starts()[index];
        if index == 0 && self.bom {
            start = start.max('\u{feff}'.len_utf8()).min(offset);
        }
        let column = if offset - start <= MARK {
            self.text[start..offset].chars().count()
        } else {
            self.chars_before(offset) - self.chars_before(start)
        } + 1;
        LineCol {
            line: index + 1,
            column,
        }
    }

    /// How many characters the text has before byte `offset` (a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let marks = self.char_marks.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut marks = vec![0];
            for chunk in bytes.chunks(MARK) {
                let last = marks.last().copied().unwrap_or(0);
                marks.push(last + chars_in(chunk));
            }
            marks
        });
        let at = offset / MARK;
        marks.get(at).copied().unwrap_or(0) + chars_in(&self.text.as_bytes()[at * MARK..offset])
    }

    /// Byte offset of a 1-based line and character column (clamped to the line).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let index = line.saturating_sub(1).min(self.line_starts().len() - 1);
        let mut start = self.line_starts()[index];
        if index == 0 && self.bom {
            start += '\u{feff}'.len_utf8();
        }
        let text = self.line_text(index);
        let skip = if index == 0 && self.bom {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let text = text.get(skip..).unwrap_or("");
        let within = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map(|(i, _)| i)
            .unwrap_or(text.len());
        start + within
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start.min(self.text.len())..span.end.min(self.text.len()))
            .unwrap_or("")
    }
}

/// Every file docket has read, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceMap {
    /// Shared, so that a long-running process (the language server) keeps the files of
    /// one compile for the next without copying them.
    files: Vec<std::sync::Arc<SourceFile>>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.add_shared(std::sync::Arc::new(file))
    }

    /// [`SourceMap::add`] for a file another compile holds too.
    pub fn add_shared(&mut self, file: std::sync::Arc<SourceFile>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(file);
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), &**f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("a.md".into(), PathBuf::from("a.md"), text.into())
    }

    #[test]
    fn columns_count_characters_and_skip_the_bom() {
        let f = file("\u{feff}---\r\ntitle: 青山 x\r\n");
        assert_eq!(f.line_col(3), LineCol { line: 1, column: 1 });
        let x = f.text.find('x').unwrap();
        assert_eq!(
            f.line_col(x),
            LineCol {
                line: 2,
                column: 11
            }
        );
        assert_eq!(f.offset_of(2, 11), x);
        assert_eq!(f.line_text(1), "title: 青山 x");
    }

    #[test]
    fn columns_far_into_long_lines() {
        let text = format!("first\n{}\u{feff}", "aé中😀".repeat(10_000));
        let f = file(&text);
        let naive = |offset: usize| text[6..offset].chars().count() + 1;
        for offset in [6, 7, 4100, 4103, 4107, 40_000, 70_006, text.len() - 3] {
            let offset = (0..=offset)
                .rev()
                .find(|&o| text.is_char_boundary(o))
                .unwrap_or(0);
            assert_eq!(
                f.line_col(offset),
                LineCol {
                    line: 2,
                    column: naive(offset)
                },
                "{offset}"
            );
        }
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let f = file("a\nb");
        assert_eq!(f.line_col(99), LineCol { line: 2, column: 2 });
        assert_eq!(f.offset_of(9, 9), 3);
    }
}
