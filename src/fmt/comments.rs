//! source text -> the `#` comments in it, with their byte ranges. Strings are skipped, so a
//! `#` inside `"..."` or `"""..."""` is text, as the grammar reads it.

/// One comment: `text` starts with `#` and has no trailing whitespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Every comment of `source`, in order.
pub fn scan(source: &str) -> Vec<Comment> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                let start = i;
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                let text = source[start..i].trim_end();
                out.push(Comment {
                    start,
                    end: start + text.len(),
                    text: text.to_string(),
                });
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += 1;
                }
                i += 3;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' && bytes.get(i + 1).is_some_and(|&b| b != b'\n') {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::scan;

    #[test]
    fn skips_strings() {
        let src = "a: \"x # y\" # real\nb: \"\"\"\n# not\n\"\"\" #two  \r\nc: \"q\\\"#\" #3";
        let texts: Vec<String> = scan(src).into_iter().map(|c| c.text).collect();
        assert_eq!(texts, ["# real", "#two", "#3"]);
    }
}
