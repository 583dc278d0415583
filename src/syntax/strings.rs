//! String literals: escapes of one-line strings, dedenting of `"""` strings.

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// Decodes the body of a `"..."` string that starts at byte `start` (the body's first byte).
pub fn unescape(body: &str, start: usize) -> Result<String, Diagnostic> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let esc_start = start + i;
        match chars.next() {
            Some((_, '"')) => out.push('"'),
            Some((_, '\\')) => out.push('\\'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, 't')) => out.push('\t'),
            Some((j, 'u')) => {
                let rest = &body[j + 1..];
                let close = rest.find('}');
                let decoded = rest
                    .strip_prefix('{')
                    .and(close)
                    .and_then(|close| {
                        u32::from_str_radix(&rest[1..close], 16)
                            .ok()
                            .map(|v| (v, close))
                    })
                    .and_then(|(v, close)| char::from_u32(v).map(|ch| (ch, close)));
                match decoded {
                    Some((ch, close)) if close <= 7 => {
                        out.push(ch);
                        for _ in 0..=close {
                            chars.next();
                        }
                    }
                    _ => {
                        let end = start + j + 1 + close.map_or(0, |c| c + 1);
                        return Err(Diagnostic::error(
                            codes::E003,
                            Span::new(esc_start, end.max(esc_start + 2)),
                            "invalid unicode escape",
                        )
                        .with_help(
                            "write a code point in hex between braces, as in `\\u{1F600}`",
                        ));
                    }
                }
            }
            Some((j, other)) => {
                return Err(Diagnostic::error(
                    codes::E003,
                    Span::new(esc_start, start + j + other.len_utf8()),
                    format!("unknown escape `\\{other}`"),
                )
                .with_help(
                    "the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{...}`; write `\\\\` for a backslash",
                ));
            }
            None => {
                return Err(Diagnostic::error(
                    codes::E003,
                    Span::new(esc_start, esc_start + 1),
                    "a string cannot end with `\\`",
                )
                .with_help("write `\\\\` for a backslash"));
            }
        }
    }
    Ok(out)
}

/// Dedents the body of a `"""` string that starts at byte `start`: drops the line end right
/// after the opening quotes and a whitespace-only last line, then removes the longest common
/// leading whitespace of the non-blank lines.
pub fn dedent(body: &str, start: usize) -> Result<String, Diagnostic> {
    let mut text = body;
    let mut offset = start;
    if let Some(rest) = text.strip_prefix("\r\n") {
        text = rest;
        offset += 2;
    } else if let Some(rest) = text.strip_prefix('\n') {
        text = rest;
        offset += 1;
    }
    if let Some(last_nl) = text.rfind('\n')
        && text[last_nl + 1..].chars().all(|c| c == ' ' || c == '\t')
    {
        text = &text[..last_nl];
        text = text.strip_suffix('\r').unwrap_or(text);
    }
    let lines: Vec<(usize, &str)> = line_offsets(text, offset);
    let indents: Vec<(usize, &str)> = lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(o, l)| (*o, &l[..l.len() - l.trim_start_matches([' ', '\t']).len()]))
        .collect();
    let mut common: Option<&str> = None;
    for (_, indent) in &indents {
        common = Some(match common {
            None => indent,
            Some(c) => common_prefix(c, indent),
        });
    }
    let common = common.unwrap_or("");
    if common.contains(' ') && common.contains('\t') {
        let (o, _) = indents[0];
        return Err(Diagnostic::error(
            codes::E005,
            Span::new(o, o + common.len()),
            "the indentation of this text block mixes tabs and spaces",
        )
        .with_help("indent every line of a `\"\"\"` string with spaces only, or with tabs only"));
    }
    if indents.len() > 1 {
        for (o, indent) in &indents {
            let mixed = indent.len() > common.len()
                && common.is_empty()
                && indents.iter().any(|(_, i)| i.starts_with(' '))
                && indents.iter().any(|(_, i)| i.starts_with('\t'));
            if mixed {
                return Err(Diagnostic::error(
                    codes::E005,
                    Span::new(*o, o + indent.len()),
                    "the indentation of this text block mixes tabs and spaces",
                )
                .with_help(
                    "indent every line of a `\"\"\"` string with spaces only, or with tabs only",
                ));
            }
        }
    }
    let out: Vec<&str> = lines
        .iter()
        .map(|(_, l)| {
            let l = l.strip_suffix('\r').unwrap_or(l);
            l.strip_prefix(common)
                .unwrap_or(l.trim_start_matches([' ', '\t']))
        })
        .collect();
    Ok(out.join("\n"))
}

fn line_offsets(text: &str, offset: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        out.push((offset + pos, line));
        pos += line.len() + 1;
    }
    out
}

fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    &a[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            unescape(r#"a\"b\\c\n\t\u{1F600}"#, 0).unwrap(),
            "a\"b\\c\n\t😀"
        );
        let err = unescape(r"ab\q", 10).unwrap_err();
        assert_eq!(err.span, Span::new(12, 14));
        assert!(unescape(r"\u{zz}", 0).is_err());
        assert!(unescape(r"\u{110000}", 0).is_err());
    }

    #[test]
    fn dedents() {
        assert_eq!(
            dedent("\n    a\n      b\n\n    c\n  ", 0).unwrap(),
            "a\n  b\n\nc"
        );
        assert_eq!(dedent("one line", 0).unwrap(), "one line");
        assert!(dedent("\n  \ta\n\t  b\n", 0).is_err());
    }
}
