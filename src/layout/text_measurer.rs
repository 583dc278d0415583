//! Text (string, font, size) -> advance width, by shaping with the embedded DejaVu Sans through
//! harfrust, the shaper usvg/resvg use to draw the PNG; so measured and drawn widths agree.
//! Kerning and ligatures are turned off here and in the SVG, which keeps browsers, resvg and
//! this measurer on the same advances.

use harfrust::{Feature, FontRef, ShapeOptions, ShaperData, Tag, UnicodeBuffer};

/// The family name the SVG asks for; the renderer registers the embedded faces under it.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// Ascender and descender of DejaVu Sans (hhea, 1901 and -483 of 2048 units per em).
pub const ASCENT: f64 = 1901.0 / 2048.0;
pub const DESCENT: f64 = 483.0 / 2048.0;

/// Font weight of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Weight {
    #[default]
    Regular,
    Bold,
}

impl Weight {
    /// The bytes of the embedded face for this weight.
    /// The face to shape text with: [`Weight::font_data`] without its `kern` table (see
    /// `font_tables`; the diagrams never kern).
    pub fn shaping_font(self) -> &'static [u8] {
        static LEAN: [std::sync::OnceLock<Vec<u8>>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        let full = self.font_data();
        LEAN[self as usize].get_or_init(|| {
            super::font_tables::without_table(full, b"kern").unwrap_or_else(|| full.to_vec())
        })
    }

    pub fn font_data(self) -> &'static [u8] {
        match self {
            Weight::Regular => dejavu::sans::regular(),
            Weight::Bold => dejavu::sans::bold(),
        }
    }
}

struct Face {
    font: FontRef<'static>,
    data: ShaperData,
    upem: f64,
}

impl Face {
    fn new(bytes: &'static [u8]) -> Option<Face> {
        let font = FontRef::new(bytes).ok()?;
        let data = ShaperData::new(&font);
        let shaper = data.shaper(&font).build();
        let upem = f64::from(shaper.units_per_em());
        Some(Face { font, data, upem })
    }
}

/// Measures strings with the embedded faces. Build once per diagram: parsing the font tables
/// is the expensive part.
pub struct TextMeasurer {
    regular: Option<Face>,
    bold: Option<Face>,
    /// The advance in font units of every string measured so far: wrapping measures the
    /// same words and lines again and again, and a diagram repeats its captions.
    advances: std::cell::RefCell<std::collections::HashMap<(Weight, String), i64>>,
}

impl Default for TextMeasurer {
    fn default() -> Self {
        Self::new()
    }
}

impl TextMeasurer {
    pub fn new() -> Self {
        TextMeasurer {
            regular: Face::new(Weight::Regular.shaping_font()),
            bold: Face::new(Weight::Bold.shaping_font()),
            advances: Default::default(),
        }
    }

    /// The glyph `ch` is drawn with (after shaping it alone), for font subsetting.
    pub fn glyph_id(&self, ch: char, weight: Weight) -> Option<u32> {
        let face = match weight {
            Weight::Regular => self.regular.as_ref(),
            Weight::Bold => self.bold.as_ref(),
        }?;
        let shaper = face.data.shaper(&face.font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(ch.encode_utf8(&mut [0; 4]));
        buffer.guess_segment_properties();
        let out = shaper.shape(buffer, ShapeOptions::new());
        match out.glyph_infos() {
            [one] => Some(one.glyph_id),
            _ => None,
        }
    }

    /// Advance width of `text` at `size` px.
    pub fn width(&self, text: &str, size: f64, weight: Weight) -> f64 {
        let face = match weight {
            Weight::Regular => self.regular.as_ref(),
            Weight::Bold => self.bold.as_ref().or(self.regular.as_ref()),
        };
        let Some(face) = face else {
            // Unreachable with the embedded fonts; a wide guess keeps text inside its box.
            return text.chars().count() as f64 * size;
        };
        if text.is_empty() {
            return 0.0;
        }
        let key = (weight, text.to_string());
        if let Some(units) = self.advances.borrow().get(&key) {
            return *units as f64 * size / face.upem;
        }
        let shaper = face.data.shaper(&face.font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let features = [
            Feature::new(Tag::new(b"kern"), 0, ..),
            Feature::new(Tag::new(b"liga"), 0, ..),
        ];
        let out = shaper.shape(buffer, ShapeOptions::new().features(&features));
        let units: i64 = out
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        self.advances.borrow_mut().insert(key, units);
        units as f64 * size / face.upem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_weight() {
        let m = TextMeasurer::new();
        let a = m.width("Feature store", 14.0, Weight::Regular);
        let b = m.width("Feature store", 14.0, Weight::Bold);
        assert!(a > 70.0 && a < 110.0, "{a}");
        assert!(b > a);
        assert!(m.width("iiii", 14.0, Weight::Regular) < m.width("WWWW", 14.0, Weight::Regular));
        assert_eq!(m.width("", 14.0, Weight::Regular), 0.0);
    }
}
