//! Byte offsets <-> LSP positions. LSP counts columns in UTF-16 code units (the default
//! `positionEncoding`), mlsd spans are byte offsets into UTF-8 text.

use lsp_types::{Position, Range};

use crate::span::Span;

/// Line starts of one text, to convert offsets and positions both ways.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The position of a byte offset (clamped to the text, rounded down to a char boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character: usize = text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of a position; a column past the line's end is the line's end, a line
    /// past the text is the text's end.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next - 1);
        let mut units = 0usize;
        for (i, c) in text[start..end].char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_utf16_units() {
        let text = "a: \"é😀\" x\nnext";
        let index = LineIndex::new(text);
        let x = text.find(" x").unwrap() + 1;
        // `a: "` is 4 units, é 1, 😀 2, `" ` 2: 9 units before x
        assert_eq!(index.position(text, x), Position::new(0, 9));
        assert_eq!(index.offset(text, Position::new(0, 9)), x);
        assert_eq!(index.offset(text, Position::new(1, 2)), text.len() - 2);
        assert_eq!(
            index.offset(text, Position::new(0, 99)),
            text.find('\n').unwrap()
        );
        assert_eq!(index.offset(text, Position::new(7, 0)), text.len());
    }

    #[test]
    fn rounds_inside_a_char_down() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1), Position::new(0, 0));
    }
}
