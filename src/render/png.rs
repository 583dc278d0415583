//! SVG text -> PNG bytes through usvg + resvg, with only the embedded DejaVu Sans faces in
//! the font database (no system fonts: same pixels on every machine, text even on a machine
//! without fonts). Scale 2, lowered so that neither side passes 16,384 px nor the pixmap
//! 32 Mpx (128 MB of pixmap), so a huge diagram cannot exhaust memory.

use std::sync::{Arc, OnceLock};

use super::png_encode::PngEncoder;
use super::png_labels::{self, Label};
use super::png_text;
use super::render_error::RenderError;
use crate::layout::{FONT_FAMILY, Weight};

/// Largest side of a PNG, in pixels.
pub const MAX_SIDE: f64 = 16_384.0;
/// Largest pixel count of a PNG (4 bytes each).
pub const MAX_PIXELS: f64 = 32.0 * 1024.0 * 1024.0;
/// The fewest pixels the budget of a build of many diagrams leaves a PNG.
pub const MIN_PIXELS: f64 = 2.0 * 1024.0 * 1024.0;
/// The pixels the PNGs of one build may have together (at [`MAX_PIXELS`] each up to 8
/// diagrams); past that each PNG gets an equal share, but never less than [`MIN_PIXELS`].
const BUILD_PIXELS: f64 = 8.0 * MAX_PIXELS;
/// The attribute of an SVG's root element that lowers the pixel count of the PNG drawn from
/// it, so the PNG stays a function of the SVG's bytes alone (whoever rasterises it).
pub const PNG_PIXELS_ATTRIBUTE: &str = "data-png-pixels";
/// Preferred scale.
pub const SCALE: f64 = 2.0;

pub(super) fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for weight in [Weight::Regular, Weight::Bold] {
            // The shaping faces themselves, not copies: they live as long as the process.
            let face: &'static [u8] = weight.shaping_font();
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(face)));
        }
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// The most pixels each PNG of a build of `diagrams` diagrams may have, when that is fewer
/// than [`MAX_PIXELS`]: rasterising dominates the time and memory of a build of many large
/// diagrams, whose PNGs are previews (their SVGs zoom).
pub fn pixels_per_png(diagrams: usize) -> Option<u32> {
    let share = (BUILD_PIXELS / diagrams.max(1) as f64).max(MIN_PIXELS);
    (share < MAX_PIXELS).then_some(share as u32)
}

/// The pixel count an SVG's root element allows its PNG ([`PNG_PIXELS_ATTRIBUTE`]), within
/// [`MIN_PIXELS`]..=[`MAX_PIXELS`]; [`MAX_PIXELS`] when it says nothing.
fn allowed_pixels(svg: &str) -> f64 {
    let root = svg.split_once('>').map_or("", |(root, _)| root);
    let pattern = format!(" {PNG_PIXELS_ATTRIBUTE}=\"");
    root.split_once(pattern.as_str())
        .and_then(|(_, rest)| rest.split_once('"'))
        .and_then(|(n, _)| n.parse::<f64>().ok())
        .map_or(MAX_PIXELS, |n| n.clamp(MIN_PIXELS, MAX_PIXELS))
}

/// The scale a `w` x `h` picture is rasterised at: the pixmap, whose sides are rounded up,
/// stays within [`MAX_SIDE`] and [`MAX_PIXELS`].
pub fn scale_for(w: f64, h: f64) -> f64 {
    pixel_size(w, h, MAX_PIXELS).0
}

/// The scale and the pixmap's width and height (each side rounded up) for a `w` x `h`
/// picture: at most [`MAX_SIDE`] a side and `max_pixels` in all, counted after rounding.
pub fn pixel_size(w: f64, h: f64, max_pixels: f64) -> (f64, f64, f64) {
    let (w, h) = (w.max(1.0), h.max(1.0));
    let mut s = SCALE.min(MAX_SIDE / w).min(MAX_SIDE / h);
    // Rounding up adds at most a pixel a side: (w s + 1)(h s + 1) <= max_pixels solved for s.
    let (a, b, c) = (w * h, w + h, 1.0 - max_pixels);
    let bound = (-b + (b * b - 4.0 * a * c).sqrt()) / (2.0 * a);
    if (w * s).ceil() * (h * s).ceil() > max_pixels {
        s = s.min(bound);
    }
    // Floating-point slack: shrink by a hair until the rounded sides fit.
    while (w * s).ceil() * (h * s).ceil() > max_pixels
        || (w * s).ceil() > MAX_SIDE
        || (h * s).ceil() > MAX_SIDE
    {
        s *= 1.0 - 1e-9;
    }
    (s, (w * s).ceil(), (h * s).ceil())
}

