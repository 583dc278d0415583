//! Text drawn from a cache of glyph masks: each glyph outline is filled once per size and
//! quarter-pixel offset, then blended wherever it appears, instead of filling every glyph of
//! every label as a path (`resvg` fills a text's outlines as paths: about half of the time
//! spent drawing a diagram). The glyphs are where usvg laid them out; only their offsets are
//! rounded, by an eighth of a pixel at most.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use resvg::tiny_skia::{FillRule, Mask, PixmapMut, Transform};
use skrifa::MetadataProvider;

/// Positions a glyph can be drawn at between two pixels, along each axis.
const SUBPIXELS: f32 = 4.0;
/// The most glyph masks kept; the cache starts again past it (a long-lived process draws
/// many diagrams).
const MAX_GLYPHS: usize = 16_384;

/// A glyph filled at one size and offset.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct GlyphKey {
    font: usvg::fontdb::ID,
    glyph: u32,
    /// The bits of the transform's scales (font units to pixels).
    scale: (u32, u32),
    /// The offset within a pixel, in [`SUBPIXELS`].
    offset: (u8, u8),
    anti_alias: bool,
    even_odd: bool,
}

/// A glyph's coverage and where its top-left pixel is from the glyph's (whole-pixel) origin.
struct GlyphMask {
    mask: Option<Mask>,
    left: i32,
    top: i32,
}

static GLYPHS: Mutex<Option<HashMap<GlyphKey, Arc<GlyphMask>>>> = Mutex::new(None);

/// Draws `text` with `transform` (user space to the pixmap's pixels) into `pixmap`; `false`,
/// having drawn nothing, when the text needs more than filled glyphs of one colour (a stroke,
/// a decoration, a gradient, a rotated or skewed glyph): `resvg` draws it then.
pub(super) fn draw(
    text: &usvg::Text,
    transform: Transform,
    fontdb: &usvg::fontdb::Database,
    pixmap: &mut PixmapMut,
) -> bool {
    let plain = text.layouted().iter().all(|span| {
        span.stroke.is_none()
            && span.underline.is_none()
            && span.overline.is_none()
            && span.line_through.is_none()
            && span
                .fill
                .as_ref()
                .is_none_or(|f| matches!(f.paint(), usvg::Paint::Color(_)))
            && (span.positioned_glyphs.iter())
                .all(|g| !transform.pre_concat(g.outline_transform()).has_skew())
    });
    if !plain {
        return false;
    }
    let anti_alias = !matches!(text.rendering_mode(), usvg::TextRendering::OptimizeSpeed);
    for span in text.layouted().iter().filter(|s| s.visible) {
        let Some(fill) = &span.fill else { continue };
        let usvg::Paint::Color(c) = fill.paint() else {
            continue;
        };
        let alpha = (fill.opacity().get() * 255.0).round() as u32;
        let color = [c.red, c.green, c.blue].map(|v| div255(u32::from(v) * alpha));
        let color = [color[0], color[1], color[2], alpha];
        let even_odd = fill.rule() == usvg::FillRule::EvenOdd;
        for glyph in &span.positioned_glyphs {
            let t = transform.pre_concat(glyph.outline_transform());
            let (x, fx) = split(t.tx);
            let (y, fy) = split(t.ty);
            let key = GlyphKey {
                font: glyph.font,
                glyph: glyph.id.0,
                scale: (t.sx.to_bits(), t.sy.to_bits()),
                offset: (fx, fy),
                anti_alias,
                even_odd,
            };
            let mask = cached(key, || rasterize(key, fontdb));
            blend(&mask, x, y, color, pixmap);
        }
    }
    true
}

/// A pixel position's whole pixel and its offset within it, in [`SUBPIXELS`].
fn split(v: f32) -> (i32, u8) {
    let whole = v.floor();
    let offset = ((v - whole) * SUBPIXELS).round();
    if offset >= SUBPIXELS {
        (whole as i32 + 1, 0)
    } else {
        (whole as i32, offset as u8)
    }
}

