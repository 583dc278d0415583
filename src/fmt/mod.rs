//! spec text -> the same spec in canonical layout (`mlsd fmt`).
//!
//! Two-space indent, one statement per line, nothing aligned. Comments are not in the AST:
//! they are scanned from the text (`comments.rs`) and put back by position, an own-line
//! comment before the statement that follows it, a trailing comment after the statement it
//! follows on the same line. Literal text (strings, text blocks, quantities) is copied from
//! the source as written. A block stays on one line when it was written on one line and holds
//! no block; every other block is expanded. Blank lines between statements are kept, at most
//! one in a row. A list stays on one line when it was written on one line; otherwise it gets
//! one element per line with a trailing comma.

mod comments;
mod printer;

pub use comments::{Comment, scan as scan_comments};

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::syntax;

/// Formats a spec. A spec with syntax errors is refused with its diagnostics.
pub fn format(source: &str) -> Result<String, Vec<Diagnostic>> {
    let parsed = syntax::parse(source);
    if parsed.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(parsed.diagnostics);
    }
    let formatted = printer::print(source, &parsed.spec);
    // A formatter bug must never destroy a spec: refuse rather than write text that no longer
    // parses or that lost a comment.
    let again = syntax::parse(&formatted);
    let lost_comment = comments::scan(&formatted).len() != comments::scan(source).len();
    if again.diagnostics.iter().any(Diagnostic::is_error) || lost_comment {
        return Err(vec![
            Diagnostic::error(
                codes::E000,
                Span::new(0, 0),
                "internal error: the formatted spec would not read back the same",
            )
            .with_help("the file was left unchanged; please report this spec"),
        ]);
    }
    Ok(formatted)
}

/// Formats raw bytes (decoding them as a spec is decoded).
pub fn format_bytes(bytes: &[u8]) -> (String, Result<String, Vec<Diagnostic>>) {
    let (source, bad) = syntax::decode(bytes);
    if let Some(diag) = bad {
        return (source, Err(vec![diag]));
    }
    let result = format(&source);
    (source, result)
}