/// Bytes of pixels drawn at a time (a strip of whole rows, at least one), reused from strip to
/// strip and picture to picture. Drawing a whole picture at once touched a fresh buffer of up
/// to 128 MB, and the page faults and clearing of that memory took a quarter of a build's CPU;
/// narrow strips draw the parts that cross them (long edges, group frames) again and again.
/// Of 1, 2 and 8 MB, 2 MB made the cheapest builds, of the reference spec and of 5,000
/// components alike.
const STRIP_BYTES: u32 = 2 * 1024 * 1024;

/// Rasterises an SVG document (at most the pixels its root element allows).
pub fn png(svg: &str) -> Result<Vec<u8>, RenderError> {
    let opt = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let parse =
        |svg: &str| usvg::Tree::from_str(svg, &opt).map_err(|e| RenderError::Svg(e.to_string()));
    // Lifted texts are drawn part by part: a picture whose root does not split into parts
    // (see `units`) is drawn by resvg alone, its texts included.
    let lifted = png_labels::lift(svg)
        .map(|l| parse(&l.svg).map(|tree| (tree, l.labels)))
        .transpose()?
        .filter(|(tree, _)| splits(tree.root()));
    let (tree, labels) = match lifted {
        Some(lifted) => lifted,
        None => (parse(svg)?, Vec::new()),
    };
    let size = tree.size();
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let (_, pw, ph) = pixel_size(w, h, allowed_pixels(svg));
    if !(pw >= 1.0 && ph >= 1.0 && pw <= MAX_SIDE && ph <= MAX_SIDE) {
        return Err(RenderError::Size {
            width: w,
            height: h,
        });
    }
    // Each side is stretched to whole pixels (by less than a pixel in thousands): a picture
    // that ended inside its last row or column would leave it half transparent, and write
    // the whole PNG as RGBA.
    let picture = Picture::new(
        &tree,
        &labels,
        pw as u32,
        ph as u32,
        (pw / w) as f32,
        (ph / h) as f32,
    );
    // The scene paints an opaque background, so pixels are normally opaque and are written as
    // RGB; a transparent pixel anywhere starts again in RGBA.
    let _drawing = DrawingPermit::take(u64::from(picture.width) * u64::from(picture.height));
    match picture.encode(png::ColorType::Rgb)? {
        Some(png) => Ok(png),
        None => picture
            .encode(png::ColorType::Rgba)?
            .ok_or_else(|| RenderError::Png("RGBA refused a pixel".to_string())),
    }
}

/// The right to draw a picture: at most one picture per core is drawn at a time, whichever
/// threads ask (a build draws its diagrams on more threads than cores, to lay them out). A
/// picture drawn beside it would only take turns on a core with it, each in a strip buffer of
/// its own: fresh pages, whose first touches cost a fault each. Of the pictures waiting, the
/// largest is drawn first, so that the build does not end on a large one drawn alone.
struct DrawingPermit;

/// The pictures being drawn, and the pixel counts of those waiting.
struct Drawing {
    drawn: usize,
    waiting: Vec<u64>,
}

static DRAWING: (std::sync::Mutex<Drawing>, std::sync::Condvar) = (
    std::sync::Mutex::new(Drawing {
        drawn: 0,
        waiting: Vec::new(),
    }),
    std::sync::Condvar::new(),
);

