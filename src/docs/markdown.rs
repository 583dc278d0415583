//! Pieces of GitHub-flavoured Markdown -> a document string: headings, paragraphs, lists,
//! tables (cells escaped), links, images and code spans. No raw HTML except the header
//! comment on the first line and stable anchors (`<a id="component-NAME"></a>`).

use crate::output::header_line;

/// A Markdown document being written; blocks are separated by one blank line.
#[derive(Debug, Default)]
pub struct Markdown {
    out: String,
    /// The marker of the list written last, if the last block is a list: a list right after
    /// another with the same marker would merge into it, so the next one switches markers.
    last_list: Option<char>,
}

impl Markdown {
    /// A document whose first line is the generated-file header, as an HTML comment.
    pub fn new(spec_name: &str) -> Self {
        // `--` may not appear inside an HTML comment.
        let header = one_line(&header_line(spec_name)).replace("--", "- -");
        Markdown {
            out: format!("<!-- {header} -->\n"),
            last_list: None,
        }
    }

    fn block(&mut self, text: &str) {
        self.last_list = None;
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        // Every block passes the shared filter: no raw CR, control or bidi control in Markdown.
        self.out
            .push_str(crate::output::text::prose(text).trim_end());
        self.out.push('\n');
    }

    /// `#`, `##`...: the text is escaped.
    pub fn heading(&mut self, level: usize, text: &str) {
        let level = level.clamp(1, 6);
        self.block(&format!(
            "{} {}",
            "#".repeat(level),
            one_line(&escape(text))
        ));
    }

    /// A stable anchor for the next block: `<a id="ID"></a>`, so links (from the diagrams'
    /// tooltips, the site) do not depend on the heading's text. `id` keeps only
    /// `[A-Za-z0-9_.-]`.
    pub fn anchor(&mut self, id: &str) {
        let id: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
            .collect();
        self.block(&format!("<a id=\"{id}\"></a>"));
    }

    /// A heading of already-formatted Markdown (code spans, escaped text).
    pub fn heading_md(&mut self, level: usize, markdown: &str) {
        let level = level.clamp(1, 6);
        self.block(&format!("{} {}", "#".repeat(level), one_line(markdown)));
    }

    /// A paragraph of already-formatted Markdown.
    pub fn para(&mut self, markdown: &str) {
        if !markdown.trim().is_empty() {
            self.block(markdown);
        }
    }