/// The mask of `key`, filled by `make` the first time.
fn cached(key: GlyphKey, make: impl FnOnce() -> GlyphMask) -> Arc<GlyphMask> {
    let lock = || {
        GLYPHS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some(mask) = lock().as_ref().and_then(|cache| cache.get(&key)) {
        return mask.clone();
    }
    // Filled outside the lock: other threads go on drawing meanwhile.
    let mask = Arc::new(make());
    let mut cache = lock();
    let cache = cache.get_or_insert_with(HashMap::new);
    if cache.len() >= MAX_GLYPHS {
        cache.clear();
    }
    cache.entry(key).or_insert(mask).clone()
}

/// Fills the outline of `key`'s glyph at its scale and offset.
fn rasterize(key: GlyphKey, fontdb: &usvg::fontdb::Database) -> GlyphMask {
    let empty = GlyphMask {
        mask: None,
        left: 0,
        top: 0,
    };
    let Some(outline) = outline(fontdb, key.font, key.glyph) else {
        return empty;
    };
    let offset = |o: u8| f32::from(o) / SUBPIXELS;
    let t = Transform::from_row(
        f32::from_bits(key.scale.0),
        0.0,
        0.0,
        f32::from_bits(key.scale.1),
        offset(key.offset.0),
        offset(key.offset.1),
    );
    let Some(bounds) = outline.clone().transform(t).map(|p| p.bounds()) else {
        return empty;
    };
    // A pixel of margin: anti-aliasing reaches into the pixels the outline only touches.
    let (left, top) = (
        bounds.left().floor() as i32 - 1,
        bounds.top().floor() as i32 - 1,
    );
    let (right, bottom) = (
        bounds.right().ceil() as i32 + 1,
        bounds.bottom().ceil() as i32 + 1,
    );
    let (Ok(w), Ok(h)) = (u32::try_from(right - left), u32::try_from(bottom - top)) else {
        return empty;
    };
    let Some(mut mask) = Mask::new(w, h) else {
        return empty;
    };
    let rule = if key.even_odd {
        FillRule::EvenOdd
    } else {
        FillRule::Winding
    };
    let to_mask = t.post_translate(-left as f32, -top as f32);
    mask.fill_path(&outline, rule, key.anti_alias, to_mask);
    GlyphMask {
        mask: Some(mask),
        left,
        top,
    }
}

/// A glyph's outline in font units, as usvg reads it (unhinted, default instance).
fn outline(
    fontdb: &usvg::fontdb::Database,
    font: usvg::fontdb::ID,
    glyph: u32,
) -> Option<usvg::tiny_skia_path::Path> {
    fontdb.with_face_data(font, |data, index| {
        let font = skrifa::FontRef::from_index(data, index).ok()?;
        let outline = font.outline_glyphs().get(skrifa::GlyphId::new(glyph))?;
        let mut pen = Pen(usvg::tiny_skia_path::PathBuilder::new());
        let settings = skrifa::outline::DrawSettings::unhinted(
            skrifa::prelude::Size::unscaled(),
            skrifa::prelude::LocationRef::default(),
        );
        outline.draw(settings, &mut pen).ok()?;
        pen.0.finish()
    })?
}

struct Pen(usvg::tiny_skia_path::PathBuilder);

impl skrifa::outline::OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.quad_to(cx0, cy0, x, y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.cubic_to(cx0, cy0, cx1, cy1, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// Blends `color` (premultiplied RGBA) through `glyph`'s coverage into `pixmap`, the glyph's
/// origin at pixel (`x`, `y`): source over, as `resvg` fills.
fn blend(glyph: &GlyphMask, x: i32, y: i32, color: [u32; 4], pixmap: &mut PixmapMut) {
    let Some(mask) = &glyph.mask else { return };
    let (pw, ph) = (pixmap.width() as i32, pixmap.height() as i32);
    let (mw, mh) = (mask.width() as i32, mask.height() as i32);
    let (left, top) = (x + glyph.left, y + glyph.top);
    let (x0, x1) = (left.max(0), (left + mw).min(pw));
    let (y0, y1) = (top.max(0), (top + mh).min(ph));
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let coverage = mask.data();
    let pixels = pixmap.data_mut();
    for py in y0..y1 {
        let row = ((py - top) * mw) as usize;
        let cover = &coverage[row + (x0 - left) as usize..row + (x1 - left) as usize];
        let start = 4 * (py * pw + x0) as usize;
        let out = &mut pixels[start..start + 4 * cover.len()];
        for (&c, px) in cover.iter().zip(out.chunks_exact_mut(4)) {
            if c == 0 {
                continue;
            }
            let c = u32::from(c);
            let src = color.map(|v| if c == 255 { v } else { div255(v * c) });
            let keep = 255 - src[3];
            for (d, s) in px.iter_mut().zip(src) {
                *d = (s + div255(u32::from(*d) * keep)) as u8;
            }
        }
    }
}

/// `v / 255`, rounded, for `v` up to 255 * 255.
fn div255(v: u32) -> u32 {
    (v + 128 + ((v + 128) >> 8)) >> 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_to_quarter_pixels_and_carry_into_the_next_pixel() {
        assert_eq!(split(10.0), (10, 0));
        assert_eq!(split(10.26), (10, 1));
        assert_eq!(split(10.5), (10, 2));
        assert_eq!(split(10.9), (11, 0));
        assert_eq!(split(-0.1), (0, 0));
        assert_eq!(split(-0.3), (-1, 3));
    }

    /// The first text of `svg` drawn by resvg and by [`draw`] (`None` when `draw` declines),
    /// each on white, at scale 2.
    fn both_ways(svg: &str) -> (Vec<u8>, Option<Vec<u8>>) {
        let fontdb = super::super::png::fontdb();
        let opt = usvg::Options {
            fontdb: fontdb.clone(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &opt).expect("svg");
        let scale = Transform::from_scale(2.0, 2.0);
        let blank = || {
            let mut p = resvg::tiny_skia::Pixmap::new(400, 100).expect("pixmap");
            p.fill(resvg::tiny_skia::Color::WHITE);
            p
        };
        let mut theirs = blank();
        resvg::render(&tree, scale, &mut theirs.as_mut());
        let text = tree.root().children().iter().find_map(|n| match n {
            usvg::Node::Text(t) => Some(t),
            _ => None,
        });
        let mut ours = blank();
        let drawn = draw(text.expect("a text"), scale, &fontdb, &mut ours.as_mut());
        (theirs.take(), drawn.then(|| ours.take()))
    }

    #[test]
    fn glyphs_from_the_cache_look_like_resvgs_outlines() {
        let svg = |attrs: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><text x="10.3" y="30.6" font-family="DejaVu Sans" font-size="14" {attrs}>Feature store · p99 42 ms</text></svg>"#
            )
        };
        for attrs in [
            "fill=\"#1e293b\"",
            "fill=\"#2563eb\" font-weight=\"bold\"",
            "fill=\"#000\" fill-opacity=\"0.5\" text-anchor=\"middle\"",
        ] {
            let (theirs, ours) = both_ways(&svg(attrs));
            let ours = ours.expect("a plain text is drawn from the cache");
            let ink = |p: &[u8]| {
                p.chunks_exact(4)
                    .map(|px| 255 - u64::from(px[1]))
                    .sum::<u64>()
            };
            let (a, b) = (ink(&theirs), ink(&ours));
            assert!(a > 100_000, "{attrs}: resvg drew the text ({a})");
            // The same ink within 2%, and pixels apart by an eighth of a pixel's offset at most.
            assert!(a.abs_diff(b) * 50 < a, "{attrs}: ink {a} vs {b}");
            let mean = (theirs.iter().zip(&ours))
                .map(|(x, y)| u64::from(x.abs_diff(*y)))
                .sum::<u64>() as f64
                / theirs.len() as f64;
            assert!(mean < 1.5, "{attrs}: mean difference {mean}");
        }
        // A stroke or a decoration is left to resvg.
        for attrs in [
            "fill=\"#000\" stroke=\"#f00\"",
            "fill=\"#000\" text-decoration=\"underline\"",
        ] {
            assert!(both_ways(&svg(attrs)).1.is_none(), "{attrs}");
        }
    }

    #[test]
    fn div255_rounds_as_exact_division() {
        for v in 0..=255 * 255 {
            assert_eq!(div255(v), (v as f64 / 255.0).round() as u32, "{v}");
        }
    }
}
