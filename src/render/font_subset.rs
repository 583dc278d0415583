//! Scene -> `@font-face` rules embedding a subset of DejaVu Sans (regular and bold) holding
//! just the glyphs the scene's text uses, so a browser draws the SVG with the very font the
//! layout measured and resvg rasterised (the full faces are ~740 KB each; a subset of a
//! diagram's characters is a few KB).
//!
//! The subset is a plain TrueType font: glyphs renumbered (notdef first), `glyf`/`loca`
//! (long offsets), `hmtx`, a format-4 `cmap`, `post` v3 and the copied `head`, `hhea`,
//! `maxp`, `OS/2`, `name` (which carries the licence) and hinting tables. Layout tables
//! (GSUB, GPOS, kern) are dropped: the SVG turns kerning and ligatures off, as the measurer
//! does.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine as _;

use crate::layout::{TextMeasurer, Weight};
use crate::scene::Scene;

fn u16_at(d: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(o)?, *d.get(o + 1)?]))
}

fn u32_at(d: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(o)?,
        *d.get(o + 1)?,
        *d.get(o + 2)?,
        *d.get(o + 3)?,
    ]))
}

/// The tables of a TrueType font by tag.
fn tables(font: &[u8]) -> Option<BTreeMap<[u8; 4], &[u8]>> {
    let n = usize::from(u16_at(font, 4)?);
    let mut out = BTreeMap::new();
    for i in 0..n {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        out.insert(tag, font.get(off..off.checked_add(len)?)?);
    }
    Some(out)
}

/// Byte range of glyph `gid` in `glyf`.
fn glyph_range(loca: &[u8], long: bool, gid: usize) -> Option<(usize, usize)> {
    if long {
        Some((
            u32_at(loca, gid * 4)? as usize,
            u32_at(loca, gid * 4 + 4)? as usize,
        ))
    } else {
        Some((
            usize::from(u16_at(loca, gid * 2)?) * 2,
            usize::from(u16_at(loca, gid * 2 + 2)?) * 2,
        ))
    }
}

/// Offsets of the glyph-index fields of a composite glyph's components.
fn component_offsets(g: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    if g.len() < 10 || i16::from_be_bytes([g[0], g[1]]) >= 0 {
        return out;
    }
    let mut o = 10;
    while let Some(flags) = u16_at(g, o) {
        out.push(o + 2);
        o += 4 + if flags & 0x1 != 0 { 4 } else { 2 };
        o += if flags & 0x8 != 0 {
            2
        } else if flags & 0x40 != 0 {
            4
        } else if flags & 0x80 != 0 {
            8
        } else {
            0
        };
        if flags & 0x20 == 0 {
            break;
        }
    }
    out
}

/// A format-4 cmap (Windows Unicode BMP) with one segment per character.
fn cmap(map: &BTreeMap<u16, u16>) -> Vec<u8> {
    let mut segs: Vec<(u16, u16)> = map
        .iter()
        .map(|(&c, &g)| (c, g))
        .filter(|&(c, _)| c != 0xFFFF)
        .collect();
    segs.push((0xFFFF, 0));
    let n = segs.len() as u16;
    let mut sub = Vec::new();
    let len = 16 + 8 * usize::from(n);
    let p2 = 1u16 << (15 - n.leading_zeros().min(15)); // largest power of two <= n
    for v in [
        4u16,
        len as u16,
        0,
        n * 2,
        p2 * 2,
        p2.trailing_zeros() as u16,
        n * 2 - p2 * 2,
    ] {
        sub.extend_from_slice(&v.to_be_bytes());
    }
    segs.iter()
        .for_each(|&(c, _)| sub.extend_from_slice(&c.to_be_bytes()));
    sub.extend_from_slice(&0u16.to_be_bytes());
    segs.iter()
        .for_each(|&(c, _)| sub.extend_from_slice(&c.to_be_bytes()));
    for &(c, g) in &segs {
        let delta = if c == 0xFFFF { 1u16 } else { g.wrapping_sub(c) };
        sub.extend_from_slice(&delta.to_be_bytes());
    }
    segs.iter()
        .for_each(|_| sub.extend_from_slice(&0u16.to_be_bytes()));
    let mut out = Vec::new();
    for v in [0u16, 1, 3, 1] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out.extend_from_slice(&12u32.to_be_bytes());
    out.extend_from_slice(&sub);
    out
}

fn checksum(d: &[u8]) -> u32 {
    d.chunks(4).fold(0u32, |s, c| {
        let mut b = [0u8; 4];
        b[..c.len()].copy_from_slice(c);
        s.wrapping_add(u32::from_be_bytes(b))
    })
}

/// Assembles a font file from tables.
fn write_font(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let n = tables.len() as u16;
    let p2 = 1u16 << (15 - n.leading_zeros().min(15));
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [n, p2 * 16, p2.trailing_zeros() as u16, n * 16 - p2 * 16] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * tables.len() + body.len();
    }
    out.extend_from_slice(&body);
    out
}

