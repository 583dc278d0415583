//! Rows of pixels -> PNG bytes: each row of premultiplied RGBA packed into a row buffer (RGB
//! when every pixel is opaque), filtered against the one above it, the filtered rows
//! compressed by fdeflate (the `png` crate's fastest setting) straight into the PNG file, as one
//! IDAT chunk between the header and the end that the `png` crate writes. The rows are filtered
//! here rather than by `png`'s stream writer: that writer copied every row into its own buffer,
//! and its filters cannot skip a row equal to the one above it, which most rows of a diagram
//! are (background, vertical lines). One chunk written in place spares a second copy of the
//! compressed picture (its fresh pages cost more than copying them).

use std::io;

use super::render_error::RenderError;

/// The largest chunk a PNG may hold (PNG specification, 5.3): a picture that compresses to
/// more is refused (the pixel cap keeps every PNG of mlsd far below it).
const MAX_CHUNK_BYTES: usize = i32::MAX as usize;
/// The bytes of a chunk's length and type, before its data.
const CHUNK_HEAD_BYTES: usize = 8;

/// The filter type bytes of PNG rows (PNG specification, 9.2).
const FILTER_UP: u8 = 2;
const FILTER_PAETH: u8 = 4;

/// A PNG being encoded, a strip of whole rows at a time.
pub(super) struct PngEncoder {
    color: png::ColorType,
    /// Bytes of one row of pixels.
    row_bytes: usize,
    /// The last row packed (zeros above the first row, as PNG defines it).
    above: Vec<u8>,
    /// The last row pushed, as it was pushed (none before the first).
    last_rgba: Vec<u8>,
    /// The row being packed.
    row: Vec<u8>,
    /// One filtered row: its filter type byte, then the row.
    line: Vec<u8>,
    /// A row equal to the one above, filtered: `Up` and zeros.
    same: Vec<u8>,
    /// The PNG so far: its header, the IDAT chunk's length (to be written) and type, then the
    /// compressed rows.
    zlib: fdeflate::Compressor<Vec<u8>>,
    /// Where the IDAT chunk starts in the PNG.
    idat: usize,
    /// The end chunk the `png` crate wrote after the header.
    end: Vec<u8>,
}

impl PngEncoder {
    /// An encoder of a `width` x `height` picture written as `color` (RGB or RGBA, 8 bits).
    pub(super) fn new(
        width: u32,
        height: u32,
        color: png::ColorType,
    ) -> Result<PngEncoder, RenderError> {
        let row_bytes = width as usize * color.samples();
        let mut file = header(width, height, color)?;
        let end = file.split_off(file.len() - END_CHUNK_BYTES);
        // Room for a diagram's compressed rows (a byte for 16 pixels is several times what
        // they take): only the pages written to are touched.
        file.reserve(width as usize * height as usize / 16);
        let idat = file.len();
        file.extend_from_slice(&[0; 4]);
        file.extend_from_slice(&png::chunk::IDAT.0);
        Ok(PngEncoder {
            row_bytes,
            above: vec![0; row_bytes],
            last_rgba: Vec::new(),
            row: vec![0; row_bytes],
            line: vec![0; row_bytes + 1],
            same: [FILTER_UP].into_iter().chain(vec![0; row_bytes]).collect(),
            zlib: fdeflate::Compressor::new(file).map_err(io_error)?,
            idat,
            end,
            color,
        })
    }

    /// Adds the next rows: `pixels`, whole rows of premultiplied RGBA (4 bytes a pixel).
    /// `Ok(false)` when the colour is RGB and a pixel is not opaque: the picture must be
    /// encoded as RGBA.
    pub(super) fn push(&mut self, pixels: &[u8]) -> Result<bool, RenderError> {
        let bpp = self.color.samples();
        let Self {
            last_rgba,
            row,
            above,
            line,
            same,
            zlib,
            color,
            row_bytes,
            ..
        } = self;
        let width4 = 4 * (*row_bytes / bpp);
        // A row at a time, packed into a buffer that stays in the cache while it is compared
        // and filtered: the strip itself is read once. A row equal to the one above (a third of
        // a diagram's: background, vertical lines) filters to zeros with `Up` (and with
        // `Paeth`), and is neither packed nor filtered: comparing costs a tenth of that.
        let mut previous: &[u8] = last_rgba;
        for rgba in pixels.chunks_exact(width4) {
            if rgba == previous {
                zlib.write_data(same).map_err(io_error)?;
                continue;
            }
            previous = rgba;
            if !pack(rgba, *color, row) {
                return Ok(false);
            }
            let filtered = if row == above {
                &same[..]
            } else {
                line[0] = FILTER_PAETH;
                paeth(row, above, bpp, &mut line[1..]);
                &line[..]
            };
            zlib.write_data(filtered).map_err(io_error)?;
            std::mem::swap(row, above);
        }
        if let Some(last) = pixels.len().checked_sub(width4) {
            last_rgba.clear();
            last_rgba.extend_from_slice(&pixels[last..]);
        }
        Ok(true)
    }