impl DrawingPermit {
    /// Waits for a core to be free of drawing, and for no larger picture to be waiting.
    fn take(pixels: u64) -> DrawingPermit {
        static CORES: OnceLock<usize> = OnceLock::new();
        let cores =
            *CORES.get_or_init(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
        let (drawing, changed) = &DRAWING;
        let mut d = drawing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        d.waiting.push(pixels);
        while d.drawn >= cores || d.waiting.iter().any(|&w| w > pixels) {
            d = changed
                .wait(d)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        if let Some(i) = d.waiting.iter().position(|&w| w == pixels) {
            d.waiting.swap_remove(i);
        }
        d.drawn += 1;
        changed.notify_all();
        DrawingPermit
    }
}

impl Drop for DrawingPermit {
    fn drop(&mut self) {
        let (drawing, changed) = &DRAWING;
        let mut d = drawing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        d.drawn = d.drawn.saturating_sub(1);
        changed.notify_all();
    }
}

/// An SVG tree to draw at a scale into a `width` x `height` PNG, with the parts it is drawn
/// in and the rows of its strips.
struct Picture<'t> {
    tree: &'t usvg::Tree,
    /// The texts lifted out of the SVG, each drawn where its placeholder is.
    labels: &'t [Label],
    scale_x: f32,
    scale_y: f32,
    width: u32,
    height: u32,
    /// The parts each strip draws those of (see [`units`]); `None` when the root does not
    /// split, and each strip draws the whole tree.
    parts: Option<Vec<Unit<'t>>>,
    /// The colour each strip starts as: the background's, when the first part paints the
    /// whole picture opaque (it is left out of `parts`); transparent otherwise.
    backdrop: resvg::tiny_skia::Color,
    strip_rows: u32,
}

/// A part of a picture drawn as one: the rows it may touch (at the picture's scale), the node,
/// the transform that draws it where `resvg::render` would (see [`units`]), and that of its
/// parent group.
struct Unit<'t> {
    top: f32,
    bottom: f32,
    node: &'t usvg::Node,
    transform: resvg::tiny_skia::Transform,
    parent: resvg::tiny_skia::Transform,
}

/// Pixels an anti-aliased edge may reach past its bounding box.
const BLEED: f32 = 2.0;

/// The parts of `group` (whose children `resvg::render` draws with `parent`) in painting
/// order, each with a bounding box so that a strip draws only the parts it crosses: drawing
/// every part for every strip (transforming and stroking each path again) made a picture of
/// thousands of parts many times slower. A group is split into its children unless it is
/// drawn as a layer (opacity, clip, mask, filter) or has a node that neither
/// `resvg::render_node` nor [`stroke_line`] draws alone; such a group, and every other node,
/// is one part. Splitting an edge's group also lets its label be drawn from the glyph cache
/// (see `png_text`) rather than as outlines.
fn units<'t>(
    group: &'t usvg::Group,
    parent: resvg::tiny_skia::Transform,
    scale_y: f32,
    out: &mut Vec<Unit<'t>>,
) {
    for node in group.children() {
        if let usvg::Node::Group(g) = node
            && splits(g)
        {
            units(g, parent.pre_concat(g.transform()), scale_y, out);
            continue;
        }
        let (bounds, transform) = match (node, node.abs_layer_bounding_box()) {
            (usvg::Node::Group(_), Some(layer)) => {
                (layer.to_rect(), parent.pre_translate(layer.x(), layer.y()))
            }
            // `render_node` shifts a node by its layer's corner (to draw it alone in a pixmap
            // of its size): shift it back.
            (_, Some(layer)) => (
                node.abs_stroke_bounding_box(),
                parent.pre_translate(layer.x(), layer.y()),
            ),
            // A straight line, drawn by `stroke_line` where its parent draws it.
            (usvg::Node::Path(_), None) => (node.abs_stroke_bounding_box(), parent),
            (_, None) => continue, // not in a group that splits (see `splits`)
        };
        out.push(Unit {
            top: bounds.top() * scale_y - BLEED,
            bottom: bounds.bottom() * scale_y + BLEED,
            node,
            transform,
            parent,
        });
    }
}

