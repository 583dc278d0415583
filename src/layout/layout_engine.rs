//! The seam between mlsd and a layout algorithm: (graph, index, measured sizes) in, boxes,
//! routes and label boxes out. Engines never see text, only sizes.

use super::geometry::{Point, Rect};
use super::graph_index::GraphIndex;
use super::layout_error::LayoutError;
use super::measured::Measured;
use crate::view::Graph;

/// What an engine is given.
pub struct EngineInput<'a> {
    pub graph: &'a Graph,
    pub index: &'a GraphIndex,
    pub measured: &'a Measured,
}

/// What an engine returns, indexed like the graph (coordinates absolute, any origin).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Placement {
    pub nodes: Vec<Rect>,
    pub clusters: Vec<Rect>,
    /// One polyline per edge, from the source's border to the target's border.
    pub edges: Vec<Vec<Point>>,
    pub edge_labels: Vec<Option<Rect>>,
}

/// A layout algorithm.
pub trait LayoutEngine {
    fn name(&self) -> &'static str;
    fn place(&self, input: &EngineInput<'_>) -> Result<Placement, LayoutError>;
}
