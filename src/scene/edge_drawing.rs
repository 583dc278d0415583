//! EdgeRoute + style -> path with rounded corners, arrowhead and label elements.

use super::scene_data::{Anchor, Element, PathCmd, Stroke};
use super::theme::Theme;
use crate::layout::{EdgeRoute, Point};
use crate::view::EdgeStyle;

const CORNER: f64 = 6.0;

fn dist(a: Point, b: Point) -> f64 {
    ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt()
}

/// The point `d` along from `a` towards `b`.
fn towards(a: Point, b: Point, d: f64) -> Point {
    let l = dist(a, b);
    if l < 1e-9 {
        return a;
    }
    Point::new(a.x + (b.x - a.x) * d / l, a.y + (b.y - a.y) * d / l)
}

/// Drops repeated points, so every segment has a direction.
fn dedup(points: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for &p in points {
        if out.last().is_none_or(|q| dist(*q, p) > 0.01) {
            out.push(p);
        }
    }
    out
}

/// Polyline -> path commands with quadratic rounded corners.
pub fn rounded_path(points: &[Point]) -> Vec<PathCmd> {
    let mut cmds = Vec::new();
    let Some(&first) = points.first() else {
        return cmds;
    };
    cmds.push(PathCmd::Move(first));
    for i in 1..points.len() {
        let cur = points[i];
        if i + 1 < points.len() {
            let (prev, next) = (points[i - 1], points[i + 1]);
            let r = CORNER.min(dist(prev, cur) / 2.0).min(dist(cur, next) / 2.0);
            cmds.push(PathCmd::Line(towards(cur, prev, r)));
            cmds.push(PathCmd::Quad(cur, towards(cur, next, r)));
        } else {
            cmds.push(PathCmd::Line(cur));
        }
    }
    cmds
}

/// The path, arrowhead and label of one edge.
pub fn edge_elements(route: &EdgeRoute, style: EdgeStyle, theme: &Theme) -> Vec<Element> {
    let stroke = theme.edge_stroke(style);
    let mut pts = dedup(&route.points);
    let mut out = Vec::new();
    if pts.len() >= 2 {
        let (alen, ahalf): (f64, f64) = if style == EdgeStyle::Relation {
            (8.0, 3.5)
        } else {
            (10.0, 4.5)
        };
        let tip = pts[pts.len() - 1];
        let from = pts[pts.len() - 2];
        let seg = dist(from, tip);
        // End the line inside the arrowhead, so a wide or dashed stroke does not poke out.
        let n = pts.len();
        pts[n - 1] = towards(tip, from, (alen - 2.0).min(seg * 0.9));
        out.push(Element::Path {
            cmds: rounded_path(&pts),
            fill: "none".into(),
            stroke: Some(stroke.clone()),
        });
        let base = towards(tip, from, alen);
        let (ux, uy) = ((tip.x - base.x) / alen, (tip.y - base.y) / alen);
        let (nx, ny) = (-uy * ahalf, ux * ahalf);
        out.push(Element::Path {
            cmds: vec![
                PathCmd::Move(tip),
                PathCmd::Line(Point::new(base.x + nx, base.y + ny)),
                PathCmd::Line(Point::new(base.x - nx, base.y - ny)),
                PathCmd::Close,
            ],
            fill: stroke.color.clone(),
            stroke: Some(Stroke {
                color: stroke.color.clone(),
                width: 1.0,
                dash: Vec::new(),
                round: false,
            }),
        });
    }
    if let Some(label) = &route.label {
        let r = label.rect;
        out.push(Element::Rect {
            x: r.x,
            y: r.y,
            w: r.w,
            h: r.h,
            rx: 3.0,
            fill: theme.label_bg.to_string(),
            stroke: None,
        });
        let top = r.y + (r.h - label.text.height()) / 2.0;
        for (i, line) in label.text.lines.iter().enumerate() {
            out.push(Element::Text {
                x: r.x + r.w / 2.0,
                y: top + label.text.baseline(i),
                text: line.clone(),
                size: label.text.size,
                weight: label.text.weight,
                fill: theme.muted.to_string(),
                anchor: Anchor::Middle,
            });
        }
    }
    out
}
