//! An SVG's plain `<text>` elements (one line of text, a position, a size, a weight, an
//! anchor, a colour: what `svg_writer` writes) lifted out before usvg parses the SVG, and
//! drawn by mlsd: shaped with the faces the layout measured them with (kerning and ligatures
//! off, as the SVG's style asks of browsers) and drawn from the glyph cache (`png_text`).
//! usvg laid out every text (a shaping plan compiled and the font read again for each one, an
//! outline built for each glyph that the glyph cache never draws): a fifth of the time spent
//! on a PNG. A lifted text leaves in its place an invisible path over its box, so it is drawn
//! where it was, in order, within its groups. Anything else (a `tspan`, a transform, another
//! attribute or style, a right-to-left letter, a character the font lacks) is left to usvg.

use std::fmt::Write as _;

use usvg::roxmltree;

use crate::layout::{ASCENT, DESCENT, TextMeasurer, Weight};

/// The `id` of the path a lifted text leaves, before the text's index.
const PLACEHOLDER: &str = "mlsd-label-";

/// A lifted text: its glyphs, ready to draw.
pub(super) struct Label {
    weight: Weight,
    /// Each glyph's id and its origin on the baseline, in user units.
    glyphs: Vec<(u32, f32, f32)>,
    /// User units per font unit.
    scale: f32,
    /// Premultiplied RGBA (opaque).
    color: [u32; 4],
}

/// The SVG for usvg to parse, and the texts lifted out of it.
pub(super) struct Lifted {
    pub svg: String,
    pub labels: Vec<Label>,
}

/// Lifts the plain texts out of `svg`; `None` (usvg draws every text) when it is not an
/// SVG whose texts can all be trusted to mean what the lifted labels draw.
pub(super) fn lift(svg: &str) -> Option<Lifted> {
    let doc = roxmltree::Document::parse(svg).ok()?;
    // A transform anywhere may rotate or skew a text; usvg then draws them all.
    if doc.descendants().any(|n| n.has_attribute("transform")) {
        return None;
    }
    let measurer = TextMeasurer::new();
    let mut out = String::with_capacity(svg.len());
    let mut labels = Vec::new();
    let mut copied = 0;
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let Some(label) = plain(node).and_then(|t| shape(&t, &measurer)) else {
            continue;
        };
        let range = node.range();
        out.push_str(&svg[copied..range.start]);
        copied = range.end;
        if let Some((label, [left, top, right, bottom])) = label {
            // No fill, no stroke: usvg keeps it in its place, and nothing draws it.
            let _ = write!(
                out,
                r#"<path id="{PLACEHOLDER}{}" d="M{left} {top}L{right} {bottom}" fill="none"/>"#,
                labels.len()
            );
            labels.push(label);
        }
    }
    out.push_str(&svg[copied..]);
    Some(Lifted { svg: out, labels })
}

/// The index of the label a path stands for, when it is a lifted text's placeholder.
pub(super) fn index(path: &usvg::Path) -> Option<usize> {
    path.id().strip_prefix(PLACEHOLDER)?.parse().ok()
}

/// Draws `label` with `transform` (user space to the pixmap's pixels).
pub(super) fn draw(
    label: &Label,
    transform: resvg::tiny_skia::Transform,
    fontdb: &usvg::fontdb::Database,
    pixmap: &mut resvg::tiny_skia::PixmapMut,
) {
    let Some(font) = face(fontdb, label.weight) else {
        return;
    };
    for &(id, x, y) in &label.glyphs {
        let t = transform
            .pre_translate(x, y)
            .pre_scale(label.scale, -label.scale);
        super::png_text::glyph(font, id, t, label.color, fontdb, pixmap);
    }
}

/// The face of `weight` in the PNG's font database.
fn face(fontdb: &usvg::fontdb::Database, weight: Weight) -> Option<usvg::fontdb::ID> {
    let wanted = match weight {
        Weight::Regular => usvg::fontdb::Weight::NORMAL,
        Weight::Bold => usvg::fontdb::Weight::BOLD,
    };
    fontdb.faces().find(|f| f.weight == wanted).map(|f| f.id)
}

/// A text element's attributes and text, as the SVG means them.
struct PlainText {
    x: f32,
    y: f32,
    size: f32,
    weight: Weight,
    /// How much of the text's width lies left of `x`: 0, 1/2 or 1.
    anchor: f32,
    rgb: [u8; 3],
    text: String,
}

