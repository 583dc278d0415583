//! (text, width limit, font) -> wrapped lines with their measured widths: the unit layout
//! sizes boxes with and scene draws.

use super::text_measurer::{ASCENT, DESCENT, TextMeasurer, Weight};

/// Line height as a multiple of the font size; above ascent + descent (1.16) so that a
/// browser's text box of a line fits in the line.
pub const LINE_HEIGHT: f64 = 1.3;

/// Lines of one style of text, already wrapped and measured.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextBlock {
    pub lines: Vec<String>,
    /// Measured width of each line.
    pub widths: Vec<f64>,
    pub size: f64,
    pub weight: Weight,
}

impl TextBlock {
    /// Wraps `text` greedily at spaces so that no line is wider than `max_width` (a word wider
    /// than that is cut between characters). Explicit `\n` starts a new line.
    pub fn wrap(
        m: &TextMeasurer,
        text: &str,
        size: f64,
        weight: Weight,
        max_width: f64,
    ) -> TextBlock {
        // Widths add up (kerning and ligatures are off), so each word is shaped once and a
        // line's width is the sum; sums close to the limit are checked by shaping the line.
        let fits = |line: &str, estimate: f64| {
            estimate <= max_width - 0.5
                || (estimate <= max_width + 0.5 && m.width(line, size, weight) <= max_width)
        };
        let space = m.width(" ", size, weight);
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut current = String::new();
            let mut current_w = 0.0;
            for word in para.split_whitespace() {
                let ww = m.width(word, size, weight);
                if !current.is_empty() {
                    let candidate = format!("{current} {word}");
                    if fits(&candidate, current_w + space + ww) {
                        current = candidate;
                        current_w += space + ww;
                        continue;
                    }
                    lines.push(std::mem::take(&mut current));
                }
                if fits(word, ww) {
                    current = word.to_string();
                    current_w = ww;
                    continue;
                }
                // A word wider than the limit is cut between characters.
                let mut piece = String::new();
                let mut piece_w = 0.0;
                for ch in word.chars() {
                    let cw = m.width(ch.encode_utf8(&mut [0; 4]), size, weight);
                    let mut next = piece.clone();
                    next.push(ch);
                    if !piece.is_empty() && !fits(&next, piece_w + cw) {
                        lines.push(std::mem::take(&mut piece));
                        piece_w = 0.0;
                        next = ch.to_string();
                    }
                    piece = next;
                    piece_w += cw;
                }
                current = piece;
                current_w = piece_w;
            }
            if !current.is_empty() {
                lines.push(current);
            }
        }
        Self::from_lines(m, lines, size, weight)
    }

    /// Several separate lines (captions), each wrapped on its own.
    pub fn wrap_all(
        m: &TextMeasurer,
        texts: &[String],
        size: f64,
        weight: Weight,
        max_width: f64,
    ) -> TextBlock {
        let mut lines = Vec::new();
        for t in texts {
            lines.extend(Self::wrap(m, t, size, weight, max_width).lines);
        }
        Self::from_lines(m, lines, size, weight)
    }

    fn from_lines(m: &TextMeasurer, lines: Vec<String>, size: f64, weight: Weight) -> TextBlock {
        let widths = lines.iter().map(|l| m.width(l, size, weight)).collect();
        TextBlock {
            lines,
            widths,
            size,
            weight,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn width(&self) -> f64 {
        self.widths.iter().copied().fold(0.0, f64::max)
    }

    pub fn line_height(&self) -> f64 {
        self.size * LINE_HEIGHT
    }

    pub fn height(&self) -> f64 {
        self.lines.len() as f64 * self.line_height()
    }

    /// Offset from the top of line `i`'s slot to its baseline: the glyph box (ascent +
    /// descent) is centred in the slot.
    pub fn baseline(&self, i: usize) -> f64 {
        let lh = self.line_height();
        i as f64 * lh + (lh - (ASCENT + DESCENT) * self.size) / 2.0 + ASCENT * self.size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_text_and_cuts_long_words() {
        let m = TextMeasurer::new();
        let b = TextBlock::wrap(
            &m,
            "a fairly long label that must wrap somewhere",
            14.0,
            Weight::Regular,
            120.0,
        );
        assert!(b.lines.len() >= 3, "{:?}", b.lines);
        assert!(b.widths.iter().all(|w| *w <= 120.0));
        let c = TextBlock::wrap(
            &m,
            "supercalifragilisticexpialidocious_and_more",
            14.0,
            Weight::Regular,
            80.0,
        );
        assert!(
            c.lines.len() >= 3 && c.widths.iter().all(|w| *w <= 80.0),
            "{:?}",
            c.lines
        );
        assert!(TextBlock::wrap(&m, "  ", 14.0, Weight::Regular, 80.0).is_empty());
    }
}