/// The rows of a strip: [`STRIP_BYTES`] of them, or more when the parts would be drawn more
/// than 1.5 times over on average (a part is drawn, stroked included, once per strip it
/// crosses: the long edges of a dense overview cross them all), up to the whole picture.
/// Without parts (a root that does not split) every strip draws everything: one strip.
fn strip_rows(width: u32, height: u32, parts: Option<&[(f32, f32)]>) -> u32 {
    let Some(parts) = parts else {
        return height;
    };
    let draws = |rows: u32| -> f64 {
        let strip = |y: f32| (y.max(0.0) / rows as f32).floor();
        (parts.iter())
            .map(|&(top, bottom)| f64::from(strip(bottom) - strip(top) + 1.0))
            .sum()
    };
    let mut rows = (STRIP_BYTES / (4 * width)).clamp(1, height);
    while rows < height && draws(rows) > 1.5 * parts.len() as f64 {
        rows = rows.saturating_mul(2).min(height);
    }
    rows
}

/// The colour of `node` when it is an opaque rectangle of one colour over the whole picture (of
/// `size`), as the scene's background is: clearing each strip to it gives the same pixels as
/// drawing it, for half the writes to every pixel.
fn background(node: &usvg::Node, size: usvg::Size) -> Option<resvg::tiny_skia::Color> {
    use usvg::tiny_skia_path::PathVerb;
    let usvg::Node::Path(path) = node else {
        return None;
    };
    let fill = path.fill()?;
    let usvg::Paint::Color(c) = fill.paint() else {
        return None;
    };
    let data = path.data();
    let bounds = data.bounds();
    let corners = data.points().iter().all(|p| {
        (p.x == bounds.left() || p.x == bounds.right())
            && (p.y == bounds.top() || p.y == bounds.bottom())
    });
    let rectangle = data.verbs()
        == [
            PathVerb::Move,
            PathVerb::Line,
            PathVerb::Line,
            PathVerb::Line,
            PathVerb::Close,
        ]
        && corners;
    let whole =
        path.abs_bounding_box() == usvg::Rect::from_xywh(0.0, 0.0, size.width(), size.height())?;
    (path.is_visible()
        && path.stroke().is_none()
        && fill.opacity().get() == 1.0
        && !path.abs_transform().has_skew()
        && rectangle
        && whole)
        .then(|| resvg::tiny_skia::Color::from_rgba8(c.red, c.green, c.blue, 255))
}

/// Whether a group's children can be drawn one by one (see [`units`]).
fn splits(group: &usvg::Group) -> bool {
    !group.should_isolate()
        && group.children().iter().all(|child| match child {
            usvg::Node::Group(_) => true,
            usvg::Node::Path(path) if child.abs_layer_bounding_box().is_none() => {
                (path.stroke()).is_none_or(|s| matches!(s.paint(), usvg::Paint::Color(_)))
            }
            other => other.abs_layer_bounding_box().is_some(),
        })
}

/// Draws a path with no fill area (a horizontal or vertical line, which
/// `resvg::render_node` does not draw alone: it has no bounding box to place it by) as
/// `resvg` draws it in its group: its stroke, of one colour (see [`splits`]); a line has
/// nothing to fill.
fn stroke_line(
    path: &usvg::Path,
    transform: resvg::tiny_skia::Transform,
    pixmap: &mut resvg::tiny_skia::PixmapMut,
) {
    let Some(stroke) = path.stroke() else {
        return;
    };
    let usvg::Paint::Color(c) = stroke.paint() else {
        return;
    };
    if !path.is_visible() {
        return;
    }
    let mut paint = resvg::tiny_skia::Paint::default();
    paint.set_color_rgba8(c.red, c.green, c.blue, stroke.opacity().to_u8());
    paint.anti_alias = path.rendering_mode().use_shape_antialiasing();
    pixmap.stroke_path(path.data(), &paint, &stroke.to_tiny_skia(), transform, None);
}

impl<'t> Picture<'t> {
    fn new(
        tree: &'t usvg::Tree,
        labels: &'t [Label],
        width: u32,
        height: u32,
        scale_x: f32,
        scale_y: f32,
    ) -> Self {
        // `resvg::render` draws the root's children without the root's own transform.
        let root = tree.root();
        let mut backdrop = resvg::tiny_skia::Color::TRANSPARENT;
        let parts = splits(root).then(|| {
            let mut parts = Vec::new();
            units(
                root,
                resvg::tiny_skia::Transform::identity(),
                scale_y,
                &mut parts,
            );
            if let Some(color) = parts.first().and_then(|p| background(p.node, tree.size())) {
                backdrop = color;
                parts.remove(0);
            }
            parts
        });
        let spans: Option<Vec<(f32, f32)>> =
            (parts.as_ref()).map(|parts| parts.iter().map(|p| (p.top, p.bottom)).collect());
        Picture {
            tree,
            labels,
            scale_x,
            scale_y,
            width,
            height,
            parts,
            backdrop,
            strip_rows: strip_rows(width, height, spans.as_deref()),
        }
    }

