//! Graph -> Layout: measures every text with the embedded font, asks a layout engine (ELK
//! layered by default) for boxes and routes, and returns them in absolute coordinates.

mod declaration_order;
mod elk_engine;
mod font_tables;
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

pub use elk_engine::{DEEP_STACK, ElkEngine};
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
pub use text_measurer::{ASCENT, DESCENT, FONT_FAMILY, ShapedGlyph, TextMeasurer, Weight};

use crate::view::{Direction, Graph};

/// Lays out `graph` with the engine named in `opts`.
///
/// With ELK the flow follows `graph.direction` (the spec's `direction`, which users choose
/// on purpose) unless that drawing passes the 4:1 bound and the turned one (right <-> down,
/// left <-> up) is squarer: a 40-node pipeline drawn left to right in one row helps nobody. Errors: a
/// malformed graph (duplicate id, unknown edge end, bad cluster index), too many nodes, or an
/// engine failure; never a panic.
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
    if opts.engine == Engine::LayoutRs {
        let input = EngineInput {
            graph,
            index: &index,
            measured: &measured,
        };
        let placement = LayoutRsEngine {
            max_nodes: opts.layout_rs_max_nodes,
        }
        .place(&input)?;
        return Ok(assemble(graph, opts.engine, measured, placement));
    }
    // A layered drawing of a long, thin graph stretches along the flow; drawn across the
    // other axis it is often far less stretched, so a stretched drawing is redone turned.
    let mut turned = graph.clone();
    turned.direction = match graph.direction {
        Direction::Right => Direction::Down,
        Direction::Left => Direction::Up,
        Direction::Down => Direction::Right,
        Direction::Up => Direction::Left,
    };
    let input = EngineInput {
        graph,
        index: &index,
        measured: &measured,
    };
    let turned_input = EngineInput {
        graph: &turned,
        index: &index,
        measured: &measured,
    };
    // On mid-sized graphs both directions are laid out at once on two threads: wall time
    // is what users wait for, and many generated graphs need the second one.
    let (first, spare) = if opts.speculate && SPECULATE.contains(&graph.nodes.len()) {
        std::thread::scope(|s| {
            let other = std::thread::Builder::new()
                .stack_size(DEEP_STACK)
                .spawn_scoped(s, || ElkEngine::default().place(&turned_input));
            let first = ElkEngine::default().place(&input);
            let spare = other
                .map_err(|_| ())
                .and_then(|o| o.join().map_err(|_| ()))
                .unwrap_or_else(|()| {
                    Err(LayoutError::Engine {
                        engine: "elk",
                        message: "layout thread panicked".into(),
                    })
                });
            (first, Some(spare))
        })
    } else {
        (ElkEngine::default().place(&input), None)
    };
    let layout = assemble(graph, opts.engine, measured.clone(), first?);
    let aspect = layout.width / layout.height.max(1.0);
    if (1.0 / TRY_OTHER_ASPECT..=TRY_OTHER_ASPECT).contains(&aspect) {
        return Ok(layout);
    }
    let placed = match spare {
        Some(p) => p?,
        None => ElkEngine::default().place(&turned_input)?,
    };
    let other = assemble(graph, opts.engine, measured.clone(), placed);
    let other_aspect = other.width / other.height.max(1.0);
    // The requested direction stays unless it breaks the 4:1 bound and the other is squarer.
    let (stretch, other_stretch) = (aspect.ln().abs(), other_aspect.ln().abs());
    let best = if other_stretch < stretch {
        other
    } else {
        layout
    };
    let best_aspect = best.width / best.height.max(1.0);
    if best_aspect.ln().abs() <= MAX_ASPECT.ln() {
        return Ok(best);
    }
    // Long flows (pipelines, chains of diamonds) are stretched either way: ELK's graph
    // wrapping cuts them into rows, at the top level and inside each group.
    let wrapped = assemble(
        graph,
        opts.engine,
        measured.clone(),
        ElkEngine { wrap: true }.place(&input)?,
    );
    let wrapped_aspect = wrapped.width / wrapped.height.max(1.0);
    Ok(if wrapped_aspect.ln().abs() < best_aspect.ln().abs() {
        wrapped
    } else {
        best
    })
}

/// Beyond this ratio of width to height (or its inverse) the other flow direction is tried.
const TRY_OTHER_ASPECT: f64 = MAX_ASPECT;
/// Node counts for which both directions are laid out in parallel from the start.
const SPECULATE: std::ops::RangeInclusive<usize> = 100..=1500;
/// The bound every drawing should keep (the invariants' "not absurdly stretched").
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