/// `node`'s text when nothing but its own attributes and the root's font style shapes it.
fn plain(node: roxmltree::Node) -> Option<PlainText> {
    let mut t = PlainText {
        x: 0.0,
        y: 0.0,
        size: 0.0,
        weight: Weight::Regular,
        anchor: 0.0,
        rgb: [0; 3],
        text: String::new(),
    };
    let number = |v: &str| v.parse::<f32>().ok().filter(|v| v.is_finite());
    let mut filled = false;
    for a in node.attributes() {
        match (a.name(), a.value()) {
            ("x", v) => t.x = number(v)?,
            ("y", v) => t.y = number(v)?,
            ("font-size", v) => t.size = number(v).filter(|s| *s > 0.0)?,
            ("font-weight", "bold") => t.weight = Weight::Bold,
            ("font-weight", "normal") => {}
            ("text-anchor", "start") => {}
            ("text-anchor", "middle") => t.anchor = 0.5,
            ("text-anchor", "end") => t.anchor = 1.0,
            ("fill", v) => (t.rgb, filled) = (hex_colour(v)?, true),
            _ => return None,
        }
    }
    if t.size == 0.0 || !filled || !node.ancestors().skip(1).all(quiet) {
        return None;
    }
    for child in node.children() {
        t.text
            .push_str(child.is_text().then(|| child.text()).flatten()?);
    }
    t.text = collapse(&t.text);
    (!t.text.chars().any(right_to_left)).then_some(t)
}

/// Whether an ancestor of a text leaves its look to the text's own attributes: only the
/// attributes `svg_writer` gives groups, links and the root (its style: no kerning, no
/// ligatures, as the faces are shaped here).
fn quiet(node: roxmltree::Node) -> bool {
    node.attributes().all(|a| match (a.name(), a.value()) {
        ("style", style) => style == "font-kerning:none;font-variant-ligatures:none",
        (name, _) => {
            matches!(
                name,
                "viewBox" | "width" | "height" | "font-family" | "class" | "id" | "href"
            ) || name.starts_with("data-")
        }
    })
}

/// `#rgb` or `#rrggbb`.
fn hex_colour(v: &str) -> Option<[u8; 3]> {
    let hex = v.strip_prefix('#')?;
    let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
    match hex.len() {
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        6 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
        _ => None,
    }
}

