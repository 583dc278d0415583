//! Spec text -> text that cannot change a generated file's syntax. The one place that knows
//! which characters are dangerous in generated files: line breaks other than `\n` (CR, NEL,
//! U+2028, U+2029, VT, FF), NUL and every other control character, and the bidirectional
//! controls that reorder what a reader sees (Trojan Source). Each output's quoting function
//! starts from [`prose`] or [`one_line`], or escapes [`is_unsafe`] characters in its own way.

/// Whether `c` must never reach a generated file as itself: a control character other than
/// tab and `\n`, a Unicode line or paragraph separator, or a bidirectional control.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || is_line_break(c) || is_bidi(c)
}

/// The bidirectional controls: embeddings and overrides (U+202A-U+202E), isolates
/// (U+2066-U+2069), and the marks U+200E, U+200F and U+061C.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// A character some syntax reads as the end of a line (besides `\n`).
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `text` with every line break written as `\n` (CRLF as one), and every other unsafe
/// character shown as its escape `\u{...}`, as the spec would write it.
pub fn prose(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if is_line_break(c) {
            out.push('\n');
        } else if is_unsafe(c) {
            out.push_str(&visible(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// [`prose`] on one line: each run of whitespace (line breaks included) becomes one space.
pub fn one_line(text: &str) -> String {
    prose(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for XML or HTML, in element content or a double-quoted attribute: the markup
/// characters as entities (the apostrophe as `&#39;`, which both read), every unsafe
/// character shown as its escape ([`visible`]).
pub fn markup(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if is_unsafe(c) => o.push_str(&visible(c)),
            c => o.push(c),
        }
    }
    o
}

/// `\u{202e}`: how an unsafe character is shown in text.
pub fn visible(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// A YAML double-quoted scalar: quotes, backslashes and every unsafe character escaped, so
/// spec text stays one string whatever it holds.
pub fn yaml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            // NEL, U+2028, U+2029 are line breaks to YAML; bidirectional controls reorder.
            c if is_unsafe(c) => {
                out.push_str(&format!("\\u{:04x}", c as u32));
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
    fn yaml_strings_stay_one_scalar() {
        assert_eq!(yaml_str("a\"b\\c\nd: e # f"), "\"a\\\"b\\\\c\\nd: e # f\"");
        assert_eq!(
            yaml_str("x\u{85}y\u{2028}z\u{202e}"),
            "\"x\\u0085y\\u2028z\\u202e\""
        );
        assert_eq!(yaml_str("\r\u{0}"), "\"\\r\\x00\"");
    }

    #[test]
    fn line_breaks_become_newlines_and_controls_become_visible() {
        assert_eq!(
            prose("a\rb\r\nc\u{2028}d\u{2029}e\u{85}f"),
            "a\nb\nc\nd\ne\nf"
        );
        assert_eq!(prose("x\u{0}y\u{1b}z\u{7f}"), "x\\u{0}y\\u{1b}z\\u{7f}");
        assert_eq!(prose("a\u{202e}b\u{2066}c"), "a\\u{202e}b\\u{2066}c");
        assert_eq!(prose("tab\tok é ✓"), "tab\tok é ✓");
        assert_eq!(one_line("a\r    pwned = 1\n b"), "a pwned = 1 b");
        for c in ['\r', '\u{0}', '\u{2028}', '\u{202e}', '\u{9f}'] {
            assert!(!prose(&format!("a{c}b")).contains(c));
        }
    }
}
