//! Text drawn from a cache of glyph masks: each glyph outline is filled once per size and
//! quarter-pixel offset, then blended wherever it appears, instead of filling every glyph of
//! every label as a path (`resvg` fills a text's outlines as paths: about half of the time
//! spent drawing a diagram). The glyphs are where usvg laid them out; only their offsets are
//! rounded, by an eighth of a pixel at most. A mask is each pixel's exact area of coverage
//! (`ab_glyph_rasterizer`, as font-rs computes it), from the glyph's outline read once.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

use ab_glyph_rasterizer::{Point, Rasterizer, point};
use resvg::tiny_skia::{PixmapMut, Transform};
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
}

/// A glyph's coverage (a byte a pixel, `width` a row) and where its top-left pixel is from
/// the glyph's (whole-pixel) origin.
struct GlyphMask {
    coverage: Vec<u8>,
    width: usize,
    left: i32,
    top: i32,
}

/// A glyph's outline in font units: its contours as closed runs of lines and curves.
type Outline = Vec<Segment>;

enum Segment {
    Line([Point; 2]),
    Quad([Point; 3]),
    Cubic([Point; 4]),
}

/// The glyphs filled so far, and the outlines they were filled from.
#[derive(Default)]
struct Cache {
    masks: HashMap<GlyphKey, Arc<GlyphMask>>,
    outlines: HashMap<(usvg::fontdb::ID, u32), Option<Arc<Outline>>>,
}

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Mutex::default);

fn cache() -> MutexGuard<'static, Cache> {
    CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Draws `text` with `transform` (user space to the pixmap's pixels) into `pixmap`; `false`,
/// having drawn nothing, when the text needs more than anti-aliased glyphs filled in one
/// colour by the non-zero rule (a stroke, a decoration, a gradient, a rotated or skewed
/// glyph): `resvg` draws it then.
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
            && span.fill.as_ref().is_none_or(|f| {
                matches!(f.paint(), usvg::Paint::Color(_)) && f.rule() == usvg::FillRule::NonZero
            })
            && (span.positioned_glyphs.iter())
                .all(|g| !transform.pre_concat(g.outline_transform()).has_skew())
    });
    if !plain || matches!(text.rendering_mode(), usvg::TextRendering::OptimizeSpeed) {
        return false;
    }
    for span in text.layouted().iter().filter(|s| s.visible) {
        let Some(fill) = &span.fill else { continue };
        let usvg::Paint::Color(c) = fill.paint() else {
            continue;
        };
        let alpha = (fill.opacity().get() * 255.0).round() as u32;
        let color = [c.red, c.green, c.blue].map(|v| div255(u32::from(v) * alpha));
        let color = [color[0], color[1], color[2], alpha];
        for g in &span.positioned_glyphs {
            let t = transform.pre_concat(g.outline_transform());
            glyph(g.font, g.id.0, t, color, fontdb, pixmap);
        }
    }
    true
}