/// A text as SVG draws it (`xml:space="default"`): line breaks removed, tabs as spaces,
/// leading and trailing spaces stripped, runs of spaces as one.
fn collapse(text: &str) -> String {
    let spaced: String = (text.chars())
        .filter(|c| !matches!(c, '\n' | '\r'))
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    spaced
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A letter of a right-to-left script, or a bidirectional control: usvg orders such text.
fn right_to_left(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF
        | 0x1E800..=0x1EFFF | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

/// The label of `t` and the box its placeholder covers (left, top, right, bottom); `None`
/// inside when the text is empty (nothing to draw, nothing left in its place); `None` when a
/// character has no glyph in the face (usvg looks further).
fn shape(t: &PlainText, measurer: &TextMeasurer) -> Option<Option<(Label, [f32; 4])>> {
    if t.text.is_empty() {
        return Some(None);
    }
    let (glyphs, upem) = measurer.shape(&t.text, t.weight)?;
    if glyphs.iter().any(|g| g.id == 0) {
        return None;
    }
    let scale = t.size / upem as f32;
    let width: f32 = glyphs.iter().map(|g| g.advance as f32 * scale).sum();
    let mut x = t.x - width * t.anchor;
    let left = x;
    let glyphs = (glyphs.iter())
        .map(|g| {
            let at = (
                g.id,
                x + g.x_offset as f32 * scale,
                t.y - g.y_offset as f32 * scale,
            );
            x += g.advance as f32 * scale;
            at
        })
        .collect();
    let (top, bottom) = (t.y - ASCENT as f32 * t.size, t.y + DESCENT as f32 * t.size);
    let [r, g, b] = t.rgb.map(u32::from);
    let label = Label {
        weight: t.weight,
        glyphs,
        scale,
        color: [r, g, b, 255],
    };
    Some(Some((label, [left, top, left + width.max(1.0), bottom])))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 60" width="300" height="60" font-family="'DejaVu Sans'" style="font-kerning:none;font-variant-ligatures:none">"#;

    fn svg(body: &str) -> String {
        format!(
            "{ROOT}<rect x=\"0\" y=\"0\" width=\"300\" height=\"60\" fill=\"#ffffff\"/>{body}</svg>"
        )
    }

    #[test]
    fn plain_texts_are_lifted_and_the_rest_left_to_usvg() {
        let doc = svg(concat!(
            r##"<g class="node" id="n"><text x="20" y="30" font-size="14" fill="#1e293b">Feature &amp; store</text>"##,
            r##"<text x="150" y="30" font-size="14" text-anchor="middle" font-weight="bold" fill="#2563eb">p99 42 ms</text>"##,
            r##"<text x="20" y="50" font-size="14" fill="#000"><tspan>a tspan</tspan></text>"##,
            r##"<text x="20" y="50" font-size="14" fill="#000" letter-spacing="2">spaced</text>"##,
            r##"<text x="20" y="50" font-size="14" fill="#000">שלום</text>"##,
            r##"<text x="20" y="50" font-size="14" fill="red">named colour</text></g>"##,
        ));
        let lifted = lift(&doc).expect("lifted");
        assert_eq!(lifted.labels.len(), 2);
        assert!(
            lifted.svg.contains(r#"<path id="mlsd-label-0" d="M20 "#),
            "{}",
            lifted.svg
        );
        assert!(lifted.svg.contains(r#"<path id="mlsd-label-1" d="M"#));
        for kept in ["a tspan", "spaced", "שלום", "named colour"] {
            assert!(lifted.svg.contains(kept), "{kept} is left to usvg");
        }
        assert!(!lifted.svg.contains("Feature"));
        // Anchored in the middle: as much of it left of x as right.
        let bold = &lifted.labels[1];
        let (first, last) = (bold.glyphs[0].1, bold.glyphs.last().expect("glyphs").1);
        assert!(
            first < 150.0 && last > 150.0 && first > 90.0,
            "{first} {last}"
        );
        assert_eq!(bold.color, [0x25, 0x63, 0xeb, 255]);
        // A transform anywhere: usvg draws every text.
        let turned = doc.replace(
            r#"<g class="node""#,
            r#"<g transform="rotate(3)" class="node""#,
        );
        assert!(lift(&turned).is_none());
    }

    #[test]
    fn spaces_collapse_as_svg_collapses_them() {
        assert_eq!(collapse("  a \t b\n c  "), "a b c");
        assert_eq!(collapse(" "), "");
        assert_eq!(hex_colour("#abc"), Some([0xaa, 0xbb, 0xcc]));
        assert_eq!(hex_colour("#1e293b"), Some([0x1e, 0x29, 0x3b]));
        assert_eq!(hex_colour("#1e293"), None);
    }

    /// The RGB pixels of `svg` drawn by `png` (its texts lifted) and by resvg alone.
    fn both_ways(svg: &str) -> (Vec<u8>, Vec<u8>) {
        let png = super::super::png::png(svg).expect("png");
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .expect("png");
        let mut ours = vec![0; reader.output_buffer_size().expect("size")];
        reader.next_frame(&mut ours).expect("frame");
        let opt = usvg::Options {
            fontdb: super::super::png::fontdb(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &opt).expect("svg");
        let mut theirs = resvg::tiny_skia::Pixmap::new(600, 120).expect("pixmap");
        let scale = resvg::tiny_skia::Transform::from_scale(2.0, 2.0);
        resvg::render(&tree, scale, &mut theirs.as_mut());
        let theirs = (theirs.data().chunks_exact(4))
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        (ours, theirs)
    }

    #[test]
    fn lifted_texts_are_drawn_as_usvg_lays_them_out() {
        for body in [
            r##"<text x="10.3" y="30.6" font-size="14" fill="#1e293b">Feature store · p99 42 ms</text>"##,
            r##"<text x="150" y="30" font-size="11" text-anchor="middle" font-weight="bold" fill="#2563eb">GET /v1/rank (sync)</text>"##,
            r##"<text x="290" y="40" font-size="20" text-anchor="end" fill="#64748b">Übersicht 3×</text>"##,
        ] {
            let doc = svg(body);
            assert_eq!(lift(&doc).expect("lifted").labels.len(), 1, "{body}");
            let (ours, theirs) = both_ways(&doc);
            super::super::png_text::assert_drawn_alike(&theirs, &ours, body);
        }
    }

    #[test]
    fn a_lifted_text_is_drawn_in_its_place_in_the_painting_order() {
        // The text, then an opaque box over it: nothing of the text shows.
        let doc = svg(concat!(
            r##"<g class="a" id="a"><text x="20" y="30" font-size="14" fill="#000000">hidden text</text></g>"##,
            r##"<g class="b" id="b"><rect x="10" y="10" width="200" height="30" fill="#ff0000"/></g>"##,
        ));
        assert_eq!(lift(&doc).expect("lifted").labels.len(), 1);
        let (ours, _) = both_ways(&doc);
        let dark = ours.chunks_exact(3).filter(|p| p[0] < 128).count();
        assert_eq!(dark, 0, "the box covers the text");
    }
}
