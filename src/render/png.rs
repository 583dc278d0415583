//! SVG text -> PNG bytes through usvg + resvg, with only the embedded DejaVu Sans faces in
//! the font database (no system fonts: same pixels on every machine, text even on a machine
//! without fonts). Scale 2, lowered so that neither side passes 16,384 px nor the pixmap
//! 32 Mpx (128 MB of pixmap), so a huge diagram cannot exhaust memory.

use std::sync::{Arc, OnceLock};

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
/// Up to this many pixels a PNG is compressed harder.
const SMALL_PIXELS: f64 = 8.0 * 1024.0 * 1024.0;
/// Preferred scale.
pub const SCALE: f64 = 2.0;

fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for weight in [Weight::Regular, Weight::Bold] {
            db.load_font_data(weight.shaping_font().to_vec());
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

/// Rasterises an SVG document (at most the pixels its root element allows).
pub fn png(svg: &str) -> Result<Vec<u8>, RenderError> {
    let opt = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| RenderError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let (s, pw, ph) = pixel_size(w, h, allowed_pixels(svg));
    if !(pw >= 1.0 && ph >= 1.0 && pw <= MAX_SIDE && ph <= MAX_SIDE) {
        return Err(RenderError::Size {
            width: w,
            height: h,
        });
    }
    let mut pixmap = blank_pixmap(pw as u32, ph as u32).ok_or(RenderError::Size {
        width: w,
        height: h,
    })?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(s as f32, s as f32),
        &mut pixmap.as_mut(),
    );
    encode(pixmap)
}

/// PNG bytes of a pixmap. The scene paints an opaque background, so pixels are normally
/// opaque and are written as RGB with fast compression (encoding dominated the PNG time
/// with tiny-skia's default settings); a transparent pixel falls back to RGBA. The RGB bytes
/// are packed inside the pixmap's own buffer: a 32 Mpx picture would need another 96 MB for
/// a copy, per diagram drawn at once.
fn encode(pixmap: resvg::tiny_skia::Pixmap) -> Result<Vec<u8>, RenderError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    // No early exit: a plain fold over the alpha bytes is vectorised.
    let opaque = pixmap.data().chunks_exact(4).fold(255, |a, p| a & p[3]) == 255;
    let (color, bytes) = if opaque {
        let mut data = pixmap.take();
        let n = data.len() / 4;
        // In place, front to back, a block of pixels at a time through a small buffer: pixel
        // i's RGB lands at 3i, never past the 4i it came from.
        const BLOCK: usize = 1024;
        let mut block = [0u8; 4 * BLOCK];
        for start in (0..n).step_by(BLOCK) {
            let len = BLOCK.min(n - start);
            let rgba = &mut block[..4 * len];
            rgba.copy_from_slice(&data[4 * start..4 * (start + len)]);
            let rgb = &mut data[3 * start..3 * (start + len)];
            for (to, from) in rgb.chunks_exact_mut(3).zip(rgba.chunks_exact(4)) {
                to.copy_from_slice(&from[..3]);
            }
        }
        data.truncate(3 * n);
        (png::ColorType::Rgb, data)
    } else {
        let rgba: Vec<u8> = pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect();
        (png::ColorType::Rgba, rgba)
    };
    let mut out = Vec::with_capacity(bytes.len() / 8);
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(color);
    enc.set_depth(png::BitDepth::Eight);
    // Which mlsd drew it: a later build reuses the PNG of an unchanged SVG only from the same
    // version (`png_reuse`).
    enc.add_text_chunk(
        "Software".to_string(),
        super::png_reuse::SOFTWARE.to_string(),
    )
    .map_err(|e| RenderError::Png(e.to_string()))?;
    // Small pictures get the adaptive filter (files ~2x smaller for ~1.5x the time); big
    // ones the Sub filter, which is the fastest (Balanced compression would take ~3x
    // longer than either for files ~2x smaller: not worth it against the speed target).
    enc.set_compression(png::Compression::Fast);
    if f64::from(width) * f64::from(height) > SMALL_PIXELS {
        enc.set_filter(png::Filter::Sub);
    }
    let png_err = |e: png::EncodingError| RenderError::Png(e.to_string());
    let mut w = enc.write_header().map_err(png_err)?;
    w.write_image_data(&bytes).map_err(png_err)?;
    w.finish().map_err(png_err)?;
    SPARE_PIXELS.with(|spare| *spare.borrow_mut() = bytes);
    Ok(out)
}

thread_local! {
    /// The pixel buffer of the last PNG this thread drew, to draw the next one in: a fresh
    /// buffer of many megabytes costs a page fault per 4 KiB, which took a sixth of the time
    /// to rasterise a large diagram. It goes with the thread (the build's drawing threads end
    /// with the build).
    static SPARE_PIXELS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A transparent `width` x `height` pixmap, in this thread's spare buffer when it has one.
fn blank_pixmap(width: u32, height: u32) -> Option<resvg::tiny_skia::Pixmap> {
    let size = resvg::tiny_skia::IntSize::from_wh(width, height)?;
    let len = usize::try_from(u64::from(width) * u64::from(height) * 4).ok()?;
    let mut buffer = SPARE_PIXELS.with(|spare| std::mem::take(&mut *spare.borrow_mut()));
    buffer.clear();
    buffer.resize(len, 0);
    resvg::tiny_skia::Pixmap::from_vec(buffer, size)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