    /// The PNG, drawn a strip at a time ([`strip_rows`]) and streamed to the encoder;
    /// `None` when `color` is RGB and a pixel is not opaque.
    fn encode(&self, color: png::ColorType) -> Result<Option<Vec<u8>>, RenderError> {
        let size_error = || RenderError::Size {
            width: f64::from(self.width),
            height: f64::from(self.height),
        };
        let strip_rows = self.strip_rows;
        let mut strip = strip_pixmap(self.width, strip_rows).ok_or_else(size_error)?;
        let mut encoder = PngEncoder::new(self.width, self.height, color)?;
        for top in (0..self.height).step_by(strip_rows as usize) {
            let rows = strip_rows.min(self.height - top);
            strip.fill(self.backdrop);
            let (first, last) = (top as f32, (top + rows) as f32);
            let place = resvg::tiny_skia::Transform::from_row(
                self.scale_x,
                0.0,
                0.0,
                self.scale_y,
                0.0,
                -first,
            );
            match &self.parts {
                None => resvg::render(self.tree, place, &mut strip.as_mut()),
                Some(parts) => {
                    for part in parts.iter().filter(|p| p.bottom > first && p.top < last) {
                        let pixmap = &mut strip.as_mut();
                        // Where the part's parent draws it, for what mlsd draws itself.
                        let to_pixels = place.pre_concat(part.parent);
                        if let usvg::Node::Path(path) = part.node {
                            if let Some(label) =
                                png_labels::index(path).and_then(|i| self.labels.get(i))
                            {
                                png_labels::draw(label, to_pixels, self.tree.fontdb(), pixmap);
                                continue;
                            }
                            if part.node.abs_layer_bounding_box().is_none() {
                                stroke_line(path, to_pixels, pixmap);
                                continue;
                            }
                        }
                        if let usvg::Node::Text(text) = part.node
                            && png_text::draw(text, to_pixels, self.tree.fontdb(), pixmap)
                        {
                            continue;
                        }
                        resvg::render_node(part.node, place.pre_concat(part.transform), pixmap);
                    }
                }
            }
            let pixels = &strip.data()[..4 * (self.width * rows) as usize];
            let pushed = encoder.push(pixels);
            if !matches!(pushed, Ok(true)) {
                give_back(strip);
                return pushed.map(|_| None);
            }
        }
        give_back(strip);
        encoder.finish().map(Some)
    }
}

/// The pixel buffers of strips drawn before, for the next strips to be drawn in, whichever
/// thread draws them: a fresh buffer of megabytes costs a page fault per 4 KiB, and the build's
/// drawing threads are new ones each time. There are as many as strips were ever drawn at
/// once (a few, of at most [`KEPT_STRIP_BYTES`]).
static SPARE_STRIPS: std::sync::Mutex<Vec<Vec<u8>>> = std::sync::Mutex::new(Vec::new());

/// The largest strip buffer kept for the next strips ([`give_back`]).
const KEPT_STRIP_BYTES: usize = 4 * STRIP_BYTES as usize;

/// A `width` x `height` pixmap in a spare buffer when there is one. Its pixels are left as
/// they were: each strip is cleared before it is drawn.
fn strip_pixmap(width: u32, height: u32) -> Option<resvg::tiny_skia::Pixmap> {
    let size = resvg::tiny_skia::IntSize::from_wh(width, height)?;
    let len = usize::try_from(u64::from(width) * u64::from(height) * 4).ok()?;
    let spare = SPARE_STRIPS.lock().ok().and_then(|mut spare| spare.pop());
    // Room for the largest strip kept (only the pages drawn in are ever touched): a strip
    // taller than the last one drawn in this buffer must not move it to fresh pages.
    let mut buffer = spare.unwrap_or_else(|| Vec::with_capacity(len.max(KEPT_STRIP_BYTES)));
    buffer.resize(len, 0);
    resvg::tiny_skia::Pixmap::from_vec(buffer, size)
}

