//! Formatting: `mlsd fmt`'s own code, as one edit replacing the whole text. A spec with syntax
//! errors is left alone (no edits), as `mlsd fmt` refuses it.

use lsp_types::TextEdit;

use super::document::Document;
use crate::span::Span;

pub fn format(doc: &Document) -> Vec<TextEdit> {
    match crate::fmt::format(&doc.text) {
        Ok(formatted) if formatted != doc.text => vec![TextEdit::new(
            doc.range(Span::new(0, doc.text.len())),
            formatted,
        )],
        _ => Vec::new(),
    }
}