    /// Prose written by the spec's author (a `"""` string): kept as Markdown, with its
    /// headings pushed below `min_level` so the document's outline stays intact.
    pub fn prose(&mut self, markdown: &str, min_level: usize) {
        let mut text = String::new();
        let mut fence = false;
        for line in crate::output::text::prose(markdown).lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fence = !fence;
            }
            if !fence && line.starts_with('#') {
                let hashes = line.chars().take_while(|c| *c == '#').count();
                if hashes < min_level && line[hashes..].starts_with(' ') {
                    text.push_str(&"#".repeat(min_level));
                    text.push_str(&line[hashes..]);
                    text.push('\n');
                    continue;
                }
            }
            text.push_str(line);
            text.push('\n');
        }
        self.para(&text);
    }

    /// A bulleted list of already-formatted Markdown items.
    pub fn bullets<I, S>(&mut self, items: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let marker = if self.last_list == Some('-') {
            '*'
        } else {
            '-'
        };
        let text: Vec<String> = items
            .into_iter()
            .map(|i| format!("{marker} {}", indent_rest(i.as_ref(), "  ")))
            .collect();
        if !text.is_empty() {
            self.block(&text.join("\n"));
            self.last_list = Some(marker);
        }
    }

    /// A numbered list of already-formatted Markdown items.
    pub fn numbered<I, S>(&mut self, items: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let delimiter = if self.last_list == Some('.') {
            ')'
        } else {
            '.'
        };
        let text: Vec<String> = items
            .into_iter()
            .enumerate()
            .map(|(i, s)| format!("{}{delimiter} {}", i + 1, indent_rest(s.as_ref(), "   ")))
            .collect();
        if !text.is_empty() {
            self.block(&text.join("\n"));
            self.last_list = Some(delimiter);
        }
    }

    /// A table; cells are already-formatted Markdown (`|` and line breaks are escaped here).
    pub fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        let mut text = String::new();
        let row = |cells: &mut dyn Iterator<Item = String>| {
            let cells: Vec<String> = cells.collect();
            format!("| {} |\n", cells.join(" | "))
        };
        text.push_str(&row(&mut header.iter().map(|h| cell(h))));
        text.push_str(&row(&mut header.iter().map(|_| "---".to_string())));
        for r in rows {
            let mut cells = r.clone();
            cells.resize(header.len(), String::new());
            let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            text.push_str(&row(&mut cells.into_iter()));
        }
        self.block(&text);
    }

    /// A fenced code block.
    pub fn code_block(&mut self, lang: &str, code: &str) {
        let fence = if code.contains("```") { "~~~~" } else { "```" };
        self.block(&format!("{fence}{lang}\n{}\n{fence}", code.trim_end()));
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A table cell: one line, `|` escaped, empty shown as `-`.
fn cell(text: &str) -> String {
    let one = one_line(text);
    if one.is_empty() {
        return "-".to_string();
    }
    let mut out = String::with_capacity(one.len());
    let mut prev = ' ';
    for c in one.chars() {
        if c == '|' && prev != '\\' {
            out.push('\\');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// Joins lines with spaces.
pub fn one_line(text: &str) -> String {
    crate::output::text::one_line(text)
}

fn indent_rest(text: &str, indent: &str) -> String {
    let mut lines = text.trim_end().lines();
    let mut out = lines.next().unwrap_or_default().to_string();
    for l in lines {
        out.push('\n');
        if !l.is_empty() {
            out.push_str(indent);
        }
        out.push_str(l);
    }
    out
}

/// Plain text from the spec, escaped so that it renders as written (no emphasis, no links,
/// no HTML).
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = crate::output::text::prose(text).chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let special = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' => true,
            // Intraword underscores never emphasise in GFM; others might.
            '_' => {
                let before = i > 0 && chars[i - 1].is_alphanumeric();
                let after = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                !(before && after)
            }
            // At the start of any line, these would open a heading, list or rule.
            '#' | '-' | '+' | '=' => i == 0 || chars[i - 1] == '\n',
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // A leading `1.` would start a numbered list.
    if let Some(dot) = out.find(['.', ')'])
        && dot > 0
        && out[..dot].chars().all(|c| c.is_ascii_digit())
        && out[dot + 1..].starts_with(' ')
    {
        out.insert(dot, '\\');
    }
    out
}

/// The anchor GitHub gives a heading whose rendered text is `text`: lower case, punctuation
/// dropped, spaces as `-` (a repeated anchor is numbered by the caller).
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// An inline code span.
pub fn code(text: &str) -> String {
    let text = one_line(text);
    let longest = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let ticks = "`".repeat(longest + 1);
    if longest > 0 || text.starts_with(' ') {
        format!("{ticks} {text} {ticks}")
    } else {
        format!("{ticks}{text}{ticks}")
    }
}

/// A link to a file of the design folder, relative to the document at `from`.
pub fn link(text: &str, from: &str, to: &str) -> String {
    format!("[{}]({})", escape(text), relative(from, to))
}

/// An embedded image, relative to the document at `from`.
pub fn image(alt: &str, from: &str, to: &str) -> String {
    format!("![{}]({})", escape(alt), relative(from, to))
}

/// The path of `to` seen from the folder of `from` (both relative to the design folder).
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len().saturating_sub(1)];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dir.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative("design/high_level.md", "diagrams/architecture.svg"),
            "../diagrams/architecture.svg"
        );
        assert_eq!(
            relative("README.md", "diagrams/architecture.svg"),
            "diagrams/architecture.svg"
        );
        assert_eq!(relative("design/a.md", "design/b.md"), "b.md");
    }

    #[test]
    fn escapes() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("ndcg_at_10"), "ndcg_at_10");
        assert_eq!(escape("_x_ <b>"), "\\_x\\_ \\<b\\>");
        assert_eq!(escape("1. first"), "1\\. first");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(cell("x | y\nz"), "x \\| y z");
        assert_eq!(cell(""), "-");
    }

    #[test]
    fn adjacent_lists_stay_apart() {
        let mut md = Markdown::default();
        md.bullets(["a"]);
        md.bullets(["b"]);
        md.numbered(["c"]);
        md.numbered(["d"]);
        assert_eq!(md.finish(), "- a\n\n* b\n\n1. c\n\n1) d\n");
    }

    #[test]
    fn tables() {
        let mut md = Markdown::default();
        md.table(&["a", "b"], &[vec!["1".into()]]);
        assert_eq!(md.finish(), "| a | b |\n| --- | --- |\n| 1 | - |\n");
    }
}
