//! Text (string, font, size) -> advance width, by shaping with the embedded DejaVu Sans through
//! harfrust, the shaper usvg/resvg use to draw the PNG; so measured and drawn widths agree.
//! Kerning and ligatures are turned off here and in the SVG, which keeps browsers, resvg and
//! this measurer on the same advances.

use std::cell::RefCell;
use std::collections::HashMap;

use harfrust::{
    Direction, Feature, FontRef, Language, Script, ShapeOptions, ShapePlan, ShaperData, Tag,
    UnicodeBuffer,
};

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
    /// A shaping plan per direction, script and language met: compiling one took longer than
    /// shaping a label with it.
    plans: RefCell<HashMap<PlanKey, ShapePlan>>,
}

/// What a shaping plan is made for: a buffer's direction, script and language.
type PlanKey = (Direction, Script, Option<Language>);

impl Face {
    fn new(bytes: &'static [u8]) -> Option<Face> {
        let font = FontRef::new(bytes).ok()?;
        let data = ShaperData::new(&font);
        let shaper = data.shaper(&font).build();
        let upem = f64::from(shaper.units_per_em());
        Some(Face {
            font,
            data,
            upem,
            plans: RefCell::default(),
        })
    }

    /// The glyphs of `text`, kerning and ligatures off.
    fn shape(&self, text: &str) -> Vec<ShapedGlyph> {
        let shaper = self.data.shaper(&self.font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let (direction, script, language) =
            (buffer.direction(), buffer.script(), buffer.language());
        let features = [
            Feature::new(Tag::new(b"kern"), 0, ..),
            Feature::new(Tag::new(b"liga"), 0, ..),
        ];
        let mut plans = self.plans.borrow_mut();
        let plan = plans
            .entry((direction, script, language.clone()))
            .or_insert_with(|| {
                let known = (script != harfrust::script::UNKNOWN).then_some(script);
                ShapePlan::new(&shaper, direction, known, language.as_ref(), &features)
            });
        let out = shaper.shape(
            buffer,
            ShapeOptions::new().plan(Some(plan)).features(&features),
        );
        (out.glyph_infos().iter().zip(out.glyph_positions()))
            .map(|(info, pos)| ShapedGlyph {
                id: info.glyph_id,
                advance: pos.x_advance,
                x_offset: pos.x_offset,
                y_offset: pos.y_offset,
            })
            .collect()
    }
}

/// A glyph of a shaped string, its advance and offsets in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShapedGlyph {
    pub id: u32,
    pub advance: i32,
    pub x_offset: i32,
    pub y_offset: i32,
}

/// Measures strings with the embedded faces. Build once per diagram: parsing the font tables
/// is the expensive part.
pub struct TextMeasurer {
    regular: Option<Face>,
    bold: Option<Face>,
    /// The advance in font units of every string measured so far: wrapping measures the
    /// same words and lines again and again, and a diagram repeats its captions.
    advances: RefCell<HashMap<(Weight, String), i64>>,
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

    fn face(&self, weight: Weight) -> Option<&Face> {
        match weight {
            Weight::Regular => self.regular.as_ref(),
            Weight::Bold => self.bold.as_ref().or(self.regular.as_ref()),
        }
    }

    /// The glyph `ch` is drawn with (after shaping it alone), for font subsetting.
    pub fn glyph_id(&self, ch: char, weight: Weight) -> Option<u32> {
        let face = match weight {
            Weight::Regular => self.regular.as_ref(),
            Weight::Bold => self.bold.as_ref(),
        }?;
        match face.shape(ch.encode_utf8(&mut [0; 4]))[..] {
            [one] => Some(one.id),
            _ => None,
        }
    }

    /// The glyphs of `text` in `weight`'s face (the one [`Self::width`] measures with), and the
    /// face's units per em; `None` without the embedded faces.
    pub fn shape(&self, text: &str, weight: Weight) -> Option<(Vec<ShapedGlyph>, f64)> {
        let face = self.face(weight)?;
        Some((face.shape(text), face.upem))
    }

    /// Advance width of `text` at `size` px.
    pub fn width(&self, text: &str, size: f64, weight: Weight) -> f64 {
        let Some(face) = self.face(weight) else {
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
        let units: i64 = face.shape(text).iter().map(|g| i64::from(g.advance)).sum();
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
