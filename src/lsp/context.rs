//! Where the cursor stands, read from the text alone (a half-typed spec does not parse): the
//! blocks it is inside and the statement written so far.

/// The cursor's surroundings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// Keywords of the enclosing blocks, outermost first (`flow` for an arrow's block).
    pub blocks: Vec<String>,
    /// The current statement from its start to the cursor.
    pub prefix: String,
    /// Whether the cursor is inside a string or a comment.
    pub in_text: bool,
}

impl Context {
    /// The innermost block keyword, `""` at the top level.
    pub fn block(&self) -> &str {
        self.blocks.last().map_or("", String::as_str)
    }
}

/// Scans `text` up to `offset`, skipping strings and comments.
pub fn at(text: &str, offset: usize) -> Context {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let bytes = &text.as_bytes()[..offset];
    let mut blocks: Vec<String> = Vec::new();
    let mut stmt_start = 0;
    let mut in_text = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                if i == bytes.len() {
                    in_text = true;
                }
                continue;
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += 1;
                }
                if i >= bytes.len() {
                    in_text = true;
                }
                i += 3;
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i >= bytes.len() {
                    in_text = true;
                }
            }
            b'{' => {
                blocks.push(opener(&text[stmt_start..i]));
                stmt_start = i + 1;
            }
            b'}' => {
                blocks.pop();
                stmt_start = i + 1;
            }
            b'\n' | b';' => stmt_start = i + 1,
            _ => {}
        }
        i += 1;
    }
    let stmt_start = stmt_start.min(offset);
    Context {
        blocks,
        prefix: text[stmt_start..offset].trim_start().to_string(),
        in_text,
    }
}

/// The keyword of the statement that opens a block: its first word, or `flow` for an arrow.
fn opener(statement: &str) -> String {
    if statement.contains("->") {
        return "flow".into();
    }
    statement
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_enclosing_blocks_and_prefix() {
        let text = "pipeline p {\n  stage s \"a { b\" {\n    reads: [l";
        let c = at(text, text.len());
        assert_eq!(c.blocks, ["pipeline", "stage"]);
        assert_eq!(c.prefix, "reads: [l");
        assert!(!c.in_text);
        let c = at("a -> b { mo", 11);
        assert_eq!(c.block(), "flow");
        assert_eq!(c.prefix, "mo");
        assert!(at("x { tech: \"Go", 13).in_text);
    }
}
