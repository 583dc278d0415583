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
/// Up to this many pixels a PNG is compressed harder.
const SMALL_PIXELS: f64 = 8.0 * 1024.0 * 1024.0;
/// Preferred scale.
pub const SCALE: f64 = 2.0;

fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(Weight::Regular.font_data().to_vec());
        db.load_font_data(Weight::Bold.font_data().to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// The scale a `w` x `h` picture is rasterised at: the pixmap, whose sides are rounded up,
/// stays within [`MAX_SIDE`] and [`MAX_PIXELS`].
pub fn scale_for(w: f64, h: f64) -> f64 {
    pixel_size(w, h).0
}

/// The scale and the pixmap's width and height (each side rounded up) for a `w` x `h`
/// picture: at most [`MAX_SIDE`] a side and [`MAX_PIXELS`] in all, counted after rounding.
pub fn pixel_size(w: f64, h: f64) -> (f64, f64, f64) {
    let (w, h) = (w.max(1.0), h.max(1.0));
    let mut s = SCALE.min(MAX_SIDE / w).min(MAX_SIDE / h);
    // Rounding up adds at most a pixel a side: (w s + 1)(h s + 1) <= MAX_PIXELS solved for s.
    let (a, b, c) = (w * h, w + h, 1.0 - MAX_PIXELS);
    let bound = (-b + (b * b - 4.0 * a * c).sqrt()) / (2.0 * a);
    if (w * s).ceil() * (h * s).ceil() > MAX_PIXELS {
        s = s.min(bound);
    }
    // Floating-point slack: shrink by a hair until the rounded sides fit.
    while (w * s).ceil() * (h * s).ceil() > MAX_PIXELS
        || (w * s).ceil() > MAX_SIDE
        || (h * s).ceil() > MAX_SIDE
    {
        s *= 1.0 - 1e-9;
    }
    (s, (w * s).ceil(), (h * s).ceil())
}

/// Rasterises an SVG document.
pub fn png(svg: &str) -> Result<Vec<u8>, RenderError> {
    let opt = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| RenderError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let (s, pw, ph) = pixel_size(w, h);
    if !(pw >= 1.0 && ph >= 1.0 && pw <= MAX_SIDE && ph <= MAX_SIDE) {
        return Err(RenderError::Size {
            width: w,
            height: h,
        });
    }
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(pw as u32, ph as u32).ok_or(RenderError::Size {
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
    let opaque = pixmap.data().chunks_exact(4).all(|p| p[3] == 255);
    let (color, bytes) = if opaque {
        let mut data = pixmap.take();
        let n = data.len() / 4;
        for i in 0..n {
            data.copy_within(4 * i..4 * i + 3, 3 * i);
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
    let mut out = Vec::new();
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
    if f64::from(width) * f64::from(height) <= SMALL_PIXELS {
        enc.set_compression(png::Compression::Fast);
    } else {
        enc.set_compression(png::Compression::Fast);
        enc.set_filter(png::Filter::Sub);
    }
    let png_err = |e: png::EncodingError| RenderError::Png(e.to_string());
    let mut w = enc.write_header().map_err(png_err)?;
    w.write_image_data(&bytes).map_err(png_err)?;
    w.finish().map_err(png_err)?;
    Ok(out)
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
            let (s, pw, ph) = pixel_size(w, h);
            assert!(pw * ph <= MAX_PIXELS, "{w}x{h} at {s}: {pw}x{ph}");
            assert!(pw <= MAX_SIDE && ph <= MAX_SIDE, "{w}x{h}: {pw}x{ph}");
            assert_eq!((pw, ph), ((w * s).ceil(), (h * s).ceil()));
        }
        assert_eq!(pixel_size(500.0, 400.0), (2.0, 1000.0, 800.0));
    }
}
