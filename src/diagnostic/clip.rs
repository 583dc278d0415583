//! A source and the spans of one diagnostic -> a source whose long lines are cut to a window
//! around the spans (with `…` where text was cut), and the spans moved to match, so a
//! diagnostic on a 10 MB line echoes a few dozen columns, not the line.

use crate::span::Span;

/// The bytes of a line shown at most, around the span.
pub const MAX_SHOWN: usize = 160;
const ELLIPSIS: &str = "…";

/// One line of the source and where it went in the clipped text.
struct Line {
    old_start: usize,
    /// End of the line's text (before its line break).
    old_body_end: usize,
    new_start: usize,
    /// The part of the line kept, and whether an ellipsis precedes it.
    window: (usize, usize),
    prefix: usize,
    new_body_len: usize,
}

/// `None` when no line is longer than [`MAX_SHOWN`] (nothing to clip).
pub fn clip(source: &str, primary: Span, others: &[Span]) -> Option<(String, Span, Vec<Span>)> {
    if !source.split('\n').any(|l| l.len() > MAX_SHOWN) {
        return None;
    }
    let mut out = String::with_capacity(source.len().min(1 << 20));
    let mut lines = Vec::new();
    let mut pos = 0;
    for raw in source.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let body = raw.trim_end_matches(['\n', '\r']);
        let body_end = start + body.len();
        let new_start = out.len();
        if body.len() <= MAX_SHOWN {
            out.push_str(raw);
            lines.push(Line {
                old_start: start,
                old_body_end: body_end,
                new_start,
                window: (start, body_end),
                prefix: 0,
                new_body_len: body.len(),
            });
            continue;
        }
        // Centre on the primary span when it is on this line, else on the first that is.
        let anchor = std::iter::once(&primary)
            .chain(others)
            .map(|s| s.start)
            .find(|&p| p >= start && p <= body_end)
            .unwrap_or(start);
        let mut ws = anchor.saturating_sub(MAX_SHOWN / 3).max(start);
        while !source.is_char_boundary(ws) {
            ws -= 1;
        }
        let mut we = (ws + MAX_SHOWN).min(body_end);
        while !source.is_char_boundary(we) {
            we += 1;
        }
        let prefix = if ws > start { ELLIPSIS.len() } else { 0 };
        if prefix > 0 {
            out.push_str(ELLIPSIS);
        }
        out.push_str(&source[ws..we]);
        if we < body_end {
            out.push_str(ELLIPSIS);
        }
        let new_body_len = out.len() - new_start;
        out.push_str(&raw[body.len()..]);
        lines.push(Line {
            old_start: start,
            old_body_end: body_end,
            new_start,
            window: (ws, we),
            prefix,
            new_body_len,
        });
    }
    let map = |p: usize| -> usize {
        let i = lines
            .partition_point(|l| l.old_start <= p)
            .saturating_sub(1);
        let Some(l) = lines.get(i) else {
            return out.len();
        };
        if p > l.old_body_end {
            return l.new_start + l.new_body_len + (p - l.old_body_end);
        }
        let (ws, we) = l.window;
        if ws == l.old_start && we == l.old_body_end {
            return l.new_start + (p - l.old_start);
        }
        l.new_start + l.prefix + (p.clamp(ws, we) - ws)
    };
    let span = |s: Span| {
        let start = map(s.start);
        Span::new(start, map(s.end).max(start))
    };
    let others = others.iter().map(|s| span(*s)).collect();
    let primary = span(primary);
    Some((out, primary, others))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let long = format!("a: \"{}X{}\"\nb: 1\n", "x".repeat(5_000), "y".repeat(5_000));
        let at = long.find('X').expect("X");
        let b = long.find("b:").expect("b");
        let (text, p, others) =
            clip(&long, Span::new(at, at + 1), &[Span::new(b, b + 1)]).expect("clipped");
        assert!(text.len() < 400, "{}", text.len());
        assert_eq!(&text[p.start..p.end], "X");
        assert_eq!(&text[others[0].start..others[0].end], "b");
        assert!(text.starts_with('…') && text.contains("…\nb: 1"));
        assert!(clip("short\nlines\n", Span::new(0, 1), &[]).is_none());
    }
}
