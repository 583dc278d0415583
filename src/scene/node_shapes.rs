//! NodeBox + Shape -> outline elements. The first element always spans the whole node box
//! (tools read it as the node's box); decorations follow and stay inside the shape insets.

use super::scene_data::{Color, Element, PathCmd, Stroke};
use crate::layout::{Point, Rect};
use crate::view::Shape;

fn p(x: f64, y: f64) -> Point {
    Point::new(x, y)
}

fn path(cmds: Vec<PathCmd>, fill: &str, stroke: Option<Stroke>) -> Element {
    Element::Path {
        cmds,
        fill: fill.to_string(),
        stroke,
    }
}

fn rect(r: Rect, rx: f64, fill: &str, stroke: Option<Stroke>) -> Element {
    Element::Rect {
        x: r.x,
        y: r.y,
        w: r.w,
        h: r.h,
        rx,
        fill: fill.to_string(),
        stroke,
    }
}

fn line(color: &str, width: f64) -> Option<Stroke> {
    Some(Stroke {
        color: color.to_string(),
        width,
        dash: Vec::new(),
        round: true,
    })
}

/// The outline and decorations of a node of `shape` filling `r`.
pub fn shape_elements(shape: Shape, r: Rect, fill: &str, stroke_color: &str) -> Vec<Element> {
    use PathCmd::{Arc, Close, Line, Move};
    let s = line(stroke_color, 1.4);
    let (x, y, w, h) = (r.x, r.y, r.w, r.h);
    let none: Color = "none".to_string();
    match shape {
        Shape::Box => vec![rect(r, 6.0, fill, s)],
        Shape::External => {
            let dashed = Some(Stroke {
                color: stroke_color.to_string(),
                width: 1.4,
                dash: vec![6.0, 4.0],
                round: false,
            });
            vec![rect(r, 6.0, fill, dashed)]
        }
        Shape::Note => {
            let f = 12.0;
            vec![
                path(
                    vec![
                        Move(p(x, y)),
                        Line(p(x + w - f, y)),
                        Line(p(x + w, y + f)),
                        Line(p(x + w, y + h)),
                        Line(p(x, y + h)),
                        Close,
                    ],
                    fill,
                    s.clone(),
                ),
                path(
                    vec![
                        Move(p(x + w - f, y)),
                        Line(p(x + w - f, y + f)),
                        Line(p(x + w, y + f)),
                    ],
                    &none,
                    s,
                ),
            ]
        }
        Shape::Cylinder => {
            let ry = 7.0;
            let rx = w / 2.0;
            vec![
                path(
                    vec![
                        Move(p(x, y + ry)),
                        Arc {
                            rx,
                            ry,
                            large: false,
                            sweep: true,
                            to: p(x + w, y + ry),
                        },
                        Line(p(x + w, y + h - ry)),
                        Arc {
                            rx,
                            ry,
                            large: false,
                            sweep: true,
                            to: p(x, y + h - ry),
                        },
                        Close,
                    ],
                    fill,
                    s.clone(),
                ),
                path(
                    vec![
                        Move(p(x, y + ry)),
                        Arc {
                            rx,
                            ry,
                            large: false,
                            sweep: false,
                            to: p(x + w, y + ry),
                        },
                    ],
                    &none,
                    s,
                ),
            ]
        }
        Shape::Pipe => {
            let ry = h / 2.0;
            let rx = 7.0;
            vec![
                path(
                    vec![
                        Move(p(x + rx, y)),
                        Line(p(x + w - rx, y)),
                        Arc {
                            rx,
                            ry,
                            large: false,
                            sweep: true,
                            to: p(x + w - rx, y + h),
                        },
                        Line(p(x + rx, y + h)),
                        Arc {
                            rx,
                            ry,
                            large: false,
                            sweep: true,
                            to: p(x + rx, y),
                        },
                        Close,
                    ],
                    fill,
                    s.clone(),
                ),
                path(
                    vec![
                        Move(p(x + w - rx, y)),
                        Arc {
                            rx,
                            ry,
                            large: false,
                            sweep: false,
                            to: p(x + w - rx, y + h),
                        },
                    ],
                    &none,
                    s,
                ),
            ]
        }
        Shape::Person => {
            let cx = x + w / 2.0;
            vec![
                rect(r, 10.0, fill, s.clone()),
                Element::Circle {
                    cx,
                    cy: y + 11.0,
                    r: 5.5,
                    fill: stroke_color.to_string(),
                    stroke: None,
                },
                path(
                    vec![
                        Move(p(cx - 10.0, y + 28.0)),
                        PathCmd::Cubic(
                            p(cx - 10.0, y + 17.0),
                            p(cx + 10.0, y + 17.0),
                            p(cx + 10.0, y + 28.0),
                        ),
                        Close,
                    ],
                    stroke_color,
                    None,
                ),
            ]
        }
        Shape::Hexagon => {
            let k = 14.0_f64.min(w / 4.0);
            vec![path(
                vec![
                    Move(p(x + k, y)),
                    Line(p(x + w - k, y)),
                    Line(p(x + w, y + h / 2.0)),
                    Line(p(x + w - k, y + h)),
                    Line(p(x + k, y + h)),
                    Line(p(x, y + h / 2.0)),
                    Close,
                ],
                fill,
                s,
            )]
        }
        Shape::Folder => {
            let tab = (w * 0.38).min(70.0);
            vec![path(
                vec![
                    Move(p(x, y + h - 4.0)),
                    Line(p(x, y + 4.0)),
                    PathCmd::Quad(p(x, y), p(x + 4.0, y)),
                    Line(p(x + tab, y)),
                    Line(p(x + tab + 8.0, y + 8.0)),
                    Line(p(x + w - 4.0, y + 8.0)),
                    PathCmd::Quad(p(x + w, y + 8.0), p(x + w, y + 12.0)),
                    Line(p(x + w, y + h - 4.0)),
                    PathCmd::Quad(p(x + w, y + h), p(x + w - 4.0, y + h)),
                    Line(p(x + 4.0, y + h)),
                    PathCmd::Quad(p(x, y + h), p(x, y + h - 4.0)),
                    Close,
                ],
                fill,
                s,
            )]
        }
        Shape::Device => vec![
            rect(r, 9.0, fill, s.clone()),
            Element::Circle {
                cx: x + w / 2.0,
                cy: y + 5.0,
                r: 1.8,
                fill: stroke_color.to_string(),
                stroke: None,
            },
            path(
                vec![
                    Move(p(x + w / 2.0 - 10.0, y + h - 5.0)),
                    Line(p(x + w / 2.0 + 10.0, y + h - 5.0)),
                ],
                &none,
                line(stroke_color, 2.0),
            ),
        ],
        Shape::Pill => vec![rect(r, h / 2.0, fill, s)],
        Shape::Clock => {
            let (cx, cy) = (x + 17.0, y + h / 2.0);
            vec![
                rect(r, 6.0, fill, s.clone()),
                Element::Circle {
                    cx,
                    cy,
                    r: 8.0,
                    fill: "none".into(),
                    stroke: line(stroke_color, 1.6),
                },
                path(
                    vec![
                        Move(p(cx, cy - 5.0)),
                        Line(p(cx, cy)),
                        Line(p(cx + 4.0, cy + 2.0)),
                    ],
                    &none,
                    line(stroke_color, 1.6),
                ),
            ]
        }
        Shape::Monitor => {
            let (bx, by) = (x + 9.0, y + h / 2.0 + 7.0);
            vec![
                rect(r, 6.0, fill, s),
                path(
                    vec![
                        Move(p(bx, by - 4.0)),
                        Line(p(bx + 5.0, by - 10.0)),
                        Line(p(bx + 9.0, by - 6.0)),
                        Line(p(bx + 16.0, by - 14.0)),
                    ],
                    &none,
                    line(stroke_color, 1.8),
                ),
                path(
                    vec![Move(p(bx, by)), Line(p(bx + 16.0, by))],
                    &none,
                    line(stroke_color, 1.2),
                ),
            ]
        }
    }
}
