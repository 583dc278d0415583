//! Lines of Python -> one source text, with the indentation tracked by the writer so no
//! generator ever counts spaces; docstrings and string literals escaped here, once.

/// An indent-aware Python source writer (four spaces per level).
#[derive(Debug, Default)]
pub struct PyWriter {
    out: String,
    level: usize,
}

impl PyWriter {
    /// A writer whose first line is `# {header}`.
    pub fn new(header: &str) -> Self {
        let mut w = PyWriter::default();
        w.line(format!("# {header}"));
        w
    }

    /// One line at the current indentation; an empty line carries no spaces.
    pub fn line(&mut self, text: impl AsRef<str>) {
        let text = text.as_ref();
        if !text.is_empty() {
            for _ in 0..self.level {
                self.out.push_str("    ");
            }
            self.out.push_str(text);
        }
        self.out.push('\n');
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `header:` then `body` one level deeper.
    pub fn block(&mut self, header: impl AsRef<str>, body: impl FnOnce(&mut Self)) {
        self.line(format!("{}:", header.as_ref()));
        self.level += 1;
        body(self);
        self.level = self.level.saturating_sub(1);
    }

    /// `header:  # comment` then `body` one level deeper.
    pub fn block_commented(
        &mut self,
        header: impl AsRef<str>,
        comment: &str,
        body: impl FnOnce(&mut Self),
    ) {
        self.line(format!("{}:  # {comment}", header.as_ref()));
        self.level += 1;
        body(self);
        self.level = self.level.saturating_sub(1);
    }

    /// A docstring: `"""One line."""`, or a summary line, a blank line and the rest.
    pub fn docstring(&mut self, text: &str) {
        let text = text.trim();
        let lines: Vec<String> = escape_docstring(if text.is_empty() { "Stub." } else { text })
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect();
        match lines.as_slice() {
            [one] => self.line(format!("\"\"\"{one}\"\"\"")),
            [first, rest @ ..] => {
                self.line(format!("\"\"\"{first}"));
                for l in rest {
                    self.line(l);
                }
                self.line("\"\"\"");
            }
            [] => self.line("\"\"\"Stub.\"\"\""),
        }
    }

    /// The source, ending in exactly one newline.
    pub fn finish(self) -> String {
        let mut s = self.out.trim_end().to_string();
        s.push('\n');
        s
    }
}

/// Docstring text that cannot end or corrupt its `"""` literal.
fn escape_docstring(text: &str) -> String {
    let mut s = text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    if s.ends_with('"') {
        s.pop();
        s.push_str("\\\"");
    }
    s
}

/// A double-quoted Python string literal.
pub fn py_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_docstrings() {
        let mut w = PyWriter::new("header");
        w.block("def f() -> None", |w| {
            w.docstring("Summary.\n\nMore \"\"\" and \\ here.");
            w.line("raise NotImplementedError(\"x\")");
        });
        assert_eq!(
            w.finish(),
            "# header\ndef f() -> None:\n    \"\"\"Summary.\n\n    More \\\"\\\"\\\" and \\\\ here.\n    \"\"\"\n    raise NotImplementedError(\"x\")\n"
        );
    }

    #[test]
    fn strings() {
        assert_eq!(py_str("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(escape_docstring("ends with \""), "ends with \\\"");
    }
}
