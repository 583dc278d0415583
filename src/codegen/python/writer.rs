//! Lines of Python -> one source text, with the indentation tracked by the writer so no
//! generator ever counts spaces; docstrings and string literals escaped here, once.

/// The line length of black, ruff-format and isort.
const LINE_LENGTH: usize = 88;

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

    /// `head(args)tail`, wrapped the way black and ruff-format wrap past 88 columns: all
    /// arguments on one indented line, or one a line with a trailing comma. Returns the
    /// lines without indentation.
    fn wrapped(&self, head: &str, args: &[String], tail: &str) -> Vec<String> {
        let width = LINE_LENGTH.saturating_sub(self.level * 4);
        let one = format!("{head}({}){tail}", args.join(", "));
        if one.chars().count() <= width || args.is_empty() {
            return vec![one];
        }
        let joined = format!("    {}", args.join(", "));
        if joined.chars().count() <= width {
            return vec![format!("{head}("), joined, format!("){tail}")];
        }
        let mut lines = vec![format!("{head}(")];
        for a in args {
            let line = format!("    {a},");
            // Like black: an argument still too long splits inside its first subscript.
            match split_subscript(a) {
                Some((open, inner, close)) if line.chars().count() > width => {
                    lines.push(format!("    {open}["));
                    lines.push(format!("        {inner}"));
                    lines.push(format!("    ]{close},"));
                }
                _ => lines.push(line),
            }
        }
        lines.push(format!("){tail}"));
        lines
    }

    /// A call statement, wrapped when long: `raise NotImplementedError("...")`.
    pub fn call(&mut self, head: &str, args: &[String]) {
        for l in self.wrapped(head, args, "") {
            self.line(l);
        }
    }

    /// `def name(params) -> ret:` (wrapped when long), then `body` one level deeper.
    pub fn def(&mut self, name: &str, params: &[String], ret: &str, body: impl FnOnce(&mut Self)) {
        let lines = self.wrapped(&format!("def {name}"), params, &format!(" -> {ret}:"));
        for l in lines {
            self.line(l);
        }
        self.level += 1;
        body(self);
        self.level = self.level.saturating_sub(1);
    }

    /// A docstring: `"""One line."""`, or a summary line, a blank line and the rest.
    pub fn docstring(&mut self, text: &str) {
        let text = text.trim();
        // Room for the indentation and the quotes around a summary line.
        let width = LINE_LENGTH.saturating_sub(self.level * 4 + 3).max(40);
        let lines: Vec<String> = escape_docstring(if text.is_empty() { "Stub." } else { text })
            .lines()
            .flat_map(|l| wrap_line(l.trim_end(), width))
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

/// `line` cut at spaces into lines of at most `width` columns where possible; continuation
/// lines keep the line's indentation.
fn wrap_line(line: &str, width: usize) -> Vec<String> {
    // Indented lines are code or literal blocks: never reflowed.
    if line.chars().count() <= width || line.starts_with("    ") {
        return vec![line.to_string()];
    }
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let mut out = Vec::new();
    let mut cur = indent.clone();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        let fits = cur.chars().count() + 1 + word.chars().count() <= width;
        if cur.trim().is_empty() || fits {
            if !cur.trim().is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        } else {
            out.push(std::mem::replace(&mut cur, format!("{indent}{word}")));
        }
    }
    out.push(cur);
    out
}

/// `name: Outer[inner] = x` -> (`name: Outer`, `inner`, ` = x`), brackets in strings ignored.
fn split_subscript(text: &str) -> Option<(&str, &str, &str)> {
    let mut quote: Option<char> = None;
    let mut depth = 0usize;
    let mut open = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '[' => {
                if depth == 0 && open.is_none() {
                    open = Some(i);
                }
                depth += 1;
            }
            ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    let o = open?;
                    return Some((&text[..o], &text[o + 1..i], &text[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// Docstring text that cannot end or corrupt its `"""` literal.
fn escape_docstring(text: &str) -> String {
    let mut s = crate::output::text::prose(text)
        .replace('\\', "\\\\")
        .replace("\"\"\"", "\\\"\\\"\\\"");
    if s.ends_with('"') {
        s.pop();
        s.push_str("\\\"");
    }
    s
}

/// A Python string literal: double-quoted, or single-quoted when that needs fewer escapes
/// (black's choice).
pub fn py_str(s: &str) -> String {
    let quote = if s.contains('"') && !s.contains('\'') {
        '\''
    } else {
        '"'
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if crate::output::text::is_unsafe(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
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
    fn long_signatures_and_calls_wrap() {
        let mut w = PyWriter::default();
        let params: Vec<String> = (0..8).map(|i| format!("parameter_{i}: int")).collect();
        w.def("f", &params, "None", |w| {
            w.call("raise NotImplementedError", &[py_str(&"x".repeat(90))]);
        });
        let text = w.finish();
        assert!(
            text.starts_with("def f(\n    parameter_0: int,\n"),
            "{text}"
        );
        assert!(
            text.contains("    parameter_7: int,\n) -> None:\n"),
            "{text}"
        );
        assert!(
            text.contains("    raise NotImplementedError(\n        \"xxx"),
            "{text}"
        );
        let mut w = PyWriter::default();
        w.def("g", &["a: int".to_string()], "None", |w| w.line("return"));
        assert_eq!(w.finish(), "def g(a: int) -> None:\n    return\n");
    }

    #[test]
    fn long_docstring_lines_wrap() {
        let mut w = PyWriter::default();
        w.block("def f() -> None", |w| {
            w.docstring(&format!("Summary.\n\n{}", "word ".repeat(40)))
        });
        for line in w.finish().lines() {
            assert!(line.len() <= 88, "{line}");
        }
    }

    #[test]
    fn strings() {
        assert_eq!(py_str("a\"b\\c\nd"), "'a\"b\\\\c\\nd'");
        assert_eq!(py_str("it's \"x\""), "\"it's \\\"x\\\"\"");
        assert_eq!(escape_docstring("ends with \""), "ends with \\\"");
    }
}
