//! A font file with one table left out. Every shaper (one per measurer, and one per text run
//! in the rasteriser) first builds a cache of the legacy `kern` table, which took a quarter
//! of the time to rasterise a diagram's text. The diagrams never kern (the measurer shapes
//! with kerning off, the SVGs say `font-kerning:none`), so both shape with faces without
//! that table ([`super::Weight::shaping_font`]).

/// `font` (an sfnt: TrueType or OpenType) without its table `tag`; `None` when `font` is not
/// a well-formed sfnt. The other tables are copied unchanged (their checksums still hold).
pub fn without_table(font: &[u8], tag: &[u8; 4]) -> Option<Vec<u8>> {
    let u16_at = |at: usize| Some(u16::from_be_bytes(font.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?));
    let count = usize::from(u16_at(4)?);
    // (tag, checksum, offset, length) of each table record.
    let mut records = Vec::with_capacity(count);
    for i in 0..count {
        let at = 12 + 16 * i;
        let record_tag: [u8; 4] = font.get(at..at + 4)?.try_into().ok()?;
        let (sum, offset, len) = (u32_at(at + 4)?, u32_at(at + 8)?, u32_at(at + 12)?);
        let (offset, len) = (usize::try_from(offset).ok()?, usize::try_from(len).ok()?);
        font.get(offset..offset.checked_add(len)?)?;
        if &record_tag != tag {
            records.push((record_tag, sum, offset, len));
        }
    }
    let kept = u16::try_from(records.len()).ok()?;
    // The binary-search fields of the offset table follow from the table count.
    let power = if kept == 0 {
        0
    } else {
        1u16 << (15 - kept.leading_zeros())
    };
    let search_range = power.checked_mul(16)?;
    let entry_selector = power.trailing_zeros() as u16;
    let range_shift = kept.checked_mul(16)?.checked_sub(search_range)?;
    let mut out = Vec::with_capacity(font.len());
    out.extend_from_slice(font.get(0..4)?);
    for v in [kept, search_range, entry_selector, range_shift] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    // Tables start on four-byte boundaries.
    let padded = |len: usize| len.div_ceil(4) * 4;
    let mut offset = 12 + 16 * records.len();
    for (record_tag, sum, _, len) in &records {
        out.extend_from_slice(record_tag);
        out.extend_from_slice(&sum.to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(*len).ok()?.to_be_bytes());
        offset += padded(*len);
    }
    for (_, _, from, len) in &records {
        out.extend_from_slice(&font[*from..from + len]);
        out.resize(out.len() + padded(*len) - len, 0);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Weight;

    #[test]
    fn shaping_fonts_measure_as_the_full_fonts_do() {
        for weight in [Weight::Regular, Weight::Bold] {
            let (full, lean) = (weight.font_data(), weight.shaping_font());
            for text in ["Feature store", "AVATAR Wave", "To · ya, LT", "p99 150 ms"] {
                assert_eq!(advance(full, text), advance(lean, text), "{text}");
            }
        }
    }

    /// The advance of `text` shaped with kerning off, as the measurer shapes.
    fn advance(font: &[u8], text: &str) -> i64 {
        use harfrust::{Feature, ShapeOptions, Tag, UnicodeBuffer};
        let font = harfrust::FontRef::new(font).unwrap();
        let data = harfrust::ShaperData::new(&font);
        let shaper = data.shaper(&font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let features = [Feature::new(Tag::new(b"kern"), 0, ..)];
        let out = shaper.shape(buffer, ShapeOptions::new().features(&features));
        out.glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum()
    }

    fn tags(font: &[u8]) -> Vec<[u8; 4]> {
        let count = usize::from(u16::from_be_bytes([font[4], font[5]]));
        (0..count)
            .map(|i| font[12 + 16 * i..16 + 16 * i].try_into().unwrap())
            .collect()
    }

    #[test]
    fn the_table_goes_and_every_other_table_stays_byte_for_byte() {
        for weight in [Weight::Regular, Weight::Bold] {
            let font = weight.font_data();
            assert!(tags(font).contains(b"kern"));
            let stripped = without_table(font, b"kern").expect("a well-formed font");
            let left = tags(&stripped);
            assert_eq!(left.len() + 1, tags(font).len());
            assert!(!left.contains(b"kern"));
            let table = |f: &[u8], tag: &[u8; 4]| -> Vec<u8> {
                let i = tags(f).iter().position(|t| t == tag).unwrap();
                let at = 12 + 16 * i;
                let word = |k: usize| u32::from_be_bytes(f[k..k + 4].try_into().unwrap()) as usize;
                f[word(at + 8)..word(at + 8) + word(at + 12)].to_vec()
            };
            for tag in &left {
                assert_eq!(table(&stripped, tag), table(font, tag));
            }
            let face = harfrust::FontRef::new(&stripped).expect("the stripped font parses");
            assert!(
                harfrust::ShaperData::new(&face)
                    .shaper(&face)
                    .build()
                    .units_per_em()
                    > 0
            );
        }
    }

    #[test]
    fn a_truncated_font_is_refused() {
        let font = Weight::Regular.font_data();
        assert_eq!(without_table(&font[..100], b"kern"), None);
        assert_eq!(without_table(&[], b"kern"), None);
    }
}
