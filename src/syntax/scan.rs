//! A light pass over the raw text that sees brackets but not what is inside comments and
//! strings: enough to find too-deep nesting before parsing and what is left open after a
//! failed parse.

use std::ops::ControlFlow;

/// How a scan ended.
pub enum Scanned {
    /// Every byte was visited.
    Done,
    /// `visit` stopped at this offset.
    Stopped(usize),
    /// A `"""` at this offset never closes.
    OpenText(usize),
}

/// Calls `visit(offset, byte)` for every byte outside comments and strings (an arrow `->`
/// is skipped whole, so its `>` is never taken for a closing bracket).
pub fn scan(source: &str, mut visit: impl FnMut(usize, u8) -> ControlFlow<()>) -> Scanned {
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                let open = i;
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += 1;
                }
                if i >= bytes.len() {
                    return Scanned::OpenText(open);
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'-' if bytes.get(i + 1) == Some(&b'>') => i += 1,
            b => {
                if visit(i, b).is_break() {
                    return Scanned::Stopped(i);
                }
            }
        }
        i += 1;
    }
    Scanned::Done
}
