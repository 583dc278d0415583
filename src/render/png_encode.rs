//! Rows of pixels -> PNG bytes: each strip's premultiplied RGBA packed in place (RGB when
//! every pixel is opaque), each row filtered against the one above it, the filtered rows
//! compressed by fdeflate (the `png` crate's fastest setting) and wrapped in PNG chunks by the
//! `png` crate. The rows are filtered here rather than by `png`'s stream writer: that writer
//! copied every row into its own buffer, and its filters cannot skip a row equal to the one
//! above it, which most rows of a diagram are (background, vertical lines).

use std::io;

use super::render_error::RenderError;

/// Bytes of compressed data in one IDAT chunk (the chunks of a PNG are read one after the
/// other; their size changes nothing but the overhead of 12 bytes each).
const IDAT_BYTES: usize = 1 << 20;

/// The filter type bytes of PNG rows (PNG specification, 9.2).
const FILTER_UP: u8 = 2;
const FILTER_PAETH: u8 = 4;

/// A PNG being encoded, a strip of whole rows at a time.
pub(super) struct PngEncoder {
    width: u32,
    height: u32,
    color: png::ColorType,
    /// Bytes of one row of pixels.
    row_bytes: usize,
    /// The last row of the previous strip (zeros above the first row, as PNG defines it).
    above: Vec<u8>,
    /// One filtered row: its filter type byte, then the row.
    line: Vec<u8>,
    zlib: fdeflate::Compressor<Vec<u8>>,
}

impl PngEncoder {
    /// An encoder of a `width` x `height` picture written as `color` (RGB or RGBA, 8 bits).
    pub(super) fn new(
        width: u32,
        height: u32,
        color: png::ColorType,
    ) -> Result<PngEncoder, RenderError> {
        let row_bytes = width as usize * color.samples();
        Ok(PngEncoder {
            width,
            height,
            color,
            row_bytes,
            above: vec![0; row_bytes],
            line: vec![0; row_bytes + 1],
            zlib: fdeflate::Compressor::new(Vec::new()).map_err(io_error)?,
        })
    }

    /// Adds the next rows: `pixels`, whole rows of premultiplied RGBA (4 bytes a pixel), packed
    /// in place first. `Ok(false)` when the colour is RGB and a pixel is not opaque: the picture
    /// must be encoded as RGBA.
    pub(super) fn push(&mut self, pixels: &mut [u8]) -> Result<bool, RenderError> {
        let Some(rows) = pack(pixels, self.color) else {
            return Ok(false);
        };
        let n = self.row_bytes;
        let bpp = self.color.samples();
        for (i, row) in rows.chunks_exact(n).enumerate() {
            let above = match i {
                0 => &self.above[..],
                _ => &rows[(i - 1) * n..i * n],
            };
            // A row equal to the one above filters to zeros with `Up` (and with `Paeth`):
            // comparing costs a tenth of filtering.
            if row == above {
                self.line[0] = FILTER_UP;
                self.line[1..].fill(0);
            } else {
                self.line[0] = FILTER_PAETH;
                paeth(row, above, bpp, &mut self.line[1..]);
            }
            self.zlib.write_data(&self.line).map_err(io_error)?;
        }
        if let Some(last) = rows.len().checked_sub(n) {
            self.above.copy_from_slice(&rows[last..]);
        }
        Ok(true)
    }

    /// The PNG file: header, the `Software` text chunk (which mlsd drew it: a later build
    /// reuses the PNG of an unchanged SVG only from the same version, see `png_reuse`), the
    /// compressed rows, end.
    pub(super) fn finish(self) -> Result<Vec<u8>, RenderError> {
        let png_err = |e: png::EncodingError| RenderError::Png(e.to_string());
        let zlib = self.zlib.finish().map_err(io_error)?;
        let mut out = Vec::with_capacity(zlib.len() + 256);
        let mut enc = png::Encoder::new(&mut out, self.width, self.height);
        enc.set_color(self.color);
        enc.set_depth(png::BitDepth::Eight);
        enc.add_text_chunk(
            "Software".to_string(),
            super::png_reuse::SOFTWARE.to_string(),
        )
        .map_err(png_err)?;
        let mut writer = enc.write_header().map_err(png_err)?;
        for chunk in zlib.chunks(IDAT_BYTES) {
            writer
                .write_chunk(png::chunk::IDAT, chunk)
                .map_err(png_err)?;
        }
        writer.finish().map_err(png_err)?;
        Ok(out)
    }
}

