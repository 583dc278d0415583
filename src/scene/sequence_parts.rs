//! The parts of a request view's drawing: the rows of steps, the `par` frames around them,
//! arrows and text runs.

use super::scene_data::{Anchor, Color, Element, Group, PathCmd, Stroke};
use super::sequence::{LOOP_W, PAD};
use crate::layout::{Point, TextBlock, Weight};

/// Where each step sits vertically.
pub(super) enum Row {
    Arrow {
        from: usize,
        to: usize,
        label: TextBlock,
        label_top: f64,
        y: f64,
        /// The bottom of a call to oneself.
        y2: f64,
        call: bool,
    },
    ParStart(f64),
    ParElse(f64),
    ParEnd(f64),
}

pub(super) struct Frame {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y0: f64,
    pub(super) y1: f64,
    pub(super) splits: Vec<f64>,
}

/// The `par` frames of the rows, outermost first.
pub(super) fn frames(rows: &[Row], x: &[f64]) -> Vec<Frame> {
    // (frame index, lowest x, highest x, frames open inside it)
    let mut out: Vec<Frame> = Vec::new();
    let mut open: Vec<(usize, f64, f64, usize)> = Vec::new();
    for r in rows {
        match r {
            Row::ParStart(y) => {
                out.push(Frame {
                    x0: 0.0,
                    x1: 0.0,
                    y0: *y,
                    y1: *y,
                    splits: Vec::new(),
                });
                open.push((out.len() - 1, f64::MAX, f64::MIN, 0));
            }
            Row::ParElse(y) => {
                if let Some(&(k, ..)) = open.last() {
                    out[k].splits.push(*y);
                }
            }
            Row::ParEnd(y) => {
                let Some((k, lo, hi, inner)) = open.pop() else {
                    continue;
                };
                let pad = 16.0 + 8.0 * inner as f64;
                let (lo, hi) = if lo > hi { (0.0, 0.0) } else { (lo, hi) };
                out[k].x0 = lo - pad;
                out[k].x1 = hi + pad;
                out[k].y1 = *y;
                if let Some(parent) = open.last_mut() {
                    parent.1 = parent.1.min(out[k].x0 + 16.0);
                    parent.2 = parent.2.max(out[k].x1 - 16.0);
                    parent.3 = parent.3.max(inner + 1);
                }
            }
            Row::Arrow {
                from, to, label, ..
            } => {
                let (a, b) = (x[*from].min(x[*to]), x[*from].max(x[*to]));
                let b = if from == to {
                    b + LOOP_W + PAD + label.width()
                } else {
                    b
                };
                for o in &mut open {
                    o.1 = o.1.min(a);
                    o.2 = o.2.max(b);
                }
            }
        }
    }
    out
}

pub(super) fn stroke_of(color: &str, width: f64, dash: &[f64]) -> Stroke {
    Stroke {
        color: color.to_string(),
        width,
        dash: dash.to_vec(),
        round: false,
    }
}

/// A polyline ending in an arrowhead: filled for a call, open for a return.
pub(super) fn arrow(out: &mut Vec<Element>, pts: &[Point], stroke: Stroke, filled: bool) {
    let (Some(&tip), Some(prev)) = (pts.last(), pts.len().checked_sub(2).map(|i| pts[i])) else {
        return;
    };
    let len = ((tip.x - prev.x).powi(2) + (tip.y - prev.y).powi(2))
        .sqrt()
        .max(1e-9);
    let (ux, uy) = ((tip.x - prev.x) / len, (tip.y - prev.y) / len);
    let (alen, ahalf) = (10.0, 4.5);
    let base = Point::new(tip.x - ux * alen, tip.y - uy * alen);
    let (nx, ny) = (-uy * ahalf, ux * ahalf);
    let mut line = pts.to_vec();
    if filled {
        let end = line.len() - 1;
        line[end] = Point::new(tip.x - ux * (alen - 2.0), tip.y - uy * (alen - 2.0));
    }
    let cmds = std::iter::once(PathCmd::Move(line[0]))
        .chain(line[1..].iter().map(|p| PathCmd::Line(*p)))
        .collect();
    out.push(Element::Path {
        cmds,
        fill: "none".into(),
        stroke: Some(stroke.clone()),
    });
    let (l, r) = (
        Point::new(base.x + nx, base.y + ny),
        Point::new(base.x - nx, base.y - ny),
    );
    if filled {
        out.push(Element::Path {
            cmds: vec![
                PathCmd::Move(tip),
                PathCmd::Line(l),
                PathCmd::Line(r),
                PathCmd::Close,
            ],
            fill: stroke.color.clone(),
            stroke: Some(stroke_of(&stroke.color, 1.0, &[])),
        });
    } else {
        out.push(Element::Path {
            cmds: vec![PathCmd::Move(l), PathCmd::Line(tip), PathCmd::Line(r)],
            fill: "none".into(),
            stroke: Some(stroke_of(&stroke.color, stroke.width, &[])),
        });
    }
}

pub(super) fn group(
    class: &str,
    id: String,
    data: Vec<(String, String)>,
    elements: Vec<Element>,
) -> Group {
    Group {
        class: class.into(),
        id,
        data,
        elements,
        ..Default::default()
    }
}

pub(super) fn text(
    x: f64,
    y: f64,
    t: &str,
    size: f64,
    weight: Weight,
    fill: &str,
    anchor: Anchor,
) -> Element {
    Element::Text {
        x,
        y,
        text: t.to_string(),
        size,
        weight,
        fill: Color::from(fill),
        anchor,
    }
}
