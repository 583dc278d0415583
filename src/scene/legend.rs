//! Edge styles in use -> a small boxed key: a sample line with its arrowhead and what it means
//! (the style name; "stage order" for the arrows between pipeline stages, which are drawn
//! as sync lines but are not calls).

use super::edge_drawing::edge_elements;
use super::scene_data::{Anchor, Element, Group, Stroke};
use super::theme::Theme;
use crate::layout::{EdgeRoute, Point, TextMeasurer, Weight};
use crate::view::{EdgeStyle, Graph};

const SIZE: f64 = 11.0;
const SAMPLE: f64 = 34.0;
const GAP: f64 = 18.0;
pub const HEIGHT: f64 = 28.0;

/// What the arrows of `graph` mean, each once, in style order: a style and its word.
pub fn entries(graph: &Graph) -> Vec<(EdgeStyle, &'static str)> {
    let stage = |id: &str| graph.nodes.iter().any(|n| n.id == id && n.kind == "stage");
    let mut out: Vec<(EdgeStyle, &'static str)> = graph
        .edges
        .iter()
        .map(|e| {
            if e.style == EdgeStyle::Sync && stage(&e.from) && stage(&e.to) {
                (e.style, "stage order")
            } else {
                (e.style, e.style.as_str())
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Width the legend of `entries` takes.
pub fn width(entries: &[(EdgeStyle, &str)], m: &TextMeasurer) -> f64 {
    let inner: f64 = entries
        .iter()
        .map(|(_, word)| SAMPLE + 6.0 + m.width(word, SIZE, Weight::Regular))
        .sum();
    inner + GAP * (entries.len().saturating_sub(1)) as f64 + 24.0
}

/// The legend group with its top-left corner at `(x, y)`.
pub fn legend(
    styles: &[(EdgeStyle, &str)],
    theme: &Theme,
    m: &TextMeasurer,
    x: f64,
    y: f64,
) -> Group {
    let w = width(styles, m);
    let mut elements = vec![Element::Rect {
        x,
        y,
        w,
        h: HEIGHT,
        rx: 5.0,
        fill: theme.background.to_string(),
        stroke: Some(Stroke {
            color: theme.cluster_stroke.to_string(),
            width: 1.0,
            dash: Vec::new(),
            round: false,
        }),
    }];
    let mut cx = x + 12.0;
    let cy = y + HEIGHT / 2.0;
    for &(s, word) in styles {
        let route = EdgeRoute {
            points: vec![Point::new(cx, cy), Point::new(cx + SAMPLE, cy)],
            label: None,
        };
        elements.extend(edge_elements(&route, s, theme, theme.background));
        cx += SAMPLE + 6.0;
        elements.push(Element::Text {
            x: cx,
            y: cy + 4.0,
            text: word.to_string(),
            size: SIZE,
            weight: Weight::Regular,
            fill: theme.muted.to_string(),
            anchor: Anchor::Start,
        });
        cx += m.width(word, SIZE, Weight::Regular) + GAP;
    }
    Group {
        class: "legend".into(),
        id: "legend".into(),
        data: Vec::new(),
        elements,
        ..Default::default()
    }
}