fn io_error(e: io::Error) -> RenderError {
    RenderError::Png(e.to_string())
}

/// PNG's Paeth filter of `row` under `above` (both unfiltered, `bpp` bytes a pixel) into `out`.
/// Every byte is independent of the other filtered ones, so the loop is vectorised.
fn paeth(row: &[u8], above: &[u8], bpp: usize, out: &mut [u8]) {
    // Left of the first pixel, a and c are zero: the predictor is b.
    for i in 0..bpp.min(row.len()) {
        out[i] = row[i].wrapping_sub(above[i]);
    }
    let Some(rest) = row.len().checked_sub(bpp) else {
        return;
    };
    let left = &row[..rest];
    let up_left = &above[..rest];
    for ((o, &x), ((&a, &b), &c)) in
        (out[bpp..].iter_mut().zip(&row[bpp..])).zip(left.iter().zip(&above[bpp..]).zip(up_left))
    {
        *o = x.wrapping_sub(paeth_predictor(a, b, c));
    }
}

/// The Paeth predictor of a byte from its left (`a`), upper (`b`) and upper-left (`c`)
/// neighbours, in 8-bit arithmetic only (Luca Versari's form for FPNGE, as the `png` crate
/// computes it): `pc` matters only when `c` lies between `a` and `b`, where it is `|pa - pb|`.
fn paeth_predictor(a: u8, b: u8, c: u8) -> u8 {
    let pa = b.max(c) - b.min(c);
    let pb = a.max(c) - a.min(c);
    let pc = if (a < c) == (c < b) {
        pa.max(pb) - pa.min(pb)
    } else {
        255
    };
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Packs `pixels` (premultiplied RGBA, 4 bytes each) in place as `color`: RGB, 3 bytes each,
/// or RGBA not premultiplied; the packed bytes are the slice's start. `None` when the color is
/// RGB and a pixel is not opaque. In place, a strip needs no second buffer (whose fresh pages
/// cost as much as the packing): each write lands at or before the bytes still to be read.
fn pack(pixels: &mut [u8], color: png::ColorType) -> Option<&[u8]> {
    let n = pixels.len() / 4;
    if color != png::ColorType::Rgb {
        for p in pixels.chunks_exact_mut(4) {
            let c = resvg::tiny_skia::PremultipliedColorU8::from_rgba(p[0], p[1], p[2], p[3])
                .map_or([0; 4], |c| {
                    let c = c.demultiply();
                    [c.red(), c.green(), c.blue(), c.alpha()]
                });
            p.copy_from_slice(&c);
        }
        return Some(pixels);
    }
    // Four pixels at a time as one 128-bit word: the three colour bytes of each pixel moved
    // together, and the alpha bytes and-ed (no early exit: the loop stays branch-free).
    const ALPHA: u128 = 0xff00_0000_ff00_0000_ff00_0000_ff00_0000;
    const RGB: u128 = 0x00ff_ffff;
    let mut alpha = ALPHA;
    let whole = n / 4;
    for i in 0..whole {
        let mut word = [0; 16];
        word.copy_from_slice(&pixels[16 * i..16 * i + 16]);
        let v = u128::from_le_bytes(word);
        alpha &= v;
        let packed = (v & RGB)
            | ((v >> 8) & (RGB << 24))
            | ((v >> 16) & (RGB << 48))
            | ((v >> 24) & (RGB << 72));
        pixels[12 * i..12 * i + 12].copy_from_slice(&packed.to_le_bytes()[..12]);
    }
    let mut opaque = alpha & ALPHA == ALPHA;
    for i in 4 * whole..n {
        opaque &= pixels[4 * i + 3] == 255;
        pixels.copy_within(4 * i..4 * i + 3, 3 * i);
    }
    opaque.then_some(&pixels[..3 * n])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Paeth predictor as the PNG specification writes it (9.4), in wide arithmetic.
    fn paeth_reference(a: u8, b: u8, c: u8) -> u8 {
        let p = i16::from(a) + i16::from(b) - i16::from(c);
        let (pa, pb, pc) = (
            (p - i16::from(a)).abs(),
            (p - i16::from(b)).abs(),
            (p - i16::from(c)).abs(),
        );
        if pa <= pb && pa <= pc {
            a
        } else if pb <= pc {
            b
        } else {
            c
        }
    }

    #[test]
    fn the_paeth_predictor_is_the_specifications_for_every_input() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                for c in (0..=255u8).step_by(3) {
                    assert_eq!(paeth_predictor(a, b, c), paeth_reference(a, b, c));
                }
            }
        }
    }

    #[test]
    fn packing_drops_alpha_and_finds_a_transparent_pixel_anywhere() {
        // Runs of four pixels and some left over, or none.
        for n in [7u8, 8, 9, 1] {
            let rgba: Vec<u8> = (0..n).flat_map(|i| [i, 10 + i, 20 + i, 255]).collect();
            let expected: Vec<u8> = (0..n).flat_map(|i| [i, 10 + i, 20 + i]).collect();
            let mut pixels = rgba.clone();
            assert_eq!(pack(&mut pixels, png::ColorType::Rgb), Some(&expected[..]));
            for at in [0, 3, 4, 6, 8].into_iter().filter(|&at| at < n as usize) {
                let mut seen = rgba.clone();
                seen[4 * at + 3] = 254;
                assert_eq!(
                    pack(&mut seen, png::ColorType::Rgb),
                    None,
                    "pixel {at} of {n}"
                );
            }
        }
        // RGBA un-premultiplies.
        let mut pixels = [64, 0, 0, 128, 0, 0, 0, 0];
        let expected = [128, 0, 0, 128, 0, 0, 0, 0];
        assert_eq!(pack(&mut pixels, png::ColorType::Rgba), Some(&expected[..]));
    }

    /// Decodes a PNG to its colour type and bytes.
    fn decode(png_bytes: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut reader = png::Decoder::new(io::Cursor::new(png_bytes))
            .read_info()
            .expect("a PNG header");
        let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
        let info = reader.next_frame(&mut buf).expect("the pixels");
        buf.truncate(info.buffer_size());
        (info.color_type, buf)
    }

    #[test]
    fn strips_of_rows_decode_to_the_pixels_pushed() {
        // 5 x 7 pixels of varied, repeated and equal rows, pushed in strips of 3, 3 and 1 rows.
        let (w, h) = (5usize, 7usize);
        let pixel = |x: usize, y: usize| -> [u8; 4] {
            let y = if y == 3 || y == 4 { 2 } else { y }; // rows 2, 3 and 4 are equal
            [(x * 50 + y) as u8, (y * 30) as u8, (x * y * 7) as u8, 255]
        };
        let rgba: Vec<u8> = (0..h)
            .flat_map(|y| (0..w).flat_map(move |x| pixel(x, y)))
            .collect();
        let mut enc = PngEncoder::new(w as u32, h as u32, png::ColorType::Rgb).expect("encoder");
        for strip in [0..3, 3..6, 6..7] {
            let mut bytes = rgba[4 * w * strip.start..4 * w * strip.end].to_vec();
            assert!(enc.push(&mut bytes).expect("push"));
        }
        let (color, bytes) = decode(&enc.finish().expect("png"));
        assert_eq!(color, png::ColorType::Rgb);
        let rgb: Vec<u8> = rgba
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        assert_eq!(bytes, rgb);

        // A translucent pixel: RGB refuses the strip, RGBA keeps it (not premultiplied).
        let mut translucent = rgba.clone();
        translucent[4 * 7 + 3] = 128;
        translucent[4 * 7..4 * 7 + 3].copy_from_slice(&[64, 32, 16]);
        let mut rgb_enc = PngEncoder::new(w as u32, h as u32, png::ColorType::Rgb).expect("enc");
        assert!(!rgb_enc.push(&mut translucent.clone()).expect("push"));
        let mut enc = PngEncoder::new(w as u32, h as u32, png::ColorType::Rgba).expect("enc");
        assert!(enc.push(&mut translucent.clone()).expect("push"));
        let (color, bytes) = decode(&enc.finish().expect("png"));
        assert_eq!(color, png::ColorType::Rgba);
        assert_eq!(bytes[4 * 7..4 * 8], [128, 64, 32, 128]);
        assert_eq!(bytes[..4 * 7], rgba[..4 * 7]);
    }
}