/// A TrueType subset of `font` holding `chars` (as mapped by `glyph_of`), or `None` when the
/// font is not a TrueType font this code understands.
pub fn subset(
    font: &[u8],
    chars: &BTreeSet<char>,
    glyph_of: impl Fn(char) -> Option<u32>,
) -> Option<Vec<u8>> {
    // One cmap segment per character must fit the format's 16-bit lengths.
    if chars.len() > 8000 {
        return None;
    }
    let t = tables(font)?;
    let (head, hhea, maxp, hmtx, loca, glyf) = (
        t.get(b"head")?,
        t.get(b"hhea")?,
        t.get(b"maxp")?,
        t.get(b"hmtx")?,
        t.get(b"loca")?,
        t.get(b"glyf")?,
    );
    let long = u16_at(head, 50)? == 1;
    let num_glyphs = usize::from(u16_at(maxp, 4)?);
    let num_metrics = usize::from(u16_at(hhea, 34)?);
    // Glyphs to keep: notdef, each character's glyph, then composite components.
    let mut keep: BTreeSet<usize> = BTreeSet::from([0]);
    let mut char_glyph = BTreeMap::new();
    for &c in chars {
        if let (Ok(code), Some(g)) = (u16::try_from(u32::from(c)), glyph_of(c)) {
            let g = g as usize;
            if g > 0 && g < num_glyphs {
                keep.insert(g);
                char_glyph.insert(code, g);
            }
        }
    }
    let mut todo: Vec<usize> = keep.iter().copied().collect();
    while let Some(g) = todo.pop() {
        let (a, b) = glyph_range(loca, long, g)?;
        let data = glyf.get(a..b)?;
        for o in component_offsets(data) {
            let c = usize::from(u16_at(data, o)?);
            if c < num_glyphs && keep.insert(c) {
                todo.push(c);
            }
        }
    }
    let new_id: BTreeMap<usize, u16> = keep
        .iter()
        .enumerate()
        .map(|(i, &g)| (g, i as u16))
        .collect();
    let (mut new_glyf, mut new_loca, mut new_hmtx) = (Vec::new(), Vec::new(), Vec::new());
    for &g in &keep {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let (a, b) = glyph_range(loca, long, g)?;
        let mut data = glyf.get(a..b)?.to_vec();
        for o in component_offsets(&data) {
            let old = usize::from(u16_at(&data, o)?);
            let id = new_id.get(&old).copied().unwrap_or(0);
            data[o..o + 2].copy_from_slice(&id.to_be_bytes());
        }
        new_glyf.extend_from_slice(&data);
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
        let m = g.min(num_metrics.saturating_sub(1));
        let advance = u16_at(hmtx, m * 4)?;
        let lsb = if g < num_metrics {
            u16_at(hmtx, g * 4 + 2)?
        } else {
            u16_at(hmtx, num_metrics * 4 + (g - num_metrics) * 2)?
        };
        new_hmtx.extend_from_slice(&advance.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let n = keep.len() as u16;
    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    let mut new_hhea = hhea.to_vec();
    new_hhea.get_mut(34..36)?.copy_from_slice(&n.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    new_maxp.get_mut(4..6)?.copy_from_slice(&n.to_be_bytes());
    let mut post = t.get(b"post")?.get(..32)?.to_vec();
    post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    let cmap_map: BTreeMap<u16, u16> = char_glyph.iter().map(|(&c, g)| (c, new_id[g])).collect();
    let mut out: BTreeMap<[u8; 4], Vec<u8>> = BTreeMap::new();
    out.insert(*b"head", new_head);
    out.insert(*b"hhea", new_hhea);
    out.insert(*b"maxp", new_maxp);
    out.insert(*b"hmtx", new_hmtx);
    out.insert(*b"loca", new_loca);
    out.insert(*b"glyf", new_glyf);
    out.insert(*b"cmap", cmap(&cmap_map));
    out.insert(*b"post", post);
    for tag in [b"OS/2", b"name", b"cvt ", b"fpgm", b"prep", b"gasp"] {
        if let Some(d) = t.get(tag) {
            out.insert(*tag, d.to_vec());
        }
    }
    let mut font = write_font(&out);
    // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
    let adj = 0xB1B0_AFBAu32.wrapping_sub(checksum(&font));
    let head_off = 12 + 16 * out.keys().position(|k| k == b"head")?;
    let off = u32_at(&font, head_off + 8)? as usize;
    font.get_mut(off + 8..off + 12)?
        .copy_from_slice(&adj.to_be_bytes());
    Some(font)
}

/// CSS embedding the fonts the scene needs; empty when it has no text.
pub fn font_face_css(scene: &Scene) -> String {
    let mut used: BTreeMap<Weight, BTreeSet<char>> = BTreeMap::new();
    for (text, weight) in scene.texts() {
        used.entry(weight)
            .or_default()
            .extend(text.chars().filter(|c| !c.is_whitespace()));
    }
    let m = TextMeasurer::new();
    let mut css = String::new();
    for (weight, mut chars) in used {
        chars.insert(' ');
        let Some(font) = subset(weight.font_data(), &chars, |c| m.glyph_id(c, weight)) else {
            continue;
        };
        let w = if weight == Weight::Bold {
            "bold"
        } else {
            "normal"
        };
        css.push_str(&format!(
            "@font-face{{font-family:'{}';font-weight:{w};src:url(data:font/ttf;base64,{}) format('truetype')}}",
            crate::layout::FONT_FAMILY,
            base64::engine::general_purpose::STANDARD.encode(font)
        ));
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_is_small_and_parses() {
        let m = TextMeasurer::new();
        let chars: BTreeSet<char> = "Feed ranking: user → cache".chars().collect();
        let font = subset(Weight::Regular.font_data(), &chars, |c| {
            m.glyph_id(c, Weight::Regular)
        })
        .unwrap();
        assert!(font.len() < 40_000, "{}", font.len());
        let face = harfrust::FontRef::new(&font).expect("subset parses");
        let _ = face;
        assert_eq!(checksum(&font), 0xB1B0_AFBA);
    }
}