/// Keeps a strip's buffer for the next one, unless it grew past a few strips (a dense picture
/// drawn whole): a long-lived process (`watch`, the language server) would hold it for good.
fn give_back(strip: resvg::tiny_skia::Pixmap) {
    let buffer = strip.take();
    if buffer.len() <= KEPT_STRIP_BYTES
        && let Ok(mut spare) = SPARE_STRIPS.lock()
    {
        spare.push(buffer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_grow_when_their_parts_would_be_drawn_again_and_again() {
        // 2,000 px wide: 262 rows a strip.
        let small: Vec<(f32, f32)> = (0..100)
            .map(|i| (i as f32 * 50.0, i as f32 * 50.0 + 40.0))
            .collect();
        assert_eq!(strip_rows(2000, 5000, Some(&small)), 262);
        // As many edges from top to bottom, as in a dense overview: two strips at most.
        let mut long = small.clone();
        long.extend((0..100).map(|_| (0.0, 5000.0)));
        assert!(strip_rows(2000, 5000, Some(&long)) >= 2500);
        // A few long ones among many small: higher strips, still several.
        let mut some = small.clone();
        some.extend((0..5).map(|_| (0.0, 5000.0)));
        let rows = strip_rows(2000, 5000, Some(&some));
        assert!(rows > 262 && rows < 2500, "{rows}");
        // No parts to choose from (a root that does not split): the whole picture at once.
        assert_eq!(strip_rows(2000, 5000, None), 5000);
        assert_eq!(strip_rows(2000, 100, Some(&small)), 100);
    }

    #[test]
    fn rounded_pixmaps_stay_within_the_caps() {
        let mut sizes = vec![
            (24_000.0, 17_000.0),
            (7_000.0, 4_796.3),
            (16_000.0, 16_000.0),
        ];
        // A sweep of awkward sizes around the pixel cap.
        for i in 0..400 {
            let w = 3_000.0 + f64::from(i) * 37.77;
            sizes.push((w, 36_000_000.0 / w + 0.37));
        }
        for (w, h) in sizes {
            for cap in [MAX_PIXELS, MIN_PIXELS, 5_123_457.0] {
                let (s, pw, ph) = pixel_size(w, h, cap);
                assert!(pw * ph <= cap, "{w}x{h} at {s}: {pw}x{ph}");
                assert!(pw <= MAX_SIDE && ph <= MAX_SIDE, "{w}x{h}: {pw}x{ph}");
                assert_eq!((pw, ph), ((w * s).ceil(), (h * s).ceil()));
            }
        }
        assert_eq!(pixel_size(500.0, 400.0, MAX_PIXELS), (2.0, 1000.0, 800.0));
        assert_eq!(pixel_size(500.0, 400.0, MIN_PIXELS), (2.0, 1000.0, 800.0));
    }

    #[test]
    fn builds_of_many_diagrams_share_a_pixel_budget() {
        assert_eq!(pixels_per_png(1), None);
        assert_eq!(pixels_per_png(8), None);
        let (nine, hundred) = (pixels_per_png(9).unwrap(), pixels_per_png(100).unwrap());
        assert!(f64::from(nine) < MAX_PIXELS && f64::from(nine) > MAX_PIXELS * 0.8);
        assert!(hundred < nine);
        assert_eq!(pixels_per_png(100_000), Some(MIN_PIXELS as u32));
    }

    #[test]
    fn the_svg_root_sets_the_pixel_cap() {
        let svg = |attr: &str| {
            format!(r#"<svg width="10" height="10"{attr}><title>data-png-pixels="9"</title></svg>"#)
        };
        assert_eq!(allowed_pixels(&svg("")), MAX_PIXELS);
        assert_eq!(
            allowed_pixels(&svg(r#" data-png-pixels="3000000""#)),
            3_000_000.0
        );
        // Out of range or malformed: clamped, or ignored.
        assert_eq!(allowed_pixels(&svg(r#" data-png-pixels="5""#)), MIN_PIXELS);
        assert_eq!(
            allowed_pixels(&svg(r#" data-png-pixels="1e12""#)),
            MAX_PIXELS
        );
        assert_eq!(
            allowed_pixels(&svg(r#" data-png-pixels="lots""#)),
            MAX_PIXELS
        );
    }

    #[test]
    fn a_capped_svg_rasterises_within_its_cap() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="2000" data-png-pixels="2097152"><rect width="4000" height="2000" fill="#fff"/></svg>"##;
        let png = png(svg).unwrap();
        let (w, h) = (
            u32::from_be_bytes(png[16..20].try_into().unwrap()),
            u32::from_be_bytes(png[20..24].try_into().unwrap()),
        );
        assert!(f64::from(w) * f64::from(h) <= MIN_PIXELS, "{w}x{h}");
        assert!(w > 1900 && h > 950, "{w}x{h}");
        // Twice in a row on one thread (the pixel buffer is reused): the same bytes.
        assert_eq!(png, super::png(svg).unwrap());
        // The fractional scale still covers every pixel: opaque, so RGB (colour type 2).
        assert_eq!(png[25], 2, "RGB");
    }

    /// The pixels of a PNG (RGB) and its width.
    fn decode(png: &[u8]) -> (Vec<u8>, usize) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        buf.truncate(info.buffer_size());
        (buf, info.width as usize)
    }

    #[test]
    fn a_picture_of_many_strips_matches_one_drawn_whole() {
        // 1,000 x 2,500 at scale 2: 2,000 px wide, so a strip has 262 rows and the picture
        // 20 strips (the red line is on the border of the 8th and 9th). A frame, a curve and a
        // line cross the strips' borders; a straight stroked line has no fill area (drawn by
        // `stroke_line`, in a group and at the root); a translated group.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="2500">
<rect width="1000" height="2500" fill="#fff"/>
<g id="frame"><rect x="50" y="100" width="900" height="2300" rx="12" fill="#dbeafe" stroke="#1d4ed8" stroke-width="3"/></g>
<g id="edge"><path d="M100 200 C 900 500, 100 1500, 900 2300" fill="none" stroke="#0f172a" stroke-width="2"/>
<path d="M120 1048 L880 1048" stroke="#b91c1c" stroke-width="1.5"/></g>
<g transform="translate(0 1040)"><text x="500" y="9" font-size="20" text-anchor="middle">strip border</text></g>
<path d="M60 1572 L940 1572" stroke="#15803d" stroke-width="1"/>
</svg>"##;
        let strips = png(svg).unwrap();
        let (pixels, width) = decode(&strips);
        assert_eq!(width, 2000);
        // The same picture drawn in one pixmap.
        let opt = usvg::Options {
            font_family: FONT_FAMILY.to_string(),
            fontdb: fontdb(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &opt).unwrap();
        assert!(splits(tree.root()), "a straight line keeps no group whole");
        let mut whole = resvg::tiny_skia::Pixmap::new(2000, 5000).unwrap();
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(2.0, 2.0),
            &mut whole.as_mut(),
        );
        let expected: Vec<u8> = (whole.data().chunks_exact(4))
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        assert_eq!(pixels.len(), expected.len());
        // Anti-aliasing may differ a little along a curve cut at a strip's border (its pieces
        // are flattened differently); a missing or shifted part would differ by far more.
        let (mut differ, mut worst) = (0, 0);
        for (a, b) in pixels.chunks_exact(3).zip(expected.chunks_exact(3)) {
            let d = (a.iter().zip(b))
                .map(|(x, y)| x.abs_diff(*y))
                .max()
                .unwrap_or(0);
            differ += usize::from(d > 0);
            worst = worst.max(d);
        }
        assert!(differ < 10_000, "{differ} of 10,000,000 pixels differ");
        assert!(worst < 96, "a pixel differs by {worst}");
        // The straight lines on and off the strip borders are there.
        let at = |x: usize, y: usize| &pixels[3 * (y * width + x)..3 * (y * width + x) + 3];
        assert!(
            at(260, 2096)[0] > 150 && at(260, 2096)[1] < 100,
            "the red line"
        );
        assert!(
            at(260, 3144)[1] > 90 && at(260, 3144)[0] < 100,
            "the green line"
        );
    }
}
