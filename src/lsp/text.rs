//! Positions as the protocol counts them: 0-based lines, and columns in UTF-8 bytes or
//! UTF-16 code units, as agreed at initialisation.

use lsp_types::{Position, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

/// The position of byte `offset` of `text` (rounded down to a character boundary).
pub(super) fn position(text: &str, offset: usize, encoding: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let before = &text[line_start..offset];
    let character = match encoding {
        Encoding::Utf8 => before.len(),
        Encoding::Utf16 => before.encode_utf16().count(),
    };
    Position::new(line as u32, character as u32)
}

pub(super) fn range(text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
    Range::new(
        position(text, start, encoding),
        position(text, end, encoding),
    )
}

/// The byte offset of `pos` in `text`, clamped to the end of its line (and of the text).
pub(super) fn offset(text: &str, pos: Position, encoding: Encoding) -> usize {
    let mut line_start = 0;
    for _ in 0..pos.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut units = 0u32;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= pos.character {
            return line_start + i;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        };
    }
    line_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_in_the_agreed_units() {
        let text = "a: 青山\nb: 𝄞x\n";
        let x = text.find('x').unwrap();
        assert_eq!(position(text, x, Encoding::Utf16), Position::new(1, 5));
        assert_eq!(position(text, x, Encoding::Utf8), Position::new(1, 7));
        assert_eq!(offset(text, Position::new(1, 5), Encoding::Utf16), x);
        assert_eq!(offset(text, Position::new(1, 7), Encoding::Utf8), x);
        assert_eq!(
            offset(text, Position::new(0, 99), Encoding::Utf16),
            text.find('\n').unwrap()
        );
        assert_eq!(
            offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
    }
}
