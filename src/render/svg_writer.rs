//! Scene -> SVG text, written by hand: fixed two-decimal numbers, attributes in a fixed
//! order, the used glyphs of the font embedded; the same scene always gives the same bytes.

use std::fmt::Write;

use super::font_subset;
use crate::layout::Weight;
use crate::scene::{Anchor, Element, PathCmd, Scene, Stroke};

/// A number with at most two decimals and no trailing zeros (`-0` becomes `0`).
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let mut s = format!("{:.2}", v);
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" { "0".into() } else { s }
}

// Spec text in the SVG's markup (`output::text::markup`).
use crate::output::text::markup as esc;

/// A link target that stays a relative path: a scheme (`javascript:`, `https:`) or a
/// protocol-relative `//host` is dropped to `#`. Links come from mlsd, not the spec, but the
/// writer does not trust its input.
pub fn safe_href(href: &str) -> String {
    let before_path = href.split(['/', '?', '#']).next().unwrap_or("");
    if before_path.contains(':') || href.starts_with("//") || href.chars().any(char::is_whitespace)
    {
        "#".into()
    } else {
        href.to_string()
    }
}

fn stroke_attrs(o: &mut String, s: &Option<Stroke>) {
    let Some(s) = s else { return };
    let _ = write!(
        o,
        r#" stroke="{}" stroke-width="{}""#,
        esc(&s.color),
        num(s.width)
    );
    if !s.dash.is_empty() {
        let d: Vec<String> = s.dash.iter().map(|v| num(*v)).collect();
        let _ = write!(o, r#" stroke-dasharray="{}""#, d.join(" "));
    }
    if s.round {
        o.push_str(r#" stroke-linecap="round" stroke-linejoin="round""#);
    }
}

fn path_data(cmds: &[PathCmd]) -> String {
    let mut d = String::new();
    for c in cmds {
        if !d.is_empty() {
            d.push(' ');
        }
        let _ = match c {
            PathCmd::Move(p) => write!(d, "M{} {}", num(p.x), num(p.y)),
            PathCmd::Line(p) => write!(d, "L{} {}", num(p.x), num(p.y)),
            PathCmd::Quad(c1, p) => {
                write!(d, "Q{} {} {} {}", num(c1.x), num(c1.y), num(p.x), num(p.y))
            }
            PathCmd::Cubic(a, b, p) => {
                write!(
                    d,
                    "C{} {} {} {} {} {}",
                    num(a.x),
                    num(a.y),
                    num(b.x),
                    num(b.y),
                    num(p.x),
                    num(p.y)
                )
            }
            PathCmd::Arc {
                rx,
                ry,
                large,
                sweep,
                to,
            } => write!(
                d,
                "A{} {} 0 {} {} {} {}",
                num(*rx),
                num(*ry),
                u8::from(*large),
                u8::from(*sweep),
                num(to.x),
                num(to.y)
            ),
            PathCmd::Close => write!(d, "Z"),
        };
    }
    d
}

fn element(o: &mut String, e: &Element) {
    match e {
        Element::Rect {
            x,
            y,
            w,
            h,
            rx,
            fill,
            stroke,
        } => {
            let _ = write!(
                o,
                r#"<rect x="{}" y="{}" width="{}" height="{}""#,
                num(*x),
                num(*y),
                num(*w),
                num(*h)
            );
            if *rx > 0.0 {
                let _ = write!(o, r#" rx="{}""#, num(*rx));
            }
            let _ = write!(o, r#" fill="{}""#, esc(fill));
            stroke_attrs(o, stroke);
            o.push_str("/>");
        }
        Element::Circle {
            cx,
            cy,
            r,
            fill,
            stroke,
        } => {
            let _ = write!(
                o,
                r#"<circle cx="{}" cy="{}" r="{}" fill="{}""#,
                num(*cx),
                num(*cy),
                num(*r),
                esc(fill)
            );
            stroke_attrs(o, stroke);
            o.push_str("/>");
        }
        Element::Path { cmds, fill, stroke } => {
            let _ = write!(o, r#"<path d="{}" fill="{}""#, path_data(cmds), esc(fill));
            stroke_attrs(o, stroke);
            o.push_str("/>");
        }
        Element::Text {
            x,
            y,
            text,
            size,
            weight,
            fill,
            anchor,
        } => {
            let _ = write!(
                o,
                r#"<text x="{}" y="{}" font-size="{}""#,
                num(*x),
                num(*y),
                num(*size)
            );
            if *weight == Weight::Bold {
                o.push_str(r#" font-weight="bold""#);
            }
            match anchor {
                Anchor::Start => {}
                Anchor::Middle => o.push_str(r#" text-anchor="middle""#),
                Anchor::End => o.push_str(r#" text-anchor="end""#),
            }
            let _ = write!(o, r#" fill="{}">{}</text>"#, esc(fill), esc(text));
        }
    }
}

/// The SVG document of a scene.
pub fn svg(scene: &Scene) -> String {
    let mut o = String::with_capacity(4096 + scene.groups.len() * 600);
    let (w, h) = (num(scene.width), num(scene.height));
    let family = esc(&scene.font_family);
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="'{family}', 'Bitstream Vera Sans', Verdana, sans-serif" style="font-kerning:none;font-variant-ligatures:none""#
    );
    if let Some(px) = scene.png_pixels {
        let _ = write!(o, r#" {}="{px}""#, super::PNG_PIXELS_ATTRIBUTE);
    }
    o.push('>');
    o.push('\n');
    let _ = writeln!(o, "<title>{}</title>", esc(&scene.title));
    let css = font_subset::font_face_css(scene);
    if !css.is_empty() {
        let _ = writeln!(o, "<style>{css}</style>");
    }
    let _ = writeln!(
        o,
        r#"<rect x="0" y="0" width="{w}" height="{h}" fill="{}"/>"#,
        esc(&scene.background)
    );
    for g in &scene.groups {
        let _ = write!(o, r#"<g class="{}" id="{}""#, esc(&g.class), esc(&g.id));
        for (k, v) in &g.data {
            let _ = write!(o, r#" data-{}="{}""#, esc(k), esc(v));
        }
        o.push('>');
        if let Some(t) = &g.tooltip {
            // Line breaks as character references: one group stays one line of the file.
            let _ = write!(o, "<title>{}</title>", esc(t).replace('\n', "&#10;"));
        }
        if let Some(href) = &g.link {
            let _ = write!(o, r#"<a href="{}">"#, esc(&safe_href(href)));
        }
        for e in &g.elements {
            element(&mut o, e);
        }
        if g.link.is_some() {
            o.push_str("</a>");
        }
        o.push_str("</g>\n");
    }
    o.push_str("</svg>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.234), "1.23");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(safe_href("../design/a.md#x"), "../design/a.md#x");
        assert_eq!(safe_href("javascript:alert(1)"), "#");
        assert_eq!(safe_href("//evil.example/x"), "#");
    }
}