/// Draws glyph `id` of `font` with `t` (font units to the pixmap's pixels: scale and
/// translation only) in `color` (premultiplied RGBA) into `pixmap`.
pub(super) fn glyph(
    font: usvg::fontdb::ID,
    id: u32,
    t: Transform,
    color: [u32; 4],
    fontdb: &usvg::fontdb::Database,
    pixmap: &mut PixmapMut,
) {
    let (x, fx) = split(t.tx);
    let (y, fy) = split(t.ty);
    let key = GlyphKey {
        font,
        glyph: id,
        scale: (t.sx.to_bits(), t.sy.to_bits()),
        offset: (fx, fy),
    };
    blend(&mask(key, fontdb), x, y, color, pixmap);
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

/// The mask of `key`, filled the first time (outside the lock: other threads go on drawing
/// meanwhile).
fn mask(key: GlyphKey, fontdb: &usvg::fontdb::Database) -> Arc<GlyphMask> {
    if let Some(mask) = cache().masks.get(&key) {
        return mask.clone();
    }
    let outline = cache().outlines.get(&(key.font, key.glyph)).cloned();
    let outline = outline.unwrap_or_else(|| {
        let outline = outline_of(fontdb, key.font, key.glyph).map(Arc::new);
        let mut cache = cache();
        (cache.outlines)
            .entry((key.font, key.glyph))
            .or_insert(outline)
            .clone()
    });
    let mask = Arc::new(fill(outline.as_deref().map_or(&[], Vec::as_slice), key));
    let mut cache = cache();
    if cache.masks.len() >= MAX_GLYPHS {
        cache.masks.clear();
    }
    cache.masks.entry(key).or_insert(mask).clone()
}

/// Fills `outline` at `key`'s scale and offset: each pixel's area of coverage.
fn fill(outline: &[Segment], key: GlyphKey) -> GlyphMask {
    let (sx, sy) = (f32::from_bits(key.scale.0), f32::from_bits(key.scale.1));
    let offset = |o: u8| f32::from(o) / SUBPIXELS;
    let (ox, oy) = (offset(key.offset.0), offset(key.offset.1));
    let place = |p: Point| point(p.x * sx + ox, p.y * sy + oy);
    let points = || {
        outline.iter().flat_map(|s| match s {
            Segment::Line(p) => p.as_slice(),
            Segment::Quad(p) => p.as_slice(),
            Segment::Cubic(p) => p.as_slice(),
        })
    };
    // The control points bound the curves; a pixel of margin on each side keeps the
    // rasterizer's running sum of a row inside the row.
    let (mut min, mut max) = (point(f32::MAX, f32::MAX), point(f32::MIN, f32::MIN));
    for p in points().map(|&p| place(p)) {
        (min.x, min.y, max.x, max.y) = (
            min.x.min(p.x),
            min.y.min(p.y),
            max.x.max(p.x),
            max.y.max(p.y),
        );
    }
    let empty = GlyphMask {
        coverage: Vec::new(),
        width: 0,
        left: 0,
        top: 0,
    };
    if !(min.x <= max.x && min.y <= max.y) || max.x - min.x > 4096.0 || max.y - min.y > 4096.0 {
        return empty;
    }
    let (left, top) = (min.x.floor() as i32 - 1, min.y.floor() as i32 - 1);
    let (width, height) = (
        (max.x.ceil() as i32 + 1 - left) as usize,
        (max.y.ceil() as i32 + 1 - top) as usize,
    );
    let corner = point(left as f32, top as f32);
    let at = |p: Point| place(p) - corner;
    let mut raster = Rasterizer::new(width, height);
    for segment in outline {
        match segment {
            Segment::Line([a, b]) => raster.draw_line(at(*a), at(*b)),
            Segment::Quad([a, b, c]) => raster.draw_quad(at(*a), at(*b), at(*c)),
            Segment::Cubic([a, b, c, d]) => raster.draw_cubic(at(*a), at(*b), at(*c), at(*d)),
        }
    }
    let mut coverage = vec![0; width * height];
    raster.for_each_pixel(|i, area| coverage[i] = (area.min(1.0) * 255.0).round() as u8);
    GlyphMask {
        coverage,
        width,
        left,
        top,
    }
}

/// A glyph's outline in font units, as usvg reads it (unhinted, default instance).
fn outline_of(
    fontdb: &usvg::fontdb::Database,
    font: usvg::fontdb::ID,
    glyph: u32,
) -> Option<Outline> {
    fontdb.with_face_data(font, |data, index| {
        let font = skrifa::FontRef::from_index(data, index).ok()?;
        let outline = font.outline_glyphs().get(skrifa::GlyphId::new(glyph))?;
        let mut pen = Pen::default();
        let settings = skrifa::outline::DrawSettings::unhinted(
            skrifa::prelude::Size::unscaled(),
            skrifa::prelude::LocationRef::default(),
        );
        outline.draw(settings, &mut pen).ok()?;
        skrifa::outline::OutlinePen::close(&mut pen);
        Some(pen.segments)
    })?
}

/// Collects an outline's segments, closing each contour (a fill closes them all).
#[derive(Default)]
struct Pen {
    segments: Outline,
    start: Point,
    at: Point,
}

impl skrifa::outline::OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        (self.start, self.at) = (point(x, y), point(x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let to = point(x, y);
        self.segments.push(Segment::Line([self.at, to]));
        self.at = to;
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        let to = point(x, y);
        (self.segments).push(Segment::Quad([self.at, point(cx0, cy0), to]));
        self.at = to;
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let to = point(x, y);
        (self.segments).push(Segment::Cubic([
            self.at,
            point(cx0, cy0),
            point(cx1, cy1),
            to,
        ]));
        self.at = to;
    }
    fn close(&mut self) {
        if self.at != self.start {
            self.segments.push(Segment::Line([self.at, self.start]));
            self.at = self.start;
        }
    }
}

/// Blends `color` (premultiplied RGBA) through `glyph`'s coverage into `pixmap`, the glyph's
/// origin at pixel (`x`, `y`): source over, as `resvg` fills.
fn blend(glyph: &GlyphMask, x: i32, y: i32, color: [u32; 4], pixmap: &mut PixmapMut) {
    if glyph.width == 0 {
        return;
    }
    let (pw, ph) = (pixmap.width() as i32, pixmap.height() as i32);
    let mw = glyph.width as i32;
    let mh = (glyph.coverage.len() / glyph.width) as i32;
    let (left, top) = (x + glyph.left, y + glyph.top);
    let (x0, x1) = (left.max(0), (left + mw).min(pw));
    let (y0, y1) = (top.max(0), (top + mh).min(ph));
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let coverage = &glyph.coverage;
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
pub(super) fn div255(v: u32) -> u32 {
    (v + 128 + ((v + 128) >> 8)) >> 8
}

/// Asserts that `ours`, pixels (RGB or opaque RGBA) with text drawn from the glyph cache,
/// look like `theirs`, the same drawn by resvg: the same ink within 2%, and pixels apart by an
/// eighth of a pixel's offset at most (a mean difference under 1.5 levels).
#[cfg(test)]
pub(super) fn assert_drawn_alike(theirs: &[u8], ours: &[u8], what: &str) {
    let ink = |p: &[u8]| p.iter().map(|&v| 255 - u64::from(v)).sum::<u64>();
    let (a, b) = (ink(theirs), ink(ours));
    assert!(a > 100_000, "{what}: resvg drew the text ({a})");
    assert!(a.abs_diff(b) * 50 < a, "{what}: ink {a} vs {b}");
    let mean = (theirs.iter().zip(ours))
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum::<u64>() as f64
        / theirs.len() as f64;
    assert!(mean < 1.5, "{what}: mean difference {mean}");
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
            assert_drawn_alike(&theirs, &ours, attrs);
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
