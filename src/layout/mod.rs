//! Graph -> Layout: measures every text with the embedded font, asks a layout engine (ELK
//! layered by default) for boxes and routes, and returns them in absolute coordinates.

mod elk_engine;
mod geometry;
mod graph_index;
mod invariants;
mod layout_data;
mod layout_engine;
mod layout_error;
mod layout_options;
mod layout_rs_engine;
mod measured;
mod text_block;
mod text_measurer;

pub use elk_engine::ElkEngine;
pub use geometry::{Point, Rect};
pub use graph_index::{Endpoint, GraphIndex};
pub use invariants::{Violation, check};
pub use layout_data::{ClusterBox, EdgeRoute, LabelBox, Layout, NodeBox};
pub use layout_engine::{EngineInput, LayoutEngine, Placement};
pub use layout_error::LayoutError;
pub use layout_options::{Engine, LayoutOptions};
pub use layout_rs_engine::LayoutRsEngine;
pub use measured::{Insets, Measured, shape_insets};
pub use text_block::TextBlock;
pub use text_measurer::{FONT_FAMILY, TextMeasurer, Weight};

use crate::view::{Direction, Graph};

/// Lays out `graph` with the engine named in `opts`.
pub fn run(graph: &Graph, opts: &LayoutOptions) -> Result<Layout, LayoutError> {
    let index = GraphIndex::new(graph)?;
    if graph.nodes.len() > opts.max_nodes {
        return Err(LayoutError::TooLarge {
            engine: opts.engine.as_str(),
            nodes: graph.nodes.len(),
            limit: opts.max_nodes,
        });
    }
    let measurer = TextMeasurer::new();
    let measured = Measured::new(graph, &measurer, opts);
    let input = EngineInput {
        graph,
        index: &index,
        measured: &measured,
    };
    let placement = match opts.engine {
        Engine::Elk => ElkEngine.place(&input)?,
        Engine::LayoutRs => LayoutRsEngine {
            max_nodes: opts.layout_rs_max_nodes,
        }
        .place(&input)?,
    };
    let layout = assemble(graph, opts.engine, measured.clone(), placement);
    let aspect = layout.width / layout.height.max(1.0);
    if opts.engine != Engine::Elk || (1.0 / MAX_ASPECT..=MAX_ASPECT).contains(&aspect) {
        return Ok(layout);
    }
    // A layered drawing of a long, thin graph stretches along the flow; drawn across the
    // other axis it often is far less stretched. Keep whichever is closer to square.
    let mut turned = graph.clone();
    turned.direction = match graph.direction {
        Direction::Right => Direction::Down,
        Direction::Left => Direction::Up,
        Direction::Down => Direction::Right,
        Direction::Up => Direction::Left,
    };
    let input = EngineInput {
        graph: &turned,
        index: &index,
        measured: &measured,
    };
    let placed = ElkEngine.place(&input)?;
    let other = assemble(graph, opts.engine, measured, placed);
    let other_aspect = other.width / other.height.max(1.0);
    Ok(if other_aspect.ln().abs() < aspect.ln().abs() {
        other
    } else {
        layout
    })
}

/// Beyond this ratio of width to height (or its inverse) the other flow direction is tried.
const MAX_ASPECT: f64 = 4.0;

fn assemble(graph: &Graph, engine: Engine, measured: Measured, p: Placement) -> Layout {
    let nodes = graph
        .nodes
        .iter()
        .zip(measured.nodes)
        .zip(&p.nodes)
        .map(|((n, t), &rect)| {
            let i = shape_insets(n.shape);
            let content = Rect::new(
                rect.x + i.left,
                rect.y + i.top,
                rect.w - i.left - i.right,
                rect.h - i.top - i.bottom,
            );
            NodeBox {
                rect,
                content,
                label: t.label,
                captions: t.captions,
            }
        })
        .collect();
    let clusters = measured
        .clusters
        .into_iter()
        .zip(&p.clusters)
        .map(|(t, &rect)| {
            let header = Rect::new(
                rect.x + 12.0,
                rect.y + 6.0,
                (rect.w - 24.0).max(0.0),
                t.header - 6.0,
            );
            ClusterBox {
                rect,
                header,
                title: t.title,
                captions: t.captions,
            }
        })
        .collect();
    let edges = measured
        .edges
        .into_iter()
        .zip(p.edges)
        .zip(p.edge_labels)
        .map(|((t, points), lr)| {
            let label = match (t, lr) {
                (Some((text, _, _)), Some(rect)) => Some(LabelBox { rect, text }),
                _ => None,
            };
            EdgeRoute { points, label }
        })
        .collect();
    let mut layout = Layout {
        engine,
        width: 0.0,
        height: 0.0,
        nodes,
        clusters,
        edges,
    };
    layout.normalize();
    layout
}
