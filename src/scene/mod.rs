//! Graph + Layout + Theme -> Scene: positioned shapes, text and paths with resolved colours,
//! plus the diagram's title and a legend of the edge styles in use. No layout happens here.

mod edge_drawing;
mod legend;
mod node_shapes;
mod scene_data;
pub mod sequence;
mod sequence_parts;
mod theme;

pub use edge_drawing::rounded_path;
pub use node_shapes::shape_elements;
pub use scene_data::{Anchor, Color, Element, Group, PathCmd, Scene, Stroke};
pub use theme::Theme;

use std::collections::BTreeMap;

use crate::layout::{FONT_FAMILY, Layout, TextBlock, TextMeasurer, Weight};
use crate::view::Graph;

const MARGIN: f64 = 24.0;
const TITLE_SIZE: f64 = 18.0;

/// Builds the scene of a laid-out graph. `layout` must come from `layout::run(graph, ..)`;
/// items missing from it are skipped rather than drawn wrong.
pub fn build(graph: &Graph, layout: &Layout, theme: &Theme) -> Scene {
    let m = TextMeasurer::new();
    let title = graph.title.trim().to_string();
    let title_w = m.width(&title, TITLE_SIZE, Weight::Bold);
    let title_h = if title.is_empty() {
        0.0
    } else {
        TITLE_SIZE * 1.3 + 12.0
    };
    let styles = legend::entries(graph);
    let legend_w = if styles.is_empty() {
        0.0
    } else {
        legend::width(&styles, &m)
    };
    let legend_h = if styles.is_empty() {
        0.0
    } else {
        legend::HEIGHT + 20.0
    };

    let mut l = layout.clone();
    let (ox, oy) = (MARGIN, MARGIN + title_h);
    l.translate(ox, oy);
    let width = (l.width.max(title_w).max(legend_w) + 2.0 * MARGIN).ceil();
    let height = (oy + l.height + legend_h + MARGIN).ceil();

    let mut groups = Vec::new();
    if !title.is_empty() {
        groups.push(Group {
            class: "title".into(),
            id: "title".into(),
            data: Vec::new(),
            elements: vec![Element::Text {
                x: MARGIN,
                y: MARGIN + TITLE_SIZE,
                text: title.clone(),
                size: TITLE_SIZE,
                weight: Weight::Bold,
                fill: theme.text.to_string(),
                anchor: Anchor::Start,
            }],
            ..Default::default()
        });
    }
    let mut titles = Vec::new();
    let mut depth = vec![0usize; graph.clusters.len()];
    for (i, c) in graph.clusters.iter().enumerate() {
        depth[i] = c.parent.filter(|&p| p < i).map_or(0, |p| depth[p] + 1);
        let Some(cb) = l.clusters.get(i) else {
            continue;
        };
        let r = cb.rect;
        let elements = vec![Element::Rect {
            x: r.x,
            y: r.y,
            w: r.w,
            h: r.h,
            rx: 10.0,
            fill: theme.cluster_fills[depth[i] % theme.cluster_fills.len()].to_string(),
            stroke: Some(Stroke {
                color: theme.cluster_stroke.to_string(),
                width: 1.2,
                dash: Vec::new(),
                round: false,
            }),
        }];
        groups.push(Group {
            class: format!("cluster {}", class_word(&c.kind)),
            id: format!("cluster-{}", c.id),
            data: Vec::new(),
            elements,
            ..Default::default()
        });
        // Titles go on a plate drawn after the edges: an edge entering the cluster next to
        // its title passes under the plate instead of striking through the text.
        let fill = theme.cluster_fills[depth[i] % theme.cluster_fills.len()];
        let (tw, th) = (
            cb.title.width().max(cb.captions.width()),
            cb.title.height() + cb.captions.height(),
        );
        let mut plate = vec![Element::Rect {
            x: cb.header.x - 3.0,
            y: cb.header.y,
            w: tw + 6.0,
            h: th,
            rx: 3.0,
            fill: fill.to_string(),
            stroke: None,
        }];
        let mut y = cb.header.y;
        push_block(
            &mut plate,
            &cb.title,
            cb.header.x,
            &mut y,
            theme.cluster_title,
            Anchor::Start,
        );
        push_block(
            &mut plate,
            &cb.captions,
            cb.header.x,
            &mut y,
            theme.muted,
            Anchor::Start,
        );
        titles.push(Group {
            class: "cluster-title".into(),
            id: format!("cluster-title-{}", c.id),
            data: Vec::new(),
            elements: plate,
            ..Default::default()
        });
    }
    let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (i, e) in graph.edges.iter().enumerate() {
        let Some(route) = l.edges.get(i) else {
            continue;
        };
        let n = seen.entry((e.from.as_str(), e.to.as_str())).or_default();
        // The innermost cluster under the label gives the colour behind it.
        let bg = route
            .label
            .as_ref()
            .and_then(|lb| {
                let c = lb.rect.center();
                (0..l.clusters.len())
                    .rev()
                    .find(|&k| l.clusters[k].rect.strictly_contains(c, 0.0))
                    .map(|k| theme.cluster_fills[depth[k] % theme.cluster_fills.len()])
            })
            .unwrap_or(theme.label_bg);
        groups.push(Group {
            class: format!("edge {}", e.style.as_str()),
            id: format!("edge-{}-{}-{}", e.from, e.to, n),
            data: vec![("from".into(), e.from.clone()), ("to".into(), e.to.clone())],
            elements: edge_drawing::edge_elements(route, e.style, theme, bg),
            tooltip: e.tooltip.clone(),
            link: e.link.clone(),
        });
        *n += 1;
    }
    groups.extend(titles);
    for (i, n) in graph.nodes.iter().enumerate() {
        let Some(nb) = l.nodes.get(i) else { continue };
        let (fill, stroke) = theme.node_colors(n.shape);
        let mut elements = shape_elements(n.shape, nb.rect, fill, stroke);
        let c = nb.content;
        let mut y = c.y + (c.h - nb.label.height() - nb.captions.height()) / 2.0;
        let cx = c.x + c.w / 2.0;
        push_block(
            &mut elements,
            &nb.label,
            cx,
            &mut y,
            theme.text,
            Anchor::Middle,
        );
        push_block(
            &mut elements,
            &nb.captions,
            cx,
            &mut y,
            theme.muted,
            Anchor::Middle,
        );
        groups.push(Group {
            class: format!("node {}", class_word(&n.kind)),
            id: format!("node-{}", n.id),
            data: Vec::new(),
            elements,
            tooltip: n.tooltip.clone(),
            link: n.link.clone(),
        });
    }
    if !styles.is_empty() {
        groups.push(legend::legend(
            &styles,
            theme,
            &m,
            MARGIN,
            oy + l.height + 20.0,
        ));
    }
    Scene {
        width,
        height,
        title,
        background: theme.background.to_string(),
        font_family: FONT_FAMILY.to_string(),
        groups,
        png_pixels: None,
    }
}

/// Appends one text element per line of `b`, starting at `*y` (top of the block).
fn push_block(
    out: &mut Vec<Element>,
    b: &TextBlock,
    x: f64,
    y: &mut f64,
    fill: &str,
    anchor: Anchor,
) {
    for (i, line) in b.lines.iter().enumerate() {
        out.push(Element::Text {
            x,
            y: *y + b.baseline(i),
            text: line.clone(),
            size: b.size,
            weight: b.weight,
            fill: fill.to_string(),
            anchor,
        });
    }
    *y += b.height();
}

/// A kind made safe for a CSS class: letters, digits, `_` and `-` only.
fn class_word(kind: &str) -> String {
    let w: String = kind
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if w.is_empty() { "item".into() } else { w }
}
