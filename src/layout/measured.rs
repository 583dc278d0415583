//! Graph + text measurer -> the text blocks and box sizes of every node, cluster and edge
//! label, plus the extra room each `Shape` needs around its text.

use super::layout_options::LayoutOptions;
use super::text_block::TextBlock;
use super::text_measurer::{TextMeasurer, Weight};
use crate::view::{Graph, Shape};

pub const LABEL_SIZE: f64 = 14.0;
pub const CAPTION_SIZE: f64 = 11.0;
pub const CLUSTER_TITLE_SIZE: f64 = 13.0;
pub const EDGE_LABEL_SIZE: f64 = 11.0;
/// Padding between a node's text and its outline.
pub const NODE_PAD_X: f64 = 14.0;
pub const NODE_PAD_Y: f64 = 10.0;
pub const MIN_NODE_W: f64 = 120.0;
pub const MIN_NODE_H: f64 = 46.0;
/// Padding inside a cluster around its content.
pub const CLUSTER_PAD: f64 = 18.0;
/// Padding around an edge label's text (its box has a background).
pub const EDGE_LABEL_PAD: f64 = 3.0;

/// Extra room a shape takes on each side of the text area.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Insets {
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
}

/// The decorations of each shape sit in these margins, so text never meets an outline.
pub fn shape_insets(shape: Shape) -> Insets {
    let i = |top, right, bottom, left| Insets {
        top,
        right,
        bottom,
        left,
    };
    match shape {
        Shape::Box | Shape::External | Shape::Note => i(0.0, 0.0, 0.0, 0.0),
        Shape::Cylinder => i(12.0, 0.0, 4.0, 0.0),
        Shape::Pipe => i(0.0, 14.0, 0.0, 8.0),
        Shape::Person => i(30.0, 0.0, 0.0, 0.0),
        Shape::Hexagon => i(0.0, 14.0, 0.0, 14.0),
        Shape::Folder => i(10.0, 0.0, 0.0, 0.0),
        Shape::Device => i(8.0, 0.0, 10.0, 0.0),
        Shape::Pill => i(0.0, 10.0, 0.0, 10.0),
        Shape::Clock => i(0.0, 8.0, 0.0, 26.0),
        Shape::Monitor => i(0.0, 0.0, 0.0, 26.0),
    }
}

/// Text and size of one node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeText {
    pub label: TextBlock,
    pub captions: TextBlock,
    pub width: f64,
    pub height: f64,
}

/// Title of one cluster and the room it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterText {
    pub title: TextBlock,
    pub captions: TextBlock,
    /// Height of the header band (title + captions + padding).
    pub header: f64,
    /// The cluster is at least this wide so its title fits.
    pub min_width: f64,
}

/// Every measured text of a graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub nodes: Vec<NodeText>,
    pub clusters: Vec<ClusterText>,
    /// Edge label text and the size of its box (text + padding).
    pub edges: Vec<Option<(TextBlock, f64, f64)>>,
}

impl Measured {
    pub fn new(g: &Graph, m: &TextMeasurer, opts: &LayoutOptions) -> Measured {
        let nodes = g
            .nodes
            .iter()
            .map(|n| {
                let label =
                    TextBlock::wrap(m, &n.label, LABEL_SIZE, Weight::Regular, opts.label_wrap);
                let captions = TextBlock::wrap_all(
                    m,
                    &n.captions,
                    CAPTION_SIZE,
                    Weight::Regular,
                    opts.label_wrap + 20.0,
                );
                let ins = shape_insets(n.shape);
                let tw = label.width().max(captions.width());
                let th = label.height() + captions.height();
                let width = (tw + 2.0 * NODE_PAD_X + ins.left + ins.right)
                    .max(MIN_NODE_W)
                    .ceil();
                let height = (th + 2.0 * NODE_PAD_Y + ins.top + ins.bottom)
                    .max(MIN_NODE_H)
                    .ceil();
                NodeText {
                    label,
                    captions,
                    width,
                    height,
                }
            })
            .collect();
        let clusters = g
            .clusters
            .iter()
            .map(|c| {
                let title = TextBlock::wrap(m, &c.label, CLUSTER_TITLE_SIZE, Weight::Bold, 360.0);
                let captions =
                    TextBlock::wrap_all(m, &c.captions, CAPTION_SIZE, Weight::Regular, 360.0);
                let header = (title.height() + captions.height() + 12.0).ceil();
                let min_width = (title.width().max(captions.width()) + 2.0 * 12.0).ceil();
                ClusterText {
                    title,
                    captions,
                    header,
                    min_width,
                }
            })
            .collect();
        let edges = g
            .edges
            .iter()
            .map(|e| {
                let text = e.label.as_deref().filter(|t| !t.trim().is_empty())?;
                let tb = TextBlock::wrap(
                    m,
                    text,
                    EDGE_LABEL_SIZE,
                    Weight::Regular,
                    opts.edge_label_wrap,
                );
                let w = (tb.width() + 2.0 * EDGE_LABEL_PAD).ceil();
                let h = (tb.height() + 2.0 * EDGE_LABEL_PAD).ceil();
                Some((tb, w, h))
            })
            .collect();
        Measured {
            nodes,
            clusters,
            edges,
        }
    }
}
