//! Graph sizes -> `layout-rs` (Graphviz-style ranking, flat) -> Placement. Opt-in; see
//! `place` for the guards against its failure modes.

use super::layout_engine::{EngineInput, LayoutEngine, Placement};
use super::layout_error::LayoutError;

const NAME: &str = "layout-rs";

/// The `layout-rs` engine, refused above `max_nodes` nodes.
#[derive(Debug, Clone, Copy)]
pub struct LayoutRsEngine {
    pub max_nodes: usize,
}

impl LayoutEngine for LayoutRsEngine {
    fn name(&self) -> &'static str {
        NAME
    }

    fn place(&self, _input: &EngineInput<'_>) -> Result<Placement, LayoutError> {
        Err(LayoutError::Unsupported {
            engine: NAME,
            reason: "not written yet".into(),
        })
    }
}
