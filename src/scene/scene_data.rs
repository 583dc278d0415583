//! The Scene: what to draw, fully positioned and coloured, grouped the way the SVG is.
//! Render only serialises it; nothing here is laid out again.

use crate::layout::{Point, Weight};

/// A colour as written in SVG (`#rrggbb`) or `none`.
pub type Color = String;

/// How a line is stroked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stroke {
    pub color: Color,
    pub width: f64,
    /// Dash pattern; empty = solid.
    pub dash: Vec<f64>,
    /// Round caps and joins (dotted lines need them).
    pub round: bool,
}

/// One segment command of a path.
#[derive(Debug, Clone, PartialEq)]
pub enum PathCmd {
    Move(Point),
    Line(Point),
    Quad(Point, Point),
    Cubic(Point, Point, Point),
    /// Elliptic arc to a point: radii, large-arc flag, sweep flag.
    Arc {
        rx: f64,
        ry: f64,
        large: bool,
        sweep: bool,
        to: Point,
    },
    Close,
}

/// Horizontal alignment of a text run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Anchor {
    #[default]
    Start,
    Middle,
    End,
}

/// A drawable element.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        rx: f64,
        fill: Color,
        stroke: Option<Stroke>,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        fill: Color,
        stroke: Option<Stroke>,
    },
    Path {
        cmds: Vec<PathCmd>,
        fill: Color,
        stroke: Option<Stroke>,
    },
    /// One line of text; `y` is the baseline.
    Text {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        weight: Weight,
        fill: Color,
        anchor: Anchor,
    },
}

/// A `<g>` with a class, an id and `data-*` attributes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Group {
    pub class: String,
    pub id: String,
    /// `data-NAME` attributes, in order.
    pub data: Vec<(String, String)>,
    pub elements: Vec<Element>,
    /// Hover text, written as the group's SVG `<title>` (PNG ignores it).
    pub tooltip: Option<String>,
    /// A link the group's drawing is wrapped in (`<a href>`; PNG ignores it).
    pub link: Option<String>,
}

/// A whole picture.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub background: Color,
    /// The font family every text is set in (the embedded DejaVu Sans).
    pub font_family: String,
    /// Drawn in order: later groups paint over earlier ones.
    pub groups: Vec<Group>,
    /// The most pixels a PNG of this scene may have, when fewer than the renderer's maximum.
    pub png_pixels: Option<u32>,
}

impl Scene {
    /// Every text run with its weight, so the renderer can embed just the glyphs used.
    pub fn texts(&self) -> impl Iterator<Item = (&str, Weight)> {
        self.groups
            .iter()
            .flat_map(|g| g.elements.iter())
            .filter_map(|e| match e {
                Element::Text { text, weight, .. } => Some((text.as_str(), *weight)),
                _ => None,
            })
    }
}