    /// The PNG file: the header, the compressed rows in one IDAT chunk (its length and check
    /// written now), the end.
    pub(super) fn finish(self) -> Result<Vec<u8>, RenderError> {
        let mut file = self.zlib.finish().map_err(io_error)?;
        let data = file.len() - self.idat - CHUNK_HEAD_BYTES;
        let length = u32::try_from(data)
            .ok()
            .filter(|_| data <= MAX_CHUNK_BYTES)
            .ok_or_else(|| RenderError::Png(format!("{data} bytes of pixels in one chunk")))?;
        file[self.idat..self.idat + 4].copy_from_slice(&length.to_be_bytes());
        // A chunk's CRC covers its type and data (PNG specification, 5.3).
        let crc = crc32fast::hash(&file[self.idat + 4..]);
        file.extend_from_slice(&crc.to_be_bytes());
        file.extend_from_slice(&self.end);
        Ok(file)
    }
}

/// The bytes of the end chunk (IEND): its length, type and check.
const END_CHUNK_BYTES: usize = 12;

/// A PNG of no rows, as the `png` crate writes it: signature, header chunk, the `Software`
/// text chunk (which mlsd drew it: a later build reuses the PNG of an unchanged SVG only from
/// the same version, see `png_reuse`), and the end chunk.
fn header(width: u32, height: u32, color: png::ColorType) -> Result<Vec<u8>, RenderError> {
    let png_err = |e: png::EncodingError| RenderError::Png(e.to_string());
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(color);
    enc.set_depth(png::BitDepth::Eight);
    enc.add_text_chunk(
        "Software".to_string(),
        super::png_reuse::SOFTWARE.to_string(),
    )
    .map_err(png_err)?;
    enc.write_header()
        .map_err(png_err)?
        .finish()
        .map_err(png_err)?;
    Ok(out)
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

/// Packs `pixels` (premultiplied RGBA, 4 bytes each) into `out` (as long) as `color`: RGB,
/// 3 bytes each, or RGBA not premultiplied. `false` when the color is RGB and a pixel is not
/// opaque.
fn pack(pixels: &[u8], color: png::ColorType, out: &mut [u8]) -> bool {
    let n = pixels.len() / 4;
    if color != png::ColorType::Rgb {
        for (p, o) in pixels.chunks_exact(4).zip(out.chunks_exact_mut(4)) {
            let c = resvg::tiny_skia::PremultipliedColorU8::from_rgba(p[0], p[1], p[2], p[3])
                .map_or([0; 4], |c| {
                    let c = c.demultiply();
                    [c.red(), c.green(), c.blue(), c.alpha()]
                });
            o.copy_from_slice(&c);
        }
        return true;
    }
    // Four pixels at a time as one 128-bit word: the three colour bytes of each pixel moved
    // together, and the alpha bytes and-ed (no early exit: the loop stays branch-free).
    const ALPHA: u128 = 0xff00_0000_ff00_0000_ff00_0000_ff00_0000;
    const RGB: u128 = 0x00ff_ffff;
    let mut alpha = ALPHA;
    let (out, packed_rest) = out.split_at_mut(12 * (n / 4));
    let fours = pixels.chunks_exact(16);
    let rest = fours.remainder();
    for (four, packed) in fours.zip(out.chunks_exact_mut(12)) {
        let mut word = [0; 16];
        word.copy_from_slice(four);
        let v = u128::from_le_bytes(word);
        alpha &= v;
        let rgb = (v & RGB)
            | ((v >> 8) & (RGB << 24))
            | ((v >> 16) & (RGB << 48))
            | ((v >> 24) & (RGB << 72));
        packed.copy_from_slice(&rgb.to_le_bytes()[..12]);
    }
    let mut opaque = alpha & ALPHA == ALPHA;
    for (p, packed) in rest.chunks_exact(4).zip(packed_rest.chunks_exact_mut(3)) {
        opaque &= p[3] == 255;
        packed.copy_from_slice(&p[..3]);
    }
    opaque
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
            let mut packed = vec![0; expected.len()];
            assert!(pack(&rgba, png::ColorType::Rgb, &mut packed));
            assert_eq!(packed, expected);
            for at in [0, 3, 4, 6, 8].into_iter().filter(|&at| at < n as usize) {
                let mut seen = rgba.clone();
                seen[4 * at + 3] = 254;
                assert!(
                    !pack(&seen, png::ColorType::Rgb, &mut packed),
                    "pixel {at} of {n}"
                );
            }
        }
        // RGBA un-premultiplies.
        let mut packed = [0; 8];
        assert!(pack(
            &[64, 0, 0, 128, 0, 0, 0, 0],
            png::ColorType::Rgba,
            &mut packed
        ));
        assert_eq!(packed, [128, 0, 0, 128, 0, 0, 0, 0]);
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
            assert!(
                enc.push(&rgba[4 * w * strip.start..4 * w * strip.end])
                    .expect("push")
            );
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
        assert!(!rgb_enc.push(&translucent).expect("push"));
        let mut enc = PngEncoder::new(w as u32, h as u32, png::ColorType::Rgba).expect("enc");
        assert!(enc.push(&translucent).expect("push"));
        let (color, bytes) = decode(&enc.finish().expect("png"));
        assert_eq!(color, png::ColorType::Rgba);
        assert_eq!(bytes[4 * 7..4 * 8], [128, 64, 32, 128]);
        assert_eq!(bytes[..4 * 7], rgba[..4 * 7]);
    }
}
